import Foundation
import XCTest
@_spi(Hazmat) @testable import PureCrypto

/// PKCS#1 v1.5 and PSS round trips with the generated rsa2048 key for SHA-256/384/512, and the
/// strict rejections (altered message or signature, wrong length, s ≥ n, wrong hash).
final class RSASignatureRoundTripTests: XCTestCase {
    let message = Array("PureJWT round trip".utf8)

    func testPKCS1v15RoundTripsAndRejections() throws {
        let key = try RSAFixtures.privateKey("rsa2048")
        let pub = key.publicKey
        try checkEachSHA2 { (hash: any RSASigningHash.Type) in try checkPKCS1v15(key, hash) }
        let sig = try key.signPKCS1v15(message, hash: SHA256.self)
        XCTAssertFalse(pub.isValidPKCS1v15Signature(sig, for: message, hash: SHA384.self), "PKCS#1 v1.5: wrong hash")
        XCTAssertThrowsError(try pub.verifyPKCS1v15Signature(sig, for: message + [0], hash: SHA256.self)) {
            XCTAssertEqual(($0 as? CryptoError)?.code, .signatureInvalid)
        }
    }

    func testPSSRoundTripsAndRejections() throws {
        let key = try RSAFixtures.privateKey("rsa2048")
        let pub = key.publicKey
        try checkEachSHA2 { (hash: any RSASigningHash.Type) in try checkPSS(key, hash) }
        // Randomized: two signatures of one message differ, and both verify.
        let a = try key.signPSS(message, hash: SHA256.self), b = try key.signPSS(message, hash: SHA256.self)
        XCTAssertNotEqual(a, b, "PSS salts must be fresh")
        XCTAssertFalse(pub.isValidPSSSignature(a, for: message, hash: SHA384.self), "PSS: wrong hash")
        XCTAssertFalse(pub.isValidPKCS1v15Signature(a, for: message, hash: SHA256.self), "PSS signature as PKCS#1 v1.5")
        // A 1024-bit key cannot hold PS512 (emLen 128 < 64 + 64 + 2).
        let small = try RSAFixtures.privateKey("rsa1024")
        XCTAssertThrowsError(try small.signPSS(message, hash: SHA512.self)) {
            XCTAssertEqual(($0 as? CryptoError)?.code, .keySizeNotAllowed)
        }
        let s384 = try small.signPSS(message, hash: SHA384.self)
        XCTAssertTrue(small.publicKey.isValidPSSSignature(s384, for: message, hash: SHA384.self), "PS384 with rsa1024")
    }

    /// Runs `body` for SHA-256, SHA-384 and SHA-512.
    private func checkEachSHA2(_ body: (any RSASigningHash.Type) throws -> Void) throws {
        for hash: any RSASigningHash.Type in [SHA256.self, SHA384.self, SHA512.self] { try body(hash) }
    }

    private func checkPKCS1v15<H: RSASigningHash>(_ key: RSAPrivateKey, _ hash: H.Type) throws {
        try check(key, key.publicKey, "PKCS#1 v1.5 \(H.name)", sign: { try key.signPKCS1v15($0, hash: H.self) },
                  verify: { key.publicKey.isValidPKCS1v15Signature($0, for: $1, hash: H.self) })
    }

    private func checkPSS<H: RSASigningHash>(_ key: RSAPrivateKey, _ hash: H.Type) throws {
        try check(key, key.publicKey, "PSS \(H.name)", sign: { try key.signPSS($0, hash: H.self) },
                  verify: { key.publicKey.isValidPSSSignature($0, for: $1, hash: H.self) })
    }

    private func check(
        _ key: RSAPrivateKey, _ pub: RSAPublicKey, _ name: String,
        sign: ([UInt8]) throws -> [UInt8], verify: ([UInt8], [UInt8]) -> Bool
    ) throws {
        for msg in [[], message, [UInt8](repeating: 0xa5, count: 1000)] {
            let sig = try sign(msg)
            XCTAssertEqual(sig.count, 256, "\(name): signature length")
            XCTAssertTrue(verify(sig, msg), "\(name): own signature of a \(msg.count)-byte message")
            XCTAssertFalse(verify(sig, msg + [1]), "\(name): altered message")
            var flipped = sig
            flipped[100] ^= 0x01
            XCTAssertFalse(verify(flipped, msg), "\(name): altered signature")
            XCTAssertFalse(verify(Array(sig.dropFirst()), msg), "\(name): short signature")
            XCTAssertFalse(verify([0] + sig, msg), "\(name): long signature")
            // s + n ≡ s (mod n) but is ≥ n: must be rejected as out of range, if it still fits.
            let sPlusN = key.publicKey.modulus.n.adding(Nat(bigEndian: sig, limbCount: key.publicKey.modulus.limbCount))
            if sPlusN.carry == 0 {
                XCTAssertFalse(verify(sPlusN.sum.bigEndianBytes(count: 256), msg), "\(name): s + n")
            }
            XCTAssertFalse(verify(pub.modulus.n.bigEndianBytes(count: 256), msg), "\(name): s = n")
        }
    }
}
