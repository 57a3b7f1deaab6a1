// A signing key bound to exactly one algorithm when it is made.

import PureCrypto

/// A private key or HMAC secret together with the one algorithm it signs with, and an optional
/// key ID for the `kid` header. `description` shows the algorithm and key ID, never key material.
public struct JWTSigningKey: Sendable, CustomStringConvertible {
    public let algorithm: JWSAlgorithm
    public let keyID: String?
    let material: Material

    enum Material: Sendable {
        case hmac(KeyedHMAC)
    }

    /// An HMAC secret for HS256, HS384 or HS512. Throws `jwt_key_invalid` for an RSA algorithm,
    /// a secret shorter than the hash output, or a secret that is really a PEM or JWK.
    public static func hmac(_ secret: [UInt8], algorithm: JWSAlgorithm, keyID: String? = nil) throws(JWTError) -> JWTSigningKey {
        JWTSigningKey(algorithm: algorithm, keyID: keyID, material: .hmac(try KeyedHMAC(secret: secret, algorithm: algorithm)))
    }

    /// The signature (or MAC) over the JWS signing input.
    func sign(_ signingInput: [UInt8]) throws(JWTError) -> [UInt8] {
        switch material {
        case .hmac(let keyed): return keyed.mac(signingInput)
        }
    }

    public var description: String { "JWTSigningKey(\(algorithm)\(keyID.map { ", kid: \($0)" } ?? ""))" }
}
