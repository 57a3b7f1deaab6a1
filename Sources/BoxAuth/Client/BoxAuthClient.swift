// The Box token client: JWT grants for the service account and for users ("as-user" tokens),
// client-credentials grants, down-scoping (token exchange), revocation, and a per-subject cache.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PureCrypto
import PureKeys
import PureJWT

/// Gets access tokens from Box for one app.
///
/// ```swift
/// let config = try BoxConfig(contentsOf: URL(fileURLWithPath: "config.json"))
/// let client = try BoxAuthClient(config: config)            // decrypts the key with the file's passphrase
/// let admin = try await client.token(for: .enterprise(config.enterpriseID!))
/// let asUser = try await client.token(for: .user("12345"))   // acts as that user: their folder "0"
/// let forUIElements = try await client.exchange(asUser.value, scopes: ["base_explorer", "item_preview"],
///                                               resource: URL(string: "https://api.box.com/2.0/folders/0"))
/// ```
///
/// Tokens from `token(for:)` are cached per subject and refreshed `refreshMargin` before expiry;
/// concurrent callers share one request. With `options.tokenStore`, processes and hosts share
/// tokens too: one caller across all of them fetches a missing token while the others wait for
/// it (`TokenStore`, Docs/BOX.md). Every request attempt signs a fresh assertion (new `jti`, new
/// `exp`), so a retry after 429 never trips Box's 'jti' check.
public final class BoxAuthClient: Sendable {
    /// The app's configuration.
    public let config: BoxConfig
    /// Endpoints, retries, store and observer.
    public let options: BoxAuthOptions
    private let signer: BoxAssertion?
    private let cache: TokenCache<CacheKey>
    /// The shared store's side of `token(for:)`, when `options.tokenStore` is set.
    private let broker: TokenBroker?
    /// Store keys of this app (derived from the client ID and secret).
    private let namespace: TokenStoreNamespace
    private let tokenRequester: TokenRequester
    private let revokeRequester: TokenRequester
    /// Every request of this client goes through it (URLPolicy and HTTPTransport: https unless
    /// loopback, no redirects for OAuth endpoints, no credentials across origins, size cap).
    private let transport: HTTPTransport

    private enum CacheKey: Hashable, Sendable {
        case jwt(BoxSubject)
        case clientCredentials(BoxSubject)

        var grant: TokenStoreNamespace.Grant {
            switch self {
            case .jwt: return .jwt
            case .clientCredentials: return .clientCredentials
            }
        }

        var subject: BoxSubject {
            switch self {
            case .jwt(let s), .clientCredentials(let s): return s
            }
        }
    }

    /// A client that signs assertions with `privateKey`. Pass nil for a client-credentials-only
    /// app (then only `clientCredentialsToken`, `exchange` and `revoke` work).
    public init(config: BoxConfig, privateKey: RSAPrivateKey?, options: BoxAuthOptions = BoxAuthOptions()) throws(BoxAuthError) {
        guard [.rs256, .rs384, .rs512].contains(options.algorithm) else {
            throw BoxAuthError(.invalidArgument, "Box accepts RS256, RS384 or RS512 assertions, not \(options.algorithm)")
        }
        try BoxAssertion.checkLifetime(options.assertionLifetime)
        try URLPolicy.check(options.authBaseURL, allowPlainHTTP: options.insecureAllowPlainHTTP, what: "the auth URL")
        try URLPolicy.check(options.apiBaseURL, allowPlainHTTP: options.insecureAllowPlainHTTP, what: "the API URL")
        guard options.maxResponseBytes >= 1, options.maxRedirects >= 0, options.maxClockCorrection >= 0 else {
            throw BoxAuthError(.invalidArgument, "maxResponseBytes must be positive, maxRedirects and maxClockCorrection not negative")
        }
        guard options.leaseTimeToLive >= .milliseconds(10) else {
            throw BoxAuthError(.invalidArgument, "leaseTimeToLive must be at least 10 ms (30 s by default)")
        }
        self.config = config
        self.options = options
        signer = try privateKey.map { (key) throws(BoxAuthError) in
            try BoxAssertion(privateKey: key, keyID: config.publicKeyID, algorithm: options.algorithm)
        }
        cache = TokenCache(refreshMargin: options.refreshMargin, capacity: options.cacheCapacity, clock: options.clock)
        namespace = TokenStoreNamespace(clientID: config.clientID, clientSecret: config.clientSecret)
        broker = options.tokenStore.map {
            TokenBroker(store: $0, refreshMargin: options.refreshMargin, leaseTimeToLive: options.leaseTimeToLive,
                        failurePolicy: options.storeFailurePolicy, observer: options.observer, clock: options.clock)
        }
        let auth = options.authBaseURL
        transport = HTTPTransport(configuration: options.session.configuration, allowPlainHTTP: options.insecureAllowPlainHTTP)
        // Server text is scrubbed of these, besides each request's own secret fields.
        let secrets = [config.clientSecret] + (config.passphrase.map { [$0] } ?? [])
        tokenRequester = TokenRequester(transport: transport, url: auth.appendingPathComponent(BoxProtocol.tokenPath),
                                        maxResponseBytes: options.maxResponseBytes, maxClockCorrection: options.maxClockCorrection,
                                        secrets: secrets, policy: options.retryPolicy, clock: options.clock, observer: options.observer)
        revokeRequester = TokenRequester(transport: transport, url: auth.appendingPathComponent(BoxProtocol.revokePath),
                                         maxResponseBytes: options.maxResponseBytes, maxClockCorrection: options.maxClockCorrection,
                                         secrets: secrets, policy: options.retryPolicy, clock: options.clock, observer: options.observer)
    }

