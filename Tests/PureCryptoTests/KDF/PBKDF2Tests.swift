import Foundation
import TestSupport
import XCTest
import PureCrypto

/// Loaders for the PBKDF2 vector files. Heavy cases run in `PBKDF2HeavyTests` (the release-mode
/// step): from 4,096 iterations (one to two seconds each unoptimized on a busy 2-core machine;
/// 130 of them took almost three minutes of `swift test`). The light test runs the others, and
/// random lengths against Python cover the rest in `swift test`; together they run every case.
enum PBKDF2Vectors {
    static func isHeavy(_ c: Case) -> Bool {
        c.iterations >= 4096
    }

    struct Case {
        let id: String
        let prf: String
        let password: [UInt8]
        let salt: [UInt8]
        let iterations: Int
        let dk: String
    }

    struct WycheproofFile: Decodable {
        struct Group: Decodable { let tests: [Test] }
        struct Test: Decodable {
            let tcId: Int; let comment: String; let password: String; let salt: String
            let iterationCount: Int; let dkLen: Int; let dk: String; let result: String
        }
        let numberOfTests: Int
        let testGroups: [Group]
    }

    struct RFC6070File: Decodable {
        struct Test: Decodable {
            let password_hex: String; let salt_hex: String; let iterations: Int; let dklen: Int; let dk_hex: String
        }
        let tests: [Test]
    }

    struct GeneratedFile: Decodable {
        struct Test: Decodable {
            let prf: String; let password_hex: String; let salt_hex: String; let iterations: Int
            let dklen: Int; let dk_hex: String
        }
        let tests: [Test]
    }

    /// Every case of every PBKDF2 file, in file order.
    static func all() throws -> [Case] {
        var cases: [Case] = []
        for (path, prf) in [("wycheproof/pbkdf2_hmacsha1_test.json", "HMAC-SHA-1"),
                            ("wycheproof/pbkdf2_hmacsha256_test.json", "HMAC-SHA-256")] {
            let file = try Vectors.json(WycheproofFile.self, path)
            var n = 0
            for t in file.testGroups.flatMap(\.tests) {
                precondition(t.result == "valid" && t.dk.count == 2 * t.dkLen, "\(path) tcId \(t.tcId)")
                cases.append(Case(id: "\(path) tcId \(t.tcId) (\(t.comment))", prf: prf, password: hexBytes(t.password),
                                  salt: hexBytes(t.salt), iterations: t.iterationCount, dk: t.dk))
                n += 1
            }
            precondition(n == file.numberOfTests, "\(path): \(n) of \(file.numberOfTests) cases")
        }
        let rfc = "rfc/pbkdf2_hmac_sha1_rfc6070.json"
        for (i, t) in try Vectors.json(RFC6070File.self, rfc).tests.enumerated() {
            precondition(t.dk_hex.count == 2 * t.dklen)
            cases.append(Case(id: "\(rfc) case \(i)", prf: "HMAC-SHA-1", password: hexBytes(t.password_hex),
                              salt: hexBytes(t.salt_hex), iterations: t.iterations, dk: t.dk_hex))
        }
        let generated = "generated/kdf/pbkdf2_hmac_sha1_sha256_sha512.json"
        for (i, t) in try Vectors.json(GeneratedFile.self, generated).tests.enumerated() {
            precondition(t.dk_hex.count == 2 * t.dklen)
            cases.append(Case(id: "\(generated) case \(i) (\(t.prf))", prf: t.prf, password: hexBytes(t.password_hex),
                              salt: hexBytes(t.salt_hex), iterations: t.iterations, dk: t.dk_hex))
        }
        return cases
    }

    static func derive(_ c: Case, limits: PBKDF2Limits = .default) throws -> [UInt8] {
        let n = c.dk.count / 2
        switch c.prf {
        case "HMAC-SHA-1": return try PBKDF2<Insecure.SHA1>.deriveKey(password: c.password, salt: c.salt, iterations: c.iterations, byteCount: n, limits: limits)
        case "HMAC-SHA-224": return try PBKDF2<SHA224>.deriveKey(password: c.password, salt: c.salt, iterations: c.iterations, byteCount: n, limits: limits)
        case "HMAC-SHA-256": return try PBKDF2<SHA256>.deriveKey(password: c.password, salt: c.salt, iterations: c.iterations, byteCount: n, limits: limits)
        case "HMAC-SHA-384": return try PBKDF2<SHA384>.deriveKey(password: c.password, salt: c.salt, iterations: c.iterations, byteCount: n, limits: limits)
        case "HMAC-SHA-512": return try PBKDF2<SHA512>.deriveKey(password: c.password, salt: c.salt, iterations: c.iterations, byteCount: n, limits: limits)
        default: throw VectorError("\(c.id): unknown PRF \(c.prf)")
        }
    }
}

