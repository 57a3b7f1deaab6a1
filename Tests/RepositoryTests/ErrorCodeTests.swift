import Foundation
import TestSupport
import XCTest

/// Docs/ERRORS.md, the error codes the code defines and Vectors/ERROR_CLASSES.json must agree,
/// both ways: every code defined in the code has its row in its layer's table and every row
/// names a code the code defines; the CLI's exit status column says how the tool throws it; the
/// rows marked "vectors" are exactly the classes of ERROR_CLASSES.json, each a code of the
/// library. The CLI throws no bare string code.
final class ErrorCodeTests: XCTestCase {
    /// The layers' error types and where their codes are defined.
    static let layers = ["CryptoError", "JWTError", "BoxAuthError", "CLIError", "box-assertion"]
    /// The Embedded program's own sources: its module and the runtime it links (which reports a
    /// missing random source itself).
    static let embeddedProgramFolders = ["Embedded/Sources/BoxAssertionProgram/", "Embedded/Sources/EmbeddedRuntime/"]
    /// The command-line tool's sources: its module and its two executables.
    static let cliFolders = ["Sources/PureJWTCLI/", "Sources/purejwt/", "Sources/purejwt-box/"]

    static func isCLI(_ path: String) -> Bool { cliFolders.contains { path.hasPrefix($0) } }

    func testDocsCodeAndVectorClassesAgree() throws {
        let problems = try ErrorCodeAudit(sources: Self.sources(), docs: Repository.text("Docs/ERRORS.md"),
                                          vectorClasses: Self.vectorClasses()).problems()
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }

    /// The audit must be able to fail: a row removed, a row added, a class dropped from the
    /// vectors file and a bare code in the CLI are each reported.
    func testTheAuditSeesEveryKindOfDrift() throws {
        let sources = try Self.sources()
        let docs = try Repository.text("Docs/ERRORS.md")
        let classes = try Self.vectorClasses()
        let lines = docs.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

        let withoutRow = lines.filter { !$0.hasPrefix("| `wrong_passphrase` |") }.joined(separator: "\n")
        XCTAssertTrue(ErrorCodeAudit(sources: sources, docs: withoutRow, vectorClasses: classes).problems()
            .contains { $0.contains("wrong_passphrase") }, "a missing row")

        let withExtraRow = docs.replacingOccurrences(of: "| `jwt_expired` |", with: "| `jwt_expired_long_ago` |  | not a code |\n| `jwt_expired` |")
        XCTAssertTrue(ErrorCodeAudit(sources: sources, docs: withExtraRow, vectorClasses: classes).problems()
            .contains { $0.contains("jwt_expired_long_ago") }, "a row for no code")

        XCTAssertTrue(ErrorCodeAudit(sources: sources, docs: docs, vectorClasses: classes.filter { $0 != "der_invalid" }).problems()
            .contains { $0.contains("der_invalid") }, "a class missing from ERROR_CLASSES.json")

        var withBareCode = sources
        withBareCode["Sources/purejwt/Verbs/Example.swift"] = #"throw .usage("made_up_code", "x")"#
        XCTAssertTrue(ErrorCodeAudit(sources: withBareCode, docs: docs, vectorClasses: classes).problems()
            .contains { $0.contains("made_up_code") }, "a bare string code in the CLI")
    }

    /// Every Swift file under Sources/ and Embedded/Sources/, by path relative to the repository.
    static func sources() throws -> [String: String] {
        var out: [String: String] = [:]
        for folder in ["Sources", "Embedded/Sources"] {
            let root = Repository.url(folder)
            let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
            for case let url as URL in files where url.pathExtension == "swift" {
                let relative = folder + url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count)
                out[relative] = try String(contentsOf: url, encoding: .utf8)
            }
        }
        return out
    }

    static func vectorClasses() throws -> [String] {
        try Array(Vectors.object("ERROR_CLASSES.json").keys)
    }
}

/// The comparison itself, on texts, so a test can feed it altered ones.
struct ErrorCodeAudit {
    let sources: [String: String]
    let docs: String
    let vectorClasses: [String]

