/// Recovery of the primes p and q from (n, e, d), for keys given without CRT parameters, by a
/// deterministic computation of p + q: no random bases, no exponentiation, a cost that depends
/// only on the size of n (Boneh, "Twenty Years of Attacks on the RSA Cryptosystem", Notices of
/// the AMS 46(2), 1999, Fact 1, turned into a closed form).
///
/// The method. Let M = d·e − 1. For a key d·e ≡ 1 mod λ(n), so λ(n) | M. With g = gcd(p−1, q−1)
/// dividing both n − 1 and M, G = gcd(n − 1, M) is a multiple of g and a = M·G a multiple of
/// φ(n) = (p−1)(q−1) = n − s + 1, where s = p + q. Write a = m·φ(n) = m·n − m·(s − 1). When
/// m·(s − 1) < n (m is below e·G for a d under n, far below √n for any real key), ⌊a / n⌋ = m − 1
/// and a mod n = n − m·(s − 1), which gives s; p and q are the roots of x² − s·x + n.

extension CryptoError.Code {
    /// The modulus has a repeated prime factor (every perfect power p^k, and p²·q) that d
    /// fits: not an RSA modulus of two distinct primes.
    public static let keyModulusPerfectPower = CryptoError.Code("key_modulus_perfect_power")
}

extension RSAPrivateKey {
    /// Imports a private key from `(n, e, d)` alone, recovering `p` and `q` and computing `dP`,
    /// `dQ` and `qInv`; the result then passes every check of the eight-number initializer.
    ///
    /// Throws `key_modulus_perfect_power` when n has a repeated prime factor that d fits (so
    /// p | λ(n) | d·e − 1 and gcd(d·e − 1, n) shares a factor with its cofactor: every perfect
    /// power such as 103^k, and p²·q),
    /// `invalid_key` when no pair of primes follows from (n, e, d) (the private exponent does
    /// not belong to this modulus, or the key is not two primes), and the errors of the
    /// eight-number initializer and of `RSAPublicKey.init(n:e:options:)`.
    ///
    /// Cost: two binary GCDs, two long divisions and a square root on numbers of about twice
    /// the size of n, then, once p·q = n and e·d ≡ 1 modulo p − 1 and q − 1 hold, one
    /// exponentiation modulo p for `qInv`. A hostile key (a prime power, a d that does not fit n)
    /// fails before any exponentiation, at every allowed size.
    ///
    /// Leaks (a one-time, import-path leak, unlike every signing operation): the timing of
    /// variable-time GCDs, divisions and a square root on values that determine `p` and `q`.
    /// Prefer importing keys with their CRT parameters (PKCS#1, PKCS#8 and JWK private keys carry
    /// them) when an attacker can time the import.
    public init(n: [UInt8], e: [UInt8], d: [UInt8], options: RSAKeyOptions = []) throws(CryptoError) {
        let publicKey = try RSAPublicKey(n: n, e: e, options: options)
        let modulus = publicKey.modulus
        let nNat = modulus.n
        let dNat = try secretNumber(d, limbs: modulus.limbCount)
        let failure = CryptoError(.invalidKey, "no pair of primes follows from (n, e, d); the private exponent does not match this public key")

        // M = d·e − 1, even for any real key (e odd, d odd).
        let de = dNat.multipliedFullWidth(by: Nat(publicKey.e, limbCount: 1))
        let m = de.subtracting(Nat(1, limbCount: de.limbCount)).difference
        guard !m.isZero.declassified, m.limbs[0] & 1 == 0 else { throw failure }

        // A repeated prime factor p of n divides λ(n), hence M: gcd(M, n) exposes it. For a real
        // key gcd(M, n) = 1 (p | M would need p | q − 1 or p | (M / λ(n)) < e·gcd(p−1, q−1));
        // a tiny prime such as p = 3 can divide M, and then gcd(M, n) is that prime.
        let one = Nat(1, limbCount: 1)
        let shared = Nat.gcdVarTime(m, oddY: nNat).trimmedVarTime()
        let pT: Nat, qT: Nat
        if Nat.compareVarTime(shared, one) != 0 {
            let (cofactor, _) = nNat.dividedVarTime(by: shared)
            guard Nat.compareVarTime(shared, nNat) != 0,
                  Nat.compareVarTime(Nat.gcdVarTime(shared, oddY: cofactor), one) == 0 else {
                throw CryptoError(.keyModulusPerfectPower, "the RSA modulus has a repeated prime factor (a prime power or p²·q): it is not the product of two distinct primes")
            }
            let c = cofactor.trimmedVarTime()
            (pT, qT) = Nat.compareVarTime(shared, c) > 0 ? (shared, c) : (c, shared)
        } else {
            (pT, qT) = try Self.primesFromSum(m: m, n: nNat, failure: failure)
        }
        guard pT.limbs[0] & 1 == 1, qT.limbs[0] & 1 == 1,
              Nat.compareVarTime(qT, one) > 0,
              Nat.compareVarTime(pT.multipliedFullWidth(by: qT), nNat) == 0 else { throw failure }

        let dP = dNat.reducedBitwise(modulo: pT.subtractingOne())
        let dQ = dNat.reducedBitwise(modulo: qT.subtractingOne())
        // e·dP ≡ 1 mod (p − 1) and likewise for q before the one exponentiation, so a modulus
        // of three or more primes split into two composites fails without it.
        let eNat = Nat(publicKey.e, limbCount: 1)
        for (prime, crtExponent) in [(pT, dP), (qT, dQ)] {
            let pMinusOne = prime.subtractingOne()
            let de = crtExponent.multipliedFullWidth(by: eNat).reducedBitwise(modulo: pMinusOne)
            guard Nat.equal(de, Nat(1, limbCount: pMinusOne.limbCount)).declassified else { throw failure }
        }
        // qInv = q^(p−2) mod p (Fermat); the full check below rejects it if p is not prime.
        let pMod = try Modulus(pT)
        let two = Nat(2, limbCount: pT.limbCount)
        let qInv = pMod.power(pMod.reduce(qT), pT.subtracting(two).difference)

        try self.init(
            n: n, e: e, d: d,
            p: trimmedBigEndian(pT), q: trimmedBigEndian(qT),
            dP: trimmedBigEndian(dP), dQ: trimmedBigEndian(dQ), qInv: trimmedBigEndian(qInv),
            options: options)
    }

