// A signing key bound to exactly one algorithm when it is made.

import PureCrypto

/// A private key or HMAC secret together with the one algorithm it signs with, and an optional
/// key ID for the `kid` header. `description` shows the algorithm and key ID, never key material.
public struct JWTSigningKey: Sendable, CustomStringConvertible {
    /// The algorithm this key signs with, written as the header's `alg`.
    public let algorithm: JWSAlgorithm
    /// The header's `kid`, when set.
    public let keyID: String?
    let material: Material

    enum Material: Sendable {
        case hmac(KeyedHMAC)
        case rsa(RSAPrivateKey)
    }

    /// An RSA private key for RS256/384/512 or PS256/384/512. Throws `invalid_key` for an
    /// HS algorithm. (Key size limits were applied when the RSA key was loaded.)
    public static func rsa(_ key: RSAPrivateKey, algorithm: JWSAlgorithm, keyID: String? = nil) throws(JWTError) -> JWTSigningKey {
        guard algorithm.family == .rsa else {
            throw JWTError(.keyInvalid, "an RSA key cannot sign \(algorithm); use an HMAC secret for it")
        }
        return JWTSigningKey(algorithm: algorithm, keyID: keyID, material: .rsa(key))
    }

    /// An HMAC secret for HS256, HS384 or HS512. Throws `invalid_key` for an RSA algorithm,
    /// a secret shorter than the hash output, or a secret that is really a key file (PEM,
    /// DER, JWK or JWK Set: `KeyFormat.looksLikeKeyFile`).
    public static func hmac(_ secret: [UInt8], algorithm: JWSAlgorithm, keyID: String? = nil) throws(JWTError) -> JWTSigningKey {
        JWTSigningKey(algorithm: algorithm, keyID: keyID, material: .hmac(try KeyedHMAC(secret: secret, algorithm: algorithm)))
    }

    /// The signature (or MAC) over the JWS signing input.
    func sign(_ signingInput: [UInt8]) throws(JWTError) -> [UInt8] {
        switch material {
        case .hmac(let keyed):
            return keyed.mac(signingInput)
        case .rsa(let key):
            do throws(CryptoError) {
                return try algorithm.rsaSignature(signingInput, with: key)
            } catch {
                throw JWTError(.keyInvalid, "RSA signing failed: \(error.reason)", cause: error)
            }
        }
    }

    public var description: String { "JWTSigningKey(\(algorithm)\(keyID.map { ", kid: \($0)" } ?? ""))" }
}
