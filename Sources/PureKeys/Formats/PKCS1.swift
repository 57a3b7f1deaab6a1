import PureCrypto

/// The PKCS#1 RSA key structures (RFC 8017 Appendix A.1), as big-endian number bytes.
///
/// These are the raw ASN.1 shapes; `RSAPublicKey` and `RSAPrivateKey` check the numbers.

/// RFC 8017 Appendix A.1.1.
///
/// ```
/// RSAPublicKey ::= SEQUENCE {
///     modulus           INTEGER,  -- n
///     publicExponent    INTEGER   -- e
/// }
/// ```
package struct PKCS1RSAPublicKey: Sendable, Equatable {
    /// Minimal big-endian magnitudes.
    package var modulus: [UInt8]
    package var publicExponent: [UInt8]

    package init(modulus: [UInt8], publicExponent: [UInt8]) {
        self.modulus = modulus
        self.publicExponent = publicExponent
    }

    package init(derEncoded bytes: [UInt8]) throws(CryptoError) {
        var reader = DER.Reader(bytes)
        try self.init(from: &reader)
        try reader.finish()
    }

    package init(from reader: inout DER.Reader) throws(CryptoError) {
        (modulus, publicExponent) = try reader.readSequence { (r: inout DER.Reader) throws(CryptoError) -> ([UInt8], [UInt8]) in
            (Array(try r.readUnsignedInteger()), Array(try r.readUnsignedInteger()))
        }
    }

    package func write(to writer: inout DER.Writer) {
        writer.writeSequence { w in
            w.writeUnsignedInteger(modulus)
            w.writeUnsignedInteger(publicExponent)
        }
    }

    package var derRepresentation: [UInt8] {
        var w = DER.Writer()
        write(to: &w)
        return w.bytes
    }
}

/// RFC 8017 Appendix A.1.2 (two-prime keys only; multi-prime keys are refused).
///
/// ```
/// RSAPrivateKey ::= SEQUENCE {
///     version           Version,
///     modulus           INTEGER,  -- n
///     publicExponent    INTEGER,  -- e
///     privateExponent   INTEGER,  -- d
///     prime1            INTEGER,  -- p
///     prime2            INTEGER,  -- q
///     exponent1         INTEGER,  -- d mod (p-1)
///     exponent2         INTEGER,  -- d mod (q-1)
///     coefficient       INTEGER,  -- (inverse of q) mod p
///     otherPrimeInfos   OtherPrimeInfos OPTIONAL
/// }
/// Version ::= INTEGER { two-prime(0), multi(1) }
/// ```
///
/// Holds secret numbers: `description` shows none of them.
package struct PKCS1RSAPrivateKey: Sendable, CustomStringConvertible {
    package var modulus: [UInt8]
    package var publicExponent: [UInt8]
    package var privateExponent: [UInt8]
    package var prime1: [UInt8]
    package var prime2: [UInt8]
    package var exponent1: [UInt8]
    package var exponent2: [UInt8]
    package var coefficient: [UInt8]

    package init(modulus: [UInt8], publicExponent: [UInt8], privateExponent: [UInt8], prime1: [UInt8], prime2: [UInt8],
                exponent1: [UInt8], exponent2: [UInt8], coefficient: [UInt8]) {
        self.modulus = modulus
        self.publicExponent = publicExponent
        self.privateExponent = privateExponent
        self.prime1 = prime1
        self.prime2 = prime2
        self.exponent1 = exponent1
        self.exponent2 = exponent2
        self.coefficient = coefficient
    }

    package init(derEncoded bytes: [UInt8]) throws(CryptoError) {
        var reader = DER.Reader(bytes)
        self = try reader.readSequence { (r: inout DER.Reader) throws(CryptoError) -> PKCS1RSAPrivateKey in
            let version = try r.readSmallInteger()
            guard version == 0 else {
                if version == 1 {
                    throw CryptoError(.unsupportedKeyType, "multi-prime RSA keys (PKCS#1 version 1) are not supported")
                }
                throw CryptoError(.derInvalid, "PKCS#1 RSAPrivateKey version \(version) is not valid (expected 0)")
            }
            var numbers: [[UInt8]] = []
            for _ in 0..<8 { numbers.append(Array(try r.readUnsignedInteger())) }
            return PKCS1RSAPrivateKey(modulus: numbers[0], publicExponent: numbers[1], privateExponent: numbers[2],
                                      prime1: numbers[3], prime2: numbers[4], exponent1: numbers[5],
                                      exponent2: numbers[6], coefficient: numbers[7])
        }
        try reader.finish()
    }

    package var derRepresentation: [UInt8] {
        var w = DER.Writer()
        w.writeSequence { s in
            s.writeSmallInteger(0)
            for number in [modulus, publicExponent, privateExponent, prime1, prime2, exponent1, exponent2, coefficient] {
                s.writeUnsignedInteger(number)
            }
        }
        return w.bytes
    }

    /// Zeroes the private numbers in place (the modulus and public exponent stay).
    package mutating func wipeSecrets() {
        SecretWipe.wipe(&privateExponent, "PKCS#1 private number")
        SecretWipe.wipe(&prime1, "PKCS#1 private number")
        SecretWipe.wipe(&prime2, "PKCS#1 private number")
        SecretWipe.wipe(&exponent1, "PKCS#1 private number")
        SecretWipe.wipe(&exponent2, "PKCS#1 private number")
        SecretWipe.wipe(&coefficient, "PKCS#1 private number")
    }

    package var description: String { "PKCS1RSAPrivateKey(\(modulus.count * 8)-bit modulus, numbers redacted)" }
}
