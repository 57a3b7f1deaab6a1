import Foundation
@_spi(Hazmat) import PureCrypto
import PureKeys
import TestSupport
import XCTest

/// The encrypted PKCS#8 writer: our loader and `openssl pkcs8` (an oracle) read what it writes.
final class EncryptedPKCS8WriterTests: XCTestCase {
    private let keyFile = "generated/keys/rsa2048/pkcs8.pem"

    func testRoundTripThroughOurLoader() throws {
        let key = try RSAPrivateKey(importing: try Vectors.bytes(keyFile))
        for passphrase in ["correct horse", "", "pässwörd ☃"] {
            let pass = Array(passphrase.utf8)
            let pem = try key.encryptedPKCS8PEMRepresentation(passphrase: pass, iterations: 1000)
            XCTAssertTrue(pem.hasPrefix("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"), keyFile)
            let loaded = try RSAPrivateKey(pemRepresentation: pem, passphrase: pass)
            XCTAssertEqual(loaded.pkcs8DERRepresentation, key.pkcs8DERRepresentation, "\(keyFile) passphrase #\(passphrase.count)")
            XCTAssertThrowsError(try RSAPrivateKey(pemRepresentation: pem, passphrase: pass + [0x21])) {
                XCTAssertEqual(KeyVectors.code($0), "wrong_passphrase")
            }
        }
        // Fresh salt and IV each time.
        let a = try key.encryptedPKCS8DERRepresentation(passphrase: [1], iterations: 1)
        let b = try key.encryptedPKCS8DERRepresentation(passphrase: [1], iterations: 1)
        XCTAssertNotEqual(a, b, keyFile)
    }

    func testIterationBounds() throws {
        let key = try RSAPrivateKey(importing: try Vectors.bytes(keyFile))
        for iterations in [0, -1, 10_000_001] {
            XCTAssertThrowsError(try key.encryptedPKCS8DERRepresentation(passphrase: [1], iterations: iterations), "\(iterations)") {
                XCTAssertEqual(KeyVectors.code($0), "invalid_iteration_count")
            }
        }
    }

    /// `openssl pkcs8 -in F -passin file:P` decrypts our output to the same key, and
    /// `openssl asn1parse` shows the scheme we promise (PBES2, PBKDF2, hmacWithSHA256, AES-256-CBC).
    func testOpenSSLReadsTheResult() throws {
        let key = try RSAPrivateKey(importing: try Vectors.bytes(keyFile))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("encpkcs8-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (i, passphrase) in ["openssl oracle passphrase", "ünïcödé ✓"].enumerated() {
            let pem = try key.encryptedPKCS8PEMRepresentation(passphrase: Array(passphrase.utf8), iterations: 2048)
            let keyURL = dir.appendingPathComponent("key\(i).pem"), passURL = dir.appendingPathComponent("pass\(i)")
            try Data(pem.utf8).write(to: keyURL)
            try Data((passphrase + "\n").utf8).write(to: passURL)
            let result = try ProcessRunner.oracle("openssl", ["pkcs8", "-in", keyURL.path, "-passin", "file:\(passURL.path)", "-outform", "DER"])
            XCTAssertEqual(result.status, 0, "\(keyFile) case \(i): \(String(decoding: result.stderr, as: UTF8.self))")
            // OpenSSL 3 prints the decrypted key as PKCS#1 ("traditional"), older ones as PKCS#8.
            XCTAssertTrue([key.pkcs1DERRepresentation, key.pkcs8DERRepresentation].contains(result.stdout),
                          "\(keyFile) case \(i): openssl's plaintext differs from the key")
            let parsed = try ProcessRunner.oracle("openssl", ["asn1parse", "-in", keyURL.path])
            let text = String(decoding: parsed.stdout, as: UTF8.self)
            for name in ["PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc"] {
                XCTAssertTrue(text.contains(name), "\(keyFile) case \(i): asn1parse lacks \(name)")
            }
        }
    }
}
