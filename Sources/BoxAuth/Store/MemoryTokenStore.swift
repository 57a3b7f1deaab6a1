// The default token store: tokens in this process's memory, bounded in count.

import Foundation
import PureCrypto

/// Tokens kept in memory, for one process. At most `capacity` subjects are kept; when a put goes
/// past that, the least recently used eighth is dropped at once (so eviction costs a sort per
/// `capacity / 8` new subjects, not per put). Leases are in memory too: they order clients of one
/// process that share this store. Nothing here suspends, so a hit costs a lock, not a hop.
public final class MemoryTokenStore: TokenStore {
    /// The most subjects kept.
    public let capacity: Int
    public var name: String { "memory" }

    private struct Entry {
        var token: AccessToken
        var lastUse: UInt64
    }

    private struct Lease {
        var ownerID: String
        var deadline: ContinuousClock.Instant
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var leases: [String: Lease] = [:]
        var tick: UInt64 = 0
    }

    private let state = Locked(State())

    /// - Parameter capacity: the most subjects kept at once (an app acting for many users stays bounded).
    public init(capacity: Int = 1000) {
        self.capacity = max(1, capacity)
    }

    /// How many tokens are held.
    public var count: Int { state.withLock { $0.entries.count } }

    public func get(_ key: TokenStoreKey) async throws(BoxAuthError) -> AccessToken? { cached(key) }

    /// `get` without the async call, for the client's hit path.
    func cached(_ key: TokenStoreKey) -> AccessToken? {
        state.withLock { s in
            guard var entry = s.entries[key.name] else { return nil }
            s.tick += 1
            entry.lastUse = s.tick
            s.entries[key.name] = entry
            return entry.token
        }
    }

    public func put(_ token: AccessToken, for key: TokenStoreKey, timeToLive: Duration) async throws(BoxAuthError) {
        state.withLock { s in
            s.tick += 1
            s.entries[key.name] = Entry(token: token, lastUse: s.tick)
            if s.entries.count > capacity {
                let keep = capacity - max(1, capacity / 8)
                let oldest = s.entries.sorted { $0.value.lastUse < $1.value.lastUse }.prefix(s.entries.count - keep)
                for (name, _) in oldest where name != key.name { s.entries[name] = nil }
            }
        }
    }

    public func remove(_ key: TokenStoreKey) async throws(BoxAuthError) {
        state.withLock { _ = $0.entries.removeValue(forKey: key.name) }
    }

    /// Forgets every token.
    public func removeAll() {
        state.withLock { $0.entries.removeAll() }
    }

    public func acquireLease(_ key: TokenStoreKey, timeToLive: Duration) async throws(BoxAuthError) -> TokenLease? {
        let now = ContinuousClock.now
        let owner = Hex.encode(SecureRandom.bytes(count: 16))
        let taken: Bool = state.withLock { s in
            if let held = s.leases[key.name], held.deadline > now { return false }
            s.leases[key.name] = Lease(ownerID: owner, deadline: now + timeToLive)
            return true
        }
        return taken ? TokenLease(key: key, ownerID: owner) : nil
    }

    public func releaseLease(_ lease: TokenLease) async throws(BoxAuthError) {
        state.withLock { s in
            if s.leases[lease.key.name]?.ownerID == lease.ownerID { s.leases[lease.key.name] = nil }
        }
    }
}
