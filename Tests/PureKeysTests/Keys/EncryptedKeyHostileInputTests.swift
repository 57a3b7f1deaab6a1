import Foundation
import PureCrypto
import PureKeys
import TestSupport
import XCTest

/// Hostile encrypted keys, crafted from real vector files by rewriting their DER with our DER
/// writer: huge iteration counts, huge scrypt N, truncated ciphertext, and decryptions that pad
/// correctly but are not DER. Each fails with its class before doing the work it asks for.
final class EncryptedKeyHostileInputTests: XCTestCase {
    private let pbkdf2File = "generated/keys/rsa2048/pkcs8_pbes2_aes256_sha256_iter2048.der"
    private let scryptFile = "generated/keys/rsa2048/pkcs8_scrypt_aes256_N16384_r8_p1.pem"
    private let passphrase = Array("VectorGen shared passphrase #1".utf8)

    /// The parts of a PBES2 file: KDF salt, cipher OID and IV, ciphertext.
    private struct Parts { var salt: [UInt8]; var cipherOID: ASN1ObjectIdentifier; var iv: [UInt8]; var ciphertext: [UInt8] }

    private func parts(_ path: String) throws -> Parts {
        let bytes = try Vectors.bytes(path)
        let der = bytes.first == 0x30 ? bytes : try PEMDocument(pemEncoded: bytes).derBytes
        let info = try EncryptedPrivateKeyInfo(derEncoded: der)
        XCTAssertEqual(info.encryptionAlgorithm.algorithm, .pbes2, path)
        var r = DER.Reader(info.encryptionAlgorithm.parameters!)
        return try r.readSequence { (s: inout DER.Reader) throws(CryptoError) -> Parts in
            let kdf = try AlgorithmIdentifier(from: &s)
            let scheme = try AlgorithmIdentifier(from: &s)
            var k = DER.Reader(kdf.parameters!)
            let salt = try k.readSequence { (p: inout DER.Reader) throws(CryptoError) -> [UInt8] in
                let salt = Array(try p.readOctetString())
                while !p.isAtEnd { _ = try p.read() }
                return salt
            }
            var e = DER.Reader(scheme.parameters!)
            return Parts(salt: salt, cipherOID: scheme.algorithm, iv: Array(try e.readOctetString()), ciphertext: info.encryptedData)
        }
    }

    /// An EncryptedPrivateKeyInfo with the given KDF and the file's cipher, IV and ciphertext.
    private func pbes2(_ parts: Parts, ciphertext: [UInt8]? = nil, kdf: (inout DER.Writer) -> Void) -> [UInt8] {
        var params = DER.Writer()
        params.writeSequence { s in
            s.writeSequence(kdf)
            s.writeSequence { e in
                e.writeObjectIdentifier(parts.cipherOID)
                e.writeOctetString(parts.iv)
            }
        }
        let info = EncryptedPrivateKeyInfo(encryptionAlgorithm: AlgorithmIdentifier(algorithm: .pbes2, parameters: params.bytes),
                                           encryptedData: ciphertext ?? parts.ciphertext)
        return info.derRepresentation
    }

    private func pbkdf2(_ p: Parts, iterations: [UInt8], ciphertext: [UInt8]? = nil) -> [UInt8] {
        pbes2(p, ciphertext: ciphertext) { k in
            k.writeObjectIdentifier(.pbkdf2)
            k.writeSequence { q in
                q.writeOctetString(p.salt)
                q.writeUnsignedInteger(iterations)
                q.writeSequence { a in a.writeObjectIdentifier(.hmacWithSHA256); a.writeNull() }
            }
        }
    }

    private func expect(_ code: String, _ der: [UInt8], _ id: String, limits: KeyDecryptionLimits = .default) {
        XCTAssertThrowsError(try RSAKeyMaterial(decoding: der, passphrase: passphrase, decryptionLimits: limits), id) {
            XCTAssertEqual(KeyVectors.code($0), code, "\(id): \($0)")
        }
    }

    func testRebuiltFileStillLoads() throws {
        // The crafting itself is faithful: with the original count (2048) the key loads.
        let p = try parts(pbkdf2File)
        XCTAssertNoThrow(try RSAKeyMaterial(decoding: pbkdf2(p, iterations: [0x08, 0x00]), passphrase: passphrase), pbkdf2File)
    }

