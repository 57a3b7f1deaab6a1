// The tests' one way to run a program: the built `purejwt`, or an oracle (openssl, python3).
// The product never runs these; only tests do.

import Foundation

/// What a finished process left: its exit status and everything it wrote.
package struct ProcessResult {
    package var status: Int32
    package var stdout: [UInt8]
    package var stderr: [UInt8]
    package var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    package var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs programs for tests. One policy for a program that is not there: a thrown
/// `ProcessRunnerError` that names it and says how to get it, so the test fails (it never skips,
/// and never mistakes a missing program for a failing one).
package enum ProcessRunner {
    /// Runs `executable` with `arguments`, `stdin` as its standard input, and `environment` added
    /// to this process's environment. Standard input, output and error go through files: no
    /// pipe-buffer deadlock, no threads.
    package static func run(_ executable: URL, _ arguments: [String], stdin: [UInt8] = [],
                            environment: [String: String] = [:]) throws -> ProcessResult {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ProcessRunnerError("\(executable.path) is not an executable file")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (inURL, outURL, errURL) = (dir.appendingPathComponent("in"), dir.appendingPathComponent("out"), dir.appendingPathComponent("err"))
        try Data(stdin).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return ProcessResult(status: process.terminationStatus, stdout: [UInt8](try Data(contentsOf: outURL)),
                             stderr: [UInt8](try Data(contentsOf: errURL)))
    }

    /// Runs a tool found on `PATH` (openssl, python3) as an independent oracle.
    package static func oracle(_ tool: String, _ arguments: [String], stdin: [UInt8] = []) throws -> ProcessResult {
        try run(try onPath(tool), arguments, stdin: stdin)
    }

    /// The `purejwt` executable built beside the test bundle, in whichever configuration (debug
    /// or release) the tests were built; `PUREJWT_BINARY` overrides the search.
    package static func purejwt() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["PUREJWT_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        let url = try productsDirectory().appendingPathComponent("purejwt")
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw ProcessRunnerError("purejwt is not built next to the tests (looked at \(url.path)): "
                                     + "run `swift build --build-tests`, or set PUREJWT_BINARY")
        }
        return url
    }

    /// The build's products folder (`.build/<triple>/debug` or `release`): the executables, and
    /// the built modules in `Modules/`.
    package static func productsDirectory() throws -> URL {
        let bundle = Bundle(for: BundleLocator.self).bundleURL
        let candidates = [
            bundle.deletingLastPathComponent(),  // macOS: the .xctest bundle sits in the products folder
            bundle,                              // Linux: the bundle URL is the products folder
        ] + (Bundle.main.executableURL.map { [$0.deletingLastPathComponent()] } ?? [])
        guard let found = candidates.first(where: {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("Modules").path)
        }) else {
            throw ProcessRunnerError("cannot find the build's products folder (looked at \(candidates.map(\.path)))")
        }
        return found
    }

    /// The executable `tool` on `PATH`.
    package static func onPath(_ tool: String) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(tool)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw ProcessRunnerError("\(tool) is not on PATH; the tests use it as an oracle: install it (Debian: apt-get install \(tool == "python3" ? "python3 python3-cryptography" : tool))")
    }

    private final class BundleLocator {}
}

/// A program the tests need is missing, or cannot be run.
package struct ProcessRunnerError: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
