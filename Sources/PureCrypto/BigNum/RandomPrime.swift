/// Random probable primes for RSA keys (FIPS 186-5 Appendix A.1.3 with the tests of B.3.1):
/// independent random candidates, cheap trial division first, then Miller–Rabin.

extension Nat {
    /// A random probable prime of exactly `bits` bits (a multiple of 64, hence of the limb width) whose two top bits are
    /// set (so the product of two of them has exactly `2·bits` bits, and `p ≥ √2·2^(bits−1)` as
    /// A.1.3 step 4.4 requires), with `gcd(p − 1, e) = 1` for the prime public exponent `e`.
    ///
    /// Every candidate is a fresh random odd number, never the previous candidate plus two: a
    /// rejected candidate is discarded whole, so whatever its rejection reveals (which small prime
    /// divided it, that `p mod e = 1`, that a Miller–Rabin round failed, and when) is about a
    /// number independent of the prime finally returned. Rejection sampling thus reveals only how
    /// many candidates were drawn. The accepted candidate goes through every check in full:
    /// trial division by all 563 small primes in constant time (Barrett, no division
    /// instruction), the `mod e` check, and `rounds` Miller–Rabin rounds over the constant-time
    /// exponentiation; what those leak about it is the width and `a`, the number of trailing
    /// zero bits of `p − 1` (see `MillerRabin`).
    static func randomPrime(bits: Int, publicExponent e: SmallDivisor, rounds: Int) -> Nat {
        precondition(bits >= 128 && bits % 64 == 0, "prime sizes are multiples of 64 bits")
        let count = bits / limbBitWidth
        var generator = SystemRandomNumberGenerator()
        var candidate = Nat(limbCount: count)
        candidates: while true {
            for i in 0..<count { candidate.limbs[i] = generator.next() }
            candidate.limbs[count - 1] |= 0b11 << Limb(limbBitWidth - 2)
            candidate.limbs[0] |= 1
            for divisor in smallOddPrimeDivisors {
                // Early exit only for a candidate that is then discarded.
                if divisor.residue(of: candidate.limbs) == 0 { continue candidates }
            }
            // gcd(p − 1, e) = 1 for prime e ⇔ p mod e ≠ 1.
            if e.residue(of: candidate.limbs) == 1 { continue candidates }
            guard let modulus = try? Modulus(candidate) else { continue candidates }  // never: odd, > 1
            if MillerRabin(modulus, bitLength: bits).passes(rounds: rounds) { return candidate }
        }
    }
}
