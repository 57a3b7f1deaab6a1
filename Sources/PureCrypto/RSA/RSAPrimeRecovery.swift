/// Recovery of the primes p and q from (n, e, d), for keys given without CRT parameters
/// (NIST SP 800-56B Rev. 2, Appendix C.2; the method goes back to Miller 1976 and is folklore in
/// RFC 8017's notes on multi-prime keys).

extension RSAPrivateKey {
    /// Imports a private key from `(n, e, d)` alone, recovering `p` and `q` and computing `dP`,
    /// `dQ` and `qInv`; the result then passes every check of the eight-number initializer.
    ///
    /// Throws `invalid_key` if no factorization is found (a valid `d` yields one with
    /// probability at least 1 − 2⁻¹⁰⁰), and the errors of `RSAPublicKey.init(n:e:options:)`.
    ///
    /// Leaks (a one-time, import-path leak, unlike every signing operation): the number of
    /// bases tried and the number of squarings before a nontrivial root of 1 appears, the
    /// 2-adic valuation of `d·e − 1`, and timing of a variable-time binary GCD on values that
    /// determine `p` and `q`. Prefer importing keys with their CRT parameters (PKCS#1, PKCS#8 and
    /// JWK private keys carry them) when an attacker can time the import.
    public init(n: [UInt8], e: [UInt8], d: [UInt8], options: RSAKeyOptions = []) throws(CryptoError) {
        let publicKey = try RSAPublicKey(n: n, e: e, options: options)
        let modulus = publicKey.modulus
        let width = modulus.limbCount
        let nNat = modulus.n
        let dNat = try secretNumber(d, limbs: width)
        let failure = CryptoError(.invalidKey, "no factorization of n follows from (n, e, d); the private exponent does not match this public key")

        // k = d·e − 1 = 2^t · r with r odd.
        let de = dNat.multipliedFullWidth(by: Nat(publicKey.e, limbCount: 1))
        let k = de.subtracting(Nat(1, limbCount: de.limbCount)).difference
        guard !k.isZero.declassified else { throw failure }
        let t = k.trailingZeroBitCountVarTime
        guard t >= 1 else { throw failure }
        let r = k.shiftedRightVarTime(by: t)

        let one = Nat(1, limbCount: width)
        let nMinusOne = nNat.subtractingOne()
        var found: (Nat, Nat)? = nil
        // 100 bases: each succeeds with probability ≥ 1/2 for a valid key.
        var g: Limb = 2
        search: while g < 102 {
            defer { g += 1 }
            var y = modulus.power(modulus.reduce(Nat(g, limbCount: 1)), r)
            if (Nat.equal(y, one) | Nat.equal(y, nMinusOne)).declassified { continue }
            for _ in 0..<t {
                let x = modulus.multiply(y, y)
                if Nat.equal(x, one).declassified {
                    // y is a nontrivial square root of 1: y − 1 and y + 1 each share one prime with n.
                    let a = Nat.gcdVarTime(y.subtracting(one).difference, oddY: nNat)
                    let b = Nat.gcdVarTime(modulus.add(y, one), oddY: nNat)
                    found = (a, b)
                    break search
                }
                if Nat.equal(x, nMinusOne).declassified { continue search }
                y = x
            }
            // g^(d·e − 1) ≠ 1: for a matching d this never happens (g is coprime to n or we
            // would have found a factor), so d does not belong to this key.
            throw failure
        }
        guard let (a, b) = found else { throw failure }
        // Convention: p > q.
        let (p, q) = Nat.compareVarTime(a, b) > 0 ? (a, b) : (b, a)
        let pT = p.trimmedVarTime(), qT = q.trimmedVarTime()
        guard pT.limbs[0] & 1 == 1, qT.limbs[0] & 1 == 1,
              Nat.compareVarTime(qT, Nat(1, limbCount: 1)) > 0 else { throw failure }
        let dP = dNat.reducedBitwise(modulo: pT.subtractingOne())
        let dQ = dNat.reducedBitwise(modulo: qT.subtractingOne())
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
}
