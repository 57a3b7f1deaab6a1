import PureCrypto

/// The numbers found in an RSA key file, with the format they came in, before any arithmetic
/// check: the meeting point of every key format (PEM, DER, JWK) and the RSA key types.
///
/// `RSAKeyMaterial(decoding:passphrase:)` auto-detects the input: JSON (a JWK), PEM (by its
/// armor label) or DER (by the shape of its outer SEQUENCE), and reports which it found.
///
/// Holds secrets when private: `description` shows only the format and modulus size.
public struct RSAKeyMaterial: Sendable, CustomStringConvertible {
    public var format: KeyFormat
    /// Minimal big-endian magnitudes.
    public var modulus: [UInt8]
    public var publicExponent: [UInt8]
    /// The private exponent; nil for a public key.
    public var privateExponent: [UInt8]?
    /// p, q, d mod (p-1), d mod (q-1), q^-1 mod p; nil for public keys and for private JWKs
    /// without them (the RSA type then recovers p and q from n, e, d).
    public var crt: RSAJWK.CRTNumbers?

    public init(format: KeyFormat, modulus: [UInt8], publicExponent: [UInt8],
                privateExponent: [UInt8]? = nil, crt: RSAJWK.CRTNumbers? = nil) {
        self.format = format
        self.modulus = modulus
        self.publicExponent = publicExponent
        self.privateExponent = privateExponent
        self.crt = crt
    }

    public var isPrivate: Bool { privateExponent != nil }

    public var description: String {
        "RSAKeyMaterial(\(format), \(RSAJWK.minimal(modulus).count * 8)-bit modulus\(isPrivate ? ", private numbers redacted" : ""))"
    }

    /// Throws `not_a_private_key` unless this holds a private key.
    public func requirePrivate() throws(CryptoError) {
        guard isPrivate else {
            throw CryptoError(.notAPrivateKey, "this is a public key (\(format)); a private key is required here")
        }
    }

    /// Decodes a key file, detecting its format: JSON (JWK), PEM or DER.
    ///
    /// - Parameter passphrase: for encrypted keys (PKCS#8 EncryptedPrivateKeyInfo, legacy
    ///   `Proc-Type: 4,ENCRYPTED` PEM); nil means none was given, which makes an encrypted key
    ///   fail with `missing_passphrase`. UTF-8 bytes, used as they are.
    /// - Parameter decryptionLimits: caps on the KDF work an encrypted key may ask for
    ///   (iterations, scrypt memory); see `KeyDecryptionLimits`.
    public init(decoding bytes: [UInt8], passphrase: [UInt8]? = nil,
                decryptionLimits: KeyDecryptionLimits = .default) throws(CryptoError) {
        try KeyInputLimits.check(bytes.count, "key input")
        guard let first = bytes.first(where: { !PEMDocument.isWhitespace($0) }) else {
            throw CryptoError(.pemMalformed, "the key input is empty")
        }
        if first == UInt8(ascii: "{") {
            self = try RSAKeyMaterial(jwk: RSAJWK(jsonBytes: bytes))
        } else if first == 0x30 && bytes.first == 0x30 {
            self = try RSAKeyMaterial(der: bytes, passphrase: passphrase, decryptionLimits: decryptionLimits)
        } else if RSAKeyMaterial.looksLikeText(bytes) {
            var pem = try PEMDocument(pemEncoded: bytes)
            defer { SecretWipe.wipe(&pem.derBytes, "PEM body") }
            self = try RSAKeyMaterial(pem: pem, passphrase: passphrase, decryptionLimits: decryptionLimits)
        } else {
            throw CryptoError(.derInvalid, "the input is neither PEM, JWK JSON nor a DER key (it does not start with a SEQUENCE)")
        }
    }

    /// The numbers of a parsed JWK.
    public init(jwk: RSAJWK) {
        self.init(format: KeyFormat(jwk.isPrivate ? .jwkPrivate : .jwkPublic, .json), modulus: jwk.n,
                  publicExponent: jwk.e, privateExponent: jwk.d, crt: jwk.crt)
    }

