import Foundation
import TestSupport
import XCTest
@testable import PureCrypto
import PureKeys

/// Finding 16: the buffers that held a decrypted key (the plaintext DER of an encrypted PKCS#8 or
/// legacy PEM key, the PEM body of an unencrypted one, the parsed private numbers) are zeroed
/// when the import is done. `SecretWipe.observer` sees each buffer right after it is zeroed and
/// before it is released; the expected sizes come from the vector files, not from our code.
final class SecretWipeTests: XCTestCase {
    private let passphrase = Array("VectorGen shared passphrase #1".utf8)

    /// What the observer saw during `body`: each wiped buffer's label and a copy of its bytes.
    private func wiped(_ body: () throws -> Void) rethrows -> [(label: String, bytes: [UInt8])] {
        final class Box: @unchecked Sendable { var seen: [(String, [UInt8])] = [] }
        let box = Box()
        SecretWipe.observer = { label, buffer in box.seen.append(("\(label)", Array(buffer))) }
        defer { SecretWipe.observer = nil }
        try body()
        return box.seen.map { (label: $0.0, bytes: $0.1) }
    }

    private func assertWiped(_ seen: [(label: String, bytes: [UInt8])], _ label: String, count: Int, _ id: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        let matches = seen.filter { $0.label == label }
        XCTAssertFalse(matches.isEmpty, "\(id): no '\(label)' buffer was wiped (saw \(Set(seen.map(\.label)).sorted()))", file: file, line: line)
        for m in matches {
            XCTAssertEqual(m.bytes.count, count, "\(id): '\(label)' size", file: file, line: line)
            XCTAssertTrue(m.bytes.allSatisfy { $0 == 0 }, "\(id): '\(label)' holds nonzero bytes after the wipe", file: file, line: line)
        }
    }

    func testDecryptedPKCS8IsZeroedAfterImport() throws {
        let path = "generated/keys/rsa2048/pkcs8_pbes2_aes256_sha256_iter2048.pem"
        // The plaintext of an encrypted PKCS#8 is the unencrypted PKCS#8 DER of the same key.
        let plainSize = try Vectors.bytes("generated/keys/rsa2048/pkcs8.der").count
        let pkcs1Size = try Vectors.bytes("generated/keys/rsa2048/pkcs1.der").count
        let bytes = try Vectors.bytes(path)
        let seen = try wiped { _ = try RSAPrivateKey(importing: bytes, passphrase: passphrase) }
        assertWiped(seen, "decrypted PKCS#8", count: plainSize, path)
        assertWiped(seen, "PKCS#8 private key", count: pkcs1Size, path)
        assertWiped(seen, "derived key", count: 32, path)
        for label in ["private exponent", "prime p", "prime q", "CRT exponent dP", "CRT exponent dQ", "CRT coefficient"] {
            XCTAssertTrue(seen.contains { $0.label == label && !$0.bytes.isEmpty && $0.bytes.allSatisfy { $0 == 0 } }, "\(path): \(label)")
        }
    }

    func testDecryptedLegacyPEMAndPlainPEMBodiesAreZeroed() throws {
        let pkcs1Size = try Vectors.bytes("generated/keys/rsa2048/pkcs1.der").count
        let legacy = "generated/keys/rsa2048/legacy_aes256.pem"
        let seenLegacy = try wiped { _ = try RSAKey.load(try Vectors.bytes(legacy), passphrase: passphrase) }
        assertWiped(seenLegacy, "decrypted PKCS#1", count: pkcs1Size, legacy)
        let plain = "generated/keys/rsa2048/pkcs1.pem"
        let seenPlain = try wiped { _ = try RSAPrivateKey(pemRepresentation: String(decoding: try Vectors.bytes(plain), as: UTF8.self)) }
        assertWiped(seenPlain, "PEM body", count: pkcs1Size, plain)
        // A wrong passphrase: the garbage plaintext is wiped too, when it gets that far.
        _ = try wiped { XCTAssertThrowsError(try RSAKey.load(try Vectors.bytes(legacy), passphrase: Array("wrong".utf8))) }
    }

    func testZeroWritesEveryByte() {
        var bytes = [UInt8](repeating: 0xA5, count: 1000)
        SecretWipe.wipe(&bytes, "test")
        XCTAssertEqual(bytes, [UInt8](repeating: 0, count: 1000))
    }
}
