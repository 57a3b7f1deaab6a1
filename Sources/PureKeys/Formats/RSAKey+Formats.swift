import PureCrypto

/// Importing RSA keys from every format (PKCS#1, PKCS#8, SPKI as PEM or DER, JWK) and
/// exporting them to every format, on top of `RSAKeyMaterial` (formats) and the strictly
/// checked `RSAPrivateKey` / `RSAPublicKey` (numbers).
///
/// Import checks everything: the encoding (`der_invalid`, `pem_malformed`, `jwk_invalid`...),
/// the key type (`unsupported_key_type`), public versus private (`not_a_private_key`), the
/// numbers (`invalid_key`) and the size policy (`key_size_not_allowed` under 2048 bits unless
/// `RSAKeyOptions.unsafeAllowSmallKeys`).

/// A key loaded from a file whose kind was not known in advance: private or public.
public enum RSAKey: Sendable, CustomStringConvertible {
    /// A private key (its public half is `publicKey`).
    case privateKey(RSAPrivateKey)
    /// A public key.
    case publicKey(RSAPublicKey)

    /// Loads any supported key file, detecting PEM, DER or JWK, and reports the format found.
    ///
    /// ```swift
    /// let (key, format) = try RSAKey.load(fileBytes)
    /// print(format)          // "PKCS#8 PrivateKeyInfo, PEM"
    /// ```
    public static func load(_ bytes: [UInt8], passphrase: [UInt8]? = nil, options: RSAKeyOptions = [],
                            decryptionLimits: KeyDecryptionLimits = .default) throws(CryptoError) -> (key: RSAKey, format: KeyFormat) {
        var material = try RSAKeyMaterial(decoding: bytes, passphrase: passphrase, decryptionLimits: decryptionLimits)
        defer { material.wipeSecrets() }
        return (try RSAKey(material: material, options: options), material.format)
    }

    /// The checked key for decoded material.
    public init(material: RSAKeyMaterial, options: RSAKeyOptions = []) throws(CryptoError) {
        if material.isPrivate {
            self = .privateKey(try RSAPrivateKey(material: material, options: options))
        } else {
            self = .publicKey(try RSAPublicKey(numbers: material.numbers, options: options))
        }
    }

    /// The public key, or the public half of the private key.
    public var publicKey: RSAPublicKey {
        switch self {
        case .privateKey(let key): return key.publicKey
        case .publicKey(let key): return key
        }
    }

    /// The private key, or nil for a public key.
    public var privateKey: RSAPrivateKey? {
        if case .privateKey(let key) = self { return key }
        return nil
    }

    /// The key's material, for export.
    public var material: RSAKeyMaterial {
        switch self {
        case .privateKey(let key): return key.keyMaterial
        case .publicKey(let key): return key.keyMaterial
        }
    }

    /// Writes the key in `format`. Public formats (SPKI, RSA PUBLIC KEY, public JWK) take the
    /// public half of a private key; private formats of a public key are `not_a_private_key`.
    public func exported(as format: KeyFormat) throws(CryptoError) -> [UInt8] {
        try material.encoded(as: format)
    }

    /// Type and size only, e.g. "RSA private key, 2048 bits".
    public var description: String {
        switch self {
        case .privateKey(let key): return "RSA private key, \(key.modulusBitCount) bits"
        case .publicKey(let key): return "RSA public key, \(key.modulusBitCount) bits"
        }
    }
}

extension RSAPrivateKey {
    /// Loads a private key from PEM, DER or JWK bytes (detected). A public key is
    /// `not_a_private_key`; an encrypted key without passphrase is `missing_passphrase`.
    /// `decryptionLimits` caps the KDF work an encrypted key may ask for.
    public init(importing bytes: [UInt8], passphrase: [UInt8]? = nil, options: RSAKeyOptions = [],
                decryptionLimits: KeyDecryptionLimits = .default) throws(CryptoError) {
        var material = try RSAKeyMaterial(decoding: bytes, passphrase: passphrase, decryptionLimits: decryptionLimits)
        defer { material.wipeSecrets() }
        try self.init(material: material, options: options)
    }

    /// Loads a private key from PEM text (`RSA PRIVATE KEY`, `PRIVATE KEY`, or encrypted forms).
    public init(pemRepresentation: String, passphrase: [UInt8]? = nil, options: RSAKeyOptions = [],
                decryptionLimits: KeyDecryptionLimits = .default) throws(CryptoError) {
        var pem = try PEMDocument(pemEncoded: pemRepresentation)
        defer { SecretWipe.wipe(&pem.derBytes, "PEM body") }
        var material = try RSAKeyMaterial(pem: pem, passphrase: passphrase, decryptionLimits: decryptionLimits)
        defer { material.wipeSecrets() }
        try self.init(material: material, options: options)
    }

    /// Loads a private key from DER (PKCS#1 RSAPrivateKey or PKCS#8, detected).
    public init(derRepresentation: [UInt8], passphrase: [UInt8]? = nil, options: RSAKeyOptions = [],
                decryptionLimits: KeyDecryptionLimits = .default) throws(CryptoError) {
        var material = try RSAKeyMaterial(der: derRepresentation, passphrase: passphrase, decryptionLimits: decryptionLimits)
        defer { material.wipeSecrets() }
        try self.init(material: material, options: options)
    }

