import Foundation
import PureCrypto
import PureJWT
import PureKeys
import TestSupport
import XCTest

/// The Embedded Swift `box-assertion` program, run as built for wasm32 (under WasmKit) and for the
/// Cortex-M4 (under QEMU's mps2-an386), on configs made with a fresh openssl key. Each printed JWT
/// is checked with the project's verifier and with openssl: signature, header, every claim, the
/// `exp` window, the `jti`. A wrong passphrase and a malformed config must fail with their codes.
///
/// The artifacts are what `Embedded/build.sh` prints on its last line, given in
/// PUREJWT_BOX_ASSERTION_WASM and PUREJWT_BOX_ASSERTION_ELF. `.ci/run` builds them, sets both and
/// runs this class; without them (a plain `swift test`) the tests skip and say so.
final class BoxAssertionProgramTests: XCTestCase {
    enum Target: String, CaseIterable {
        case wasm32, armv7em
        var variable: String { self == .wasm32 ? "PUREJWT_BOX_ASSERTION_WASM" : "PUREJWT_BOX_ASSERTION_ELF" }
    }

    static let clientID = "embeddedclient01"
    static let keyID = "embkid42"
    static let enterpriseID = "8675309"
    static let passphrase = "correct horse embedded"
    static let audience = "https://api.box.com/oauth2/token"

    /// A fresh RSA-2048 key from openssl, in the three forms the program reads.
    struct FreshKey {
        var encryptedPKCS8: String
        var pkcs8: String
        var pkcs1: String
        var publicKeyFile: URL
        var publicKey: RSAPublicKey
    }

    nonisolated(unsafe) static var cachedKey: FreshKey?
    nonisolated(unsafe) static var directory: URL?

