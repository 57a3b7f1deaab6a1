import Foundation
import TestSupport
import XCTest

/// `purejwt` starts without Foundation: the `box` verbs run in `purejwt-box`, which `purejwt`
/// starts from its own folder with its own arguments.
final class CLIStartupTests: XCTestCase {
    private var binary: URL!
    private var scratch: URL!

    override func setUpWithError() throws {
        binary = try ProcessRunner.purejwt()
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-startup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// The shared objects the dynamic loader maps for `purejwt` (glibc's loader lists them and
    /// exits when LD_TRACE_LOADED_OBJECTS is set, which is what `ldd` does).
    func testPurejwtDoesNotLoadFoundation() throws {
        #if os(Linux)
        let r = try ProcessRunner.run(binary, ["hash", "--alg", "sha256"], environment: ["LD_TRACE_LOADED_OBJECTS": "1"])
        XCTAssertEqual(r.status, 0, r.stderrText)
        XCTAssertTrue(r.stdoutText.contains("libc.so"), "the loader's list should name libc: \(r.stdoutText)")
        for library in ["libFoundation", "libcurl"] {
            XCTAssertFalse(r.stdoutText.contains(library), "purejwt loads \(library):\n\(r.stdoutText)")
        }
        #else
        throw XCTSkip("reads the list of glibc's dynamic loader (Linux only)")
        #endif
    }

    /// A `purejwt` without `purejwt-box` beside it still parses, helps and refuses `box` command
    /// lines itself, and says what is missing when a `box` verb has to run.
    func testBoxVerbWithoutPurejwtBox() throws {
        let alone = scratch.appendingPathComponent("purejwt")
        try FileManager.default.copyItem(at: binary, to: alone)

        let help = try ProcessRunner.run(alone, ["box", "token", "--help"])
        XCTAssertEqual(help.status, 0, help.stderrText)
        XCTAssertTrue(help.stdoutText.hasPrefix("usage: purejwt box token "), help.stdoutText)

        let usage = try ProcessRunner.run(alone, ["box", "token", "--frobnicate"])
        XCTAssertEqual(usage.status, 2)
        XCTAssertTrue(usage.stderrText.hasPrefix("purejwt: error[unknown_option]: "), usage.stderrText)

        let missing = try ProcessRunner.run(alone, ["box", "token", "--config", "config.json"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stdout, [])
        XCTAssertTrue(missing.stderrText.hasPrefix("purejwt: error[box_tool_unavailable]: "), missing.stderrText)
        XCTAssertEqual(missing.stderrText.filter { $0 == "\n" }.count, 1, missing.stderrText)
    }

    /// `purejwt box ...` hands `purejwt-box` its command line word for word, and its exit status
    /// and output are the box tool's.
    func testBoxVerbRunsPurejwtBoxWithTheSameArguments() throws {
        let copy = scratch.appendingPathComponent("purejwt")
        try FileManager.default.copyItem(at: binary, to: copy)
        let standIn = scratch.appendingPathComponent("purejwt-box")
        try Data("#!/bin/sh\nprintf '%s\\n' \"$@\"\nexit 7\n".utf8).write(to: standIn)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: standIn.path)

        let arguments = ["box", "exchange", "--config", "a b.json", "--scope=item_preview base_explorer", "--"]
        let r = try ProcessRunner.run(copy, arguments)
        XCTAssertEqual(r.status, 7, r.stderrText)
        XCTAssertEqual(r.stdoutText, arguments.map { $0 + "\n" }.joined())
    }
}
