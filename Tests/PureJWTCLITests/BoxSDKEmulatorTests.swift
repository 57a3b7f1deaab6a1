import TestSupport
import XCTest
import Foundation

/// Box's official Python SDK, `box-sdk-gen` (pinned in Tests/BoxSDK/requirements.txt), as a
/// client of `purejwt box emulator`: service-account and user tokens through its JWT auth with
/// the config.json the emulator writes, folder items as the user and through As-User, a folder
/// and a file, down-scoping (and its refusals) and revocation (Tests/BoxSDK/box_sdk_gen_check.py).
///
/// The SDK lives in a virtual environment: `PUREJWT_BOX_SDK_VENV` names it (.ci/run creates
/// `.build-venv` and sets it), else `.build-venv` at the repository root is used when present.
/// With neither, the test fails when `CI` is set and is skipped otherwise, saying how to make one.
final class BoxSDKEmulatorTests: XCTestCase {
    /// The checks the script prints, in order: a script that stops early or skips one fails here.
    static let expectedChecks = [
        "ok service-account token",
        "ok service-account root folder",
        "ok folder items through As-User",
        "ok user token, folder items, folder and file",
        "ok down-scoped token",
        "ok down-scoping refused outside the user's reach",
        "ok revoke",
    ]

    static let setup = "python3 -m venv .build-venv && .build-venv/bin/pip install -r Tests/BoxSDK/requirements.txt"

    /// The virtual environment's python, or a failure (CI) or skip (elsewhere) that says why.
    private func python() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let venv = environment["PUREJWT_BOX_SDK_VENV"] {
            let python = URL(fileURLWithPath: venv).appendingPathComponent("bin/python")
            guard FileManager.default.isExecutableFile(atPath: python.path) else {
                throw ProcessRunnerError("PUREJWT_BOX_SDK_VENV=\(venv) has no bin/python: create it with \(Self.setup)")
            }
            return python
        }
        let local = Repository.url(".build-venv/bin/python")
        if FileManager.default.isExecutableFile(atPath: local.path) { return local }
        if environment["CI"] != nil {
            throw ProcessRunnerError("CI is set but there is no Box SDK virtual environment: .ci/run sets PUREJWT_BOX_SDK_VENV after \(Self.setup)")
        }
        throw XCTSkip("Box's Python SDK is not installed: \(Self.setup) (or run .ci/run)")
    }

    /// Starts `purejwt box emulator` writing `config`, and returns its base URL once it listens.
    private func startEmulator(config: URL) throws -> String {
        let output = config.deletingLastPathComponent().appendingPathComponent("emulator.out")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = try ProcessRunner.purejwt()
        process.arguments = ["box", "emulator", "--config-out", config.path]
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        try process.run()
        addTeardownBlock {
            process.terminate()
            process.waitUntilExit()
        }
        // It generates an RSA key first: allow for a slow debug build on a loaded machine.
        let deadline = Date().addingTimeInterval(180)
        while Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Box emulator listening on ") }) {
                return String(line.dropFirst("Box emulator listening on ".count))
            }
            Thread.sleep(forTimeInterval: 0.2)
        }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        throw ProcessRunnerError("purejwt box emulator did not start listening (running: \(process.isRunning)): \(text)")
    }

    func testBoxPythonSDKAgainstTheEmulator() throws {
        let python = try python()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("box-sdk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("config.json")
        let base = try startEmulator(config: config)
        let result = try ProcessRunner.run(python, [Repository.url("Tests/BoxSDK/box_sdk_gen_check.py").path, base, config.path])
        XCTAssertEqual(result.status, 0, "box_sdk_gen_check.py failed:\n\(result.stdoutText)\(result.stderrText)")
        XCTAssertEqual(result.stdoutText.split(separator: "\n").map(String.init), Self.expectedChecks, result.stderrText)
    }
}
