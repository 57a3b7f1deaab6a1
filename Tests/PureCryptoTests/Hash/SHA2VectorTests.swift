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

    private struct BoundaryFile: Decodable {
        struct Case: Decodable {
            let hash: String
            let length: Int
            let message_hex: String
            let digest_hex: String
        }
        let tests: [Case]
    }

    func testPaddingBoundaries() throws {
        let file = "generated/hash/sha2_padding_boundaries.json"
        let cases = try Vectors.json(BoundaryFile.self, file).tests
        XCTAssertFalse(cases.isEmpty, "\(file): no cases")
        for (index, c) in cases.enumerated() {
            let id = "\(file) case #\(index) (\(c.hash), length \(c.length))"
            guard let hash = HashUnderTest.named(c.hash) else { XCTFail("\(id): unknown hash"); continue }
            let message = hexBytes(c.message_hex)
            XCTAssertEqual(message.count, c.length, "\(id): message length")
            XCTAssertEqual(hexString(hash.oneShot(message)), c.digest_hex.lowercased(), id)
            // The same bytes fed one at a time cross every boundary inside the buffer.
            let bytewise = hash.pieces(message.indices.map { message[$0 ..< $0 + 1] })
            XCTAssertEqual(hexString(bytewise), c.digest_hex.lowercased(), "\(id), byte-at-a-time")
        }
    }
}
