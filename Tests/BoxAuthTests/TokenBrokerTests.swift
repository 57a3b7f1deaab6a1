import TestSupport
import XCTest
import Foundation
@testable import BoxAuth
@testable import BoxEmulator

/// Clients that share a store (file or a real redis-server on loopback) against the emulator:
/// each client has its own memory cache, as separate processes would, so only the store and its
/// lease keep them to one grant. (Separate processes: TokenStoreFleetTests.)
final class TokenBrokerTests: XCTestCase {
    /// `clients` clients on their own store objects over one backing store, `tasks` concurrent
    /// callers each, all for user 1001. Returns the distinct token values they got.
    func race(_ fleet: BoxFleet, clients: Int, tasks: Int, store: @escaping () throws -> any TokenStore,
              log: EventLog) async throws -> Set<String> {
        let made = try (0..<clients).map { _ in
            let s = try store()
            return try fleet.client { $0.tokenStore = s; $0.observer = log.observer }
        }
        return try await withThrowingTaskGroup(of: String.self) { group in
            for client in made {
                for _ in 0..<tasks { group.addTask { try await client.userToken(userID: "1001").value } }
            }
            var values = Set<String>()
            for try await v in group { values.insert(v) }
            return values
        }
    }

    func testClientsSharingAFileStoreMakeOneGrant() async throws {
        let fleet = try BoxFleet()
        let dir = try BoxFleet.temporaryDirectory("tokens")
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = EventLog()
        let values = try await race(fleet, clients: 6, tasks: 20, store: { try FileTokenStore(directory: dir.path) }, log: log)
        XCTAssertEqual(values.count, 1, "every caller got the same token")
        XCTAssertEqual(fleet.emulator.jwtGrantCount, 1, "one JWT grant for six clients")
        XCTAssertEqual(fleet.emulator.tokenRequestCount, 1)
        XCTAssertEqual(log.count { if case .grantRequested(.jwt, .user("1001")?, 1) = $0 { return true }; return false }, 1)
        XCTAssertEqual(log.count { if case .storeError = $0 { return true }; return false }, 0)
    }

    func testClientsSharingRedisMakeOneGrantAndStoreTheTokenUntilItsRefreshPoint() async throws {
        let fleet = try BoxFleet()
        let redis = try RedisServer()
        let log = EventLog()
        let values = try await race(fleet, clients: 6, tasks: 20, store: { try RedisTokenStore(url: redis.url) }, log: log)
        XCTAssertEqual(values.count, 1, "every caller got the same token")
        XCTAssertEqual(fleet.emulator.jwtGrantCount, 1, "one JWT grant for six clients")
        // Stored for the token's 3600 s minus the 180 s refresh margin; no lease left behind.
        let key = TokenStoreNamespace(clientID: BoxFleet.clientID, clientSecret: BoxFleet.secret).key(.jwt, .user("1001"))
        let ttl = try XCTUnwrap(Int(try redis.cli("PTTL", "purejwt:token:\(key.name)")))
        XCTAssert((3_300_000...3_420_000).contains(ttl), "PTTL \(ttl)")
        XCTAssertEqual(try redis.cli("EXISTS", "purejwt:lease:\(key.name)"), "0")

        // A new client (a restarted process) reads the stored token: no grant, a store hit.
        let later = EventLog()
        let restarted = try fleet.client { $0.tokenStore = try! RedisTokenStore(url: redis.url); $0.observer = later.observer }
        let again = try await restarted.userToken(userID: "1001")
        XCTAssertEqual(again.value, values.first)
        XCTAssertEqual(fleet.emulator.jwtGrantCount, 1)
        XCTAssertEqual(later.events, [.cacheMiss(.user("1001")), .storeHit(.user("1001"), store: "redis 127.0.0.1:\(redis.port)/0")])
        _ = try await restarted.userToken(userID: "1001")
        XCTAssertEqual(later.events.last, .cacheHit(.user("1001")))
    }

