// POST /oauth2/token and /oauth2/revoke, validated as Box does (BOX.md).

import BoxAuth
import BoxJWT
import PureCrypto
import PureKeys
import PureJWT

extension BoxEmulator {
    func token(_ request: HTTPRequest, now: Int64) -> HTTPResponse {
        guard let fields = FormEncoding.decode(request.body) else {
            return BoxResponses.oauthError(400, "invalid_request", "The request body is not a valid form.", date: now)
        }
        var form: [String: String] = [:]
        for (k, v) in fields where form[k] == nil { form[k] = v }
        switch form["grant_type"] {
        case BoxProtocol.GrantType.jwtBearer?: return jwtGrant(form, now: now)
        case BoxProtocol.GrantType.clientCredentials?: return clientCredentialsGrant(form, now: now)
        case BoxProtocol.GrantType.tokenExchange?: return exchangeGrant(form, now: now)
        case nil: return BoxResponses.oauthError(400, "invalid_request", "Invalid grant_type parameter or parameter missing", date: now)
        default: return BoxResponses.oauthError(400, "unsupported_grant_type", "Invalid grant_type parameter or parameter missing", date: now)
        }
    }

    private func jwtGrant(_ form: [String: String], now: Int64) -> HTTPResponse {
        guard let app = app(form["client_id"], form["client_secret"]) else {
            return BoxResponses.oauthError(400, "invalid_client", BoxResponses.invalidClient, date: now)
        }
        guard let assertion = form["assertion"] else {
            return BoxResponses.oauthError(400, "invalid_request", "Missing assertion parameter", date: now)
        }
        var validation = JWTValidation.at(now)
        validation.leeway = 0  // Box allows no skew
        let verifier = JWTVerifier(algorithms: [.rs256, .rs384, .rs512],
                                   keySet: JWTKeySet(Array(app.publicKeys.values)), validation: validation)
        let claims: JWTClaims
        do {
            claims = try verifier.verify(assertion).claims
        } catch {
            return BoxResponses.oauthError(400, "invalid_grant", Self.describe(error), date: now)
        }
        let jti = claims.jwtID
        // Claims compared as bytes, as Box does (no Unicode normalization).
        guard claims.issuer?.utf8Equals(app.clientID) == true else {
            return BoxResponses.oauthError(400, "invalid_grant", "Please check the 'iss' claim. It must be the app's client ID.", date: now)
        }
        guard let audience = claims.audience, audience.count == 1, audience[0].utf8Equals(configuration.audience) else {
            return BoxResponses.oauthError(400, "invalid_grant", "Please check the 'aud' claim.", date: now)
        }
        // exp − now without wrapping: an exp near 2^63 is far too late, never negative.
        let lifetime = claims.expiration.map { $0.subtractingReportingOverflow(now) }
        guard let lifetime, !lifetime.overflow, lifetime.partialValue <= 60 else {
            return BoxResponses.oauthError(400, "invalid_grant", BoxResponses.expTooFar, date: now)
        }
        guard let jti, (16...128).contains(jti.count) else {
            return BoxResponses.oauthError(400, "invalid_grant", BoxResponses.jti, date: now)
        }
        let fresh = state.withLock { $0.usedJTIs.insert(jti).inserted }
        guard fresh else { return BoxResponses.oauthError(400, "invalid_grant", BoxResponses.jti, date: now) }
        guard app.authorized else {
            return BoxResponses.oauthError(400, "unauthorized_client", BoxResponses.notAuthorized, date: now)
        }
        let subject: BoxSubject
        let subType = claims[BoxProtocol.subjectTypeClaim]?.stringValue.flatMap { t in
            [BoxProtocol.SubjectType.enterprise, BoxProtocol.SubjectType.user].first { $0.utf8Equals(t) }
        }
        switch (subType, claims.subject) {
        case (BoxProtocol.SubjectType.enterprise?, let sub?) where sub.utf8Equals(configuration.enterpriseID):
            subject = .enterprise(sub)
        case (BoxProtocol.SubjectType.user?, let sub?) where user(sub) != nil && !sub.utf8Equals(configuration.serviceAccount.id):
            guard app.userTokensEnabled else {
                return BoxResponses.oauthError(400, "invalid_request", BoxResponses.userTokensDisabled, date: now)
            }
            subject = .user(sub)
        default:
            return BoxResponses.oauthError(400, "invalid_grant", BoxResponses.sub, date: now)
        }
        countJWTGrant(subject)
        return issue(clientID: app.clientID, subject: subject, now: now)
    }

