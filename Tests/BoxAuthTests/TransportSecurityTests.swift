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

/// Findings 2, 3 and 11 against the emulator and a second loopback server playing "another
/// host": plain http refused unless loopback or opted in; no redirect followed from the token,
/// revoke and exchange endpoints; API redirects followed without credentials across origins;
/// responses capped; the server-Date correction bounded.
final class TransportSecurityTests: XCTestCase {
    let secret = "transport-client-secret"
    var emulator: BoxEmulator!
    var base: String!

    /// Requests the "other host" received, with their headers.
    final class Recorder: @unchecked Sendable {
        let lock = NSLock()
        var requests: [HTTPRequest] = []
        func add(_ r: HTTPRequest) { lock.lock(); requests.append(r); lock.unlock() }
        var all: [HTTPRequest] { lock.lock(); defer { lock.unlock() }; return requests }
    }

    /// A loopback server on another port (so another origin) that records every request and
    /// answers a token response, as a hostile host would.
    func otherHost() throws -> (Recorder, String) {
        let recorder = Recorder()
        let server = HTTPServer { request in
            recorder.add(request)
            return .respond(.json(200, #"{"access_token":"token-from-another-host","expires_in":3600,"token_type":"bearer"}"#))
        }
        let port = try server.start()
        addTeardownBlock { server.stop() }
        return (recorder, "http://127.0.0.1:\(port)")
    }

    func makeEmulator() throws {
        let alice = EmulatedUser(id: "1001", name: "Alice", login: "alice@example.com",
                                 rootItems: [EmulatedItem(.folder, id: "11", name: "Projects")])
        let app = EmulatedApp(clientID: "cid123", clientSecret: secret,
                              publicKeys: ["kid1": try .rsa(BoxClientEmulatorTests.key.publicKey, algorithms: [.rs256], keyID: "kid1")])
        emulator = BoxEmulator(BoxEmulator.Configuration(enterpriseID: "8675309",
                                                         serviceAccount: EmulatedUser(id: "9000", name: "SA", login: "sa@boxdevedition.com"),
                                                         users: [alice], apps: [app]))
        base = try emulator.start()
        addTeardownBlock { [emulator] in emulator?.stop() }
    }

    func makeClient(auth: String? = nil, api: String? = nil, configure: (inout BoxAuthOptions) -> Void = { _ in }) throws -> BoxAuthClient {
        let config = BoxConfig(clientID: "cid123", clientSecret: secret, publicKeyID: "kid1",
                               privateKeyPEM: "(not used)", passphrase: nil, enterpriseID: "8675309")
        var options = BoxAuthOptions()
        options.authBaseURL = URL(string: auth ?? base)!
        options.apiBaseURL = URL(string: api ?? (auth ?? base) + "/2.0")!
        options.retryPolicy = RetryPolicy(maxAttempts: 2, initialBackoff: .milliseconds(10), maxBackoff: .milliseconds(50), deadline: .seconds(20))
        configure(&options)
        return try BoxAuthClient(config: config, privateKey: BoxClientEmulatorTests.key, options: options)
    }

    func failure(_ body: () async throws -> Void) async -> BoxAuthError? {
        do { try await body(); return nil } catch { return error as? BoxAuthError ?? BoxAuthError(.invalidArgument, "\(error)") }
    }

    // MARK: Finding 2: https only, unless loopback or opted in

    func testPlainHTTPIsRefusedUnlessLoopbackOrOptedIn() throws {
        for url in ["http://api.box.com", "http://127.0.0.1.nip.io", "http://localhost.example.com", "http://0177.0.0.1",
                    "http://2130706433", "http://128.0.0.1", "http://[::2]", "http://[::ffff:10.0.0.1]", "ftp://127.0.0.1",
                    "http://127.0.0.01", "http://10.0.0.1:8080"] {
            XCTAssertThrowsError(try makeClient(auth: url), url) {
                XCTAssertEqual(($0 as? BoxAuthError)?.code, .insecureURL, "\(url): \($0)")
            }
            XCTAssertThrowsError(try makeClient(auth: "https://api.box.com", api: url + "/2.0"), "API \(url)") {
                XCTAssertEqual(($0 as? BoxAuthError)?.code, .insecureURL, "API \(url): \($0)")
            }
        }
        for url in ["http://127.0.0.1:1", "http://127.9.8.7", "http://[::1]:8080", "http://[0:0:0:0:0:0:0:1]", "http://localhost:1",
                    "http://LOCALHOST.", "http://[::ffff:127.0.0.1]", "https://api.box.com", "https://10.0.0.1"] {
            XCTAssertNoThrow(try makeClient(auth: url), url)
        }
        // The explicit opt-in, for test setups on a trusted network.
        XCTAssertNoThrow(try makeClient(auth: "http://api.box.com") { $0.insecureAllowPlainHTTP = true })
    }

    // MARK: Finding 3: no redirects from token, revoke, exchange; no credentials across origins

    func testTokenRevokeAndExchangeNeverFollowRedirects() async throws {
        try makeEmulator()
        let (recorder, other) = try otherHost()
        let client = try makeClient()
        let location = other + "/oauth2/token?stolen=QUERY-SECRET#frag"
        for status in [301, 302, 303, 307, 308] {
            emulator.injectFaults([.redirect(status: status, location: location)])
            let error = await failure { _ = try await client.requestJWTToken(for: .enterprise("8675309")) }
            XCTAssertEqual(error?.code, .redirectRefused, "token, HTTP \(status): \(String(describing: error))")
            XCTAssertEqual(error?.httpStatus, status)
            let text = "\(String(describing: error))"
            XCTAssertTrue(text.contains("HTTP \(status)") && text.contains(other), text)
            XCTAssertFalse(text.contains("QUERY-SECRET") || text.contains("stolen") || text.contains("/oauth2/token?"), text)
        }
        emulator.injectFaults([.redirect(status: 307, location: location)], on: .revoke)
        let revoked = await failure { try await client.revoke("some-token") }
        XCTAssertEqual(revoked?.code, .redirectRefused, "revoke: \(String(describing: revoked))")
        let token = try await client.serviceAccountToken()
        emulator.injectFaults([.redirect(status: 307, location: location)])
        let exchanged = await failure { _ = try await client.exchange(token.value, scopes: ["item_preview"]) }
        XCTAssertEqual(exchanged?.code, .redirectRefused, "exchange: \(String(describing: exchanged))")
        // Nothing, secret or token, reached the other host.
        XCTAssertEqual(recorder.all.count, 0)
    }

    func testAPIRedirectsDropCredentialsAcrossOrigins() async throws {
        try makeEmulator()
        let (recorder, other) = try otherHost()
        let client = try makeClient()
        let token = try await client.serviceAccountToken()
        // Another origin: followed, without Authorization or As-User.
        emulator.injectFaults([.redirect(status: 302, location: other + "/content?x=1")], on: .api)
        let (_, response) = try await client.perform(client.apiRequest("folders/0", token: token, asUser: "1001"))
        XCTAssertEqual(response.statusCode, 200)
        XCTAssertEqual(recorder.all.count, 1)
        XCTAssertNil(recorder.all.first?.header("Authorization"), "the bearer token crossed origins")
        XCTAssertNil(recorder.all.first?.header("As-User"))
        // The same origin: followed with the credentials (the emulator needs them to answer).
        emulator.injectFaults([.redirect(status: 307, location: base + "/2.0/folders/0")], on: .api)
        let (body, same) = try await client.perform(client.apiRequest("folders/0", token: token, asUser: "1001"))
        XCTAssertEqual(same.statusCode, 200, String(decoding: body, as: UTF8.self))
        XCTAssertTrue(String(decoding: body, as: UTF8.self).contains("Projects"))
        // A loop ends at the limit.
        emulator.injectFaults(Array(repeating: .redirect(status: 302, location: base + "/2.0/folders/0"), count: 12), on: .api)
        let looped = await failure { _ = try await client.perform(client.apiRequest("folders/0", token: token)) }
        XCTAssertEqual(looped?.code, .tooManyRedirects, "\(String(describing: looped))")
    }

    // MARK: Finding 11: responses capped, strict JSON, bounded clock correction

    func testHugeResponsesAreRefused() async throws {
        try makeEmulator()
        let client = try makeClient()
        // A 200 MB Content-Length: refused from the header.
        let declared = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 209715200\r\n\r\n{\"access_token\":\"".utf8)
            + [UInt8](repeating: 0x61, count: 4096)
        emulator.injectFaults([.raw(declared)])
        let big = await failure { _ = try await client.requestJWTToken(for: .enterprise("8675309")) }
        XCTAssertEqual(big?.code, .responseTooLarge, "\(String(describing: big))")
        // No Content-Length, a body that runs on until the connection closes: cut at the cap.
        let endless = Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n".utf8)
            + [UInt8](repeating: 0x20, count: 3 << 20)
        emulator.injectFaults([.raw(endless)])
        let long = await failure { _ = try await client.requestJWTToken(for: .enterprise("8675309")) }
        XCTAssertEqual(long?.code, .responseTooLarge, "\(String(describing: long))")
        // The cap is a setting, and inclusive.
        let small = try makeClient { $0.maxResponseBytes = 64 }
        let exact = #"{"access_token":"t","expires_in":3600,"token_type":"bearer"}"#
        let padded = exact + String(repeating: " ", count: 64 - exact.utf8.count)
        func framed(_ body: String) -> [UInt8] { Array("HTTP/1.1 200 OK\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8) }
        emulator.injectFaults([.raw(framed(padded))])
        let fits = try await small.requestJWTToken(for: .enterprise("8675309"))
        XCTAssertEqual(fits.value, "t")
        emulator.injectFaults([.raw(framed(padded + " "))])
        let over = await failure { _ = try await small.requestJWTToken(for: .enterprise("8675309")) }
        XCTAssertEqual(over?.code, .responseTooLarge)
        // Duplicate members: the strict parser refuses the answer.
        emulator.injectFaults([.raw(framed(#"{"access_token":"a","access_token":"b","expires_in":3600}"#))])
        let duplicate = await failure { _ = try await client.requestJWTToken(for: .enterprise("8675309")) }
        XCTAssertEqual(duplicate?.code, .responseInvalid)
    }

    func testServerDateCorrectionIsBounded() async throws {
        try makeEmulator()
        let client = try makeClient { $0.retryPolicy = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(10), deadline: .seconds(20)) }
        // Five minutes off: corrected from Box's Date, as before.
        emulator.setClockSkew(seconds: 300)
        _ = try await client.requestJWTToken(for: .enterprise("8675309"))
        // An hour off: beyond the ten-minute bound, the server's clock is not applied.
        emulator.setClockSkew(seconds: 3600)
        let error = await failure { _ = try await client.requestJWTToken(for: .enterprise("8675309")) }
        XCTAssertEqual(error?.code, .requestRejected, "\(String(describing: error))")
        XCTAssertTrue(error?.reason.contains("maxClockCorrection") == true, "\(String(describing: error))")
        // Raised for a setup that needs it.
        let lenient = try makeClient { $0.maxClockCorrection = 7200 }
        _ = try await lenient.requestJWTToken(for: .enterprise("8675309"))
    }

    func testLoopbackHostRecognition() {
        for host in ["127.0.0.1", "127.255.255.254", "localhost", "LocalHost", "localhost.", "::1", "[::1]", "0::1",
                     "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "[::ffff:127.1.2.3]"] {
            XCTAssertTrue(URLPolicy.isLoopback(host: host), host)
        }
        for host in ["127.0.0.1.example", "localhost.localdomain", "sub.localhost", "0177.0.0.1", "127.1", "2130706433",
                     "127.0.0.256", "::2", "::", "::1%lo", "::ffff:128.0.0.1", "", "12.7.0.0.1", "1::1", "[::1",
                     "+::1", "::+1", "cc:+c::+c:+0"] {
            XCTAssertFalse(URLPolicy.isLoopback(host: host), host)
        }
        // Found by the url-policy fuzz target against inet_pton: a '+' before a group, an
        // embedded IPv4 address before '::'.
        for text in ["::+1", "+1::", "cc:+c::+c:+0", "1.0.0.0::ff1", "1.2.3.4::"] {
            XCTAssertNil(URLPolicy.ipv6(Substring(text)), text)
        }
        XCTAssertEqual(URLPolicy.ipv6("::ffff:1.2.3.4"), [UInt8](repeating: 0, count: 10) + [0xFF, 0xFF, 1, 2, 3, 4])
    }
}

/// Finding 6: server text reaching an error is scrubbed of every secret the client knows (as
/// sent and form-encoded) and of token-shaped strings, escaped and cut.
final class ServerTextTests: XCTestCase {
    func testSecretsTokensAndControlsAreRemoved() {
        let secret = "s3cr3t+/=client", pass = "correct horse battery"
        let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJjbGllbnQtaWQiLCJzdWIiOiIxMDAxIn0.c2lnbmF0dXJlLWJ5dGVzLWhlcmUtYW5kLW1vcmU"
        let token = "T9s8d7f6g5h4j3k2l1z0x9c8v7b6n5m4"
        let text = "echo: client_secret=s3cr3t%2B%2F%3Dclient&assertion=\(jwt) pass=\(pass) bearer \(token)\n\u{1B}[31mforged"
        let out = ServerText.scrubbed(text, secrets: [secret, pass])
        for leaked in [secret, "s3cr3t%2B%2F%3Dclient", jwt, "eyJ", pass, token] {
            XCTAssertFalse(out.contains(leaked), "\(leaked) in \(out)")
        }
        XCTAssertFalse(out.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, out)
        XCTAssertTrue(out.contains("\\u{1B}") && out.contains("\\u{A}"), out)
        XCTAssertLessThanOrEqual(ServerText.scrubbed(String(repeating: "word ", count: 1000), secrets: []).utf8.count, ServerText.maxBytes + 3)
        // Ordinary prose and Box's messages survive.
        let box = "Please check the 'exp' claim. The 'exp' value exceeds the maximum value of 60 seconds beyond the issue time."
        XCTAssertEqual(ServerText.scrubbed(box, secrets: [secret]), box)
        XCTAssertEqual(ServerText.scrubbed("see https://developer.box.com/guides/authentication/jwt/", secrets: []),
                       "see https://developer.box.com/guides/authentication/jwt/")
    }
}
