@_spi(Hazmat) import PureCrypto

/// PBES1 (RFC 8018 §6.1): PBKDF1 with MD5 or SHA-1, then DES-CBC. Only to open old keys
/// (`openssl pkcs8 -topk8 -v1 PBE-MD5-DES` / `PBE-SHA1-DES`): single DES and a 64-bit key are
/// weak, so there is no writer.
///
/// ```
/// PBEParameter ::= SEQUENCE {
///     salt           OCTET STRING (SIZE(8)),
///     iterationCount INTEGER }
/// ```
struct PBES1Parameters: Sendable, Equatable {
    enum Hash: Sendable, Equatable { case md5, sha1 }

    var hash: Hash
    var salt: [UInt8]
    var iterations: Int64

    /// Parses the parameters of pbeWithMD5AndDES-CBC or pbeWithSHA1AndDES-CBC.
    init(hash: Hash, derEncoded parameters: [UInt8]?) throws(CryptoError) {
        (salt, iterations) = try Self.saltAndCount(parameters, scheme: "PBES1")
        guard salt.count == 8 else {
            throw CryptoError(.derInvalid, "PBES1 salt is \(salt.count) bytes, not 8: the encrypted key is malformed")
        }
        self.hash = hash
    }

    /// PBKDF1 (RFC 8018 §5.1): T_1 = Hash(P ‖ S), T_i = Hash(T_(i-1)); the DES key is the first
    /// 8 bytes of T_c, the IV the next 8. Time depends only on the iteration count.
    func deriveKeyAndIV(passphrase: [UInt8], limits: KeyDecryptionLimits) throws(CryptoError) -> (key: [UInt8], iv: [UInt8]) {
        let iterations = try KeyDecryptionLimits.checkIterations(iterations, limits: limits, kdf: "PBKDF1")
        var t: [UInt8]
        switch hash {
        case .md5: t = Self.pbkdf1(Insecure.MD5.self, passphrase: passphrase, salt: salt, iterations: iterations)
        case .sha1: t = Self.pbkdf1(Insecure.SHA1.self, passphrase: passphrase, salt: salt, iterations: iterations)
        }
        defer { SecretWipe.wipe(&t, "PBKDF1 output") }
        return (Array(t[0..<8]), Array(t[8..<16]))
    }

    /// T_c of PBKDF1 with `H`: T_1 = H(P ‖ S), T_i = H(T_(i-1)).
    private static func pbkdf1<H: HashFunction>(_: H.Type, passphrase: [UInt8], salt: [UInt8], iterations: Int) -> [UInt8] {
        var h = H()
        h.update(passphrase)
        h.update(salt)
        var t = h.finalize()
        for _ in 1..<iterations { t = H.hash(t) }
        return t
    }

    /// The salt and iteration count of a PBEParameter or pkcs-12PbeParams (the same
    /// SEQUENCE { OCTET STRING, INTEGER }), for `scheme` ("PBES1", "PKCS#12 PBE") in messages.
    static func saltAndCount(_ parameters: [UInt8]?, scheme: String) throws(CryptoError) -> ([UInt8], Int64) {
        guard let parameters else {
            throw CryptoError(.derInvalid, "\(scheme) without parameters: the encrypted key is malformed")
        }
        var reader = DER.Reader(parameters)
        let result = try reader.readSequence { (r: inout DER.Reader) throws(CryptoError) -> ([UInt8], Int64) in
            (Array(try r.readOctetString()), try r.readSaturatingCount())
        }
        try reader.finish()
        return result
    }

    /// Derives, decrypts with DES-CBC and checks the padding (`padding_invalid` otherwise).
    func decrypt(_ ciphertext: [UInt8], passphrase: [UInt8], limits: KeyDecryptionLimits) throws(CryptoError) -> [UInt8] {
        var (key, iv) = try deriveKeyAndIV(passphrase: passphrase, limits: limits)
        defer { SecretWipe.wipe(&key, "derived key") }
        return try CBC.decrypt(ciphertext, using: try DES(key: key), iv: iv)
    }
}

extension KeyDecryptionLimits {
    /// The iteration-count check of every KDF a key file names (PBKDF1, the PKCS#12 KDF, and
    /// PBKDF2 before its own check of the same limit): at least 1, at most
    /// `pbkdf2.maxIterations`, before any work. Returns the count as an `Int`, which it then fits.
    static func checkIterations(_ iterations: Int64, limits: KeyDecryptionLimits, kdf: String) throws(CryptoError) -> Int {
        guard iterations >= 1 else {
            throw CryptoError(.invalidIterationCount, "a \(kdf) iteration count of \(iterations) is invalid (it must be at least 1): the encrypted key is malformed")
        }
        guard iterations <= Int64(limits.pbkdf2.maxIterations) else {
            throw CryptoError(.invalidIterationCount, "the \(kdf) iteration count \(iterations) is above the limit of \(limits.pbkdf2.maxIterations); if this key comes from a trusted source, raise KeyDecryptionLimits.pbkdf2.maxIterations")
        }
        return Int(iterations)
    }
}
