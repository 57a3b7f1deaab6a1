import Foundation
import TestSupport
import XCTest
@testable import PureCrypto
import PureKeys

/// Checks a freshly generated key with every oracle we have: our strict importer, our signing
/// and verification, python3 (primality of p and q, d = e⁻¹ mod lcm, the FIPS 186-5 bounds) and
/// openssl (`pkey -check`, `rsa -check`, signatures both ways, reading our PKCS#8 and SPKI).
enum GeneratedKeyChecks {
    static func temp(_ bytes: [UInt8], _ suffix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("keygen-\(UUID().uuidString)\(suffix)")
        try Data(bytes).write(to: url)
        return url
    }

    static func check(_ key: RSAPrivateKey, bits: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let what = "generated \(bits)-bit key"
        XCTAssertEqual(key.modulusBitCount, bits, "\(what): modulus size", file: file, line: line)
        let x = key.numbers
        XCTAssertEqual(x.e, [0x01, 0x00, 0x01], "\(what): e = 65537", file: file, line: line)

        // The strict initializer accepts the exported numbers, and PKCS#8 PEM round-trips.
        let c = try XCTUnwrap(x.crt, "\(what): CRT numbers", file: file, line: line)
        let again = try RSAPrivateKey(n: x.n, e: x.e, d: try XCTUnwrap(x.d), p: c.p, q: c.q, dP: c.dP, dQ: c.dQ, qInv: c.qInv)
        XCTAssertEqual(again.numbers, x, "\(what): strict re-import changed the numbers", file: file, line: line)
        let pem = key.pkcs8PEMRepresentation
        XCTAssertEqual(try RSAPrivateKey(pemRepresentation: pem).numbers, x, "\(what): PKCS#8 PEM round trip", file: file, line: line)

        // Sign and verify (PKCS#1 v1.5 and PSS); a flipped bit fails.
        let message = Array("generated key \(bits)".utf8)
        let pkcs1 = try key.signPKCS1v15(message, hash: SHA256.self)
        XCTAssertTrue(key.publicKey.isValidPKCS1v15Signature(pkcs1, for: message, hash: SHA256.self), "\(what): PKCS#1 v1.5", file: file, line: line)
        var bad = pkcs1
        bad[bad.count / 2] ^= 1
        XCTAssertFalse(key.publicKey.isValidPKCS1v15Signature(bad, for: message, hash: SHA256.self), "\(what): altered signature accepted", file: file, line: line)
        let pss = try key.signPSS(message, hash: SHA256.self)
        XCTAssertTrue(key.publicKey.isValidPSSSignature(pss, for: message, hash: SHA256.self), "\(what): PSS", file: file, line: line)

        // python3: p, q prime; n = pq; |p − q| > 2^(nlen/2 − 100); d = e⁻¹ mod lcm(p−1, q−1);
        // d > 2^(nlen/2); the CRT numbers.
        let script = """
        import sys, math, sympy
        n, e, d, p, q, dp, dq, qi = (int(v, 16) for v in sys.stdin.read().split())
        nlen = \(bits)
        lam = (p - 1) * (q - 1) // math.gcd(p - 1, q - 1)
        checks = {
            "p prime": sympy.isprime(p), "q prime": sympy.isprime(q), "n = pq": n == p * q,
            "n has nlen bits": n.bit_length() == nlen, "p, q have nlen/2 bits": p.bit_length() == q.bit_length() == nlen // 2,
            "|p-q| > 2^(nlen/2-100)": abs(p - q) > 2 ** (nlen // 2 - 100),
            "d = e^-1 mod lcm": d == pow(e, -1, lam), "d > 2^(nlen/2)": d > 2 ** (nlen // 2),
            "dP": dp == d % (p - 1), "dQ": dq == d % (q - 1), "qInv": qi == pow(q, -1, p),
        }
        print(" ".join(k.replace(" ", "_") for k, v in checks.items() if not v) or "ok")
        """
        let input = [x.n, x.e, x.d!, c.p, c.q, c.dP, c.dQ, c.qInv].map(hexString).joined(separator: "\n")
        let py = try ProcessRunner.oracle("python3", ["-c", script], stdin: Array(input.utf8))
        XCTAssertEqual(String(decoding: py.stdout, as: UTF8.self), "ok\n",
                       "\(what): python3 checks failed (stderr: \(String(decoding: py.stderr, as: UTF8.self)))", file: file, line: line)

        // openssl: the key checks, and signatures both ways.
        let keyURL = try temp(Array(pem.utf8), ".pem")
        let spkiURL = try temp(try key.exported(as: KeyFormat(.spki, .pem)), ".pub.pem")
        let msgURL = try temp(message, ".msg")
        let sigURL = try temp(pkcs1, ".sig")
        defer { for u in [keyURL, spkiURL, msgURL, sigURL] { try? FileManager.default.removeItem(at: u) } }
        let pkeyCheck = try ProcessRunner.oracle("openssl", ["pkey", "-in", keyURL.path, "-check", "-noout"])
        XCTAssertEqual(pkeyCheck.status, 0, "\(what): openssl pkey -check: \(String(decoding: pkeyCheck.stderr, as: UTF8.self))", file: file, line: line)
        let rsaCheck = try ProcessRunner.oracle("openssl", ["rsa", "-in", keyURL.path, "-check", "-noout"])
        XCTAssertEqual(rsaCheck.status, 0, "\(what): openssl rsa -check: \(String(decoding: rsaCheck.stderr, as: UTF8.self))", file: file, line: line)
        XCTAssertTrue(String(decoding: rsaCheck.stdout, as: UTF8.self).contains("RSA key ok"), "\(what): openssl rsa -check did not say 'RSA key ok'", file: file, line: line)
        let verify = try ProcessRunner.oracle("openssl", ["dgst", "-sha256", "-verify", spkiURL.path, "-signature", sigURL.path, msgURL.path])
        XCTAssertEqual(verify.status, 0, "\(what): openssl rejects our signature under our SPKI", file: file, line: line)
        let sign = try ProcessRunner.oracle("openssl", ["dgst", "-sha256", "-sign", keyURL.path, msgURL.path])
        XCTAssertEqual(sign.status, 0, "\(what): openssl cannot sign with our PKCS#8 key", file: file, line: line)
        XCTAssertEqual(sign.stdout, pkcs1, "\(what): openssl's PKCS#1 v1.5 signature differs from ours", file: file, line: line)
        XCTAssertTrue(key.publicKey.isValidPKCS1v15Signature(sign.stdout, for: message, hash: SHA256.self),
                      "\(what): we reject openssl's signature", file: file, line: line)
    }
}

