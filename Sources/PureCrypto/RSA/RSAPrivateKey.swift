/// The RSA private key with CRT parameters, its strict import checks, and the private-key
/// primitive RSASP1 in CRT form with a verify-after-sign check (RFC 8017 §3.2, §5.2.1).

/// An RSA private key `(n, e, d, p, q, dP, dQ, qInv)`.
///
/// What may leak: the byte lengths of the numbers as given (they are visible in any encoding of
/// the key), and that the key passed or failed its checks. Signing runs in time independent of
/// every secret number and of the message. `description` shows only the type and size.
public struct RSAPrivateKey: Sendable, CustomStringConvertible {
    /// The public half.
    public let publicKey: RSAPublicKey
    /// The private exponent in the width of `n` (kept for export only; signing uses CRT).
    let d: Nat
    let p: Modulus
    let q: Modulus
    /// `d mod (p − 1)` in the width of p, `d mod (q − 1)` in the width of q.
    let dP: Nat
    let dQ: Nat
    /// `q⁻¹ mod p`, plain and in Montgomery form for p.
    let qInv: Nat
    let qInvMontgomery: Nat

    /// Bits in `n`.
    public var modulusBitCount: Int { publicKey.modulusBitCount }

    /// Imports a private key from its eight numbers (big-endian magnitudes; leading zero bytes are
    /// ignored), checking them hard.
    ///
    /// Checks: the public checks of `RSAPublicKey.init(n:e:options:)`; `p` and `q` odd and greater
    /// than one; `p·q = n`; `dP = d mod (p−1)`, `dQ = d mod (q−1)`; `dP·e ≡ 1 mod (p−1)` and
    /// `dQ·e ≡ 1 mod (q−1)` (so `d·e ≡ 1` modulo both); `qInv < p` and `qInv·q ≡ 1 mod p`. Any
    /// failure throws `invalid_key` without saying which number is wrong. A consistent key must
    /// then be strong, as Go's `crypto/internal/fips140/rsa` requires: each prime at least
    /// ⌊nlen/2⌋ − 16 bits (`key_primes_unbalanced`), |p − q| > 2^(⌊nlen/2⌋ − 100)
    /// (`key_primes_too_close`), d > 2^⌊nlen/2⌋ (`key_private_exponent_too_small`).
    ///
    /// Leaks the byte lengths of the numbers and whether the key is valid, and which strength
    /// check refused it. The consistency and strength checks run in time that depends only on
    /// the byte lengths.
    public init(
        n: [UInt8], e: [UInt8], d: [UInt8], p: [UInt8], q: [UInt8],
        dP: [UInt8], dQ: [UInt8], qInv: [UInt8], options: RSAKeyOptions = []
    ) throws(CryptoError) {
        let publicKey = try RSAPublicKey(n: n, e: e, options: options)
        let nNat = publicKey.modulus.n
        let nWidth = nNat.limbCount
        let invalid = CryptoError(.invalidKey, "the RSA private key numbers are inconsistent; the key is corrupt or was altered")

        let pNat = try secretNumber(p, maxLimbs: nWidth)
        let qNat = try secretNumber(q, maxLimbs: nWidth)
        let dNat = try secretNumber(d, limbs: nWidth)
        let pMod: Modulus, qMod: Modulus
        do {
            pMod = try Modulus(pNat)
            qMod = try Modulus(qNat)
        } catch {
            throw invalid
        }
        let dPNat = try secretNumber(dP, limbs: pNat.limbCount)
        let dQNat = try secretNumber(dQ, limbs: qNat.limbCount)
        let qInvNat = try secretNumber(qInv, limbs: pNat.limbCount)

        // p·q = n, compared in the wider of the two widths.
        let product = pNat.multipliedFullWidth(by: qNat)
        let width = max(product.limbCount, nWidth)
        var ok = Nat.equal(product.resized(to: width), nNat.resized(to: width))

        // dP = d mod (p−1) and dP·e ≡ 1 mod (p−1); likewise for q.
        let eNat = Nat(publicKey.e, limbCount: 1)
        for (prime, crtExponent) in [(pNat, dPNat), (qNat, dQNat)] {
            let pMinusOne = prime.subtractingOne()
            ok = ok & Nat.equal(dNat.reducedBitwise(modulo: pMinusOne), crtExponent)
            let de = crtExponent.multipliedFullWidth(by: eNat).reducedBitwise(modulo: pMinusOne)
            ok = ok & Nat.equal(de, Nat(1, limbCount: pMinusOne.limbCount))
        }

        // qInv < p and qInv·q ≡ 1 mod p.
        ok = ok & Nat.less(qInvNat, pNat)
        let qModP = pMod.reduce(qNat)
        ok = ok & Nat.equal(pMod.multiply(qInvNat, qModP), Nat(1, limbCount: pNat.limbCount))

        guard ok.declassified else { throw invalid }
        try Self.checkPrimeStrength(p: pNat, q: qNat, d: dNat, modulusBitCount: publicKey.modulusBitCount)
        self.publicKey = publicKey
        self.d = dNat
        self.p = pMod
        self.q = qMod
        self.dP = dPNat
        self.dQ = dQNat
        self.qInv = qInvNat
        self.qInvMontgomery = pMod.toMontgomery(qInvNat)
    }

