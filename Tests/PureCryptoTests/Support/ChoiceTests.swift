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
