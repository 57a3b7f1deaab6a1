import Foundation
import TestSupport
import XCTest

/// The package is built and tested on Linux (Glibc) only, but it must build for Darwin (macOS 13,
/// iOS 16: Package.swift's `platforms:`) and the static Linux SDK (Musl) too. This scan catches,
/// here, the spellings that compile on Glibc alone and the APIs newer than the declared floor.
/// Docs/PORTABILITY.md says what is built where and what only this scan and review check.
final class PortabilityTests: XCTestCase {
    /// Every Swift file the root package compiles (libraries, executables, tests); not the
    /// Embedded runtime (no C library at all) nor the separate comparison package.
    static let scannedFolders = ["Sources", "Tests", "Benchmarks/PureJWTBench", "ConstantTime", "Fuzz"]

    func testSourcesHaveNoGlibcOnlySpellingsOrAPIsAboveThePlatformFloor() throws {
        var findings: [String] = []
        var scanned = 0
        for folder in Self.scannedFolders {
            let root = Repository.url(folder)
            guard let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
                return XCTFail("cannot list \(folder)")
            }
            for case let url as URL in files where url.pathExtension == "swift" {
                let path = folder + url.path.dropFirst(root.path.count)
                if path == "Tests/RepositoryTests/PortabilityTests.swift" { continue }  // the rules' own text
                findings += PortabilityScan.findings(path: path, text: try String(contentsOf: url, encoding: .utf8))
                scanned += 1
            }
        }
        XCTAssertGreaterThan(scanned, 100, "the scan found too few files: wrong root?")
        XCTAssertEqual(findings, [], "\n" + findings.joined(separator: "\n"))
    }

    /// Each rule reports what it is there to catch (so the scan above can fail).
    func testEachRuleCatchesItsSpelling() {
        let cases: [(String, String)] = [
            ("#if canImport(Glibc)\nimport Glibc\n#elseif canImport(Darwin)\nimport Darwin\n#endif\n", "no canImport(Musl) arm"),
            ("import Glibc\n", "import Glibc outside"),
            ("#if canImport(Glibc)\nimport Glibc\n#elseif canImport(Musl)\nimport Musl\n#elseif canImport(Darwin)\nimport Darwin\n#endif\nlet n = Glibc.write(1, p, 1)\n", "Glibc. is called without a Musl. arm"),
            ("let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)\n", "SOCK_STREAM.rawValue"),
            ("let flags = Int32(MSG_NOSIGNAL)\n", "MSG_NOSIGNAL"),
            ("let t = s.st_mtim.tv_sec\n", "st_mtim"),
            ("let m = Mutex(0)\n", "Mutex"),
            ("let s = String(validating: bytes, as: UTF8.self)\n", "String(validating:"),
        ]
        for (source, expected) in cases {
            let found = PortabilityScan.findings(path: "Example.swift", text: source)
            XCTAssertTrue(found.contains { $0.contains(expected) }, "\(expected): got \(found) for\n\(source)")
        }
        let clean = "#if canImport(Glibc)\nimport Glibc\n#elseif canImport(Musl)\nimport Musl\n#elseif canImport(Darwin)\nimport Darwin\n#endif\n// Mutex needs macOS 15.\nlet fd = socket(AF_INET, POSIX.streamSocket, 0)\n"
        XCTAssertEqual(PortabilityScan.findings(path: "Example.swift", text: clean), [])
    }
}

enum PortabilityScan {
    /// The one file allowed to spell the C libraries' socket constants, one arm each.
    static let socketConstantsFile = "Sources/BoxAuth/Platform/POSIX.swift"

    /// Spellings that exist only in Glibc (or only on Linux), with what to use instead.
    static let glibcOnly: [(pattern: String, advice: String)] = [
        (#"SOCK_(STREAM|DGRAM)\.rawValue"#, "SOCK_STREAM.rawValue is Glibc's enum: use POSIX.streamSocket"),
        (#"\bMSG_NOSIGNAL\b"#, "MSG_NOSIGNAL does not exist on Darwin: use POSIX.sendFlags and POSIX.configureNoSigPipe"),
        (#"\bst_[amc]tim\b"#, "st_mtim/st_atim/st_ctim are Linux's names (Darwin: st_mtimespec)"),
        (#"__errno_location|\bepoll_|\baccept4\(|\bpipe2\(|\bSOCK_CLOEXEC\b|\bSOCK_NONBLOCK\b|\bgetrandom\(|program_invocation_name"#,
         "a Linux-only C API"),
    ]

    /// APIs above Package.swift's floor (macOS 13, iOS 16), with the version they need.
    static let aboveFloor: [(pattern: String, advice: String)] = [
        (#"\bMutex\b|import Synchronization|\bAtomic<"#, "Mutex/Atomic need macOS 15 / iOS 18: use Locked"),
        (#"String\(validating:"#, "String(validating:as:) needs macOS 15 / iOS 18"),
        (#"\bU?Int128\b"#, "Int128/UInt128 need macOS 15 / iOS 18"),
        (#"\bInlineArray\b|\bRawSpan\b|\bSpan<|\bMutableSpan\b"#, "InlineArray and spans need macOS 26"),
        (#"assumeIsolated|withDiscardingTaskGroup|@Observable\b"#, "needs macOS 14 / iOS 17"),
    ]

    static func findings(path: String, text: String) -> [String] {
        var out: [String] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let code = lines.map { $0.trimmingCharacters(in: .whitespaces).hasPrefix("//") ? "" : $0 }
        let joined = code.joined(separator: "\n")

        // Every C-library branch has all its arms.
        if joined.contains("canImport(Glibc)") {
            for arm in ["Musl", "Darwin"] where !joined.contains("canImport(\(arm))") {
                out.append("\(path): a canImport(Glibc) branch has no canImport(\(arm)) arm")
            }
        }
        // A C module is imported only inside its own canImport arm.
        for (index, line) in code.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            for module in ["Glibc", "Musl", "Darwin"] where trimmed == "import \(module)" {
                let previous = code[..<index].last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?
                    .trimmingCharacters(in: .whitespaces) ?? ""
                if previous != "#if canImport(\(module))" && previous != "#elseif canImport(\(module))" {
                    out.append("\(path):\(index + 1): import \(module) outside #if canImport(\(module))")
                }
            }
        }
        // A call through Glibc's module name needs the same call through Musl and Darwin.
        if joined.range(of: #"\bGlibc\."#, options: .regularExpression) != nil {
            for arm in ["Musl", "Darwin"] where joined.range(of: "\\b\(arm)\\.", options: .regularExpression) == nil {
                out.append("\(path): Glibc. is called without a \(arm). arm")
            }
        }
        for (index, line) in code.enumerated() {
            for rule in glibcOnly + aboveFloor where line.range(of: rule.pattern, options: .regularExpression) != nil {
                if path == socketConstantsFile && rule.pattern == glibcOnly[0].pattern { continue }
                if path == socketConstantsFile && rule.pattern == glibcOnly[1].pattern { continue }
                out.append("\(path):\(index + 1): \(rule.advice)")
            }
        }
        return out
    }
}