    /// The size checks FIPS 186-5 §A.1.3 puts on generated primes, applied on import: a key that
    /// satisfies p·q = n and the CRT relations can still factor at once (p = 3 with a 2048-bit
    /// q; p and q so close that Fermat's method finds them: Böck, "Fermat Factorization in the
    /// Wild", ePrint 2023/026) or fall to small-d attacks (Wiener; Boneh-Durfee).
    ///
    /// Each check compares the secret number with a public power of two in constant time and
    /// declassifies only its verdict; a refused key's error message then names the bit length
    /// that failed (the key is not used after that).
    static func checkPrimeStrength(p: Nat, q: Nat, d: Nat, modulusBitCount: Int) throws(CryptoError) {
        let half = modulusBitCount / 2
        let pBalanced = atLeastPowerOfTwo(p, half - 17), qBalanced = atLeastPowerOfTwo(q, half - 17)
        guard (pBalanced & qBalanced).declassified else {
            let smaller = min(p.bitLengthVarTime, q.bitLengthVarTime)
            throw CryptoError(.keyPrimesUnbalanced, "one RSA prime has \(smaller) bits; each must have about half of the modulus's \(modulusBitCount) bits (at least \(half - 16)): this key factors easily")
        }
        let width = max(p.limbCount, q.limbCount)
        let pw = p.resized(to: width), qw = q.resized(to: width)
        // |p − q| without branching on which prime is larger.
        var distance = pw.subtracting(qw)
        let qMinusP = qw.subtracting(pw).difference
        distance.difference.limbs.withUnsafeMutableBufferPointer { x in
            qMinusP.limbs.withUnsafeBufferPointer { y in
                conditionalAssign(x.baseAddress!, y.baseAddress!, Choice(bit: distance.borrow), width)
            }
        }
        // bit length > half − 100, that is |p − q| ≥ 2^(half − 100).
        guard atLeastPowerOfTwo(distance.difference, half - 100).declassified else {
            throw CryptoError(.keyPrimesTooClose, "the RSA primes differ by less than 2^\(half - 100): Fermat's method factors this key at once")
        }
        // bit length > half, that is d ≥ 2^half.
        guard atLeastPowerOfTwo(d, half).declassified else {
            throw CryptoError(.keyPrivateExponentTooSmall, "the RSA private exponent has at most \(half) bits, half the modulus: small-d attacks recover it")
        }
    }

    /// `x ≥ 2^k` in constant time (k public, 0 ≤ k): false when 2^k does not fit x's width and x
    /// is narrower. Leaks x's width only.
    static func atLeastPowerOfTwo(_ x: Nat, _ k: Int) -> Choice {
        let width = max(x.limbCount, k / limbBitWidth + 1)
        var bound = Nat(limbCount: width)
        bound.limbs[k / limbBitWidth] = 1 << Limb(k % limbBitWidth)
        return !Nat.less(x.resized(to: width), bound)
    }

    /// Imports private numbers: with their CRT numbers through `init(n:e:d:p:q:dP:dQ:qInv:options:)`,
    /// without them through `init(n:e:d:options:)` (which recovers p and q). Public numbers are
    /// `not_a_private_key`.
    public init(numbers: RSAKeyNumbers, options: RSAKeyOptions = []) throws(CryptoError) {
        guard let d = numbers.d else {
            throw CryptoError(.notAPrivateKey, "these are the numbers of a public key; a private key is required here")
        }
        if let crt = numbers.crt {
            try self.init(n: numbers.n, e: numbers.e, d: d, p: crt.p, q: crt.q, dP: crt.dP, dQ: crt.dQ, qInv: crt.qInv, options: options)
        } else {
            try self.init(n: numbers.n, e: numbers.e, d: d, options: options)
        }
    }