    func testHugeIterationCounts() throws {
        let p = try parts(pbkdf2File)
        expect("invalid_iteration_count", pbkdf2(p, iterations: [0x80, 0, 0, 0]), "\(pbkdf2File) with 2^31 iterations")
        expect("invalid_iteration_count", pbkdf2(p, iterations: [0x01] + [UInt8](repeating: 0, count: 10)), "\(pbkdf2File) with 2^80 iterations")
        expect("invalid_iteration_count", pbkdf2(p, iterations: [0]), "\(pbkdf2File) with 0 iterations")
        // A configurable cap: 2048 iterations over a cap of 1000.
        expect("invalid_iteration_count", pbkdf2(p, iterations: [0x08, 0x00]), "\(pbkdf2File) over a cap of 1000",
               limits: KeyDecryptionLimits(pbkdf2: PBKDF2Limits(maxIterations: 1000)))
    }

    func testHugeScryptN() throws {
        let p = try parts(scryptFile)
        func scrypt(n: [UInt8]) -> [UInt8] {
            pbes2(p) { k in
                k.writeObjectIdentifier(.scrypt)
                k.writeSequence { q in
                    q.writeOctetString(p.salt)
                    q.writeUnsignedInteger(n)
                    q.writeSmallInteger(8)
                    q.writeSmallInteger(1)
                }
            }
        }
        XCTAssertNoThrow(try RSAKeyMaterial(decoding: scrypt(n: [0x40, 0x00]), passphrase: passphrase), "\(scryptFile) rebuilt with N = 16384")
        expect("scrypt_memory_limit_exceeded", scrypt(n: [0x40, 0, 0, 0]), "\(scryptFile) with N = 2^30")
        // Saturated to Int.max, which is not a power of two.
        expect("invalid_scrypt_parameters", scrypt(n: [0x01] + [UInt8](repeating: 0, count: 10)), "\(scryptFile) with N = 2^80")
        expect("invalid_scrypt_parameters", scrypt(n: [0x40, 0x01]), "\(scryptFile) with N = 16385")
        expect("scrypt_memory_limit_exceeded", scrypt(n: [0x40, 0x00]), "\(scryptFile) over a 1 MiB cap",
               limits: KeyDecryptionLimits(scrypt: ScryptLimits(maxMemoryByteCount: 1 << 20)))
    }

    /// Finding 1: N·r·p is capped, not only memory. Each of these fits the 1 GiB memory cap and
    /// would run for minutes (p = 64) to hours (N = 2, r = 1, p = 8,000,000) before a wrong key
    /// came out; they are refused before any derivation with `scrypt_work_limit_exceeded`.
    func testScryptWorkIsCappedBeforeDerivation() throws {
        let p = try parts(scryptFile)
        func scrypt(n: Int, r: Int, p parallel: Int) -> [UInt8] {
            pbes2(p) { k in
                k.writeObjectIdentifier(.scrypt)
                k.writeSequence { q in
                    q.writeOctetString(p.salt)
                    q.writeSmallInteger(n)
                    q.writeSmallInteger(r)
                    q.writeSmallInteger(parallel)
                }
            }
        }
        expect("scrypt_work_limit_exceeded", scrypt(n: 16384, r: 8, p: 64), "\(scryptFile) with p = 64")
        expect("scrypt_work_limit_exceeded", scrypt(n: 2, r: 1, p: 8_000_000), "\(scryptFile) with N = 2, r = 1, p = 8,000,000")
        expect("scrypt_work_limit_exceeded", scrypt(n: 1 << 19, r: 8, p: 2), "\(scryptFile) with N = 2^19, p = 2")
        // The file as OpenSSL wrote it (2^17) loads; a caller may lower the cap below it, or raise it.
        XCTAssertNoThrow(try RSAKeyMaterial(decoding: scrypt(n: 16384, r: 8, p: 1), passphrase: passphrase), scryptFile)
        expect("scrypt_work_limit_exceeded", scrypt(n: 16384, r: 8, p: 1), "\(scryptFile) under a cap of 2^16",
               limits: KeyDecryptionLimits(scrypt: ScryptLimits(maxWork: 1 << 16)))
    }

