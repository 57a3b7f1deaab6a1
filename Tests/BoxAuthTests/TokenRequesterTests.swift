import XCTest
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import BoxAuth
@testable import BoxEmulator

/// A loopback server answering from a script, recording every request body.
final class ScriptedServer: Sendable {
    private final class Script: Sendable {
        let replies: Locked<[HTTPServerReply]>
        let bodies = Locked<[String]>([])
        init(_ replies: [HTTPServerReply]) { self.replies = Locked(replies) }
    }

    private let script: Script
    let server: HTTPServer
    let url: URL

    init(_ replies: [HTTPServerReply]) throws {
        let script = Script(replies)
        let server = HTTPServer { request in
            script.bodies.withLock { $0.append(String(decoding: request.body, as: UTF8.self)) }
            return script.replies.withLock { $0.isEmpty ? .respond(.json(200, #"{"access_token":"T","expires_in":3600}"#)) : $0.removeFirst() }
        }
        let port = try server.start()
        self.script = script
        self.server = server
        self.url = URL(string: "http://127.0.0.1:\(port)/oauth2/token")!
    }

    deinit { server.stop() }

    var requestBodies: [String] { script.bodies.withLock { $0 } }
}

final class TokenRequesterTests: XCTestCase {
    private let fast = RetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(10), maxBackoff: .seconds(2), jitter: 0.5, deadline: .seconds(20))

    private func requester(_ s: ScriptedServer, policy: RetryPolicy? = nil, timeout: TimeInterval = 10, clock: @escaping @Sendable () -> Date = { Date() }) -> TokenRequester {
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = timeout
        return TokenRequester(transport: HTTPTransport(configuration: config, allowPlainHTTP: false), url: s.url,
                              maxResponseBytes: 1 << 20, maxClockCorrection: 600, secrets: [], policy: policy ?? fast, clock: clock)
    }

    /// A form with a per-attempt counter standing in for a fresh jti, and a secret.
    private func form(_ counter: Counter) -> TokenRequester.MakeForm {
        { now in [("attempt", "\(counter.next())"), ("now", "\(Int(now.timeIntervalSince1970))"), ("client_secret", "s3cr3t+/=")] }
    }

    private static func error(_ status: Int, _ error: String, _ description: String, headers: [HTTPHeader] = []) -> HTTPServerReply {
        .respond(.json(status, #"{"error":"\#(error)","error_description":"\#(description)"}"#, headers: headers))
    }

    func testRetryAfterIsHonouredAndEveryAttemptIsBuiltAfresh() async throws {
        let s = try ScriptedServer([.respond(.json(429, "{}", headers: [HTTPHeader("Retry-After", "1")]))])
        let start = ContinuousClock.now
        let r = try await requester(s).send(.jwt, form(Counter()))
        XCTAssertEqual(r.status, 200)
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - start, .milliseconds(950))
        XCTAssertEqual(s.requestBodies.count, 2)
        XCTAssertTrue(s.requestBodies[0].hasPrefix("attempt=1&"))
        XCTAssertTrue(s.requestBodies[1].hasPrefix("attempt=2&"))
        XCTAssertTrue(s.requestBodies[0].contains("client_secret=s3cr3t%2B%2F%3D"))
    }

    func testServerErrorsAndDroppedConnectionsAreRetried() async throws {
        let s = try ScriptedServer([.respond(.json(503, "oops")), .dropConnection, .respond(.json(500, "{}"))])
        let r = try await requester(s).send(.jwt, form(Counter()))
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(s.requestBodies.count, 4)
    }

    func testAttemptsAreCapped() async throws {
        let s = try ScriptedServer(Array(repeating: .respond(.json(503, "{}")), count: 10))
        do {
            _ = try await requester(s, policy: RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(5), jitter: 0)).send(.jwt, form(Counter()))
            XCTFail("expected failure")
        } catch {
            XCTAssertEqual(error.code, .serverError)
            XCTAssertEqual(error.httpStatus, 503)
        }
        XCTAssertEqual(s.requestBodies.count, 3)
    }

    func testClockSkewIsRetriedOnceWithTheServerClock() async throws {
        let local = Date()
        let serverNow = Int64(local.timeIntervalSince1970) + 300
        let skewed = Self.error(400, "invalid_grant", "Please check the 'exp' claim.", headers: [HTTPHeader("Date", HTTPDate.format(serverNow))])
        let s = try ScriptedServer([skewed])
        _ = try await requester(s).send(.jwt, form(Counter()))
        XCTAssertEqual(s.requestBodies.count, 2)
        let second = FormEncoding.decode(Array(s.requestBodies[1].utf8))!
        let usedNow = Int64(second.first { $0.0 == "now" }!.1)!
        XCTAssertLessThanOrEqual(abs(usedNow - serverNow), 2, "the retry must use the server's clock")

        let twice = try ScriptedServer([skewed, skewed])
        do {
            _ = try await requester(twice).send(.jwt, form(Counter()))
            XCTFail("a second skew answer must surface")
        } catch {
            XCTAssertEqual(error.code, .requestRejected)
            XCTAssertEqual(error.boxError, "invalid_grant")
        }
        XCTAssertEqual(twice.requestBodies.count, 2)
    }

    func testOtherClientErrorsSurfaceAtOnceWithBoxFieldsAndNoSecret() async throws {
        let s = try ScriptedServer([Self.error(400, "invalid_client", "The client credentials are invalid.")])
        do {
            _ = try await requester(s).send(.jwt, form(Counter()))
            XCTFail("expected rejection")
        } catch {
            XCTAssertEqual(error.code, .requestRejected)
            XCTAssertEqual(error.httpStatus, 400)
            XCTAssertEqual(error.boxError, "invalid_client")
            XCTAssertEqual(error.boxErrorDescription, "The client credentials are invalid.")
            XCTAssertFalse("\(error)".contains("s3cr3t"))
        }
        XCTAssertEqual(s.requestBodies.count, 1)
    }

    func testDeadlineStopsALongRetryAfter() async throws {
        let s = try ScriptedServer([.respond(.json(429, "{}", headers: [HTTPHeader("Retry-After", "10")]))])
        let start = ContinuousClock.now
        do {
            _ = try await requester(s, policy: RetryPolicy(maxAttempts: 5, maxBackoff: .seconds(30), deadline: .seconds(2))).send(.jwt, form(Counter()))
            XCTFail("expected the deadline")
        } catch {
            XCTAssertEqual(error.code, .deadlineExceeded)
            XCTAssertEqual(error.httpStatus, 429)
        }
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(2))
    }

    func testCancellationDuringBackoffEndsPromptly() async throws {
        let s = try ScriptedServer([.respond(.json(429, "{}", headers: [HTTPHeader("Retry-After", "5")]))])
        let r = requester(s)
        let make = form(Counter())
        let task = Task { () async throws(BoxAuthError) -> TokenResponse in try await r.send(.jwt, make) }
        try await Task.sleep(for: .milliseconds(300))
        let start = ContinuousClock.now
        task.cancel()
        let result = await task.result
        guard case .failure(let error) = result else { return XCTFail("cancelled request succeeded") }
        XCTAssertEqual((error as? BoxAuthError)?.code, BoxAuthError.Code.cancelled)
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(1))
    }

    func testSlowServerTimesOutAsANetworkError() async throws {
        let s = try ScriptedServer(Array(repeating: .respondAfter(milliseconds: 2500, .json(200, "{}")), count: 2))
        do {
            _ = try await requester(s, policy: RetryPolicy(maxAttempts: 2, initialBackoff: .milliseconds(5)), timeout: 1).send(.jwt, form(Counter()))
            XCTFail("expected a timeout")
        } catch {
            XCTAssertEqual(error.code, .networkError)
        }
    }
}
