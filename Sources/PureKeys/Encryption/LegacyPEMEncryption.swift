@_spi(Hazmat) import PureCrypto

/// OpenSSL's legacy ("traditional") PEM encryption: RFC 1421 headers `Proc-Type: 4,ENCRYPTED`
/// and `DEK-Info: <cipher>,<IV hex>` over a PKCS#1 RSAPrivateKey, the key derived by
/// `EVP_BytesToKey` (MD5, one round, salt = the first 8 bytes of the IV). What
/// `openssl rsa -traditional -aes256` and OpenSSL 1.x `openssl genrsa -aes256` write.
/// Decryption only: the KDF is weak (one MD5), so we write PKCS#8 PBES2 instead.
struct LegacyPEMEncryption: Sendable, Equatable {
    enum Cipher: Sendable, Equatable {
        case aes128CBC, aes192CBC, aes256CBC, desEDE3CBC, desCBC

        var keyByteCount: Int {
            switch self {
            case .aes128CBC: 16
            case .aes192CBC: 24
            case .aes256CBC: 32
            case .desEDE3CBC: 24
            case .desCBC: 8
            }
        }

        var blockByteCount: Int {
            switch self {
            case .aes128CBC, .aes192CBC, .aes256CBC: 16
            case .desEDE3CBC, .desCBC: 8
            }
        }
    }

    var cipher: Cipher
    var iv: [UInt8]

    /// Reads the DEK-Info header: `pem_header_invalid` when it is missing, has no IV, or the IV
    /// is not hex or not one block; `unsupported_algorithm` for any cipher but AES-128/192/256-CBC,
    /// DES-EDE3-CBC and DES-CBC (names are matched case-insensitively, as OpenSSL does).
    init(document: PEMDocument) throws(CryptoError) {
        guard let dek = document.dekInfo else {
            throw CryptoError(.pemHeaderInvalid, "the key says 'Proc-Type: 4,ENCRYPTED' but has no DEK-Info header: the file is damaged; export the key again")
        }
        switch PEMDocument.asciiLowercased(dek.algorithm) {
        case "aes-128-cbc": cipher = .aes128CBC
        case "aes-192-cbc": cipher = .aes192CBC
        case "aes-256-cbc": cipher = .aes256CBC
        case "des-ede3-cbc": cipher = .desEDE3CBC
        case "des-cbc": cipher = .desCBC
        default:
            throw CryptoError(.unsupportedAlgorithm, "the key is encrypted with \(Echo.quoted(dek.algorithm)) (DEK-Info), which is not supported (AES-128/192/256-CBC, DES-EDE3-CBC and DES-CBC are): re-encrypt it with openssl pkcs8 -topk8 -v2 aes-256-cbc")
        }
        guard let hex = dek.parameters, !hex.isEmpty else {
            throw CryptoError(.pemHeaderInvalid, "DEK-Info \(Echo.quoted(dek.algorithm)) has no IV (expected 'ALGORITHM,<IV in hex>'): the file is damaged; export the key again")
        }
        let iv: [UInt8]
        do { iv = try Hex.decode(hex) } catch {
            throw CryptoError(.pemHeaderInvalid, "the DEK-Info IV is not hex: the file is damaged; export the key again")
        }
        guard iv.count == cipher.blockByteCount else {
            throw CryptoError(.pemHeaderInvalid, "the DEK-Info IV is \(iv.count) bytes but \(dek.algorithm) needs \(cipher.blockByteCount): the file is damaged; export the key again")
        }
        self.iv = iv
    }

    /// Derives the key (EVP_BytesToKey-MD5, salt = IV[0..<8]), decrypts and checks the padding
    /// (`padding_invalid` otherwise).
    func decrypt(_ ciphertext: [UInt8], passphrase: [UInt8]) throws(CryptoError) -> [UInt8] {
        var key = EVPBytesToKey.deriveKeyMD5(password: passphrase, salt: iv[0..<8], byteCount: cipher.keyByteCount)
        defer { SecretWipe.wipe(&key, "derived key") }
        switch cipher {
        case .aes128CBC, .aes192CBC, .aes256CBC: return try CBC.decrypt(ciphertext, using: try AES(key: key), iv: iv)
        case .desEDE3CBC: return try CBC.decrypt(ciphertext, using: try TripleDES(key: key), iv: iv)
        case .desCBC: return try CBC.decrypt(ciphertext, using: try DES(key: key), iv: iv)
        }
    }
}
