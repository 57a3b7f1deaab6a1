// Single flight across processes: how a client gets a subject's token through a shared store.
//
//   1. get the token from the store; a fresh one (more than the refresh margin left, on this
//      client's clock) is the answer;
//   2. on a miss, take the subject's lease (`acquireLease`, TTL `leaseTimeToLive`);
//   3. holder: read the store again (the previous holder may have put it since step 1), else
//      fetch the grant, put the token with a TTL of its expiry minus the refresh margin, release;
//   4. others: wait (polling with a doubling, jittered pause), reading the store after each
//      pause, and try the lease again; after twice the lease TTL they fetch the token themselves.
//
// A holder that dies stops holding: Redis ends its lease with the TTL, the file store's flock
// ends with the process. A store that cannot be reached never stops a caller from getting a
// token unless `storeFailurePolicy` is `.fail`: the caller fetches directly and reports the
// store's error. A stored value that does not open (another client secret, altered bytes) is
// reported and treated as a miss, so the next put replaces it.
//
// In one process, `TokenCache` already collapses concurrent callers of a subject into one
// flight, so each process sends one caller through here at a time per subject.

import Foundation
import BoxJWT
import PureCrypto

struct TokenBroker: Sendable {
    let store: any TokenStore
    let refreshMargin: TimeInterval
    let leaseTimeToLive: Duration
    let failurePolicy: TokenStoreFailurePolicy
    let observer: BoxAuthObserver?
    let clock: @Sendable () -> Date

    typealias Fetch = @Sendable () async throws(BoxAuthError) -> AccessToken

    /// The first pause of a caller waiting for a lease; it doubles up to `maximumPause`.
    static let firstPause: Duration = .milliseconds(10)
    static let maximumPause: Duration = .milliseconds(250)

    private enum Read {
        case fresh(AccessToken)
        case missing
        case unavailable(BoxAuthError)
    }

    /// The token for `subject` under `key`: from the store, or from `fetch` by the lease holder.
    func token(for subject: BoxSubject, key: TokenStoreKey, fetch: Fetch) async throws(BoxAuthError) -> AccessToken {
        switch await read(key) {
        case .fresh(let token):
            observer?(.storeHit(subject, store: store.name))
            return token
        case .unavailable(let error):
            return try await withoutStore(error, fetch)
        case .missing:
            observer?(.storeMiss(subject, store: store.name))
        }
        let started = ContinuousClock.now
        var pause = Self.firstPause
        var rng = SystemRandomNumberGenerator()
        var waited = false
        while true {
            let lease: TokenLease?
            do {
                lease = try await store.acquireLease(key, timeToLive: leaseTimeToLive)
            } catch {
                return try await withoutStore(error, fetch)
            }
            if let lease {
                return try await fetchHolding(lease, subject: subject, waitedSince: waited ? started : nil, fetch: fetch)
            }
            waited = true
            if ContinuousClock.now - started >= leaseTimeToLive * 2 {
                // Holders keep failing or stalling: stop waiting on them.
                observer?(.leaseWaited(subject, waited: ContinuousClock.now - started, gotToken: false))
                return try await fetch()
            }
            do {
                try await Task.sleep(for: pause * Double.random(in: 0.5...1.5, using: &rng))
            } catch {
                throw BoxAuthError(.cancelled, "the request for a token was cancelled")
            }
            pause = min(pause * 2, Self.maximumPause)
            switch await read(key) {
            case .fresh(let token):
                observer?(.leaseWaited(subject, waited: ContinuousClock.now - started, gotToken: true))
                return token
            case .unavailable(let error):
                return try await withoutStore(error, fetch)
            case .missing:
                continue
            }
        }
    }

    /// Step 3: re-check, fetch, put, release. The lease is released whatever happens.
    /// `waitedSince` is when this caller started waiting for the lease, if it had to.
    private func fetchHolding(_ lease: TokenLease, subject: BoxSubject, waitedSince: ContinuousClock.Instant?,
                              fetch: Fetch) async throws(BoxAuthError) -> AccessToken {
        let recheck = await read(lease.key)
        if let waitedSince {
            let found: Bool
            if case .fresh = recheck { found = true } else { found = false }
            observer?(.leaseWaited(subject, waited: ContinuousClock.now - waitedSince, gotToken: found))
        }
        switch recheck {
        case .fresh(let token):
            await release(lease)
            return token
        case .unavailable(let error):
            await release(lease)
            return try await withoutStore(error, fetch)
        case .missing:
            break
        }
        let token: AccessToken
        do {
            token = try await fetch()
        } catch {
            await release(lease)
            throw error
        }
        let keep = token.expiresAt.timeIntervalSince(clock()) - refreshMargin
        if keep >= 0.001 {
            do {
                try await store.put(token, for: lease.key, timeToLive: .milliseconds(Int64(keep * 1000)))
            } catch {
                report(error)
            }
        }
        await release(lease)
        return token
    }

    /// Drops `token` from the store if the store still holds it under `key` (after Box answered
    /// 401 with it, or after it was revoked). A token another caller put since is left alone.
    func remove(_ token: AccessToken, key: TokenStoreKey) async {
        do {
            guard let stored = try await store.get(key), constantTimeEqual(Array(stored.value.utf8), Array(token.value.utf8)) else { return }
            try await store.remove(key)
        } catch {
            report(error)
        }
    }

    private func read(_ key: TokenStoreKey) async -> Read {
        do {
            guard let token = try await store.get(key) else { return .missing }
            return clock() < token.expiresAt.addingTimeInterval(-refreshMargin) ? .fresh(token) : .missing
        } catch {
            if error.code == .tokenStoreInvalid {
                report(error)
                return .missing
            }
            return .unavailable(error)
        }
    }

    private func release(_ lease: TokenLease) async {
        do {
            try await store.releaseLease(lease)
        } catch {
            report(error)  // the lease then ends with its TTL
        }
    }

    private func withoutStore(_ error: BoxAuthError, _ fetch: Fetch) async throws(BoxAuthError) -> AccessToken {
        report(error)
        if failurePolicy == .fail { throw error }
        return try await fetch()
    }

    private func report(_ error: BoxAuthError) {
        observer?(.storeError(store: store.name, code: error.code.rawValue, reason: error.reason))
    }
}
