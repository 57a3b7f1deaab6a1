import TestSupport
import XCTest
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PureCrypto
import PureJWT
@testable import BoxAuth
@testable import BoxEmulator

/// The client against the emulator over real loopback HTTP: no URLProtocol mocks, no stubs.
final class BoxClientEmulatorTests: XCTestCase {
    /// The 2048-bit vector key, built from its numbers (independent of the key-file parsers).
    static let key: RSAPrivateKey = {
        let k = try! Vectors.object("generated/keys/rsa2048/key_numbers.json")
        func h(_ name: String) -> [UInt8] { hexBytes(k[name] as! String) }
        return try! RSAPrivateKey(n: h("n"), e: [1, 0, 1], d: h("d"), p: h("p"), q: h("q"), dP: h("dp"), dQ: h("dq"), qInv: h("qi"))
    }()

    let secret = "emulator-client-secret+/="
    var emulator: BoxEmulator!
    var base: String!

    func makeEmulator(userTokens: Bool = true, lifetime: Int64 = 3600) throws {
        let alice = EmulatedUser(id: "1001", name: "Alice", login: "alice@example.com",
                                 rootItems: [EmulatedItem(.folder, id: "11", name: "Projects"), EmulatedItem(.file, id: "12", name: "notes.txt")])
        let bob = EmulatedUser(id: "1002", name: "Bob", login: "bob@example.com")
        let app = EmulatedApp(clientID: "cid123", clientSecret: secret,
                              publicKeys: ["kid1": try .rsa(Self.key.publicKey, algorithms: [.rs256, .rs384, .rs512], keyID: "kid1")],
                              userTokensEnabled: userTokens)
        var configuration = BoxEmulator.Configuration(enterpriseID: "8675309",
                                                      serviceAccount: EmulatedUser(id: "9000", name: "Service Account", login: "sa@boxdevedition.com"),
                                                      users: [alice, bob], apps: [app])
        configuration.tokenLifetime = lifetime
        emulator = BoxEmulator(configuration)
        base = try emulator.start()
        addTeardownBlock { [emulator] in emulator?.stop() }
    }

    func makeClient(secret: String? = nil, configure: (inout BoxAuthOptions) -> Void = { _ in }) throws -> BoxAuthClient {
        let config = BoxConfig(clientID: "cid123", clientSecret: secret ?? self.secret, publicKeyID: "kid1",
                               privateKeyPEM: "(not used: the key is passed in)", passphrase: "pp-secret", enterpriseID: "8675309")
        var options = BoxAuthOptions()
        options.authBaseURL = URL(string: base)!
        options.apiBaseURL = URL(string: base + "/2.0")!
        options.retryPolicy = RetryPolicy(maxAttempts: 5, initialBackoff: .milliseconds(20), maxBackoff: .seconds(2), deadline: .seconds(30))
        configure(&options)
        return try BoxAuthClient(config: config, privateKey: Self.key, options: options)
    }

    /// The BoxAuthError a call fails with, or nil when it succeeds.
    func failure(_ body: () async throws -> Void) async -> BoxAuthError? {
        do {
            try await body()
            return nil
        } catch {
            guard let e = error as? BoxAuthError else {
                XCTFail("unexpected error type: \(error)")
                return BoxAuthError(.invalidArgument, "unexpected error type")
            }
            return e
        }
    }

    func get(_ client: BoxAuthClient, _ path: String, _ token: AccessToken, asUser: String? = nil) async throws -> (Int, [String: Any]) {
        let (data, response) = try await URLSession.shared.data(for: client.apiRequest(path, token: token, asUser: asUser))
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return ((response as! HTTPURLResponse).statusCode, json)
    }

