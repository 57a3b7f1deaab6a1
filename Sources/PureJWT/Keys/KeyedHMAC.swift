// HMAC keys for HS256/384/512 (RFC 7518 §3.2), keyed once and copied per token.

import PureCrypto
import PureKeys

/// A keyed HMAC for one HS algorithm. Holding the keyed state means each token costs only the
/// message's compressions, not re-deriving the key pads.
enum KeyedHMAC: Sendable {
    case sha256(HMAC<SHA256>)
    case sha384(HMAC<SHA384>)
    case sha512(HMAC<SHA512>)

    /// Checks and keys `secret` for `algorithm`.
    ///
    /// Refuses secrets shorter than the hash output (RFC 7518 §3.2: "MUST") and secrets that a
    /// key loader would read as a key in any form (`KeyFormat.looksLikeKeyFile`: PEM anywhere,
    /// DER, JWK or JWK Set, even one the strict parser refuses): passing a public key file as an
    /// HMAC secret is how algorithm confusion attacks start. Leaks only the secret's length and
    /// whether it looks like a key file.
    init(secret: [UInt8], algorithm: JWSAlgorithm) throws(JWTError) {
        let minimum: Int
        switch algorithm {
        case .hs256: minimum = 32
        case .hs384: minimum = 48
        case .hs512: minimum = 64
        default:
            throw JWTError(.keyInvalid, "\(algorithm) is not an HMAC algorithm; use an RSA key for it")
        }
        if KeyFormat.looksLikeKeyFile(secret) {
            throw JWTError(.keyInvalid, "this HMAC secret is a key file (PEM, DER, JWK or JWK Set); load it as an RSA key instead of using its bytes as a shared secret")
        }
        guard secret.count >= minimum else {
            throw JWTError(.keyInvalid, "\(algorithm) needs a secret of at least \(minimum) bytes (RFC 7518 §3.2); this one has \(secret.count)")
        }
        switch algorithm {
        case .hs256: self = .sha256(HMAC<SHA256>(key: secret))
        case .hs384: self = .sha384(HMAC<SHA384>(key: secret))
        default: self = .sha512(HMAC<SHA512>(key: secret))
        }
    }

    /// The MAC of `input`.
    func mac(_ input: some ContiguousByteSource) -> [UInt8] {
        switch self {
        case .sha256(var h): h.update(input); return h.finalize()
        case .sha384(var h): h.update(input); return h.finalize()
        case .sha512(var h): h.update(input); return h.finalize()
        }
    }

    /// Whether `tag` is the MAC of `input`, compared in constant time. A tag of the wrong length
    /// fails (its length is public).
    func isValid(_ tag: [UInt8], for input: some ContiguousByteSource) -> Bool {
        constantTimeEqual(mac(input), tag)
    }
}
