// What a verifier checks in the claims, with documented secure defaults (in the spirit of Rust
// `jsonwebtoken`'s `Validation`).

import PureCrypto
import PureKeys

/// Claim checks applied after the signature verifies.
///
/// Every comparison of claim values (`iss`, `sub`, `aud`) is on UTF-8 bytes, without Unicode
/// normalization (RFC 7519 §7.3): "\u{212A}evin" (KELVIN SIGN) is not "Kevin".
///
/// Defaults: `exp` is required; leeway is 60 seconds; the clock is the system clock (in Embedded
/// Swift, which has none, the caller gives it: `init(clock:)`); `iss`, `aud`,
/// `sub`, `typ` and maximum age are checked only when set. Whatever is set, every registered
/// claim that is present must have its registered type, `nbf` and `iat` may not lie in the future
/// (beyond the leeway), and `exp` must not have passed: `exp ≤ now − leeway` is expired.
public struct JWTValidation: Sendable {
    /// Reject tokens with no `exp`.
    public var requireExpiration: Bool = true
    /// Seconds of clock skew tolerated on `exp`, `nbf`, `iat` and `maxAge`.
    public var leeway: Int64 = 60
    /// Seconds since 1970. Injectable for tests and for replaying a token at a fixed time.
    public var clock: @Sendable () -> Int64
    /// When set, `iss` must equal it.
    public var issuer: String? = nil
    /// When set, `aud` (a string or a list) must contain it.
    public var audience: String? = nil
    /// When set, `sub` must equal it.
    public var subject: String? = nil
    /// When set, the `typ` header must equal it (compared ignoring ASCII case, RFC 7515 §4.1.9).
    public var type: String? = nil
    /// When set, `iat` is required and may be at most this many seconds old.
    public var maxAge: Int64? = nil
    /// Other claims that must be present.
    public var requiredClaims: [String] = []

    /// The defaults, with `clock` as the time (seconds since 1970).
    public init(clock: @escaping @Sendable () -> Int64) {
        self.clock = clock
    }

    #if !hasFeature(Embedded)
    /// The defaults, with the system clock.
    public init() {
        self.init(clock: UnixClock.now)
    }
    #endif

    /// Validation at a fixed instant (seconds since 1970).
    public static func at(_ now: Int64) -> JWTValidation {
        JWTValidation(clock: { now })
    }

    func validate(_ claims: JWTClaims, header: JSONObject) throws(JWTError) {
        try claims.checkRegisteredTypes()
        let now = clock()
        if let type {
            guard let typ = header["typ"]?.stringValue, Self.asciiLowercased(typ).elementsEqual(Self.asciiLowercased(type)) else {
                throw JWTError(.typeMismatch, "the token's 'typ' header is not '\(type)'")
            }
        }
        // Every sum and difference of times is exact (ExactSeconds.swift): extreme claims and
        // settings compare as what they are, never wrap.
        if let exp = claims.expiration {
            if ExactSeconds(exp) <= .difference(now, leeway) { throw JWTError(.expired, "the token expired (exp \(exp), now \(now), leeway \(leeway) s)") }
        } else if requireExpiration {
            throw JWTError(.claimMissing, "the token has no 'exp' claim, and this verifier requires one")
        }
        if let nbf = claims.notBefore, ExactSeconds(nbf) > .sum(now, leeway) {
            throw JWTError(.notYetValid, "the token is not valid before \(nbf) (now \(now), leeway \(leeway) s)")
        }
        if let iat = claims.issuedAt, ExactSeconds(iat) > .sum(now, leeway) {
            throw JWTError(.notYetValid, "the token claims to be issued in the future (iat \(iat), now \(now), leeway \(leeway) s)")
        }
        if let maxAge {
            guard let iat = claims.issuedAt else {
                throw JWTError(.claimMissing, "the token has no 'iat' claim, needed to check its age")
            }
            let age = ExactSeconds.difference(now, iat)
            if age > .sum(maxAge, leeway) {
                throw JWTError(.tooOld, "the token was issued \(age.saturated) s ago; at most \(maxAge) s is allowed")
            }
        }
        if let issuer {
            guard let iss = claims.issuer else { throw JWTError(.claimMissing, "the token has no 'iss' claim; expected '\(issuer)'") }
            guard iss.utf8Equals(issuer) else { throw JWTError(.issuerMismatch, "the token's issuer is not '\(issuer)'") }
        }
        if let audience {
            guard let aud = claims.audience else { throw JWTError(.claimMissing, "the token has no 'aud' claim; expected '\(audience)'") }
            guard aud.contains(where: { $0.utf8Equals(audience) }) else { throw JWTError(.audienceMismatch, "the token is not meant for audience '\(audience)'") }
        }
        if let subject {
            guard let sub = claims.subject else { throw JWTError(.claimMissing, "the token has no 'sub' claim; expected '\(subject)'") }
            guard sub.utf8Equals(subject) else { throw JWTError(.subjectMismatch, "the token's subject is not '\(subject)'") }
        }
        for name in requiredClaims where claims[name] == nil {
            throw JWTError(.claimMissing, "the token has no '\(name)' claim")
        }
    }

    private static func asciiLowercased(_ s: String) -> [UInt8] {
        s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }
}
