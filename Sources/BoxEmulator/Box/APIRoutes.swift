// GET /2.0/users/me and GET /2.0/folders/0, honouring bearer tokens, down-scoping and As-User.

import BoxAuth
import PureCrypto
import PureKeys

extension BoxEmulator {
    /// Scopes that let a down-scoped token read the items of a folder (what UI Elements ask for).
    static let readScopes: Set<String> = ["base_explorer", "item_preview", "base_preview", "item_download",
                                          "root_readonly", "root_readwrite"]
    /// Scopes that let a down-scoped token read the user (`/users/me`).
    static let userScopes: Set<String> = ["root_readonly", "root_readwrite"]

    /// The user an API call acts as, or the error response.
    private func caller(_ request: HTTPRequest, now: Int64, needs scopes: Set<String>, folder: String?) -> Result<EmulatedUser, APIFailure> {
        guard let auth = request.header("Authorization"), auth.hasPrefix("Bearer "),
              let token = state.withLock({ $0.tokens[Array(auth.utf8.dropFirst(7))] }), token.expiresAt > now else {
            return .failure(.unauthorized)
        }
        if let granted = token.scopes {
            guard !scopes.isDisjoint(with: granted) else { return .failure(.insufficientScope) }
            if let folder, let r = token.resource, !(r.kind == "folder" && r.id == folder) { return .failure(.insufficientScope) }
        }
        if let asUser = request.header(BoxProtocol.asUserHeader) {
            guard case .enterprise = token.subject, token.scopes == nil,
                  let app = configuration.apps.first(where: { $0.clientID.utf8Equals(token.clientID) }), app.canActAsUsers else {
                return .failure(.forbidden("As-User needs a service-account token of an app allowed to act as users"))
            }
            guard asUser != configuration.serviceAccount.id else {
                return .failure(.badRequest("As-User cannot name the service account itself"))
            }
            guard let target = user(asUser) else { return .failure(.notFound) }
            return .success(target)
        }
        guard let me = user(token.userID) else { return .failure(.notFound) }
        return .success(me)
    }

    enum APIFailure: Error {
        case unauthorized, insufficientScope, notFound
        case forbidden(String), badRequest(String)

        func response(now: Int64) -> HTTPResponse {
            switch self {
            case .unauthorized:
                return HTTPResponse(status: 401, headers: [HTTPHeader("WWW-Authenticate", #"Bearer realm="Service", error="invalid_token", error_description="The access token provided is invalid.""#),
                                                           HTTPHeader("Date", HTTPDate.format(now))])
            case .insufficientScope:
                return BoxResponses.apiError(403, code: "insufficient_scope", message: "The request requires higher privileges than provided by the access token.", date: now)
            case .forbidden(let why):
                return BoxResponses.apiError(403, code: "access_denied_insufficient_permissions", message: why, date: now)
            case .badRequest(let why):
                return BoxResponses.apiError(400, code: "bad_request", message: why, date: now)
            case .notFound:
                return BoxResponses.apiError(404, code: "not_found", message: "Not Found", date: now)
            }
        }
    }

    func usersMe(_ request: HTTPRequest, now: Int64) -> HTTPResponse {
        switch caller(request, now: now, needs: Self.userScopes, folder: nil) {
        case .failure(let f): return f.response(now: now)
        case .success(let u): return BoxResponses.json(200, Self.userJSON(u), date: now)
        }
    }

    func rootFolder(_ request: HTTPRequest, now: Int64) -> HTTPResponse {
        switch caller(request, now: now, needs: Self.readScopes, folder: "0") {
        case .failure(let f):
            return f.response(now: now)
        case .success(let u):
            let entries: [JSONValue] = u.rootItems.map { .object(["type": .string($0.kind.rawValue), "id": .string($0.id), "name": .string($0.name)]) }
            return BoxResponses.json(200, [
                "type": "folder", "id": "0", "name": "All Files",
                "owned_by": .object(Self.userJSON(u)),
                "item_collection": ["total_count": .number(JSONNumber(entries.count)), "entries": .array(entries)],
            ], date: now)
        }
    }

    static func userJSON(_ u: EmulatedUser) -> JSONObject {
        ["type": "user", "id": .string(u.id), "name": .string(u.name), "login": .string(u.login)]
    }
}
