import PureCrypto
import TestSupport
import XCTest

/// HMAC against RFC 4231 (SHA-224/256/384/512), Wycheproof HMAC-SHA256, and python3's `hmac`
/// for every hash (including SHA-1 and MD5, which no vector file covers).
final class HMACTests: XCTestCase {
    private struct RFC4231File: Decodable {
        struct Case: Decodable {
            let rfc4231_test_case: Int
            let key_hex: String
            let data_hex: String
            let mac_hex: String?
            let mac_truncated_128_hex: String?
        }
        let hash_functions: [String: [Case]]
    }

    func testRFC4231() throws {
        let file = "rfc/hmac_rfc4231.json"
        let functions = try Vectors.json(RFC4231File.self, file).hash_functions
        XCTAssertEqual(Set(functions.keys), ["SHA-224", "SHA-256", "SHA-384", "SHA-512"], "\(file): hash set")
        for (name, cases) in functions.sorted(by: { $0.key < $1.key }) {
            guard let hash = HashUnderTest.named(name) else { XCTFail("\(file): unknown hash \(name)"); continue }
            XCTAssertEqual(cases.count, 7, "\(file) \(name): case count")
            for c in cases {
                let id = "\(file) \(name) test case \(c.rfc4231_test_case)"
                let mac = hash.hmac(hexBytes(c.key_hex), hexBytes(c.data_hex))
                if let full = c.mac_hex {
                    XCTAssertEqual(hexString(mac), full.lowercased(), id)
                } else if let truncated = c.mac_truncated_128_hex {
                    XCTAssertEqual(truncated.count, 32, "\(id): truncated MAC is not 128 bits")
                    XCTAssertEqual(hexString(mac.prefix(16)), truncated.lowercased(), "\(id) (first 128 bits)")
                } else {
                    XCTFail("\(id): no expected MAC")
                }
            }
        }
    }

    private struct WycheproofFile: Decodable {
        struct Group: Decodable {
            let keySize: Int
            let tagSize: Int
            let tests: [Case]
        }
        struct Case: Decodable {
            let tcId: Int
            let comment: String
            let key: String
            let msg: String
            let tag: String
            let result: String
        }
        let algorithm: String
        let numberOfTests: Int
        let testGroups: [Group]
    }

    func testWycheproofHMACSHA256() throws {
        let file = "wycheproof/hmac_sha256_test.json"
        let vectors = try Vectors.json(WycheproofFile.self, file)
        XCTAssertEqual(vectors.algorithm, "HMACSHA256", "\(file): algorithm")
        var seen = 0
        for group in vectors.testGroups {
            XCTAssertEqual(group.tagSize % 8, 0, "\(file): tagSize \(group.tagSize) is not whole bytes")
            let tagBytes = group.tagSize / 8
            for c in group.tests {
                seen += 1
                let id = "\(file) tcId \(c.tcId) (\(c.comment), tagSize \(group.tagSize))"
                let key = hexBytes(c.key), message = hexBytes(c.msg), tag = hexBytes(c.tag)
                XCTAssertEqual(key.count * 8, group.keySize, "\(id): key size")
                let full = HMAC<SHA256>.authenticationCode(for: message, using: key)
                // Truncated tags are the leftmost tagSize bits (RFC 2104 §5); compare them in
                // constant time as a verifier of truncated MACs would.
                let matches = constantTimeEqual(full.prefix(tagBytes), tag)
                let verifiesFull = HMAC<SHA256>.isValidAuthenticationCode(tag, for: message, using: key)
                switch c.result {
                case "valid":
                    XCTAssertTrue(matches, "\(id): valid tag rejected")
                    XCTAssertEqual(verifiesFull, tagBytes == 32, "\(id): full-length verification")
                case "invalid":
                    XCTAssertFalse(matches, "\(id): invalid tag accepted")
                    XCTAssertFalse(verifiesFull, "\(id): invalid tag verified")
                default:
                    XCTFail("\(id): unexpected result \(c.result)")
                }
            }
        }
        XCTAssertEqual(seen, vectors.numberOfTests, "\(file): numberOfTests")
    }

