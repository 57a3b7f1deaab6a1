import Foundation
import TestSupport
import XCTest

/// Exit statuses, the one-line error format, and `--help` of the `purejwt` binary.
final class CLIUsageTests: XCTestCase {
    private var binary: URL!

    override func setUpWithError() throws {
        binary = try ProcessRunner.purejwt()
    }

    /// Asserts the run failed with `status`, printed nothing on stdout, and exactly one stderr
    /// line `purejwt: error[code]: message`.
    private func assertError(_ arguments: [String], stdin: [UInt8] = [], status: Int32, code: String,
                             file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try ProcessRunner.run(binary, arguments, stdin: stdin)
        let id = "purejwt \(arguments.joined(separator: " "))"
        XCTAssertEqual(r.status, status, "\(id): exit status; stderr: \(r.stderrText)", file: file, line: line)
        XCTAssertEqual(r.stdout, [], "\(id): stdout must be empty on error", file: file, line: line)
        let text = r.stderrText
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.count, 2, "\(id): exactly one line on stderr, got \(text.debugDescription)", file: file, line: line)
        XCTAssertTrue(text.hasPrefix("purejwt: error[\(code)]: "), "\(id): \(text.debugDescription)", file: file, line: line)
        let format = try NSRegularExpression(pattern: "^purejwt: error\\[[a-z0-9]+(_[a-z0-9]+)*\\]: \\S.*\\n$")
        XCTAssertNotNil(format.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
                        "\(id): error line format: \(text.debugDescription)", file: file, line: line)
    }

    func testTopLevelHelpListsEveryVerb() throws {
        for arguments in [["--help"], ["-h"], ["help"]] {
            let r = try ProcessRunner.run(binary, arguments)
            XCTAssertEqual(r.status, 0, "\(arguments)")
            XCTAssertEqual(r.stderr, [], "\(arguments)")
            XCTAssertTrue(r.stdoutText.hasPrefix("usage: purejwt"), "\(arguments): \(r.stdoutText)")
            for verb in ["hash", "hmac"] {
                XCTAssertTrue(r.stdoutText.contains("\n  \(verb) "), "\(arguments): help lists \(verb)")
            }
        }
    }

    func testEveryVerbHasHelp() throws {
        for verb in ["hash", "hmac"] {
            for arguments in [[verb, "--help"], [verb, "-h"], ["help", verb], [verb, "--alg", "sha256", "--help"]] {
                let r = try ProcessRunner.run(binary, arguments)
                let id = arguments.joined(separator: " ")
                XCTAssertEqual(r.status, 0, id)
                XCTAssertEqual(r.stderr, [], id)
                XCTAssertTrue(r.stdoutText.hasPrefix("usage: purejwt \(verb) "), "\(id): \(r.stdoutText)")
                XCTAssertTrue(r.stdoutText.contains("--alg"), id)
            }
        }
    }

    func testWrongUsageExitsWithStatus2() throws {
        try assertError([], status: 2, code: "missing_verb")
        try assertError(["frobnicate"], status: 2, code: "unknown_verb")
        try assertError(["--frobnicate"], status: 2, code: "unknown_option")
        try assertError(["help", "frobnicate"], status: 2, code: "unknown_verb")
        try assertError(["hash"], status: 2, code: "missing_option")
        try assertError(["hash", "--alg"], status: 2, code: "missing_option_value")
        try assertError(["hash", "--alg", "sha3"], status: 2, code: "invalid_option_value")
        try assertError(["hash", "--alg=whirlpool"], status: 2, code: "invalid_option_value")
        try assertError(["hash", "--alg", "sha256", "--alg", "sha256"], status: 2, code: "duplicate_option")
        try assertError(["hash", "--alg", "sha256", "--frob"], status: 2, code: "unknown_option")
        try assertError(["hash", "--alg", "sha256", "-x"], status: 2, code: "unknown_option")
        try assertError(["hash", "--alg", "sha256", "a", "b"], status: 2, code: "unexpected_argument")
        try assertError(["hmac", "--alg", "sha256"], status: 2, code: "missing_option")
        try assertError(["hmac", "--key-hex", "00"], status: 2, code: "missing_option")
        try assertError(["hmac", "--alg", "md5", "--key-hex", "00"], status: 2, code: "invalid_option_value")
    }

    func testRejectedInputExitsWithStatus1() throws {
        try assertError(["hmac", "--alg", "sha256", "--key-hex", "zz"], status: 1, code: "hex_invalid")
        try assertError(["hmac", "--alg", "sha256", "--key-hex", "abc"], status: 1, code: "hex_invalid")
        try assertError(["hmac", "--alg", "sha256", "--key-hex", "0x00"], status: 1, code: "hex_invalid")
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-missing-\(UUID().uuidString)").path
        try assertError(["hash", "--alg", "sha256", missing], status: 1, code: "input_unreadable")
        try assertError(["hmac", "--alg", "sha1", "--key-hex", "00", missing], status: 1, code: "input_unreadable")
        try assertError(["hash", "--alg", "sha256", FileManager.default.temporaryDirectory.path], status: 1, code: "input_unreadable")
    }

    func testKeyIsNeverEchoed() throws {
        // A secret-looking bad key must not appear in the error line.
        let secret = "00112233445566778899aabbccddeeffZZ"
        let r = try ProcessRunner.run(binary, ["hmac", "--alg", "sha256", "--key-hex", secret])
        XCTAssertEqual(r.status, 1)
        XCTAssertFalse(r.stderrText.contains("00112233"), r.stderrText)
        // Nor a misplaced one given as an extra positional.
        let extra = try ProcessRunner.run(binary, ["hmac", "--alg", "sha256", "--key-hex", "00", "file", secret])
        XCTAssertEqual(extra.status, 2)
        XCTAssertFalse(extra.stderrText.contains("00112233"), extra.stderrText)
    }
}
