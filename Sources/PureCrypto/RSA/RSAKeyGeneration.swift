/// RSA key-pair generation for 2048-, 3072- and 4096-bit moduli with `e = 65537`, following
/// FIPS 186-5 Appendix A.1.3 (random probable primes) and A.1.1 (the private exponent modulo
/// `λ(n) = lcm(p − 1, q − 1)`), with every secret computed in constant time except where noted.
///
/// What leaks, in total:
/// - how many candidates were drawn for each prime and how each rejected candidate failed
///   (every candidate is fresh randomness, so this says nothing about the primes kept; see
///   `Nat.randomPrime`);
/// - `a_p` and `a_q`, the numbers of trailing zero bits of `p − 1` and `q − 1` (about 2 bits of
///   each prime, through the Miller–Rabin squaring count, and through the shifts below, which
///   use only `min(a_p, a_q)`);
/// - the events "|p − q| too small", "the odd part of gcd(p − 1, q − 1) is wider than one limb" and
///   "d ≤ 2^(nlen/2)", each of which makes us discard the primes (probability below 2^−60 each,
///   except the gcd event with 32-bit limbs: about 2^−33);
/// - the byte length of each number in the exported key (as every encoding of the key does).
/// Everything else (the gcd, the exact divisions, `λ mod e`, the inverse modulo `e`, `d`, `dP`,
/// `dQ`, `qInv` = `q^(p−2) mod p`) runs in time that depends only on the announced widths.

extension RSAPrivateKey {
    /// The modulus sizes `generate(modulusBitCount:)` produces.
    public static let generatableModulusBitCounts = [2048, 3072, 4096]

    /// A fresh RSA key with `e = 65537` and a modulus of exactly `modulusBitCount` bits (2048,
    /// 3072 or 4096; anything else throws `key_size_not_allowed`).
    ///
    /// Primes: independent random odd candidates of `modulusBitCount/2` bits with the top two bits
    /// set, trial division by the odd primes below 4096, `p mod e ≠ 1`, then Miller–Rabin with
    /// random bases and the rounds of FIPS 186-5 Table B.1 (5, 4 and 4 rounds for the three
    /// sizes). Then `|p − q| > 2^(nlen/2 − 100)`, `d = e⁻¹ mod lcm(p − 1, q − 1)` with
    /// `d > 2^(nlen/2)`, and the CRT numbers; the key is built through the strict
    /// `init(n:e:d:p:q:dP:dQ:qInv:options:)`, so every import check runs on it too.
    ///
    /// Takes a fraction of a second for 2048 bits (Docs/PERFORMANCE.md: median under 0.1 s; the
    /// time varies a lot from key to key: it is the number of candidates drawn). See this file's header for exactly what may leak.
    public static func generate(modulusBitCount: Int) throws(CryptoError) -> RSAPrivateKey {
        guard generatableModulusBitCounts.contains(modulusBitCount) else {
            throw CryptoError(.keySizeNotAllowed, "RSA keys are generated with 2048, 3072 or 4096 bits, not \(modulusBitCount); 2048 is the usual choice for Box")
        }
        let e = SmallDivisor(65537)
        let primeBits = modulusBitCount / 2
        let rounds = millerRabinRounds(forPrimeBits: primeBits)
        while true {
            let p = Nat.randomPrime(bits: primeBits, publicExponent: e, rounds: rounds)
            var q = Nat.randomPrime(bits: primeBits, publicExponent: e, rounds: rounds)
            while !primesFarApart(p, q, modulusBitCount: modulusBitCount).declassified {
                q = Nat.randomPrime(bits: primeBits, publicExponent: e, rounds: rounds)
            }
            if let key = try assembleKey(p, q, e: e, modulusBitCount: modulusBitCount) { return key }
        }
    }