    /// p > q from s = p + q, which follows from M = d·e − 1 and n by the closed form above.
    /// Variable time (see the initializer).
    private static func primesFromSum(m: Nat, n: Nat, failure: CryptoError) throws(CryptoError) -> (Nat, Nat) {
        // G = gcd(n − 1, M), both even: 2^min(v₂) times the GCD of M with the odd part of n − 1.
        let nMinusOne = n.subtractingOne()
        let twos = min(nMinusOne.trailingZeroBitCountVarTime, m.trailingZeroBitCountVarTime)
        let oddGCD = Nat.gcdVarTime(m, oddY: nMinusOne.shiftedRightVarTime(by: nMinusOne.trailingZeroBitCountVarTime)).trimmedVarTime()
        let g = oddGCD.shiftedLeftVarTime(by: twos, width: oddGCD.limbCount + twos / limbBitWidth + 1).trimmedVarTime()
        let a = m.trimmedVarTime().multipliedFullWidth(by: g)

        // a = (mult − 1)·n + rem with rem = n − mult·(s − 1); mult is small for every real key
        // (a bound of 2^256 keeps the next division cheap and refuses hostile G).
        let (quotient, rem) = a.dividedVarTime(by: n)
        guard quotient.bitLengthVarTime <= 256 else { throw failure }
        let q1 = quotient.trimmedVarTime().resized(to: quotient.trimmedVarTime().limbCount + 1)
        let multiplier = q1.adding(Nat(1, limbCount: q1.limbCount)).sum
        let (sMinusOne, leftover) = n.subtracting(rem).difference.dividedVarTime(by: multiplier)
        guard leftover.isZero.declassified else { throw failure }

        // s = p + q; (p − q)² = s² − 4n.
        let sWide = sMinusOne.resized(to: sMinusOne.limbCount + 1)
        let s = sWide.adding(Nat(1, limbCount: sWide.limbCount)).sum.trimmedVarTime()
        let square = s.multipliedFullWidth(by: s)
        let fourN = n.shiftedLeftVarTime(by: 2, width: square.limbCount)
        guard Nat.compareVarTime(square, fourN) > 0 else { throw failure }
        let discriminant = square.subtracting(fourN).difference
        let root = discriminant.squareRootVarTime
        guard Nat.compareVarTime(root.multipliedFullWidth(by: root), discriminant) == 0,
              (s.limbs[0] ^ root.limbs[0]) & 1 == 0 else { throw failure }
        let rootAtS = root.resized(to: max(root.limbCount, s.limbCount))
        let sAtRoot = s.resized(to: rootAtS.limbCount)
        // p = (s + root) / 2 > q = (s − root) / 2, both odd and greater than one for a real key.
        let (sum, carry) = sAtRoot.adding(rootAtS)
        var pWide = sum.resized(to: sum.limbCount + 1)
        pWide.limbs[sum.limbCount] = carry
        return (pWide.shiftedRightVarTime(by: 1).trimmedVarTime(),
                sAtRoot.subtracting(rootAtS).difference.shiftedRightVarTime(by: 1).trimmedVarTime())
    }
}