    /// Decodes a PEM document according to its label.
    package init(pem: PEMDocument, passphrase: [UInt8]? = nil,
                decryptionLimits: KeyDecryptionLimits = .default) throws(CryptoError) {
        let structure: KeyFormat.Structure
        switch pem.label {
        case "RSA PRIVATE KEY": structure = .pkcs1Private
        case "PRIVATE KEY": structure = .pkcs8
        case "ENCRYPTED PRIVATE KEY": structure = .encryptedPKCS8
        case "PUBLIC KEY": structure = .spki
        case "RSA PUBLIC KEY": structure = .pkcs1Public
        case "EC PRIVATE KEY", "EC PARAMETERS", "DSA PRIVATE KEY", "DSA PARAMETERS", "DH PARAMETERS", "OPENSSH PRIVATE KEY":
            throw CryptoError(.pemLabelUnsupported, "\(Echo.quoted(pem.label)) is not an RSA key; only RSA keys are supported")
        case "CERTIFICATE":
            throw CryptoError(.pemLabelUnsupported, "this is an X.509 certificate, not a key: extract its public key (openssl x509 -pubkey -noout)")
        default:
            throw CryptoError(.pemLabelUnsupported, "unsupported PEM label \(Echo.quoted(pem.label)): expected RSA PRIVATE KEY, PRIVATE KEY, ENCRYPTED PRIVATE KEY, PUBLIC KEY or RSA PUBLIC KEY")
        }
        if pem.isLegacyEncrypted {
            guard structure == .pkcs1Private else {
                throw CryptoError(.pemHeaderInvalid, "'Proc-Type: 4,ENCRYPTED' is only used with RSA PRIVATE KEY, not \(Echo.quoted(pem.label))")
            }
            guard let passphrase else {
                throw CryptoError(.missingPassphrase, "this key is encrypted (legacy PEM, Proc-Type: 4,ENCRYPTED): give its passphrase")
            }
            var plaintext = try EncryptedKeyDecryption.decryptLegacyPEM(pem, passphrase: passphrase)
            defer { SecretWipe.wipe(&plaintext, "decrypted PKCS#1") }
            self = try RSAKeyMaterial(structure: .pkcs1Private, der: plaintext)
            format = KeyFormat(.pkcs1Private, .pem, isLegacyEncrypted: true)
            return
        }
        do {
            self = try RSAKeyMaterial(structure: structure, der: pem.derBytes, passphrase: passphrase, decryptionLimits: decryptionLimits)
        } catch where error.code == .derInvalid {
            // A body that is a different, well-formed key structure is a labelling mistake.
            if let actual = RSAKeyMaterial.classify(pem.derBytes), actual != structure,
               (try? RSAKeyMaterial.checkStructure(actual, der: pem.derBytes)) != nil {
                throw CryptoError(.pemLabelMismatch, "the PEM label says \(Echo.quoted(pem.label)) but the body is a \(actual.name): relabel it '\(actual.pemLabel!)'")
            }
            throw error
        }
        format.container = .pem
    }

    /// Decodes DER, detecting the structure from the shape of the outer SEQUENCE.
    public init(der: [UInt8], passphrase: [UInt8]? = nil,
                decryptionLimits: KeyDecryptionLimits = .default) throws(CryptoError) {
        guard let structure = RSAKeyMaterial.classify(der) else {
            try DER.validate(der)  // a precise der_invalid when the DER itself is broken
            throw CryptoError(.derInvalid, "the DER is not a PKCS#1, PKCS#8 or SubjectPublicKeyInfo key")
        }
        self = try RSAKeyMaterial(structure: structure, der: der, passphrase: passphrase, decryptionLimits: decryptionLimits)
    }

