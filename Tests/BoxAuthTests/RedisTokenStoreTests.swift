import TestSupport
import XCTest
import Foundation
@testable import BoxAuth

/// The Redis store against a real redis-server on loopback, started per test; what Redis holds is
/// read back with redis-cli.
final class RedisTokenStoreTests: XCTestCase {
    let namespace = TokenStoreConformance.namespace

    func testConformance() async throws {
        let redis = try RedisServer()
        try await TokenStoreConformance.check(try RedisTokenStore(url: redis.url))
    }

    func testURLs() throws {
        XCTAssertEqual(try RedisEndpoint(url: "redis://127.0.0.1"), RedisEndpoint(host: "127.0.0.1"))
        XCTAssertEqual(try RedisEndpoint(url: "redis://:p%40ss@cache.internal:6380/3"),
                       RedisEndpoint(host: "cache.internal", port: 6380, database: 3, password: "p@ss"))
        XCTAssertEqual(try RedisEndpoint(url: "redis://app:pw@[::1]:7000"), RedisEndpoint(host: "::1", port: 7000, username: "app", password: "pw"))
        XCTAssertEqual(String(describing: try RedisEndpoint(url: "redis://:hunter2@h:1/2")), "h:1/2")
        for bad in ["http://h", "redis://", "redis://h:0", "redis://h:70000", "redis://h/x", "redis://h/1?x=1", "redis://user@h", "rediss://h"] {
            XCTAssertThrowsError(try RedisEndpoint(url: bad), bad) { error in
                XCTAssertEqual((error as? BoxAuthError)?.code, .tokenStoreInvalid, bad)
            }
        }
        XCTAssertThrowsError(try RedisEndpoint(url: "rediss://:hunter2@h")) { XCTAssertFalse("\($0)".contains("hunter2")) }
    }

    func testTokensLiveUntilTheirRefreshPointAndKeysHideTheSubject() async throws {
        let redis = try RedisServer()
        let store = try RedisTokenStore(url: redis.url)
        let key = namespace.key(.jwt, .user("sally_at_example"))
        try await store.put(TokenStoreConformance.token("tok_sally_value"), for: key, timeToLive: .seconds(3420))
        let ttl = try XCTUnwrap(Int(try redis.cli("PTTL", "purejwt:token:\(key.name)")))
        XCTAssert((3_400_000...3_420_000).contains(ttl), "PTTL \(ttl)")
        let lease = try await store.acquireLease(key, timeToLive: .seconds(30))
        let leaseTTL = try XCTUnwrap(Int(try redis.cli("PTTL", "purejwt:lease:\(key.name)")))
        XCTAssert((25_000...30_000).contains(leaseTTL), "lease PTTL \(leaseTTL)")
        let keys = try redis.cli("--scan").split(separator: "\n").sorted()
        XCTAssertEqual(keys, ["purejwt:lease:\(key.name)", "purejwt:token:\(key.name)"])
        let value = try redis.cli("--no-raw", "GET", "purejwt:token:\(key.name)")
        XCTAssertFalse(value.contains("sally") || value.contains("tok_"), "Redis holds the sealed token only")
        try await store.releaseLease(lease!)
        XCTAssertEqual(try redis.cli("EXISTS", "purejwt:lease:\(key.name)"), "0")
        // A token with no time left is not stored at all.
        try await store.put(TokenStoreConformance.token("late"), for: key, timeToLive: .zero)
        XCTAssertEqual(try redis.cli("EXISTS", "purejwt:token:\(key.name)"), "0")
    }

    func testPasswordAndDatabase() async throws {
        let redis = try RedisServer(password: "s3cret-redis-pw")
        let store = try RedisTokenStore(url: "redis://:s3cret-redis-pw@127.0.0.1:\(redis.port)/3")
        let key = namespace.key(.jwt, .user("1001"))
        try await store.put(TokenStoreConformance.token("t"), for: key, timeToLive: .seconds(60))
        XCTAssertEqual(try redis.cli(["EXISTS", "purejwt:token:\(key.name)"], database: 3), "1")
        XCTAssertEqual(try redis.cli(["EXISTS", "purejwt:token:\(key.name)"], database: 0), "0")

        for url in ["redis://:wrong-pw@127.0.0.1:\(redis.port)", "redis://127.0.0.1:\(redis.port)"] {
            let refused = try RedisTokenStore(url: url)
            do {
                _ = try await refused.get(key)
                XCTFail("\(url) should be refused")
            } catch {
                XCTAssertEqual(error.code, .tokenStoreUnavailable, "\(url)")
                XCTAssertFalse(error.reason.contains("wrong-pw") || error.reason.contains("s3cret"), error.reason)
            }
        }
    }

    func testStoppedRedisFailsFastAndIsUsedAgainWhenBack() async throws {
        let redis = try RedisServer()
        let store = RedisTokenStore(endpoint: RedisEndpoint(host: "127.0.0.1", port: redis.port), timeout: .seconds(2))
        let key = namespace.key(.jwt, .user("1001"))
        try await store.put(TokenStoreConformance.token("before"), for: key, timeToLive: .seconds(60))
        redis.stop()
        for _ in 0..<20 {
            do {
                _ = try await store.get(key)
                XCTFail("Redis is down")
            } catch {
                XCTAssertEqual(error.code, .tokenStoreUnavailable)
            }
        }
        try redis.start()
        var back = false
        for _ in 0..<200 where !back {
            back = (try? await store.ping()) != nil
            if !back { try await Task.sleep(for: .milliseconds(50)) }
        }
        XCTAssert(back, "the store reconnects once Redis answers again")
        let got = try await store.get(key)
        XCTAssertNil(got, "the restarted Redis (no persistence) is empty")
        try await store.put(TokenStoreConformance.token("after"), for: key, timeToLive: .seconds(60))
        let after = try await store.get(key)
        XCTAssertEqual(after?.value, "after")
    }

    func testAFrozenRedisTimesOutInsteadOfHanging() async throws {
        let redis = try RedisServer()
        let store = RedisTokenStore(endpoint: RedisEndpoint(host: "127.0.0.1", port: redis.port), timeout: .milliseconds(300))
        let key = namespace.key(.jwt, .user("1001"))
        try await store.ping()
        redis.pause()
        defer { redis.resume() }
        do {
            _ = try await store.get(key)
            XCTFail("a frozen Redis cannot answer")
        } catch {
            XCTAssertEqual(error.code, .tokenStoreUnavailable)
        }
        redis.resume()
        var back = false
        for _ in 0..<200 where !back {
            back = (try? await store.ping()) != nil
            if !back { try await Task.sleep(for: .milliseconds(50)) }
        }
        XCTAssert(back, "after the timeout the connection is replaced, and the next one works")
    }
}
