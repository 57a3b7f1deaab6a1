// What a successful token call returns (Box's token response, parsed leniently: Box's own
// examples omit some fields).

import Foundation

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
        public let scope: String
        public let objectType: String?
        public let objectID: String?

        public init(scope: String, objectType: String?, objectID: String?) {
            self.scope = scope
            self.objectType = objectType
            self.objectID = objectID
        }
    }

    public init(value: String, expiresAt: Date, tokenType: String = "bearer", issuedTokenType: String? = nil, restrictedTo: [Restriction] = []) {
        self.value = value
        self.expiresAt = expiresAt
        self.tokenType = tokenType
        self.issuedTokenType = issuedTokenType
        self.restrictedTo = restrictedTo
    }

    /// Parses a token response body. `requestedAt` is when the request was sent.
    public init(responseBody: Data, requestedAt: Date) throws(BoxAuthError) {
        guard let object = (try? JSONSerialization.jsonObject(with: responseBody)) as? [String: Any] else {
            throw BoxAuthError(.responseInvalid, "Box answered 2xx with a body that is not a JSON object; check --auth-url points at Box")
        }
        guard let token = object["access_token"] as? String, !token.isEmpty else {
            throw BoxAuthError(.responseInvalid, "Box's token response has no access_token")
        }
        let lifetime: Double
        if let n = object["expires_in"] as? NSNumber, type(of: n) != type(of: NSNumber(value: true)) {
            lifetime = n.doubleValue
        } else if let s = object["expires_in"] as? String, let n = Double(s) {
            lifetime = n
        } else if object["expires_in"] == nil {
            lifetime = 3600  // Box's documented default lifetime when the field is omitted
        } else {
            throw BoxAuthError(.responseInvalid, "Box's token response has an unreadable expires_in")
        }
        guard lifetime.isFinite, lifetime > 0, lifetime < 366 * 86_400 else {
            throw BoxAuthError(.responseInvalid, "Box's token response has an out-of-range expires_in")
        }
        var restrictions: [Restriction] = []
        for entry in object["restricted_to"] as? [[String: Any]] ?? [] {
            guard let scope = entry["scope"] as? String else { continue }
            let item = entry["object"] as? [String: Any]
            restrictions.append(Restriction(scope: scope, objectType: item?["type"] as? String,
                                            objectID: (item?["id"] as? String) ?? (item?["id"] as? Int).map(String.init)))
        }
        self.init(value: token, expiresAt: requestedAt.addingTimeInterval(lifetime),
                  tokenType: object["token_type"] as? String ?? "bearer",
                  issuedTokenType: object["issued_token_type"] as? String, restrictedTo: restrictions)
    }

    public var description: String {
        "AccessToken(\(tokenType), expires \(expiresAt), \(restrictedTo.isEmpty ? "unrestricted" : "restricted to \(restrictedTo.map(\.scope).joined(separator: " "))"), value redacted)"
    }

    public var debugDescription: String { description }
}