final class RSAKeyGenerationTests: XCTestCase {
    /// One 2048-bit generation in the debug suite (the slow sizes are in the Heavy class).
    func testGenerated2048BitKeyPassesEveryOracle() throws {
        try GeneratedKeyChecks.check(try RSAPrivateKey.generate(modulusBitCount: 2048), bits: 2048)
    }

    func testOtherSizesAreRefused() {
        for bits in [0, 1024, 2047, 2049, 2560, 8192, 16384] {
            XCTAssertThrowsError(try RSAPrivateKey.generate(modulusBitCount: bits), "\(bits) bits") { error in
                XCTAssertEqual((error as? CryptoError)?.code, .keySizeNotAllowed, "\(bits) bits")
            }
        }
    }

    /// |p − q| bound (FIPS 186-5 A.1.3 step 5.4) on hand-built neighbours of the boundary.
    func testPrimesFarApartBoundary() {
        let limbs = 1024 / Limb.bitWidth
        var p = Nat(limbCount: limbs)
        p.limbs[limbs - 1] = 0b11 << Limb(Limb.bitWidth - 2)
        p.limbs[0] = 1
        for (delta, expected) in [(0, false), (-1, false), (1, true)] {
            // q = p + 2^(1024 − 100) + delta
            var offset = Nat(limbCount: limbs)
            offset.limbs[924 / Limb.bitWidth] = 1 << Limb(924 % Limb.bitWidth)
            var q = p.adding(offset).sum
            if delta > 0 { q = q.adding(Nat(1, limbCount: limbs)).sum }
            if delta < 0 { q = q.subtractingOne() }
            XCTAssertEqual(RSAPrivateKey.primesFarApart(p, q, modulusBitCount: 2048).declassified, expected, "q = p + 2^924 + \(delta)")
            XCTAssertEqual(RSAPrivateKey.primesFarApart(q, p, modulusBitCount: 2048).declassified, expected, "p = q + 2^924 + \(delta)")
        }
    }
}

/// Key generation at every size, optimized builds only (`swift test -c release --filter Heavy`).
final class RSAKeyGenerationHeavyTests: XCTestCase {
    func testGeneratedKeysOfEverySizePassEveryOracle() throws {
        try XCTSkipUnless(BuildConfiguration.isOptimized, BuildConfiguration.heavyOnly("RSA key generation at 2048 (three keys), 3072 and 4096 bits"))
        for bits in [2048, 2048, 2048, 3072, 4096] {
            try GeneratedKeyChecks.check(try RSAPrivateKey.generate(modulusBitCount: bits), bits: bits)
        }
    }
}
