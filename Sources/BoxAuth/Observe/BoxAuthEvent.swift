// What a Box auth client reports while it works, for logs, metrics and `purejwt --verbose`.
//
// Events carry subjects (user and enterprise IDs), store names, HTTP statuses, delays and error
// codes: never a token, an assertion, the client secret, a key, a passphrase or a store password.

/// One thing a `BoxAuthClient` did or ran into. Give `BoxAuthOptions.observer` a closure to
/// receive them; `description` is one line of plain text.
public enum BoxAuthEvent: Sendable, Equatable, CustomStringConvertible {
    /// The kind of token request.
    public enum Grant: String, Sendable {
        /// A JWT assertion grant.
        case jwt
        /// A client-credentials grant.
        case clientCredentials = "client_credentials"
        /// A token exchange (down-scoping).
        case exchange
        /// A revocation.
        case revoke
    }

    /// Why a request is tried again.
    public enum RetryReason: Sendable, Equatable, CustomStringConvertible {
        /// HTTP 429; `retryAfter` is true when the wait came from Box's `Retry-After` header.
        case rateLimited(retryAfter: Bool)
        /// An HTTP 5xx.
        case serverError(status: Int)
        /// The connection failed (refused, reset, timed out).
        case networkError
        /// An API call answered 401: the token was dropped and a fresh one fetched.
        case unauthorized

        public var description: String {
            switch self {
            case .rateLimited(let header): return "HTTP 429" + (header ? " (Retry-After)" : "")
            case .serverError(let status): return "HTTP \(status)"
            case .networkError: return "network error"
            case .unauthorized: return "HTTP 401, token dropped"
            }
        }
    }

    /// A token request is being sent (once per attempt). `subject` is nil for exchange and revoke.
    case grantRequested(Grant, subject: BoxSubject?, attempt: Int)
    /// A token request or API call failed and is tried again after `delay`.
    case retry(reason: RetryReason, attempt: Int, delay: Duration)
    /// Box judged the assertion out of time; the next one is signed on Box's clock, `offset`
    /// seconds from ours (positive: Box is ahead).
    case clockSkewCorrected(offset: Int64)
    /// The in-memory store had a fresh token for the subject.
    case cacheHit(BoxSubject)
    /// The in-memory store had no fresh token for the subject.
    case cacheMiss(BoxSubject)
    /// A shared store (file, Redis) had a fresh token for the subject.
    case storeHit(BoxSubject, store: String)
    /// A shared store had no fresh token for the subject.
    case storeMiss(BoxSubject, store: String)
    /// Another caller held the subject's lease; this one waited `waited`, then found a token in
    /// the store (`gotToken`) or went on to fetch one itself.
    case leaseWaited(BoxSubject, waited: Duration, gotToken: Bool)
    /// The store failed (`code` is `token_store_unavailable` or `token_store_invalid`). The client
    /// went on without it (fetching directly) unless told to fail.
    case storeError(store: String, code: String, reason: String)

    public var description: String {
        switch self {
        case .grantRequested(let grant, let subject, let attempt):
            return "grant requested: \(grant.rawValue)" + (subject.map { " for \($0)" } ?? "") + " (attempt \(attempt))"
        case .retry(let reason, let attempt, let delay):
            return "retry: \(reason) on attempt \(attempt); next attempt in \(Self.format(delay))"
        case .clockSkewCorrected(let offset):
            return "clock skew corrected: Box's clock is \(offset) s \(offset >= 0 ? "ahead of" : "behind") ours"
        case .cacheHit(let subject):
            return "cache hit: \(subject)"
        case .cacheMiss(let subject):
            return "cache miss: \(subject)"
        case .storeHit(let subject, let store):
            return "store hit: \(subject) in \(store)"
        case .storeMiss(let subject, let store):
            return "store miss: \(subject) in \(store)"
        case .leaseWaited(let subject, let waited, let gotToken):
            return "lease waited: \(subject) for \(Self.format(waited)), " + (gotToken ? "then read the token another caller fetched" : "then fetched it here")
        case .storeError(let store, let code, let reason):
            return "store error: \(store): error[\(code)]: \(reason)"
        }
    }

    /// Seconds with millisecond precision, e.g. `0.250 s`.
    static func format(_ d: Duration) -> String {
        let ms = max(0, d.wholeMilliseconds)
        let fraction = String(ms % 1000)
        return "\(ms / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction) s"
    }
}

/// Receives a client's events. It is called on whatever task the client is running; keep it
/// quick and never call back into the client from it.
public typealias BoxAuthObserver = @Sendable (BoxAuthEvent) -> Void
