import PureCrypto

/// Writing key material in every unencrypted format: PKCS#1 (private and public), PKCS#8,
/// SubjectPublicKeyInfo and JWK, each as PEM or DER (JWK as JSON).
///
/// The output is canonical: DER is unique, PEM is RFC 7468's strict form (64 columns, LF, final
/// newline), and JWK members come in a fixed order. A file written by OpenSSL therefore
/// re-exports byte for byte.
extension RSAKeyMaterial {
    /// The DER of `structure` (not `.encryptedPKCS8` or a JWK). A private structure needs
    /// private material with CRT numbers (`not_a_private_key` otherwise); public structures take
    /// the public half of anything.
    public func derRepresentation(_ structure: KeyFormat.Structure) throws(CryptoError) -> [UInt8] {
        switch structure {
        case .pkcs1Public:
            return numbers.pkcs1PublicKeyDER
        case .spki:
            return SubjectPublicKeyInfo(algorithm: .rsaEncryption, subjectPublicKey: numbers.pkcs1PublicKeyDER).derRepresentation
        case .pkcs1Private:
            try requirePrivate()
            return try numbers.pkcs1PrivateKeyDER()
        case .pkcs8:
            try requirePrivate()
            return PrivateKeyInfo(algorithm: .rsaEncryption, privateKey: try numbers.pkcs1PrivateKeyDER()).derRepresentation
        case .encryptedPKCS8:
            throw CryptoError(.invalidArgument, "writing encrypted PKCS#8 needs a passphrase and the PBES2 encryptor")
        case .jwkPrivate, .jwkPublic:
            throw CryptoError(.invalidArgument, "a JWK is JSON, not DER")
        }
    }

    /// The bytes of a key file in `format`: PEM text, DER, or compact JWK JSON (with `kid` set
    /// to the RFC 7638 thumbprint and `use` set to `sig`, no trailing newline).
    public func encoded(as format: KeyFormat) throws(CryptoError) -> [UInt8] {
        switch format.structure {
        case .jwkPrivate:
            try requirePrivate()
            return try jwk(includingPrivate: true).jsonBytes
        case .jwkPublic:
            return try jwk(includingPrivate: false).jsonBytes
        default:
            let der = try derRepresentation(format.structure)
            switch format.container {
            case .der: return der
            case .pem: return Array(PEMDocument(label: format.structure.pemLabel!, derBytes: der).pemString.utf8)
            case .json: throw CryptoError(.invalidArgument, "only JWKs are written as JSON")
            }
        }
    }

    /// The key as a JWK (`kid` = RFC 7638 thumbprint, `use` = `sig`); private members only when
    /// asked for and present.
    public func jwk(includingPrivate: Bool) throws(CryptoError) -> RSAJWK {
        if includingPrivate { try requirePrivate() }
        var written = includingPrivate ? numbers : numbers.publicNumbers
        written.n = Array(RSAJWK.minimal(numbers.n))
        written.e = Array(RSAJWK.minimal(numbers.e))
        return RSAJWK(numbers: written, kid: RSAJWK.thumbprint(n: written.n, e: written.e), use: "sig")
    }

    /// The RFC 7638 SHA-256 thumbprint of the public key, base64url.
    public var jwkThumbprint: String { RSAJWK.thumbprint(n: numbers.n, e: numbers.e) }
}
