import XCTest
import Foundation
@testable import BoxAuth

final class MemoryTokenStoreTests: XCTestCase {
    func testConformance() async throws {
        try await TokenStoreConformance.check(MemoryTokenStore())
    }

    func testBoundDropsTheLeastRecentlyUsedEighth() async throws {
        let store = MemoryTokenStore(capacity: 16)
        let keys = (0..<16).map { TokenStoreConformance.namespace.key(.jwt, .user("u\($0)")) }
        for (i, key) in keys.enumerated() { try await store.put(TokenStoreConformance.token("t\(i)"), for: key, timeToLive: .seconds(60)) }
        XCTAssertEqual(store.count, 16)
        // Touch u0 and u1: u2 and u3 become the least recently used.
        _ = try await store.get(keys[0])
        _ = try await store.get(keys[1])
        try await store.put(TokenStoreConformance.token("t16"), for: TokenStoreConformance.namespace.key(.jwt, .user("u16")), timeToLive: .seconds(60))
        XCTAssertEqual(store.count, 14, "17 subjects over a bound of 16: back to 16 − 16/8")
        var kept: [Int] = []
        for (i, key) in keys.enumerated() {
            if try await store.get(key) != nil { kept.append(i) }
        }
        XCTAssertEqual(kept, [0, 1] + Array(5..<16))
    }
}
