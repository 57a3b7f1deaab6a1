// A token store on a Redis server, shared by processes on many hosts.
//
// Keys (NAME is the key's 64-hex-digit name, PREFIX defaults to "purejwt:"):
//   PREFIX token:NAME   the sealed token (TokenSealing), stored with `SET … PX ttl` so Redis drops
//                       it when the client would stop handing it out (expiry − refresh margin).
//   PREFIX lease:NAME   the lease: `SET … OWNER NX PX ttl` takes it only if nobody holds it, and
//                       Redis ends it after ttl even if its holder died. It is released by a Lua
//                       script that deletes the key only while it still holds the caller's OWNER,
//                       so a holder whose lease expired never deletes the next holder's lease.

import PureCrypto

/// Tokens in Redis (see the file comment). Every call has a timeout; a Redis that is down or
/// slow shows as `token_store_unavailable` errors, fast ones while it stays down (the connection
/// backs off), and the store is used again as soon as Redis answers.
public final class RedisTokenStore: TokenStore {
    /// The Redis server.
    public let endpoint: RedisEndpoint
    /// The prefix of every key this store writes.
    public let keyPrefix: String
    let connection: RedisConnection
    public var name: String { "redis \(endpoint)" }

    /// Compare-and-delete: deletes KEYS[1] only if it holds ARGV[1].
    static let releaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"

    /// - Parameters:
    ///   - timeout: the most any one call may take (connecting and logging in included).
    ///   - keyPrefix: put before every key, to share a Redis database with other data.
    public init(endpoint: RedisEndpoint, timeout: Duration = .seconds(2), keyPrefix: String = "purejwt:") {
        self.endpoint = endpoint
        self.keyPrefix = keyPrefix
        connection = RedisConnection(endpoint: endpoint, timeout: timeout)
    }

    /// A store for `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]`.
    public convenience init(url: String, timeout: Duration = .seconds(2), keyPrefix: String = "purejwt:") throws(BoxAuthError) {
        self.init(endpoint: try RedisEndpoint(url: url), timeout: timeout, keyPrefix: keyPrefix)
    }

    private func tokenKey(_ key: TokenStoreKey) -> RedisArgument { RedisArgument("\(keyPrefix)token:\(key.name)") }
    private func leaseKey(_ key: TokenStoreKey) -> RedisArgument { RedisArgument("\(keyPrefix)lease:\(key.name)") }

    public func get(_ key: TokenStoreKey) async throws(BoxAuthError) -> AccessToken? {
        switch try await call(["GET", tokenKey(key)], idempotent: true) {
        case .bulk(nil): return nil
        case .bulk(let bytes?): return try key.open(bytes)
        case let other: throw unexpected("GET", other)
        }
    }

    public func put(_ token: AccessToken, for key: TokenStoreKey, timeToLive: Duration) async throws(BoxAuthError) {
        let ms = timeToLive.wholeMilliseconds
        guard ms > 0 else {
            try await remove(key)
            return
        }
        let reply = try await call(["SET", tokenKey(key), RedisArgument(key.seal(token)), "PX", RedisArgument(String(ms))], idempotent: true)
        guard reply == .simple("OK") else { throw unexpected("SET", reply) }
    }

    public func remove(_ key: TokenStoreKey) async throws(BoxAuthError) {
        let reply = try await call(["DEL", tokenKey(key)], idempotent: true)
        guard case .integer = reply else { throw unexpected("DEL", reply) }
    }

    public func acquireLease(_ key: TokenStoreKey, timeToLive: Duration) async throws(BoxAuthError) -> TokenLease? {
        let owner = Hex.encode(SecureRandom.bytes(count: 16))
        let ms = max(1, timeToLive.wholeMilliseconds)
        // Not idempotent: a resend after a lost reply would find this caller's own lease taken.
        switch try await call(["SET", leaseKey(key), RedisArgument(owner), "NX", "PX", RedisArgument(String(ms))], idempotent: false) {
        case .simple("OK"): return TokenLease(key: key, ownerID: owner)
        case .bulk(nil): return nil
        case let other: throw unexpected("SET NX", other)
        }
    }

    public func releaseLease(_ lease: TokenLease) async throws(BoxAuthError) {
        let reply = try await call(["EVAL", RedisArgument(Self.releaseScript), "1", leaseKey(lease.key), RedisArgument(lease.ownerID)], idempotent: true)
        guard case .integer = reply else { throw unexpected("EVAL", reply) }
    }

    /// `PING`: whether Redis answers (for diagnostics and tests).
    public func ping() async throws(BoxAuthError) {
        let reply = try await call(["PING"], idempotent: true)
        guard reply == .simple("PONG") else { throw unexpected("PING", reply) }
    }

    private func call(_ args: [RedisArgument], idempotent: Bool) async throws(BoxAuthError) -> RESPValue {
        try await connection.call(args.map(\.bytes), idempotent: idempotent)
    }

    private func unexpected(_ command: String, _ reply: RESPValue) -> BoxAuthError {
        if case .error(let message) = reply {
            // NOAUTH, WRONGPASS, READONLY, OOM, LOADING…: Redis is there but not usable as configured.
            return BoxAuthError(.tokenStoreUnavailable, "Redis at \(endpoint) refused \(command): \(message.prefix(200))")
        }
        return BoxAuthError(.tokenStoreInvalid, "Redis at \(endpoint) answered \(command) with an unexpected reply")
    }
}

/// One argument of a Redis command: text or bytes.
struct RedisArgument: ExpressibleByStringLiteral {
    let bytes: [UInt8]
    init(stringLiteral value: String) { bytes = Array(value.utf8) }
    init(_ text: String) { bytes = Array(text.utf8) }
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}
