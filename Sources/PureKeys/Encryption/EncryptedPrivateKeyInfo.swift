import PureCrypto

/// PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 §3). Parsed here so the loader can recognise an
/// encrypted key (and ask for a passphrase); decrypting it is the job of the PBES code.
///
/// ```
/// EncryptedPrivateKeyInfo ::= SEQUENCE {
///     encryptionAlgorithm  EncryptionAlgorithmIdentifier,
///     encryptedData        EncryptedData }
/// EncryptionAlgorithmIdentifier ::= AlgorithmIdentifier
/// EncryptedData ::= OCTET STRING
/// ```
package struct EncryptedPrivateKeyInfo: Sendable, Equatable {
    package var encryptionAlgorithm: AlgorithmIdentifier
    package var encryptedData: [UInt8]

    package init(encryptionAlgorithm: AlgorithmIdentifier, encryptedData: [UInt8]) {
        self.encryptionAlgorithm = encryptionAlgorithm
        self.encryptedData = encryptedData
    }

    package init(derEncoded bytes: [UInt8]) throws(CryptoError) {
        var reader = DER.Reader(bytes)
        self = try reader.readSequence { (r: inout DER.Reader) throws(CryptoError) -> EncryptedPrivateKeyInfo in
            let algorithm = try AlgorithmIdentifier(from: &r)
            let data = Array(try r.readOctetString())
            return EncryptedPrivateKeyInfo(encryptionAlgorithm: algorithm, encryptedData: data)
        }
        try reader.finish()
    }

    package var derRepresentation: [UInt8] {
        var w = DER.Writer()
        w.writeSequence { s in
            encryptionAlgorithm.write(to: &s)
            s.writeOctetString(encryptedData)
        }
        return w.bytes
    }
}
