import TestSupport
import XCTest
import Foundation
@testable import BoxAuth
@testable import BoxEmulator

/// `send(_:as:)` and `send(_:asUser:)` against the emulator: the token attached, a revoked token
/// replaced once, 429 and 5xx retried.
final class APISendTests: XCTestCase {
    static func json(_ body: Data) -> [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }

    func testA401ForARevokedTokenIsRefreshedOnceThroughTheSharedStore() async throws {
        let fleet = try BoxFleet()
        let redis = try RedisServer()
        let log = EventLog()
        let worker = try fleet.client { $0.tokenStore = try! RedisTokenStore(url: redis.url); $0.observer = log.observer }
        let first = try await worker.userToken(userID: "1001")
        // Another process revokes it (its own cache never held it, so the store still does).
        let admin = try fleet.client { $0.tokenStore = try! RedisTokenStore(url: redis.url) }
        try await admin.revoke(first.value)

        let (body, response) = try await worker.send(worker.apiRequest("folders/0"), as: .user("1001"))
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual((Self.json(body)["owned_by"] as? [String: Any])?["id"] as? String, "1001")
        XCTAssertEqual(fleet.emulator.jwtGrantCount, 2, "one refresh after the 401")
        XCTAssertEqual(log.count { $0 == .retry(reason: .unauthorized, attempt: 1, delay: .zero) }, 1)
        // The store now holds the fresh token: another client reads it without a grant.
        let fresh = try await worker.userToken(userID: "1001")
        XCTAssertNotEqual(fresh.value, first.value)
        let reader = try fleet.client { $0.tokenStore = try! RedisTokenStore(url: redis.url) }
        let read = try await reader.userToken(userID: "1001")
        XCTAssertEqual(read.value, fresh.value)
        XCTAssertEqual(fleet.emulator.jwtGrantCount, 2)
    }

    func testA401AfterTheRefreshIsReturnedNotRetriedAgain() async throws {
        let fleet = try BoxFleet()
        let client = try fleet.client()
        let unauthorized = EmulatedFault.raw(Array("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8))
        fleet.emulator.injectFaults([unauthorized, unauthorized], on: .api)
        let (_, response) = try await client.send(client.apiRequest("users/me"), as: .user("1001"))
        XCTAssertEqual(response.statusCode, 401, "the second 401 is Box's answer")
        XCTAssertEqual(fleet.emulator.jwtGrantCount, 2, "exactly one refresh")
    }

    func testRateLimitsAndServerErrorsAreRetriedAndAsUserActsAsTheUser() async throws {
        let fleet = try BoxFleet()
        let log = EventLog()
        let client = try fleet.client { $0.observer = log.observer }
        fleet.emulator.injectFaults([.serverError(status: 502), .rateLimited(retryAfterSeconds: 1)], on: .api)
        let (body, response) = try await client.send(client.apiRequest("folders/0"), asUser: "1001")
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual((Self.json(body)["owned_by"] as? [String: Any])?["id"] as? String, "1001", "As-User: the user's root")
        let retries = log.events.compactMap { e -> BoxAuthEvent.RetryReason? in if case .retry(let r, _, _) = e { return r }; return nil }
        XCTAssertEqual(retries, [.serverError(status: 502), .rateLimited(retryAfter: true)])
        XCTAssertEqual(fleet.emulator.jwtGrantCount, 1, "the service account's token, once")

        // Out of attempts: Box's last answer is returned.
        let once = try fleet.client { $0.retryPolicy = RetryPolicy(maxAttempts: 2, initialBackoff: .milliseconds(10)) }
        fleet.emulator.injectFaults([.serverError(status: 503), .serverError(status: 504)], on: .api)
        let (_, last) = try await once.send(once.apiRequest("users/me"), as: .user("1002"))
        XCTAssertEqual(last.statusCode, 504)
        // Other statuses are returned as they are, without a retry.
        let (_, notFound) = try await once.send(once.apiRequest("folders/12345"), as: .user("1002"))
        XCTAssertEqual(notFound.statusCode, 404)
    }
}
