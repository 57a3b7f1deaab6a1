// The one public error type of the JWS/JWT layer.

import PureCrypto

/// A token that cannot be produced or accepted, with a stable `code`.
///
/// Codes match `Vectors/ERROR_CLASSES.json` where a class exists there. `reason` is for people
/// and never contains a token, a signature, a MAC key or claim values that were not public
/// configuration: only algorithm names, claim names, lengths and the verifier's own settings.
public struct JWTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable error identifier, compared by its text.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as written in messages, docs and `Vectors/ERROR_CLASSES.json`.
        public let rawValue: String
        /// A code from its text; the layer's codes are the `static let`s.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Not three base64url segments, header not a JSON object, `alg` missing, payload not a
        /// JSON object, or a `crit` that is not a list of header names.
        public static let malformed = Code("jwt_malformed")
        /// A segment holds `=`, `+`, `/`, whitespace or another non-base64url character.
        public static let base64URLInvalid = Code("base64url_invalid")
        /// `alg` is `none` (any case), unknown, or not on the verifier's allow-list.
        public static let algorithmNotAllowed = Code("jwt_alg_not_allowed")
        /// `alg` is allowed but does not fit the key (e.g. HS256 presented to an RSA key).
        public static let algorithmMismatch = Code("jwt_alg_mismatch")
        /// `kid` names no key in the verifier's key set (or is missing when several keys fit).
        public static let keyIDUnknown = Code("jwt_kid_unknown")
        /// `kid` names a key the JWK Set held but left out (`JWTKeySet.skippedKeys`): refused by
        /// the size policy, of an unsupported type or use, or malformed. The reason says which.
        public static let keyIDRefused = Code("jwt_kid_refused")
        /// The signature or MAC does not verify. Deliberately says nothing more.
        public static let signatureInvalid = Code("signature_invalid")
        /// `exp` ≤ now − leeway (RFC 7519 §4.1.4).
        public static let expired = Code("jwt_expired")
        /// `nbf` (or `iat`) > now + leeway (RFC 7519 §4.1.5).
        public static let notYetValid = Code("jwt_not_yet_valid")
        /// `crit` lists an extension this verifier does not understand (RFC 7515 §4.1.11).
        public static let unsupportedCritical = Code("jwt_unsupported_crit")
        /// A claim the validation requires is absent (by default `exp`).
        public static let claimMissing = Code("jwt_claim_missing")
        /// A registered claim has the wrong JSON type (it is never treated as absent).
        public static let claimInvalid = Code("jwt_claim_invalid")
        /// `iss` differs from the expected issuer.
        public static let issuerMismatch = Code("jwt_issuer_mismatch")
        /// `aud` does not contain the expected audience.
        public static let audienceMismatch = Code("jwt_audience_mismatch")
        /// `sub` differs from the expected subject.
        public static let subjectMismatch = Code("jwt_subject_mismatch")
        /// The `typ` header differs from the expected type.
        public static let typeMismatch = Code("jwt_type_mismatch")
        /// `iat` is older than the allowed maximum age.
        public static let tooOld = Code("jwt_too_old")
        /// The token is longer than the verifier's size cap.
        public static let tooLarge = Code("jwt_too_large")
        /// A key cannot be used: it cannot serve the algorithm it was given (an HMAC secret that
        /// is a PEM, one shorter than the hash output, an RSA key for an HS algorithm), or the
        /// key layer refused it (see `cause`). The same code as `CryptoError.Code.invalidKey`:
        /// one idea, one code.
        public static let keyInvalid = Code("invalid_key")
        /// Claims could not be encoded or decoded into the caller's `Codable` type.
        public static let claimsCoding = Code("jwt_claims_coding")
    }

    /// What kind of failure: stable, for programs to match on.
    public let code: Code
    /// One line for a person; never a token, signature, key or secret claim.
    public let reason: String
    /// The key layer's error that caused this one (an RSA key refused on import, a signature
    /// that failed its self-check), when one did; its code is the more specific one.
    public let cause: CryptoError?

    /// An error of kind `code`, explained by `reason`, caused by `cause` when a key-layer error led to it.
    public init(_ code: Code, _ reason: String, cause: CryptoError? = nil) {
        self.code = code
        self.reason = reason
        self.cause = cause
    }

    /// The most specific code: the cause's when there is one, else this error's.
    public var innermostCode: String { cause?.code.rawValue ?? code.rawValue }

    public var description: String { "error[\(code.rawValue)]: \(reason)" }

    public static func == (lhs: JWTError, rhs: JWTError) -> Bool { lhs.code == rhs.code }

    /// Text from a token or key (a `kid`, an `alg`) as shown in a reason: quoted, cut at 64
    /// bytes, and made printable (`Echo.quoted`), so it can never forge a line of output.
    static func shown(_ text: String) -> String { Echo.quoted(text) }

    /// The one vague answer for every signature failure.
    static let badSignature = JWTError(.signatureInvalid, "the token's signature does not verify with the configured key")
}
