import PureCrypto

/// A decoded RSA key file: its numbers (`RSAKeyNumbers`, before any arithmetic check) and the
/// format they came in. Every key format (PEM, DER, JWK) decodes to this and encodes from it.
///
/// `RSAKeyMaterial(decoding:passphrase:)` auto-detects the input: JSON (a JWK), PEM (by its
/// armor label) or DER (by the shape of its outer SEQUENCE), and reports which it found.
///
/// Holds secrets when private: `description` shows only the format and modulus size.
public struct RSAKeyMaterial: Sendable, CustomStringConvertible {
    /// The format the numbers came in (or, for a key's own material, the one it writes by default).
    public var format: KeyFormat
    /// The key's numbers as found: minimal big-endian magnitudes from DER; a JWK's as given.
    /// The CRT numbers are nil for public keys and for private JWKs without them (the RSA type
    /// then recovers p and q from n, e, d).
    public var numbers: RSAKeyNumbers

    /// Numbers in a format.
    public init(format: KeyFormat, numbers: RSAKeyNumbers) {
        self.format = format
        self.numbers = numbers
    }

    /// Whether the numbers are those of a private key.
    public var isPrivate: Bool { numbers.isPrivate }

    /// The format and modulus size only, never a private number.
    public var description: String {
        "RSAKeyMaterial(\(format), \(RSAJWK.minimal(numbers.n).count * 8)-bit modulus\(isPrivate ? ", private numbers redacted" : ""))"
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
        self.init(format: KeyFormat(jwk.isPrivate ? .jwkPrivate : .jwkPublic, .json), numbers: jwk.numbers)
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
            let numbers = try EncryptedKeyDecryption.decryptLegacyPEM(pem, passphrase: passphrase)
            self.init(format: KeyFormat(.pkcs1Private, .pem, isLegacyEncrypted: true), numbers: numbers)
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
            self.init(format: format, numbers: try RSAKeyNumbers(pkcs1PrivateKeyDER: der))
        case .pkcs1Public:
            self.init(format: format, numbers: try RSAKeyNumbers(pkcs1PublicKeyDER: der))
        case .pkcs8:
            self.init(format: format, numbers: try RSAKeyNumbers(privateKeyInfo: PrivateKeyInfo(derEncoded: der)))
        case .spki:
            let info = try SubjectPublicKeyInfo(derEncoded: der)
            try info.algorithm.requireRSA(in: "SubjectPublicKeyInfo")
            self.init(format: format, numbers: try RSAKeyNumbers(pkcs1PublicKeyDER: info.subjectPublicKey))
        case .encryptedPKCS8:
            let info = try EncryptedPrivateKeyInfo(derEncoded: der)
            guard let passphrase else {
                throw CryptoError(.missingPassphrase, "this key is encrypted (PKCS#8 EncryptedPrivateKeyInfo): give its passphrase")
            }
            // Decryption parses the PrivateKeyInfo once (a wrong passphrase shows there) and
            // hands it over; it is not parsed again.
            let plaintext = try EncryptedKeyDecryption.decryptPKCS8(info, passphrase: passphrase, limits: decryptionLimits)
            self.init(format: format, numbers: try RSAKeyNumbers(privateKeyInfo: plaintext))
        case .jwkPrivate, .jwkPublic:
            throw CryptoError(.invalidArgument, "a JWK is JSON, not DER")
        }
    }

    /// Parses without keeping the result; used to confirm a suspected label mismatch.
    static func checkStructure(_ structure: KeyFormat.Structure, der: [UInt8]) throws(CryptoError) {
        switch structure {
        case .pkcs1Private:
            var numbers = try RSAKeyNumbers(pkcs1PrivateKeyDER: der)
            numbers.wipeSecrets()
        case .pkcs1Public: _ = try RSAKeyNumbers(pkcs1PublicKeyDER: der)
        case .pkcs8:
            var info = try PrivateKeyInfo(derEncoded: der)
            SecretWipe.wipe(&info.privateKey, "PKCS#8 private key")
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

extension RSAKeyNumbers {
    /// The numbers of an RSA PrivateKeyInfo's PKCS#1 RSAPrivateKey: `unsupported_key_type` for
    /// another algorithm. Consumes `info`: its private-key octets are wiped here.
    init(privateKeyInfo info: consuming PrivateKeyInfo) throws(CryptoError) {
        var info = info
        defer { SecretWipe.wipe(&info.privateKey, "PKCS#8 private key") }
        try info.algorithm.requireRSA(in: "PKCS#8 PrivateKeyInfo")
        self = try RSAKeyNumbers(pkcs1PrivateKeyDER: info.privateKey)
    }
}

extension CryptoError.Code {
    /// An encrypted key was supplied without a passphrase.
    public static let missingPassphrase = CryptoError.Code("missing_passphrase")
}
