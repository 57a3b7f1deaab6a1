// The one way a BoxAuthClient talks HTTP: token, revoke and exchange calls and API requests
// alike. It enforces the rules a careful TLS client keeps for secrets (issue 13):
//
// - https only, except http to a loopback host or with the explicit opt-in (URLPolicy.check),
//   for the first URL and every redirect;
// - no redirect followed when the request says so (the OAuth endpoints): the 3xx comes back,
//   and the caller turns it into `redirect_refused`, naming the status and the Location's
//   origin, never its path or query;
// - redirects followed for API requests (Box sends downloads to another host), at most
//   `maxRedirects`, with `Authorization` and `As-User` removed as soon as the origin is not the
//   original request's;
// - a response body of at most `maxResponseBytes`: a larger Content-Length is refused before
//   the body is read, a longer body is cut off at the cap (`response_too_large`).
//
// It runs its own URLSession (built from the configuration of `BoxAuthOptions.session`) whose
// delegate sees every redirect and every chunk of data.

import Foundation
import BoxJWT
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What the transport does with a 3xx answer.
package enum RedirectPolicy: Sendable {
    /// Follow none: the 3xx response is the result (token, revoke, exchange).
    case refuse
    /// Follow up to `max`, dropping credentials when the origin changes (API requests).
    case follow(max: Int)
}

/// A response the transport accepted.
package struct HTTPResult: Sendable {
    package let status: Int
    package let response: HTTPURLResponse
    package let body: Data
    /// The URL of the final response (after any redirects followed).
    package var url: URL? { response.url }

    package func header(_ name: String) -> String? { response.value(forHTTPHeaderField: name) }
}

/// The response-size rule, apart from the network so it can be tested and fuzzed: a declared
/// length over the cap is refused before any body byte is kept; chunks are kept while the total
/// stays within it; the first chunk past it refuses the response. Never holds more than `max`.
package struct ResponseBodyLimit: Sendable {
    package let max: Int
    package private(set) var body: [UInt8] = []
    package private(set) var exceeded = false

    package init(max: Int) { self.max = max }

    /// Whether a response declaring `length` bytes (-1 or nil: unknown) may be read.
    package mutating func accept(declaredLength length: Int64?) -> Bool {
        if let length, length > Int64(max) { exceeded = true }
        return !exceeded
    }

    /// Keeps `chunk` if the total stays within `max`; otherwise marks the response too large and
    /// keeps nothing more. Returns whether reading may go on.
    package mutating func append(_ chunk: some Collection<UInt8>) -> Bool {
        guard !exceeded else { return false }
        guard chunk.count <= max - body.count else {
            exceeded = true
            return false
        }
        body.append(contentsOf: chunk)
        return true
    }
}

/// Why a request got no acceptable response.
package enum HTTPTransportFailure: Error, Sendable {
    /// The connection failed; the URLError code when there was one.
    case network(Int?)
    /// A rule refused the request or its answer (insecure URL, too large, too many redirects).
    case refused(BoxAuthError)
    case cancelled
}

package final class HTTPTransport: Sendable {
    private let session: URLSession
    private let router: Router
    package let allowPlainHTTP: Bool

    package init(configuration: URLSessionConfiguration, allowPlainHTTP: Bool) {
        router = Router(allowPlainHTTP: allowPlainHTTP)
        session = URLSession(configuration: configuration, delegate: router, delegateQueue: nil)
        self.allowPlainHTTP = allowPlainHTTP
    }

    deinit {
        // The session holds its delegate (the router) strongly until it is invalidated.
        session.invalidateAndCancel()
    }

    /// The configuration requests run with (timeouts, proxy, TLS).
    package var configuration: URLSessionConfiguration { session.configuration }

    /// Sends `request` under the rules above and returns the response and its body (at most
    /// `maxResponseBytes`). With `.refuse`, a 3xx is returned like any other status.
    package func send(_ request: URLRequest, redirects: RedirectPolicy, maxResponseBytes: Int) async throws(HTTPTransportFailure) -> HTTPResult {
        guard let url = request.url else { throw .refused(BoxAuthError(.invalidArgument, "the request has no URL")) }
        do {
            try URLPolicy.check(url, allowPlainHTTP: allowPlainHTTP, what: "the request URL")
        } catch {
            throw .refused(error)
        }
        let task = session.dataTask(with: request)
        let outcome: Result<HTTPResult, HTTPTransportFailure> = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResult, HTTPTransportFailure>, Never>) in
                router.start(task, original: request, redirects: redirects, maxBytes: maxResponseBytes, continuation: continuation)
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
        return try outcome.get()
    }
}

