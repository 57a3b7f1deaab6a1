// One token-endpoint call with Box's retry rules, over URLSession.
//
// Every attempt rebuilds its form from scratch (`makeForm` is called per attempt), so a JWT
// assertion gets a fresh `jti` and `exp` each time: the generated Box SDKs resend the same body
// and fail the retry with Box's 'jti' error. Box's clock-skew answers (`invalid_grant` about
// 'exp', 'nbf' or 'iat') are retried once with the server's `Date` header as the clock.

import Foundation
import PureKeys
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The outcome of a successful call: the body, the response, and when the request was sent.
struct TokenResponse: Sendable {
    let body: Data
    let status: Int
    let requestedAt: Date
}

package struct TokenRequester: Sendable {
    let transport: HTTPTransport
    let url: URL
    /// The response cap (`BoxAuthOptions.maxResponseBytes`).
    let maxResponseBytes: Int
    /// The largest correction taken from the server's `Date` (`BoxAuthOptions.maxClockCorrection`).
    let maxClockCorrection: TimeInterval
    /// Secrets the server's text is scrubbed of besides the form's own (the client secret, the
    /// config's passphrase).
    let secrets: [String]
    let policy: RetryPolicy
    let clock: @Sendable () -> Date
    /// Receives `grantRequested`, `retry` and `clockSkewCorrected` events.
    var observer: BoxAuthObserver? = nil

    /// Builds the form for one attempt; `now` is the clock the assertion should use.
    typealias MakeForm = @Sendable (_ now: Date) throws(BoxAuthError) -> [(String, String)]

    /// POSTs the form, retrying per `policy`. Never puts form values in an error. `grant` and
    /// `subject` only label the events.
    func send(_ grant: BoxAuthEvent.Grant, subject: BoxSubject? = nil, _ makeForm: MakeForm) async throws(BoxAuthError) -> TokenResponse {
        let start = ContinuousClock.now
        let deadline = start + policy.deadline
        var rng = SystemRandomNumberGenerator()
        var skew: TimeInterval = 0
        var skewRetried = false
        var lastFailure: BoxAuthError? = nil

        for attempt in 1...policy.maxAttempts {
            if Task.isCancelled { throw BoxAuthError(.cancelled, "the token request was cancelled") }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw deadlineError(lastFailure) }

            let sentAt = clock()
            let form = try makeForm(sentAt.addingTimeInterval(skew))
            observer?(.grantRequested(grant, subject: subject, attempt: attempt))
            var request = URLRequest(url: url)
            request.httpMethod = "POST"
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.setValue("application/json", forHTTPHeaderField: "Accept")
            // A fresh connection per token call. On Linux, FoundationNetworking cannot rewind a
            // POST body when a reused keep-alive connection dies under it, and the request then
            // hangs until its timeout; token calls are rare enough that reuse buys nothing.
            request.setValue("close", forHTTPHeaderField: "Connection")
            request.httpBody = Data(FormEncoding.encode(form).utf8)
            request.timeoutInterval = min(transport.configuration.timeoutIntervalForRequest, seconds(remaining))

            // No redirect is followed: a token, revoke or exchange POST carries the client secret
            // and the assertion or token, and its answer is a token.
            let data: Data
            let response: HTTPURLResponse
            do {
                let result = try await transport.send(request, redirects: .refuse, maxResponseBytes: maxResponseBytes)
                data = result.body
                response = result.response
            } catch {
                switch error {
                case .refused(let refusal): throw refusal
                case .cancelled: throw BoxAuthError(.cancelled, "the token request was cancelled")
                case .network(let code):
                    if Task.isCancelled { throw BoxAuthError(.cancelled, "the token request was cancelled") }
                    lastFailure = BoxAuthError(.networkError, "cannot reach \(URLPolicy.origin(url))" + (code.map { " (URLError \($0))" } ?? "") + "; check the network, the proxy and the auth base URL")
                    try await pause(policy.backoff(afterAttempt: attempt, using: &rng), .networkError, attempt: attempt, deadline: deadline, lastFailure!)
                    continue
                }
            }

            let status = response.statusCode
            if (200..<300).contains(status) {
                return TokenResponse(body: data, status: status, requestedAt: sentAt)
            }
            if (300..<400).contains(status) {
                throw Self.redirectRefused(status: status, location: response.value(forHTTPHeaderField: "Location"), from: url)
            }
            // Box's own words decide the advice; what is kept of them is scrubbed and escaped.
            let (rawError, rawDescription) = Self.parseErrorBody(data)
            let known = secrets + form.filter { ServerText.secretFormFields.contains($0.0) }.map { $0.1 }
            let boxError = rawError.map { ServerText.scrubbed($0, secrets: known) }
            let boxDescription = rawDescription.map { ServerText.scrubbed($0, secrets: known) }
            let serverNow = response.value(forHTTPHeaderField: "Date").flatMap(HTTPDate.parse)

            if status == 429 {
                lastFailure = BoxAuthError(.rateLimited, "Box is rate-limiting token requests; retry later", httpStatus: status,
                                           boxError: boxError, boxErrorDescription: boxDescription)
                let wait = policy.retryAfter(response.value(forHTTPHeaderField: "Retry-After"), now: serverNow ?? Int64(clock().timeIntervalSince1970))
                try await pause(wait ?? policy.backoff(afterAttempt: attempt, using: &rng), .rateLimited(retryAfter: wait != nil),
                                attempt: attempt, deadline: deadline, lastFailure!)
                continue
            }
            if status >= 500 {
                lastFailure = BoxAuthError(.serverError, "Box's token endpoint failed; retry later", httpStatus: status,
                                           boxError: boxError, boxErrorDescription: boxDescription)
                try await pause(policy.backoff(afterAttempt: attempt, using: &rng), .serverError(status: status), attempt: attempt, deadline: deadline, lastFailure!)
                continue
            }
            let rejection = BoxAuthError(.requestRejected, Self.advice(rawError, rawDescription), httpStatus: status,
                                         boxError: boxError, boxErrorDescription: boxDescription)
            if !skewRetried, Self.isClockSkew(rawError, rawDescription), let serverNow, attempt < policy.maxAttempts {
                // The server's clock is trusted only within the documented bound: a Date further
                // off (a broken or hostile server) is not applied to the next assertion.
                let correction = TimeInterval(serverNow) - clock().timeIntervalSince1970
                guard abs(correction) <= maxClockCorrection else {
                    throw BoxAuthError(.requestRejected, "Box rejected the assertion's time claims and its Date header is \(Int(correction)) s away from this machine's clock, more than the \(Int(maxClockCorrection)) s the client corrects (BoxAuthOptions.maxClockCorrection); check the system clock (NTP)",
                                       httpStatus: status, boxError: boxError, boxErrorDescription: boxDescription)
                }
                skewRetried = true
                skew = correction
                observer?(.clockSkewCorrected(offset: Int64(correction.rounded())))
                lastFailure = rejection
                continue
            }
            throw rejection
        }
        throw lastFailure ?? BoxAuthError(.networkError, "no attempt was made")
    }

    /// Sleeps before the next attempt, unless that attempt would not exist or would start past
    /// the deadline.
    private func pause(_ wait: Duration, _ reason: BoxAuthEvent.RetryReason, attempt: Int, deadline: ContinuousClock.Instant,
                       _ failure: BoxAuthError) async throws(BoxAuthError) {
        guard attempt < policy.maxAttempts else { throw failure }
        guard ContinuousClock.now + wait < deadline else { throw deadlineError(failure) }
        observer?(.retry(reason: reason, attempt: attempt, delay: wait))
        do {
            try await Task.sleep(for: wait)
        } catch {
            throw BoxAuthError(.cancelled, "the token request was cancelled")
        }
    }

    private func deadlineError(_ last: BoxAuthError?) -> BoxAuthError {
        BoxAuthError(.deadlineExceeded, "no token within \(policy.deadline)" + (last.map { "; last failure: \($0.reason)" } ?? ""),
                     httpStatus: last?.httpStatus, boxError: last?.boxError, boxErrorDescription: last?.boxErrorDescription)
    }

    private func seconds(_ d: Duration) -> TimeInterval {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// The error for a 3xx from an OAuth endpoint: its status and the origin the Location points
    /// to (resolved against the request URL), never the Location's path or query, which may carry
    /// a token or the secret a hostile server wants echoed.
    package static func redirectRefused(status: Int, location: String?, from url: URL) -> BoxAuthError {
        let target = location.flatMap { URL(string: $0, relativeTo: url)?.absoluteURL }.map(URLPolicy.origin) ?? "(no Location)"
        return BoxAuthError(.redirectRefused, "\(URLPolicy.origin(url)) answered HTTP \(status), a redirect to \(target): token, revoke and exchange requests never follow redirects; check the auth base URL",
                            httpStatus: status)
    }

    /// Box's `{"error": …, "error_description": …}`, if the body is that.
    static func parseErrorBody(_ data: Data) -> (String?, String?) {
        guard let object = (try? JSONValue(parsing: [UInt8](data)))?.objectValue else { return (nil, nil) }
        return (object["error"]?.stringValue, object["error_description"]?.stringValue)
    }

    /// Box's answers to an assertion judged out of time (see BOX.md).
    static func isClockSkew(_ error: String?, _ description: String?) -> Bool {
        guard error == "invalid_grant", let d = description else { return false }
        return d.contains("'exp'") || d.contains("'nbf'") || d.contains("'iat'")
    }

    /// What the person should do about a rejection Box explained.
    static func advice(_ error: String?, _ description: String?) -> String {
        switch (error, description) {
        case ("invalid_grant", let d?) where d.contains("'jti'"):
            return "Box saw this assertion's jti before; every request must be signed anew"
        case ("invalid_grant", let d?) where d.contains("'sub'"):
            return "Box does not know this user or enterprise ID; check the user ID and enterpriseID in config.json"
        case ("invalid_grant", let d?) where isClockSkew("invalid_grant", d):
            return "Box rejected the assertion's time claims; check the system clock (NTP)"
        case ("invalid_request", let d?) where d.contains("user token"):
            return "this app may not act as users: enable 'Generate user access tokens' and have the admin re-authorize the app"
        case ("unauthorized_client", _):
            return "the enterprise admin has not authorized this app; ask them to authorize it in the Admin Console"
        case ("invalid_client", _):
            return "Box rejected the client ID or secret; check boxAppSettings in config.json"
        case ("invalid_grant", _):
            return "Box rejected the grant; check the app's public key ID, key pair and credentials"
        default:
            return "Box rejected the token request"
        }
    }
}
