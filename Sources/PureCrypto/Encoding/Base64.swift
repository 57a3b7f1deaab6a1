/// Base64 with the standard alphabet (RFC 4648 section 4), padded or unpadded, strict.
///
/// Encoding and decoding run in time that depends only on the length of the input (and, when
/// decoding, on the number of `=` and of skipped whitespace), never on the byte or character
/// values: private keys travel through here inside PEM bodies.
public enum Base64 {
    /// Whether encoded text carries RFC 4648 `=` padding to a multiple of 4 characters.
    public enum Padding: Sendable {
        /// Length a multiple of 4, one or two trailing `=` when needed (PEM, MIME, most uses).
        case padded
        /// No `=` at all; the length is then never 4k + 1.
        case unpadded
    }

    /// Encodes `bytes` as base64 text. Constant-time in the byte values.
    @inlinable
    public static func encode(_ bytes: some Collection<UInt8>, padding: Padding = .padded) -> String {
        String(decoding: encodedBytes(bytes, padding: padding), as: UTF8.self)
    }

    /// Encodes `bytes` as the ASCII bytes of base64 text. Constant-time in the byte values.
    @inlinable
    public static func encodedBytes(_ bytes: some Collection<UInt8>, padding: Padding = .padded) -> [UInt8] {
        base64Encode(bytes, alphabet: .standard, padded: padding == .padded)
    }

    /// Decodes base64 text strictly.
    ///
    /// Rejected with `CryptoError.Code.base64Invalid`: characters outside `A-Z a-z 0-9 + /`,
    /// `=` anywhere but at the end of padded text (and any `=` in unpadded text), more than two
    /// `=`, padded text whose length is not a multiple of 4, a length of 4k + 1 characters, and
    /// non-zero unused bits in the last character (so every byte string has one encoding).
    ///
    /// - Parameter ignoringWhitespace: skip CR, LF, space and tab anywhere before decoding, as a
    ///   PEM body (RFC 7468) needs. Other characters are never skipped.
    ///
    /// Constant-time in the character values: may leak the length, the number of trailing `=`,
    /// the count and positions of skipped whitespace, and whether the text is valid as a whole.
    @inlinable
    public static func decode(_ text: some StringProtocol, padding: Padding = .padded,
                              ignoringWhitespace: Bool = false) throws(CryptoError) -> [UInt8] {
        try decode(text.utf8, padding: padding, ignoringWhitespace: ignoringWhitespace)
    }

    /// Decodes the ASCII bytes of base64 text; the same rules as `decode(_:padding:ignoringWhitespace:)`
    /// for strings.
    @inlinable
    public static func decode(_ bytes: some Collection<UInt8>, padding: Padding = .padded,
                              ignoringWhitespace: Bool = false) throws(CryptoError) -> [UInt8] {
        let result = base64Decode(bytes, alphabet: .standard, padded: padding == .padded,
                                  ignoringWhitespace: ignoringWhitespace)
        switch result {
        case .success(let decoded):
            return decoded
        case .failure(.impossibleLength):
            throw CryptoError(.base64Invalid, padding == .padded
                ? "base64 text has an impossible length: padded base64 is a multiple of 4 characters"
                : "base64 text has an impossible length (4k + 1 characters): it was truncated or has an extra character")
        case .failure(.invalidContent):
            throw CryptoError(.base64Invalid, padding == .padded
                ? "not valid base64: a character outside A-Z a-z 0-9 + /, a misplaced '=', or non-zero unused bits at the end"
                : "not valid unpadded base64: a character outside A-Z a-z 0-9 + /, an '=', or non-zero unused bits at the end")
        }
    }
}

extension CryptoError.Code {
    /// Text that is not valid base64 (standard alphabet), e.g. a corrupted PEM body.
    public static let base64Invalid = CryptoError.Code("base64_invalid")
}

// MARK: - Shared entry points of Base64 and Base64URL

@inlinable
func base64Encode(_ bytes: some Collection<UInt8>, alphabet: Base64Alphabet, padded: Bool) -> [UInt8] {
    let encode = { (input: UnsafeBufferPointer<UInt8>) -> [UInt8] in
        [UInt8](unsafeUninitializedCapacity: Base64Codec.encodedCount(input.count, padded: padded)) { out, initialized in
            Base64Codec.encode(input, into: out, alphabet: alphabet, padded: padded)
            initialized = out.count
        }
    }
    if let encoded = bytes.withContiguousStorageIfAvailable(encode) { return encoded }
    return Array(bytes).withUnsafeBufferPointer(encode)
}

@inlinable
func base64Decode(_ bytes: some Collection<UInt8>, alphabet: Base64Alphabet, padded: Bool,
                  ignoringWhitespace: Bool) -> Result<[UInt8], Base64Failure> {
    let decode = { (input: UnsafeBufferPointer<UInt8>) -> Result<[UInt8], Base64Failure> in
        guard ignoringWhitespace else {
            return Base64Codec.decode(input, alphabet: alphabet, padded: padded)
        }
        var compact = Base64Codec.removingWhitespace(input)
        defer { Base64Codec.wipe(&compact) }
        return compact.withUnsafeBufferPointer { Base64Codec.decode($0, alphabet: alphabet, padded: padded) }
    }
    if let decoded = bytes.withContiguousStorageIfAvailable(decode) { return decoded }
    var copy = Array(bytes)
    defer { Base64Codec.wipe(&copy) }
    return copy.withUnsafeBufferPointer(decode)
}
