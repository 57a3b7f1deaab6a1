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
    /// Base of the API (`/2.0/...`), for the helpers that call it.
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
    /// The most subjects whose tokens are cached.
    public var cacheCapacity = 1000
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

    public init() {}

    /// Options whose session uses `configuration` (e.g. with a proxy or custom timeouts).
    public init(sessionConfiguration configuration: URLSessionConfiguration) {
        session = URLSession(configuration: configuration)
    }
}
