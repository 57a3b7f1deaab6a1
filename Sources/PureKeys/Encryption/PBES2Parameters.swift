import PureCrypto

/// The PBES2 parameters of a PKCS#8 EncryptedPrivateKeyInfo (RFC 8018 §6.2 and Appendices A.2,
/// A.4, B.1, B.2; scrypt: RFC 7914 §7), parsed strictly, and decryption with them.
///
/// ```
/// PBES2-params ::= SEQUENCE {
///     keyDerivationFunc AlgorithmIdentifier {{PBES2-KDFs}},
///     encryptionScheme  AlgorithmIdentifier {{PBES2-Encs}} }
/// PBKDF2-params ::= SEQUENCE {
///     salt CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier },
///     iterationCount INTEGER (1..MAX),
///     keyLength INTEGER (1..MAX) OPTIONAL,
///     prf AlgorithmIdentifier {{PBKDF2-PRFs}} DEFAULT algid-hmacWithSHA1 }
/// scrypt-params ::= SEQUENCE {
///     salt OCTET STRING, costParameter INTEGER (1..MAX), blockSize INTEGER (1..MAX),
///     parallelizationParameter INTEGER (1..MAX), keyLength INTEGER (1..MAX) OPTIONAL }
/// AES-IV / des-EDE3-CBC parameters ::= OCTET STRING (SIZE(16) / SIZE(8))
/// ```
struct PBES2Parameters: Sendable, Equatable {
    /// The HMAC pseudorandom functions of PBKDF2 (RFC 8018 §B.1.2).
    enum PRF: Sendable, Equatable {
        case hmacSHA1, hmacSHA224, hmacSHA256, hmacSHA384, hmacSHA512

        var oid: ASN1ObjectIdentifier {
            switch self {
            case .hmacSHA1: .hmacWithSHA1
            case .hmacSHA224: .hmacWithSHA224
            case .hmacSHA256: .hmacWithSHA256
            case .hmacSHA384: .hmacWithSHA384
            case .hmacSHA512: .hmacWithSHA512
            }
        }
    }

    /// Counts as read from the file, in `Int64` (see `readSaturatingCount`); they become `Int`
    /// once checked against the limits.
    enum KeyDerivation: Sendable, Equatable {
        case pbkdf2(salt: [UInt8], iterations: Int64, prf: PRF)
        case scrypt(salt: [UInt8], n: Int64, r: Int64, p: Int64)
    }

    var keyDerivation: KeyDerivation
    var cipher: PBES2.Cipher
    var iv: [UInt8]

    init(keyDerivation: KeyDerivation, cipher: PBES2.Cipher, iv: [UInt8]) {
        self.keyDerivation = keyDerivation
        self.cipher = cipher
        self.iv = iv
    }

    /// Parses the parameters element of a PBES2 AlgorithmIdentifier. Unknown or out-of-scope
    /// KDFs, PRFs and ciphers are `unsupported_algorithm` naming what was found; malformed
    /// structures are `der_invalid`.
    init(derEncoded parameters: [UInt8]?) throws(CryptoError) {
        guard let parameters else {
            throw CryptoError(.derInvalid, "PBES2 without parameters: the encrypted key is malformed")
        }
        var reader = DER.Reader(parameters)
        let (kdf, scheme) = try reader.readSequence { (r: inout DER.Reader) throws(CryptoError) -> (AlgorithmIdentifier, AlgorithmIdentifier) in
            (try AlgorithmIdentifier(from: &r), try AlgorithmIdentifier(from: &r))
        }
        try reader.finish()

        // The cipher first: its key length is what a keyLength field must agree with.
        (cipher, iv) = try PBES2Parameters.encryptionScheme(scheme)
        switch kdf.algorithm {
        case .pbkdf2: keyDerivation = try PBES2Parameters.pbkdf2(kdf.parameters, cipher: cipher)
        case .scrypt: keyDerivation = try PBES2Parameters.scrypt(kdf.parameters, cipher: cipher)
        default:
            throw CryptoError(.unsupportedAlgorithm, "PBES2 key derivation function OID \(kdf.algorithm) is not supported (only PBKDF2 and scrypt): re-encrypt the key with openssl pkcs8 -topk8 -v2 aes-256-cbc")
        }
    }