    func testTruncatedCiphertext() throws {
        let p = try parts(pbkdf2File)
        let iterations: [UInt8] = [0x08, 0x00]
        expect("decrypt_failed", pbkdf2(p, iterations: iterations, ciphertext: Array(p.ciphertext.dropLast(5))), "\(pbkdf2File) minus 5 bytes")
        expect("decrypt_failed", pbkdf2(p, iterations: iterations, ciphertext: []), "\(pbkdf2File) with empty ciphertext")
        // Whole blocks cut off the front: the padding still checks out, the DER does not.
        expect("wrong_passphrase", pbkdf2(p, iterations: iterations, ciphertext: Array(p.ciphertext.dropFirst(16))), "\(pbkdf2File) minus its first block")
        // A huge iteration count with a truncated ciphertext fails fast on either check.
        let both = pbkdf2(p, iterations: [0x80, 0, 0, 0], ciphertext: Array(p.ciphertext.dropLast(5)))
        XCTAssertThrowsError(try RSAKeyMaterial(decoding: both, passphrase: passphrase)) {
            XCTAssertTrue(["decrypt_failed", "invalid_iteration_count"].contains(KeyVectors.code($0)), "\($0)")
        }
    }

    /// Valid padding around bytes that are not a PrivateKeyInfo: what a wrong passphrase gives
    /// about 1 time in 256. Must be `wrong_passphrase`, never `der_invalid`.
    func testValidPaddingButNotDER() throws {
        let p = try parts(pbkdf2File)
        let garbage = [UInt8](repeating: 0xA5, count: 100)
        let ciphertext = try PBES2.encrypt(garbage, password: passphrase, salt: p.salt, iterations: 2048, prf: SHA256.self,
                                           cipher: .aes256CBC, iv: p.iv)
        expect("wrong_passphrase", pbkdf2(p, iterations: [0x08, 0x00], ciphertext: ciphertext), "\(pbkdf2File) re-encrypted garbage")
        // The same reason, word for word, as a wrong passphrase that breaks the padding: nothing
        // tells the two apart.
        var badPadding: String?
        XCTAssertThrowsError(try RSAKeyMaterial(decoding: Vectors.bytes(pbkdf2File), passphrase: Array("not it".utf8))) {
            badPadding = ($0 as? CryptoError)?.reason
        }
        XCTAssertThrowsError(try RSAKeyMaterial(decoding: pbkdf2(p, iterations: [0x08, 0x00], ciphertext: ciphertext), passphrase: passphrase)) {
            XCTAssertEqual(($0 as? CryptoError)?.reason, badPadding)
        }
    }

    func testUnsupportedCiphersAreNamed() throws {
        var p = try parts(pbkdf2File)
        p.cipherOID = ASN1ObjectIdentifier([1, 2, 840, 113549, 3, 2])  // RC2-CBC
        p.iv = [UInt8](repeating: 0, count: 8)
        XCTAssertThrowsError(try RSAKeyMaterial(decoding: pbkdf2(p, iterations: [0x08, 0x00]), passphrase: passphrase)) {
            XCTAssertEqual(KeyVectors.code($0), "unsupported_algorithm")
            XCTAssertTrue(($0 as? CryptoError)?.reason.contains("RC2-CBC") == true, "\($0)")
        }
        // PKCS#12 RC4 as the outer scheme.
        let rc4 = EncryptedPrivateKeyInfo(encryptionAlgorithm: AlgorithmIdentifier(algorithm: ASN1ObjectIdentifier([1, 2, 840, 113549, 1, 12, 1, 1]), parameters: nil),
                                          encryptedData: p.ciphertext).derRepresentation
        XCTAssertThrowsError(try RSAKeyMaterial(decoding: rc4, passphrase: passphrase)) {
            XCTAssertEqual(KeyVectors.code($0), "unsupported_algorithm")
            XCTAssertTrue(($0 as? CryptoError)?.reason.contains("1.2.840.113549.1.12.1.1") == true, "\($0)")
        }
    }
}
