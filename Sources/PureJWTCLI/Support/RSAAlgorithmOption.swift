import PureCrypto
import PureJWT

/// `--alg` of `sign` and `verify`: one of the JWS RSA algorithm names, whose scheme and hash
/// `JWSAlgorithm.rsaSignature` / `isValidRSASignature` pick (the same code as JWTs use).
enum RSAAlgorithmOption {
    static let names = JWSAlgorithm.rsaAlgorithms.map(\.rawValue).joined(separator: "|")

    /// `--alg` (case-sensitive, as in JOSE) or a usage error.
    static func parse(_ text: String) throws(CLIError) -> JWSAlgorithm {
        guard let alg = JWSAlgorithm(name: text), alg.family == .rsa else {
            throw .usage(.invalidOptionValue, "unknown --alg \(Echo.quoted(text, maxBytes: 20)): use one of \(names)")
        }
        return alg
    }
}
