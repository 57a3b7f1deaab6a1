import PureCrypto

/// The PKCS#1 RSA key structures (RFC 8017 Appendix A.1), read into and written from
/// `RSAKeyNumbers`. Only the encoding is checked here; `RSAPublicKey` and `RSAPrivateKey` check
/// the numbers.

/// RFC 8017 Appendix A.1.1.
///
/// ```
/// RSAPublicKey ::= SEQUENCE {
///     modulus           INTEGER,  -- n
///     publicExponent    INTEGER   -- e
/// }
/// ```
extension RSAKeyNumbers {
    /// Reads a PKCS#1 RSAPublicKey: `n` and `e` as minimal big-endian magnitudes.
    package init(pkcs1PublicKeyDER bytes: [UInt8]) throws(CryptoError) {
        var reader = DER.Reader(bytes)
        let (n, e) = try reader.readSequence { (r: inout DER.Reader) throws(CryptoError) -> ([UInt8], [UInt8]) in
            (Array(try r.readUnsignedInteger()), Array(try r.readUnsignedInteger()))
        }
        try reader.finish()
        self.init(n: n, e: e)
    }

    /// The PKCS#1 RSAPublicKey DER of `(n, e)` (private numbers, if any, are not written).
    package var pkcs1PublicKeyDER: [UInt8] {
        var w = DER.Writer()
        w.writeSequence { s in
            s.writeUnsignedInteger(n)
            s.writeUnsignedInteger(e)
        }
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
extension RSAKeyNumbers {
    /// Reads a PKCS#1 RSAPrivateKey: all eight numbers, as minimal big-endian magnitudes.
    package init(pkcs1PrivateKeyDER bytes: [UInt8]) throws(CryptoError) {
        var reader = DER.Reader(bytes)
        self = try reader.readSequence { (r: inout DER.Reader) throws(CryptoError) -> RSAKeyNumbers in
            let version = try r.readSmallInteger()
            guard version == 0 else {
                if version == 1 {
                    throw CryptoError(.unsupportedKeyType, "multi-prime RSA keys (PKCS#1 version 1) are not supported")
                }
                throw CryptoError(.derInvalid, "PKCS#1 RSAPrivateKey version \(version) is not valid (expected 0)")
            }
            var numbers: [[UInt8]] = []
            for _ in 0..<8 { numbers.append(Array(try r.readUnsignedInteger())) }
            return RSAKeyNumbers(n: numbers[0], e: numbers[1], d: numbers[2],
                                 crt: CRT(p: numbers[3], q: numbers[4], dP: numbers[5], dQ: numbers[6], qInv: numbers[7]))
        }
        try reader.finish()
    }

    /// The PKCS#1 RSAPrivateKey DER. Needs `d` and the CRT numbers: `not_a_private_key` without
    /// `d`, `invalid_argument` without `crt` (an `RSAPrivateKey` recovers them).
    package func pkcs1PrivateKeyDER() throws(CryptoError) -> [UInt8] {
        guard let d else {
            throw CryptoError(.notAPrivateKey, "this is a public key; a private key is required here")
        }
        guard let crt else {
            throw CryptoError(.invalidArgument, "PKCS#1 and PKCS#8 need p, q and the CRT numbers: load the key as an RSAPrivateKey to recover them")
        }
        var w = DER.Writer()
        w.writeSequence { s in
            s.writeSmallInteger(0)
            for number in [n, e, d, crt.p, crt.q, crt.dP, crt.dQ, crt.qInv] {
                s.writeUnsignedInteger(number)
            }
        }
        return w.bytes
    }
}
