// Where a Redis server is and how to log in: `redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]`, the
// form redis-cli and the Redis clients of other languages accept. Percent-escapes in the user
// and password are decoded. `rediss://` (TLS) is refused: this release speaks plain TCP only.

import Foundation

/// A parsed `redis://` URL. `description` never shows the password.
public struct RedisEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// The server's host name or address.
    public var host: String
    /// The server's TCP port.
    public var port: UInt16
    /// The logical database, selected with `SELECT` after connecting (0 when the URL has none).
    public var database: Int
    /// For Redis 6 ACL users (`AUTH user password`); nil means `AUTH password` (the default user).
    public var username: String?
    /// Secret. Sent with `AUTH` after connecting.
    public var password: String?

    /// An endpoint from its parts.
    public init(host: String, port: UInt16 = 6379, database: Int = 0, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.database = database
        self.username = username
        self.password = password
    }

    /// Parses `redis://…`. Errors are `token_store_invalid` and never repeat the password.
    public init(url text: String) throws(BoxAuthError) {
        func invalid(_ why: String) -> BoxAuthError {
            BoxAuthError(.tokenStoreInvalid, "\(why); expected redis://[:PASSWORD@]HOST[:PORT][/DB]")
        }
        if text.lowercased().hasPrefix("rediss://") {
            throw BoxAuthError(.tokenStoreInvalid, "rediss:// (Redis over TLS) is not supported in this release; reach Redis over a private network with AUTH (see Docs/BOX.md)")
        }
        guard text.lowercased().hasPrefix("redis://"), let url = URLComponents(string: text) else {
            throw invalid("the token store URL is not a redis:// URL")
        }
        guard var host = url.host, !host.isEmpty else { throw invalid("the redis:// URL has no host") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        var port: UInt16 = 6379
        if let p = url.port {
            guard (1...65535).contains(p) else { throw invalid("the redis:// URL's port is out of range") }
            port = UInt16(p)
        }
        var database = 0
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        if !path.isEmpty {
            guard path.count <= 9, path.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(path) else {
                throw invalid("the redis:// URL's path must be a database number")
            }
            database = n
        }
        guard url.query == nil, url.fragment == nil else { throw invalid("the redis:// URL takes no query or fragment") }
        let user = url.user.flatMap { $0.isEmpty ? nil : $0 }
        let password = url.password.flatMap { $0.isEmpty ? nil : $0 }
        if user != nil && password == nil { throw invalid("the redis:// URL names a user without a password") }
        self.init(host: host, port: port, database: database, username: user, password: password)
    }

    /// `HOST:PORT/DB`, e.g. for events and errors.
    public var description: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "\(h):\(port)/\(database)"
    }
}
