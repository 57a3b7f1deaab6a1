import Foundation
import TestSupport
import XCTest
@testable import PureCrypto

/// Recovery of p and q from (n, e, d): hostile moduli fail before any exponentiation, real keys
/// (d modulo λ(n) or φ(n), from Python's `cryptography`) give back their primes, and the
/// variable-time division and square root agree with Python's integers.
final class RSAPrimeRecoveryTests: XCTestCase {
    /// Lines of hex numbers printed by a Python snippet (the oracle builds every number).
    private func python(_ script: String) throws -> [[UInt8]] {
        let out = try ProcessRunner.oracle("python3", ["-c", script])
        XCTAssertEqual(out.status, 0, String(decoding: out.stderr, as: UTF8.self))
        return String(decoding: out.stdout, as: UTF8.self).split(separator: "\n").map { RSAFixtures.bytes(String($0)) }
    }

    private func expectCode(_ code: CryptoError.Code, _ numbers: [[UInt8]], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try RSAPrivateKey(n: numbers[0], e: numbers[1], d: numbers[2]), what, file: file, line: line) {
            XCTAssertEqual(($0 as? CryptoError)?.code, code, "\(what): \($0)", file: file, line: line)
        }
    }

    /// Finding 7: n = 103^k with d = e⁻¹ mod λ(n) made every base of the old loop run a full
    /// exponentiation (about 5 s at 4,093 bits, minutes at 16,382). A repeated prime factor now
    /// fails at once, before any exponentiation, at the smallest and largest allowed sizes.
    func testPrimePowerModuliFailBeforeAnyExponentiation() throws {
        for bits in [2054, 4093, 16382] {
            let numbers = try python("""
                p = 103; k = 1
                while (p ** (k + 1)).bit_length() <= \(bits): k += 1
                n = p ** k; lam = p ** (k - 1) * (p - 1); e = 65537
                print('%x' % n); print('%x' % e); print('%x' % pow(e, -1, lam))
                """)
            expectCode(.keyModulusPerfectPower, numbers, "103^k, at most \(bits) bits")
        }
        // p²·q: not a perfect power, still a repeated factor.
        let squareFactor = try python("""
            from cryptography.hazmat.primitives.asymmetric import rsa
            k = rsa.generate_private_key(65537, 2048).private_numbers()
            p, q = k.p, k.q
            n = p * p * q; e = 65537
            from math import lcm
            lam = lcm(p * (p - 1), q - 1)
            print('%x' % n); print('%x' % e); print('%x' % pow(e, -1, lam))
            """)
        expectCode(.keyModulusPerfectPower, squareFactor, "p²·q")
    }

    /// Three primes with a d that fits them: no pair of primes multiplies to n, so the key is
    /// `invalid_key`, also before any exponentiation.
    func testThreePrimeModulusIsInvalid() throws {
        let numbers = try python("""
            from cryptography.hazmat.primitives.asymmetric import rsa
            from math import lcm
            ps = [rsa.generate_private_key(65537, 1536).private_numbers().p for _ in range(3)]
            n = ps[0] * ps[1] * ps[2]; e = 65537
            lam = lcm(*[x - 1 for x in ps])
            print('%x' % n); print('%x' % e); print('%x' % pow(e, -1, lam))
            """)
        expectCode(.invalidKey, numbers, "three primes")
    }

    /// Real keys from Python's `cryptography`: d as OpenSSL writes it (mod λ(n)), as older tools
    /// write it (mod φ(n)), and d + λ(n): the recovered primes are Python's.
    func testRecoveryFindsPythonsPrimes() throws {
        let lines = try python("""
            from cryptography.hazmat.primitives.asymmetric import rsa
            from math import lcm
            for bits, e in [(2048, 65537), (3072, 3), (2048, 3)]:
                k = rsa.generate_private_key(e, bits).private_numbers()
                p, q, n = k.p, k.q, k.public_numbers.n
                lam = lcm(p - 1, q - 1); phi = (p - 1) * (q - 1)
                for d in [pow(e, -1, lam), pow(e, -1, phi), pow(e, -1, lam) + lam]:
                    for x in [n, e, d, max(p, q), min(p, q)]: print('%x' % x)
            """)
        XCTAssertEqual(lines.count, 45)
        for i in stride(from: 0, to: lines.count, by: 5) {
            let id = "Python key \(i / 15), d form \(i / 5 % 3)"
            let key = try RSAPrivateKey(n: lines[i], e: lines[i + 1], d: lines[i + 2])
            XCTAssertEqual(RSAFixtures.hex(key.numbers.crt!.p), RSAFixtures.hex(lines[i + 3]), id)
            XCTAssertEqual(RSAFixtures.hex(key.numbers.crt!.q), RSAFixtures.hex(lines[i + 4]), id)
        }
    }

    /// The variable-time long division and square root against Python's integers.
    func testDivisionAndSquareRootAgreeWithPython() throws {
        let lines = try python("""
            import random, math
            random.seed(7)
            for i in range(200):
                a = random.getrandbits(random.randint(1, 1500)); b = random.getrandbits(random.randint(1, 700)) or 1
                s = random.getrandbits(random.randint(0, 1500))
                for x in [a, b, a // b, a % b, s, math.isqrt(s)]: print('%x' % x)
            """)
        XCTAssertEqual(lines.count, 1200)
        for i in stride(from: 0, to: lines.count, by: 6) {
            let a = Nat(bigEndian: lines[i]), b = Nat(bigEndian: lines[i + 1])
            let (q, r) = a.dividedVarTime(by: b)
            XCTAssertEqual(RSAFixtures.hex(trimmedBigEndian(q)), RSAFixtures.hex(lines[i + 2]), "case \(i / 6): quotient")
            XCTAssertEqual(RSAFixtures.hex(trimmedBigEndian(r)), RSAFixtures.hex(lines[i + 3]), "case \(i / 6): remainder")
            XCTAssertEqual(RSAFixtures.hex(trimmedBigEndian(Nat(bigEndian: lines[i + 4]).squareRootVarTime)),
                           RSAFixtures.hex(lines[i + 5]), "case \(i / 6): square root")
        }
    }
}
