import Foundation
import XCTest

/// Runs the built `purejwt` binary for the hygiene tests.
enum SecurityCLI {
    final class Locator {}

    /// The `purejwt` executable next to the test bundle (debug or release, whichever was built);
    /// `PUREJWT_BINARY` overrides.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["PUREJWT_BINARY"] { candidates.append(URL(fileURLWithPath: path)) }
        let bundle = Bundle(for: Locator.self).bundleURL
        candidates += [bundle.appendingPathComponent("purejwt"), bundle.deletingLastPathComponent().appendingPathComponent("purejwt")]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("purejwt not built next to the tests (looked at \(candidates.map(\.path))): run `swift build --build-tests`")
        }
        return found
    }

    /// The verbs `purejwt --help` lists, each split into its words (`["key", "show"]`).
    static func verbs(_ binary: URL) throws -> [[String]] {
        let help = try run(binary, ["--help"]).stdout
        guard let listStart = help.range(of: "verbs:\n") else { return [] }
        var verbs: [[String]] = []
        for line in help[listStart.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("  ") else { if verbs.isEmpty { continue } else { break } }
            let name = line.dropFirst(2).components(separatedBy: "  ")[0]
            verbs.append(name.split(separator: " ").map(String.init))
        }
        return verbs
    }

    /// Runs `binary`; stdin from a file, stdout and stderr to files (no pipe deadlocks).
    static func run(_ binary: URL, _ arguments: [String], stdin: [UInt8] = [],
                    environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-hygiene-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (inURL, outURL, errURL) = (dir.appendingPathComponent("in"), dir.appendingPathComponent("out"), dir.appendingPathComponent("err"))
        try Data(stdin).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
