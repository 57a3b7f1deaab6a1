import PureCrypto

/// The AlgorithmIdentifier of X.509 and PKCS#8 (RFC 5280 §4.1.1.2).
///
/// ```
/// AlgorithmIdentifier  ::=  SEQUENCE  {
///      algorithm               OBJECT IDENTIFIER,
///      parameters              ANY DEFINED BY algorithm OPTIONAL  }
/// ```
package struct AlgorithmIdentifier: Sendable, Equatable {
    package var algorithm: ASN1ObjectIdentifier
    /// The whole DER encoding of the parameters element, or nil when absent.
    package var parameters: [UInt8]?

    package init(algorithm: ASN1ObjectIdentifier, parameters: [UInt8]?) {
        self.algorithm = algorithm
        self.parameters = parameters
    }

    /// `rsaEncryption` with NULL parameters, as RFC 8017 Appendix C and RFC 3279 §2.3.1 require.
    package static let rsaEncryption = AlgorithmIdentifier(algorithm: .rsaEncryption, parameters: [0x05, 0x00])

    /// Reads one AlgorithmIdentifier SEQUENCE from `reader`.
    package init(from reader: inout DER.Reader) throws(CryptoError) {
        (algorithm, parameters) = try reader.readSequence { (r: inout DER.Reader) throws(CryptoError) -> (ASN1ObjectIdentifier, [UInt8]?) in
            let oid = try r.readObjectIdentifier()
            let parameters = r.isAtEnd ? nil : Array(try r.readEncodedElement())
            return (oid, parameters)
        }
    }

    package init(derEncoded bytes: [UInt8]) throws(CryptoError) {
        var reader = DER.Reader(bytes)
        try self.init(from: &reader)
        try reader.finish()
    }

    package func write(to writer: inout DER.Writer) {
        writer.writeSequence { w in
            w.writeObjectIdentifier(algorithm)
            if let parameters { w.writeEncoded(parameters) }
        }
    }

    /// Throws `unsupported_key_type` unless this names an RSA key (rsaEncryption with NULL or
    /// absent parameters). `where` says which structure it was found in, for the message.
    func requireRSA(in structure: String) throws(CryptoError) {
        guard algorithm == .rsaEncryption else {
            let name = algorithm.keyAlgorithmName.map { "\($0), OID \(algorithm)" } ?? "OID \(algorithm)"
            throw CryptoError(.unsupportedKeyType, "the \(structure) holds a non-RSA key (\(name)); only RSA keys are supported")
        }
        guard parameters == nil || parameters! == [0x05, 0x00] else {
            throw CryptoError(.derInvalid, "rsaEncryption parameters in the \(structure) must be NULL")
        }
    }
}

extension CryptoError.Code {
    /// A well-formed key that is not RSA (EC, DSA, Ed25519...).
    public static let unsupportedKeyType = CryptoError.Code("unsupported_key_type")
}
