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
    /// The session for every request (proxy, timeouts, TLS settings come from its configuration).
    public var session: URLSession = URLSession(configuration: .ephemeral)
    /// The current time. Injectable for tests.
    public var clock: @Sendable () -> Date = { Date() }

    public init() {}

    /// Options whose session uses `configuration` (e.g. with a proxy or custom timeouts).
    public init(sessionConfiguration configuration: URLSessionConfiguration) {
        session = URLSession(configuration: configuration)
    }
}
