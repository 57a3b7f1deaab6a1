import TestSupport
import XCTest
import PureCrypto

final class ChoiceTests: XCTestCase {
    func testComparisonsAgreeWithPlainOperators() {
        var rng = SystemRandomNumberGenerator()
        let edge: [UInt64] = [0, 1, 2, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, ~0, ~0 - 1]
        var values = edge
        for _ in 0..<200 { values.append(rng.next()) }
        for x in values {
            for y in edge + [x, x &+ 1, x &- 1, rng.next()] {
                XCTAssertEqual(Choice.equal(x, y).declassified, x == y, "equal(\(x), \(y))")
                XCTAssertEqual(Choice.less(x, y).declassified, x < y, "less(\(x), \(y))")
                XCTAssertEqual(Choice.less(x, y).select(x, y), min(x, y), "select(\(x), \(y))")
            }
        }
    }

    func testConstantTimeEqual() {
        XCTAssertTrue(constantTimeEqual([UInt8](), [UInt8]()))
        XCTAssertTrue(constantTimeEqual([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        XCTAssertFalse(constantTimeEqual([1, 2, 3] as [UInt8], [1, 2, 4] as [UInt8]))
        XCTAssertFalse(constantTimeEqual([1, 2, 3] as [UInt8], [1, 2] as [UInt8]))
        XCTAssertFalse(constantTimeEqual([0x80] as [UInt8], [0x00] as [UInt8]))
    }
}

final class TestSupportTests: XCTestCase {
    func testOracleRunnerPassesStdinAndCapturesOutput() throws {
        let r = try ProcessRunner.oracle("python3", ["-c", "import sys; d=sys.stdin.buffer.read(); sys.stdout.write(d[::-1].hex()); sys.stderr.write('e'); sys.exit(3)"], stdin: [1, 2, 255])
        XCTAssertEqual(r.status, 3)
        XCTAssertEqual(String(decoding: r.stdout, as: UTF8.self), "ff0201")
        XCTAssertEqual(r.stderr, Array("e".utf8))
    }

    func testCAVPParserKeepsSectionsAndLines() {
        let recs = parseCAVP("# c\n[L = 32]\n\nLen = 0\nMsg = 00\n\nLen = 8\nMsg = ab\n")
        XCTAssertEqual(recs.count, 2)
        XCTAssertEqual(recs[1]["Msg"], "ab")
        XCTAssertEqual(recs[1]["L"], "32")
        XCTAssertEqual(recs[1].line, 7)
    }
}
