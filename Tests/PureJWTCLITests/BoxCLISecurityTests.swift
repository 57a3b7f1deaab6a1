import TestSupport
import XCTest
import Foundation
@testable import BoxEmulator
import PureCrypto
import PureKeys
import PureJWT

/// The `box` verbs against the emulator and a second loopback server playing "another host":
/// the security findings as a user of the command line meets them (issue 13).
final class BoxCLISecurityTests: XCTestCase {
    var purejwt: URL!
    var emulator: BoxEmulator!
    var base: String!
    let clientSecret = "cli-security-client-secret"

    var configPath: String!

    override func setUpWithError() throws {
        purejwt = try ProcessRunner.purejwt()
        let fixture = try EmulatorFixture(self, clientSecret: clientSecret)
        (emulator, base, configPath) = (fixture.emulator, fixture.base, fixture.configPath)
    }

    func run(_ args: [String], stdin: [UInt8] = [], environment: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.run(purejwt, args, stdin: stdin, environment: environment)
    }

    func assertError(_ result: ProcessResult, _ code: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 1, "\(what): \(result.stderrText)", file: file, line: line)
        XCTAssertTrue(result.stderrText.hasPrefix("purejwt: error[\(code)]: "), "\(what): \(result.stderrText)", file: file, line: line)
        XCTAssertEqual(result.stderrText.filter { $0 == "\n" }.count, 1, "\(what): one line: \(result.stderrText)", file: file, line: line)
    }

    /// Requests the other host received.
    final class Recorder: @unchecked Sendable {
        let lock = NSLock()
        var requests: [HTTPRequest] = []
        func add(_ r: HTTPRequest) { lock.lock(); requests.append(r); lock.unlock() }
        var all: [HTTPRequest] { lock.lock(); defer { lock.unlock() }; return requests }
    }

    func otherHost(answer: String = #"{"access_token":"token-from-another-host","expires_in":3600}"#) throws -> (Recorder, String) {
        let recorder = Recorder()
        let server = HTTPServer { request in
            recorder.add(request)
            return .respond(.json(200, answer))
        }
        let port = try server.start()
        addTeardownBlock { server.stop() }
        return (recorder, "http://127.0.0.1:\(port)")
    }

    /// Finding 2: an http auth or API URL to a host that is not loopback is refused before any
    /// request (the review's `box token --auth-url http://api.box.com`).
    func testPlainHTTPURLsAreRefused() throws {
        let cfg = configPath!
        for (option, url) in [("--auth-url", "http://api.box.com"), ("--api-url", "http://api.box.com/2.0"), ("--auth-url", "http://10.1.2.3:8080")] {
            var args = ["box", "token", "--config", cfg, option, url]
            if option == "--api-url" { args += ["--auth-url", base] }
            assertError(try run(args), "insecure_url", "\(option) \(url)")
        }
        // Loopback http (the emulator) needs no opt-in.
        XCTAssertEqual(try run(["box", "token", "--config", cfg, "--auth-url", base]).status, 0)
        XCTAssertEqual(try run(["box", "token", "--config", cfg, "--auth-url", base, "--insecure-http"]).status, 0)
    }

    /// Finding 3: a redirect from the token endpoint is an error naming the status and the
    /// Location's origin (not its query); a 302 from the API to another host is followed
    /// without the bearer token, and that host's body is not printed as Box's.
    func testRedirectsNeverCarrySecretsOrTokensElsewhere() throws {
        let cfg = configPath!
        let (recorder, other) = try otherHost()
        emulator.injectFaults([.redirect(status: 307, location: other + "/oauth2/token?leak=QUERY-SECRET")])
        let token = try run(["box", "token", "--config", cfg, "--auth-url", base])
        assertError(token, "redirect_refused", "token endpoint 307")
        XCTAssertTrue(token.stderrText.contains("HTTP 307") && token.stderrText.contains(other), token.stderrText)
        XCTAssertFalse(token.stderrText.contains("QUERY-SECRET"), token.stderrText)
        XCTAssertFalse(token.stdoutText.contains("token-from-another-host"))
        XCTAssertEqual(recorder.all.count, 0, "the client secret and assertion went to the other host")

        emulator.injectFaults([.redirect(status: 302, location: other + "/2.0/folders/0")], on: .api)
        let folder = try run(["box", "root-folder", "--config", cfg, "--auth-url", base, "--as-user", "1001"])
        XCTAssertEqual(recorder.all.count, 1)
        XCTAssertNil(recorder.all.first?.header("Authorization"), "the bearer token crossed origins")
        XCTAssertNil(recorder.all.first?.header("As-User"))
        _ = folder
    }

    /// Finding 6 for Box: a token endpoint that echoes the request in its error (form body,
    /// headers, ANSI escapes) gets one escaped stderr line without the client secret (as sent or
    /// form-encoded) or the signed assertion.
    func testServerTextIsScrubbedAndEscaped() throws {
        let echo = HTTPServer { request in
            let body = String(decoding: request.body, as: UTF8.self)
            let text = "bad request\n\u{1B}[31mpurejwt: error[ok]: token accepted\n got \(body) auth \(request.header("Authorization") ?? "")"
            var object = JSONObject()
            object["error"] = "invalid_client\u{1B}[0m"
            object["error_description"] = .string(text)
            return .respond(.json(400, JSONValue.object(object).jsonText))
        }
        let port = try echo.start()
        addTeardownBlock { echo.stop() }
        let result = try run(["box", "token", "--config", configPath!, "--auth-url", "http://127.0.0.1:\(port)"])
        assertError(result, "box_request_rejected", "echoing server")
        let err = result.stderrText
        XCTAssertFalse(result.stderr.contains(0x1B), err)
        XCTAssertFalse(err.contains(clientSecret) || err.contains("cli-security-client-secret"), err)
        XCTAssertFalse(err.contains("eyJ"), "an assertion (JWT) reached stderr: \(err)")
        XCTAssertTrue(err.contains("\\u{1B}") && err.contains("[redacted]"), err)
        XCTAssertFalse(err.contains("\npurejwt: error[ok]"), err)
    }

    /// Finding 10 for Box: `box revoke` and `box exchange` take the token from a file, stdin or
    /// the environment.
    func testTokensWithoutArgv() throws {
        let cfg = configPath!
        func token() throws -> String {
            let r = try run(["box", "token", "--config", cfg, "--auth-url", base, "--user-id", "1001"])
            XCTAssertEqual(r.status, 0, r.stderrText)
            return r.stdoutText.trimmingCharacters(in: .newlines)
        }
        let first = try token()
        let exchanged = try run(["box", "exchange", "--config", cfg, "--auth-url", base, "--token-env", "PUREJWT_TEST_TOKEN",
                                 "--scope", "item_preview"], environment: ["PUREJWT_TEST_TOKEN": first])
        XCTAssertEqual(exchanged.status, 0, exchanged.stderrText)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        try Data((first + "\n").utf8).write(to: file)
        addTeardownBlock { try? FileManager.default.removeItem(at: file) }
        XCTAssertEqual(try run(["box", "revoke", "--config", cfg, "--auth-url", base, "--token-file", file.path]).status, 0)
        XCTAssertEqual(try run(["box", "revoke", "--config", cfg, "--auth-url", base, "--token-file", "-"], stdin: Array(try token().utf8)).status, 0)
        XCTAssertEqual(try run(["box", "revoke", "--config", cfg, "--auth-url", base, "--token-env", "PUREJWT_TEST_TOKEN"],
                               environment: ["PUREJWT_TEST_TOKEN": try token()]).status, 0)
        XCTAssertEqual(try run(["box", "revoke", "--config", cfg, "--auth-url", base]).status, 2, "no token at all")
        // The revoked token no longer works at the API.
        let reply = emulator.handle(HTTPRequest(method: "GET", target: "/2.0/users/me", version: "HTTP/1.1",
                                                headers: [HTTPHeader("Authorization", "Bearer \(first)")], body: []))
        guard case .respond(let response) = reply else { return XCTFail("no answer") }
        XCTAssertEqual(response.status, 401)
    }

    /// Finding 14: the emulator's accept loop ended for good on EMFILE. Run with 48 descriptors
    /// and flooded with 100 connections, it backs off and keeps serving once they close.
    func testEmulatorSurvivesRunningOutOfDescriptors() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("emfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -n 48 && exec \"$0\" box emulator --config-out \"$1\"", purejwt.path, dir.appendingPathComponent("config.json").path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        var text = ""
        while !text.contains("\n") {
            let data = out.fileHandleForReading.availableData
            guard !data.isEmpty else { break }
            text += String(decoding: data, as: UTF8.self)
        }
        let port = try XCTUnwrap(text.components(separatedBy: "http://127.0.0.1:").dropFirst().first
            .flatMap { UInt16($0.prefix { $0.isNumber }) }, "no port in: \(text)")
        XCTAssertEqual(LoopbackSocket.get(port, path: "/2.0/users/me"), "HTTP/1.1 401 Unauthorized")
        let flood = (0..<100).map { _ in LoopbackSocket.connect(port) }
        usleep(500_000)  // let the server take what it can and run into EMFILE
        for fd in flood where fd >= 0 { close(fd) }
        XCTAssertEqual(LoopbackSocket.get(port, path: "/2.0/users/me"), "HTTP/1.1 401 Unauthorized",
                       "the emulator stopped serving after running out of descriptors")
    }
}
