// What a successful token call returns (Box's token response, parsed leniently: Box's own
// examples omit some fields).

import Foundation
import PureKeys

/// An access token and when it stops being usable. `description` never shows the token.
public struct AccessToken: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The bearer token itself. Secret: send it, never log it.
    public let value: String
    /// When Box stops accepting it, from `expires_in` counted from the moment the request was sent
    /// (so network time only shortens, never lengthens, the believed lifetime).
    public let expiresAt: Date
    /// `token_type`, normally `bearer`.
    public let tokenType: String
    /// `issued_token_type`, when Box sent it.
    public let issuedTokenType: String?
    /// For a down-scoped token: the scopes and objects it is limited to.
    public let restrictedTo: [Restriction]

    /// One entry of `restricted_to`: a scope, and the object (if any) it applies to.
    public struct Restriction: Sendable, Equatable {
        /// The scope granted, e.g. `item_preview`.
        public let scope: String
        /// The type of the object the scope is limited to (`folder`, `file`), when limited.
        public let objectType: String?
        /// The ID of that object, when limited.
        public let objectID: String?

        /// A restriction from its parts.
        public init(scope: String, objectType: String?, objectID: String?) {
            self.scope = scope
            self.objectType = objectType
            self.objectID = objectID
        }
    }

    /// A token from its parts (tests, token stores); a token from Box comes from
    /// `init(responseBody:requestedAt:)`.
    public init(value: String, expiresAt: Date, tokenType: String = "bearer", issuedTokenType: String? = nil, restrictedTo: [Restriction] = []) {
        self.value = value
        self.expiresAt = expiresAt
        self.tokenType = tokenType
        self.issuedTokenType = issuedTokenType
        self.restrictedTo = restrictedTo
    }

    /// The largest token response accepted: 1 MiB (a real one is a few hundred bytes).
    static let maximumResponseByteCount = 1 << 20

    /// Parses a token response body. `requestedAt` is when the request was sent. Strict JSON
    /// (`JSONValue`: duplicate members refused, size and depth capped); lenient about which
    /// members are present, as Box's own examples omit some.
    public init(responseBody: Data, requestedAt: Date) throws(BoxAuthError) {
        let parsed = try? JSONValue(parsing: [UInt8](responseBody),
                                    options: JSONParser.Options(maximumByteCount: Self.maximumResponseByteCount))
        guard let object = parsed?.objectValue else {
            throw BoxAuthError(.responseInvalid, "Box answered 2xx with a body that is not a JSON object; check that the auth base URL points at Box")
        }
        guard let token = object["access_token"]?.stringValue, !token.isEmpty else {
            throw BoxAuthError(.responseInvalid, "Box's token response has no access_token")
        }
        let lifetime: Double
        switch object["expires_in"] {
        case .number(let n)?:
            guard let seconds = Double(n.text) else { throw BoxAuthError(.responseInvalid, "Box's token response has an unreadable expires_in") }
            lifetime = seconds
        case .string(let s)?:
            guard let seconds = Double(s) else { throw BoxAuthError(.responseInvalid, "Box's token response has an unreadable expires_in") }
            lifetime = seconds
        case nil:
            lifetime = 3600  // Box's documented default lifetime when the field is omitted
        default:
            throw BoxAuthError(.responseInvalid, "Box's token response has an unreadable expires_in")
        }
        guard lifetime.isFinite, lifetime > 0, lifetime < 366 * 86_400 else {
            throw BoxAuthError(.responseInvalid, "Box's token response has an out-of-range expires_in")
        }
        var restrictions: [Restriction] = []
        for entry in object["restricted_to"]?.arrayValue ?? [] {
            guard let scope = entry["scope"]?.stringValue else { continue }
            let item = entry["object"]
            let id = item?["id"]?.stringValue ?? item?["id"]?.int64Value.map { String($0) }
            restrictions.append(Restriction(scope: scope, objectType: item?["type"]?.stringValue, objectID: id))
        }
        self.init(value: token, expiresAt: requestedAt.addingTimeInterval(lifetime),
                  tokenType: object["token_type"]?.stringValue ?? "bearer",
                  issuedTokenType: object["issued_token_type"]?.stringValue, restrictedTo: restrictions)
    }

    public var description: String {
        "AccessToken(\(tokenType), expires \(expiresAt), \(restrictedTo.isEmpty ? "unrestricted" : "restricted to \(restrictedTo.map(\.scope).joined(separator: " "))"), value redacted)"
    }

    public var debugDescription: String { description }
}