    static func names(_ folder: [String: Any]) -> [String] {
        ((folder["item_collection"] as? [String: Any])?["entries"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
    }

    func testServiceAccountUserTokenAndAsUserRootFolders() async throws {
        try makeEmulator()
        let client = try makeClient()
        let admin = try await client.serviceAccountToken()
        let alice = try await client.userToken(userID: "1001")
        XCTAssertNotEqual(admin.value, alice.value)

        let (s1, own) = try await get(client, "folders/0", admin)
        XCTAssertEqual(s1, 200)
        XCTAssertEqual(Self.names(own), [], "the service account's own root is empty")
        let (s2, asUserToken) = try await get(client, "folders/0", alice)
        XCTAssertEqual(s2, 200)
        XCTAssertEqual(Self.names(asUserToken), ["Projects", "notes.txt"])
        XCTAssertEqual((asUserToken["owned_by"] as? [String: Any])?["id"] as? String, "1001")
        let (s3, viaHeader) = try await get(client, "folders/0", admin, asUser: "1001")
        XCTAssertEqual(s3, 200)
        XCTAssertEqual(Self.names(viaHeader), ["Projects", "notes.txt"])
        let (s4, me) = try await get(client, "users/me", alice)
        XCTAssertEqual(s4, 200)
        XCTAssertEqual(me["login"] as? String, "alice@example.com")
        // As-User naming the service account itself, or with a user token, is refused.
        let (s5, _) = try await get(client, "folders/0", admin, asUser: "9000")
        XCTAssertEqual(s5, 400)
        let (s6, _) = try await get(client, "folders/0", alice, asUser: "1002")
        XCTAssertEqual(s6, 403)
    }

    func testEveryAlgorithmAndTheClientCredentialsGrant() async throws {
        try makeEmulator()
        for alg in [JWSAlgorithm.rs256, .rs384, .rs512] {
            let client = try makeClient { $0.algorithm = alg }
            _ = try await client.userToken(userID: "1002")
        }
        let client = try makeClient()
        let ccg = try await client.clientCredentialsToken(for: .user("1001"))
        let (status, folder) = try await get(client, "folders/0", ccg)
        XCTAssertEqual(status, 200)
        XCTAssertEqual(Self.names(folder), ["Projects", "notes.txt"])
        do {
            guard let error = await failure({ _ = try await makeClient(secret: "wrong").clientCredentialsToken(for: .enterprise("8675309")) }) else { return XCTFail("wrong credentials accepted") }
            XCTAssertEqual(error.boxError, "invalid_grant")
            XCTAssertEqual(error.boxErrorDescription, "Grant credentials are invalid")
        }
    }

    func testDownScopedTokenIsRefusedOutsideItsScope() async throws {
        try makeEmulator()
        let client = try makeClient()
        let alice = try await client.userToken(userID: "1001")
        let explorer = try await client.exchange(alice.value, scopes: ["base_explorer", "item_preview"], resource: client.folderResource("0"))
        XCTAssertEqual(explorer.restrictedTo.map(\.scope), ["base_explorer", "item_preview"])
        XCTAssertEqual(explorer.restrictedTo.first?.objectID, "0")
        let (ok, folder) = try await get(client, "folders/0", explorer)
        XCTAssertEqual(ok, 200)
        XCTAssertEqual(Self.names(folder), ["Projects", "notes.txt"])
        let (me, _) = try await get(client, "users/me", explorer)
        XCTAssertEqual(me, 403, "a UI Elements token cannot read the user")

        let otherFolder = try await client.exchange(alice.value, scopes: ["item_preview"], resource: client.folderResource("11"))
        let (outside, body) = try await get(client, "folders/0", otherFolder)
        XCTAssertEqual(outside, 403)
        XCTAssertEqual(body["code"] as? String, "insufficient_scope")
        let uploadOnly = try await client.exchange(alice.value, scopes: ["item_upload"])
        let (noRead, _) = try await get(client, "folders/0", uploadOnly)
        XCTAssertEqual(noRead, 403)
        // Annotator tokens carry an actor token; shared links are the other restriction.
        _ = try await client.exchange(alice.value, scopes: ["item_preview"], sharedLink: "https://app.box.com/s/abc", actorToken: "actor.jwt.value")
        do {
            guard let error = await failure({ _ = try await client.exchange(alice.value, scopes: ["item_preview"], resource: client.folderResource("0"), sharedLink: "https://app.box.com/s/abc") }) else { return XCTFail("both resource and shared link accepted") }
            XCTAssertEqual(error.code, .invalidArgument)
        }
    }

    func testRevokedTokenNoLongerWorks() async throws {
        try makeEmulator()
        let client = try makeClient()
        let token = try await client.userToken(userID: "1001")
        try await client.revoke(token.value)
        let (status, _) = try await get(client, "folders/0", token)
        XCTAssertEqual(status, 401)
    }

    /// Finding 15: `revoke` drops the revoked token from the cache, so the next `userToken`
    /// fetches a new one instead of handing back the revoked token; other subjects keep theirs.
    func testRevokeClearsTheCachedToken() async throws {
        try makeEmulator()
        let client = try makeClient()
        let revoked = try await client.userToken(userID: "1001")
        let other = try await client.userToken(userID: "1002")
        XCTAssertEqual(client.tokenFetchCount, 2)
        try await client.revoke(revoked.value)
        let next = try await client.userToken(userID: "1001")
        XCTAssertNotEqual(next.value, revoked.value, "the revoked token came back from the cache")
        XCTAssertEqual(client.tokenFetchCount, 3)
        let (status, _) = try await get(client, "folders/0", next)
        XCTAssertEqual(status, 200)
        let kept = try await client.userToken(userID: "1002")
        XCTAssertEqual(kept.value, other.value)
        XCTAssertEqual(client.tokenFetchCount, 3)
    }

    func testUserTokensDisabledAndUnknownUsersSurfaceBoxErrors() async throws {
        try makeEmulator(userTokens: false)
        let client = try makeClient()
        do {
            guard let error = await failure({ _ = try await client.userToken(userID: "1001") }) else { return XCTFail("user token issued although disabled") }
            XCTAssertEqual(error.code, .requestRejected)
            XCTAssertEqual(error.boxError, "invalid_request")
            XCTAssertEqual(error.boxErrorDescription, "Cannot obtain user token based on the enterprise configuration for your app")
            XCTAssertTrue(error.reason.contains("Generate user access tokens"), error.reason)
        }
        do {
            guard let error = await failure({ _ = try await client.token(for: .user("4040")) }) else { return XCTFail("unknown user accepted") }
            XCTAssertEqual(error.boxErrorDescription, "Please check the 'sub' claim. The 'sub' specified is invalid.")
        }
        XCTAssertEqual(emulator.tokenRequestCount, 2, "rejections are not retried")
    }

    func testEveryFaultEndsInTheExpectedOutcomeAndNoJTIRepeats() async throws {
        try makeEmulator()
        // 429 twice, then success: the Retry-After waits are honoured.
        emulator.injectFaults([.rateLimited(retryAfterSeconds: 1), .rateLimited(retryAfterSeconds: 1)])
        let start = ContinuousClock.now
        _ = try await makeClient().userToken(userID: "1001")
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - start, .milliseconds(1900))
        XCTAssertEqual(emulator.tokenRequestCount, 3)
        // 5xx, a dropped connection and a slow answer are retried.
        emulator.injectFaults([.serverError(status: 503), .dropConnection, .serverError(status: 500), .slow(milliseconds: 200)])
        _ = try await makeClient().userToken(userID: "1002")
        XCTAssertEqual(emulator.tokenRequestCount, 7)
        // Malformed JSON on a 200 is a clear error, not a crash or a retry loop.
        emulator.injectFaults([.malformedJSON])
        do {
            guard let error = await failure({ _ = try await makeClient().serviceAccountToken() }) else { return XCTFail("malformed body accepted") }
            XCTAssertEqual(error.code, .responseInvalid)
        }
        // Attempts are capped.
        emulator.injectFaults(Array(repeating: .serverError(status: 502), count: 6))
        do {
            guard let error = await failure({ _ = try await makeClient { $0.retryPolicy = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(10)) }.serviceAccountToken() }) else { return XCTFail("expected the cap") }
            XCTAssertEqual(error.code, .serverError)
            XCTAssertEqual(error.httpStatus, 502)
        }
        let jtis = emulator.receivedJTIs
        XCTAssertEqual(Set(jtis).count, jtis.count, "a jti was sent twice")
        XCTAssertTrue(jtis.allSatisfy { $0.count == 86 }, "64 random bytes in base64url")
    }