    /// `|p − q| > 2^(nlen/2 − 100)` (FIPS 186-5 A.1.3 step 5.4), in constant time.
    static func primesFarApart(_ p: Nat, _ q: Nat, modulusBitCount: Int) -> Choice {
        let (pq, borrow) = p.subtracting(q)
        let qp = q.subtracting(p).difference
        var distance = pq
        for i in 0..<distance.limbCount { distance.limbs[i] = Choice(bit: borrow).select(qp.limbs[i], pq.limbs[i]) }
        var bound = Nat(limbCount: p.limbCount)
        let bit = modulusBitCount / 2 - 100
        bound.limbs[bit / limbBitWidth] = 1 << Limb(bit % limbBitWidth)
        return Nat.less(bound, distance)
    }

    /// The key for primes `p`, `q` (same width), or nil when they must be discarded (the odd part
    /// of gcd(p − 1, q − 1) does not fit one limb, or d ≤ 2^(nlen/2)).
    static func assembleKey(_ p0: Nat, _ q0: Nat, e: SmallDivisor, modulusBitCount: Int) throws(CryptoError) -> RSAPrivateKey? {
        let half = p0.limbCount, width = 2 * half
        // p > q, as OpenSSL orders them (a masked swap: which one was larger is not revealed).
        let swap = Nat.less(p0, q0)
        var p = p0, q = q0
        for i in 0..<half {
            p.limbs[i] = swap.select(q0.limbs[i], p0.limbs[i])
            q.limbs[i] = swap.select(p0.limbs[i], q0.limbs[i])
        }
        let pMinusOne = p.subtractingOne(), qMinusOne = q.subtractingOne()

        // λ = (p − 1)·(q − 1)/g with g = gcd(p − 1, q − 1) = 2^s·h, s = min(a_p, a_q), h odd.
        // The trailing-zero counts already leak through Miller–Rabin (see the file header).
        let ap = pMinusOne.trailingZeroBitCountVarTime, aq = qMinusOne.trailingZeroBitCountVarTime
        let h = Nat.gcd(pMinusOne.shiftedRightVarTime(by: ap), oddY: qMinusOne.shiftedRightVarTime(by: aq))
        var hHigh: Limb = 0
        for i in 1..<half { hHigh |= h.limbs[i] }
        guard Choice.isZero(hHigh).declassified else { return nil }  // probability ≈ 2^−(limbBitWidth + 1)
        let qPart = qMinusOne.shiftedRightVarTime(by: min(ap, aq)).dividedExactly(byOdd: h.limbs[0])
        let lambda = pMinusOne.multipliedFullWidth(by: qPart)  // `width` limbs

        // d = (1 + k·λ)/e with k = −λ⁻¹ mod e: then d·e ≡ 1 (mod λ) and 0 < d < λ. λ mod e ≠ 0
        // because e is prime and divides neither p − 1 nor q − 1. The inverse modulo the prime e
        // is λ^(e−2) (Fermat); the division by e is exact.
        let lambdaModE = e.residue(of: lambda.limbs)
        let k = e.m - e.power(lambdaModE, e.m - 2)
        var numerator = lambda.multipliedFullWidth(by: Nat(k, limbCount: 1))  // width + 1 limbs
        numerator = numerator.adding(Nat(1, limbCount: width + 1)).sum
        let d = numerator.dividedExactly(byOdd: e.m).resized(to: width)

        // d > 2^(nlen/2) (FIPS 186-5 A.1.1 step 3 / A.1.3).
        var bound = Nat(limbCount: width)
        bound.limbs[half] = 1
        guard Nat.less(bound, d).declassified else { return nil }

        let dP = d.reducedBitwise(modulo: pMinusOne)
        let dQ = d.reducedBitwise(modulo: qMinusOne)
        let pModulus = try Modulus(p)
        let qInv = pModulus.power(pModulus.reduce(q), p.subtracting(Nat(2, limbCount: half)).difference)
        let n = p.multipliedFullWidth(by: q)

        let bytes = half * limbByteCount
        return try RSAPrivateKey(
            n: n.bigEndianBytes(count: 2 * bytes), e: [0x01, 0x00, 0x01], d: d.bigEndianBytes(count: 2 * bytes),
            p: p.bigEndianBytes(count: bytes), q: q.bigEndianBytes(count: bytes),
            dP: dP.bigEndianBytes(count: bytes), dQ: dQ.bigEndianBytes(count: bytes),
            qInv: qInv.bigEndianBytes(count: bytes))
    }
}