    /// Truncated or altered MACs never verify; the exact MAC does.
    func testVerificationRejectsTruncatedAndAlteredMACs() {
        var rng = SplitMix64(seed: 42)
        let key = randomBytes(32, using: &rng), message = randomBytes(100, using: &rng)
        let mac = HMAC<SHA512>.authenticationCode(for: message, using: key)
        XCTAssertTrue(HMAC<SHA512>.isValidAuthenticationCode(mac, for: message, using: key))
        XCTAssertFalse(HMAC<SHA512>.isValidAuthenticationCode(mac.prefix(32), for: message, using: key))
        XCTAssertFalse(HMAC<SHA512>.isValidAuthenticationCode([], for: message, using: key))
        XCTAssertFalse(HMAC<SHA512>.isValidAuthenticationCode(mac + [0], for: message, using: key))
        for i in [0, 31, 63] {
            var altered = mac
            altered[i] ^= 0x01
            XCTAssertFalse(HMAC<SHA512>.isValidAuthenticationCode(altered, for: message, using: key), "bit flip at byte \(i)")
        }
    }

    /// A copy of a keyed HMAC reuses its key schedule and gives the same MAC as keying afresh;
    /// incremental updates equal one-shot; `finalize(into:)` equals `finalize()`.
    func testCopiesAndIncrementalUpdates() {
        let seed = UInt64.random(in: .min ... .max)
        var rng = SplitMix64(seed: seed)
        let key = randomBytes(Int.random(in: 0 ... 200, using: &rng), using: &rng)
        let keyed = HMAC<SHA256>(key: key)
        for length in interestingLengths(blockByteCount: 64, extra: 8, using: &rng) {
            let message = randomBytes(length, using: &rng)
            let expected = HMAC<SHA256>.authenticationCode(for: message, using: key)
            var copy = keyed
            let cut = Int.random(in: 0 ... length, using: &rng)
            copy.update(message[..<cut])
            copy.update(message[cut...])
            var out = [UInt8](repeating: 0, count: HMAC<SHA256>.byteCount)
            out.withUnsafeMutableBytes { copy.finalize(into: $0) }
            XCTAssertEqual(out, expected, "key \(key.count) bytes, message \(length) cut at \(cut) (seed \(seed))")
        }
    }

    /// Random keys (0 to 300 bytes, so both sides of every block size) and messages, against
    /// python3's `hmac` module, for every hash.
    func testAgreesWithPythonHMAC() throws {
        let seed = UInt64.random(in: .min ... .max)
        var rng = SplitMix64(seed: seed)
        var requests: [(HashUnderTest, [UInt8], [UInt8])] = []
        for hash in HashUnderTest.all {
            let b = hash.blockByteCount
            for keyLength in [0, 1, hash.digestByteCount, b - 1, b, b + 1, 2 * b + 5] + (0 ..< 6).map({ _ in Int.random(in: 0 ... 300, using: &rng) }) {
                let messageLength = Int.random(in: 0 ... 3 * b, using: &rng)
                requests.append((hash, randomBytes(keyLength, using: &rng), randomBytes(messageLength, using: &rng)))
            }
        }
        let input = requests.map { "\($0.0.oracleName) k\(hexString($0.1)) m\(hexString($0.2))" }.joined(separator: "\n") + "\n"
        let script = """
            import sys, hmac
            for line in sys.stdin:
                parts = line.split()
                if not parts: continue
                print(hmac.new(bytes.fromhex(parts[1][1:]), bytes.fromhex(parts[2][1:]), parts[0]).hexdigest())
            """
        let result = try ProcessRunner.oracle("python3", ["-c", script], stdin: Array(input.utf8))
        XCTAssertEqual(result.status, 0, "python3 failed: \(String(decoding: result.stderr, as: UTF8.self))")
        let answers = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").map(String.init)
        XCTAssertEqual(answers.count, requests.count, "python3 answered a different number of lines")
        for (i, (request, answer)) in zip(requests, answers).enumerated() {
            XCTAssertEqual(hexString(request.0.hmac(request.1, request.2)), answer,
                           "HMAC-\(request.0.name) random case #\(i), key \(request.1.count) bytes, message \(request.2.count) bytes (seed \(seed))")
        }
    }
}