    func testClockSkewOfFiveMinutesEitherWayIsRecovered() async throws {
        try makeEmulator()
        for skew: Int64 in [300, -300] {
            emulator.setClockSkew(seconds: skew)
            let before = emulator.tokenRequestCount
            let client = try makeClient()
            _ = try await client.userToken(userID: "1001")
            XCTAssertEqual(emulator.tokenRequestCount - before, 2, "skew \(skew): one rejection, one retry on the server's clock")
        }
    }

    func testThousandConcurrentCallersMakeOneRequest() async throws {
        try makeEmulator()
        let client = try makeClient()
        let values = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<1000 { group.addTask { try await client.userToken(userID: "1001").value } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        XCTAssertEqual(values.count, 1)
        XCTAssertEqual(emulator.tokenRequestCount, 1)
    }

    func testErrorsNeverContainSecrets() async throws {
        try makeEmulator()
        let wrong = try makeClient(secret: "wrong-secret-value")
        var assertions: [String] = []
        do {
            guard let error = await failure({ _ = try await wrong.userToken(userID: "1001") }) else { return XCTFail("wrong secret accepted") }
            XCTAssertEqual(error.boxError, "invalid_client")
            let text = "\(error) \(error.reason) \(String(reflecting: error))"
            let keyPEMish = Base64.encode(Self.key.numbers.d!)
            for s in ["wrong-secret-value", secret, "pp-secret", keyPEMish] { XCTAssertFalse(text.contains(s), "leaked \(s.prefix(8))…") }
            assertions.append(contentsOf: emulator.receivedJTIs)
            for jti in assertions { XCTAssertFalse(text.contains(jti)) }
            XCTAssertFalse(text.contains("eyJ"), "an assertion or token leaked into the error")
        }
        XCTAssertFalse("\(wrong.config)".contains("wrong-secret-value"))
    }
}