    func testAStoreThatIsDownIsReportedAndBypassedUnlessToldToFail() async throws {
        let fleet = try BoxFleet()
        let port = try RedisServer.freeLoopbackPort()
        let log = EventLog()
        let client = try fleet.client {
            $0.tokenStore = try! RedisTokenStore(url: "redis://:redis-pw-42@127.0.0.1:\(port)", timeout: .milliseconds(500))
            $0.observer = log.observer
        }
        let token = try await client.userToken(userID: "1001")
        XCTAssertFalse(token.value.isEmpty)
        XCTAssertEqual(fleet.emulator.jwtGrantCount, 1)
        let errors = log.events.compactMap { e -> (String, String)? in if case .storeError(_, let code, let reason) = e { return (code, reason) }; return nil }
        XCTAssertEqual(errors.map(\.0), ["token_store_unavailable"])
        XCTAssertFalse(log.events.map(\.description).joined().contains("redis-pw-42"), "no store password in events")

        let strict = try fleet.client {
            $0.tokenStore = try! RedisTokenStore(url: "redis://127.0.0.1:\(port)", timeout: .milliseconds(500))
            $0.storeFailurePolicy = .fail
        }
        let outcome: Result<AccessToken, BoxAuthError>
        do throws(BoxAuthError) { outcome = .success(try await strict.userToken(userID: "1002")) } catch { outcome = .failure(error) }
        guard case .failure(let error) = outcome else { return XCTFail("a store that is down must fail the call under .fail") }
        XCTAssertEqual(error.code, .tokenStoreUnavailable)
        XCTAssertEqual(fleet.emulator.jwtGrantCount, 1, "no grant under .fail")
    }

    func testRedisStoppedMidRunIsBypassedAndUsedAgainOnceBack() async throws {
        let fleet = try BoxFleet(extraUsers: 200)
        let redis = try RedisServer()
        let log = EventLog()
        let client = try fleet.client {
            $0.tokenStore = try! RedisTokenStore(url: redis.url, timeout: .milliseconds(500))
            $0.observer = log.observer
        }
        let namespace = TokenStoreNamespace(clientID: BoxFleet.clientID, clientSecret: BoxFleet.secret)
        func stored(_ user: Int) throws -> Bool {
            try redis.cli("EXISTS", "purejwt:token:\(namespace.key(.jwt, .user(String(100_000 + user))).name)") == "1"
        }
        func storeErrors() -> Int { log.count { if case .storeError(_, "token_store_unavailable", _) = $0 { return true }; return false } }

        // Up: each new user's token is put in Redis.
        for user in 0..<5 { _ = try await client.userToken(userID: String(100_000 + user)) }
        XCTAssertTrue(try (0..<5).allSatisfy(stored))
        XCTAssertEqual(storeErrors(), 0)

        // Down: every caller still gets a token (fetched directly), and the failure is reported.
        redis.stop()
        for user in 5..<10 {
            let token = try await client.userToken(userID: String(100_000 + user))
            XCTAssertFalse(token.value.isEmpty)
        }
        XCTAssertGreaterThanOrEqual(storeErrors(), 5, "each direct fetch reports the store error")
        XCTAssertEqual(fleet.emulator.jwtGrantCount, 10)

        // Back (empty: it saves nothing): the store is used again once the connection's backoff
        // (at most 5 s) lets it reconnect.
        try redis.start()
        var user = 10
        var usedAgain = false
        while !usedAgain && user < 200 {
            _ = try await client.userToken(userID: String(100_000 + user))
            usedAgain = try stored(user)
            if !usedAgain { try await Task.sleep(for: .milliseconds(100)) }
            user += 1
        }
        XCTAssertTrue(usedAgain, "a token was put in Redis again after it came back")
        let errorsBefore = storeErrors()
        _ = try await client.userToken(userID: String(100_000 + user))
        XCTAssertTrue(try stored(user))
        XCTAssertEqual(storeErrors(), errorsBefore)
    }

