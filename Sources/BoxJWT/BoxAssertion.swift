// The JWT assertion of Box's JWT grant: its claims, in the order Box's SDKs send them, and its
// signing with the app's key, a fresh `jti` and a short `exp` on every call. No Foundation: the
// token client and Embedded Swift programs sign through this one builder.

import PureCrypto
import PureKeys
import PureJWT

/// Signs Box JWT assertions with one app key.
///
/// ```swift
/// let config = try BoxConfig(jsonBytes: fileBytes)
/// let signer = try BoxAssertion(privateKey: config.privateKey(), keyID: config.publicKeyID)
/// let assertion = try signer.sign(clientID: config.clientID, subject: .user("1001"), now: UnixClock.now())
/// ```
public struct BoxAssertion: Sendable {
    /// The key with its algorithm (RS256, RS384 or RS512) and `kid` (the app's public key ID).
    public let key: JWTSigningKey

    /// An assertion signer for `privateKey` under `keyID`. Throws `invalid_argument` for any
    /// algorithm but RS256, RS384 and RS512 (the ones Box accepts).
    public init(privateKey: RSAPrivateKey, keyID: String, algorithm: JWSAlgorithm = .rs256) throws(BoxAuthError) {
        guard [.rs256, .rs384, .rs512].contains(algorithm) else {
            throw BoxAuthError(.invalidArgument, "Box accepts RS256, RS384 or RS512 assertions, not \(algorithm)")
        }
        do {
            key = try JWTSigningKey.rsa(privateKey, algorithm: algorithm, keyID: keyID)
        } catch {
            throw BoxAuthError(.keyInvalid, error.reason, cause: .jwt(error))
        }
    }

    /// The claims of an assertion, in the order Box's SDKs send them: `iss` (client ID), `sub`
    /// (enterprise or user ID), `box_sub_type` (`enterprise` or `user`), `aud` (Box's token URL),
    /// `jti`, `exp`. No `iat` or `nbf`: Box allows no skew on them.
    public static func claims(clientID: String, subject: BoxSubject, audience: String = BoxProtocol.assertionAudience,
                              jwtID: String, expiration: Int64) -> JWTClaims {
        JWTClaims([
            "iss": .string(clientID),
            "sub": .string(subject.id),
            BoxProtocol.subjectTypeClaim: .string(subject.typeName),
            "aud": .string(audience),
            "jti": .string(jwtID),
            "exp": .number(JSONNumber(expiration)),
        ])
    }

    /// A fresh `jti`: 64 random bytes, base64url (86 characters; Box takes 16 to 128).
    public static func newJWTID() -> String { Base64URL.encode(SecureRandom.bytes(count: 64)) }

    /// Signs the assertion with exactly these claims (see `claims`).
    public func sign(clientID: String, subject: BoxSubject, audience: String = BoxProtocol.assertionAudience,
                     jwtID: String, expiration: Int64) throws(BoxAuthError) -> String {
        let claims = Self.claims(clientID: clientID, subject: subject, audience: audience, jwtID: jwtID, expiration: expiration)
        do {
            return try JWTSigner(key: key).sign(claims)
        } catch {
            throw BoxAuthError(.keyInvalid, "cannot sign the assertion: \(error.reason)", cause: .jwt(error))
        }
    }

    /// Signs a new assertion: a fresh random `jti` and `exp` = `now` (seconds since 1970) plus a
    /// random lifetime within `lifetime`, which must lie within 1...60 seconds
    /// (`invalid_argument` otherwise).
    public func sign(clientID: String, subject: BoxSubject, now: Int64, lifetime: ClosedRange<Int> = 30...45,
                     audience: String = BoxProtocol.assertionAudience) throws(BoxAuthError) -> String {
        try Self.checkLifetime(lifetime)
        return try sign(clientID: clientID, subject: subject, audience: audience, jwtID: Self.newJWTID(),
                        expiration: now + Int64(Int.random(in: lifetime)))
    }

    /// Throws `invalid_argument` unless `lifetime` lies within 1...60 seconds.
    public static func checkLifetime(_ lifetime: ClosedRange<Int>) throws(BoxAuthError) {
        guard lifetime.lowerBound >= 1, lifetime.upperBound <= BoxProtocol.maximumAssertionLifetime else {
            throw BoxAuthError(.invalidArgument, "the assertion lifetime must lie within 1...\(BoxProtocol.maximumAssertionLifetime) seconds (Box refuses more than \(BoxProtocol.maximumAssertionLifetime))")
        }
    }
}