    /// The eight numbers as big-endian magnitudes without leading zero bytes.
    ///
    /// Returns secret material: handle the result as carefully as the key. Leaks the byte length
    /// of each number (as any encoding of the key does).
    public var numbers: RSAKeyNumbers {
        let pub = publicKey.numbers
        return RSAKeyNumbers(
            n: pub.n, e: pub.e, d: trimmedBigEndian(d),
            crt: RSAKeyNumbers.CRT(p: trimmedBigEndian(p.n), q: trimmedBigEndian(q.n),
                                   dP: trimmedBigEndian(dP), dQ: trimmedBigEndian(dQ), qInv: trimmedBigEndian(qInv)))
    }

    public var description: String { "RSAPrivateKey(\(modulusBitCount) bits)" }

    /// RSASP1 (RFC 8017 §5.2.1, CRT form 2.b) on a message representative `m < n` given as `k`
    /// big-endian bytes; returns `s = m^d mod n` as `k` bytes, after checking `s^e ≡ m mod n`
    /// (a fault in either half-exponentiation would otherwise let the signature reveal a prime:
    /// Boneh, DeMillo, Lipton, "On the importance of checking cryptographic protocols for
    /// faults", EUROCRYPT 1997).
    ///
    /// Constant time in `m` and every secret number; leaks only the widths. Throws
    /// `signing_fault` if the check fails.
    func signaturePrimitive(_ encoded: [UInt8]) throws(CryptoError) -> [UInt8] {
        let k = publicKey.modulusByteCount
        precondition(encoded.count == k, "the encoded message must be k bytes")
        let n = publicKey.modulus
        let m = Nat(bigEndian: encoded, limbCount: n.limbCount)
        precondition(Nat.less(m, n.n).declassified, "encoding produced a representative ≥ n")

        let m1 = p.power(p.reduce(m), dP)
        let m2 = q.power(q.reduce(m), dQ)
        // h = qInv·(m1 − m2) mod p; s = m2 + q·h < n.
        let h = p.montgomeryProduct(qInvMontgomery, p.subtract(m1, p.reduce(m2)))
        let qh = q.n.multipliedFullWidth(by: h)
        let (sum, _) = qh.adding(m2.resized(to: qh.limbCount))
        let s = sum.resized(to: n.limbCount)

        guard Nat.equal(n.powerVarTime(s, publicKey.e), m).declassified else {
            throw CryptoError(.signingFault, "the RSA signature failed its self-check; it was not released (hardware fault or corrupted key)")
        }
        return s.bigEndianBytes(count: k)
    }
}

/// A secret number from big-endian bytes, in exactly `limbs` limbs. Leading zero bytes beyond the
/// width are dropped; a nonzero byte beyond it throws `invalid_key`. Leaks the byte count only.
func secretNumber(_ bytes: [UInt8], limbs: Int) throws(CryptoError) -> Nat {
    let capacity = limbs * limbByteCount
    var excess: UInt8 = 0
    if bytes.count > capacity {
        for b in bytes[..<(bytes.count - capacity)] { excess |= b }
    }
    guard Choice.isZero(UInt32(excess)).declassified else {
        throw CryptoError(.invalidKey, "an RSA private key number is wider than the modulus; the key is corrupt")
    }
    return Nat(bigEndian: bytes.suffix(capacity), limbCount: limbs)
}

/// A secret number (a prime) in the width its significant bytes need, at most `maxLimbs`.
/// Variable time in the number of leading zero bytes, which every encoding of the key reveals.
func secretNumber(_ bytes: [UInt8], maxLimbs: Int) throws(CryptoError) -> Nat {
    let significant = bytes.drop(while: { $0 == 0 })
    let limbs = max(1, (significant.count + limbByteCount - 1) / limbByteCount)
    guard limbs <= maxLimbs else {
        throw CryptoError(.invalidKey, "an RSA prime is wider than the modulus; the key is corrupt")
    }
    return Nat(bigEndian: Array(significant), limbCount: limbs)
}
