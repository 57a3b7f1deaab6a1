import Foundation
import TestSupport
import XCTest
@_spi(Hazmat) import PureCrypto

/// CBC with PKCS#7 padding: every Wycheproof AES-CBC-PKCS5 case, the padding check against a
/// plain reference, AES-192-CBC against `openssl enc`, and malformed ciphertexts.
final class CBCTests: XCTestCase {
    struct WycheproofFile: Decodable {
        struct Group: Decodable { let keySize: Int; let tests: [Case] }
        struct Case: Decodable {
            let tcId: Int; let comment: String; let key: String; let iv: String
            let msg: String; let ct: String; let result: String
        }
        let numberOfTests: Int
        let testGroups: [Group]
    }

    func testWycheproofAESCBCPKCS5() throws {
        let path = "wycheproof/aes_cbc_pkcs5_test.json"
        let file = try Vectors.json(WycheproofFile.self, path)
        var seen = 0
        for group in file.testGroups {
            for t in group.tests {
                seen += 1
                let id = "\(path) tcId \(t.tcId) (\(t.comment))"
                let aes = try AES(key: hexBytes(t.key))
                let iv = hexBytes(t.iv)
                switch t.result {
                case "valid":
                    XCTAssertEqual(hexString(try CBC.encrypt(hexBytes(t.msg), using: aes, iv: iv)), t.ct, id)
                    XCTAssertEqual(hexString(try CBC.decrypt(hexBytes(t.ct), using: aes, iv: iv)), t.msg, id)
                case "invalid":
                    XCTAssertThrowsError(try CBC.decrypt(hexBytes(t.ct), using: aes, iv: iv), id) { e in
                        let code = (e as? CryptoError)?.code
                        XCTAssertTrue(code == .paddingInvalid || code == .decryptFailed, "\(id): \(e)")
                    }
                default:
                    XCTFail("\(id): unexpected result \(t.result)")
                }
            }
        }
        XCTAssertEqual(seen, file.numberOfTests, path)
    }

    /// A plain, variable-time statement of PKCS#7 validity, to check the constant-time one.
    func referenceUnpaddedCount(_ data: [UInt8], _ bs: Int) -> Int? {
        let pad = Int(data.last!)
        guard pad >= 1 && pad <= bs else { return nil }
        guard data.suffix(pad).allSatisfy({ $0 == UInt8(pad) }) else { return nil }
        return data.count - pad
    }

    func testPaddingCheckAgreesWithReference() throws {
        var rng = SystemRandomNumberGenerator()
        for bs in [8, 16] {
            for blocks in 1...3 {
                // Every pad value, each with a valid tail and with one byte of the tail corrupted.
                for pad in 0...255 {
                    for corrupt in [-1] + Array(0..<min(pad, bs)) {
                        var data = (0..<(bs * blocks)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                        for i in 0..<min(pad, bs) { data[data.count - 1 - i] = UInt8(pad) }
                        if corrupt >= 0 { data[data.count - 1 - corrupt] ^= UInt8.random(in: 1...255, using: &rng) }
                        let expected = referenceUnpaddedCount(data, bs)
                        let got: Int? = data.withUnsafeBytes { try? PKCS7.unpaddedCount($0, blockByteCount: bs) }
                        XCTAssertEqual(got, expected, "bs \(bs) pad \(pad) corrupt \(corrupt): \(hexString(data.suffix(bs)))")
                    }
                }
            }
        }
    }

    func testPaddingErrorIsTheSameWhateverWentWrong() throws {
        let bad: [[UInt8]] = [
            [UInt8](repeating: 0, count: 16),                         // pad 0
            [UInt8](repeating: 17, count: 16),                        // pad > block
            [UInt8](repeating: 3, count: 14) + [2, 3],                // one pad byte differs
            [UInt8](repeating: 0, count: 15) + [2],                   // short pad run
        ]
        var reasons = Set<String>()
        for data in bad {
            do throws(CryptoError) {
                _ = try data.withContiguousBytes { (b) throws(CryptoError) in try PKCS7.unpaddedCount(b, blockByteCount: 16) }
                XCTFail("accepted \(hexString(data))")
            } catch {
                XCTAssertEqual(error.code, .paddingInvalid)
                reasons.insert(error.reason)
            }
        }
        XCTAssertEqual(reasons.count, 1, "one reason for every padding failure: \(reasons)")
    }

    func testMalformedCiphertextLengthsFailAsDecryptFailed() throws {
        let aes = try AES(key: [UInt8](repeating: 7, count: 32))
        let iv = [UInt8](repeating: 1, count: 16)
        let good = try CBC.encrypt([UInt8](repeating: 0x41, count: 40), using: aes, iv: iv)
        for n in [0, 1, 15, 17, 31, 47] {
            XCTAssertThrowsError(try CBC.decrypt(good.prefix(n), using: aes, iv: iv), "truncated to \(n)") { e in
                XCTAssertEqual((e as? CryptoError)?.code, .decryptFailed)
            }
        }
        XCTAssertThrowsError(try CBC.decrypt(good, using: aes, iv: iv.prefix(8))) { e in
            XCTAssertEqual((e as? CryptoError)?.code, .invalidArgument)
        }
        XCTAssertThrowsError(try CBC.encryptWithoutPadding([1, 2, 3], using: aes, iv: iv)) { e in
            XCTAssertEqual((e as? CryptoError)?.code, .invalidArgument)
        }
    }

    func testRoundTripEveryLengthAndKeySize() throws {
        var rng = SystemRandomNumberGenerator()
        for keySize in [16, 24, 32] {
            let aes = try AES(key: (0..<keySize).map { _ in UInt8.random(in: 0...255, using: &rng) })
            let iv = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
            for n in 0...100 {
                let msg = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
                let ct = try CBC.encrypt(msg, using: aes, iv: iv)
                XCTAssertEqual(ct.count, (n / 16 + 1) * 16)
                XCTAssertEqual(try CBC.decrypt(ct, using: aes, iv: iv), msg, "AES-\(keySize * 8) length \(n)")
            }
        }
    }

    /// No vector file covers AES-192-CBC with many blocks: random cases against `openssl enc`.
    func testAES192CBCAgainstOpenSSL() throws {
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<8 {
            let key = (0..<24).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let iv = (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let msg = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let oracle = try ProcessRunner.oracle("openssl", ["enc", "-aes-192-cbc", "-K", hexString(key), "-iv", hexString(iv)], stdin: msg)
            XCTAssertEqual(oracle.status, 0, String(decoding: oracle.stderr, as: UTF8.self))
            let id = "trial \(trial) key \(hexString(key)) iv \(hexString(iv)) msg \(hexString(msg))"
            XCTAssertEqual(hexString(try CBC.encrypt(msg, using: try AES(key: key), iv: iv)), hexString(oracle.stdout), id)
            XCTAssertEqual(try CBC.decrypt(oracle.stdout, using: try AES(key: key), iv: iv), msg, id)
        }
    }
}
