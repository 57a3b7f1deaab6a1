// What the emulated Box tenant holds: one enterprise, its apps (with their registered public
// keys), its users and their folders, and the tokens it has issued.

import BoxJWT
import PureCrypto
import PureJWT

/// A Platform app registered with the emulated enterprise.
package struct EmulatedApp: Sendable {
    package var clientID: String
    package var clientSecret: String
    /// Registered public keys by key ID (what the developer console shows as "Public Key ID").
    package var publicKeys: [String: JWTVerificationKey]
    /// "Generate user access tokens" in the app's settings.
    package var userTokensEnabled: Bool
    /// Whether the enterprise admin authorized the app.
    package var authorized: Bool
    /// "Perform actions as users" (needed for `As-User`).
    package var canActAsUsers: Bool

    package init(clientID: String, clientSecret: String, publicKeys: [String: JWTVerificationKey],
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
package struct EmulatedUser: Sendable {
    package var id: String
    package var name: String
    package var login: String
    /// Names of the folders and files at the top of the user's tree (folder "0").
    package var rootItems: [EmulatedItem]

    package init(id: String, name: String, login: String, rootItems: [EmulatedItem] = []) {
        self.id = id
        self.name = name
        self.login = login
        self.rootItems = rootItems
    }
}

package struct EmulatedItem: Sendable {
    package enum Kind: String, Sendable { case folder, file }
    package var kind: Kind
    package var id: String
    package var name: String

    package init(_ kind: Kind, id: String, name: String) {
        self.kind = kind
        self.id = id
        self.name = name
    }

    var ref: ItemRef { ItemRef(kind, id) }
}

/// A folder or file by kind and ID: what an API route or a down-scoped token names.
struct ItemRef: Sendable, Hashable {
    let kind: EmulatedItem.Kind
    let id: String

    init(_ kind: EmulatedItem.Kind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    /// Every user's root folder.
    static let root = ItemRef(.folder, "0")

    /// Whether a token limited to this item may reach `target` in `user`'s tree: the item
    /// itself, and for folder "0" everything in it.
    func covers(_ target: ItemRef, of user: EmulatedUser) -> Bool {
        self == target || (self == .root && user.item(target) != nil)
    }
}

extension EmulatedUser {
    /// The item of the user's tree that `ref` names: folder "0" or one of its items.
    func item(_ ref: ItemRef) -> EmulatedItem? {
        if ref == .root { return EmulatedItem(.folder, id: "0", name: "All Files") }
        return rootItems.first { $0.kind == ref.kind && $0.id.utf8Equals(ref.id) }
    }
}

/// An access token the emulator issued.
struct IssuedToken: Sendable {
    let clientID: String
    let subject: BoxSubject
    /// The user the token's API calls act as (the service account for enterprise tokens).
    let userID: String
    let expiresAt: Int64
    /// Nil for a full token; the allowed scopes for a down-scoped one.
    let scopes: [String]?
    /// For a down-scoped token limited to one item: that item.
    let resource: ItemRef?
    let sharedLink: String?
}

/// A failure to inject into the next token or API request, in order.
package enum EmulatedFault: Sendable {
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
    /// A redirect: `status` (301, 302, 303, 307, 308) with this `Location`, as a hostile or
    /// misconfigured server might send to pull secrets or tokens elsewhere.
    case redirect(status: Int, location: String)
    /// These exact bytes on the wire, then the connection closes: answers whose framing the
    /// server would never produce (a Content-Length of 200 MB over a short body, a body that
    /// runs until the connection closes).
    case raw([UInt8])
}

/// Where an injected fault applies.
package enum EmulatedRoute: Sendable, Hashable {
    /// POST /oauth2/token (JWT, client-credentials and exchange grants).
    case token
    /// POST /oauth2/revoke.
    case revoke
    /// Every /2.0/ API route.
    case api
}
