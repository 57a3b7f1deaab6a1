import Foundation
import TestSupport
import XCTest

/// The passphrase options of the key verbs and `key convert --encrypt`, with openssl as the
/// oracle that reads what we write.
final class EncryptedKeyCLITests: XCTestCase {
    private var binary: URL!
    private var dir: URL!
    private let folder = "generated/keys/rsa2048"
    private let encrypted = ["pkcs8_pbes2_aes256_sha256_iter2048.pem", "pkcs8_scrypt_aes256_N16384_r8_p1.pem",
                             "legacy_des3.pem", "pkcs8_pbe_sha1_3des.pem"]

    override func setUpWithError() throws {
        binary = try ProcessRunner.purejwt()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("enc-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func path(_ relative: String) -> String { Vectors.url(relative).path }

    /// The manifest's passphrase for `name`, written to a file with a trailing newline.
    private func passphraseFile(_ name: String) throws -> (path: String, bytes: [UInt8]) {
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: Vectors.url("\(folder)/MANIFEST.json"))) as! [String: Any]
        let entry = (manifest["files"] as! [[String: Any]]).first { $0["name"] as? String == name }!
        let hexText = entry["passphrase_utf8_hex"] as! String
        var bytes: [UInt8] = []
        var i = hexText.startIndex
        while i < hexText.endIndex {
            let j = hexText.index(i, offsetBy: 2)
            bytes.append(UInt8(hexText[i..<j], radix: 16)!)
            i = j
        }
        let url = dir.appendingPathComponent("pass-\(name)")
        try Data(bytes + [0x0A]).write(to: url)
        return (url.path, bytes)
    }

    private func thumbprint() throws -> String {
        let numbers = try JSONSerialization.jsonObject(with: Data(contentsOf: Vectors.url("\(folder)/key_numbers.json"))) as! [String: Any]
        return numbers["jwk_thumbprint_sha256"] as! String
    }

