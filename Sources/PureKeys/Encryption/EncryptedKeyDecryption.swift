import PureCrypto

/// The seam between the key loader and password-based decryption: PKCS#8
/// EncryptedPrivateKeyInfo (PBES2 with PBKDF2 or scrypt, PBES1, PKCS#12 PBE) and legacy OpenSSL
/// PEM (`Proc-Type: 4,ENCRYPTED`). The loader has already checked that a passphrase was given
/// (`missing_passphrase` otherwise); these functions turn ciphertext into the parsed plaintext
/// structure, parsed once.
///
/// Errors: `wrong_passphrase` (bad padding, or plaintext that is not the expected DER: one error
/// whatever went wrong), `unsupported_algorithm` (naming the OID or cipher), `pem_header_invalid`,
/// `decrypt_failed` (ciphertext empty or not whole blocks), `invalid_iteration_count` and
/// `scrypt_memory_limit_exceeded` / `invalid_scrypt_parameters` (checked before any work).
///
/// Leaks: which scheme and parameters the file names, the lengths, and whether the passphrase
/// was right. Never the passphrase or the plaintext. Derived keys and the plaintext are wiped
/// here; the caller owns (and wipes) the parsed structure it gets back.
enum EncryptedKeyDecryption {
    /// Decrypts a PKCS#8 EncryptedPrivateKeyInfo into its PrivateKeyInfo, parsed (the parse is
    /// also the passphrase check); the caller wipes its `privateKey`.
    static func decryptPKCS8(_ info: EncryptedPrivateKeyInfo, passphrase: [UInt8],
                             limits: KeyDecryptionLimits = .default) throws(CryptoError) -> PrivateKeyInfo {
        let algorithm = info.encryptionAlgorithm
        var plaintext: [UInt8]
        switch algorithm.algorithm {
        case .pbes2:
            let parameters = try PBES2Parameters(derEncoded: algorithm.parameters)
            try checkCiphertextLength(info.encryptedData, blockByteCount: parameters.cipher.ivByteCount)
            plaintext = try mappingPadding { () throws(CryptoError) -> [UInt8] in
                try parameters.decrypt(info.encryptedData, passphrase: passphrase, limits: limits)
            }
        case .pbeWithMD5AndDESCBC, .pbeWithSHA1AndDESCBC:
            let parameters = try PBES1Parameters(hash: algorithm.algorithm == .pbeWithMD5AndDESCBC ? .md5 : .sha1,
                                                 derEncoded: algorithm.parameters)
            try checkCiphertextLength(info.encryptedData, blockByteCount: 8)
            plaintext = try mappingPadding { () throws(CryptoError) -> [UInt8] in
                try parameters.decrypt(info.encryptedData, passphrase: passphrase, limits: limits)
            }
        case .pbeWithSHAAnd3KeyTripleDESCBC:
            let parameters = try PKCS12PBEParameters(derEncoded: algorithm.parameters)
            try checkCiphertextLength(info.encryptedData, blockByteCount: 8)
            plaintext = try mappingPadding { () throws(CryptoError) -> [UInt8] in
                try parameters.decrypt(info.encryptedData, passphrase: passphrase, limits: limits)
            }
        default:
            let name = algorithm.algorithm.cipherName.map { "\($0) (OID \(algorithm.algorithm))" } ?? "OID \(algorithm.algorithm)"
            throw CryptoError(.unsupportedAlgorithm, "the key is encrypted with \(name), which is not supported (PBES2 with PBKDF2 or scrypt, PBES1 DES, PKCS#12 3DES are): re-encrypt it with openssl pkcs8 -topk8 -v2 aes-256-cbc")
        }
        // A wrong passphrase passes the padding check about 1 time in 256: the DER then fails.
        guard let parsed = try? PrivateKeyInfo(derEncoded: plaintext) else {
            SecretWipe.wipe(&plaintext, "wrong-passphrase plaintext")
            throw CryptoError.wrongPassphrase
        }
        SecretWipe.wipe(&plaintext, "decrypted PKCS#8")
        return parsed
    }

    /// Decrypts the body of a legacy `Proc-Type: 4,ENCRYPTED` PEM into the numbers of its PKCS#1
    /// RSAPrivateKey (the parse is also the passphrase check); the caller wipes them.
    static func decryptLegacyPEM(_ document: PEMDocument, passphrase: [UInt8]) throws(CryptoError) -> RSAKeyNumbers {
        let encryption = try LegacyPEMEncryption(document: document)
        try checkCiphertextLength(document.derBytes, blockByteCount: encryption.cipher.blockByteCount)
        var plaintext = try mappingPadding { () throws(CryptoError) -> [UInt8] in
            try encryption.decrypt(document.derBytes, passphrase: passphrase)
        }
        guard let numbers = try? RSAKeyNumbers(pkcs1PrivateKeyDER: plaintext) else {
            SecretWipe.wipe(&plaintext, "wrong-passphrase plaintext")
            throw CryptoError.wrongPassphrase
        }
        SecretWipe.wipe(&plaintext, "decrypted PKCS#1")
        return numbers
    }

    /// `decrypt_failed` for an empty ciphertext or one that is not whole blocks, before any KDF.
    static func checkCiphertextLength(_ ciphertext: [UInt8], blockByteCount: Int) throws(CryptoError) {
        guard !ciphertext.isEmpty && ciphertext.count % blockByteCount == 0 else {
            throw CryptoError(.decryptFailed, "the encrypted key data is \(ciphertext.count) bytes, not a whole number of \(blockByteCount)-byte cipher blocks: the file is truncated or damaged; export the key again")
        }
    }

    /// Runs `body`, turning `padding_invalid` into `wrong_passphrase`.
    static func mappingPadding(_ body: () throws(CryptoError) -> [UInt8]) throws(CryptoError) -> [UInt8] {
        do { return try body() } catch where error.code == .paddingInvalid { throw CryptoError.wrongPassphrase }
    }
}

extension CryptoError.Code {
    /// A well-formed encryption scheme, KDF, PRF or cipher that is unknown or out of scope.
    public static let unsupportedAlgorithm = CryptoError.Code("unsupported_algorithm")
    /// The passphrase does not open this encrypted key (bad padding, or undecodable plaintext).
    public static let wrongPassphrase = CryptoError.Code("wrong_passphrase")
}

extension CryptoError {
    /// The one error for a passphrase that does not open a key, whatever went wrong inside.
    static let wrongPassphrase = CryptoError(.wrongPassphrase, "wrong passphrase for this key; check the passphrase (trailing spaces or newline, keyboard layout)")
}