    /// The DER of the parameters element (the writer's output; OpenSSL's layout).
    var derRepresentation: [UInt8] {
        var w = DER.Writer()
        w.writeSequence { s in
            s.writeSequence { k in
                switch keyDerivation {
                case let .pbkdf2(salt, iterations, prf):
                    k.writeObjectIdentifier(.pbkdf2)
                    k.writeSequence { p in
                        p.writeOctetString(salt)
                        p.writeSmallInteger(iterations)
                        if prf != .hmacSHA1 {
                            p.writeSequence { a in
                                a.writeObjectIdentifier(prf.oid)
                                a.writeNull()
                            }
                        }
                    }
                case let .scrypt(salt, n, r, p):
                    k.writeObjectIdentifier(.scrypt)
                    k.writeSequence { q in
                        q.writeOctetString(salt)
                        q.writeSmallInteger(n)
                        q.writeSmallInteger(r)
                        q.writeSmallInteger(p)
                    }
                }
            }
            s.writeSequence { e in
                e.writeObjectIdentifier(PBES2Parameters.oid(of: cipher))
                e.writeOctetString(iv)
            }
        }
        return w.bytes
    }

    /// Derives the key and decrypts; `padding_invalid` is left for the caller to read as a
    /// wrong passphrase. Limits are checked before any work.
    func decrypt(_ ciphertext: [UInt8], passphrase: [UInt8], limits: KeyDecryptionLimits) throws(CryptoError) -> [UInt8] {
        switch keyDerivation {
        case let .pbkdf2(salt, count, prf):
            let iterations = try KeyDecryptionLimits.checkIterations(count, limits: limits, kdf: "PBKDF2")
            switch prf {
            case .hmacSHA1:
                return try PBES2.decrypt(ciphertext, password: passphrase, salt: salt, iterations: iterations, prf: Insecure.SHA1.self, cipher: cipher, iv: iv, limits: limits.pbkdf2)
            case .hmacSHA224:
                return try PBES2.decrypt(ciphertext, password: passphrase, salt: salt, iterations: iterations, prf: SHA224.self, cipher: cipher, iv: iv, limits: limits.pbkdf2)
            case .hmacSHA256:
                return try PBES2.decrypt(ciphertext, password: passphrase, salt: salt, iterations: iterations, prf: SHA256.self, cipher: cipher, iv: iv, limits: limits.pbkdf2)
            case .hmacSHA384:
                return try PBES2.decrypt(ciphertext, password: passphrase, salt: salt, iterations: iterations, prf: SHA384.self, cipher: cipher, iv: iv, limits: limits.pbkdf2)
            case .hmacSHA512:
                return try PBES2.decrypt(ciphertext, password: passphrase, salt: salt, iterations: iterations, prf: SHA512.self, cipher: cipher, iv: iv, limits: limits.pbkdf2)
            }
        case let .scrypt(salt, n, r, p):
            // Checked in Int64 first: within the memory limit (an Int), N, r and p fit an Int.
            try Scrypt.checkParameters(n: n, r: r, p: p, limits: limits.scrypt)
            var key = try Scrypt.deriveKey(password: passphrase, salt: salt, n: Int(n), r: Int(r), p: Int(p),
                                           byteCount: cipher.keyByteCount, limits: limits.scrypt)
            defer { SecretWipe.wipe(&key, "derived key") }
            return try PBES2.decrypt(ciphertext, key: key, cipher: cipher, iv: iv)
        }
    }

    // MARK: - Parsing the parts

    static func encryptionScheme(_ scheme: AlgorithmIdentifier) throws(CryptoError) -> (PBES2.Cipher, [UInt8]) {
        let cipher: PBES2.Cipher
        switch scheme.algorithm {
        case .aes128CBC: cipher = .aes128CBC
        case .aes192CBC: cipher = .aes192CBC
        case .aes256CBC: cipher = .aes256CBC
        case .desEDE3CBC: cipher = .desEDE3CBC
        default:
            let name = scheme.algorithm.cipherName.map { "\($0) (OID \(scheme.algorithm))" } ?? "OID \(scheme.algorithm)"
            throw CryptoError(.unsupportedAlgorithm, "the key is encrypted with \(name), which is not supported (AES-128/192/256-CBC and DES-EDE3-CBC are): re-encrypt it with openssl pkcs8 -topk8 -v2 aes-256-cbc")
        }
        guard let parameters = scheme.parameters else {
            throw CryptoError(.derInvalid, "PBES2 \(cipher.name) without its IV parameter: the encrypted key is malformed")
        }
        var reader = DER.Reader(parameters)
        let iv = Array(try reader.readOctetString())
        try reader.finish()
        guard iv.count == cipher.ivByteCount else {
            throw CryptoError(.derInvalid, "PBES2 \(cipher.name) IV is \(iv.count) bytes, not \(cipher.ivByteCount): the encrypted key is malformed")
        }
        return (cipher, iv)
    }

