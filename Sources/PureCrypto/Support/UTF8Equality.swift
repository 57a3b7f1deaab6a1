/// Equality of text as bytes. Swift's `==` on `String` is Unicode canonical equivalence: it says
/// "\u{212A}" (KELVIN SIGN) equals "K" and "\u{037E}" (GREEK QUESTION MARK) equals ";". JOSE
/// compares member names, header parameters, `kid` and claims such as `iss`, `sub` and `aud`
/// without any normalization (RFC 7515 §4.1.4 and §5.3, RFC 7519 §7.3), so every comparison of
/// text that an attacker may write goes through `utf8Equals`.

extension StringProtocol {
    /// Whether both strings have exactly the same UTF-8 bytes (no normalization, no case folding).
    /// Variable time: leaks where the bytes first differ. Not for secrets.
    @inlinable
    public func utf8Equals(_ other: some StringProtocol) -> Bool {
        utf8.elementsEqual(other.utf8)
    }
}
