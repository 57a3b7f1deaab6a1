// The names tokens are stored under, and the keys that seal what is stored.
//
// Everything derives from the app's client secret, which every process of one app already has
// and nobody else should: someone who can read the store (a Redis dump, a backup of the token
// directory) but not config.json learns neither which users the app acts for nor their tokens,
// and cannot move one user's sealed token into another user's slot.
//
//   root     = HMAC-SHA256(clientSecret, "purejwt token store v1" 0x00 clientID)
//   nameKey  = HMAC-SHA256(root, "name")        name = hex(HMAC-SHA256(nameKey, grant 0x00 type 0x00 id))
//   sealKey  = HMAC-SHA256(root, "encrypt")     (AES-256-CBC, see TokenSealing.swift)
//   macKey   = HMAC-SHA256(root, "authenticate")

import PureCrypto

/// The store-side identity of one app's token for one subject and grant.
///
/// `name` is 64 lowercase hex digits, the same in every process of the app: stores use it (with
/// their own prefix) as the key. Equality and hashing use `name` only. `description` shows a
/// prefix of the name, never the subject.
public struct TokenStoreKey: Sendable, Hashable, CustomStringConvertible {
    /// 64 lowercase hex digits, the same in every process of the app.
    public let name: String
    let namespace: TokenStoreNamespace

    public static func == (lhs: TokenStoreKey, rhs: TokenStoreKey) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
    public var description: String { "TokenStoreKey(\(name.prefix(12))…)" }

    /// The sealed form of `token` for this key: what file and Redis stores keep.
    public func seal(_ token: AccessToken) -> [UInt8] { namespace.sealing.seal(token, name: name) }

    /// The token sealed under this key, or `token_store_invalid` when the bytes were written
    /// under another client secret, for another key, or altered.
    public func open(_ sealed: [UInt8]) throws(BoxAuthError) -> AccessToken { try namespace.sealing.open(sealed, name: name) }
}

/// The keys of one app (client ID and secret) in the token store. Deriving them costs a few
/// HMACs; a client makes one namespace and asks it for every key.
public final class TokenStoreNamespace: Sendable, CustomStringConvertible {
    /// The grant a token came from: JWT and client-credentials tokens of one subject are different tokens.
    public enum Grant: String, Sendable {
        /// A token from a JWT assertion.
        case jwt
        /// A token from a client-credentials grant.
        case clientCredentials = "client_credentials"
    }

    private let nameMAC: HMAC<SHA256>
    let sealing: TokenSealing

    /// The namespace of the app with this client ID and secret.
    public init(clientID: String, clientSecret: String) {
        let root = HMAC<SHA256>.authenticationCode(for: Array("purejwt token store v1".utf8) + [0] + Array(clientID.utf8),
                                                   using: Array(clientSecret.utf8))
        nameMAC = HMAC<SHA256>(key: HMAC<SHA256>.authenticationCode(for: Array("name".utf8), using: root))
        sealing = TokenSealing(encryptionKey: HMAC<SHA256>.authenticationCode(for: Array("encrypt".utf8), using: root),
                               authenticationKey: HMAC<SHA256>.authenticationCode(for: Array("authenticate".utf8), using: root))
    }

    /// The key of `subject`'s token from `grant`.
    public func key(_ grant: Grant, _ subject: BoxSubject) -> TokenStoreKey {
        var mac = nameMAC
        mac.update(Array(grant.rawValue.utf8) + [0] + Array(subject.typeName.utf8) + [0] + Array(subject.id.utf8))
        return TokenStoreKey(name: Hex.encode(mac.finalize()), namespace: self)
    }

    public var description: String { "TokenStoreNamespace(keys redacted)" }
}
