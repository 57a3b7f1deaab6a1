import TestSupport
import XCTest

/// The checked-in public API lists (API/<Module>.txt) must be exactly the public API of the built
/// library modules: a change to the public API is then always a visible change to API/ in review.
/// To accept a change: `swift build && Scripts/public-api.py`, and commit API/.
final class PublicAPITests: XCTestCase {
    func testAPIListsMatchTheBuiltModules() throws {
        let modules = try ProcessRunner.productsDirectory().appendingPathComponent("Modules").path
        let result = try ProcessRunner.oracle("python3", [Repository.url("Scripts/public-api.py").path, "--check", "--modules", modules])
        XCTAssertEqual(result.status, 0, result.stdoutText + result.stderrText)
    }

    /// The check itself must be able to fail: a list with one line removed is reported.
    func testACheckedInListThatDiffersIsReported() throws {
        let modules = try ProcessRunner.productsDirectory().appendingPathComponent("Modules").path
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy.appendingPathComponent("Scripts"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Repository.url("Scripts/public-api.py"), to: copy.appendingPathComponent("Scripts/public-api.py"))
        try FileManager.default.copyItem(at: Repository.url("API"), to: copy.appendingPathComponent("API"))
        let list = copy.appendingPathComponent("API/PureJWT.txt")
        let lines = try String(contentsOf: list, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try lines.dropFirst().joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
        let result = try ProcessRunner.oracle("python3", [copy.appendingPathComponent("Scripts/public-api.py").path, "--check", "--modules", modules])
        XCTAssertEqual(result.status, 1, result.stdoutText + result.stderrText)
        XCTAssertTrue(result.stdoutText.contains("PureJWT"), result.stdoutText)
    }
}
