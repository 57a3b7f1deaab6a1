import TestSupport
import XCTest
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The `box` verbs as a user runs them, against the emulator on loopback.
final class BoxVerbTests: XCTestCase {
    var purejwt: URL!
    var base: String!
    var cfg: String!

    override func setUpWithError() throws {
        purejwt = try ProcessRunner.purejwt()
        let fixture = try EmulatorFixture(self)
        (base, cfg) = (fixture.base, fixture.configPath)
    }

    private func box(_ args: [String]) throws -> ProcessResult {
        try ProcessRunner.run(purejwt, ["box"] + args + ["--auth-url", base])
    }

    func testTokenRootFolderAsUserAndJSON() throws {
        let sa = try box(["token", "--config", cfg])
        XCTAssertEqual(sa.status, 0, sa.stderrText)
        XCTAssertEqual(sa.stdoutText.filter { $0 == "\n" }.count, 1)
        XCTAssertGreaterThan(sa.stdoutText.count, 20)

        let json = try box(["token", "--config", cfg, "--user-id", "1001", "--json"])
        XCTAssertEqual(json.status, 0, json.stderrText)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout)) as! [String: Any]
        XCTAssertNotNil(object["access_token"] as? String)
        XCTAssertGreaterThan(object["expires_in"] as! Int, 3000)

        for args in [["--user-id", "1001"], ["--as-user", "1001"]] {
            let r = try box(["root-folder", "--config", cfg] + args)
            XCTAssertEqual(r.status, 0, r.stderrText)
            XCTAssertEqual(r.stdoutText, "folder 0 of Alice (user 1001): 1 item\nfolder\t11\tProjects\n", "\(args)")
        }
        let own = try box(["root-folder", "--config", cfg])
        XCTAssertEqual(own.stdoutText, "folder 0 of Service Account (user 9000): 0 items\n")
    }

    /// root-folder goes through the client's send: a revoked token still in the shared store gets
    /// 401 from the API, is replaced once, and the call succeeds (a direct GET printed HTTP 401).
    func testRootFolderReplacesARevokedStoredToken() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-rf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: store) }
        let storeArgs = ["--token-store", "file:" + store.path]
        let stored = try box(["token", "--config", cfg, "-u", "1001"] + storeArgs)
        XCTAssertEqual(stored.status, 0, stored.stderrText)
        let token = stored.stdoutText.trimmingCharacters(in: .newlines)
        // Revoked by a process that does not use the store, so the store keeps the dead token.
        let revoked = try ProcessRunner.run(purejwt, ["box", "revoke", "--config", cfg, "--auth-url", base, "--", token])
        XCTAssertEqual(revoked.status, 0, revoked.stderrText)
        XCTAssertEqual(try status(of: token), 401)

        let r = try box(["root-folder", "--config", cfg, "-u", "1001", "--verbose"] + storeArgs)
        XCTAssertEqual(r.status, 0, r.stderrText)
        XCTAssertEqual(r.stdoutText, "folder 0 of Alice (user 1001): 1 item\nfolder\t11\tProjects\n")
        XCTAssertTrue(r.stderrText.contains("store hit"), r.stderrText)
        XCTAssertFalse(r.stderrText.contains(token), "the token appeared on stderr")
    }

    func testExchangeAndRevoke() throws {
        let r = try box(["exchange", "--config", cfg, "--user-id", "1001", "--scope", "base_explorer item_preview", "--folder-id", "0", "--json"])
        XCTAssertEqual(r.status, 0, r.stderrText)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout)) as! [String: Any]
        let restricted = object["restricted_to"] as! [[String: Any]]
        XCTAssertEqual(restricted.map { $0["scope"] as! String }, ["base_explorer", "item_preview"])
        XCTAssertEqual((restricted[0]["object"] as! [String: Any])["id"] as? String, "0")

        let token = try box(["token", "--config", cfg, "--user-id", "1001"]).stdoutText.trimmingCharacters(in: .newlines)
        XCTAssertEqual(try status(of: token), 200)
        // A random token may begin with '-': '--' ends the options, as Docs/CLI.md says.
        let revoked = try ProcessRunner.run(purejwt, ["box", "revoke", "--config", cfg, "--auth-url", base, "--", token])
        XCTAssertEqual(revoked.status, 0, revoked.stderrText)
        XCTAssertEqual(revoked.stdoutText, "")
        XCTAssertEqual(try status(of: token), 401)
    }

    func testErrorsAreOneLineWithCodesAndNoSecrets() throws {
        let missing = try box(["token", "--config", "/nonexistent/config.json"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderrText.hasPrefix("purejwt: error[config_unreadable]: "), missing.stderrText)
        let unknown = try box(["token", "--config", cfg, "--user-id", "4040"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderrText.hasPrefix("purejwt: error[box_request_rejected]: "), unknown.stderrText)
        XCTAssertTrue(unknown.stderrText.contains("Please check the 'sub' claim."), unknown.stderrText)
        XCTAssertEqual(unknown.stderrText.filter { $0 == "\n" }.count, 1)
        XCTAssertFalse(unknown.stderrText.contains("cli-secret"))
        let both = try box(["exchange", "--config", cfg, "--scope", "item_preview", "--folder-id", "1", "--file-id", "2"])
        XCTAssertEqual(both.status, 2)
    }

    func status(of token: String) throws -> Int {
        var request = URLRequest(url: URL(string: base + "/2.0/users/me")!)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var code = 0
        URLSession.shared.dataTask(with: request) { _, response, _ in
            code = (response as? HTTPURLResponse)?.statusCode ?? 0
            done.signal()
        }.resume()
        done.wait()
        return code
    }
}
