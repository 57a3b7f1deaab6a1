import XCTest
import Foundation
@testable import BoxAuth

/// A settable clock shared with the cache under test.
final class TestClock: Sendable {
    private let now = Locked(Date(timeIntervalSince1970: 1_800_000_000))
    func read() -> Date { now.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

final class Counter: Sendable {
    private let value = Locked(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
    var current: Int { value.withLock { $0 } }
}

final class TokenCacheTests: XCTestCase {
    func testConcurrentCallersShareOneFetch() async throws {
        let cache = TokenCache<String>()
        let fetches = Counter()
        let tokens = try await withThrowingTaskGroup(of: AccessToken.self) { group in
            for _ in 0..<1000 {
                group.addTask {
                    try await cache.token(for: "enterprise") {
                        let n = fetches.next()
                        try? await Task.sleep(for: .milliseconds(50))
                        return AccessToken(value: "t\(n)", expiresAt: Date().addingTimeInterval(3600))
                    }
                }
            }
            return try await group.reduce(into: [AccessToken]()) { $0.append($1) }
        }
        XCTAssertEqual(fetches.current, 1)
        XCTAssertEqual(Set(tokens.map(\.value)), ["t1"])
        XCTAssertEqual(cache.fetchCount, 1)
    }

    func testRefreshesOnceInsideTheMarginAndNeverHandsOutAStaleToken() async throws {
        let clock = TestClock()
        let cache = TokenCache<String>(refreshMargin: 60, clock: clock.read)
        let fetches = Counter()
        let fetch: TokenCache<String>.Fetch = {
            let n = fetches.next()
            return AccessToken(value: "t\(n)", expiresAt: clock.read().addingTimeInterval(300))
        }
        var previous = ""
        for step in 0..<40 {
            let t = try await cache.token(for: "u1", fetch: fetch)
            XCTAssertLessThan(clock.read(), t.expiresAt.addingTimeInterval(-60), "step \(step): handed out inside the margin")
            if t.value != previous { previous = t.value }
            clock.advance(30)
        }
        // 40 steps of 30 s = 1200 s; each token is usable for 240 s (300 − 60 margin): 5 fetches.
        XCTAssertEqual(fetches.current, 5)
    }

    func testSubjectsAreSeparateAndBounded() async throws {
        let cache = TokenCache<String>(capacity: 10)
        let fetches = Counter()
        for i in 0..<25 {
            _ = try await cache.token(for: "user\(i)") {
                AccessToken(value: "t\(fetches.next())", expiresAt: Date().addingTimeInterval(3600))
            }
        }
        XCTAssertEqual(fetches.current, 25)
        XCTAssertLessThanOrEqual(cache.count, 10)
        // The most recent subject is still cached; the oldest was evicted and is fetched again.
        _ = try await cache.token(for: "user24") { AccessToken(value: "x\(fetches.next())", expiresAt: Date().addingTimeInterval(3600)) }
        XCTAssertEqual(fetches.current, 25)
        _ = try await cache.token(for: "user0") { AccessToken(value: "x\(fetches.next())", expiresAt: Date().addingTimeInterval(3600)) }
        XCTAssertEqual(fetches.current, 26)
    }

    func testInvalidateForcesAFetch() async throws {
        let cache = TokenCache<String>()
        let fetches = Counter()
        let fetch: TokenCache<String>.Fetch = { AccessToken(value: "t\(fetches.next())", expiresAt: Date().addingTimeInterval(3600)) }
        _ = try await cache.token(for: "a", fetch: fetch)
        _ = try await cache.token(for: "a", fetch: fetch)
        XCTAssertEqual(fetches.current, 1)
        cache.invalidate("a")
        let t = try await cache.token(for: "a", fetch: fetch)
        XCTAssertEqual(t.value, "t2")
        cache.invalidateAll()
        _ = try await cache.token(for: "a", fetch: fetch)
        XCTAssertEqual(fetches.current, 3)
    }

    func testAFailedFetchReachesEveryWaiterAndIsNotCached() async throws {
        let cache = TokenCache<String>()
        let fetches = Counter()
        let failures = await withTaskGroup(of: BoxAuthError?.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    do {
                        _ = try await cache.token(for: "a") { () async throws(BoxAuthError) -> AccessToken in
                            _ = fetches.next()
                            try? await Task.sleep(for: .milliseconds(30))
                            throw BoxAuthError(.requestRejected, "no", httpStatus: 400, boxError: "invalid_grant")
                        }
                        return nil
                    } catch { return error as? BoxAuthError }
                }
            }
            return await group.reduce(into: [BoxAuthError?]()) { $0.append($1) }
        }
        XCTAssertEqual(fetches.current, 1)
        XCTAssertEqual(failures.compactMap { $0?.code }, Array(repeating: BoxAuthError.Code.requestRejected, count: 20))
        let t = try await cache.token(for: "a") { AccessToken(value: "ok\(fetches.next())", expiresAt: Date().addingTimeInterval(3600)) }
        XCTAssertEqual(t.value, "ok2")
    }

    func testACancelledWaiterStopsWaitingWhileOthersGetTheToken() async throws {
        let cache = TokenCache<String>()
        let fetch: TokenCache<String>.Fetch = {
            try? await Task.sleep(for: .milliseconds(400))
            return AccessToken(value: "slow", expiresAt: Date().addingTimeInterval(3600))
        }
        let patient = Task { try await cache.token(for: "a", fetch: fetch) }
        let impatient = Task { try await cache.token(for: "a", fetch: fetch) }
        try await Task.sleep(for: .milliseconds(50))
        let start = ContinuousClock.now
        impatient.cancel()
        do {
            _ = try await impatient.value
            XCTFail("a cancelled waiter must not get a token")
        } catch let error as BoxAuthError {
            XCTAssertEqual(error.code, .cancelled)
        }
        XCTAssertLessThan(ContinuousClock.now - start, .milliseconds(300), "cancellation must not wait for the fetch")
        let token = try await patient.value
        XCTAssertEqual(token.value, "slow")
    }

    func testAlreadyExpiredTokenFromAFetchIsAnError() async {
        let cache = TokenCache<String>()
        do {
            _ = try await cache.token(for: "a") { AccessToken(value: "old", expiresAt: Date().addingTimeInterval(-1)) }
            XCTFail("expired token handed out")
        } catch {
            XCTAssertEqual(error.code, .responseInvalid)
        }
    }
}
