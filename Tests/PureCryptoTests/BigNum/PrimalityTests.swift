import Foundation
import TestSupport
import XCTest
@testable import PureCrypto

/// Miller–Rabin, trial division and the constant-time gcd / exact division of key generation,
/// against python3 (sympy) as the oracle: every case is generated and decided by python at test
/// time; the test only asks our code and compares.
final class PrimalityTests: XCTestCase {
    /// Runs a python3 script that prints one case per line (whitespace-separated fields).
    func pythonCases(_ script: String) throws -> [(line: Int, fields: [String])] {
        let r = try ProcessRunner.oracle("python3", ["-c", script])
        XCTAssertEqual(r.status, 0, "python3 oracle failed: \(String(decoding: r.stderr, as: UTF8.self))")
        let lines = String(decoding: r.stdout, as: UTF8.self).split(separator: "\n")
        XCTAssertFalse(lines.isEmpty, "python3 oracle printed no cases")
        return lines.enumerated().map { ($0.offset + 1, $0.element.split(separator: " ").map(String.init)) }
    }

    func bytes(ofHex hex: String) -> [UInt8] { hexBytes(hex) }

    /// Random primes, random odd composites, semiprimes with two large factors, Chernick
    /// Carmichael numbers (6k+1)(12k+1)(18k+1), and prime powers, of 8 to 1024 bits.
    func testProbablePrimeAgreesWithSympy() throws {
        let script = """
        import random, sympy
        random.seed()
        out = []
        for bits in [8, 13, 16, 24, 25, 31, 32, 33, 48, 63, 64, 65, 96, 127, 128, 129, 160, 255, 256, 384, 512, 768, 1024]:
            for _ in range(3):
                p = sympy.randprime(2**(bits-1), 2**bits); out.append(("prime", p))
                c = random.randrange(2**(bits-1), 2**bits) | 1
                out.append(("random", c))
            if bits >= 16:
                a = sympy.randprime(2**(bits//2-1), 2**(bits//2)); b = sympy.randprime(2**(bits-bits//2-1), 2**(bits-bits//2))
                out.append(("semiprime", a*b))
                q = sympy.randprime(2**(bits//2-1), 2**(bits//2)); out.append(("prime-square", q*q))
        # Chernick Carmichael numbers with large factors (trial division cannot find them).
        for lo in [10**6, 10**9, 10**15]:
            k = lo; found = 0
            while found < 2:
                k += 1
                if all(sympy.isprime(m*k+1) for m in (6, 12, 18)):
                    out.append(("carmichael", (6*k+1)*(12*k+1)*(18*k+1))); found += 1
        for n in [561, 1105, 1729, 2465, 2821, 6601, 8911, 41041, 62745, 63973, 75361, 101101, 126217, 172081, 188461, 252601, 278545, 294409, 314821, 334153, 340561, 399001, 410041, 449065, 488881, 512461]:
            out.append(("carmichael-small", n))
        for n in [2047, 1373653, 25326001, 3215031751, 2152302898747, 3474749660383, 341550071728321, 3825123056546413051, 318665857834031151167461, 3317044064679887385961981]:
            out.append(("strong-pseudoprime", n))
        for kind, n in out:
            print(kind, format(n, "x"), 1 if sympy.isprime(n) else 0)
        """
        for (line, f) in try pythonCases(script) {
            let expected = f[2] == "1"
            XCTAssertEqual(Primality.isProbablePrime(bytes(ofHex: f[1])), expected,
                           "python case line \(line) (\(f[0]) 0x\(f[1])): sympy says prime=\(expected)")
        }
    }

    /// Every number below 20000 (trial division and its exact range).
    func testSmallNumbersExactly() throws {
        let lines = try pythonCases("import sympy\nprint(' '.join(str(p) for p in sympy.primerange(0, 20000)))")
        let primes = Set(lines[0].fields.map { Int($0)! })
        for n in 0..<20000 {
            var be: [UInt8] = []
            var v = n
            repeat { be.insert(UInt8(v & 0xFF), at: 0); v >>= 8 } while v > 0
            XCTAssertEqual(Primality.isProbablePrime(be), primes.contains(n), "n = \(n): sympy.primerange says prime=\(primes.contains(n))")
        }
    }