    /// Decodes DER as the given structure.
    public init(structure: KeyFormat.Structure, der: [UInt8], passphrase: [UInt8]? = nil,
                decryptionLimits: KeyDecryptionLimits = .default) throws(CryptoError) {
        let format = KeyFormat(structure, .der)
        switch structure {
        case .pkcs1Private:
            // The parsed numbers move into this material (no copy is left behind to wipe).
            let key = try PKCS1RSAPrivateKey(derEncoded: der)
            self.init(format: format, modulus: key.modulus, publicExponent: key.publicExponent, privateExponent: key.privateExponent,
                      crt: RSAJWK.CRTNumbers(p: key.prime1, q: key.prime2, dp: key.exponent1, dq: key.exponent2, qi: key.coefficient))
        case .pkcs1Public:
            let key = try PKCS1RSAPublicKey(derEncoded: der)
            self.init(format: format, modulus: key.modulus, publicExponent: key.publicExponent)
        case .pkcs8:
            var info = try PrivateKeyInfo(derEncoded: der)
            defer { SecretWipe.wipe(&info.privateKey, "PKCS#8 private key") }
            try info.algorithm.requireRSA(in: "PKCS#8 PrivateKeyInfo")
            self = try RSAKeyMaterial(structure: .pkcs1Private, der: info.privateKey)
            self.format = format
        case .spki:
            let info = try SubjectPublicKeyInfo(derEncoded: der)
            try info.algorithm.requireRSA(in: "SubjectPublicKeyInfo")
            self = try RSAKeyMaterial(structure: .pkcs1Public, der: info.subjectPublicKey)
            self.format = format
        case .encryptedPKCS8:
            let info = try EncryptedPrivateKeyInfo(derEncoded: der)
            guard let passphrase else {
                throw CryptoError(.missingPassphrase, "this key is encrypted (PKCS#8 EncryptedPrivateKeyInfo): give its passphrase")
            }
            var plaintext = try EncryptedKeyDecryption.decryptPKCS8(info, passphrase: passphrase, limits: decryptionLimits)
            defer { SecretWipe.wipe(&plaintext, "decrypted PKCS#8") }
            self = try RSAKeyMaterial(structure: .pkcs8, der: plaintext)
            self.format = format
        case .jwkPrivate, .jwkPublic:
            throw CryptoError(.invalidArgument, "a JWK is JSON, not DER")
        }
    }

    /// Parses without keeping the result; used to confirm a suspected label mismatch.
    static func checkStructure(_ structure: KeyFormat.Structure, der: [UInt8]) throws(CryptoError) {
        switch structure {
        case .pkcs1Private: _ = try PKCS1RSAPrivateKey(derEncoded: der)
        case .pkcs1Public: _ = try PKCS1RSAPublicKey(derEncoded: der)
        case .pkcs8: _ = try PrivateKeyInfo(derEncoded: der)
        case .spki: _ = try SubjectPublicKeyInfo(derEncoded: der)
        case .encryptedPKCS8: _ = try EncryptedPrivateKeyInfo(derEncoded: der)
        case .jwkPrivate, .jwkPublic: throw CryptoError(.invalidArgument, "a JWK is JSON, not DER")
        }
    }

    /// Guesses the structure from the tags of the outer SEQUENCE's first elements (without
    /// validating them): INTEGER, SEQUENCE, OCTET STRING is PKCS#8; nine or more INTEGERs is a
    /// PKCS#1 private key, two a PKCS#1 public key; SEQUENCE, BIT STRING is SPKI; SEQUENCE,
    /// OCTET STRING is an encrypted PKCS#8. Nil when nothing fits.
    static func classify(_ der: [UInt8]) -> KeyFormat.Structure? {
        var outer = DER.Reader(der)
        guard let sequence = try? outer.read(.sequence) else { return nil }
        var inner = DER.Reader(sequence.contents)
        var tags: [DER.Tag] = []
        while tags.count < 9, let element = try? inner.read() { tags.append(element.tag) }
        guard tags.count >= 2 else { return nil }
        switch (tags[0], tags[1]) {
        case (.integer, .sequence) where tags.count >= 3 && tags[2] == .octetString: return .pkcs8
        case (.integer, .integer) where tags.count == 2: return .pkcs1Public
        case (.integer, .integer) where tags.count == 9 && tags.allSatisfy({ $0 == .integer }): return .pkcs1Private
        case (.sequence, .bitString): return .spki
        case (.sequence, .octetString): return .encryptedPKCS8
        default: return nil
        }
    }

    /// True when the bytes are plausibly text (so a parse failure should speak of PEM, not DER).
    static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(256).allSatisfy { $0 >= 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}

extension CryptoError.Code {
    /// A public key was supplied where a private key is required.
    public static let notAPrivateKey = CryptoError.Code("not_a_private_key")
    /// An encrypted key was supplied without a passphrase.
    public static let missingPassphrase = CryptoError.Code("missing_passphrase")
}
