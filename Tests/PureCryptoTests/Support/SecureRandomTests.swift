import XCTest
import PureCrypto

final class SecureRandomTests: XCTestCase {
    func testBytesHaveTheRequestedCountAndDiffer() {
        for count in 0...70 {
            XCTAssertEqual(SecureRandom.bytes(count: count).count, count, "count \(count)")
        }
        // Two 32-byte draws collide with probability 2^-256.
        XCTAssertNotEqual(SecureRandom.bytes(count: 32), SecureRandom.bytes(count: 32))
    }

    func testFillOverwritesEveryPosition() {
        // Every position of a 1 KiB buffer stays 0 in all of 8 fills with probability 1024 * 2^-64.
        var seenNonZero = [Bool](repeating: false, count: 1021)
        for _ in 0..<8 {
            var buffer = [UInt8](repeating: 0, count: 1021)
            SecureRandom.fill(&buffer)
            for (i, b) in buffer.enumerated() where b != 0 { seenNonZero[i] = true }
        }
        XCTAssertEqual(seenNonZero.firstIndex(of: false), nil, "a position was never written")
    }

    func testEveryByteValueAppears() {
        // 64 KiB of uniform bytes miss some value with probability about 256 * e^-256.
        var seen = Set<UInt8>()
        for b in SecureRandom.bytes(count: 65_536) { seen.insert(b) }
        XCTAssertEqual(seen.count, 256)
    }
}