    /// One Miller–Rabin round with chosen bases: known strong pseudoprimes pass to the bases
    /// they fool and fail to others; primes pass every base. python decides each (n, base).
    func testStrongProbablePrimeToChosenBases() throws {
        let script = """
        import random, sympy
        def sprp(n, b):
            d, s = n - 1, 0
            while d % 2 == 0: d //= 2; s += 1
            x = pow(b, d, n)
            if x in (1, n - 1): return True
            for _ in range(s - 1):
                x = x * x % n
                if x == n - 1: return True
            return False
        ns = [2047, 1373653, 25326001, 3215031751, 2152302898747, 3474749660383, 341550071728321, 3825123056546413051,
              318665857834031151167461, 3317044064679887385961981]
        ns += [sympy.randprime(2**(b-1), 2**b) for b in (64, 128, 521, 1024, 1536)]
        ns += [sympy.randprime(2**511, 2**512) * sympy.randprime(2**511, 2**512) for _ in range(2)]
        for n in ns:
            bases = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41] + [random.randrange(2, n - 1) for _ in range(3)]
            for b in bases:
                print(format(n, "x"), format(b, "x"), 1 if sprp(n, b) else 0)
        """
        for (line, f) in try pythonCases(script) {
            let expected = f[2] == "1"
            XCTAssertEqual(try Primality.isStrongProbablePrime(bytes(ofHex: f[0]), base: bytes(ofHex: f[1])), expected,
                           "python case line \(line): n = 0x\(f[0]), base 0x\(f[1]): python says strong probable prime=\(expected)")
        }
    }

    func testStrongProbablePrimeRejectsBadArguments() {
        for (n, b) in [([UInt8]([4]), [UInt8]([2])), ([3], [2]), ([101], [1]), ([101], [100]), ([101], [1, 0])] {
            XCTAssertThrowsError(try Primality.isStrongProbablePrime(n, base: b), "n \(n), base \(b)") { error in
                XCTAssertEqual((error as? CryptoError)?.code, .invalidArgument, "n \(n), base \(b)")
            }
        }
    }

    /// The constant-time gcd (odd second operand) and the exact one-limb division, on random
    /// numbers of several widths (in limbs of the build's `Limb` width), with python's results.
    func testConstantTimeGCDAndExactDivision() throws {
        let script = """
        import random, math
        W = \(Limb.bitWidth)
        for limbs in [1, 2, 3, 8, 16, 24, 32]:
            for _ in range(6):
                g = random.randrange(1, 2**random.choice([1, 8, 30, W]))
                x = random.randrange(0, 2**(W*limbs)) // g * g
                y = (random.randrange(1, 2**(W*limbs)) // g * g)
                if y % 2 == 0: y = (y // 2**((y & -y).bit_length() - 1)) if y else 1
                print("gcd", limbs, format(x, "x"), format(y, "x"), format(math.gcd(x, y), "x"))
                d = random.randrange(1, 2**W) | 1
                q = random.randrange(0, 2**(W*limbs) // d)
                print("div", limbs, format(q * d, "x"), format(d, "x"), format(q, "x"))
        """
        for (line, f) in try pythonCases(script) {
            let limbs = Int(f[1])!
            let x = Nat(bigEndian: bytes(ofHex: f[2]), limbCount: limbs)
            let expected = Nat(bigEndian: bytes(ofHex: f[4]), limbCount: limbs)
            let got: Nat
            if f[0] == "gcd" {
                got = Nat.gcd(x, oddY: Nat(bigEndian: bytes(ofHex: f[3]), limbCount: limbs))
            } else {
                got = x.dividedExactly(byOdd: Limb(f[3], radix: 16)!)
            }
            XCTAssertEqual(got.limbs, expected.limbs, "python case line \(line): \(f[0]) of 0x\(f[2]) and 0x\(f[3])")
        }
    }

    /// Barrett residues modulo every small prime and 65537, and the small modular power.
    func testSmallDivisorResidues() throws {
        let script = """
        import random
        for _ in range(20):
            x = random.randrange(0, 2**(64*16)); m = random.choice([3, 5, 7, 4093, 4091, 65537, 65521, 99991])
            print(format(x, "x"), m, x % m, pow(x % m, m - 2, m))
        """
        for (line, f) in try pythonCases(script) {
            let divisor = SmallDivisor(Limb(f[1])!)
            let residue = divisor.residue(of: Nat(bigEndian: bytes(ofHex: f[0]), limbCount: 1024 / Limb.bitWidth).limbs)
            XCTAssertEqual(residue, Limb(f[2])!, "python case line \(line): residue modulo \(f[1])")
            XCTAssertEqual(divisor.power(residue, divisor.m - 2), Limb(f[3])!, "python case line \(line): power modulo \(f[1])")
        }
        let table = smallOddPrimeDivisors.map { Int($0.m) }
        let primes = try pythonCases("import sympy\nprint(' '.join(str(p) for p in sympy.primerange(3, 4096)))")[0].fields.map { Int($0)! }
        XCTAssertEqual(table, primes, "the trial-division table is not the odd primes below 4096 (sympy.primerange)")
    }
}
