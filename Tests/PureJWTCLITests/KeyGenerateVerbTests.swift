import TestSupport
import XCTest
import Foundation

/// `purejwt key generate`: usage errors here; real generation (slow in a debug build) in the
/// release-mode Heavy step, with openssl as the oracle.
final class KeyGenerateVerbTests: XCTestCase {
    func testUsageErrorsComeBeforeAnyWork() throws {
        let purejwt = try ProcessRunner.purejwt()
        let dir = FileManager.default.temporaryDirectory.path
        for (args, code) in [(["--bits", "1024", "--out", "\(dir)/k.pem", "--no-encryption"], "invalid_option_value"),
                             (["--bits", "2048", "--out", "\(dir)/k.pem"], "missing_option"),
                             (["--bits", "2048", "--no-encryption"], "missing_option"),
                             (["--bits", "2048", "--out", "\(dir)/k.pem", "--no-encryption", "--passphrase-env", "HOME"], "conflicting_options")] {
            let r = try ProcessRunner.run(purejwt, ["key", "generate"] + args)
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderrText)")
            XCTAssertTrue(r.stderrText.contains("error[\(code)]"), "\(args): \(r.stderrText)")
        }
    }
}

final class KeyGenerateVerbHeavyTests: XCTestCase {
    func testGeneratedKeyOpensInOpenSSLAndMatchesItsPublicKey() throws {
        #if DEBUG
        throw XCTSkip("key generation runs in the release-mode test step (`swift test -c release --filter Heavy`)")
        #else
        let purejwt = try ProcessRunner.purejwt()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keygen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let pass = dir.appendingPathComponent("pass").path
        try Data("generated key passphrase\n".utf8).write(to: URL(fileURLWithPath: pass))
        let key = dir.appendingPathComponent("key.pem").path, pub = dir.appendingPathComponent("pub.pem").path
        let r = try ProcessRunner.run(purejwt, ["key", "generate", "--bits", "2048", "--out", key, "--public-out", pub,
                                            "--passphrase-file", pass, "--iterations", "2048"])
        XCTAssertEqual(r.status, 0, r.stderrText)
        let attributes = try FileManager.default.attributesOfItem(atPath: key)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertTrue(try String(contentsOfFile: key, encoding: .utf8).hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----"))
        let check = try ProcessRunner.oracle("openssl", ["pkey", "-in", key, "-passin", "file:\(pass)", "-check", "-noout"])
        XCTAssertEqual(check.status, 0, check.stderrText)
        let derived = try ProcessRunner.oracle("openssl", ["pkey", "-in", key, "-passin", "file:\(pass)", "-pubout"])
        XCTAssertEqual(derived.stdoutText, try String(contentsOfFile: pub, encoding: .utf8))
        let text = try ProcessRunner.oracle("openssl", ["pkey", "-in", key, "-passin", "file:\(pass)", "-text", "-noout"])
        XCTAssertTrue(text.stdoutText.contains("Private-Key: (2048 bit, 2 primes)"), text.stdoutText)
        XCTAssertTrue(text.stdoutText.contains("publicExponent: 65537"), text.stdoutText)
        #endif
    }
}
