import TestSupport
import XCTest
@_spi(Hazmat) import PureCrypto

/// Every case of the Wycheproof PBES2 files (PBKDF2-HMAC-SHA1 + AES-128-CBC,
/// PBKDF2-HMAC-SHA256 + AES-256-CBC; in `PBES2HeavyTests`), and the errors of a wrong password
/// and a truncation.
final class PBES2Tests: XCTestCase {
    struct File: Decodable {
        struct Group: Decodable { let tests: [Test] }
        struct Test: Decodable {
            let tcId: Int; let comment: String; let password: String; let salt: String
            let iterationCount: Int; let iv: String; let msg: String; let ct: String; let result: String
        }
        let numberOfTests: Int
        let testGroups: [Group]
    }

    static func run<H: HashFunction>(_ path: String, _ prf: H.Type, _ cipher: PBES2.Cipher) throws {
        let file = try Vectors.json(File.self, path)
        var seen = 0
        for t in file.testGroups.flatMap(\.tests) {
            seen += 1
            let id = "\(path) tcId \(t.tcId) (\(t.comment))"
            let decrypt = { () throws -> [UInt8] in
                try PBES2.decrypt(hexBytes(t.ct), password: hexBytes(t.password), salt: hexBytes(t.salt),
                                  iterations: t.iterationCount, prf: prf, cipher: cipher, iv: hexBytes(t.iv))
            }
            switch t.result {
            case "valid":
                XCTAssertEqual(hexString(try decrypt()), t.msg, id)
                let ct = try PBES2.encrypt(hexBytes(t.msg), password: hexBytes(t.password), salt: hexBytes(t.salt),
                                           iterations: t.iterationCount, prf: prf, cipher: cipher, iv: hexBytes(t.iv))
                XCTAssertEqual(hexString(ct), t.ct, id)
            case "invalid":
                XCTAssertThrowsError(try decrypt(), id)
            default:
                XCTFail("\(id): unexpected result \(t.result)")
            }
        }
        XCTAssertEqual(seen, file.numberOfTests, path)
    }

    func testWrongPasswordTruncationAndHostileCount() throws {
        let salt = [UInt8](repeating: 5, count: 16), iv = [UInt8](repeating: 9, count: 16)
        let ct = try PBES2.encrypt([UInt8](repeating: 0x30, count: 1200), password: Array("right".utf8), salt: salt,
                                   iterations: 64, prf: SHA256.self, cipher: .aes256CBC, iv: iv)
        // A wrong password fails in the padding check (about 1 in 256 wrong passwords would pass
        // it; these two do not, fixed here so the test is deterministic).
        for wrong in ["wrong", ""] {
            XCTAssertThrowsError(try PBES2.decrypt(ct, password: Array(wrong.utf8), salt: salt, iterations: 64,
                                                   prf: SHA256.self, cipher: .aes256CBC, iv: iv), wrong) { e in
                XCTAssertEqual((e as? CryptoError)?.code, .paddingInvalid, "\(e)")
            }
        }
        XCTAssertThrowsError(try PBES2.decrypt(ct.dropLast(3), password: Array("right".utf8), salt: salt, iterations: 64,
                                               prf: SHA256.self, cipher: .aes256CBC, iv: iv)) { e in
            XCTAssertEqual((e as? CryptoError)?.code, .decryptFailed)
        }
        XCTAssertThrowsError(try PBES2.decrypt(ct, password: Array("right".utf8), salt: salt, iterations: 1 << 31,
                                               prf: SHA256.self, cipher: .aes256CBC, iv: iv)) { e in
            XCTAssertEqual((e as? CryptoError)?.code, .invalidIterationCount)
        }
        // Triple DES round trip through the same scheme.
        let iv8 = [UInt8](repeating: 3, count: 8)
        let ct3 = try PBES2.encrypt([1, 2, 3], password: [], salt: salt, iterations: 10, prf: SHA512.self,
                                    cipher: .desEDE3CBC, iv: iv8)
        XCTAssertEqual(try PBES2.decrypt(ct3, password: [], salt: salt, iterations: 10, prf: SHA512.self,
                                         cipher: .desEDE3CBC, iv: iv8), [1, 2, 3])
    }
}

/// The Wycheproof files: 84 cases of 4,096 iterations each, derived twice (decrypt, then encrypt
/// again), take minutes unoptimized (over four for the SHA-256 file on a busy 2-core machine):
/// release-mode step.
final class PBES2HeavyTests: XCTestCase {
    func testWycheproofSHA256AES256() throws {
        try XCTSkipUnless(BuildConfiguration.isOptimized, BuildConfiguration.heavyOnly("Wycheproof PBES2 HMAC-SHA256 / AES-256 (4,096 iterations each)"))
        try PBES2Tests.run("wycheproof/pbes2_hmacsha256_aes_256_test.json", SHA256.self, .aes256CBC)
    }

    func testWycheproofSHA1AES128() throws {
        try XCTSkipUnless(BuildConfiguration.isOptimized, BuildConfiguration.heavyOnly("Wycheproof PBES2 HMAC-SHA1 / AES-128 (4,096 iterations each)"))
        try PBES2Tests.run("wycheproof/pbes2_hmacsha1_aes_128_test.json", Insecure.SHA1.self, .aes128CBC)
    }
}
