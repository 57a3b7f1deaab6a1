import PureCrypto

/// The size bound on key files, checked before any parsing so a huge input (a 100 MB "PEM")
/// costs a length comparison, not a base64 decode and its allocations.

/// Limits on the key files the loaders accept.
package enum KeyInputLimits {
    /// The largest key file accepted as PEM, DER or JWK: 1 MiB. The largest key allowed
    /// (16384-bit RSA) takes about 13 KB as PEM, even encrypted or with a certificate beside it.
    package static let maximumByteCount = 1 << 20

    /// Throws `input_too_large` when `count` is over `maximumByteCount`. Leaks only the length.
    @inlinable
    package static func check(_ count: Int, _ what: String) throws(CryptoError) {
        guard count <= maximumByteCount else { throw tooLarge(count, what) }
    }

    @usableFromInline
    static func tooLarge(_ count: Int, _ what: String) -> CryptoError {
        CryptoError(.inputTooLarge, "the \(what) is \(count) bytes, over the \(maximumByteCount)-byte limit for key files: is this the right file?")
    }
}

extension CryptoError.Code {
    /// An input is over a size limit (key files: `KeyInputLimits.maximumByteCount`).
    public static let inputTooLarge = CryptoError.Code("input_too_large")
}