    func testAValueSealedUnderAnotherSecretIsReplaced() async throws {
        let fleet = try BoxFleet()
        let dir = try BoxFleet.temporaryDirectory("tokens")
        defer { try? FileManager.default.removeItem(at: dir) }
        // Another app secret's sealed bytes under this app's name for user 1001.
        let mine = TokenStoreNamespace(clientID: BoxFleet.clientID, clientSecret: BoxFleet.secret).key(.jwt, .user("1001"))
        let theirs = TokenStoreNamespace(clientID: BoxFleet.clientID, clientSecret: "another-secret").key(.jwt, .user("1001"))
        let sealed = theirs.seal(AccessToken(value: "planted", expiresAt: Date().addingTimeInterval(3600)))
        try Data(sealed).write(to: dir.appendingPathComponent("\(mine.name).token"))

        let log = EventLog()
        let client = try fleet.client { $0.tokenStore = try! FileTokenStore(directory: dir.path); $0.observer = log.observer }
        let token = try await client.userToken(userID: "1001")
        XCTAssertNotEqual(token.value, "planted")
        XCTAssertGreaterThanOrEqual(log.count { if case .storeError(_, "token_store_invalid", _) = $0 { return true }; return false }, 1)
        let stored = try await FileTokenStore(directory: dir.path).get(mine)
        XCTAssertEqual(stored?.value, token.value, "the fetched token replaced the bad value")
    }

    func testRetriesAndClockSkewAreReportedWithoutSecrets() async throws {
        let fleet = try BoxFleet()
        fleet.emulator.injectFaults([.serverError(status: 503), .rateLimited(retryAfterSeconds: 1)])
        let log = EventLog()
        let client = try fleet.client { $0.observer = log.observer }
        let token = try await client.userToken(userID: "1002")
        let retries = log.events.compactMap { e -> BoxAuthEvent.RetryReason? in if case .retry(let r, _, _) = e { return r }; return nil }
        XCTAssertEqual(retries, [.serverError(status: 503), .rateLimited(retryAfter: true)])
        XCTAssertEqual(log.count { if case .grantRequested(.jwt, .user("1002")?, _) = $0 { return true }; return false }, 3)
        guard case .retry(_, 2, let delay)? = log.events.first(where: { if case .retry(.rateLimited, _, _) = $0 { return true }; return false }) else {
            return XCTFail("no 429 retry event")
        }
        XCTAssertEqual(delay, .seconds(1), "Retry-After honoured")

        fleet.emulator.setClockSkew(seconds: 300)
        _ = try await client.requestJWTToken(for: .user("1001"))
        XCTAssertEqual(log.count { if case .clockSkewCorrected(let offset) = $0 { return (299...301).contains(offset) }; return false }, 1)

        let text = log.events.map(\.description).joined(separator: "\n")
        XCTAssertFalse(text.contains(token.value) || text.contains(BoxFleet.secret), "events carry no token or secret")
    }

    func testTheAPIBaseGetsSlash20AddedUnlessItEndsInIt() async throws {
        let fleet = try BoxFleet()
        for base in [fleet.base, fleet.base + "/", fleet.base + "/2.0", fleet.base + "/2.0/"] {
            let client = try fleet.client { $0.apiBaseURL = URL(string: base)! }
            XCTAssertEqual(client.apiRoot.absoluteString.hasSuffix("/2.0") || client.apiRoot.absoluteString.hasSuffix("/2.0/"), true, base)
            let token = try await client.userToken(userID: "1001")
            let (_, response) = try await client.perform(client.apiRequest("folders/0", token: token))
            XCTAssertEqual(response.statusCode, 200, base)
            XCTAssertEqual(response.url?.path, "/2.0/folders/0", base)
        }
        let production = try BoxAuthClient(config: BoxConfig(clientID: "c", clientSecret: "s", publicKeyID: "k", privateKeyPEM: "p",
                                                             passphrase: nil, enterpriseID: nil), privateKey: nil)
        XCTAssertEqual(production.options.apiBaseURL.absoluteString, "https://api.box.com")
        XCTAssertEqual(production.apiRequest("folders/0", token: AccessToken(value: "t", expiresAt: Date())).url?.absoluteString,
                       "https://api.box.com/2.0/folders/0")
        XCTAssertEqual(production.folderResource("123").absoluteString, "https://api.box.com/2.0/folders/123")
    }
}
