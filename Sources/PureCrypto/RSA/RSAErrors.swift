/// Error codes of the RSA layer: key validation, key-size policy, signature checks and the
/// fault-attack self-check.

extension CryptoError.Code {
    /// The numbers of an RSA key are inconsistent (p·q ≠ n, d·e ≢ 1, bad qInv, even n, bad e...).
    public static let invalidKey = CryptoError.Code("invalid_key")
    /// A public key was supplied where a private key is required.
    public static let notAPrivateKey = CryptoError.Code("not_a_private_key")
    /// The modulus is outside the allowed size range (by default 2048...16384 bits; smaller keys
    /// only through `RSAKeyOptions.unsafeAllowSmallKeys`), or too short for the requested padding.
    public static let keySizeNotAllowed = CryptoError.Code("key_size_not_allowed")
    /// One prime of a consistent private key has far fewer than half the modulus's bits (e.g.
    /// p = 3): the key factors at once. Checked on import.
    public static let keyPrimesUnbalanced = CryptoError.Code("key_primes_unbalanced")
    /// |p − q| ≤ 2^(nlen/2 − 100): Fermat's method factors the key. Checked on import.
    public static let keyPrimesTooClose = CryptoError.Code("key_primes_too_close")
    /// d ≤ 2^(nlen/2): open to small-private-exponent attacks. Checked on import.
    public static let keyPrivateExponentTooSmall = CryptoError.Code("key_private_exponent_too_small")
    /// A signature does not verify. Deliberately one vague code for every reason.
    public static let signatureInvalid = CryptoError.Code("signature_invalid")
    /// A private-key operation produced a result that does not verify with the public key (a
    /// hardware or memory fault, or a corrupted key). Nothing was released.
    public static let signingFault = CryptoError.Code("signing_fault")
}
