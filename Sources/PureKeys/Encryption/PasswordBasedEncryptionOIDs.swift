import PureCrypto

/// The OBJECT IDENTIFIERs of password-based key encryption (RFC 8018, RFC 7292, RFC 7914,
/// RFC 3565, RFC 2630) and human names for the ones we recognise but do not support, so an
/// `unsupported_algorithm` message can say what it found.
extension ASN1ObjectIdentifier {
    /// id-PBES2, RFC 8018 §A.4.
    package static let pbes2 = ASN1ObjectIdentifier([1, 2, 840, 113549, 1, 5, 13])
    /// id-PBKDF2, RFC 8018 §A.2.
    package static let pbkdf2 = ASN1ObjectIdentifier([1, 2, 840, 113549, 1, 5, 12])
    /// id-scrypt, RFC 7914 §7.
    package static let scrypt = ASN1ObjectIdentifier([1, 3, 6, 1, 4, 1, 11591, 4, 11])
    /// pbeWithMD5AndDES-CBC (PBES1), RFC 8018 §A.3.
    package static let pbeWithMD5AndDESCBC = ASN1ObjectIdentifier([1, 2, 840, 113549, 1, 5, 3])
    /// pbeWithSHA1AndDES-CBC (PBES1), RFC 8018 §A.3.
    package static let pbeWithSHA1AndDESCBC = ASN1ObjectIdentifier([1, 2, 840, 113549, 1, 5, 10])
    /// pbeWithSHAAnd3-KeyTripleDES-CBC, RFC 7292 Appendix C.
    package static let pbeWithSHAAnd3KeyTripleDESCBC = ASN1ObjectIdentifier([1, 2, 840, 113549, 1, 12, 1, 3])

    /// hmacWithSHA1 … hmacWithSHA512, RFC 8018 §B.1.
    package static let hmacWithSHA1 = ASN1ObjectIdentifier([1, 2, 840, 113549, 2, 7])
    package static let hmacWithSHA224 = ASN1ObjectIdentifier([1, 2, 840, 113549, 2, 8])
    package static let hmacWithSHA256 = ASN1ObjectIdentifier([1, 2, 840, 113549, 2, 9])
    package static let hmacWithSHA384 = ASN1ObjectIdentifier([1, 2, 840, 113549, 2, 10])
    package static let hmacWithSHA512 = ASN1ObjectIdentifier([1, 2, 840, 113549, 2, 11])

    /// aes128-CBC, aes192-CBC, aes256-CBC (RFC 3565 §4.1; NIST CSOR).
    package static let aes128CBC = ASN1ObjectIdentifier([2, 16, 840, 1, 101, 3, 4, 1, 2])
    package static let aes192CBC = ASN1ObjectIdentifier([2, 16, 840, 1, 101, 3, 4, 1, 22])
    package static let aes256CBC = ASN1ObjectIdentifier([2, 16, 840, 1, 101, 3, 4, 1, 42])
    /// des-EDE3-CBC, RFC 8018 §B.2.2.
    package static let desEDE3CBC = ASN1ObjectIdentifier([1, 2, 840, 113549, 3, 7])

    /// A name for the encryption schemes and ciphers found in encrypted keys, supported or not
    /// (RC2, RC4, RC5, DES, Camellia, ARIA, SM4, PBES1/PKCS#12 variants); nil when unknown.
    package var cipherName: String? {
        switch arcs {
        case [1, 2, 840, 113549, 3, 2]: return "RC2-CBC"
        case [1, 2, 840, 113549, 3, 4]: return "RC4"
        case [1, 2, 840, 113549, 3, 7]: return "DES-EDE3-CBC"
        case [1, 2, 840, 113549, 3, 9]: return "RC5-CBC-Pad"
        case [1, 3, 14, 3, 2, 7]: return "DES-CBC"
        case [2, 16, 840, 1, 101, 3, 4, 1, 2]: return "AES-128-CBC"
        case [2, 16, 840, 1, 101, 3, 4, 1, 22]: return "AES-192-CBC"
        case [2, 16, 840, 1, 101, 3, 4, 1, 42]: return "AES-256-CBC"
        case [2, 16, 840, 1, 101, 3, 4, 1, 6]: return "AES-128-GCM"
        case [2, 16, 840, 1, 101, 3, 4, 1, 46]: return "AES-256-GCM"
        case [1, 2, 392, 200011, 61, 1, 1, 1, 2]: return "Camellia-128-CBC"
        case [1, 2, 392, 200011, 61, 1, 1, 1, 3]: return "Camellia-192-CBC"
        case [1, 2, 392, 200011, 61, 1, 1, 1, 4]: return "Camellia-256-CBC"
        case [1, 2, 410, 200046, 1, 1, 2]: return "ARIA-128-CBC"
        case [1, 2, 410, 200046, 1, 1, 7]: return "ARIA-192-CBC"
        case [1, 2, 410, 200046, 1, 1, 12]: return "ARIA-256-CBC"
        case [1, 2, 156, 10197, 1, 104, 2]: return "SM4-CBC"
        case [1, 2, 840, 113549, 1, 5, 1]: return "pbeWithMD2AndDES-CBC"
        case [1, 2, 840, 113549, 1, 5, 3]: return "pbeWithMD5AndDES-CBC"
        case [1, 2, 840, 113549, 1, 5, 4]: return "pbeWithMD2AndRC2-CBC"
        case [1, 2, 840, 113549, 1, 5, 6]: return "pbeWithMD5AndRC2-CBC"
        case [1, 2, 840, 113549, 1, 5, 10]: return "pbeWithSHA1AndDES-CBC"
        case [1, 2, 840, 113549, 1, 5, 11]: return "pbeWithSHA1AndRC2-CBC"
        case [1, 2, 840, 113549, 1, 12, 1, 1]: return "pbeWithSHAAnd128BitRC4"
        case [1, 2, 840, 113549, 1, 12, 1, 2]: return "pbeWithSHAAnd40BitRC4"
        case [1, 2, 840, 113549, 1, 12, 1, 3]: return "pbeWithSHAAnd3-KeyTripleDES-CBC"
        case [1, 2, 840, 113549, 1, 12, 1, 4]: return "pbeWithSHAAnd2-KeyTripleDES-CBC"
        case [1, 2, 840, 113549, 1, 12, 1, 5]: return "pbeWithSHAAnd128BitRC2-CBC"
        case [1, 2, 840, 113549, 1, 12, 1, 6]: return "pbeWithSHAAnd40BitRC2-CBC"
        default: return nil
        }
    }
}
