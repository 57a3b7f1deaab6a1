import PureCrypto

/// Which encoding a key file used: the structure inside and the container around it. The
/// loader reports it (`purejwt key show` prints it) and the exporters take it.
public struct KeyFormat: Sendable, Hashable, CustomStringConvertible {
    /// The key structure.
    public enum Structure: Sendable, Hashable {
        /// PKCS#1 RSAPrivateKey (RFC 8017 A.1.2), PEM label `RSA PRIVATE KEY`.
        case pkcs1Private
        /// PKCS#1 RSAPublicKey (RFC 8017 A.1.1), PEM label `RSA PUBLIC KEY`.
        case pkcs1Public
        /// PKCS#8 PrivateKeyInfo (RFC 5208), PEM label `PRIVATE KEY`.
        case pkcs8
        /// PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 §3), PEM label `ENCRYPTED PRIVATE KEY`.
        case encryptedPKCS8
        /// SubjectPublicKeyInfo (RFC 5280 §4.1), PEM label `PUBLIC KEY`.
        case spki
        /// A JSON Web Key (RFC 7517) with private members.
        case jwkPrivate
        /// A JSON Web Key (RFC 7517) with public members only.
        case jwkPublic

        /// The RFC 7468 label of this structure in PEM (nil for JWK).
        public var pemLabel: String? {
            switch self {
            case .pkcs1Private: return "RSA PRIVATE KEY"
            case .pkcs1Public: return "RSA PUBLIC KEY"
            case .pkcs8: return "PRIVATE KEY"
            case .encryptedPKCS8: return "ENCRYPTED PRIVATE KEY"
            case .spki: return "PUBLIC KEY"
            case .jwkPrivate, .jwkPublic: return nil
            }
        }

        /// True for the structures that hold a private key.
        public var isPrivate: Bool {
            switch self {
            case .pkcs1Private, .pkcs8, .encryptedPKCS8, .jwkPrivate: return true
            case .pkcs1Public, .spki, .jwkPublic: return false
            }
        }

        var name: String {
            switch self {
            case .pkcs1Private: return "PKCS#1 RSAPrivateKey"
            case .pkcs1Public: return "PKCS#1 RSAPublicKey"
            case .pkcs8: return "PKCS#8 PrivateKeyInfo"
            case .encryptedPKCS8: return "PKCS#8 EncryptedPrivateKeyInfo"
            case .spki: return "SubjectPublicKeyInfo"
            case .jwkPrivate: return "JWK (private)"
            case .jwkPublic: return "JWK (public)"
            }
        }
    }

    /// The container around the structure.
    public enum Container: Sendable, Hashable {
        /// RFC 7468 text (possibly with RFC 1421 headers: legacy encryption).
        case pem
        /// Binary DER.
        case der
        /// JSON text (JWK).
        case json
    }

    /// The ASN.1 or JSON structure of the key.
    public var structure: Structure
    /// PEM, DER or JSON around it.
    public var container: Container
    /// True for a legacy OpenSSL PEM with `Proc-Type: 4,ENCRYPTED` (PKCS#1 inside).
    public var isLegacyEncrypted: Bool

    /// The format of `structure` in `container`.
    public init(_ structure: Structure, _ container: Container, isLegacyEncrypted: Bool = false) {
        self.structure = structure
        self.container = container
        self.isLegacyEncrypted = isLegacyEncrypted
    }

    /// E.g. "PKCS#8 PrivateKeyInfo, PEM" or "PKCS#1 RSAPrivateKey, legacy encrypted PEM".
    public var description: String {
        switch container {
        case .pem: return structure.name + (isLegacyEncrypted ? ", legacy encrypted PEM" : ", PEM")
        case .der: return structure.name + ", DER"
        case .json: return structure.name
        }
    }
}
