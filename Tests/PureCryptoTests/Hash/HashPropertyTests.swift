import PureCrypto
import TestSupport
import XCTest

/// Properties every hash must have, and agreement with python3's hashlib on random inputs
/// (the only independent check SHA-1, SHA-224 and SHA-384 get besides the boundary vectors).
final class HashPropertyTests: XCTestCase {
    /// Incremental hashing with random split points (including empty pieces) equals one-shot.
    func testIncrementalEqualsOneShotForRandomSplits() {
        let seed = UInt64.random(in: .min ... .max)
        var rng = SplitMix64(seed: seed)
        for hash in HashUnderTest.all {
            for length in interestingLengths(blockByteCount: hash.blockByteCount, extra: 12, using: &rng) {
                let message = randomBytes(length, using: &rng)
                let expected = hash.oneShot(message)
                XCTAssertEqual(expected.count, hash.digestByteCount, "\(hash.name): digest length")
                for trial in 0 ..< 4 {
                    let cutCount = Int.random(in: 0 ... 6, using: &rng)
                    let cuts = ((0 ..< cutCount).map { _ in Int.random(in: 0 ... length, using: &rng) } + [0, length]).sorted()
                    let parts = zip(cuts, cuts.dropFirst()).map { message[$0 ..< $1] }
                    XCTAssertEqual(hexString(hash.pieces(parts)), hexString(expected),
                                   "\(hash.name) length \(length) split at \(cuts) (seed \(seed), trial \(trial))")
                }
            }
        }
    }

    /// The raw-buffer, array and slice entry points agree, and a slice is hashed from its own
    /// start (not its base array's).
    func testEntryPointsAgree() {
        var rng = SplitMix64(seed: 7)
        let padded = randomBytes(300, using: &rng)
        let message = padded[13 ..< 213]
        for hash in HashUnderTest.all {
            let expected = hash.oneShot(Array(message))
            XCTAssertEqual(hash.pieces([message]), expected, "\(hash.name): slice")
        }
        let viaRaw = Array(message).withUnsafeBytes { raw -> [UInt8] in
            var h = SHA256()
            h.update(raw)
            return h.finalize()
        }
        XCTAssertEqual(viaRaw, SHA256.hash(Array(message)), "SHA-256: raw buffer entry point")
        var into = [UInt8](repeating: 0xee, count: 40)
        var h = SHA256()
        h.update(Array(message))
        into.withUnsafeMutableBytes { h.finalize(into: $0) }
        XCTAssertEqual(Array(into[..<32]), SHA256.hash(Array(message)), "SHA-256: finalize(into:)")
        XCTAssertEqual(Array(into[32...]), [UInt8](repeating: 0xee, count: 8), "finalize(into:) wrote past the digest")
    }

    /// Random messages hashed by us and by python3 hashlib, for every algorithm.
    func testAgreesWithHashlibOnRandomMessages() throws {
        let seed = UInt64.random(in: .min ... .max)
        var rng = SplitMix64(seed: seed)
        var requests: [(HashUnderTest, [UInt8])] = []
        for hash in HashUnderTest.all {
            for length in interestingLengths(blockByteCount: hash.blockByteCount, extra: 25, using: &rng) {
                requests.append((hash, randomBytes(length, using: &rng)))
            }
            requests.append((hash, randomBytes(Int.random(in: 1000 ... 5000, using: &rng), using: &rng)))
        }
        let input = requests.map { "\($0.0.oracleName) \(hexString($0.1))" }.joined(separator: "\n") + "\n"
        let script = """
            import sys, hashlib
            for line in sys.stdin:
                parts = line.split()
                if not parts: continue
                data = bytes.fromhex(parts[1]) if len(parts) > 1 else b""
                print(hashlib.new(parts[0], data).hexdigest())
            """
        let result = try ProcessRunner.oracle("python3", ["-c", script], stdin: Array(input.utf8))
        XCTAssertEqual(result.status, 0, "python3 failed: \(String(decoding: result.stderr, as: UTF8.self))")
        let answers = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        XCTAssertEqual(answers.count, requests.count, "python3 answered a different number of lines")
        for (i, (request, answer)) in zip(requests, answers).enumerated() {
            XCTAssertEqual(hexString(request.0.oneShot(request.1)), answer,
                           "\(request.0.name) random message #\(i), length \(request.1.count) (seed \(seed))")
        }
    }
}
