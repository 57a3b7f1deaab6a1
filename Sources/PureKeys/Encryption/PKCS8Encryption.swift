import PureCrypto

/// Writing password-encrypted private keys: PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 §3) with
/// PBES2 (RFC 8018 §6.2): PBKDF2-HMAC-SHA256, AES-256-CBC, a fresh random 16-byte salt and
/// 16-byte IV from `SecureRandom`. The PEM label is `ENCRYPTED PRIVATE KEY`; `openssl pkcs8`,
/// OpenSSL 1.1+/3, Java, Go and python-cryptography read it.
///
/// API (agreed with key generation):
///
/// ```swift
/// let pem = try privateKey.encryptedPKCS8PEMRepresentation(passphrase: Array("secret".utf8))
/// let der = try privateKey.encryptedPKCS8DERRepresentation(passphrase: pass, iterations: 100_000)
/// let info = try EncryptedPrivateKeyInfo(encrypting: privateKeyInfoDER, passphrase: pass)
/// ```
///
/// The iteration count defaults to `PKCS8Encryption.defaultIterations` (600,000: OWASP's 2023
/// figure for PBKDF2-HMAC-SHA256); it must be between 1 and `PBKDF2Limits.default.maxIterations`
/// (10,000,000) so the default loader reads the result back (`invalid_iteration_count`
/// otherwise).

/// The choices of the encrypted-PKCS#8 writer.
public enum PKCS8Encryption {
    /// 600,000 PBKDF2-HMAC-SHA256 iterations (OWASP Password Storage Cheat Sheet, 2023). Loading
    /// such a key costs that many HMACs once; pass a smaller count for keys loaded very often.
    public static let defaultIterations = 600_000
    /// Salt length in bytes (random per key).
    public static let saltByteCount = 16
}

extension EncryptedPrivateKeyInfo {
    /// Encrypts the DER of a PKCS#8 PrivateKeyInfo with PBES2 (PBKDF2-HMAC-SHA256 with
    /// `iterations`, AES-256-CBC, random salt and IV). The passphrase is bytes (UTF-8 as given;
    /// empty is allowed). Leaks only the lengths and the iteration count.
    package init(encrypting privateKeyInfo: [UInt8], passphrase: [UInt8],
                iterations: Int = PKCS8Encryption.defaultIterations) throws(CryptoError) {
        try self.init(encrypting: privateKeyInfo, passphrase: passphrase, iterations: iterations,
                      salt: SecureRandom.bytes(count: PKCS8Encryption.saltByteCount), iv: SecureRandom.bytes(count: 16))
    }

    /// The deterministic core of `init(encrypting:passphrase:iterations:)`: `salt` and `iv`
    /// must be fresh random values (internal so only tests can fix them).
    init(encrypting privateKeyInfo: [UInt8], passphrase: [UInt8], iterations: Int,
         salt: [UInt8], iv: [UInt8]) throws(CryptoError) {
        let parameters = PBES2Parameters(keyDerivation: .pbkdf2(salt: salt, iterations: Int64(iterations), prf: .hmacSHA256),
                                         cipher: .aes256CBC, iv: iv)
        let ciphertext = try PBES2.encrypt(privateKeyInfo, password: passphrase, salt: salt, iterations: iterations,
                                           prf: SHA256.self, cipher: .aes256CBC, iv: iv)
        self.init(encryptionAlgorithm: AlgorithmIdentifier(algorithm: .pbes2, parameters: parameters.derRepresentation),
                  encryptedData: ciphertext)
    }

    /// `ENCRYPTED PRIVATE KEY` PEM text.
    package var pemRepresentation: String {
        PEMDocument(label: "ENCRYPTED PRIVATE KEY", derBytes: derRepresentation).pemString
    }
}

extension RSAPrivateKey {
    /// The key as an encrypted PKCS#8 DER (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC, random salt
    /// and IV). Throws `invalid_iteration_count` for a count outside 1...10,000,000.
    public func encryptedPKCS8DERRepresentation(passphrase: [UInt8],
                                                iterations: Int = PKCS8Encryption.defaultIterations) throws(CryptoError) -> [UInt8] {
        try EncryptedPrivateKeyInfo(encrypting: pkcs8DERRepresentation, passphrase: passphrase, iterations: iterations).derRepresentation
    }

    /// The key as `ENCRYPTED PRIVATE KEY` PEM; see `encryptedPKCS8DERRepresentation`.
    public func encryptedPKCS8PEMRepresentation(passphrase: [UInt8],
                                                iterations: Int = PKCS8Encryption.defaultIterations) throws(CryptoError) -> String {
        try EncryptedPrivateKeyInfo(encrypting: pkcs8DERRepresentation, passphrase: passphrase, iterations: iterations).pemRepresentation
    }
}

extension RSAKeyMaterial {
    /// Private material as encrypted PKCS#8 DER (the CLI's `key convert --encrypt`); a public key
    /// is `not_a_private_key`. Same scheme and iteration rules as
    /// `RSAPrivateKey.encryptedPKCS8DERRepresentation`.
    package func encryptedPKCS8DER(passphrase: [UInt8],
                                  iterations: Int = PKCS8Encryption.defaultIterations) throws(CryptoError) -> [UInt8] {
        try requirePrivate()
        return try EncryptedPrivateKeyInfo(encrypting: derRepresentation(.pkcs8), passphrase: passphrase, iterations: iterations).derRepresentation
    }
}
