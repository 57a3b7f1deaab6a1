import PureCrypto
import TestSupport
import XCTest

/// RFC 1321 appendix A.5 test suite and the generated MD5 padding-boundary vectors.
final class MD5VectorTests: XCTestCase {
    private struct RFCFile: Decodable {
        struct Case: Decodable {
            let message_ascii: String
            let message_hex: String
            let md5_hex: String
        }
        let tests: [Case]
    }

    func testRFC1321Suite() throws {
        let file = "rfc/md5_rfc1321.json"
        let cases = try Vectors.json(RFCFile.self, file).tests
        XCTAssertFalse(cases.isEmpty, "\(file): no cases")
        for c in cases {
            let id = "\(file) case MD5(\"\(c.message_ascii)\")"
            let message = hexBytes(c.message_hex)
            XCTAssertEqual(message, Array(c.message_ascii.utf8), "\(id): hex and ASCII disagree")
            XCTAssertEqual(hexString(Insecure.MD5.hash(message)), c.md5_hex.lowercased(), id)
        }
    }

    func testPaddingBoundaries() throws {
        try checkPaddingBoundaries("generated/hash/md5_boundaries.json")
    }
}
