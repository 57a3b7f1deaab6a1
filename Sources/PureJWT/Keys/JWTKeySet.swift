// A set of verification keys, chosen by the token's `kid` (RFC 7515 §4.1.4, RFC 7517 §5).

import PureCrypto

/// Verification keys looked up by key ID.
///
/// With a `kid` in the token, keys with that ID are the candidates; when none has it, a key
/// configured without an ID stands in (a `kid` is a hint, and a verifier given one key has no
/// reason to refuse it); otherwise `jwt_kid_unknown`. Without a `kid`, the set must hold exactly
/// one key that serves the token's algorithm.
public struct JWTKeySet: Sendable, CustomStringConvertible {
    public let keys: [JWTVerificationKey]

    public init(_ keys: [JWTVerificationKey]) {
        self.keys = keys
    }

    /// The key to verify a token with `alg` and optional `kid`.
    func key(for algorithm: JWSAlgorithm, keyID: String?) throws(JWTError) -> JWTVerificationKey {
        if let keyID {
            var named = keys.filter { $0.keyID?.utf8Equals(keyID) == true }
            if named.isEmpty {
                named = keys.filter { $0.keyID == nil }
                guard named.count == 1 else {
                    throw JWTError(.keyIDUnknown, "no key with kid '\(keyID)' in the verifier's key set")
                }
            }
            guard let key = named.first(where: { $0.algorithms.contains(algorithm) }) else {
                throw JWTError(.algorithmMismatch, "the key with kid '\(keyID)' does not verify \(algorithm)")
            }
            return key
        }
        let fitting = keys.filter { $0.algorithms.contains(algorithm) }
        if fitting.count == 1 { return fitting[0] }
        if fitting.isEmpty {
            throw JWTError(.algorithmMismatch, "no key in the verifier's key set verifies \(algorithm)")
        }
        throw JWTError(.keyIDUnknown, "the token has no 'kid' and \(fitting.count) keys could verify it")
    }

    public var description: String { "JWTKeySet(\(keys.count) keys)" }
}
