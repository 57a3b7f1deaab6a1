/// Base64url without padding (RFC 4648 section 5, as JWS and JWK use it: RFC 7515 section 2), strict.
///
/// Time depends only on the length of the input, never on byte or character values.
public enum Base64URL {
    /// Encodes `bytes` as unpadded base64url text. Constant-time in the byte values.
    @inlinable
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: encodedBytes(bytes), as: UTF8.self)
    }

    /// Encodes `bytes` as the ASCII bytes of unpadded base64url text (handy for a JWS signing
    /// input). Constant-time in the byte values.
    @inlinable
    public static func encodedBytes(_ bytes: some Collection<UInt8>) -> [UInt8] {
        base64Encode(bytes, alphabet: .url, padded: false)
    }

    /// Decodes unpadded base64url text strictly.
    ///
    /// Rejected with `CryptoError.Code.base64URLInvalid`: any character outside `A-Z a-z 0-9 - _`
    /// (so `=`, `+`, `/` and whitespace are all rejected), a length of 4k + 1 characters, and
    /// non-zero unused bits in the last character (so every byte string has one encoding).
    ///
    /// Constant-time in the character values: may leak the length and whether the text is valid.
    @inlinable
    public static func decode(_ text: some StringProtocol) throws(CryptoError) -> [UInt8] {
        try decode(text.utf8)
    }

    /// Decodes the ASCII bytes of unpadded base64url text; the same rules as `decode(_:)` for strings.
    @inlinable
    public static func decode(_ bytes: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
        switch base64Decode(bytes, alphabet: .url, padded: false, ignoringWhitespace: false) {
        case .success(let decoded):
            return decoded
        case .failure(.impossibleLength):
            throw CryptoError(.base64URLInvalid,
                "base64url text has an impossible length (4k + 1 characters): it was truncated or has an extra character")
        case .failure(.invalidContent):
            throw CryptoError(.base64URLInvalid,
                "not valid base64url: a character outside A-Z a-z 0-9 - _ (no '=', '+', '/' or whitespace), or non-zero unused bits at the end")
        }
    }
}

extension CryptoError.Code {
    /// Text that is not valid unpadded base64url, e.g. a JWS segment with `=`, `+` or whitespace.
    public static let base64URLInvalid = CryptoError.Code("base64url_invalid")
}