    /// Loads a private key from a JWK (p and q are recovered when the JWK has only `d`).
    public init(jwk: RSAJWK, options: RSAKeyOptions = []) throws(CryptoError) {
        try self.init(material: RSAKeyMaterial(jwk: jwk), options: options)
    }

    /// The checked key for decoded material; `not_a_private_key` when it is public.
    public init(material: RSAKeyMaterial, options: RSAKeyOptions = []) throws(CryptoError) {
        try material.requirePrivate()
        try self.init(numbers: material.numbers, options: options)
    }

    /// The key's numbers as material (secret: handle like the key).
    public var keyMaterial: RSAKeyMaterial { RSAKeyMaterial(format: KeyFormat(.pkcs1Private, .der), numbers: numbers) }

    /// Writes the key (or its public half, for public formats) in `format`.
    public func exported(as format: KeyFormat) throws(CryptoError) -> [UInt8] {
        try keyMaterial.encoded(as: format)
    }

    /// PKCS#1 RSAPrivateKey DER.
    public var pkcs1DERRepresentation: [UInt8] { try! keyMaterial.derRepresentation(.pkcs1Private) }
    /// PKCS#1 `RSA PRIVATE KEY` PEM.
    public var pkcs1PEMRepresentation: String { PEMDocument(label: "RSA PRIVATE KEY", derBytes: pkcs1DERRepresentation).pemString }
    /// PKCS#8 PrivateKeyInfo DER.
    public var pkcs8DERRepresentation: [UInt8] { try! keyMaterial.derRepresentation(.pkcs8) }
    /// PKCS#8 `PRIVATE KEY` PEM.
    public var pkcs8PEMRepresentation: String { PEMDocument(label: "PRIVATE KEY", derBytes: pkcs8DERRepresentation).pemString }
    /// The private JWK (`kid` = thumbprint, `use` = `sig`).
    public var jwk: RSAJWK { try! keyMaterial.jwk(includingPrivate: true) }
    /// The RFC 7638 SHA-256 thumbprint of the public key.
    public var jwkThumbprint: String { publicKey.jwkThumbprint }
}

extension RSAPublicKey {
    /// Loads a public key from PEM, DER or JWK bytes (detected). A private key gives its public
    /// half.
    public init(importing bytes: [UInt8], passphrase: [UInt8]? = nil, options: RSAKeyOptions = []) throws(CryptoError) {
        self = try RSAKey.load(bytes, passphrase: passphrase, options: options).key.publicKey
    }

    /// Loads a public key from PEM text (`PUBLIC KEY` or `RSA PUBLIC KEY`; private keys give
    /// their public half).
    public init(pemRepresentation: String, options: RSAKeyOptions = []) throws(CryptoError) {
        let material = try RSAKeyMaterial(pem: PEMDocument(pemEncoded: pemRepresentation))
        self = try RSAKey(material: material, options: options).publicKey
    }

    /// Loads a public key from DER (SPKI or PKCS#1 RSAPublicKey, detected).
    public init(derRepresentation: [UInt8], options: RSAKeyOptions = []) throws(CryptoError) {
        self = try RSAKey(material: RSAKeyMaterial(der: derRepresentation), options: options).publicKey
    }

    /// Loads a public key from a JWK (private members, if any, are ignored).
    public init(jwk: RSAJWK, options: RSAKeyOptions = []) throws(CryptoError) {
        try self.init(numbers: jwk.numbers, options: options)
    }

    /// The key's numbers as material.
    public var keyMaterial: RSAKeyMaterial { RSAKeyMaterial(format: KeyFormat(.spki, .der), numbers: numbers) }

    /// Writes the key in a public `format` (private formats are `not_a_private_key`).
    public func exported(as format: KeyFormat) throws(CryptoError) -> [UInt8] {
        try keyMaterial.encoded(as: format)
    }

    /// SubjectPublicKeyInfo DER.
    public var spkiDERRepresentation: [UInt8] { try! keyMaterial.derRepresentation(.spki) }
    /// `PUBLIC KEY` PEM.
    public var spkiPEMRepresentation: String { PEMDocument(label: "PUBLIC KEY", derBytes: spkiDERRepresentation).pemString }
    /// PKCS#1 RSAPublicKey DER.
    public var pkcs1DERRepresentation: [UInt8] { try! keyMaterial.derRepresentation(.pkcs1Public) }
    /// PKCS#1 `RSA PUBLIC KEY` PEM.
    public var pkcs1PEMRepresentation: String { PEMDocument(label: "RSA PUBLIC KEY", derBytes: pkcs1DERRepresentation).pemString }
    /// The public JWK (`kid` = thumbprint, `use` = `sig`).
    public var jwk: RSAJWK { try! keyMaterial.jwk(includingPrivate: false) }
    /// The RFC 7638 SHA-256 thumbprint, base64url.
    public var jwkThumbprint: String { keyMaterial.jwkThumbprint }
}
