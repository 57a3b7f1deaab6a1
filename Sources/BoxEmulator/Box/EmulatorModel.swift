// What the emulated Box tenant holds: one enterprise, its apps (with their registered public
// keys), its users and their folders, and the tokens it has issued.

import PureCrypto
import PureJWT

/// A Platform app registered with the emulated enterprise.
public struct EmulatedApp: Sendable {
    public var clientID: String
    public var clientSecret: String
    /// Registered public keys by key ID (what the developer console shows as "Public Key ID").
    public var publicKeys: [String: JWTVerificationKey]
    /// "Generate user access tokens" in the app's settings.
    public var userTokensEnabled: Bool
    /// Whether the enterprise admin authorized the app.
    public var authorized: Bool
    /// "Perform actions as users" (needed for `As-User`).
    public var canActAsUsers: Bool

    public init(clientID: String, clientSecret: String, publicKeys: [String: JWTVerificationKey],
                userTokensEnabled: Bool = true, authorized: Bool = true, canActAsUsers: Bool = true) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.publicKeys = publicKeys
        self.userTokensEnabled = userTokensEnabled
        self.authorized = authorized
        self.canActAsUsers = canActAsUsers
    }
}

/// A user of the emulated enterprise, with the items in their root folder.
public struct EmulatedUser: Sendable {
    public var id: String
    public var name: String
    public var login: String
    /// Names of the folders and files at the top of the user's tree (folder "0").
    public var rootItems: [EmulatedItem]

    public init(id: String, name: String, login: String, rootItems: [EmulatedItem] = []) {
        self.id = id
        self.name = name
        self.login = login
        self.rootItems = rootItems
    }
}

public struct EmulatedItem: Sendable {
    public enum Kind: String, Sendable { case folder, file }
    public var kind: Kind
    public var id: String
    public var name: String

    public init(_ kind: Kind, id: String, name: String) {
        self.kind = kind
        self.id = id
        self.name = name
    }
}

/// Who a token acts for.
public enum TokenSubject: Sendable, Equatable, Hashable {
    /// The app's service account (`box_sub_type: enterprise`).
    case enterprise(String)
    /// A managed user or app user (`box_sub_type: user`).
    case user(String)
}

/// An access token the emulator issued.
struct IssuedToken: Sendable {
    let clientID: String
    let subject: TokenSubject
    /// The user the token's API calls act as (the service account for enterprise tokens).
    let userID: String
    let expiresAt: Int64
    /// Nil for a full token; the allowed scopes for a down-scoped one.
    let scopes: [String]?
    /// For a down-scoped token limited to one item: its kind and ID.
    let resource: (kind: String, id: String)?
    let sharedLink: String?
}

/// A failure to inject into the next token or API request, in order.
public enum EmulatedFault: Sendable {
    /// HTTP 429 with `Retry-After: seconds`.
    case rateLimited(retryAfterSeconds: Int)
    /// An HTTP 5xx with a plain error body.
    case serverError(status: Int)
    /// Answer normally, but only after this many milliseconds.
    case slow(milliseconds: Int)
    /// Close the connection without answering.
    case dropConnection
    /// HTTP 200 with a body that is not JSON.
    case malformedJSON
}
