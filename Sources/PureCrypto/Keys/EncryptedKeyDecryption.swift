/// The seam between the key loader and password-based decryption (issue 4: PBES2, scrypt,
/// PBES1, PKCS#12 PBE, legacy OpenSSL PEM). The loader has already checked that a passphrase was
/// given (`missing_passphrase` otherwise); these functions turn ciphertext into the DER of the
/// plaintext structure, or fail with `wrong_passphrase`, `unsupported_algorithm`,
/// `pem_header_invalid`, `decrypt_failed` or `invalid_iteration_count`.
///
/// Until the ciphers land, both refuse with `unsupported_algorithm`.
enum EncryptedKeyDecryption {
    /// Decrypts a PKCS#8 EncryptedPrivateKeyInfo into the DER of its PrivateKeyInfo.
    static func decryptPKCS8(_ info: EncryptedPrivateKeyInfo, passphrase: [UInt8]) throws(CryptoError) -> [UInt8] {
        throw CryptoError(.unsupportedAlgorithm, "decrypting PKCS#8 keys (\(info.encryptionAlgorithm.algorithm)) is not supported yet: decrypt it first (openssl pkcs8)")
    }

    /// Decrypts the body of a legacy `Proc-Type: 4,ENCRYPTED` PEM into the DER of its PKCS#1
    /// RSAPrivateKey.
    static func decryptLegacyPEM(_ document: PEMDocument, passphrase: [UInt8]) throws(CryptoError) -> [UInt8] {
        throw CryptoError(.unsupportedAlgorithm, "decrypting legacy encrypted PEM keys (\(document.dekInfo?.algorithm ?? "no DEK-Info")) is not supported yet: decrypt it first (openssl rsa)")
    }
}

extension CryptoError.Code {
    /// A well-formed encryption scheme, KDF, PRF or cipher that is unknown or out of scope.
    public static let unsupportedAlgorithm = CryptoError.Code("unsupported_algorithm")
}
