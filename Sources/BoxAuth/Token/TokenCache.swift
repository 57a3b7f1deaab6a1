// A token cache with one entry per subject (the service account, or a user), single-flight
// refresh, refresh-ahead-of-expiry and a bounded size.
//
// Concurrency: state lives behind a lock (`Locked`); no actor, so a cache hit costs a lock, not a hop.
// Many callers asking for the same subject while its token is missing or stale share ONE fetch:
// the first starts it, the rest wait on it. A waiter that is cancelled stops waiting at once
// (with `.cancelled`), while the fetch continues for the others and fills the cache.

import Foundation
import PureCrypto

/// Caches access tokens per key, refreshing each at most once at a time.
package final class TokenCache<Key: Hashable & Sendable>: Sendable {
    /// Obtains a fresh token (a token request with its retries).
    package typealias Fetch = @Sendable () async throws(BoxAuthError) -> AccessToken

    /// Tokens are refreshed once less than this remains before their expiry.
    package let refreshMargin: TimeInterval
    /// At most this many subjects are kept; the least recently used is dropped first.
    package let capacity: Int
    private let clock: @Sendable () -> Date
    private let state = Locked(State())

    private enum Plan { case hit(AccessToken), wait(waiter: UInt64, startFlight: UInt64?) }

    private typealias Waiter = CheckedContinuation<Result<AccessToken, BoxAuthError>, Never>

    private struct Flight {
        let id: UInt64
        /// Waiter slots are reserved when a caller joins and filled when it starts waiting; a
        /// result that arrives in between is parked in `State.finished`.
        var waiters: [UInt64: Waiter?] = [:]
    }

    private struct Entry {
        var token: AccessToken?
        var flight: Flight?
        var lastUse: UInt64 = 0
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var tick: UInt64 = 0
        var nextID: UInt64 = 0
        /// Waiters whose cancellation arrived before they started waiting.
        var cancelledEarly: Set<UInt64> = []
        /// Results for waiters whose fetch finished before they started waiting.
        var finished: [UInt64: Result<AccessToken, BoxAuthError>] = [:]
        /// Fetches started, for tests and metrics.
        var fetchCount = 0
    }

    /// - Parameters:
    ///   - refreshMargin: seconds before expiry at which a cached token stops being handed out.
    ///     Box suggests using about 50 of a token's 60 minutes; the default is 3 minutes.
    ///   - capacity: the most subjects kept at once (an app acting for many users stays bounded).
    ///   - clock: the current time; injectable for tests.
    package init(refreshMargin: TimeInterval = 180, capacity: Int = 1000, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.refreshMargin = max(0, refreshMargin)
        self.capacity = max(1, capacity)
        self.clock = clock
    }

    /// How many fetches this cache has started.
    package var fetchCount: Int { state.withLock { $0.fetchCount } }

    /// How many subjects are cached or being fetched.
    package var count: Int { state.withLock { $0.entries.count } }

    /// A token for `key`: the cached one while more than `refreshMargin` remains, otherwise the
    /// result of one shared call to `fetch`. A token that comes back from a fetch is handed to
    /// that fetch's waiters even if its lifetime is shorter than the margin, provided it has not
    /// expired; it is then not reused. `lookedUp` is told whether the cache had a fresh token.
    package func token(for key: Key, lookedUp: ((_ hit: Bool) -> Void)? = nil, fetch: @escaping Fetch) async throws(BoxAuthError) -> AccessToken {
        let now = clock()
        let plan: Plan = state.withLock { s in
            s.tick += 1
            var entry = s.entries[key] ?? Entry()
            entry.lastUse = s.tick
            if let token = entry.token, now < token.expiresAt.addingTimeInterval(-refreshMargin) {
                s.entries[key] = entry
                return .hit(token)
            }
            s.nextID += 1
            let waiter = s.nextID
            var start: UInt64? = nil
            if entry.flight == nil {
                s.nextID += 1
                entry.flight = Flight(id: s.nextID)
                start = s.nextID
                s.fetchCount += 1
            }
            entry.flight!.waiters[waiter] = .some(nil)
            s.entries[key] = entry
            return .wait(waiter: waiter, startFlight: start)
        }
        switch plan {
        case .hit(let token):
            lookedUp?(true)
            return token
        case .wait(let waiter, let flightID):
            lookedUp?(false)
            if let flightID {
                Task { [self] in
                    let result: Result<AccessToken, BoxAuthError>
                    do throws(BoxAuthError) { result = .success(try await fetch()) } catch { result = .failure(error) }
                    complete(key, flightID, result)
                }
            }
            return try await wait(key, waiter).get()
        }
    }

    /// Drops the cached token for `key` (e.g. after Box answered 401 with it, or after revoking
    /// it). A fetch already under way still completes for its waiters.
    package func invalidate(_ key: Key) {
        state.withLock { s in
            guard var entry = s.entries[key] else { return }
            entry.token = nil
            s.entries[key] = entry.flight == nil ? nil : entry
        }
    }

    /// Drops every cached token whose value is `value` (after it was revoked), whichever subject
    /// holds it. Each cached value is compared in constant time. A fetch already under way still
    /// completes for its waiters. Returns the keys and tokens dropped.
    @discardableResult
    package func invalidate(tokenValue value: String) -> [(Key, AccessToken)] {
        let wanted = Array(value.utf8)
        return state.withLock { s in
            var dropped: [(Key, AccessToken)] = []
            for (key, var entry) in s.entries {
                guard let token = entry.token, constantTimeEqual(Array(token.value.utf8), wanted) else { continue }
                dropped.append((key, token))
                entry.token = nil
                s.entries[key] = entry.flight == nil ? nil : entry
            }
            return dropped
        }
    }

    /// Drops every cached token.
    package func invalidateAll() {
        state.withLock { s in
            s.entries = s.entries.filter { $0.value.flight != nil }.mapValues { var e = $0; e.token = nil; return e }
        }
    }

    private func wait(_ key: Key, _ waiter: UInt64) async -> Result<AccessToken, BoxAuthError> {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: Waiter) in
                let ready: Result<AccessToken, BoxAuthError>? = state.withLock { s in
                    if s.cancelledEarly.remove(waiter) != nil { return .failure(Self.cancelledError) }
                    if let result = s.finished.removeValue(forKey: waiter) { return result }
                    s.entries[key]!.flight!.waiters[waiter] = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let continuation: Waiter? = state.withLock { s in
                guard let slot = s.entries[key]?.flight?.waiters[waiter] else { return nil }  // already finished
                s.entries[key]!.flight!.waiters[waiter] = nil
                if slot == nil { s.cancelledEarly.insert(waiter) }
                return slot
            }
            continuation?.resume(returning: .failure(Self.cancelledError))
        }
    }

    private func complete(_ key: Key, _ flightID: UInt64, _ result: Result<AccessToken, BoxAuthError>) {
        let delivered: Result<AccessToken, BoxAuthError>
        if case .success(let token) = result, token.expiresAt <= clock() {
            delivered = .failure(BoxAuthError(.responseInvalid, "Box issued a token that had already expired; check the system clock"))
        } else {
            delivered = result
        }
        let waiters: [Waiter] = state.withLock { s in
            guard var entry = s.entries[key], let flight = entry.flight, flight.id == flightID else { return [] }
            entry.flight = nil
            if case .success(let token) = delivered {
                entry.token = token
                s.entries[key] = entry
                evictIfNeeded(&s)
            } else {
                s.entries[key] = entry.token == nil ? nil : entry
            }
            var ready: [Waiter] = []
            for (id, slot) in flight.waiters {
                if let continuation = slot { ready.append(continuation) } else { s.finished[id] = delivered }
            }
            return ready
        }
        for w in waiters { w.resume(returning: delivered) }
    }

    /// Drops least-recently-used subjects with no fetch in flight until within capacity.
    private func evictIfNeeded(_ s: inout State) {
        guard s.entries.count > capacity else { return }
        let idle = s.entries.filter { $0.value.flight == nil }.sorted { $0.value.lastUse < $1.value.lastUse }
        for (key, _) in idle.prefix(s.entries.count - capacity) { s.entries[key] = nil }
    }

    private static var cancelledError: BoxAuthError {
        BoxAuthError(.cancelled, "the request for a token was cancelled")
    }
}
