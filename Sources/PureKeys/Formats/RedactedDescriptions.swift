import PureCrypto

/// Descriptions for the public types that hold secrets but had none of their own, so that
/// `print`, string interpolation and `String(reflecting:)` never show key material: without
/// these, Swift's default rendering lists every stored byte (a PEM document's DER, a JWK's CRT
/// numbers). Checked by SecurityTests.

extension PEMDocument: CustomStringConvertible {
    /// The label, the body size and header names; never the body (it may be a private key).
    package var description: String {
        let names = headers.map { $0.name }.joined(separator: ", ")
        return "PEMDocument(\(label), \(derBytes.count) bytes\(names.isEmpty ? "" : ", headers: " + names), body redacted)"
    }
}