    private func assertError(_ r: ProcessResult, _ code: String, status: Int32 = 1, _ id: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, "\(id): \(r.stderrText)", file: file, line: line)
        XCTAssertTrue(r.stderrText.hasPrefix("purejwt: error[\(code)]: "), "\(id): \(r.stderrText)", file: file, line: line)
    }

    func testKeyShowOpensEncryptedKeysWithPassphraseFileOrEnv() throws {
        let want = try thumbprint()
        for name in encrypted {
            let id = "key show \(folder)/\(name)"
            let pass = try passphraseFile(name)
            let byFile = try ProcessRunner.run(binary, ["key", "show", "--in", path("\(folder)/\(name)"), "--passphrase-file", pass.path])
            XCTAssertEqual(byFile.status, 0, "\(id): \(byFile.stderrText)")
            XCTAssertTrue(byFile.stdoutText.contains("jwk thumbprint (SHA-256): \(want)"), id)
            let byEnv = try ProcessRunner.run(binary, ["key", "show", "--in", path("\(folder)/\(name)"), "--passphrase-env", "KEYPASS"],
                                          environment: ["KEYPASS": String(decoding: pass.bytes, as: UTF8.self)])
            XCTAssertEqual(byEnv.status, 0, "\(id) (env): \(byEnv.stderrText)")
            assertError(try ProcessRunner.run(binary, ["key", "show", "--in", path("\(folder)/\(name)")]), "missing_passphrase", "\(id) without passphrase")
            let wrong = try ProcessRunner.run(binary, ["key", "show", "--in", path("\(folder)/\(name)"), "--passphrase-env", "KEYPASS"],
                                          environment: ["KEYPASS": "not the passphrase"])
            assertError(wrong, "wrong_passphrase", "\(id) wrong passphrase")
            XCTAssertTrue(wrong.stderrText.contains("--passphrase-file"), "\(id): the message says what to do")
        }
    }

    /// `key convert --encrypt` re-encrypts a legacy key; openssl and our own `key show` read it.
    func testKeyConvertEncryptIsReadByOpenSSL() throws {
        let input = "legacy_des3.pem"
        let inPass = try passphraseFile(input)
        let outPassURL = dir.appendingPathComponent("out-pass")
        try Data("new passphrase ✓\n".utf8).write(to: outPassURL)
        let outURL = dir.appendingPathComponent("out.pem")
        let r = try ProcessRunner.run(binary, ["key", "convert", "--in", path("\(folder)/\(input)"), "--passphrase-file", inPass.path,
                                           "--to", "pkcs8", "--encrypt", "--iterations", "2048",
                                           "--out-passphrase-file", outPassURL.path, "--out", outURL.path])
        XCTAssertEqual(r.status, 0, "key convert --encrypt: \(r.stderrText)")
        let pem = try String(contentsOf: outURL, encoding: .utf8)
        XCTAssertTrue(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"), "key convert --encrypt: label")
        let attributes = try FileManager.default.attributesOfItem(atPath: outURL.path)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600, "key convert --encrypt: mode 0600")

        let oracle = try ProcessRunner.oracle("openssl", ["pkcs8", "-in", outURL.path, "-passin", "file:\(outPassURL.path)", "-outform", "DER"])
        XCTAssertEqual(oracle.status, 0, "openssl pkcs8 reads our output: \(oracle.stderrText)")
        let pkcs1 = [UInt8](try Data(contentsOf: Vectors.url("\(folder)/pkcs1.der")))
        let pkcs8 = [UInt8](try Data(contentsOf: Vectors.url("\(folder)/pkcs8.der")))
        XCTAssertTrue([pkcs1, pkcs8].contains(oracle.stdout), "openssl's decryption is the vector key")

        let show = try ProcessRunner.run(binary, ["key", "show", "--in", outURL.path, "--passphrase-file", outPassURL.path])
        XCTAssertTrue(show.stdoutText.contains(try thumbprint()), "key show reads our output: \(show.stderrText)")

        // DER output, passphrase reused from the input when no --out-passphrase-* is given.
        let der = try ProcessRunner.run(binary, ["key", "convert", "--in", path("\(folder)/\(input)"), "--passphrase-file", inPass.path,
                                             "--to", "pkcs8", "--der", "--encrypt", "--iterations", "1000"])
        XCTAssertEqual(der.status, 0, "key convert --encrypt --der: \(der.stderrText)")
        let derOracle = try ProcessRunner.oracle("openssl", ["pkcs8", "-inform", "DER", "-passin", "file:\(inPass.path)", "-outform", "DER"], stdin: der.stdout)
        XCTAssertTrue([pkcs1, pkcs8].contains(derOracle.stdout), "openssl reads the DER output with the input passphrase: \(derOracle.stderrText)")
    }

    func testKeyConvertEncryptUsageErrors() throws {
        let plain = path("\(folder)/pkcs8.pem")
        assertError(try ProcessRunner.run(binary, ["key", "convert", "--in", plain, "--to", "pkcs8", "--iterations", "5"]),
                    "conflicting_options", status: 2, "--iterations without --encrypt")
        assertError(try ProcessRunner.run(binary, ["key", "convert", "--in", plain, "--to", "pkcs1", "--encrypt", "--out-passphrase-env", "P"],
                                      environment: ["P": "x"]), "conflicting_options", status: 2, "--encrypt --to pkcs1")
        assertError(try ProcessRunner.run(binary, ["key", "convert", "--in", plain, "--to", "pkcs8", "--encrypt"]),
                    "missing_passphrase", status: 2, "--encrypt without any passphrase")
        assertError(try ProcessRunner.run(binary, ["key", "convert", "--in", plain, "--to", "pkcs8", "--encrypt", "--iterations", "0", "--out-passphrase-env", "P"],
                                      environment: ["P": "x"]), "invalid_option_value", status: 2, "--iterations 0")
    }
}
