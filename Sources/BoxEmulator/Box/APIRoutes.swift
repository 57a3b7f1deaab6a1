// The /2.0 API routes: GET /users/me, /folders/ID, /folders/ID/items and /files/ID, honouring
// bearer tokens, down-scoping (scopes and the one item a token may be limited to) and As-User.

import BoxAuth
import PureCrypto
import PureKeys

extension BoxEmulator {
    /// Scopes that let a down-scoped token read the items of a folder (what UI Elements ask for).
    static let readScopes: Set<String> = ["base_explorer", "item_preview", "base_preview", "item_download",
                                          "root_readonly", "root_readwrite"]
    /// Scopes that let a down-scoped token read the user (`/users/me`).
    static let userScopes: Set<String> = ["root_readonly", "root_readwrite"]

    /// Answers a request under `/2.0/`, or nil when no API route has that path.
    func api(_ request: HTTPRequest, now: Int64) -> HTTPResponse? {
        let parts = request.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, parts[0].isEmpty, parts[1] == "2.0" else { return nil }
        let route = Array(parts.dropFirst(2))
        let answer: (HTTPRequest, Int64) -> HTTPResponse
        switch route.count {
        case 2 where route == ["users", "me"]:
            answer = usersMe
        case 2 where route[0] == "folders" || route[0] == "files":
            guard let ref = Self.itemRef(route[0], route[1]) else { return nil }
            answer = { [self] in item(ref, $0, now: $1) }
        case 3 where route[0] == "folders" && route[2] == "items":
            guard let ref = Self.itemRef(route[0], route[1]) else { return nil }
            answer = { [self] in folderItems(ref, $0, now: $1) }
        default:
            return nil
        }
        guard request.method == "GET" else {
            return BoxResponses.apiError(405, code: "method_not_allowed", message: "Method Not Allowed", date: now)
        }
        return answer(request, now)
    }

    /// `folders`/`files` and a Box ID (decimal digits only, so IDs compare as bytes).
    static func itemRef(_ collection: String, _ id: String) -> ItemRef? {
        guard !id.isEmpty, id.utf8.count <= 32, id.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        switch collection {
        case "folders": return ItemRef(.folder, id)
        case "files": return ItemRef(.file, id)
        default: return nil
        }
    }

    /// The user an API call acts as, or the error response. With `target`, the call reads that
    /// item: a token limited to one item must cover it, and the user must reach it.
    private func caller(_ request: HTTPRequest, now: Int64, needs scopes: Set<String>, target: ItemRef?) -> Result<EmulatedUser, APIFailure> {
        guard let auth = request.header("Authorization"), auth.hasPrefix("Bearer "),
              let token = state.withLock({ $0.tokens[Array(auth.utf8.dropFirst(7))] }), token.expiresAt > now else {
            return .failure(.unauthorized)
        }
        if let granted = token.scopes {
            guard !scopes.isDisjoint(with: granted) else { return .failure(.insufficientScope) }
        }
        let acting: EmulatedUser
        if let asUser = request.header(BoxProtocol.asUserHeader) {
            guard case .enterprise = token.subject, token.scopes == nil,
                  let app = configuration.apps.first(where: { $0.clientID.utf8Equals(token.clientID) }), app.canActAsUsers else {
                return .failure(.forbidden("As-User needs a service-account token of an app allowed to act as users"))
            }
            guard asUser != configuration.serviceAccount.id else {
                return .failure(.badRequest("As-User cannot name the service account itself"))
            }
            guard let target = user(asUser) else { return .failure(.notFound) }
            acting = target
        } else {
            guard let me = user(token.userID) else { return .failure(.notFound) }
            acting = me
        }
        if let target {
            if let limit = token.resource, !limit.covers(target, of: acting) { return .failure(.insufficientScope) }
            guard acting.item(target) != nil else { return .failure(.notFound) }
        }
        return .success(acting)
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
        switch caller(request, now: now, needs: Self.userScopes, target: nil) {
        case .failure(let f): return f.response(now: now)
        case .success(let u): return BoxResponses.json(200, Self.userJSON(u), date: now)
        }
    }

    /// GET /2.0/folders/ID or /2.0/files/ID: the full object.
    func item(_ ref: ItemRef, _ request: HTTPRequest, now: Int64) -> HTTPResponse {
        switch caller(request, now: now, needs: Self.readScopes, target: ref) {
        case .failure(let f): return f.response(now: now)
        case .success(let u): return BoxResponses.json(200, BoxItems.full(ref, of: u), date: now)
        }
    }

    /// GET /2.0/folders/ID/items: one page of the folder's items (`offset`, `limit`).
    func folderItems(_ ref: ItemRef, _ request: HTTPRequest, now: Int64) -> HTTPResponse {
        let page: BoxItems.Page
        switch BoxItems.Page.parse(query: request.query) {
        case .success(let p): page = p
        case .failure(let f): return f.response(now: now)
        }
        switch caller(request, now: now, needs: Self.readScopes, target: ref) {
        case .failure(let f): return f.response(now: now)
        case .success(let u): return BoxResponses.json(200, BoxItems.collection(BoxItems.children(ref, of: u), page), date: now)
        }
    }

    static func userJSON(_ u: EmulatedUser) -> JSONObject {
        ["type": "user", "id": .string(u.id), "name": .string(u.name), "login": .string(u.login)]
    }
}
