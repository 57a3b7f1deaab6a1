/// The hash functions RSA signatures may use, and the DER DigestInfo prefixes of EMSA-PKCS1-v1_5
/// (RFC 8017 §9.2, note 1).

/// A hash accepted for RSA signature *verification* (PKCS#1 v1.5): SHA-1, SHA-224, SHA-256,
/// SHA-384, SHA-512.
public protocol RSASignatureHash: HashFunction {
    /// The DER encoding of `DigestInfo { algorithm (with NULL parameters), digest }` up to the
    /// digest bytes (RFC 8017 §9.2, note 1).
    static var pkcs1DigestInfoPrefix: [UInt8] { get }
}

/// A hash accepted for RSA *signing* (PKCS#1 v1.5 and PSS): SHA-256, SHA-384, SHA-512. SHA-1 and
/// SHA-224 are verify-only.
public protocol RSASigningHash: RSASignatureHash {}

extension Insecure.SHA1: RSASignatureHash {
    public static var pkcs1DigestInfoPrefix: [UInt8] {
        [0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14]
    }
}

extension SHA224: RSASignatureHash {
    public static var pkcs1DigestInfoPrefix: [UInt8] { sha2Prefix(0x04, digestByteCount) }
}

extension SHA256: RSASigningHash {
    public static var pkcs1DigestInfoPrefix: [UInt8] { sha2Prefix(0x01, digestByteCount) }
}

extension SHA384: RSASigningHash {
    public static var pkcs1DigestInfoPrefix: [UInt8] { sha2Prefix(0x02, digestByteCount) }
}

extension SHA512: RSASigningHash {
    public static var pkcs1DigestInfoPrefix: [UInt8] { sha2Prefix(0x03, digestByteCount) }
}

/// `DigestInfo` prefix for the SHA-2 hash with OID 2.16.840.1.101.3.4.2.`arc`:
/// `SEQUENCE { SEQUENCE { OID, NULL }, OCTET STRING (digestLength) }`.
private func sha2Prefix(_ arc: UInt8, _ digestLength: Int) -> [UInt8] {
    let length = UInt8(digestLength)
    return [0x30, 0x11 + length, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, arc,
            0x05, 0x00, 0x04, length]
}
