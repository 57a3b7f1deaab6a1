import Foundation
import TestSupport
import XCTest
import PureCrypto

/// scrypt: the RFC 7914 section 12 vectors (the 1 GiB one in `ScryptHeavyTests`), parameter
/// validation and the memory cap.
enum ScryptVectors {
    struct File: Decodable {
        struct Test: Decodable {
            let password_ascii: String; let salt_ascii: String; let N: Int; let r: Int; let p: Int
            let dklen: Int; let dk_hex: String; let memory_bytes: Int
        }
        let tests: [Test]
    }

    static let path = "rfc/scrypt_rfc7914.json"
    static let heavyMemory = 64 << 20

    static func cases() throws -> [(id: String, test: File.Test)] {
        try Vectors.json(File.self, path).tests.enumerated().map { i, t in
            ("\(path) case \(i) (N=\(t.N), r=\(t.r), p=\(t.p))", t)
        }
    }

    static func derive(_ t: File.Test, limits: ScryptLimits = .default) throws -> [UInt8] {
        try Scrypt.deriveKey(password: Array(t.password_ascii.utf8), salt: Array(t.salt_ascii.utf8),
                             n: t.N, r: t.r, p: t.p, byteCount: t.dklen, limits: limits)
    }
}

final class ScryptTests: XCTestCase {
    func testRFC7914Vectors() throws {
        let all = try ScryptVectors.cases()
        let light = all.filter { $0.test.memory_bytes < ScryptVectors.heavyMemory }
        XCTAssertEqual(all.count - light.count, 1, "cases left to ScryptHeavyTests")
        for (id, t) in light {
            #if DEBUG
            // N = 16384, r = 8 takes long unoptimized; it runs in the heavy (release) step too.
            if t.N > 1024 { continue }
            #endif
            XCTAssertEqual(hexString(try ScryptVectors.derive(t)), t.dk_hex, id)
        }
    }

    func testInvalidParametersAreRejected() {
        let bad: [(Int, Int, Int)] = [(0, 1, 1), (1, 1, 1), (3, 1, 1), (1000, 1, 1), (-16, 1, 1),
                                      (16, 0, 1), (16, 1, 0), (16, -1, 1), (16, 1 << 15, 1 << 15),
                                      (1 << 16, 1, 1), (16, Int.max, 2)]
        for (n, r, p) in bad {
            XCTAssertThrowsError(try Scrypt.deriveKey(password: [], salt: [], n: n, r: r, p: p, byteCount: 16),
                                 "N=\(n) r=\(r) p=\(p)") { e in
                XCTAssertEqual((e as? CryptoError)?.code, .invalidScryptParameters, "N=\(n) r=\(r) p=\(p): \(e)")
            }
        }
    }

    /// N = 2^30 with r = 8 needs 128 GiB: refused before allocating, fast, with its class.
    func testHostileMemoryFailsFast() {
        let start = Date()
        for (n, r, p) in [(1 << 30, 8, 1), (1 << 20, 8, 2), (1 << 62, 8, 1), (1 << 21, 8, 1)] {
            XCTAssertThrowsError(try Scrypt.deriveKey(password: [1], salt: [2], n: n, r: r, p: p, byteCount: 32),
                                 "N=\(n) r=\(r) p=\(p)") { e in
                XCTAssertEqual((e as? CryptoError)?.code, .scryptMemoryLimitExceeded, "N=\(n): \(e)")
                XCTAssertTrue((e as? CryptoError)?.reason.contains("ScryptLimits") == true)
            }
        }
        // A lower, caller-chosen cap.
        XCTAssertThrowsError(try Scrypt.deriveKey(password: [1], salt: [2], n: 1024, r: 8, p: 1, byteCount: 32,
                                                  limits: ScryptLimits(maxMemoryByteCount: 1 << 20))) { e in
            XCTAssertEqual((e as? CryptoError)?.code, .scryptMemoryLimitExceeded)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1, "rejections happen before any allocation or work")
    }

