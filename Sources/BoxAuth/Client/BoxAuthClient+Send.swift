// API calls through the client: the token attached, a refused token replaced once, 429 and 5xx
// retried with the client's RetryPolicy.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import BoxJWT

extension BoxAuthClient {
    /// A request to `path` under `apiRoot` (e.g. `folders/0/items`), for `send`.
    public func apiRequest(_ path: String, method: String = "GET") -> URLRequest {
        var request = URLRequest(url: apiRoot.appendingPathComponent(path))
        request.httpMethod = method
        return request
    }

    /// Sends `request` with `subject`'s token (`token(for:)`: memory, shared store, or Box) in
    /// `Authorization`, and returns Box's answer, whatever its status.
    ///
    /// - 401: the token is dropped (`invalidate(_:refused:)`: from memory and, if it still holds
    ///   it, the shared store) and the request is sent once more with a fresh token.
    /// - 429 and 5xx: sent again after `Retry-After` (429) or the policy's jittered backoff, up to
    ///   `options.retryPolicy.maxAttempts` attempts within its `deadline`.
    /// - A connection failure: sent again like a 5xx when the method is idempotent (GET, HEAD,
    ///   PUT, DELETE, OPTIONS); otherwise `network_error`, since the request may have been done.
    ///
    /// The request's body must be in `httpBody` (a stream cannot be sent twice). The transport's
    /// rules apply to every attempt (`perform`). Each retry is reported to `options.observer`.
    public func send(_ request: URLRequest, as subject: BoxSubject) async throws(BoxAuthError) -> (body: Data, response: HTTPURLResponse) {
        try await send(request, subject: subject, asUser: nil)
    }

    /// Sends `request` with the service account's token and `As-User: userID`, so Box acts as
    /// that user (the app needs "Perform Actions as Users"). Retries as `send(_:as:)`.
    public func send(_ request: URLRequest, asUser userID: String) async throws(BoxAuthError) -> (body: Data, response: HTTPURLResponse) {
        guard let enterprise = config.enterpriseID else {
            throw BoxAuthError(.configInvalid, "config.json has no enterpriseID, needed for the service-account token that As-User calls use")
        }
        return try await send(request, subject: .enterprise(enterprise), asUser: userID)
    }

    private func send(_ request: URLRequest, subject: BoxSubject, asUser: String?) async throws(BoxAuthError) -> (body: Data, response: HTTPURLResponse) {
        let policy = options.retryPolicy
        let deadline = ContinuousClock.now + policy.deadline
        let idempotent = ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].contains((request.httpMethod ?? "GET").uppercased())
        var rng = SystemRandomNumberGenerator()
        var refreshed = false
        var attempt = 0
        while true {
            attempt += 1
            let token = try await token(for: subject)
            var attemptRequest = request
            attemptRequest.setValue("Bearer \(token.value)", forHTTPHeaderField: "Authorization")
            if let asUser {
                let header = Self.asUserHeader(asUser)
                attemptRequest.setValue(header.value, forHTTPHeaderField: header.name)
            }
            let answer: (body: Data, response: HTTPURLResponse)
            do {
                answer = try await perform(attemptRequest)
            } catch {
                guard error.code == .networkError, idempotent,
                      try await pause(policy.backoff(afterAttempt: attempt, using: &rng), .networkError, attempt: attempt, deadline: deadline)
                else { throw error }
                continue
            }
            let status = answer.response.statusCode
            if status == 401 && !refreshed {
                refreshed = true
                options.observer?(.retry(reason: .unauthorized, attempt: attempt, delay: .zero))
                await invalidate(subject, refused: token)
                continue
            }
            let wait: Duration
            let reason: BoxAuthEvent.RetryReason
            if status == 429 {
                let serverNow = answer.response.value(forHTTPHeaderField: "Date").flatMap(HTTPDate.parse)
                let asked = policy.retryAfter(answer.response.value(forHTTPHeaderField: "Retry-After"),
                                              now: serverNow ?? Int64(options.clock().timeIntervalSince1970))
                wait = asked ?? policy.backoff(afterAttempt: attempt, using: &rng)
                reason = .rateLimited(retryAfter: asked != nil)
            } else if status >= 500 {
                wait = policy.backoff(afterAttempt: attempt, using: &rng)
                reason = .serverError(status: status)
            } else {
                return answer
            }
            // Out of attempts or time: Box's last answer is the result.
            guard try await pause(wait, reason, attempt: attempt, deadline: deadline) else { return answer }
        }
    }

    /// Waits `wait` before the next attempt and returns true, or returns false at once when no
    /// attempt is left or it would start past `deadline`.
    private func pause(_ wait: Duration, _ reason: BoxAuthEvent.RetryReason, attempt: Int, deadline: ContinuousClock.Instant) async throws(BoxAuthError) -> Bool {
        guard attempt < options.retryPolicy.maxAttempts, ContinuousClock.now + wait < deadline else { return false }
        options.observer?(.retry(reason: reason, attempt: attempt, delay: wait))
        do {
            try await Task.sleep(for: wait)
        } catch {
            throw BoxAuthError(.cancelled, "the API request was cancelled")
        }
        return true
    }
}
