import TestSupport
import XCTest
@testable import PureCrypto

/// The unrolled Montgomery kernels are generated: the committed files must be exactly what
/// `Scripts/generate-montgomery-kernels.py` writes, so nobody edits one without the other. (Their
/// arithmetic is checked against Python integers by BigNumPropertyTests, at widths 16, 24 and 32.)
final class MontgomeryKernelGenerationTests: XCTestCase {
    func testCommittedKernelsMatchTheGenerator() throws {
        let script = Repository.url("Scripts/generate-montgomery-kernels.py").path
        let result = try ProcessRunner.oracle("python3", [script, "--check"])
        XCTAssertEqual(result.status, 0, String(decoding: result.stdout + result.stderr, as: UTF8.self))
    }

    /// The kernels compile exactly when limbs are 64 bits wide: the generated files and the
    /// dispatch repeat the condition of Limb.swift, and a mismatch would either leave 32-bit
    /// builds compiling unrolled 64-bit code or leave 64-bit builds on the loops.
    func testKernelsArePresentExactlyWithSixtyFourBitLimbs() {
        XCTAssertEqual(unrolledMontgomeryWidths, Limb.bitWidth == 64 ? [16, 24, 32] : [],
                       "unrolled kernels with \(Limb.bitWidth)-bit limbs")
    }

    /// Each kernel file and the dispatch spell the negation of Limb.swift's 32-bit condition.
    func testKernelConditionIsTheComplementOfTheLimbCondition() throws {
        let bigNum = Vectors.root.deletingLastPathComponent().appendingPathComponent("Sources/PureCrypto/BigNum")
        func text(_ name: String) throws -> String {
            try String(contentsOf: bigNum.appendingPathComponent(name), encoding: .utf8)
        }
        let limb32 = try XCTUnwrap(try text("Limb.swift").split(separator: "\n").first { $0.hasPrefix("#if ") })
        let limb64 = "#if !(\(limb32.dropFirst(4)))"
        for file in ["MontgomeryKernel16.swift", "MontgomeryKernel24.swift", "MontgomeryKernel32.swift", "MontgomeryDispatch.swift"] {
            let conditions = try text(file).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("#if ") }
            XCTAssertFalse(conditions.isEmpty, "\(file): no #if around the 64-bit kernels")
            for condition in conditions { XCTAssertEqual(condition, limb64, "\(file)") }
        }
    }
}
