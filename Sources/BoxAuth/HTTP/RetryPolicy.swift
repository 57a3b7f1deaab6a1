// When and how long to wait before trying a token request again.
//
// Box's guidance and the best official SDKs: retry 429 honouring `Retry-After`, retry 5xx and
// connection failures with exponential backoff and ±50 % jitter, at most 5 attempts. We add an
// overall deadline so a caller is never held longer than it asked.

import Foundation

/// Retry limits for token requests. The defaults follow Box's SDKs.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included (1 disables retries).
    public var maxAttempts: Int
    /// The backoff before the second attempt; it doubles each time.
    public var initialBackoff: Duration
    /// No single wait is longer than this (a longer `Retry-After` is capped to it).
    public var maxBackoff: Duration
    /// Each computed backoff is multiplied by a random factor in `1 ± jitter`.
    public var jitter: Double
    /// The whole operation, all attempts and waits included, ends by then.
    public var deadline: Duration

    /// A policy from its limits (`maxAttempts` at least 1, `jitter` clamped to 0…1).
    public init(maxAttempts: Int = 5, initialBackoff: Duration = .seconds(1), maxBackoff: Duration = .seconds(30),
                jitter: Double = 0.5, deadline: Duration = .seconds(60)) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.jitter = min(max(jitter, 0), 1)
        self.deadline = deadline
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The wait after failed attempt number `attempt` (1-based) when the server gave no
    /// `Retry-After`: `initialBackoff · 2^(attempt−1)`, jittered, capped at `maxBackoff`.
    public func backoff(afterAttempt attempt: Int, using rng: inout some RandomNumberGenerator) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let base = initialBackoff * (1 << exponent)
        let factor = jitter == 0 ? 1 : Double.random(in: (1 - jitter)...(1 + jitter), using: &rng)
        return min(base * factor, maxBackoff)
    }

    /// The wait a `Retry-After` value asks for (RFC 9110 §10.2.3): delta-seconds, or an HTTP date
    /// relative to `now` (seconds since 1970). Nil when absent or unreadable. Capped at `maxBackoff`.
    public func retryAfter(_ header: String?, now: Int64) -> Duration? {
        guard let value = header?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            guard value.utf8.count <= 9, let seconds = Int(value) else { return maxBackoff }
            return min(.seconds(seconds), maxBackoff)
        }
        guard let date = HTTPDate.parse(value) else { return nil }
        return min(.seconds(max(0, date - now)), maxBackoff)
    }
}