/// The session delegate: per-task state, keyed by task identifier.
private final class Router: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    struct TaskState {
        var original: URLRequest
        var redirects: RedirectPolicy
        var maxBytes: Int
        var followed = 0
        var response: HTTPURLResponse?
        var body: ResponseBodyLimit
        var failure: HTTPTransportFailure?
        var continuation: CheckedContinuation<Result<HTTPResult, HTTPTransportFailure>, Never>
    }

    let allowPlainHTTP: Bool
    private let tasks = Locked<[Int: TaskState]>([:])

    init(allowPlainHTTP: Bool) {
        self.allowPlainHTTP = allowPlainHTTP
    }

    func start(_ task: URLSessionTask, original: URLRequest, redirects: RedirectPolicy, maxBytes: Int,
               continuation: CheckedContinuation<Result<HTTPResult, HTTPTransportFailure>, Never>) {
        tasks.withLock {
            $0[task.taskIdentifier] = TaskState(original: original, redirects: redirects, maxBytes: maxBytes,
                                                body: ResponseBodyLimit(max: maxBytes), continuation: continuation)
        }
    }

    /// Records a refusal and cancels the task (its completion then reports the refusal).
    private func refuse(_ task: URLSessionTask, _ error: BoxAuthError) {
        record(task, error)
        task.cancel()
    }

    /// Records a refusal for the completion to report, without cancelling (a declined redirect
    /// already ends the task with the 3xx; cancelling inside the redirect callback upsets
    /// FoundationNetworking's state machine).
    private func record(_ task: URLSessionTask, _ error: BoxAuthError) {
        tasks.withLock { $0[task.taskIdentifier]?.failure = .refused(error) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        guard let state = tasks.withLock({ $0[task.taskIdentifier] }) else { return completionHandler(nil) }
        switch state.redirects {
        case .refuse:
            // The 3xx becomes the response; the caller reports it.
            completionHandler(nil)
        case .follow(let max):
            guard state.followed < max else {
                record(task, BoxAuthError(.tooManyRedirects, "more than \(max) redirects from \(state.original.url.map(URLPolicy.origin) ?? "?")"))
                return completionHandler(nil)
            }
            guard let next = request.url else { return completionHandler(nil) }
            do {
                try URLPolicy.check(next, allowPlainHTTP: allowPlainHTTP, what: "a redirect to")
            } catch {
                record(task, error)
                return completionHandler(nil)
            }
            var forwarded = request
            if let first = state.original.url, !URLPolicy.sameOrigin(first, next) {
                // Credentials stay with the origin they were meant for.
                forwarded.setValue(nil, forHTTPHeaderField: "Authorization")
                forwarded.setValue(nil, forHTTPHeaderField: "As-User")
                forwarded.setValue(nil, forHTTPHeaderField: "Cookie")
            }
            tasks.withLock { $0[task.taskIdentifier]?.followed += 1 }
            completionHandler(forwarded)
        }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        let (allowed, max) = tasks.withLock { s -> (Bool, Int) in
            guard var state = s[dataTask.taskIdentifier] else { return (false, 0) }
            state.response = http
            let allowed = state.body.accept(declaredLength: response.expectedContentLength >= 0 ? response.expectedContentLength : nil)
            s[dataTask.taskIdentifier] = state
            return (allowed, state.maxBytes)
        }
        guard allowed else {
            refuse(dataTask, Router.tooLarge(declared: response.expectedContentLength, max: max, url: response.url))
            return completionHandler(.cancel)
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over: (Int, URL?)? = tasks.withLock { s in
            guard var state = s[dataTask.taskIdentifier], state.failure == nil else { return nil }
            let kept = state.body.append(data)
            s[dataTask.taskIdentifier] = state
            return kept ? nil : (state.maxBytes, state.original.url)
        }
        if let (max, url) = over { refuse(dataTask, Router.tooLarge(declared: nil, max: max, url: url)) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let state = tasks.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        let result: Result<HTTPResult, HTTPTransportFailure>
        if let failure = state.failure {
            result = .failure(failure)
        } else if let error {
            let code = (error as? URLError)?.code.rawValue ?? ((error as NSError).domain == NSURLErrorDomain ? (error as NSError).code : nil)
            result = .failure(code == URLError.cancelled.rawValue ? .cancelled : .network(code))
        } else if let response = state.response {
            result = .success(HTTPResult(status: response.statusCode, response: response, body: Data(state.body.body)))
        } else {
            result = .failure(.network(nil))
        }
        state.continuation.resume(returning: result)
    }

    static func tooLarge(declared: Int64?, max: Int, url: URL?) -> BoxAuthError {
        let size = declared.map { "declares \($0) bytes" } ?? "is longer"
        return BoxAuthError(.responseTooLarge, "the response from \(url.map(URLPolicy.origin) ?? "the server") \(size), over the \(max)-byte limit (BoxAuthOptions.maxResponseBytes)")
    }
}
