/// Descriptions for the public types that hold secrets but had none of their own, so that
/// `print`, string interpolation and `String(reflecting:)` never show key material: without
/// these, Swift's default rendering lists every stored byte (a key's numbers, HMAC's keyed hash
/// states, AES round keys). Checked by SecurityTests.

extension HMAC: CustomStringConvertible {
    public var description: String { "HMAC<\(H.name)>(key redacted)" }
}

extension AES: CustomStringConvertible {
    @_spi(Hazmat) public var description: String { "AES(round keys redacted)" }
}
