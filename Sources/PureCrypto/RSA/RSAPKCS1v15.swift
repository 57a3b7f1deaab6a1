/// RSASSA-PKCS1-v1_5 signatures (RFC 8017 §8.2) with the EMSA-PKCS1-v1_5 encoding (§9.2).

extension RSAPrivateKey {
    /// Signs `message` with RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.1) and hash `H` (SHA-256, SHA-384 or
    /// SHA-512): the JWS algorithms RS256, RS384, RS512.
    ///
    /// Deterministic. Constant time in the key; the message is treated as public. Throws
    /// `signing_fault` if the verify-after-sign check fails (nothing is released then).
    public func signPKCS1v15<H: RSASigningHash>(_ message: some ContiguousByteSource, hash: H.Type) throws(CryptoError) -> [UInt8] {
        try signPKCS1v15Unrestricted(message, hash: H.self)
    }

    /// `signPKCS1v15` for every verification hash, SHA-1 and SHA-224 included: for known-answer
    /// tests only (SHA-1 and SHA-224 must not sign anything new).
    func signPKCS1v15Unrestricted<H: RSASignatureHash>(_ message: some ContiguousByteSource, hash: H.Type) throws(CryptoError) -> [UInt8] {
        guard let encoded = emsaPKCS1v15Encode(H.hash(message), hash: H.self, length: publicKey.modulusByteCount) else {
            throw CryptoError(.keySizeNotAllowed, "a \(modulusBitCount)-bit key is too short for PKCS#1 v1.5 with \(H.name)")
        }
        return try signaturePrimitive(encoded)
    }
}

extension RSAPublicKey {
    /// Whether `signature` is a valid RSASSA-PKCS1-v1_5 signature of `message` with hash `H`
    /// (RFC 8017 §8.2.2). SHA-1 and SHA-224 are accepted here for legacy verification.
    ///
    /// Strict: the signature must be exactly `k` bytes and below `n`, and the recovered encoded
    /// message must equal, byte for byte, the one rebuilt from the message (so BER variants,
    /// missing NULL parameters and trailing garbage all fail). Every failure is `false`.
    public func isValidPKCS1v15Signature<H: RSASignatureHash>(
        _ signature: some ContiguousByteSource, for message: some ContiguousByteSource, hash: H.Type
    ) -> Bool {
        guard let recovered = verificationPrimitiveVarTime(signature),
              let expected = emsaPKCS1v15Encode(H.hash(message), hash: H.self, length: modulusByteCount)
        else { return false }
        return constantTimeEqual(recovered, expected)
    }

    /// Like `isValidPKCS1v15Signature`, but throws `signature_invalid` (one vague error for every
    /// reason) instead of returning `false`.
    public func verifyPKCS1v15Signature<H: RSASignatureHash>(
        _ signature: some ContiguousByteSource, for message: some ContiguousByteSource, hash: H.Type
    ) throws(CryptoError) {
        guard isValidPKCS1v15Signature(signature, for: message, hash: H.self) else {
            throw CryptoError(.signatureInvalid, "the RSA signature does not verify for this message and key")
        }
    }
}

/// EMSA-PKCS1-v1_5 (RFC 8017 §9.2): `0x00 0x01 FF…FF 0x00 DigestInfo(digest)` in `length` bytes,
/// or nil when `length < tLen + 11` ("intended encoded message length too short").
/// Leaks nothing beyond the lengths; the digest is of a public message.
func emsaPKCS1v15Encode<H: RSASignatureHash>(_ digest: [UInt8], hash: H.Type, length: Int) -> [UInt8]? {
    let t = H.pkcs1DigestInfoPrefix + digest
    guard length >= t.count + 11 else { return nil }
    var em = [UInt8](repeating: 0xff, count: length)
    em[0] = 0x00
    em[1] = 0x01
    em[length - t.count - 1] = 0x00
    em.replaceSubrange((length - t.count)..., with: t)
    return em
}
