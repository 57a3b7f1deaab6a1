import Foundation
import TestSupport
import XCTest

/// `purejwt key show`, `key convert`, `sign` and `verify` against the key vectors, with openssl as
/// the oracle for randomized PSS signatures.
final class KeyVerbTests: XCTestCase {
    private var binary: URL!

    override func setUpWithError() throws { binary = try ProcessRunner.purejwt() }

    private func path(_ relative: String) -> String { Vectors.url(relative).path }
    private func bytes(_ relative: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: Vectors.url(relative))) }
    private func json(_ relative: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: Vectors.url(relative))) as! [String: Any]
    }

    private func run(_ arguments: [String], stdin: [UInt8] = []) throws -> ProcessResult {
        try ProcessRunner.run(binary, arguments, stdin: stdin)
    }

    private func assertError(_ r: ProcessResult, _ code: String, status: Int32 = 1, _ id: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, "\(id): \(r.stderrText)", file: file, line: line)
        XCTAssertTrue(r.stderrText.hasPrefix("purejwt: error[\(code)]: "), "\(id): \(r.stderrText)", file: file, line: line)
        XCTAssertEqual(r.stderrText.filter { $0 == "\n" }.count, 1, "\(id): one stderr line", file: file, line: line)
    }

    /// Files of a generated key folder, the format `key show` must report, and the `--to` that
    /// reproduces each (with --der or not).
    private let files: [(name: String, shown: String, to: String, der: Bool, isPrivate: Bool)] = [
        ("pkcs1.pem", "PKCS#1 RSAPrivateKey, PEM", "pkcs1", false, true), ("pkcs1.der", "PKCS#1 RSAPrivateKey, DER", "pkcs1", true, true),
        ("pkcs8.pem", "PKCS#8 PrivateKeyInfo, PEM", "pkcs8", false, true), ("pkcs8.der", "PKCS#8 PrivateKeyInfo, DER", "pkcs8", true, true),
        ("spki.pem", "SubjectPublicKeyInfo, PEM", "spki", false, false), ("spki.der", "SubjectPublicKeyInfo, DER", "spki", true, false),
        ("pkcs1_public.pem", "PKCS#1 RSAPublicKey, PEM", "rsa-public", false, false),
        ("pkcs1_public.der", "PKCS#1 RSAPublicKey, DER", "rsa-public", true, false),
        ("jwk_private.json", "JWK (private)", "jwk", false, true), ("jwk_public.json", "JWK (public)", "jwk-public", false, false),
    ]

    private func present(_ folder: String) -> [(name: String, shown: String, to: String, der: Bool, isPrivate: Bool)] {
        files.filter { FileManager.default.fileExists(atPath: path("\(folder)/\($0.name)")) }
    }

    func testKeyShowReportsFormatAndThumbprintButNoSecret() throws {
        for (folder, bits, extra) in [("generated/keys/rsa2048", 2048, [String]()), ("generated/keys/rsa1024", 1024, ["--unsafe-allow-small-key"])] {
            let numbers = try json("\(folder)/key_numbers.json")
            let d = numbers["d"] as! String
            for f in present(folder) {
                let id = "key show \(folder)/\(f.name)"
                let r = try run(["key", "show", "--in", path("\(folder)/\(f.name)")] + extra)
                XCTAssertEqual(r.status, 0, "\(id): \(r.stderrText)")
                XCTAssertEqual(r.stdoutText, """
                    type: RSA \(f.isPrivate ? "private" : "public") key
                    size: \(bits) bits
                    format: \(f.shown)
                    public exponent: \(numbers["e"] as! Int)
                    jwk thumbprint (SHA-256): \(numbers["jwk_thumbprint_sha256"] as! String)

                    """, id)
                XCTAssertFalse(r.stdoutText.lowercased().contains(d.prefix(12)), "\(id): shows d")
            }
        }
        let stdin = try run(["key", "show", "--in", "-"], stdin: try bytes("generated/keys/rsa2048/pkcs8.der"))
        XCTAssertTrue(stdin.stdoutText.contains("format: PKCS#8 PrivateKeyInfo, DER"), "key show from stdin: \(stdin.stderrText)")
    }

    /// Every input file converted to every format reproduces that format's vector file.
    func testKeyConvertReproducesEveryVectorFile() throws {
        for (folder, extra) in [("generated/keys/rsa2048", [String]()), ("generated/keys/rsa1024", ["--unsafe-allow-small-key"])] {
            let all = present(folder)
            for input in all {
                for output in all {
                    var arguments = ["key", "convert", "--in", path("\(folder)/\(input.name)"), "--to", output.to] + extra
                    if output.der { arguments.append("--der") }
                    let id = "key convert \(folder)/\(input.name) --to \(output.to)\(output.der ? " --der" : "")"
                    let r = try run(arguments)
                    if output.isPrivate && !input.isPrivate {
                        assertError(r, "not_a_private_key", id)
                        continue
                    }
                    XCTAssertEqual(r.status, 0, "\(id): \(r.stderrText)")
                    XCTAssertEqual(r.stdout, try bytes("\(folder)/\(output.name)"), id)
                }
            }
        }
    }

    func testKeyConvertOutFileIsPrivateForPrivateKeys() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (to, mode, file) in [("pkcs8", 0o600, "pkcs8.pem"), ("spki", 0o644, "spki.pem")] {
            let out = dir.appendingPathComponent(to).path
            // A file that already exists with a wider mode is replaced (--force) by a tight one.
            FileManager.default.createFile(atPath: out, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
            let r = try run(["key", "convert", "--in", path("generated/keys/rsa2048/jwk_private.json"), "--to", to, "--out", out, "--force"])
            XCTAssertEqual(r.status, 0, r.stderrText)
            XCTAssertEqual(r.stdout, [], "--out writes nothing to stdout")
            XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: out))), try bytes("generated/keys/rsa2048/\(file)"), to)
            let attributes = try FileManager.default.attributesOfItem(atPath: out)
            XCTAssertEqual((attributes[.posixPermissions] as? Int).map { $0 & 0o077 }, mode & 0o077, "\(to) file mode")
        }
    }

    func testUsageAndRejectedInput() throws {
        let key = path("generated/keys/rsa2048/pkcs8.pem")
        assertError(try run(["key", "convert", "--in", key, "--to", "pem"]), "invalid_option_value", status: 2, "unknown --to")
        assertError(try run(["key", "convert", "--in", key, "--to", "jwk", "--der"]), "conflicting_options", status: 2, "--der with jwk")
        assertError(try run(["key", "show"]), "missing_option", status: 2, "key show without --in")
        assertError(try run(["sign", "--alg", "HS256", "--key", key]), "invalid_option_value", status: 2, "sign --alg HS256")
        assertError(try run(["sign", "--alg", "RS256", "--key", path("generated/keys/rsa2048/spki.pem")]), "not_a_private_key", "sign with a public key")
        assertError(try run(["key", "show", "--in", path("generated/negative/ec_p256_pkcs8.pem")]), "unsupported_key_type", "EC key")
        assertError(try run(["key", "show", "--in", path("generated/keys/rsa2048/pkcs8_pbes2_aes256_sha256_iter2048.pem")]), "missing_passphrase", "encrypted key")
        assertError(try run(["key", "show", "--in", path("pyca_keys/PEM_Serialization__rsa-bad-1025-q-is-2.pem"), "--unsafe-allow-small-key"]), "invalid_key", "q = 2")
        for verb in [["key", "show", "--help"], ["key", "convert", "--help"], ["sign", "--help"], ["verify", "--help"]] {
            let r = try run(verb)
            XCTAssertEqual(r.status, 0, "\(verb)")
            XCTAssertTrue(r.stdoutText.hasPrefix("usage: purejwt \(verb.dropLast().joined(separator: " "))"), "\(verb): \(r.stdoutText)")
        }
    }

    /// Every verb that reads a key refuses 1024 bits without --unsafe-allow-small-key.
    func testSmallKeysNeedTheUnsafeFlag() throws {
        let key = path("generated/keys/rsa1024/pkcs8.pem")
        let sig = "AAAA"
        for arguments in [["key", "show", "--in", key], ["key", "convert", "--in", key, "--to", "spki"],
                          ["sign", "--alg", "RS256", "--key", key], ["verify", "--alg", "RS256", "--key", key, "--signature", sig]] {
            assertError(try run(arguments, stdin: [1, 2, 3]), "key_size_not_allowed", "\(arguments)")
        }
    }

    /// RS*: byte-exact against signatures.json, and verify accepts them (with public or private
    /// key) and rejects tampering.
    func testSignAndVerifyPKCS1v15Vectors() throws {
        for (folder, extra) in [("generated/keys/rsa2048", [String]()), ("generated/keys/rsa1024", ["--unsafe-allow-small-key"])] {
            let file = "\(folder)/signatures.json"
            let doc = try json(file)
            let names = ["SHA-256": "RS256", "SHA-384": "RS384", "SHA-512": "RS512"]
            var checked = 0
            var variantsDone: Set<String> = []
            for t in doc["tests"] as! [[String: Any]] {
                guard let alg = names[t["hash"] as! String] else { continue }
                let id = "\(file) case \(t["id"]!)"
                let message = hexBytes(t["message_hex"] as! String)
                let want = t["signature_hex"] as! String
                let hexSig = try run(["sign", "--alg", alg, "--key", path(doc["private_key_file"] as! String), "--hex"] + extra, stdin: message)
                XCTAssertEqual(hexSig.stdoutText, want + "\n", "\(id): \(hexSig.stderrText)")
                let ok = try run(["verify", "--alg", alg, "--key", path(doc["public_key_file"] as! String), "--signature", want, "--hex"] + extra, stdin: message)
                XCTAssertEqual(ok.status, 0, "\(id) verify: \(ok.stderrText)")
                XCTAssertEqual(ok.stdoutText, "valid\n", id)
                checked += 1
                // The other input forms, once per algorithm (each run is a process and an RSA key check).
                guard variantsDone.insert(alg).inserted else { continue }
                let b64 = try run(["sign", "--alg", alg, "--key", path("\(folder)/jwk_private.json")] + extra, stdin: message)
                let b64Text = b64.stdoutText.trimmingCharacters(in: .newlines)
                XCTAssertFalse(b64Text.contains("=") || b64Text.contains("+") || b64Text.contains("/"), id)
                let withPrivate = try run(["verify", "--alg", alg, "--key", path("\(folder)/pkcs1.pem"), "--signature", want, "--hex"] + extra, stdin: message)
                XCTAssertEqual(withPrivate.status, 0, "\(id) verify with the private key: \(withPrivate.stderrText)")
                let ok64 = try run(["verify", "--alg", alg, "--key", path(doc["public_key_file"] as! String), "--signature", b64Text] + extra, stdin: message)
                XCTAssertEqual(ok64.status, 0, "\(id) base64url: \(ok64.stderrText)")
                assertError(try run(["verify", "--alg", alg, "--key", path(doc["public_key_file"] as! String), "--signature", want, "--hex"] + extra,
                                    stdin: message + [0]), "signature_invalid", "\(id) tampered message")
                assertError(try run(["verify", "--alg", alg, "--key", path(doc["public_key_file"] as! String), "--signature", "@@"] + extra,
                                    stdin: message), "signature_invalid", "\(id) malformed signature")
            }
            XCTAssertGreaterThan(checked, 0, file)
        }
    }

    /// PS*: our signatures verify under openssl (salt length = hash length), and openssl's
    /// signatures verify under ours; RS256 from openssl too. Random messages, read from a file.
    func testPSSAgainstOpenSSL() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-pss-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SystemRandomNumberGenerator()
        let privateKey = path("generated/keys/rsa2048/pkcs8.pem"), publicKey = path("generated/keys/rsa2048/spki.pem")
        for (alg, digest) in [("PS256", "sha256"), ("PS384", "sha384"), ("PS512", "sha512"), ("RS256", "sha256")] {
            let message = (0..<Int.random(in: 0...3000, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let messageFile = dir.appendingPathComponent("msg"), sigFile = dir.appendingPathComponent("sig")
            try Data(message).write(to: messageFile)
            let pss = alg.hasPrefix("PS") ? ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest", "-sigopt", "rsa_mgf1_md:\(digest)"] : []
            let id = "\(alg), \(message.count)-byte message"

            let ours = try run(["sign", "--alg", alg, "--key", privateKey, "--hex", messageFile.path])
            XCTAssertEqual(ours.status, 0, "\(id): \(ours.stderrText)")
            try Data(hexBytes(ours.stdoutText.trimmingCharacters(in: .newlines))).write(to: sigFile)
            let check = try ProcessRunner.oracle("openssl", ["dgst", "-\(digest)"] + pss + ["-verify", publicKey, "-signature", sigFile.path, messageFile.path])
            XCTAssertEqual(check.status, 0, "\(id): openssl rejects our signature: \(check.stdoutText) \(check.stderrText)")

            let theirs = try ProcessRunner.oracle("openssl", ["dgst", "-\(digest)"] + pss + ["-sign", privateKey, "-out", sigFile.path, messageFile.path])
            XCTAssertEqual(theirs.status, 0, "\(id): openssl sign: \(theirs.stderrText)")
            let sigHex = hexString([UInt8](try Data(contentsOf: sigFile)))
            let verified = try run(["verify", "--alg", alg, "--key", publicKey, "--signature", sigHex, "--hex", messageFile.path])
            XCTAssertEqual(verified.status, 0, "\(id): we reject openssl's signature: \(verified.stderrText)")
            // The same signature under the other padding or hash fails.
            let wrongAlg = alg == "RS256" ? "PS256" : "RS" + alg.dropFirst(2)
            assertError(try run(["verify", "--alg", wrongAlg, "--key", publicKey, "--signature", sigHex, "--hex", messageFile.path]),
                        "signature_invalid", "\(id) checked as \(wrongAlg)")
        }
    }
}
