/// Descriptions for the public types that hold secrets but had none of their own, so that
/// `print`, string interpolation and `String(reflecting:)` never show key material: without
/// these, Swift's default rendering lists every stored byte (a PEM document's DER, a key's CRT
/// numbers, HMAC's keyed hash states, AES round keys). Checked by SecurityTests.

extension PEMDocument: CustomStringConvertible {
    /// The label, the body size and header names; never the body (it may be a private key).
    public var description: String {
        let names = headers.map { $0.name }.joined(separator: ", ")
        return "PEMDocument(\(label), \(derBytes.count) bytes\(names.isEmpty ? "" : ", headers: " + names), body redacted)"
    }
}

extension RSAJWK.CRTNumbers: CustomStringConvertible {
    public var description: String { "RSAJWK.CRTNumbers(\(p.count * 8)-bit primes, redacted)" }
}

extension RSAPrivateKey.Numbers: CustomStringConvertible {
    public var description: String { "RSAPrivateKey.Numbers(\(n.count * 8)-bit modulus, private numbers redacted)" }
}

extension HMAC: CustomStringConvertible {
    public var description: String { "HMAC<\(H.name)>(key redacted)" }
}

extension AES: CustomStringConvertible {
    public var description: String { "AES(round keys redacted)" }
}