    /// A client whose key is the config's `privateKey`, decrypted with `passphrase` when given,
    /// else with the config's own `passphrase` (an unencrypted key needs none). Key errors keep
    /// the key layer's error as their `cause` (e.g. `wrong_passphrase`, `missing_passphrase`,
    /// `unsupported_algorithm`) and never include the key or the passphrase. `decryptionLimits`
    /// caps the KDF work the encrypted key may ask for (raise it only for a key you trust).
    public convenience init(config: BoxConfig, passphrase: [UInt8]? = nil, keyOptions: RSAKeyOptions = [],
                            decryptionLimits: KeyDecryptionLimits = .default,
                            options: BoxAuthOptions = BoxAuthOptions()) throws(BoxAuthError) {
        try self.init(config: config, privateKey: config.privateKey(passphrase: passphrase, options: keyOptions,
                                                                decryptionLimits: decryptionLimits), options: options)
    }

    // MARK: JWT grant

    /// A cached token for the service account or a user, from the JWT grant: from this
    /// process's memory, else from `options.tokenStore`, else from Box.
    public func token(for subject: BoxSubject) async throws(BoxAuthError) -> AccessToken {
        try await cached(.jwt(subject)) { [self] () async throws(BoxAuthError) -> AccessToken in
            try await requestJWTToken(for: subject)
        }
    }

    /// The token of `key` from memory, else through the shared store (if any) from `fetch`.
    private func cached(_ key: CacheKey, fetch: @escaping TokenBroker.Fetch) async throws(BoxAuthError) -> AccessToken {
        let observer = options.observer
        let lookedUp: ((Bool) -> Void)? = observer.map { o in { hit in o(hit ? .cacheHit(key.subject) : .cacheMiss(key.subject)) } }
        guard let broker else { return try await cache.token(for: key, lookedUp: lookedUp, fetch: fetch) }
        let storeKey = namespace.key(key.grant, key.subject)
        return try await cache.token(for: key, lookedUp: lookedUp) { () async throws(BoxAuthError) -> AccessToken in
            try await broker.token(for: key.subject, key: storeKey, fetch: fetch)
        }
    }

    /// The service account's token (needs `enterpriseID` in the config).
    public func serviceAccountToken() async throws(BoxAuthError) -> AccessToken {
        guard let id = config.enterpriseID else {
            throw BoxAuthError(.configInvalid, "config.json has no enterpriseID, needed for a service-account token")
        }
        return try await token(for: .enterprise(id))
    }

    /// A token that acts as the user (an "as-user" token): API calls with it see that user's
    /// files, folder "0" being their root.
    public func userToken(userID: String) async throws(BoxAuthError) -> AccessToken {
        try await token(for: .user(userID))
    }

