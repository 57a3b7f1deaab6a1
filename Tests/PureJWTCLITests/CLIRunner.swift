import Foundation

/// Finds the built `purejwt` binary and runs it (or an oracle such as openssl) as a process.
enum CLIRunner {
    /// The `purejwt` executable built next to the test bundle, in whichever configuration
    /// (debug or release) the tests were built: the products directory holds both the test
    /// bundle and the executables. `PUREJWT_BINARY` overrides the search.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        if let override = ProcessInfo.processInfo.environment["PUREJWT_BINARY"] {
            candidates.append(URL(fileURLWithPath: override))
        }
        let testBundle = Bundle(for: BundleLocator.self).bundleURL
        candidates.append(testBundle.deletingLastPathComponent().appendingPathComponent("purejwt"))  // macOS: X.xctest bundle
        candidates.append(testBundle.appendingPathComponent("purejwt"))                             // Linux: bundleURL is the directory
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("purejwt"))
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("purejwt"))
        }
        for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) {
            return url
        }
        throw CLITestError("purejwt binary not found (looked at \(candidates.map(\.path))); build it with "
                           + "`swift build --build-tests`, or set PUREJWT_BINARY")
    }

    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// Runs `executable` with `arguments`, feeding `stdin`; stdin and stderr go through files
    /// (no pipe-buffer deadlock, no threads), stdout through a pipe read to the end.
    static func run(_ executable: URL, _ arguments: [String], stdin: [UInt8] = [],
                    environment: [String: String]? = nil) throws -> Result {
        let dir = FileManager.default.temporaryDirectory
        let inURL = dir.appendingPathComponent("cli-in-\(UUID().uuidString)")
        let errURL = dir.appendingPathComponent("cli-err-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: inURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        try Data(stdin).write(to: inURL)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let outPipe = Pipe()
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = outPipe
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let out = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: [UInt8](out),
                      stderr: [UInt8](try Data(contentsOf: errURL)))
    }

    /// Runs a tool found on PATH (openssl, python3): an oracle for tests only.
    static func oracle(_ tool: String, _ arguments: [String], stdin: [UInt8] = []) throws -> Result {
        try run(URL(fileURLWithPath: "/usr/bin/env"), [tool] + arguments, stdin: stdin)
    }
}

private final class BundleLocator {}

struct CLITestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Lowercase hex, for keys passed on the command line (test side, independent of the product).
func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}