    override class func tearDown() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
        super.tearDown()
    }

    static func workDirectory() throws -> URL {
        if let directory { return directory }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-embedded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        directory = url
        return url
    }

    static func freshKey() throws -> FreshKey {
        if let cachedKey { return cachedKey }
        let dir = try workDirectory()
        let keyFile = dir.appendingPathComponent("key.pem").path
        try openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", keyFile])
        // Encrypted PKCS#8 as the Box console writes it: PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC.
        let encrypted = try openssl(["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA256",
                                     "-in", keyFile, "-passout", "pass:" + passphrase])
        let pkcs8 = try openssl(["pkcs8", "-topk8", "-nocrypt", "-in", keyFile])
        let pkcs1 = try openssl(["rsa", "-traditional", "-in", keyFile])
        let publicKeyFile = dir.appendingPathComponent("public.pem")
        try openssl(["rsa", "-pubout", "-in", keyFile, "-out", publicKeyFile.path])
        XCTAssertTrue(encrypted.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"), encrypted)
        XCTAssertTrue(pkcs8.hasPrefix("-----BEGIN PRIVATE KEY-----"), pkcs8)
        XCTAssertTrue(pkcs1.hasPrefix("-----BEGIN RSA PRIVATE KEY-----"), pkcs1)
        let key = FreshKey(encryptedPKCS8: encrypted, pkcs8: pkcs8, pkcs1: pkcs1, publicKeyFile: publicKeyFile,
                           publicKey: try RSAPublicKey(pemRepresentation: String(contentsOf: publicKeyFile, encoding: .utf8)))
        cachedKey = key
        return key
    }

    @discardableResult
    static func openssl(_ arguments: [String], stdin: [UInt8] = []) throws -> String {
        let result = try ProcessRunner.oracle("openssl", arguments, stdin: stdin)
        guard result.status == 0 else { throw VectorError("openssl \(arguments.first ?? "") failed: \(result.stderrText)") }
        return result.stdoutText
    }

    /// A config.json as the Box console writes it (IDs as strings; the console writes an empty
    /// `passphrase` for an unencrypted key; nil leaves the member out).
    static func config(privateKey: String, passphrase: String?) throws -> [UInt8] {
        var appAuth = ["publicKeyID": keyID, "privateKey": privateKey]
        appAuth["passphrase"] = passphrase
        let object: [String: Any] = [
            "boxAppSettings": [
                "clientID": clientID,
                "clientSecret": "embedded-client-secret",
                "appAuth": appAuth,
            ],
            "enterpriseID": enterpriseID,
        ]
        return [UInt8](try JSONSerialization.data(withJSONObject: object))
    }

    /// The artifact built for `target`, or a skip naming the variable when it is not set.
    static func artifact(_ target: Target) throws -> URL {
        guard let path = ProcessInfo.processInfo.environment[target.variable], !path.isEmpty else {
            throw XCTSkip("\(target.variable) is not set: build with `Embedded/build.sh \(target.rawValue)` and set it to the path printed last (.ci/run does both)")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw VectorError("\(target.variable)=\(path): no such file; build it with `Embedded/build.sh \(target.rawValue)`")
        }
        return URL(fileURLWithPath: path)
    }

    /// Runs the program for `target` with `arguments` and `config` as its config.json: standard
    /// input under WasmKit, `config.json` in QEMU's working directory under semihosting.
    static func run(_ target: Target, _ arguments: [String], config: [UInt8]) throws -> ProcessResult {
        let image = try artifact(target)
        switch target {
        case .wasm32:
            return try ProcessRunner.oracle("timeout", ["120", "wasmkit", "run", image.path] + arguments, stdin: config)
        case .armv7em:
            let folder = try workDirectory().appendingPathComponent("qemu-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data(config).write(to: folder.appendingPathComponent("config.json"))
            _ = try ProcessRunner.onPath("qemu-system-arm")
            return try ProcessRunner.oracle("env", [
                "-C", folder.path, "timeout", "300",
                "qemu-system-arm", "-M", "mps2-an386", "-nographic", "-monitor", "none",
                "-semihosting-config", "enable=on,target=native", "-kernel", image.path,
                "-append", arguments.joined(separator: " "),
            ])
        }
    }

    /// The clock the program reads, in seconds. WasmKit before 0.3.0 answers WASI's
    /// CLOCK_REALTIME with the host's CLOCK_BOOTTIME (its `SystemWallClock` on Linux; fixed in
    /// 0.3.0), so under those versions `exp` counts from boot: the window is checked against that.
    static func programClock(_ target: Target) throws -> () -> Int64 {
        if target == .wasm32 {
            let version = try ProcessRunner.oracle("wasmkit", ["--version"]).stdoutText
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let parts = version.split(separator: ".").compactMap { Int($0) }
            if parts.count >= 2 && parts[0] == 0 && parts[1] < 3 {
                return {
                    #if os(Linux)
                    var spec = timespec()
                    clock_gettime(CLOCK_BOOTTIME, &spec)
                    return Int64(spec.tv_sec)
                    #else
                    // Darwin: WasmKit's clock there is the uptime.
                    return Int64(ProcessInfo.processInfo.systemUptime)
                    #endif
                }
            }
        }
        return { Int64(Date().timeIntervalSince1970.rounded(.down)) }
    }

    enum Subject { case user(String), enterprise }

    /// Signs one assertion with the program and checks everything about it; returns its jti.
    func checkAssertion(_ target: Target, privateKey: String, passphrase: String, subject: Subject,
                        file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let key = try Self.freshKey()
        let arguments: [String]
        let (expectedSub, expectedType): (String, String)
        switch subject {
        case .user(let id):
            arguments = ["user", id]
            (expectedSub, expectedType) = (id, "user")
        case .enterprise:
            arguments = ["enterprise"]
            (expectedSub, expectedType) = (Self.enterpriseID, "enterprise")
        }
        let clock = try Self.programClock(target)
        let before = clock()
        let result = try Self.run(target, arguments, config: Self.config(privateKey: privateKey, passphrase: passphrase))
        let after = clock()
        let what = "\(target.rawValue) \(arguments.joined(separator: " "))"
        XCTAssertEqual(result.status, 0, "\(what): \(result.stderrText)", file: file, line: line)
        XCTAssertTrue(result.stdoutText.hasSuffix("\n"), "\(what): no newline after the JWT", file: file, line: line)
        let lines = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 2, "\(what): one line on stdout: \(result.stdoutText)", file: file, line: line)
        let token = String(lines[0])
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3 else {
            XCTFail("\(what): not a compact JWS: \(token)", file: file, line: line)
            return ""
        }

        // Header and claims, read with Foundation (not the project's parser).
        let header = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(Self.base64URLDecode(parts[0]))) as? [String: Any], what)
        XCTAssertEqual(Set(header.keys), ["alg", "typ", "kid"], what, file: file, line: line)
        XCTAssertEqual(header["alg"] as? String, "RS256", what, file: file, line: line)
        XCTAssertEqual(header["typ"] as? String, "JWT", what, file: file, line: line)
        XCTAssertEqual(header["kid"] as? String, Self.keyID, what, file: file, line: line)
        let claims = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(Self.base64URLDecode(parts[1]))) as? [String: Any], what)
        XCTAssertEqual(Set(claims.keys), ["iss", "sub", "box_sub_type", "aud", "jti", "exp"], what, file: file, line: line)
        XCTAssertEqual(claims["iss"] as? String, Self.clientID, what, file: file, line: line)
        XCTAssertEqual(claims["sub"] as? String, expectedSub, what, file: file, line: line)
        XCTAssertEqual(claims["box_sub_type"] as? String, expectedType, what, file: file, line: line)
        XCTAssertEqual(claims["aud"] as? String, Self.audience, what, file: file, line: line)
        let exp = try XCTUnwrap((claims["exp"] as? NSNumber)?.int64Value, "\(what): exp is not a number")
        XCTAssertTrue(exp >= before + 30 && exp <= after + 45, "\(what): exp \(exp) outside [\(before + 30), \(after + 45)]", file: file, line: line)
        let jti = try XCTUnwrap(claims["jti"] as? String, what)
        XCTAssertEqual(jti.count, 86, "\(what): jti length", file: file, line: line)
        XCTAssertTrue(jti.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }, "\(what): jti not base64url: \(jti)", file: file, line: line)
        XCTAssertEqual(try Self.base64URLDecode(jti).count, 64, "\(what): jti is not 64 bytes", file: file, line: line)

        // The project's verifier: signature, algorithm, kid, iss, aud, sub, exp.
        var validation = JWTValidation.at(after)
        validation.leeway = 0
        validation.issuer = Self.clientID
        validation.audience = Self.audience
        validation.subject = expectedSub
        validation.type = "JWT"
        let verifier = JWTVerifier(algorithms: [.rs256], key: try .rsa(key.publicKey, algorithms: [.rs256], keyID: Self.keyID),
                                   validation: validation)
        do {
            let verified = try verifier.verify(token)
            XCTAssertEqual(verified.claims.expiration, exp, what, file: file, line: line)
        } catch {
            XCTFail("\(what): the project's verifier refused the assertion: \(error)", file: file, line: line)
        }

        // openssl: RSASSA-PKCS1-v1_5 with SHA-256 over the signing input.
        XCTAssertTrue(try Self.opensslVerifies(signingInput: parts[0] + "." + parts[1], signature: Self.base64URLDecode(parts[2]), publicKey: key.publicKeyFile),
                      "\(what): openssl does not verify the signature", file: file, line: line)
        return jti
    }

    static func opensslVerifies(signingInput: String, signature: [UInt8], publicKey: URL) throws -> Bool {
        let dir = try workDirectory()
        let signatureFile = dir.appendingPathComponent("sig-\(UUID().uuidString).bin")
        try Data(signature).write(to: signatureFile)
        defer { try? FileManager.default.removeItem(at: signatureFile) }
        let result = try ProcessRunner.oracle("openssl", ["dgst", "-sha256", "-verify", publicKey.path, "-signature", signatureFile.path],
                                              stdin: Array(signingInput.utf8))
        return result.status == 0 && result.stdoutText.contains("Verified OK")
    }

    static func base64URLDecode(_ text: String) throws -> [UInt8] {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { throw VectorError("not base64url: \(text)") }
        return [UInt8](data)
    }

    /// Both builds, all three key forms, both subjects; every jti differs.
    func testAssertionsVerifyWithTheProjectAndOpenssl() throws {
        for target in Target.allCases { _ = try Self.artifact(target) }
        let key = try Self.freshKey()
        var jtis: [String] = []
        for target in Target.allCases {
            jtis.append(try checkAssertion(target, privateKey: key.encryptedPKCS8, passphrase: Self.passphrase, subject: .user("1001")))
            jtis.append(try checkAssertion(target, privateKey: key.encryptedPKCS8, passphrase: Self.passphrase, subject: .enterprise))
            jtis.append(try checkAssertion(target, privateKey: key.pkcs8, passphrase: "", subject: .user("2002")))
            jtis.append(try checkAssertion(target, privateKey: key.pkcs1, passphrase: "", subject: .enterprise))
        }
        XCTAssertEqual(Set(jtis).count, jtis.count, "a jti repeated: \(jtis)")
    }

    /// openssl, the oracle, must refuse a signature with one bit changed.
    func testOpensslRefusesAnAlteredSignature() throws {
        let target = Target.wasm32
        _ = try Self.artifact(target)
        let key = try Self.freshKey()
        let result = try Self.run(target, ["user", "1001"], config: Self.config(privateKey: key.pkcs8, passphrase: ""))
        XCTAssertEqual(result.status, 0, result.stderrText)
        let parts = result.stdoutText.trimmingCharacters(in: .newlines).split(separator: ".").map(String.init)
        XCTAssertEqual(parts.count, 3)
        var signature = try Self.base64URLDecode(parts[2])
        XCTAssertTrue(try Self.opensslVerifies(signingInput: parts[0] + "." + parts[1], signature: signature, publicKey: key.publicKeyFile))
        signature[100] ^= 1
        XCTAssertFalse(try Self.opensslVerifies(signingInput: parts[0] + "." + parts[1], signature: signature, publicKey: key.publicKeyFile))
    }

    /// Failures: one line on stderr with the code `purejwt` prints for the same cause, nothing on
    /// stdout, a non-zero status, no secret echoed.
    func testFailuresPrintTheirCodes() throws {
        for target in Target.allCases { _ = try Self.artifact(target) }
        let key = try Self.freshKey()
        let cases: [(name: String, arguments: [String], config: [UInt8], code: String, status: Int32)] = [
            ("wrong passphrase", ["user", "1001"], try Self.config(privateKey: key.encryptedPKCS8, passphrase: "not the passphrase"), "wrong_passphrase", 1),
            ("no passphrase", ["user", "1001"], try Self.config(privateKey: key.encryptedPKCS8, passphrase: nil), "missing_passphrase", 1),
            ("malformed config", ["enterprise"], Array(#"{"boxAppSettings": {"clientID": "x",}"#.utf8), "config_invalid", 1),
            ("config without the key", ["enterprise"], Array(#"{"boxAppSettings": {"clientID": "x", "clientSecret": "y", "appAuth": {"publicKeyID": "k"}}}"#.utf8), "config_invalid", 1),
            ("no subject", [], try Self.config(privateKey: key.pkcs8, passphrase: ""), "missing_argument", 2),
        ]
        for target in Target.allCases {
            _ = try Self.artifact(target)
            for c in cases {
                let what = "\(target.rawValue): \(c.name)"
                let result = try Self.run(target, c.arguments, config: c.config)
                XCTAssertEqual(result.status, c.status, "\(what): \(result.stderrText)")
                XCTAssertEqual(result.stdout, [], "\(what): stdout \(result.stdoutText)")
                let lines = result.stderrText.split(separator: "\n")
                XCTAssertEqual(lines.count, 1, "\(what): \(result.stderrText)")
                XCTAssertTrue(result.stderrText.hasPrefix("box-assertion: error[\(c.code)]: "), "\(what): \(result.stderrText)")
                XCTAssertFalse(result.stderrText.contains("passphrase\"") || result.stderrText.contains(Self.passphrase)
                               || result.stderrText.contains("not the passphrase") || result.stderrText.contains("PRIVATE KEY"),
                               "\(what): a secret in the message: \(result.stderrText)")
            }
        }
    }
}