    /// A new token from the JWT grant, bypassing the cache.
    public func requestJWTToken(for subject: BoxSubject) async throws(BoxAuthError) -> AccessToken {
        guard let signer else {
            throw BoxAuthError(.keyInvalid, "this client has no private key; JWT tokens need the app's key from config.json")
        }
        let config = self.config, options = self.options
        let response = try await tokenRequester.send(.jwt, subject: subject) { (now: Date) throws(BoxAuthError) -> [(String, String)] in
            // A fresh assertion per attempt: new random `jti`, `exp` = now + a random lifetime.
            let assertion = try signer.sign(clientID: config.clientID, subject: subject,
                                            now: Int64(now.timeIntervalSince1970.rounded(.down)),
                                            lifetime: options.assertionLifetime, audience: options.audience)
            return [("grant_type", BoxProtocol.GrantType.jwtBearer), ("assertion", assertion),
                    ("client_id", config.clientID), ("client_secret", config.clientSecret)]
        }
        return try AccessToken(responseBody: response.body, requestedAt: response.requestedAt)
    }

    // MARK: Client credentials grant

    /// A cached token from the client-credentials grant (no key needed; the app must have
    /// "Client Credentials Grant" enabled).
    public func clientCredentialsToken(for subject: BoxSubject) async throws(BoxAuthError) -> AccessToken {
        try await cached(.clientCredentials(subject)) { [self] () async throws(BoxAuthError) -> AccessToken in
            let config = self.config
            let response = try await tokenRequester.send(.clientCredentials, subject: subject) { (_: Date) throws(BoxAuthError) -> [(String, String)] in
                [("grant_type", BoxProtocol.GrantType.clientCredentials), ("client_id", config.clientID), ("client_secret", config.clientSecret),
                 ("box_subject_type", subject.typeName), ("box_subject_id", subject.id)]
            }
            return try AccessToken(responseBody: response.body, requestedAt: response.requestedAt)
        }
    }

    // MARK: Token exchange (down-scoping)