    private func clientCredentialsGrant(_ form: [String: String], now: Int64) -> HTTPResponse {
        guard let app = app(form["client_id"], form["client_secret"]) else {
            return BoxResponses.oauthError(400, "invalid_grant", BoxResponses.ccgInvalid, date: now)
        }
        guard app.authorized else {
            return BoxResponses.oauthError(400, "unauthorized_client", BoxResponses.notAuthorized, date: now)
        }
        switch (form["box_subject_type"], form["box_subject_id"]) {
        case (BoxProtocol.SubjectType.enterprise?, let id?) where id.utf8Equals(configuration.enterpriseID):
            return issue(clientID: app.clientID, subject: .enterprise(id), now: now)
        case (BoxProtocol.SubjectType.user?, let id?) where user(id) != nil && !id.utf8Equals(configuration.serviceAccount.id):
            guard app.userTokensEnabled else {
                return BoxResponses.oauthError(400, "invalid_request", BoxResponses.userTokensDisabled, date: now)
            }
            return issue(clientID: app.clientID, subject: .user(id), now: now)
        default:
            return BoxResponses.oauthError(400, "invalid_grant", BoxResponses.ccgInvalid, date: now)
        }
    }

    private func exchangeGrant(_ form: [String: String], now: Int64) -> HTTPResponse {
        guard form["subject_token_type"] == BoxProtocol.TokenType.accessToken, let subjectToken = form["subject_token"] else {
            return BoxResponses.oauthError(400, "invalid_request", "subject_token and subject_token_type are required", date: now)
        }
        guard let parent = state.withLock({ $0.tokens[Array(subjectToken.utf8)] }), parent.expiresAt > now else {
            return BoxResponses.oauthError(400, "invalid_grant", "The subject token is invalid or expired.", date: now)
        }
        let scopes = (form["scope"] ?? "").split(separator: " ").map(String.init)
        guard !scopes.isEmpty else {
            return BoxResponses.oauthError(400, "invalid_scope", "At least one scope is required.", date: now)
        }
        if let parentScopes = parent.scopes, !scopes.allSatisfy(parentScopes.contains) {
            return BoxResponses.oauthError(400, "invalid_scope", "A down-scoped token cannot gain scopes.", date: now)
        }
        if form["resource"] != nil && form["box_shared_link"] != nil {
            return BoxResponses.oauthError(400, "invalid_request", "Only one of resource and box_shared_link may be given.", date: now)
        }
        if form["actor_token"] != nil && form["actor_token_type"] != BoxProtocol.TokenType.idToken {
            return BoxResponses.oauthError(400, "invalid_request", "actor_token_type must be urn:ietf:params:oauth:token-type:id_token", date: now)
        }
        var resource = parent.resource
        if let url = form["resource"] {
            // Box's answer for any resource it will not limit this token to (RFC 8693 §2.2.2).
            let invalidTarget = BoxResponses.oauthError(400, "invalid_target", BoxResponses.invalidTarget, date: now)
            guard let ref = resourceRef(url), let owner = user(parent.userID), owner.item(ref) != nil else { return invalidTarget }
            if let limit = parent.resource, !limit.covers(ref, of: owner) { return invalidTarget }
            resource = ref
        }
        let token = IssuedToken(clientID: parent.clientID, subject: parent.subject, userID: parent.userID,
                                expiresAt: min(parent.expiresAt, now + configuration.tokenLifetime), scopes: scopes,
                                resource: resource, sharedLink: form["box_shared_link"] ?? parent.sharedLink)
        return respond(with: token, now: now)
    }

