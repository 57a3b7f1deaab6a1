import Foundation
import XCTest

/// Loads files from the repository's `Vectors/` folder (copied from shared/vectors with manifests).
/// One loader per format lives next to the tests that use it; this file only finds and reads.
enum Vectors {
    /// The repository root, found from this file's path (Tests/PureCryptoTests/Support/Vectors.swift).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors")

    static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: url(relativePath))
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] { [UInt8](try data(relativePath)) }

    static func text(_ relativePath: String) throws -> String {
        guard let s = String(data: try data(relativePath), encoding: .utf8) else {
            throw VectorError("\(relativePath) is not UTF-8")
        }
        return s
    }

    /// Decodes a JSON vector file with `Codable`.
    static func json<T: Decodable>(_ type: T.Type, _ relativePath: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: try data(relativePath))
        } catch {
            throw VectorError("\(relativePath): cannot decode as \(T.self): \(error)")
        }
    }

    /// Parsed JSON (`[String: Any]`, arrays, numbers, strings) for loosely structured files.
    static func jsonObject(_ relativePath: String) throws -> Any {
        try JSONSerialization.jsonObject(with: try data(relativePath))
    }
}

struct VectorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Test-side hex, independent of the library's own hex codec (so a bug there cannot hide a bug
/// elsewhere). Traps on malformed hex: vector files are trusted input.
func hexBytes(_ hex: String) -> [UInt8] {
    let chars = Array(hex.utf8)
    precondition(chars.count % 2 == 0, "odd-length hex in a vector: \(hex.prefix(16))…")
    func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: preconditionFailure("non-hex character in a vector")
        }
    }
    var out = [UInt8]()
    out.reserveCapacity(chars.count / 2)
    var i = 0
    while i < chars.count {
        out.append(nibble(chars[i]) << 4 | nibble(chars[i + 1]))
        i += 2
    }
    return out
}

func hexString(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}

/// Parses NIST CAVP `.rsp`/`.txt` files: `[section]` headers, `KEY = VALUE` lines, records
/// separated by blank lines. Each record keeps its section's values and its first line number
/// (used as the case id in failure messages).
struct CAVPRecord {
    var section: [String: String]
    var fields: [String: String]
    var line: Int
    subscript(_ key: String) -> String? { fields[key] ?? section[key] }
}

func parseCAVP(_ text: String) -> [CAVPRecord] {
    var records: [CAVPRecord] = []
    var section: [String: String] = [:]
    var current: [String: String] = [:]
    var startLine = 0
    func flush() {
        if !current.isEmpty { records.append(CAVPRecord(section: section, fields: current, line: startLine)) }
        current = [:]
    }
    // NIST files use CRLF, and Swift treats "\r\n" as ONE Character, so splitting on "\n" alone
    // would see a single line. `isNewline` matches "\n", "\r\n" and "\r".
    for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
        let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if line.isEmpty { flush(); continue }
        if line.hasPrefix("#") { continue }
        if line.hasPrefix("[") && line.hasSuffix("]") {
            flush()
            let inner = line.dropFirst().dropLast()
            if let eq = inner.firstIndex(of: "=") {
                let k = inner[..<eq].trimmingCharacters(in: .whitespaces)
                let v = inner[inner.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                section[k] = v
            } else {
                section = ["": String(inner)]
            }
            continue
        }
        if let eq = line.firstIndex(of: "=") {
            if current.isEmpty { startLine = i + 1 }
            let k = line[..<eq].trimmingCharacters(in: .whitespaces)
            let v = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            current[k] = v
        }
    }
    flush()
    return records
}

/// Runs an external oracle (openssl, python3) for tests that generate cases. The product never
/// calls these; only tests do.
@discardableResult
func runOracle(_ executable: String, _ arguments: [String], stdin: [UInt8] = []) throws -> (status: Int32, stdout: [UInt8], stderr: [UInt8]) {
    // Files rather than pipes for stdin and stderr: no threads, no pipe-buffer deadlock.
    let dir = FileManager.default.temporaryDirectory
    let inURL = dir.appendingPathComponent("oracle-in-\(UUID().uuidString)")
    let errURL = dir.appendingPathComponent("oracle-err-\(UUID().uuidString)")
    defer {
        try? FileManager.default.removeItem(at: inURL)
        try? FileManager.default.removeItem(at: errURL)
    }
    try Data(stdin).write(to: inURL)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [executable] + arguments
    let outPipe = Pipe()
    p.standardInput = try FileHandle(forReadingFrom: inURL)
    p.standardOutput = outPipe
    p.standardError = try FileHandle(forWritingTo: errURL)
    try p.run()
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, [UInt8](out), [UInt8](try Data(contentsOf: errURL)))
}

/// Heavy vector files (thousands of RSA operations) run only in the release-mode test step of
/// `.ci/run` (`swift test -c release --filter Heavy`). Debug `swift test` skips them with a
/// message saying so, so the default suite stays fast.
func requireOptimizedBuild(_ what: String) throws {
    #if DEBUG
    throw XCTSkip("\(what): runs in the release-mode test step (`swift test -c release --filter Heavy`)")
    #endif
}
