import PureCrypto
import TestSupport
import XCTest

/// NIST CAVP SHA-256/512 byte-oriented vectors and the generated padding-boundary vectors.
final class SHA2VectorTests: XCTestCase {
    func testNISTShortAndLongMessages() throws {
        let files: [(String, HashUnderTest)] = [
            ("nist/sha/SHA256ShortMsg.rsp", HashUnderTest(SHA256.self, oracleName: "sha256")),
            ("nist/sha/SHA256LongMsg.rsp", HashUnderTest(SHA256.self, oracleName: "sha256")),
            ("nist/sha/SHA512ShortMsg.rsp", HashUnderTest(SHA512.self, oracleName: "sha512")),
            ("nist/sha/SHA512LongMsg.rsp", HashUnderTest(SHA512.self, oracleName: "sha512")),
        ]
        for (file, hash) in files {
            let records = parseCAVP(try Vectors.text(file))
            XCTAssertGreaterThan(records.count, 60, "\(file): too few records parsed")
            for record in records {
                let id = "\(file) line \(record.line)"
                guard let lenText = record["Len"], let bitLength = Int(lenText),
                      let msgHex = record["Msg"], let mdHex = record["MD"] else {
                    XCTFail("\(id): record lacks Len, Msg or MD"); continue
                }
                XCTAssertEqual(record["L"].flatMap(Int.init), hash.digestByteCount, "\(id): section L")
                XCTAssertEqual(bitLength % 8, 0, "\(id): bit-oriented message in a byte-oriented file")
                // CAVP writes the empty message as `Msg = 00` with `Len = 0`.
                let message = Array(hexBytes(msgHex).prefix(bitLength / 8))
                XCTAssertEqual(message.count * 8, bitLength, "\(id): Msg shorter than Len")
                XCTAssertEqual(hexString(hash.oneShot(message)), mdHex.lowercased(), "\(id) (Len = \(bitLength))")
            }
        }
    }

    func testPaddingBoundaries() throws {
        try checkPaddingBoundaries("generated/hash/sha2_padding_boundaries.json")
    }
}
