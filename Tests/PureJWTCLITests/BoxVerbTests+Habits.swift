import TestSupport
import XCTest
import Foundation

/// What users of Box's own CLI (`box tokens:get -u ID`, `tokens:exchange a,b`, `tokens:revoke`)
/// expect of the `box` verbs, run as processes against the emulator.
extension BoxVerbTests {
    private func run(_ args: [String], stdin: [UInt8] = [], environment: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.run(purejwt, args, stdin: stdin, environment: environment)
    }

    private func assertError(_ r: ProcessResult, status: Int32, code: String, _ what: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, "\(what): \(r.stderrText)", file: file, line: line)
        XCTAssertTrue(r.stderrText.hasPrefix("purejwt: error[\(code)]: "), "\(what): \(r.stderrText)", file: file, line: line)
        XCTAssertEqual(r.stderrText.filter { $0 == "\n" }.count, 1, "\(what): one line", file: file, line: line)
        XCTAssertEqual(r.stdout, [], "\(what): nothing on stdout", file: file, line: line)
    }

    /// `-u ID` and `-uID` are `--user-id ID`: the root folder they list is Alice's.
    func testShortUserIDOption() throws {
        for spelling in [["-u", "1001"], ["-u1001"], ["--user-id", "1001"]] {
            let r = try run(["box", "root-folder", "--config", cfg, "--auth-url", base] + spelling)
            XCTAssertEqual(r.status, 0, "\(spelling): \(r.stderrText)")
            XCTAssertEqual(r.stdoutText, "folder 0 of Alice (user 1001): 1 item\nfolder\t11\tProjects\n", "\(spelling)")
        }
        let token = try run(["box", "token", "--config", cfg, "--auth-url", base, "-u", "1001", "--json"])
        XCTAssertEqual(token.status, 0, token.stderrText)
        assertError(try run(["box", "token", "--config", cfg, "-u", "1001", "--user-id", "1002"]), status: 2, code: "duplicate_option", "-u and --user-id")
        assertError(try run(["box", "token", "--config", cfg, "-u"]), status: 2, code: "missing_option_value", "-u without a value")
        // A short letter no option has: only '-x' is echoed, never what was glued to it.
        let unknown = try run(["box", "token", "--config", cfg, "-xsecret-looking-value"])
        assertError(unknown, status: 2, code: "unknown_option", "-x")
        XCTAssertFalse(unknown.stderrText.contains("secret-looking"), unknown.stderrText)
        let help = try run(["box", "token", "--help"])
        XCTAssertTrue(help.stdoutText.contains("\n  -u, --user-id ID "), help.stdoutText)
    }

    /// `--scope` takes commas, spaces, or both.
    func testScopeListsWithCommasOrSpaces() throws {
        for scope in ["base_explorer,item_preview", "base_explorer item_preview", "base_explorer, item_preview"] {
            let r = try run(["box", "exchange", "--config", cfg, "--auth-url", base, "-u", "1001", "--scope", scope, "--folder-id", "0", "--json"])
            XCTAssertEqual(r.status, 0, "\(scope): \(r.stderrText)")
            let object = try JSONSerialization.jsonObject(with: Data(r.stdout)) as! [String: Any]
            XCTAssertEqual((object["restricted_to"] as! [[String: Any]]).map { $0["scope"] as! String }, ["base_explorer", "item_preview"], scope)
        }
        assertError(try run(["box", "exchange", "--config", cfg, "--auth-url", base, "--scope", " , "]),
                    status: 2, code: "invalid_option_value", "an empty scope list")
    }

    /// Without `--config`, `PUREJWT_BOX_CONFIG` names the file; without either, a usage error
    /// that names both.
    func testConfigFromTheEnvironment() throws {
        let r = try run(["box", "root-folder", "--auth-url", base, "-u", "1001"], environment: ["PUREJWT_BOX_CONFIG": cfg])
        XCTAssertEqual(r.status, 0, r.stderrText)
        XCTAssertEqual(r.stdoutText, "folder 0 of Alice (user 1001): 1 item\nfolder\t11\tProjects\n")
        // --config wins over the variable.
        let both = try run(["box", "token", "--config", cfg, "--auth-url", base], environment: ["PUREJWT_BOX_CONFIG": "/nonexistent/config.json"])
        XCTAssertEqual(both.status, 0, both.stderrText)
        let neither = try run(["box", "token", "--auth-url", base], environment: ["PUREJWT_BOX_CONFIG": ""])
        assertError(neither, status: 2, code: "missing_option", "no config")
        XCTAssertTrue(neither.stderrText.contains("PUREJWT_BOX_CONFIG"), neither.stderrText)
        assertError(try run(["box", "token", "--auth-url", base], environment: ["PUREJWT_BOX_CONFIG": "/nonexistent/config.json"]),
                    status: 1, code: "config_unreadable", "a variable naming no file")
    }

    /// `box revoke` with no token option reads the token from stdin; an empty stdin is a usage error.
    func testRevokeReadsTheTokenFromStdin() throws {
        let token = try run(["box", "token", "--config", cfg, "--auth-url", base, "-u", "1001"]).stdoutText
        XCTAssertEqual(try status(of: token.trimmingCharacters(in: .newlines)), 200)
        let r = try run(["box", "revoke", "--config", cfg, "--auth-url", base], stdin: Array(token.utf8))
        XCTAssertEqual(r.status, 0, r.stderrText)
        XCTAssertEqual(r.stdoutText, "")
        XCTAssertEqual(try status(of: token.trimmingCharacters(in: .newlines)), 401)
        assertError(try run(["box", "revoke", "--config", cfg, "--auth-url", base], stdin: Array("\n".utf8)),
                    status: 2, code: "missing_argument", "empty stdin")
    }

    /// `purejwt box --help` (and `-h`, `help box`) lists the box verbs and exits 0; `purejwt box`
    /// alone is still a usage error that points there.
    func testBoxHelpListsTheBoxVerbs() throws {
        for args in [["box", "--help"], ["box", "-h"], ["help", "box"]] {
            let r = try run(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderrText)")
            XCTAssertEqual(r.stderr, [], "\(args)")
            XCTAssertTrue(r.stdoutText.hasPrefix("usage: purejwt box VERB"), "\(args): \(r.stdoutText)")
            for verb in ["token", "exchange", "revoke", "root-folder", "emulator"] {
                XCTAssertTrue(r.stdoutText.contains("\n  box \(verb) "), "\(args) lists box \(verb): \(r.stdoutText)")
            }
            XCTAssertFalse(r.stdoutText.contains("jwt sign"), "\(args): only the box verbs")
        }
        let bare = try run(["box"])
        assertError(bare, status: 2, code: "unknown_verb", "purejwt box")
        XCTAssertTrue(bare.stderrText.contains("'purejwt box --help'"), bare.stderrText)
    }
}
