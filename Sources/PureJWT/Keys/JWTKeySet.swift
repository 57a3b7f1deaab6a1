// A set of verification keys, chosen by the token's `kid` (RFC 7515 §4.1.4, RFC 7517 §5).

import PureCrypto

/// Verification keys looked up by key ID, and the keys a JWK Set held that were left out.
///
/// With a `kid` in the token, every key with that ID (compared as bytes) that serves the
/// token's algorithm is tried, in order, until one verifies; when no key has the ID, a key
/// configured without an ID stands in (a `kid` is a hint, and a verifier given one key has no
/// reason to refuse it). A `kid` that names only a key the set left out (`skippedKeys`: refused
/// by the size policy, of another type or use, malformed) fails with `jwt_kid_refused`, which
/// says why; any other unknown `kid` is `jwt_kid_unknown`. Without a `kid`, the set must hold
/// exactly one key that serves the token's algorithm.
public struct JWTKeySet: Sendable, CustomStringConvertible {
    /// A key of a JWK Set that is not in `keys`, and why.
    public struct SkippedKey: Sendable, CustomStringConvertible {
        /// Its position in the set's `keys` array.
        public let index: Int
        /// Its `kid`, when it had a string one.
        public let keyID: String?
        /// The code of the refusal: the key layer's (`key_size_not_allowed`, `invalid_key`...) or
        /// the JWT layer's (`invalid_key`, or `unsupported_key_type` for EC, OKP and the like).
        public let code: String
        /// Why, for people.
        public let reason: String

        public var description: String {
            "key \(index)\(keyID.map { " (kid \(JWTError.shown($0)))" } ?? ""): error[\(code)]: \(reason)"
        }
    }

    /// The keys, in the order given.
    public let keys: [JWTVerificationKey]
    /// Keys of the JWK Set this was read from that cannot verify here (empty for a set built
    /// from keys). Tokens naming one of them fail with `jwt_kid_refused`.
    public let skippedKeys: [SkippedKey]

    /// A set of `keys`.
    public init(_ keys: [JWTVerificationKey]) {
        self.keys = keys
        self.skippedKeys = []
    }

    init(_ keys: [JWTVerificationKey], skipped: [SkippedKey]) {
        self.keys = keys
        self.skippedKeys = skipped
    }

    /// The keys to try, in order, for a token with `alg` and optional `kid`.
    func candidates(for algorithm: JWSAlgorithm, keyID: String?) throws(JWTError) -> [JWTVerificationKey] {
        if let keyID {
            var named = keys.filter { $0.keyID?.utf8Equals(keyID) == true }
            if named.isEmpty {
                if let skipped = skippedKeys.first(where: { $0.keyID?.utf8Equals(keyID) == true }) {
                    throw JWTError(.keyIDRefused, "kid \(JWTError.shown(keyID)) names a key the key set left out: error[\(skipped.code)]: \(skipped.reason)")
                }
                named = keys.filter { $0.keyID == nil }
                guard named.count == 1 else {
                    throw JWTError(.keyIDUnknown, "no key with kid \(JWTError.shown(keyID)) in the verifier's key set")
                }
            }
            let fitting = named.filter { $0.algorithms.contains(algorithm) }
            guard !fitting.isEmpty else {
                throw JWTError(.algorithmMismatch, "no key with kid \(JWTError.shown(keyID)) verifies \(algorithm)")
            }
            return fitting
        }
        let fitting = keys.filter { $0.algorithms.contains(algorithm) }
        if fitting.count == 1 { return fitting }
        if fitting.isEmpty {
            throw JWTError(.algorithmMismatch, "no key in the verifier's key set verifies \(algorithm)")
        }
        throw JWTError(.keyIDUnknown, "the token has no 'kid' and \(fitting.count) keys could verify it")
    }

    public var description: String {
        "JWTKeySet(\(keys.count) keys" + (skippedKeys.isEmpty ? "" : ", \(skippedKeys.count) skipped") + ")"
    }
}