final class PBKDF2Tests: XCTestCase {
    func testAllLightVectors() throws {
        let all = try PBKDF2Vectors.all()
        let light = all.filter { !PBKDF2Vectors.isHeavy($0) }
        XCTAssertGreaterThan(light.count, 10)
        XCTAssertLessThan(light.count, all.count, "some cases are left to PBKDF2HeavyTests")
        for c in light {
            XCTAssertEqual(hexString(try PBKDF2Vectors.derive(c)), c.dk, c.id)
        }
    }

    /// No vector file covers HMAC-SHA224/384: random cases against Python's hashlib.
    func testSHA224AndSHA384AgainstPython() throws {
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<4 {
            for prf in ["HMAC-SHA-224", "HMAC-SHA-384", "HMAC-SHA-512", "HMAC-SHA-1"] {
                let password = (0..<Int.random(in: 0...150, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                let salt = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                let iterations = Int.random(in: 1...300, using: &rng)
                let dkLen = Int.random(in: 1...130, using: &rng)
                let hash = prf.dropFirst(5).replacingOccurrences(of: "-", with: "").lowercased()
                let script = "import hashlib,sys; print(hashlib.pbkdf2_hmac('\(hash)', bytes.fromhex('\(hexString(password))'), bytes.fromhex('\(hexString(salt))'), \(iterations), \(dkLen)).hex())"
                let oracle = try ProcessRunner.oracle("python3", ["-c", script])
                XCTAssertEqual(oracle.status, 0, String(decoding: oracle.stderr, as: UTF8.self))
                let expected = String(decoding: oracle.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                let c = PBKDF2Vectors.Case(id: "trial \(trial) \(prf) password \(hexString(password)) salt \(hexString(salt)) c \(iterations) dkLen \(dkLen)",
                                           prf: prf, password: password, salt: salt, iterations: iterations, dk: expected)
                XCTAssertEqual(hexString(try PBKDF2Vectors.derive(c)), expected, c.id)
            }
        }
    }

    func testHostileIterationCountsFailFastWithTheirClass() {
        let start = Date()
        for iterations in [0, -1, 1 << 31, Int.max, 10_000_001] {
            XCTAssertThrowsError(try PBKDF2<SHA256>.deriveKey(password: [1], salt: [2], iterations: iterations, byteCount: 32),
                                 "iterations \(iterations)") { e in
                XCTAssertEqual((e as? CryptoError)?.code, .invalidIterationCount)
                XCTAssertTrue((e as? CryptoError)?.reason.contains("PBKDF2") == true)
            }
        }
        // A caller may lower the cap.
        XCTAssertThrowsError(try PBKDF2<SHA256>.deriveKey(password: [1], salt: [2], iterations: 2049, byteCount: 32,
                                                          limits: PBKDF2Limits(maxIterations: 2048))) { e in
            XCTAssertEqual((e as? CryptoError)?.code, .invalidIterationCount)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1, "rejections happen before any work")
    }

    func testRejectsBadOutputLength() {
        XCTAssertThrowsError(try PBKDF2<SHA256>.deriveKey(password: [1], salt: [2], iterations: 1, byteCount: 0)) { e in
            XCTAssertEqual((e as? CryptoError)?.code, .invalidArgument)
        }
    }
}

final class PBKDF2HeavyTests: XCTestCase {
    /// The heavy cases (see `PBKDF2Vectors.isHeavy`). 16,777,216 is above the default cap, so
    /// the cap is raised explicitly (and the default cap is checked to refuse it).
    func testHeavyVectors() throws {
        try XCTSkipUnless(BuildConfiguration.isOptimized, BuildConfiguration.heavyOnly("PBKDF2 vectors at 4,096, 80,000 and 16,777,216 iterations"))
        let heavy = try PBKDF2Vectors.all().filter(PBKDF2Vectors.isHeavy)
        XCTAssertGreaterThan(heavy.count, 120)
        for c in heavy {
            if c.iterations > PBKDF2Limits.default.maxIterations {
                XCTAssertThrowsError(try PBKDF2Vectors.derive(c), c.id) { e in
                    XCTAssertEqual((e as? CryptoError)?.code, .invalidIterationCount, c.id)
                }
            }
            XCTAssertEqual(hexString(try PBKDF2Vectors.derive(c, limits: PBKDF2Limits(maxIterations: 1 << 25))), c.dk, c.id)
        }
    }
}