    /// What disagrees, one sentence per problem; empty when everything agrees.
    func problems() -> [String] {
        var problems: [String] = []
        let defined = definedCodes()
        let documented = documentedCodes()
        for layer in ErrorCodeTests.layers {
            let inCode = Set(defined[layer, default: [:]].values)
            let inDocs = Set(documented[layer, default: [:]].keys)
            if inCode.isEmpty { problems.append("no \(layer) codes found in Sources/") }
            if inDocs.isEmpty { problems.append("Docs/ERRORS.md has no table for \(layer)") }
            for code in inCode.subtracting(inDocs).sorted() { problems.append("\(layer) code \(code) has no row in Docs/ERRORS.md") }
            for code in inDocs.subtracting(inCode).sorted() { problems.append("Docs/ERRORS.md lists \(code) under \(layer), which defines no such code") }
        }
        // The CLI's exit status column against how the tool throws each of its codes.
        let statuses = cliStatuses(defined["CLIError", default: [:]])
        for (code, row) in documented["CLIError", default: [:]] {
            guard let thrown = statuses[code] else { continue }
            let listed = Set(row.split(separator: "|")[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            if listed != thrown {
                problems.append("Docs/ERRORS.md gives \(code) exit status \(listed.sorted()), the CLI throws it with \(thrown.sorted())")
            }
        }
        // The "vectors" column against Vectors/ERROR_CLASSES.json, and every class a library code.
        let marked = Set(documented.filter { ["CryptoError", "JWTError", "BoxAuthError"].contains($0.key) }.values.flatMap { $0.filter { $0.value.split(separator: "|").first?
            .trimmingCharacters(in: .whitespaces) == "yes" }.keys })
        let classes = Set(vectorClasses)
        for code in classes.subtracting(marked).sorted() { problems.append("ERROR_CLASSES.json class \(code) is not marked 'vectors' in Docs/ERRORS.md") }
        for code in marked.subtracting(classes).sorted() { problems.append("Docs/ERRORS.md marks \(code) 'vectors' but ERROR_CLASSES.json has no such class") }
        let libraryCodes = Set(["CryptoError", "JWTError"].flatMap { defined[$0, default: [:]].values })
        for code in classes.subtracting(libraryCodes).sorted() { problems.append("ERROR_CLASSES.json class \(code) is no CryptoError or JWTError code") }
        // No bare string codes in the CLI.
        for (path, text) in sources where ErrorCodeTests.isCLI(path) {
            for match in matches(#"\.(usage|rejected)\("([a-z0-9_]+)""#, in: text) {
                problems.append("\(path) throws the bare string code \(match[2]); give it a CLIError.Code constant")
            }
        }
        return problems
    }

    /// Codes by layer: constant name to raw value.
    func definedCodes() -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        for (path, text) in sources {
            for m in matches(#"static let (\w+) = CryptoError\.Code\("([a-z0-9_]+)"\)"#, in: text) { out["CryptoError", default: [:]][m[1]] = m[2] }
            if path.hasSuffix("/JWTError.swift") {
                for m in matches(#"static let (\w+) = Code\("([a-z0-9_]+)"\)"#, in: text) { out["JWTError", default: [:]][m[1]] = m[2] }
            }
            if path.hasSuffix("/BoxAuthError.swift") {
                for m in matches(#"static let (\w+) = Code\("([a-z0-9_]+)"\)"#, in: text) { out["BoxAuthError", default: [:]][m[1]] = m[2] }
            }
        }
        // The Embedded program's own codes, thrown or printed as string literals (the program has
        // no code table: it is one file).
        for (path, text) in sources where ErrorCodeTests.embeddedProgramFolders.contains(where: { path.hasPrefix($0) }) {
            for m in matches(#"\.(?:usage|rejected)\("([a-z0-9_]+)"|error\[([a-z0-9_]+)\]"#, in: text) {
                let code = m[1].isEmpty ? m[2] : m[1]
                out["box-assertion", default: [:]][code] = code
            }
        }
        // The CLI's own codes, and the library codes it names for its own checks.
        for (path, text) in sources where path.hasSuffix("/CLIError.swift") {
            for m in matches(#"static let (\w+) = Self\("([a-z0-9_]+)"\)"#, in: text) { out["CLIError", default: [:]][m[1]] = m[2] }
            for m in matches(#"static let (\w+) = Self\((CryptoError|BoxAuthError|JWTError)\.Code\.(\w+)\.rawValue\)"#, in: text) {
                if let raw = out[m[2]]?[m[3]] { out["CLIError", default: [:]][m[1]] = raw }
            }
        }
        return out
    }

    /// Rows by layer: code to the rest of its row.
    func documentedCodes() -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        var layer: String?
        for line in docs.split(separator: "\n").map(String.init) {
            if line.hasPrefix("## ") {
                layer = ErrorCodeTests.layers.first { line.contains("`\($0)`") }
            } else if let layer, line.hasPrefix("| `"), let end = line.dropFirst(3).firstIndex(of: "`") {
                let code = String(line[line.index(line.startIndex, offsetBy: 3)..<end])
                out[layer, default: [:]][code] = String(line[line.index(after: end)...]).trimmingCharacters(in: .whitespaces)
            }
        }
        return out
    }

    /// The exit statuses the CLI throws each of its codes with: 2 for `.usage`, 1 for `.rejected`.
    func cliStatuses(_ constants: [String: String]) -> [String: Set<String>] {
        var out: [String: Set<String>] = [:]
        for (path, text) in sources where ErrorCodeTests.isCLI(path) {
            for m in matches(#"\.(usage|rejected)\(\.(\w+),"#, in: text) {
                guard let raw = constants[m[2]] else { continue }
                out[raw, default: []].insert(m[1] == "usage" ? "2" : "1")
            }
        }
        return out
    }

    func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            (0..<match.numberOfRanges).map { i -> String in
                let range = match.range(at: i)
                return range.location == NSNotFound ? "" : ns.substring(with: range)    // a group that took no part
            }
        }
    }
}
