/// PBES2 (RFC 8018 section 6.2) with the ciphers encrypted keys use: a password-derived key
/// (PBKDF2 here, or scrypt through `decrypt(_:key:cipher:iv:)`), CBC and PKCS#7 padding.

/// Password-based encryption scheme 2, the primitive under PKCS#8 `EncryptedPrivateKeyInfo`.
/// Parsing the ASN.1 parameters is the keys layer's job; this takes them decoded.
package enum PBES2 {
    /// The encryption schemes supported for PBES2.
    package enum Cipher: Sendable, Equatable {
        case aes128CBC, aes192CBC, aes256CBC, desEDE3CBC

        /// Bytes of key the KDF must derive.
        package var keyByteCount: Int {
            switch self {
            case .aes128CBC: 16
            case .aes192CBC: 24
            case .aes256CBC: 32
            case .desEDE3CBC: 24
            }
        }

        /// The OpenSSL name, e.g. "AES-256-CBC".
        package var name: String {
            switch self {
            case .aes128CBC: "AES-128-CBC"
            case .aes192CBC: "AES-192-CBC"
            case .aes256CBC: "AES-256-CBC"
            case .desEDE3CBC: "DES-EDE3-CBC"
            }
        }

        /// Bytes of IV (one block).
        package var ivByteCount: Int { self == .desEDE3CBC ? 8 : 16 }
    }

    /// Derives the key with PBKDF2-HMAC-`H`, decrypts and checks the padding.
    ///
    /// Throws `invalid_iteration_count` (before any work), `decrypt_failed` (ciphertext empty or
    /// not whole blocks), `invalid_argument` (IV of the wrong length) or `padding_invalid`: the
    /// password is wrong, or the data is corrupted. The padding check is constant-time and its
    /// error is the same whatever went wrong; see `CBC.decrypt` for what leaks.
    package static func decrypt<H: HashFunction>(
        _ ciphertext: some ContiguousByteSource, password: some ContiguousByteSource,
        salt: some ContiguousByteSource, iterations: Int, prf: H.Type, cipher: Cipher,
        iv: some ContiguousByteSource, limits: PBKDF2Limits = .default
    ) throws(CryptoError) -> [UInt8] {
        var key = try PBKDF2<H>.deriveKey(password: password, salt: salt, iterations: iterations,
                                          byteCount: cipher.keyByteCount, limits: limits)
        defer { SecretWipe.wipe(&key, "derived key") }
        return try decrypt(ciphertext, key: key, cipher: cipher, iv: iv)
    }

    /// Encrypts with a key derived by PBKDF2-HMAC-`H`: the inverse of `decrypt`. `salt` and `iv`
    /// must be fresh random values for each encryption.
    package static func encrypt<H: HashFunction>(
        _ plaintext: some ContiguousByteSource, password: some ContiguousByteSource,
        salt: some ContiguousByteSource, iterations: Int, prf: H.Type, cipher: Cipher,
        iv: some ContiguousByteSource, limits: PBKDF2Limits = .default
    ) throws(CryptoError) -> [UInt8] {
        var key = try PBKDF2<H>.deriveKey(password: password, salt: salt, iterations: iterations,
                                          byteCount: cipher.keyByteCount, limits: limits)
        defer { SecretWipe.wipe(&key, "derived key") }
        switch cipher {
        case .aes128CBC, .aes192CBC, .aes256CBC:
            return try CBC.encrypt(plaintext, using: try AES(key: key), iv: iv)
        case .desEDE3CBC:
            return try CBC.encrypt(plaintext, using: try TripleDES(key: key), iv: iv)
        }
    }

    /// Decrypts with an already derived key (e.g. from `Scrypt`) and checks the padding.
    /// Same errors as the PBKDF2 form, plus `invalid_argument` for a key of the wrong length.
    package static func decrypt(
        _ ciphertext: some ContiguousByteSource, key: some ContiguousByteSource, cipher: Cipher,
        iv: some ContiguousByteSource
    ) throws(CryptoError) -> [UInt8] {
        let n = key.withContiguousBytes { $0.count }
        guard n == cipher.keyByteCount else {
            throw CryptoError(.invalidArgument, "\(cipher.name) needs a \(cipher.keyByteCount)-byte key, not \(n)")
        }
        switch cipher {
        case .aes128CBC, .aes192CBC, .aes256CBC:
            return try CBC.decrypt(ciphertext, using: try AES(key: key), iv: iv)
        case .desEDE3CBC:
            return try CBC.decrypt(ciphertext, using: try TripleDES(key: key), iv: iv)
        }
    }
}
