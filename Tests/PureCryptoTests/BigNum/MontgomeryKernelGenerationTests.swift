import XCTest

/// The unrolled Montgomery kernels are generated: the committed files must be exactly what
/// `Scripts/generate-montgomery-kernels.py` writes, so nobody edits one without the other. (Their
/// arithmetic is checked against Python integers by BigNumPropertyTests, at widths 16, 24 and 32.)
final class MontgomeryKernelGenerationTests: XCTestCase {
    func testCommittedKernelsMatchTheGenerator() throws {
        let script = Vectors.root.deletingLastPathComponent()
            .appendingPathComponent("Scripts/generate-montgomery-kernels.py").path
        let result = try runOracle("python3", [script, "--check"])
        XCTAssertEqual(result.status, 0, String(decoding: result.stdout + result.stderr, as: UTF8.self))
    }
}
