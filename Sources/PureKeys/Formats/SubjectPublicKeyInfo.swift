import PureCrypto

/// The X.509 public key container (RFC 5280 §4.1), used alone as `BEGIN PUBLIC KEY`.
///
/// ```
/// SubjectPublicKeyInfo  ::=  SEQUENCE  {
///      algorithm            AlgorithmIdentifier,
///      subjectPublicKey     BIT STRING  }
/// ```
package struct SubjectPublicKeyInfo: Sendable, Equatable {
    package var algorithm: AlgorithmIdentifier
    /// The BIT STRING's octets (for RSA, a PKCS#1 RSAPublicKey).
    package var subjectPublicKey: [UInt8]

    package init(algorithm: AlgorithmIdentifier, subjectPublicKey: [UInt8]) {
        self.algorithm = algorithm
        self.subjectPublicKey = subjectPublicKey
    }

    package init(derEncoded bytes: [UInt8]) throws(CryptoError) {
        var reader = DER.Reader(bytes)
        self = try reader.readSequence { (r: inout DER.Reader) throws(CryptoError) -> SubjectPublicKeyInfo in
            let algorithm = try AlgorithmIdentifier(from: &r)
            let key = Array(try r.readBitStringBytes())
            return SubjectPublicKeyInfo(algorithm: algorithm, subjectPublicKey: key)
        }
        try reader.finish()
    }

    package var derRepresentation: [UInt8] {
        var w = DER.Writer()
        w.writeSequence { s in
            algorithm.write(to: &s)
            s.writeBitString(subjectPublicKey)
        }
        return w.bytes
    }
}
