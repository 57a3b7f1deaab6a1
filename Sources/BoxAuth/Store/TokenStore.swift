// Where a Box auth client keeps its tokens, and how callers in many processes agree on which one
// of them fetches a missing token (the lease).
//
// The client asks a store for a subject's token; on a miss it tries to take the subject's lease.
// The caller that gets the lease fetches from Box, puts the token, and releases the lease; the
// others wait and read what it put. A lease ends when its holder releases it, when its
// time-to-live runs out, or (file store) when the holder's process dies, so a crashed holder
// delays the others by at most the TTL.

/// Storage for access tokens shared by every `BoxAuthClient` (and every process) that uses it.
///
/// Implementations: `MemoryTokenStore` (one process, the default), `FileTokenStore` (processes on
/// one host), `RedisTokenStore` (many hosts). Keys come from the client (`TokenStoreKey`): their
/// `name` is a keyed hash of the client ID and the subject, so no user ID appears in a store's
/// key space. Stores that keep bytes outside the process store `key.seal(token)`, which encrypts
/// and authenticates the token, its expiry and restrictions under a key derived from the app's
/// client secret, and read them back with `key.open(_:)`.
///
/// Every method either succeeds or throws a `BoxAuthError` with code `token_store_unavailable`
/// (the store cannot be reached or used) or `token_store_invalid` (it answered nonsense). The
/// client decides what a failure means (see `BoxAuthOptions.storeFailurePolicy`).
public protocol TokenStore: Sendable {
    /// A short description for events and errors, e.g. `redis 10.0.0.5:6379/0` or
    /// `file /var/run/app/tokens`. Never holds a password.
    var name: String { get }

    /// The token stored under `key`, or nil. The store may return a token that is already inside
    /// the refresh margin or expired: the caller judges freshness with its own clock.
    func get(_ key: TokenStoreKey) async throws(BoxAuthError) -> AccessToken?

    /// Stores `token` under `key`, replacing what was there. `timeToLive` is how long the store
    /// should keep it (the client passes the time left until `token.expiresAt` minus its refresh
    /// margin); stores that expire entries themselves drop it then.
    func put(_ token: AccessToken, for key: TokenStoreKey, timeToLive: Duration) async throws(BoxAuthError)

    /// Forgets the token under `key` (after Box answered 401 with it, or after revoking it).
    func remove(_ key: TokenStoreKey) async throws(BoxAuthError)

    /// Takes the lease on `key` for at most `timeToLive`: the right to fetch its token while
    /// others wait. Returns nil when someone else holds it (the caller waits and reads the store
    /// again, or retries the lease).
    func acquireLease(_ key: TokenStoreKey, timeToLive: Duration) async throws(BoxAuthError) -> TokenLease?

    /// Gives a lease back. Releasing a lease that expired (and may since belong to another
    /// caller) leaves the other caller's lease alone.
    func releaseLease(_ lease: TokenLease) async throws(BoxAuthError)
}

/// A held lease: the key it covers and a random owner ID that tells this holder from any later
/// one (a Redis lease is released only by the caller whose ID it still holds).
public struct TokenLease: Sendable, Hashable, CustomStringConvertible {
    /// The key the lease covers.
    public let key: TokenStoreKey
    /// 16 random bytes in hex. Not a secret, but meaningless outside the store.
    public let ownerID: String

    /// A lease on `key` held by `ownerID`.
    public init(key: TokenStoreKey, ownerID: String) {
        self.key = key
        self.ownerID = ownerID
    }

    public var description: String { "TokenLease(\(key.name.prefix(12))…)" }
}