    static func pbkdf2(_ parameters: [UInt8]?, cipher: PBES2.Cipher) throws(CryptoError) -> KeyDerivation {
        guard let parameters else {
            throw CryptoError(.derInvalid, "PBKDF2 without parameters: the encrypted key is malformed")
        }
        var reader = DER.Reader(parameters)
        let result = try reader.readSequence { (r: inout DER.Reader) throws(CryptoError) -> KeyDerivation in
            let saltElement = try r.read()
            guard saltElement.tag == .octetString else {
                throw CryptoError(.unsupportedAlgorithm, "PBKDF2 with a salt from another source (\(saltElement.tag)) is not supported; only a specified OCTET STRING salt is")
            }
            let iterations = try r.readSaturatingCount()
            var prf = PRF.hmacSHA1
            var lookahead = r
            if !r.isAtEnd, (try lookahead.read()).tag == .integer {
                try checkKeyLength(try r.readSaturatingCount(), cipher: cipher)
            }
            if !r.isAtEnd {
                let algorithm = try AlgorithmIdentifier(from: &r)
                prf = try PBES2Parameters.prf(algorithm)
            }
            return .pbkdf2(salt: Array(saltElement.contents), iterations: iterations, prf: prf)
        }
        try reader.finish()
        return result
    }

    static func prf(_ algorithm: AlgorithmIdentifier) throws(CryptoError) -> PRF {
        let prf: PRF
        switch algorithm.algorithm {
        case .hmacWithSHA1: prf = .hmacSHA1
        case .hmacWithSHA224: prf = .hmacSHA224
        case .hmacWithSHA256: prf = .hmacSHA256
        case .hmacWithSHA384: prf = .hmacSHA384
        case .hmacWithSHA512: prf = .hmacSHA512
        default:
            throw CryptoError(.unsupportedAlgorithm, "PBKDF2 pseudorandom function OID \(algorithm.algorithm) is not supported (HMAC with SHA-1, SHA-224, SHA-256, SHA-384 or SHA-512 are): re-encrypt the key with openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256")
        }
        guard algorithm.parameters == nil || algorithm.parameters! == [0x05, 0x00] else {
            throw CryptoError(.derInvalid, "PBKDF2 PRF parameters must be NULL or absent")
        }
        return prf
    }

    static func scrypt(_ parameters: [UInt8]?, cipher: PBES2.Cipher) throws(CryptoError) -> KeyDerivation {
        guard let parameters else {
            throw CryptoError(.derInvalid, "scrypt without parameters: the encrypted key is malformed")
        }
        var reader = DER.Reader(parameters)
        let result = try reader.readSequence { (r: inout DER.Reader) throws(CryptoError) -> KeyDerivation in
            let salt = Array(try r.readOctetString())
            let n = try r.readSaturatingCount()
            let blockSize = try r.readSaturatingCount()
            let parallelization = try r.readSaturatingCount()
            if !r.isAtEnd { try checkKeyLength(try r.readSaturatingCount(), cipher: cipher) }
            return .scrypt(salt: salt, n: n, r: blockSize, p: parallelization)
        }
        try reader.finish()
        return result
    }

    static func checkKeyLength(_ keyLength: Int64, cipher: PBES2.Cipher) throws(CryptoError) {
        guard keyLength == Int64(cipher.keyByteCount) else {
            throw CryptoError(.derInvalid, "the KDF keyLength \(keyLength) does not match \(cipher.name), which takes a \(cipher.keyByteCount)-byte key: the encrypted key is malformed")
        }
    }

    static func oid(of cipher: PBES2.Cipher) -> ASN1ObjectIdentifier {
        switch cipher {
        case .aes128CBC: .aes128CBC
        case .aes192CBC: .aes192CBC
        case .aes256CBC: .aes256CBC
        case .desEDE3CBC: .desEDE3CBC
        }
    }
}
