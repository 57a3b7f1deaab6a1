/// The Miller–Rabin probabilistic primality test of FIPS 186-5 Appendix B.3.1, over the
/// constant-time Montgomery exponentiation, and a public entry point for checking numbers.

/// Miller–Rabin rounds for a prime of `bits` bits generated for an RSA modulus of twice that
/// size: FIPS 186-5 Table B.1 ("M-R tests only"): 5 rounds for the 1024-bit primes of RSA-2048
/// (error probability ≤ 2^−112), 4 for the 1536-bit primes of RSA-3072 (≤ 2^−128) and 4 for the
/// 2048-bit primes of RSA-4096 (≤ 2^−144). Our own evaluation of the Damgård–Landrock–Pomerance
/// bound (FIPS 186-5 Appendix C.1) for random candidates gives 2^−124, 2^−137 and 2^−161 for
/// these choices. Smaller primes (not used for keys) get 10 rounds.
func millerRabinRounds(forPrimeBits bits: Int) -> Int {
    if bits >= 1536 { return 4 }
    if bits >= 1024 { return 5 }
    return 10
}

/// Miller–Rabin for one odd candidate `w > 3`: `w − 1 = 2^a · m` with `m` odd (B.3.1 steps 1–2).
///
/// What leaks: the width of `w`, and `a` (the number of trailing zero bits of `w − 1`), through
/// the shift that computes `m` and the number of squarings of each round; for a random prime `a`
/// averages 2 and carries about 2 bits. Never `m`, the bases, or where in a round the sequence
/// reaches `w − 1`: every round does all `a − 1` squarings and accumulates its verdict with masks.
struct MillerRabin {
    let w: Modulus
    let wMinusOne: Nat
    let m: Nat
    let a: Int
    /// The significant bits of `w`; public (the candidate's announced size).
    let bitLength: Int

    init(_ w: Modulus, bitLength: Int) {
        self.w = w
        self.bitLength = bitLength
        wMinusOne = w.n.subtractingOne()
        a = wMinusOne.trailingZeroBitCountVarTime
        m = wMinusOne.shiftedRightVarTime(by: a)
    }

    /// B.3.1 steps 4.3–4.7 for one base `2 ≤ b ≤ w − 2` (in the width of `w`): whether `w` is a
    /// strong probable prime to base `b`. Constant time in `w`, `m` and `b`, given `a`.
    func isStrongProbablePrime(base b: Nat) -> Choice {
        var z = w.power(b, m)
        var passed = Nat.equal(z, Nat(1, limbCount: w.limbCount)) | Nat.equal(z, wMinusOne)
        var j = 1
        while j < a {  // leaks a (see the type's documentation)
            z = w.multiply(z, z)
            // Once z = 1 without having been w − 1, it stays 1 and never passes: "composite".
            passed = passed | Nat.equal(z, wMinusOne)
            j += 1
        }
        return passed
    }

    /// A uniformly random base `2 ≤ b ≤ w − 2` (B.3.1 steps 4.1–4.2), by rejection sampling of
    /// `bitLength`-bit numbers. A draw is rejected with probability below 1/2; rejected draws are
    /// discarded, so the number of draws tells nothing about the base kept.
    func randomBase() -> Nat {
        let count = w.limbCount
        let topBits = bitLength - limbBitWidth * (count - 1)
        let topMask: Limb = topBits == limbBitWidth ? ~0 : (1 << Limb(topBits)) - 1
        let two = Nat(2, limbCount: count)
        var generator = SystemRandomNumberGenerator()
        while true {
            var b = Nat(limbCount: count)
            for i in 0..<count { b.limbs[i] = generator.next() }
            b.limbs[count - 1] &= topMask
            // 2 ≤ b and b < w − 1.
            if (!Nat.less(b, two) & Nat.less(b, wMinusOne)).declassified { return b }
        }
    }

    /// `rounds` rounds with fresh random bases; stops at the first failed round (a composite is
    /// discarded by every caller, so stopping early tells only that it was composite).
    func passes(rounds: Int) -> Bool {
        for _ in 0..<rounds {
            guard isStrongProbablePrime(base: randomBase()).declassified else { return false }
        }
        return true
    }
}

/// Primality checks for numbers that are public (tests, a published prime, a benchmark
/// self-check). Key generation uses the same Miller–Rabin code internally.
package enum Primality {
    /// Whether `number` (big-endian magnitude) is a probable prime: trial division by the odd
    /// primes below 4096, then `rounds` Miller–Rabin rounds with random bases (FIPS 186-5
    /// B.3.1). A composite passes with probability at most `4^−rounds`, far less for random
    /// numbers. Numbers below 4096² are decided exactly by the trial division.
    ///
    /// Variable time: leaks the size of the number, whether and where trial division found a
    /// factor, and the verdict. Use it on public numbers only.
    package static func isProbablePrime(_ number: [UInt8], rounds: Int = 20) -> Bool {
        let w = Nat(bigEndian: number.isEmpty ? [0] : number).trimmedVarTime()
        let bits = w.bitLengthVarTime
        if bits <= 1 { return false }
        if bits == 2 { return true }  // 2 and 3
        if w.limbs[0] & 1 == 0 { return false }
        let value = w.limbCount == 1 ? w.limbs[0] : Limb.max
        for divisor in smallOddPrimeDivisors {
            if value == divisor.m { return true }
            if divisor.residue(of: w.limbs) == 0 { return false }
        }
        if bits <= 24 { return true }  // no factor below 4096 ≥ √w
        guard let modulus = try? Modulus(w) else { return false }
        return MillerRabin(modulus, bitLength: bits).passes(rounds: rounds)
    }

    /// Whether the odd number `number > 3` is a strong probable prime to `base`
    /// (`2 ≤ base ≤ number − 2`): one Miller–Rabin round with a chosen base. Every prime passes;
    /// a composite that passes is a strong pseudoprime to that base (2047 to base 2; 3215031751
    /// to bases 2, 3, 5 and 7). Throws `invalid_argument` when the inputs are out of range.
    ///
    /// Variable time in the inputs' sizes and in the verdict; for public numbers only.
    package static func isStrongProbablePrime(_ number: [UInt8], base: [UInt8]) throws(CryptoError) -> Bool {
        let w = Nat(bigEndian: number.isEmpty ? [0] : number).trimmedVarTime()
        guard w.limbs[0] & 1 == 1, w.bitLengthVarTime >= 3, !(w.limbCount == 1 && w.limbs[0] <= 3) else {
            throw CryptoError(.invalidArgument, "a Miller–Rabin round needs an odd number above 3")
        }
        let modulus = try Modulus(w)
        let test = MillerRabin(modulus, bitLength: w.bitLengthVarTime)
        let b = Nat(bigEndian: base.isEmpty ? [0] : base).trimmedVarTime()
        guard b.limbCount <= w.limbCount else {
            throw CryptoError(.invalidArgument, "the Miller–Rabin base must be between 2 and the number minus 2")
        }
        let bw = b.resized(to: w.limbCount)
        guard (!Nat.less(bw, Nat(2, limbCount: w.limbCount)) & Nat.less(bw, test.wMinusOne)).declassified else {
            throw CryptoError(.invalidArgument, "the Miller–Rabin base must be between 2 and the number minus 2")
        }
        return test.isStrongProbablePrime(base: bw).declassified
    }
}
