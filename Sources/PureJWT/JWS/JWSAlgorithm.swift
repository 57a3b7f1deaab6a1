// The JWS algorithms PureJWT implements (RFC 7518 §3.1). `none` is deliberately not one of them.

import PureCrypto

/// A JWS signature or MAC algorithm.
public enum JWSAlgorithm: String, Sendable, CaseIterable, CustomStringConvertible {
    /// RSASSA-PKCS1-v1_5 with SHA-256, SHA-384 or SHA-512 (RFC 7518 §3.3).
    case rs256 = "RS256", rs384 = "RS384", rs512 = "RS512"
    /// RSASSA-PSS with SHA-256, SHA-384 or SHA-512, MGF1 with the same hash, salt the hash's length (RFC 7518 §3.5).
    case ps256 = "PS256", ps384 = "PS384", ps512 = "PS512"
    /// HMAC with SHA-256, SHA-384 or SHA-512 (RFC 7518 §3.2).
    case hs256 = "HS256", hs384 = "HS384", hs512 = "HS512"

    /// The key family an algorithm needs.
    public enum Family: Sendable {
        /// An RSA key pair, or a shared HMAC secret.
        case rsa, hmac
    }

    /// The kind of key this algorithm signs and verifies with.
    public var family: Family {
        switch self {
        case .rs256, .rs384, .rs512, .ps256, .ps384, .ps512: return .rsa
        case .hs256, .hs384, .hs512: return .hmac
        }
    }

    /// The `alg` header value.
    public var name: String { rawValue }
    public var description: String { rawValue }

    /// Parses an `alg` value exactly (case-sensitive, as RFC 7515 requires). Nil for anything
    /// else, including every spelling of `none`.
    public init?(name: String) {
        // Bytes, not `String ==`: no other spelling may select an algorithm.
        guard let match = JWSAlgorithm.allCases.first(where: { $0.rawValue.utf8Equals(name) }) else { return nil }
        self = match
    }

    /// Parses a comma-separated list such as `RS256,RS384`.
    public static func parseList(_ text: String) -> [JWSAlgorithm]? {
        var out: [JWSAlgorithm] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let alg = JWSAlgorithm(name: String(part)) else { return nil }
            out.append(alg)
        }
        return out.isEmpty ? nil : out
    }
}
