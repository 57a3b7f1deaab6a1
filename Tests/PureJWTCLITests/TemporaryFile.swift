import Foundation
import XCTest

extension XCTestCase {
    /// Writes `bytes` to a new file in the temporary directory, named `prefix-<UUID>` and removed
    /// when the test ends, and returns its path: the inputs the CLI tests hand to `purejwt`.
    func temporaryFile(_ bytes: [UInt8], prefix: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }
}
