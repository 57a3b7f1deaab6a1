import TestSupport
import XCTest
import Foundation
@testable import BoxAuth
@testable import BoxEmulator

/// 10,000 users through one Redis store while the emulator answers one token request in ten
/// with HTTP 503. Two clients with separate memory caches (two processes' worth) ask for every
/// user at once, so each user's lease is contended. Run in release by .ci/run (`--filter Heavy`).
final class TokenStoreFleetHeavyTests: XCTestCase {
    func testTenThousandSubjectsThroughRedisWithOneGrantInTenFailing() async throws {
        try XCTSkipUnless(BuildConfiguration.isOptimized, BuildConfiguration.heavyOnly("10,000 subjects through Redis"))
        let subjects = 10_000
        let fleet = try BoxFleet(extraUsers: subjects)
        defer { fleet.emulator.stop() }
        let redis = try RedisServer()
        fleet.emulator.failTokenRequests(every: 10, status: 503)
        let clients = try (0..<2).map { _ in
            try fleet.client { $0.tokenStore = try! RedisTokenStore(url: redis.url, timeout: .seconds(10)) }
        }

        // (client, user index) -> token value; 32 callers in flight per client.
        let results = try await withThrowingTaskGroup(of: [(Int, String)].self) { group in
            for (c, client) in clients.enumerated() {
                for lane in 0..<32 {
                    group.addTask {
                        var got: [(Int, String)] = []
                        var i = lane
                        while i < subjects {
                            // The two clients walk the users in opposite orders, then meet in the middle.
                            let user = c == 0 ? i : subjects - 1 - i
                            got.append((user, try await client.userToken(userID: String(100_000 + user)).value))
                            i += 32
                        }
                        return got.map { (c * subjects + $0.0, $0.1) }
                    }
                }
            }
            var all: [Int: String] = [:]
            for try await part in group { for (k, v) in part { all[k] = v } }
            return all
        }

        XCTAssertEqual(results.count, 2 * subjects, "every caller got a token")
        XCTAssertTrue(results.values.allSatisfy { !$0.isEmpty })
        let grants = fleet.emulator.jwtGrants
        let total = grants.values.reduce(0, +)
        let missing = (0..<subjects).filter { grants[.user(String(100_000 + $0))] == nil }
        XCTAssertEqual(missing, [], "a grant for every subject")
        XCTAssertLessThanOrEqual(total, subjects + subjects / 10, "at most 1.1 grants per subject")
        let shared = (0..<subjects).filter { results[$0] == results[subjects + $0] }.count
        print("TokenStoreFleetHeavy: \(subjects) subjects, \(2 * subjects) callers, \(total) JWT grants "
              + "(max \(grants.values.max() ?? 0) for one subject), \(fleet.emulator.tokenRequestCount) token requests "
              + "(one in ten answered 503), both clients got the same token for \(shared) subjects")
    }
}
