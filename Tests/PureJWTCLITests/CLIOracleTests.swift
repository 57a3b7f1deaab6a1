import Foundation
import TestSupport
import XCTest

/// `purejwt hash` and `purejwt hmac` agree with `openssl dgst` on random inputs of random
/// lengths (crossing the 64 KiB read chunk), for every algorithm, reading stdin and a file.
final class CLIOracleTests: XCTestCase {
    private var binary: URL!
    private var rng = SystemRandomNumberGenerator()

    override func setUpWithError() throws {
        binary = try ProcessRunner.purejwt()
    }

    private func randomBytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    /// Lengths: empty, within a block, a few blocks, many blocks, around and past the chunk size.
    private func randomLengths() -> [Int] {
        [0, Int.random(in: 1...130, using: &rng), Int.random(in: 131...5000, using: &rng),
         65_536 + Int.random(in: -3...3, using: &rng), Int.random(in: 70_000...200_000, using: &rng)]
    }

    /// `openssl dgst ... -r` prints "HEX *stdin"; the first field is the digest.
    private func opensslDigest(_ arguments: [String], _ input: [UInt8], _ id: String) throws -> String {
        let r = try ProcessRunner.oracle("openssl", ["dgst"] + arguments + ["-r"], stdin: input)
        guard r.status == 0, let first = r.stdoutText.split(separator: " ").first else {
            throw ProcessRunnerError("\(id): openssl dgst \(arguments) failed: \(r.stderrText)")
        }
        return String(first)
    }

    /// Runs purejwt on `input` through stdin and through a temporary file; both must print
    /// `expected` and a newline, with nothing on stderr.
    private func assertBothModes(_ arguments: [String], _ input: [UInt8], expected: String, _ id: String) throws {
        let stdin = try ProcessRunner.run(binary, arguments, stdin: input)
        XCTAssertEqual(stdin.status, 0, "\(id) stdin: \(stdin.stderrText)")
        XCTAssertEqual(stdin.stdoutText, expected + "\n", "\(id) stdin")
        XCTAssertEqual(stdin.stderr, [], "\(id) stdin")

        let dash = try ProcessRunner.run(binary, arguments + ["-"], stdin: input)
        XCTAssertEqual(dash.stdoutText, expected + "\n", "\(id) '-' as stdin")

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-input-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(input).write(to: file)
        let fromFile = try ProcessRunner.run(binary, arguments + [file.path])
        XCTAssertEqual(fromFile.status, 0, "\(id) file: \(fromFile.stderrText)")
        XCTAssertEqual(fromFile.stdoutText, expected + "\n", "\(id) file")
        XCTAssertEqual(fromFile.stderr, [], "\(id) file")
    }

    func testHashAgreesWithOpenSSL() throws {
        for alg in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"] {
            for length in randomLengths() {
                let input = randomBytes(length)
                let id = "hash --alg \(alg), \(length) random bytes"
                let expected = try opensslDigest(["-\(alg)"], input, id)
                try assertBothModes(["hash", "--alg", alg], input, expected: expected, id)
            }
        }
    }

    func testHMACAgreesWithOpenSSL() throws {
        for alg in ["sha1", "sha224", "sha256", "sha384", "sha512"] {
            // Keys shorter than, equal to and longer than both block sizes (64 and 128 bytes).
            let keyLengths = [Int.random(in: 1...63, using: &rng), 64, 128, Int.random(in: 129...300, using: &rng)]
            for (length, keyLength) in zip(randomLengths(), keyLengths + [Int.random(in: 1...300, using: &rng)]) {
                let input = randomBytes(length)
                let key = randomBytes(keyLength)
                let id = "hmac --alg \(alg), \(keyLength)-byte key, \(length) random bytes"
                let expected = try opensslDigest(["-\(alg)", "-mac", "HMAC", "-macopt", "hexkey:\(hexString(key))"], input, id)
                // Upper-case hex for some keys: the key parser accepts either case.
                let keyHex = keyLength % 2 == 0 ? hexString(key) : hexString(key).uppercased()
                try assertBothModes(["hmac", "--alg", alg, "--key-hex", keyHex], input, expected: expected, id)
            }
        }
    }

    func testHMACWithEmptyKeyAgreesWithPython() throws {
        // openssl cannot take an empty hexkey; python's hmac module can.
        let input = randomBytes(Int.random(in: 0...3000, using: &rng))
        let script = "import hmac,hashlib,sys; print(hmac.new(b'', sys.stdin.buffer.read(), hashlib.sha256).hexdigest())"
        let oracle = try ProcessRunner.oracle("python3", ["-c", script], stdin: input)
        XCTAssertEqual(oracle.status, 0, oracle.stderrText)
        let r = try ProcessRunner.run(binary, ["hmac", "--alg", "sha256", "--key-hex", ""], stdin: input)
        XCTAssertEqual(r.status, 0, r.stderrText)
        XCTAssertEqual(r.stdoutText, oracle.stdoutText, "empty key, \(input.count) bytes")
    }
}
