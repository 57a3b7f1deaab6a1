// Settings of a Box auth client, with Box's production endpoints as defaults.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import BoxJWT
import PureJWT

/// Where and how a `BoxAuthClient` talks to Box.
public struct BoxAuthOptions: Sendable {
    /// Base of the OAuth endpoints (`/oauth2/token`, `/oauth2/revoke`). Point it at the local
    /// emulator for tests and demos.
    public var authBaseURL: URL = URL(string: BoxProtocol.defaultAuthBaseURL)!
    /// Base of the API, as Box's SDKs take it (`baseUrl`): `https://api.box.com`, to which the
    /// client adds `/2.0` (see `BoxAuthClient.apiRoot`). A base that already ends in `/2.0` is
    /// used as it is.
    public var apiBaseURL: URL = URL(string: BoxProtocol.defaultAPIBaseURL)!
    /// The `aud` of JWT assertions. Box requires its token URL here whatever `authBaseURL` is.
    public var audience = BoxProtocol.assertionAudience
    /// RS256, RS384 or RS512.
    public var algorithm: JWSAlgorithm = .rs256
    /// Seconds from now to an assertion's `exp`: a random value in this range for each attempt.
    /// Box refuses more than 60; the SDKs use 30 to 45.
    public var assertionLifetime: ClosedRange<Int> = 30...45
    /// Retries of token requests.
    public var retryPolicy = RetryPolicy()
    /// Cached tokens are refreshed once less than this many seconds remain.
    public var refreshMargin: TimeInterval = 180
    /// The most subjects whose tokens are cached in this process's memory.
    public var cacheCapacity = 1000
    /// Where tokens are shared with other processes and hosts: a `FileTokenStore` (one host) or
    /// a `RedisTokenStore` (many). Nil (the default): this process's memory only. With a store,
    /// a token missing from memory is read from the store; when the store has none, one caller
    /// across every process sharing it takes the subject's lease and fetches the token while the
    /// others wait and read it (Docs/BOX.md, "Sharing tokens").
    public var tokenStore: (any TokenStore)? = nil
    /// What a failing store (`token_store_unavailable`) means: by default the client fetches
    /// the token itself and reports the failure to `observer`.
    public var storeFailurePolicy: TokenStoreFailurePolicy = .fetchDirectly
    /// How long a lease may be held: longer than a token request with its retries normally
    /// takes, short enough that a crashed holder delays the others little. Callers that lost
    /// the lease wait at most twice this, then fetch the token themselves.
    public var leaseTimeToLive: Duration = .seconds(30)
    /// Receives what the client does (grants, retries, clock-skew corrections, cache and store
    /// hits and misses, lease waits, store errors). No event carries a secret.
    public var observer: BoxAuthObserver? = nil
    /// Where requests' settings come from: the client runs its own session (whose delegate
    /// enforces the redirect and size rules) with this session's configuration (proxy, timeouts,
    /// TLS). The session itself, and any delegate it has, is not used.
    public var session: URLSession = URLSession(configuration: .ephemeral)
    /// Allows plain http to any host. Off by default: a non-https URL is refused (`insecure_url`)
    /// unless its host is the local machine (127.0.0.0/8, ::1, `localhost`), since http would
    /// carry the client secret, the assertions and every token in clear. Turn it on only for a
    /// test setup on a network you trust (the CLI's `--insecure-http`).
    public var insecureAllowPlainHTTP = false
    /// The largest response body read, token or API: 1 MiB by default (a token response is a few
    /// hundred bytes). A larger declared length is refused before the body is read, a longer
    /// body is cut off at the limit; both are `response_too_large`.
    public var maxResponseBytes = 1 << 20
    /// Redirects followed by API requests sent through the client (at most this many;
    /// `Authorization` and `As-User` are dropped as soon as the origin changes). Token, revoke
    /// and exchange requests follow none.
    public var maxRedirects = 10
    /// The largest correction, in seconds either way, taken from Box's `Date` header when Box
    /// says an assertion is out of time (default 600: ten minutes). A server clock further off is
    /// not trusted: the rejection is reported with advice to fix the system clock.
    public var maxClockCorrection: TimeInterval = 600
    /// The current time. Injectable for tests.
    public var clock: @Sendable () -> Date = { Date() }

    /// The defaults: Box's endpoints, `RetryPolicy()`, a memory token store, no observer.
    public init() {}

    /// Options whose session uses `configuration` (e.g. with a proxy or custom timeouts).
    public init(sessionConfiguration configuration: URLSessionConfiguration) {
        session = URLSession(configuration: configuration)
    }
}

/// What a `BoxAuthClient` does when its `tokenStore` fails.
public enum TokenStoreFailurePolicy: Sendable {
    /// Fetch the token from Box without the store (no cross-process single flight while it is
    /// down) and report a `storeError` event. The store is tried again on the next call.
    case fetchDirectly
    /// Throw the store's error (`token_store_unavailable`): for fleets where a burst of grants
    /// from every process at once must not happen.
    case fail
}
