import PureCrypto

/// Recognizing key files where a shared secret is expected: an RSA public key (or certificate)
/// used as an HMAC secret is how algorithm-confusion forgeries begin, since anyone holding the
/// public key can then compute the MAC.

extension KeyFormat {
    /// Whether `bytes` look like a key or certificate file in any form a key loader reads,
    /// strictly or leniently:
    ///
    /// - PEM armor (`-----BEGIN `) anywhere: after a byte-order mark, a comment line, or other text;
    /// - DER: one outer SEQUENCE spanning the whole input whose first element is an INTEGER
    ///   (PKCS#1, PKCS#8) or a SEQUENCE (SubjectPublicKeyInfo, encrypted PKCS#8, X.509);
    /// - JSON: an object (after a byte-order mark and whitespace) that mentions a `"kty"` or
    ///   `"keys"` member, parsed or not, so a JWK or JWK Set that the strict parser refuses (a
    ///   duplicate member) still counts.
    ///
    /// Variable time in the bytes (it branches on their shape): call it once where a secret is
    /// configured, not per message. A random secret matches with negligible probability.
    public static func looksLikeKeyFile(_ bytes: [UInt8]) -> Bool {
        if contains(bytes, Array("-----BEGIN ".utf8)) { return true }
        var text = bytes[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        text = text.drop(while: PEMDocument.isWhitespace)
        if text.first == UInt8(ascii: "{"),
           contains(Array(text), Array(#""kty""#.utf8)) || contains(Array(text), Array(#""keys""#.utf8)) {
            return true
        }
        var reader = DER.Reader(bytes)
        if let outer = try? reader.read(.sequence), reader.isAtEnd {
            var inner = DER.Reader(outer.contents)
            if let first = try? inner.read(), first.tag == .integer || first.tag == .sequence { return true }
        }
        return false
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
