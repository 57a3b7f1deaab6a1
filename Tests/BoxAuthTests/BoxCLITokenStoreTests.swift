import TestSupport
import XCTest
import Foundation
import BoxAuth
@testable import BoxEmulator

/// `purejwt box token --token-store` as a fleet runs it: separate `purejwt` processes sharing a
/// store (a real redis-server on loopback, or a directory) against the emulator, whose grant
/// count is what the store must hold down; and `--verbose`, the client's events on stderr.
final class BoxCLITokenStoreTests: XCTestCase {
    var site: BoxFleetSite!
    var purejwt: URL!

    override func setUpWithError() throws {
        purejwt = try ProcessRunner.purejwt()
        site = try BoxFleetSite("cli-store")
    }

    override func tearDown() {
        site?.stop()
    }

    /// `purejwt box token -u 1001` against the emulator, with `--token-store store` when given.
    private func token(store: String?, _ extra: [String] = [], environment: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.run(purejwt, ["box", "token", "-u", "1001", "--config", site.config.path, "--auth-url", site.fleet.base]
                                + (store.map { ["--token-store", $0] } ?? []) + extra, environment: environment)
    }

    private func assertError(_ r: ProcessResult, status: Int32, code: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, "\(what): \(r.stderrText)", file: file, line: line)
        XCTAssertTrue(r.stderrText.hasPrefix("purejwt: error[\(code)]: "), "\(what): \(r.stderrText)", file: file, line: line)
        XCTAssertEqual(r.stderrText.filter { $0 == "\n" }.count, 1, "\(what): one line", file: file, line: line)
        XCTAssertEqual(r.stdout, [], "\(what)", file: file, line: line)
    }

    /// The issue's acceptance test: eight `purejwt box token` processes at once through one
    /// Redis store get one token, and the emulator sees one grant.
    func testEightProcessesAtOnceThroughRedisMakeOneGrant() throws {
        let redis = try RedisServer()
        let results = Locked([ProcessResult?](repeating: nil, count: 8))
        let purejwt = self.purejwt!
        let arguments = ["box", "token", "-u", "1001", "--config", site.config.path, "--auth-url", site.fleet.base, "--token-store", redis.url]
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let r = try? ProcessRunner.run(purejwt, arguments)
            results.withLock { $0[i] = r }
        }
        let all = results.withLock { $0 }
        for (i, r) in all.enumerated() {
            XCTAssertEqual(r?.status, 0, "process \(i): \(r?.stderrText ?? "did not run")")
        }
        XCTAssertEqual(Set(all.compactMap { $0?.stdoutText }).count, 1, "eight processes, one token")
        XCTAssertEqual(site.fleet.emulator.jwtGrantCount, 1, "the emulator saw exactly one JWT grant")
    }

    /// A second process, and one given the store by `PUREJWT_TOKEN_STORE`, read the token the
    /// first one stored: no second grant. Through Redis and through a directory.
    func testLaterProcessesReuseTheStoredToken() throws {
        let redis = try RedisServer()
        for store in [redis.url, "file:" + site.directory.appendingPathComponent("tokens").path] {
            let before = site.fleet.emulator.jwtGrantCount
            let first = try token(store: store)
            XCTAssertEqual(first.status, 0, "\(store): \(first.stderrText)")
            let second = try token(store: store, ["--verbose"])
            XCTAssertEqual(second.status, 0, "\(store): \(second.stderrText)")
            let fromEnvironment = try token(store: nil, environment: ["PUREJWT_TOKEN_STORE": store])
            XCTAssertEqual(fromEnvironment.status, 0, "\(store): \(fromEnvironment.stderrText)")
            XCTAssertEqual(Set([first.stdoutText, second.stdoutText, fromEnvironment.stdoutText]).count, 1, store)
            XCTAssertEqual(site.fleet.emulator.jwtGrantCount, before + 1, "\(store): one grant for three processes")
            XCTAssertTrue(second.stderrText.split(separator: "\n").contains { $0.hasPrefix("purejwt: store hit: ") }, "\(store): \(second.stderrText)")
        }
        // Without a store, each process makes its own grant.
        let before = site.fleet.emulator.jwtGrantCount
        XCTAssertEqual(try token(store: nil).status, 0)
        XCTAssertEqual(site.fleet.emulator.jwtGrantCount, before + 1)
    }

    /// `--verbose`: one event a line on stderr, never the token or a secret; with Redis down
    /// the token still comes (fetched directly) and the store error is among the events.
    func testVerbosePrintsEventsAndNoSecrets() throws {
        let r = try token(store: nil, ["--verbose"])
        XCTAssertEqual(r.status, 0, r.stderrText)
        let lines = r.stderrText.split(separator: "\n")
        XCTAssertFalse(lines.isEmpty)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("purejwt: ") }, r.stderrText)
        XCTAssertTrue(lines.contains { $0.hasPrefix("purejwt: grant requested: jwt for ") }, r.stderrText)
        let token = r.stdoutText.trimmingCharacters(in: .newlines)
        XCTAssertFalse(token.isEmpty)
        for secret in [token, BoxFleet.secret, "PRIVATE KEY"] {
            XCTAssertFalse(r.stderrText.contains(secret), "stderr shows a secret: \(r.stderrText)")
        }
        XCTAssertEqual(try self.token(store: nil).stderr, [], "nothing on stderr without --verbose")

        let closed = try RedisServer.freeLoopbackPort()
        let down = try self.token(store: "redis://127.0.0.1:\(closed)", ["--verbose"])
        XCTAssertEqual(down.status, 0, down.stderrText)
        XCTAssertFalse(down.stdoutText.isEmpty)
        XCTAssertTrue(down.stderrText.split(separator: "\n").contains { $0.hasPrefix("purejwt: store error: ") }, down.stderrText)
    }

    /// A store value that is not `file:DIR` or a valid redis URL is `token_store_url_invalid`
    /// (exit status 2) and is never echoed; an unsafe directory is the store's own code.
    func testBadStoreURLsAreRefusedWithTheirCode() throws {
        for spec in ["memcached://127.0.0.1:11211", "file:", "redis://:hunter2pass@127.0.0.1:99999", "rediss://127.0.0.1:6379",
                     "redis://127.0.0.1:6379/notadb", "redis://", "127.0.0.1:6379"] {
            let r = try token(store: spec)
            assertError(r, status: 2, code: "token_store_url_invalid", spec)
            XCTAssertFalse(r.stderrText.contains("hunter2pass"), r.stderrText)
        }
        let fromEnvironment = try token(store: nil, environment: ["PUREJWT_TOKEN_STORE": "memcached://x"])
        assertError(fromEnvironment, status: 2, code: "token_store_url_invalid", "PUREJWT_TOKEN_STORE")
        XCTAssertTrue(fromEnvironment.stderrText.contains("PUREJWT_TOKEN_STORE"), fromEnvironment.stderrText)

        let open = site.directory.appendingPathComponent("open")
        try FileManager.default.createDirectory(at: open, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: open.path)
        assertError(try token(store: "file:" + open.path), status: 1, code: "token_store_invalid", "a world-writable directory")
        XCTAssertEqual(site.fleet.emulator.jwtGrantCount, 0, "no grant when the store is refused")
    }
}
