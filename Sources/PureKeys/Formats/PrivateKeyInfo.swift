import PureCrypto

/// PKCS#8 PrivateKeyInfo (RFC 5208 §5), read also in its RFC 5958 §2 OneAsymmetricKey (v2) form.
///
/// ```
/// OneAsymmetricKey ::= SEQUENCE {
///     version                   Version,
///     privateKeyAlgorithm       PrivateKeyAlgorithmIdentifier,
///     privateKey                PrivateKey,
///     attributes            [0] Attributes OPTIONAL,
///     ...,
///     [[2: publicKey        [1] PublicKey OPTIONAL ]],
///     ...
/// }
/// PrivateKeyInfo ::= OneAsymmetricKey   -- version v1(0), no publicKey
/// Version ::= INTEGER { v1(0), v2(1) } (v1, ..., v2)
/// PrivateKey ::= OCTET STRING
/// PublicKey ::= BIT STRING
/// ```
///
/// Attributes and the optional public key are skipped. Holds a secret: `description` shows
/// only the algorithm.
package struct PrivateKeyInfo: Sendable, CustomStringConvertible {
    package var algorithm: AlgorithmIdentifier
    /// The algorithm-specific private key (for RSA, a PKCS#1 RSAPrivateKey).
    package var privateKey: [UInt8]

    package init(algorithm: AlgorithmIdentifier, privateKey: [UInt8]) {
        self.algorithm = algorithm
        self.privateKey = privateKey
    }

    package init(derEncoded bytes: [UInt8]) throws(CryptoError) {
        var reader = DER.Reader(bytes)
        self = try reader.readSequence { (r: inout DER.Reader) throws(CryptoError) -> PrivateKeyInfo in
            let version = try r.readSmallInteger()
            guard version == 0 || version == 1 else {
                throw CryptoError(.derInvalid, "PKCS#8 PrivateKeyInfo version \(version) is not valid (expected 0 or 1)")
            }
            let algorithm = try AlgorithmIdentifier(from: &r)
            let privateKey = Array(try r.readOctetString())
            if let attributes = try r.readOptionalImplicit(0) {
                guard attributes.tag.isConstructed else { throw CryptoError(.derInvalid, "PKCS#8 attributes must be a SET") }
            }
            if let publicKey = try r.readOptionalImplicit(1) {
                guard version == 1, !publicKey.tag.isConstructed else {
                    throw CryptoError(.derInvalid, "PKCS#8 publicKey [1] is only allowed in a version 1 (v2) key, as a BIT STRING")
                }
            }
            return PrivateKeyInfo(algorithm: algorithm, privateKey: privateKey)
        }
        try reader.finish()
    }

    /// Version 0 (v1) encoding, as OpenSSL writes it.
    package var derRepresentation: [UInt8] {
        var w = DER.Writer()
        w.writeSequence { s in
            s.writeSmallInteger(0)
            algorithm.write(to: &s)
            s.writeOctetString(privateKey)
        }
        return w.bytes
    }

    package var description: String { "PrivateKeyInfo(algorithm \(algorithm.algorithm), key redacted)" }
}
