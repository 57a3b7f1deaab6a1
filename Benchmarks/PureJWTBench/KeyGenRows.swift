import PureCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// RSA key generation. One generation takes a fraction of a second and its time varies a lot (it is
/// the number of random candidates drawn), so besides the harness's median and minimum this file
/// records every generation it times and prints their spread (min / median / max) on stderr when
/// the process exits.
///
/// Self-check before timing: Miller–Rabin classifies published primes (Mersenne primes
/// 2^127 − 1, 2^521 − 1, 2^1279 − 1) and composites (the Fermat number 2^128 + 1, 2^1277 − 1,
/// the strong pseudoprime 3215031751 to bases 2, 3, 5, 7 and the Carmichael number 561), and a
/// freshly generated 2048-bit key re-imports through the strict initializer, signs and verifies.
enum KeyGenRows {
    /// Seconds per generation, every one timed by the row (calibration and trials).
    nonisolated(unsafe) static var samples: [Double] = []

    static func mersenne(_ exponent: Int, plus: Int) -> [UInt8] {
        // 2^exponent + plus for plus ∈ {−1, +1}, big-endian.
        var bytes = [UInt8](repeating: 0, count: exponent / 8 + 1)
        bytes[0] = 1 << UInt8(exponent % 8)
        if plus > 0 {
            bytes[bytes.count - 1] |= 1
        } else {
            // 2^k − 1: all ones below bit k.
            bytes[0] = (1 << UInt8(exponent % 8)) - 1
            for i in 1..<bytes.count { bytes[i] = 0xFF }
        }
        return bytes
    }

    static let group = BenchGroup(
        name: "RSA key generation",
        selfCheck: { () -> [String] in
            var failures: [String] = []
            for (name, number, prime) in [
                ("2^127 - 1", mersenne(127, plus: -1), true), ("2^521 - 1", mersenne(521, plus: -1), true),
                ("2^1279 - 1", mersenne(1279, plus: -1), true), ("2^128 + 1", mersenne(128, plus: 1), false),
                ("2^1277 - 1", mersenne(1277, plus: -1), false), ("561", [0x02, 0x31], false),
                ("3215031751", [0xBF, 0xA1, 0x7D, 0xC7], false),
            ] {
                expect(Primality.isProbablePrime(number) == prime, "Miller-Rabin: \(name) should be \(prime ? "prime" : "composite")", &failures)
            }
            for base: UInt8 in [2, 3, 5, 7] {
                expect((try? Primality.isStrongProbablePrime([0xBF, 0xA1, 0x7D, 0xC7], base: [base])) == true,
                       "3215031751 is a strong pseudoprime to base \(base)", &failures)
            }
            expect((try? Primality.isStrongProbablePrime([0xBF, 0xA1, 0x7D, 0xC7], base: [11])) == false,
                   "3215031751 is not a strong pseudoprime to base 11", &failures)
            do {
                let key = try RSAPrivateKey.generate(modulusBitCount: 2048)
                let x = key.numbers
                let again = try RSAPrivateKey(numbers: x)
                let message = Array("purejwt-bench".utf8)
                let signature = try again.signPKCS1v15(message, hash: SHA256.self)
                expect(key.modulusBitCount == 2048 && x.e == [1, 0, 1], "generated key: 2048 bits, e = 65537", &failures)
                expect(key.publicKey.isValidPKCS1v15Signature(signature, for: message, hash: SHA256.self),
                       "generated key: signature verifies", &failures)
                expect(Primality.isProbablePrime(x.crt!.p) && Primality.isProbablePrime(x.crt!.q), "generated key: p and q prime", &failures)
            } catch {
                failures.append("generated key: \(error)")
            }
            return failures
        },
        rows: [
            BenchRow(key: "rsa2048.generate", bytes: nil) {
                atexit {
                    let s = KeyGenRows.samples.sorted()
                    guard !s.isEmpty else { return }
                    writeOut("rsa2048.generate spread over \(s.count) keys (s): min \(format(s[0], 3)), median "
                        + "\(format(median(s), 3)), max \(format(s[s.count - 1], 3))\n", to: 2)
                }
                let clock = ContinuousClock()
                return { iterations in
                    for _ in 0..<iterations {
                        let start = clock.now
                        let key = try! RSAPrivateKey.generate(modulusBitCount: 2048)
                        KeyGenRows.samples.append(nanoseconds(clock.now - start) / 1e9)
                        blackHole(key.publicKey.numbers.n)
                    }
                }
            },
        ])
}
