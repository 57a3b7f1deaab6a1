/// Error codes of the RSA layer: key validation, key-size policy, signature checks and the
/// fault-attack self-check.

extension CryptoError.Code {
    /// The numbers of an RSA key are inconsistent (p·q ≠ n, d·e ≢ 1, bad qInv, even n, bad e...).
    public static let invalidKey = CryptoError.Code("invalid_key")
    /// The modulus is outside the allowed size range (by default 2048...16384 bits; smaller keys
    /// only through `RSAKeyOptions.unsafeAllowSmallKeys`), or too short for the requested padding.
    public static let keySizeNotAllowed = CryptoError.Code("key_size_not_allowed")
    /// A signature does not verify. Deliberately one vague code for every reason.
    public static let signatureInvalid = CryptoError.Code("signature_invalid")
    /// A private-key operation produced a result that does not verify with the public key (a
    /// hardware or memory fault, or a corrupted key). Nothing was released.
    public static let signingFault = CryptoError.Code("signing_fault")
}