    /// Exchanges `token` for a down-scoped one, limited to `scopes` and optionally to one item
    /// (`resource`, a full API URL such as `https://api.box.com/2.0/folders/123`) or one shared
    /// link. This is the token to hand to Box UI Elements. Give at most one of `resource` and
    /// `sharedLink`. For annotator tokens, pass `actorToken` (a JWT with `box_sub_type=external`).
    /// Not cached.
    public func exchange(_ token: String, scopes: [String], resource: URL? = nil, sharedLink: String? = nil,
                         actorToken: String? = nil) async throws(BoxAuthError) -> AccessToken {
        guard !scopes.isEmpty, scopes.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
            throw BoxAuthError(.invalidArgument, "give at least one scope, each without spaces (e.g. base_explorer item_preview)")
        }
        guard resource == nil || sharedLink == nil else {
            throw BoxAuthError(.invalidArgument, "give either a resource or a shared link, not both")
        }
        var form: [(String, String)] = [
            ("grant_type", BoxProtocol.GrantType.tokenExchange),
            ("subject_token", token),
            ("subject_token_type", BoxProtocol.TokenType.accessToken),
            ("scope", scopes.joined(separator: " ")),
        ]
        if let resource { form.append(("resource", resource.absoluteString)) }
        if let sharedLink { form.append(("box_shared_link", sharedLink)) }
        if let actorToken {
            form += [("actor_token", actorToken), ("actor_token_type", BoxProtocol.TokenType.idToken)]
        }
        let fixed = form
        let response = try await tokenRequester.send(.exchange) { (_: Date) throws(BoxAuthError) -> [(String, String)] in fixed }
        return try AccessToken(responseBody: response.body, requestedAt: response.requestedAt)
    }

    /// The URL of a folder for `exchange(resource:)`, under `apiRoot`.
    public func folderResource(_ id: String) -> URL { apiRoot.appendingPathComponent("folders/\(id)") }

    /// The URL of a file for `exchange(resource:)`, under `apiRoot`.
    public func fileResource(_ id: String) -> URL { apiRoot.appendingPathComponent("files/\(id)") }

    // MARK: Revocation and invalidation

    /// Revokes `token` at Box and drops it from the cache, and from the shared store, if this
    /// client cached it.
    public func revoke(_ token: String) async throws(BoxAuthError) {
        // Dropped first, whatever Box answers: a token being revoked is never handed out again.
        for (key, dropped) in cache.invalidate(tokenValue: token) {
            await broker?.remove(dropped, key: namespace.key(key.grant, key.subject))
        }
        let config = self.config
        _ = try await revokeRequester.send(.revoke) { (_: Date) throws(BoxAuthError) -> [(String, String)] in
            [("client_id", config.clientID), ("client_secret", config.clientSecret), ("token", token)]
        }
    }

    /// Forgets this process's cached token of `subject`, so the next call reads the shared
    /// store or fetches anew. To drop a token Box refused from the shared store too, use
    /// `invalidate(_:refused:)` (`send` does this on a 401).
    public func invalidate(_ subject: BoxSubject) {
        cache.invalidate(.jwt(subject))
        cache.invalidate(.clientCredentials(subject))
    }

    /// Forgets `token` of `subject` (Box answered 401 with it): in this process's cache and, when
    /// the shared store still holds this very token, in the store. A newer token another caller
    /// has put meanwhile is left in place. Store failures are reported to the observer.
    public func invalidate(_ subject: BoxSubject, refused token: AccessToken) async {
        cache.invalidate(tokenValue: token.value)
        guard let broker else { return }
        await broker.remove(token, key: namespace.key(.jwt, subject))
        await broker.remove(token, key: namespace.key(.clientCredentials, subject))
    }

    /// Forgets every cached token.
    public func invalidateAll() { cache.invalidateAll() }

    /// How many token requests the cache has started (for diagnostics and tests).
    public var tokenFetchCount: Int { cache.fetchCount }

    // MARK: API helpers

    /// The header that makes a call with a service-account token act as another user. The app
    /// needs "Perform Actions as Users"; the service account's own ID is refused by Box.
    public static func asUserHeader(_ userID: String) -> (name: String, value: String) { (BoxProtocol.asUserHeader, userID) }

    /// The root of API paths: `options.apiBaseURL` with `/2.0` added, as Box's SDKs do with
    /// their `baseUrl`, unless its path already ends in `/2.0`.
    public var apiRoot: URL { Self.apiRoot(options.apiBaseURL) }

    static func apiRoot(_ base: URL) -> URL {
        let version = BoxProtocol.apiVersionPath
        return base.path.split(separator: "/").last.map(String.init) == version ? base : base.appendingPathComponent(version)
    }

    /// A request to `path` under `apiRoot` (e.g. `folders/0`: `https://api.box.com/2.0/folders/0`)
    /// with the bearer token and, optionally, `As-User`.
    public func apiRequest(_ path: String, token: AccessToken, asUser: String? = nil) -> URLRequest {
        var request = URLRequest(url: apiRoot.appendingPathComponent(path))
        request.setValue("Bearer \(token.value)", forHTTPHeaderField: "Authorization")
        if let asUser {
            let h = Self.asUserHeader(asUser)
            request.setValue(h.value, forHTTPHeaderField: h.name)
        }
        return request
    }

    /// Sends an API request (e.g. from `apiRequest`) under the client's rules and returns the
    /// body and response: https unless loopback (`insecure_url`), at most
    /// `options.maxRedirects` redirects (`too_many_redirects`) with `Authorization` and `As-User`
    /// removed as soon as the origin differs from the request's, and a body of at most
    /// `options.maxResponseBytes` (`response_too_large`). Any status is returned; connection
    /// failures are `network_error`. No retries, no token refresh.
    public func perform(_ request: URLRequest) async throws(BoxAuthError) -> (body: Data, response: HTTPURLResponse) {
        do {
            let result = try await transport.send(request, redirects: .follow(max: options.maxRedirects),
                                                  maxResponseBytes: options.maxResponseBytes)
            return (result.body, result.response)
        } catch {
            switch error {
            case .refused(let refusal): throw refusal
            case .cancelled: throw BoxAuthError(.cancelled, "the request was cancelled")
            case .network(let code):
                let origin = request.url.map(URLPolicy.origin) ?? "the API"
                throw BoxAuthError(.networkError, "cannot reach \(origin)" + (code.map { " (URLError \($0))" } ?? "") + "; check the network and --api-url")
            }
        }
    }
}