    /// Work (N·r·p) is capped apart from memory: these fit in 1 GiB but would run for minutes
    /// to hours. Refused before any derivation, with their own code; the cap is a parameter.
    func testHostileWorkFailsFast() {
        for (n, r, p) in [(16384, 8, 64), (16384, 8, 33), (2, 1, 8_000_000), (1 << 15, 1, 1 << 10), (1 << 19, 8, 2)] {
            XCTAssertThrowsError(try Scrypt.deriveKey(password: [1], salt: [2], n: n, r: r, p: p, byteCount: 32),
                                 "N=\(n) r=\(r) p=\(p)") { e in
                XCTAssertEqual((e as? CryptoError)?.code, .scryptWorkLimitExceeded, "N=\(n) r=\(r) p=\(p): \(e)")
                XCTAssertTrue((e as? CryptoError)?.reason.contains("ScryptLimits.maxWork") == true, "\(e)")
            }
        }
        // The cap is inclusive and a parameter: N·r·p = 64 passes a cap of 64 and fails one of 63.
        XCTAssertNoThrow(try Scrypt.deriveKey(password: [1], salt: [2], n: 16, r: 1, p: 4, byteCount: 32,
                                              limits: ScryptLimits(maxWork: 64)))
        XCTAssertThrowsError(try Scrypt.deriveKey(password: [1], salt: [2], n: 16, r: 1, p: 4, byteCount: 32,
                                                  limits: ScryptLimits(maxWork: 63))) { e in
            XCTAssertEqual((e as? CryptoError)?.code, .scryptWorkLimitExceeded)
        }
        // OpenSSL's and Node's default (N = 16384, r = 8, p = 1) is 32 times under the default cap.
        XCTAssertEqual(ScryptLimits.default.maxWork, 32 * 16384 * 8 * 1)
    }

    /// Random small parameters against Python's hashlib.scrypt (OpenSSL's).
    func testAgainstPython() throws {
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<4 {
            let password = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let salt = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let n = 1 << Int.random(in: 1...6, using: &rng), r = Int.random(in: 1...4, using: &rng)
            let p = Int.random(in: 1...3, using: &rng), dkLen = Int.random(in: 1...80, using: &rng)
            let script = "import hashlib; print(hashlib.scrypt(bytes.fromhex('\(hexString(password))'), salt=bytes.fromhex('\(hexString(salt))'), n=\(n), r=\(r), p=\(p), dklen=\(dkLen)).hex())"
            let oracle = try ProcessRunner.oracle("python3", ["-c", script])
            XCTAssertEqual(oracle.status, 0, String(decoding: oracle.stderr, as: UTF8.self))
            let expected = String(decoding: oracle.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let got = try Scrypt.deriveKey(password: password, salt: salt, n: n, r: r, p: p, byteCount: dkLen)
            XCTAssertEqual(hexString(got), expected, "trial \(trial) N=\(n) r=\(r) p=\(p) dkLen=\(dkLen)")
        }
    }
}

final class ScryptHeavyTests: XCTestCase {
    /// Every RFC 7914 vector; N = 1048576, r = 8 needs 1 GiB, exactly the default cap, so the cap
    /// is set explicitly here (and a cap just below is checked to refuse it).
    func testAllRFC7914VectorsIncludingOneGiB() throws {
        try XCTSkipUnless(BuildConfiguration.isOptimized, BuildConfiguration.heavyOnly("scrypt with N = 1048576 (1 GiB)"))
        for (id, t) in try ScryptVectors.cases() {
            if t.memory_bytes >= ScryptVectors.heavyMemory {
                XCTAssertThrowsError(try ScryptVectors.derive(t, limits: ScryptLimits(maxMemoryByteCount: t.memory_bytes - 1)), id) { e in
                    XCTAssertEqual((e as? CryptoError)?.code, .scryptMemoryLimitExceeded, id)
                }
            }
            let work = t.N * t.r * t.p
            if work > ScryptLimits.default.maxWork {
                // N = 2^20, r = 8 is 2^23 of work, over the default cap of 2^22: refused unless raised.
                XCTAssertThrowsError(try ScryptVectors.derive(t, limits: ScryptLimits(maxMemoryByteCount: t.memory_bytes + (1 << 20))), id) { e in
                    XCTAssertEqual((e as? CryptoError)?.code, .scryptWorkLimitExceeded, id)
                }
            }
            let limits = ScryptLimits(maxMemoryByteCount: t.memory_bytes + (1 << 20), maxWork: max(work, ScryptLimits.default.maxWork))
            XCTAssertEqual(hexString(try ScryptVectors.derive(t, limits: limits)), t.dk_hex, id)
        }
    }
}
