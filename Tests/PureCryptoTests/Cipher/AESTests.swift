import TestSupport
import XCTest
@_spi(Hazmat) @testable import PureCrypto

/// AES block cipher: the bitsliced S-box against a reference computed here from its definition,
/// and every NIST CAVP AES-CBC record (KAT and MMT, ENCRYPT and DECRYPT).
final class AESTests: XCTestCase {
    /// S(x) = A(x^-1) + 0x63 (FIPS 197 section 5.1.1), computed directly, variable-time.
    static let referenceSBox: [UInt8] = {
        func mul(_ a: UInt8, _ b: UInt8) -> UInt8 {
            var a = a, b = b, p: UInt8 = 0
            while b != 0 {
                if b & 1 != 0 { p ^= a }
                a = (a << 1) ^ ((a & 0x80) != 0 ? 0x1B : 0)
                b >>= 1
            }
            return p
        }
        return (0..<256).map { x in
            let x = UInt8(x)
            var inv: UInt8 = 0
            if x != 0 { for y in 1...255 where mul(x, UInt8(y)) == 1 { inv = UInt8(y) } }
            var s: UInt8 = 0x63
            for i in 0..<8 {
                let bit = ((inv >> i) ^ (inv >> ((i + 4) % 8)) ^ (inv >> ((i + 5) % 8))
                    ^ (inv >> ((i + 6) % 8)) ^ (inv >> ((i + 7) % 8))) & 1
                s ^= bit << i
            }
            return s
        }
    }()

    func testSBoxCircuitMatchesDefinitionForAllBytes() {
        for start in stride(from: 0, to: 256, by: 64) {
            var bytes = (start..<(start + 64)).map { UInt8($0) }
            bytes.withUnsafeMutableBytes { b in
                var s = AESSlices(loading: UnsafeRawPointer(b.baseAddress!), count: 4)
                s.subBytes()
                s.store(to: b.baseAddress!, count: 4)
            }
            for (i, y) in bytes.enumerated() {
                XCTAssertEqual(y, Self.referenceSBox[start + i], "S(\(start + i))")
            }
            bytes.withUnsafeMutableBytes { b in
                var s = AESSlices(loading: UnsafeRawPointer(b.baseAddress!), count: 4)
                s.inverseSubBytes()
                s.store(to: b.baseAddress!, count: 4)
            }
            XCTAssertEqual(bytes, (start..<(start + 64)).map { UInt8($0) }, "inverse S-box from \(start)")
        }
    }

    func testPackingRoundTripsEveryBlockCount() {
        for count in 1...4 {
            let input = (0..<(16 * count)).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            var output = [UInt8](repeating: 0, count: 16 * count)
            input.withUnsafeBytes { i in
                output.withUnsafeMutableBytes { o in
                    AESSlices(loading: i.baseAddress!, count: count).store(to: o.baseAddress!, count: count)
                }
            }
            XCTAssertEqual(output, input, "pack/unpack of \(count) blocks")
        }
    }

    func testRejectsBadKeyLengths() {
        for n in [0, 8, 15, 17, 31, 33, 64] {
            XCTAssertThrowsError(try AES(key: [UInt8](repeating: 0, count: n)), "key of \(n) bytes") { e in
                XCTAssertEqual((e as? CryptoError)?.code, .invalidArgument)
            }
        }
    }

    /// Every record of every NIST AES-CBC file, in both directions.
    func testNISTCBCVectors() throws {
        let files = ["CBCGFSbox128", "CBCGFSbox256", "CBCKeySbox128", "CBCKeySbox256", "CBCMMT128",
                     "CBCMMT256", "CBCVarKey128", "CBCVarKey256", "CBCVarTxt128", "CBCVarTxt256"]
        let listed = try FileManager.default.contentsOfDirectory(atPath: Vectors.url("nist/aes_cbc").path)
            .filter { $0.hasSuffix(".rsp") }.map { String($0.dropLast(4)) }
        XCTAssertEqual(Set(listed), Set(files), "every .rsp in nist/aes_cbc is tested")
        var total = 0
        for file in files {
            let path = "nist/aes_cbc/\(file).rsp"
            let records = parseCAVP(try Vectors.text(path))
            XCTAssertFalse(records.isEmpty, path)
            for r in records {
                let id = "\(path) line \(r.line) [\(r.section[""] ?? "?")] COUNT \(r["COUNT"] ?? "?")"
                guard let k = r["KEY"], let iv = r["IV"], let pt = r["PLAINTEXT"], let ct = r["CIPHERTEXT"] else {
                    XCTFail("\(id): missing field"); continue
                }
                let aes = try AES(key: hexBytes(k))
                let plaintext = hexBytes(pt), ciphertext = hexBytes(ct)
                switch r.section[""] {
                case "ENCRYPT":
                    XCTAssertEqual(hexString(try CBC.encryptWithoutPadding(plaintext, using: aes, iv: hexBytes(iv))), ct, id)
                case "DECRYPT":
                    XCTAssertEqual(hexString(try CBC.decryptWithoutPadding(ciphertext, using: aes, iv: hexBytes(iv))), pt, id)
                default:
                    XCTFail("\(id): unknown section")
                }
                total += 1
            }
        }
        XCTAssertGreaterThan(total, 1000)
    }
}
