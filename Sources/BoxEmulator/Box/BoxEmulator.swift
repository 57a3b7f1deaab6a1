// A local stand-in for Box's auth and API endpoints, for tests, demos and benchmarks. It
// validates requests the way Box does (BOX.md) and answers with Box's error bodies and texts.
//
// Routes: POST /oauth2/token (JWT bearer, client credentials, token exchange), POST
// /oauth2/revoke, GET /2.0/users/me, /2.0/folders/ID, /2.0/folders/ID/items and /2.0/files/ID.
// Every response carries a `Date` header from the emulator's clock, which tests may skew.

import BoxAuth
import BoxJWT
import PureCrypto
import PureKeys
import PureJWT

package final class BoxEmulator: Sendable {
    package struct Configuration: Sendable {
        package var enterpriseID: String
        /// The service account: the user enterprise tokens act as.
        package var serviceAccount: EmulatedUser
        package var users: [EmulatedUser]
        package var apps: [EmulatedApp]
        /// `expires_in` of issued tokens.
        package var tokenLifetime: Int64 = 3600
        /// The audience assertions must name.
        package var audience = BoxProtocol.assertionAudience
        /// Seconds since 1970, before `clockSkew` is added.
        package var clock: @Sendable () -> Int64 = UnixClock.now

        package init(enterpriseID: String, serviceAccount: EmulatedUser, users: [EmulatedUser], apps: [EmulatedApp]) {
            self.enterpriseID = enterpriseID
            self.serviceAccount = serviceAccount
            self.users = users
            self.apps = apps
        }
    }

    let configuration: Configuration
    let state = Locked(State())
    private let server: Locked<HTTPServer?> = Locked(nil)

    struct State {
        /// Issued tokens by their bytes (a `String` key would match canonically equivalent text).
        var tokens: [[UInt8]: IssuedToken] = [:]
        var usedJTIs: Set<String> = []
        var faults: [EmulatedFault] = []
        /// Faults for the revoke and API routes (the token route's are `faults`).
        var routeFaults: [EmulatedRoute: [EmulatedFault]] = [:]
        var clockSkew: Int64 = 0
        var tokenRequests = 0
        var assertionJTIs: [String] = []
        /// Every this many token requests, one is answered with `serverErrorStatus`.
        var serverErrorEvery: Int? = nil
        var serverErrorStatus = 503
        var sinceServerError = 0
        /// JWT grants answered with a token, per subject.
        var jwtGrants: [BoxSubject: Int] = [:]
        /// `http://127.0.0.1:PORT` while serving: a down-scoping resource may name it.
        var origin: String?
    }

    /// The OAuth endpoints, at the paths Box serves them.
    static let tokenRoute = "/" + BoxProtocol.tokenPath
    static let revokeRoute = "/" + BoxProtocol.revokePath

    package init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    // MARK: Control, for tests

    /// Faults to apply, in order, to the next requests to /oauth2/token.
    package func injectFaults(_ faults: [EmulatedFault]) { state.withLock { $0.faults += faults } }

    /// Faults to apply, in order, to the next requests to `route`.
    package func injectFaults(_ faults: [EmulatedFault], on route: EmulatedRoute) {
        if route == .token { injectFaults(faults); return }
        state.withLock { $0.routeFaults[route, default: []] += faults }
    }

    /// The next fault injected for `route`, if any.
    private func nextFault(_ route: EmulatedRoute) -> EmulatedFault? {
        state.withLock { s in
            guard var list = s.routeFaults[route], !list.isEmpty else { return nil }
            let first = list.removeFirst()
            s.routeFaults[route] = list
            return first
        }
    }

    /// The reply a fault makes, or nil for `nil`/`slow` (answered normally).
    private func reply(_ fault: EmulatedFault?, now: Int64) -> HTTPServerReply? {
        switch fault {
        case .rateLimited(let seconds)?:
            return .respond(BoxResponses.json(429, [:], date: now, extraHeaders: [HTTPHeader("Retry-After", String(seconds))]))
        case .serverError(let status)?:
            return .respond(HTTPResponse(status: status, headers: [HTTPHeader("Date", HTTPDate.format(now))], body: Array("upstream failure".utf8)))
        case .dropConnection?:
            return .dropConnection
        case .malformedJSON?:
            return .respond(HTTPResponse(status: 200, headers: [HTTPHeader("Content-Type", "application/json")], body: Array("{\"access_token\": ".utf8)))
        case .redirect(let status, let location)?:
            return .respond(HTTPResponse(status: status, headers: [HTTPHeader("Location", location), HTTPHeader("Date", HTTPDate.format(now))]))
        case .raw(let bytes)?:
            return .raw(bytes)
        case .slow?, nil:
            return nil
        }
    }

    /// Answers one in every `n` of the following requests to /oauth2/token with HTTP `status`
    /// (the `n`th, `2n`th, …), after any injected faults; nil stops. For a fleet under a
    /// partly failing Box: every grant still succeeds on a retry.
    package func failTokenRequests(every n: Int?, status: Int = 503) {
        state.withLock { s in
            s.serverErrorEvery = n.map { max(1, $0) }
            s.serverErrorStatus = status
            s.sinceServerError = 0
        }
    }

    /// JWT grants answered with a token, per subject (requests hit by a fault not counted).
    package var jwtGrants: [BoxSubject: Int] { state.withLock { $0.jwtGrants } }

    /// JWT grants answered with a token, all subjects.
    package var jwtGrantCount: Int { state.withLock { $0.jwtGrants.values.reduce(0, +) } }

    /// Counts a JWT grant answered with a token.
    func countJWTGrant(_ subject: BoxSubject) { state.withLock { $0.jwtGrants[subject, default: 0] += 1 } }

    /// Moves the emulator's clock (and its `Date` header) by this many seconds.
    package func setClockSkew(seconds: Int64) { state.withLock { $0.clockSkew = seconds } }

    /// Requests that reached /oauth2/token, faults included.
    package var tokenRequestCount: Int { state.withLock { $0.tokenRequests } }

    /// The `jti` of every assertion received, in order: valid or not, answered or hit by a fault.
    package var receivedJTIs: [String] { state.withLock { $0.assertionJTIs } }

    /// The emulator's current time (seconds since 1970), skew included.
    package var now: Int64 { configuration.clock() + state.withLock { $0.clockSkew } }

    // MARK: Serving

    /// Starts listening on 127.0.0.1 (port 0 picks a free one) and returns the base URL text,
    /// e.g. `http://127.0.0.1:49152`.
    @discardableResult
    package func start(port: UInt16 = 0) throws(HTTPServerError) -> String {
        let server = HTTPServer(port: port) { [self] request in handle(request) }
        let bound = try server.start()
        self.server.withLock { $0 = server }
        let origin = "http://127.0.0.1:\(bound)"
        state.withLock { $0.origin = origin }
        return origin
    }

    package func stop() {
        server.withLock { $0?.stop(); $0 = nil }
    }

    deinit { stop() }

    /// Answers one request (also usable without a socket, e.g. from a fuzzer).
    package func handle(_ request: HTTPRequest) -> HTTPServerReply {
        let now = self.now
        switch (request.method, request.path) {
        case ("POST", Self.tokenRoute):
            let jti = Self.assertionJTI(request.body)
            let fault: EmulatedFault? = state.withLock { s in
                s.tokenRequests += 1
                if let jti { s.assertionJTIs.append(jti) }
                if !s.faults.isEmpty { return s.faults.removeFirst() }
                guard let every = s.serverErrorEvery else { return nil }
                s.sinceServerError += 1
                guard s.sinceServerError >= every else { return nil }
                s.sinceServerError = 0
                return .serverError(status: s.serverErrorStatus)
            }
            if case .slow(let ms)? = fault { return .respondAfter(milliseconds: ms, token(request, now: now)) }
            return reply(fault, now: now) ?? .respond(token(request, now: now))
        case ("POST", Self.revokeRoute):
            return reply(nextFault(.revoke), now: now) ?? .respond(revoke(request, now: now))
        case (_, Self.tokenRoute), (_, Self.revokeRoute):
            return .respond(BoxResponses.apiError(405, code: "method_not_allowed", message: "Method Not Allowed", date: now))
        default:
            if request.path.hasPrefix("/2.0/"), let fault = reply(nextFault(.api), now: now) { return fault }
            return .respond(api(request, now: now) ?? BoxResponses.apiError(404, code: "not_found", message: "Not Found", date: now))
        }
    }

    func app(_ clientID: String?, _ secret: String?) -> EmulatedApp? {
        guard let clientID, let secret else { return nil }
        return configuration.apps.first { $0.clientID.utf8Equals(clientID) && constantTimeEqual(Array($0.clientSecret.utf8), Array(secret.utf8)) }
    }

    func user(_ id: String) -> EmulatedUser? {
        if id.utf8Equals(configuration.serviceAccount.id) { return configuration.serviceAccount }
        return configuration.users.first { $0.id.utf8Equals(id) }
    }

    /// 24 random bytes as base64url: what an access token looks like here.
    func newTokenValue() -> String { Base64URL.encode(SecureRandom.bytes(count: 24)) }
}