    func revoke(_ request: HTTPRequest, now: Int64) -> HTTPResponse {
        guard let fields = FormEncoding.decode(request.body) else {
            return BoxResponses.oauthError(400, "invalid_request", "The request body is not a valid form.", date: now)
        }
        let form = Dictionary(fields, uniquingKeysWith: { first, _ in first })
        guard app(form["client_id"], form["client_secret"]) != nil else {
            return BoxResponses.oauthError(400, "invalid_client", BoxResponses.invalidClient, date: now)
        }
        if let token = form["token"] { state.withLock { _ = $0.tokens.removeValue(forKey: Array(token.utf8)) } }
        return HTTPResponse(status: 200, headers: [HTTPHeader("Date", HTTPDate.format(now))])
    }

    private func issue(clientID: String, subject: BoxSubject, now: Int64) -> HTTPResponse {
        let userID: String
        switch subject {
        case .enterprise: userID = configuration.serviceAccount.id
        case .user(let id): userID = id
        }
        let token = IssuedToken(clientID: clientID, subject: subject, userID: userID, expiresAt: now + configuration.tokenLifetime,
                                scopes: nil, resource: nil, sharedLink: nil)
        return respond(with: token, now: now)
    }

    private func respond(with token: IssuedToken, now: Int64) -> HTTPResponse {
        let value = newTokenValue()
        state.withLock { $0.tokens[Array(value.utf8)] = token }
        var restricted: [JSONValue] = []
        for scope in token.scopes ?? [] {
            var entry: JSONObject = ["scope": .string(scope)]
            if let r = token.resource { entry["object"] = ["type": .string(r.kind.rawValue), "id": .string(r.id)] }
            restricted.append(.object(entry))
        }
        return BoxResponses.json(200, [
            "access_token": .string(value),
            "expires_in": .number(JSONNumber(token.expiresAt - now)),
            "restricted_to": .array(restricted),
            "token_type": "bearer",
            "issued_token_type": .string(BoxProtocol.TokenType.accessToken),
        ], date: now)
    }

    /// The item a down-scoping `resource` names: `ORIGIN/2.0/folders/ID` or `ORIGIN/2.0/files/ID`,
    /// where ORIGIN is Box's API origin or this emulator's own (`http://127.0.0.1:PORT` once
    /// started), exactly, with no query or fragment. Nil for anything else, e.g. a URL on
    /// another host, which a token must never be limited to (and so usable against).
    func resourceRef(_ url: String) -> ItemRef? {
        let origins = [BoxProtocol.defaultAuthBaseURL] + (state.withLock { $0.origin }.map { [$0] } ?? [])
        guard let origin = origins.first(where: { url.utf8.starts(with: ($0 + "/2.0/").utf8) }) else { return nil }
        let parts = url.utf8.dropFirst(origin.utf8.count + 5).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        return Self.itemRef(String(decoding: parts[0], as: UTF8.self), String(decoding: parts[1], as: UTF8.self))
    }

    /// Box's wording for a verifier failure.
    static func describe(_ error: JWTError) -> String {
        switch error.code {
        case .expired: return BoxResponses.expPassed
        case .notYetValid: return BoxResponses.notBefore
        case .claimMissing: return BoxResponses.expMissing
        case .keyIDUnknown: return "Please check the 'kid' header. The package key ID is not registered for this app."
        case .claimInvalid: return "Please check the claims. A registered claim has the wrong type."
        case .algorithmNotAllowed, .algorithmMismatch: return "Please check the 'alg' header. Supported: RS256, RS384, RS512."
        case .signatureInvalid: return "Signature verification error. The package key identified by 'kid' must correspond to the private key used for signing."
        default: return "Invalid assertion: the JWT is malformed."
        }
    }

    /// The `jti` claim of the assertion in a token request's form, read without verifying
    /// anything: for the test record only, never trusted.
    static func assertionJTI(_ body: [UInt8]) -> String? {
        guard let fields = FormEncoding.decode(body), let assertion = fields.first(where: { $0.0 == "assertion" })?.1 else { return nil }
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = try? Base64URL.decode(parts[1]),
              let json = try? JSONValue(parsing: payload) else { return nil }
        return json["jti"]?.stringValue
    }
}
