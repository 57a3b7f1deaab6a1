import TestSupport
import XCTest

/// Every file under Vectors/generated (which arrived with an outside vector set whose generator
/// is not in this repository) is re-checked by Scripts/check-generated-vectors.py against
/// python3, python-cryptography and openssl, never against PureJWT. About 5 s.
final class GeneratedVectorsTests: XCTestCase {
    func testEveryGeneratedVectorFileChecksOut() throws {
        let result = try ProcessRunner.oracle("python3", [Repository.url("Scripts/check-generated-vectors.py").path])
        let failures = result.stdoutText.split(separator: "\n").filter { !$0.hasPrefix("ok ") }
        XCTAssertEqual(result.status, 0, failures.joined(separator: "\n") + result.stderrText)
    }

    /// The checker must be able to fail: a copy of the tree with one recomputable value changed
    /// (and its manifest updated to match) is reported by the recomputation, naming the file.
    func testAChangedVectorIsReported() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-vectors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy.appendingPathComponent("Scripts"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(at: Repository.url("Scripts/check-generated-vectors.py"),
                                         to: copy.appendingPathComponent("Scripts/check-generated-vectors.py"))
        try FileManager.default.copyItem(at: Vectors.root, to: copy.appendingPathComponent("Vectors"))
        let file = copy.appendingPathComponent("Vectors/generated/hash/md5_boundaries.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "6912ee65fff2d9f9ce2508cddf8bcda0", with: "6912ee65fff2d9f9ce2508cddf8bcda1")
        XCTAssertNotEqual(changed, text, "the MD5 vector to change is no longer in the file")
        try changed.write(to: file, atomically: true, encoding: .utf8)
        // The manifest is updated to the changed file, so only the digest's recomputation can
        // report it (not the manifest's size and SHA-256 check).
        let manifest = copy.appendingPathComponent("Vectors/generated/hash/MANIFEST.json").path
        let update = "import hashlib, json, sys; m = json.load(open(sys.argv[1])); "
            + "[f.update(sha256=hashlib.sha256(open(sys.argv[2], 'rb').read()).hexdigest()) for f in m['files'] if f['name'] == 'md5_boundaries.json']; "
            + "json.dump(m, open(sys.argv[1], 'w'), indent=2)"
        XCTAssertEqual(try ProcessRunner.oracle("python3", ["-c", update, manifest, file.path]).status, 0)
        let result = try ProcessRunner.oracle("python3", [copy.appendingPathComponent("Scripts/check-generated-vectors.py").path])
        XCTAssertEqual(result.status, 1, result.stdoutText + result.stderrText)
        XCTAssertTrue(result.stdoutText.contains("FAIL generated/hash/md5_boundaries.json"), result.stdoutText)
        XCTAssertFalse(result.stdoutText.contains("differs from the manifest"), "the manifest check, not the recomputation, reported it: \(result.stdoutText)")
    }
}
