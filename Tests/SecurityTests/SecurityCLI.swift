import Foundation
import TestSupport

/// The verbs of the built `purejwt` binary, for the hygiene tests.
enum SecurityCLI {
    /// The verbs `purejwt --help` lists, each split into its words (`["key", "show"]`).
    static func verbs(_ binary: URL) throws -> [[String]] {
        let help = try ProcessRunner.run(binary, ["--help"]).stdoutText
        guard let listStart = help.range(of: "verbs:\n") else { return [] }
        var verbs: [[String]] = []
        for line in help[listStart.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("  ") else { if verbs.isEmpty { continue } else { break } }
            let name = line.dropFirst(2).components(separatedBy: "  ")[0]
            verbs.append(name.split(separator: " ").map(String.init))
        }
        return verbs
    }
}
