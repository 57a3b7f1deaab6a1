/// RSASSA-PSS signatures (RFC 8017 §8.1) with the EMSA-PSS encoding (§9.1) and MGF1 (§B.2.1),
/// in the JWS profile (RFC 7518 §3.5): MGF1 with the message hash, salt as long as the digest.

extension RSAPrivateKey {
    /// Signs `message` with RSASSA-PSS (RFC 8017 §8.1.1), hash `H` (SHA-256, SHA-384 or SHA-512),
    /// MGF1 with `H`, and a fresh random salt of `H.digestByteCount` bytes: the JWS algorithms
    /// PS256, PS384, PS512.
    ///
    /// Constant time in the key; the message is treated as public. Throws `key_size_not_allowed`
    /// when the key is too short for this hash (1024-bit keys with SHA-512), and `signing_fault`
    /// if the verify-after-sign check fails.
    public func signPSS<H: RSASigningHash>(_ message: some ContiguousByteSource, hash: H.Type) throws(CryptoError) -> [UInt8] {
        try signPSS(message, hash: H.self, salt: SecureRandom.bytes(count: H.digestByteCount))
    }

    /// `signPSS` with a caller-chosen salt (known-answer tests only; a fixed salt makes PSS
    /// deterministic).
    func signPSS<H: RSASigningHash>(_ message: some ContiguousByteSource, hash: H.Type, salt: [UInt8]) throws(CryptoError) -> [UInt8] {
        let emBits = modulusBitCount - 1
        guard let encoded = emsaPSSEncode(H.hash(message), hash: H.self, salt: salt, emBits: emBits) else {
            throw CryptoError(.keySizeNotAllowed, "a \(modulusBitCount)-bit key is too short for PSS with \(H.name) and a \(salt.count)-byte salt")
        }
        // EM is ceil(emBits/8) bytes, which is k or k − 1; the representative is the same number.
        let k = publicKey.modulusByteCount
        return try signaturePrimitive([UInt8](repeating: 0, count: k - encoded.count) + encoded)
    }
}

extension RSAPublicKey {
    /// Whether `signature` is a valid RSASSA-PSS signature of `message` (RFC 8017 §8.1.2) with
    /// hash `H`, MGF1 with `H`, and a salt of exactly `H.digestByteCount` bytes.
    ///
    /// The signature must be exactly `k` bytes and below `n`. Every failure is `false`. Variable
    /// time in public data only (the signature and message).
    public func isValidPSSSignature<H: RSASigningHash>(
        _ signature: some ContiguousByteSource, for message: some ContiguousByteSource, hash: H.Type
    ) -> Bool {
        guard let recovered = verificationPrimitiveVarTime(signature) else { return false }
        let emBits = modulusBitCount - 1
        let emLength = (emBits + 7) / 8
        // I2OSP(m, emLen): when emLen = k − 1 the top byte must be zero.
        let excess = recovered.count - emLength
        guard recovered[..<excess].allSatisfy({ $0 == 0 }) else { return false }
        return emsaPSSVerify(H.hash(message), Array(recovered[excess...]), hash: H.self,
                             saltLength: H.digestByteCount, emBits: emBits)
    }
}

/// EMSA-PSS-ENCODE (RFC 8017 §9.1.1) of a message digest: `maskedDB ‖ H' ‖ 0xbc` in
/// `ceil(emBits/8)` bytes, or nil when `emLen < hLen + sLen + 2`.
func emsaPSSEncode<H: HashFunction>(_ mHash: [UInt8], hash: H.Type, salt: [UInt8], emBits: Int) -> [UInt8]? {
    let hLen = H.digestByteCount, sLen = salt.count
    let emLen = (emBits + 7) / 8
    guard emLen >= hLen + sLen + 2 else { return nil }
    // H' = Hash(0x00 × 8 ‖ mHash ‖ salt)
    var h = H()
    h.update([UInt8](repeating: 0, count: 8))
    h.update(mHash)
    h.update(salt)
    let hPrime = h.finalize()
    // DB = PS ‖ 0x01 ‖ salt, masked with MGF1(H', emLen − hLen − 1).
    let dbLen = emLen - hLen - 1
    var db = [UInt8](repeating: 0, count: dbLen)
    db[dbLen - sLen - 1] = 0x01
    db.replaceSubrange((dbLen - sLen)..., with: salt)
    let mask = mgf1(hPrime, length: dbLen, hash: H.self)
    for i in 0..<dbLen { db[i] ^= mask[i] }
    db[0] &= 0xff >> UInt8(8 * emLen - emBits)
    return db + hPrime + [0xbc]
}

/// EMSA-PSS-VERIFY (RFC 8017 §9.1.2) of a digest against an encoded message of `ceil(emBits/8)`
/// bytes with a fixed salt length. Works on public data; returns one `Bool` for every failure.
func emsaPSSVerify<H: HashFunction>(_ mHash: [UInt8], _ em: [UInt8], hash: H.Type, saltLength sLen: Int, emBits: Int) -> Bool {
    let hLen = H.digestByteCount
    let emLen = (emBits + 7) / 8
    guard em.count == emLen, emLen >= hLen + sLen + 2, em[emLen - 1] == 0xbc else { return false }
    let dbLen = emLen - hLen - 1
    let topMask = ~(UInt8(0xff) >> UInt8(8 * emLen - emBits))  // bits that must be 0
    guard em[0] & topMask == 0 else { return false }
    let hPrime = Array(em[dbLen..<(emLen - 1)])
    var db = Array(em[..<dbLen])
    let mask = mgf1(hPrime, length: dbLen, hash: H.self)
    for i in 0..<dbLen { db[i] ^= mask[i] }
    db[0] &= ~topMask
    let psLen = dbLen - sLen - 1
    guard db[..<psLen].allSatisfy({ $0 == 0 }), db[psLen] == 0x01 else { return false }
    var h = H()
    h.update([UInt8](repeating: 0, count: 8))
    h.update(mHash)
    h.update(Array(db[(dbLen - sLen)...]))
    return constantTimeEqual(h.finalize(), hPrime)
}

/// MGF1 (RFC 8017 §B.2.1): `Hash(seed ‖ C(0)) ‖ Hash(seed ‖ C(1)) ‖ …`, truncated to `length`.
func mgf1<H: HashFunction>(_ seed: [UInt8], length: Int, hash: H.Type) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(length + H.digestByteCount)
    var counter: UInt32 = 0
    while out.count < length {
        var h = H()
        h.update(seed)
        h.update([UInt8(counter >> 24), UInt8((counter >> 16) & 0xff), UInt8((counter >> 8) & 0xff), UInt8(counter & 0xff)])
        out += h.finalize()
        counter += 1
    }
    return Array(out[..<length])
}
