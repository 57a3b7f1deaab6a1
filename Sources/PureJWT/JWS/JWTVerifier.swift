// Verifying compact JWS/JWT tokens: configured once, with an allow-list of algorithms.

import PureCrypto
import PureKeys

/// A token whose signature verified and whose claims passed validation.
public struct VerifiedJWT: Sendable {
    /// The protected header as received.
    public let header: JSONObject
    /// The claims, with registered claims type-checked.
    public let claims: JWTClaims
    /// The payload bytes exactly as signed.
    public let payload: [UInt8]
    /// The algorithm that verified it.
    public let algorithm: JWSAlgorithm
}

/// Verifies tokens against an allow-list of algorithms and a key (or key set), then validates
/// the claims. It never accepts `alg: none`; there is no switch for that.
///
/// Checks, in order: size cap; three strict base64url segments; header is a JSON object with a
/// string `alg`; `alg` is a known algorithm on the allow-list (`jwt_alg_not_allowed`); `crit`
/// names only understood extensions (`jwt_unsupported_crit`); keys are found by `kid`
/// (`jwt_kid_unknown`, or `jwt_kid_refused` for a key the JWK Set left out) and serve `alg`
/// (`jwt_alg_mismatch`); the signature verifies with one of them (`signature_invalid`, one
/// vague error); the payload is a JSON object; the claims validate.
public struct JWTVerifier: Sendable {
    /// The only algorithms a token's `alg` may name.
    public let algorithms: [JWSAlgorithm]
    /// The keys signatures are checked against.
    public let keySet: JWTKeySet
    /// The claim checks run after the signature verifies.
    public var validation: JWTValidation
    /// Tokens longer than this are refused before any parsing. Default 64 KiB.
    public var maxTokenBytes: Int = 64 * 1024
    /// Header parameters this application understands when listed in `crit`. Empty by default:
    /// any `crit` extension fails.
    public var understoodCriticalHeaders: [String] = []

    #if hasFeature(Embedded)
    // Embedded Swift has no system clock: the validation, with its clock, is always given.
    /// A verifier of `algorithms` against one key, with the given claim checks (and their clock).
    public init(algorithms: [JWSAlgorithm], key: JWTVerificationKey, validation: JWTValidation) {
        self.init(algorithms: algorithms, keySet: JWTKeySet([key]), validation: validation)
    }

    /// A verifier of `algorithms` against a key set, with the given claim checks (and their clock).
    public init(algorithms: [JWSAlgorithm], keySet: JWTKeySet, validation: JWTValidation) {
        self.init(algorithms, keySet, validation)
    }
    #else
    /// A verifier of `algorithms` against one key (default claim checks: `JWTValidation()`).
    public init(algorithms: [JWSAlgorithm], key: JWTVerificationKey, validation: JWTValidation = JWTValidation()) {
        self.init(algorithms: algorithms, keySet: JWTKeySet([key]), validation: validation)
    }

    /// A verifier of `algorithms` against a key set (default claim checks: `JWTValidation()`).
    public init(algorithms: [JWSAlgorithm], keySet: JWTKeySet, validation: JWTValidation = JWTValidation()) {
        self.init(algorithms, keySet, validation)
    }
    #endif

    private init(_ algorithms: [JWSAlgorithm], _ keySet: JWTKeySet, _ validation: JWTValidation) {
        self.algorithms = algorithms
        self.keySet = keySet
        self.validation = validation
    }

    /// Verifies a compact JWS (its UTF-8 text): size, `alg`, key, signature, then the claims.
    public func verify(_ token: String) throws(JWTError) -> VerifiedJWT {
        try verify(Array(token.utf8))
    }

    /// Verifies a compact JWS given as bytes; see `verify(_:)` on `String`.
    public func verify(_ token: [UInt8]) throws(JWTError) -> VerifiedJWT {
        let (jws, algorithm) = try verifySignature(token)
        let claimsValue: JSONValue
        do {
            claimsValue = try JSONValue(parsing: jws.payload)
        } catch {
            throw JWTError(.malformed, "the JWT payload is not valid JSON")
        }
        guard let object = claimsValue.objectValue else {
            throw JWTError(.malformed, "the JWT payload is a JSON \(claimsValue.typeName), not an object")
        }
        let claims = JWTClaims(object)
        try validation.validate(claims, header: jws.header)
        return VerifiedJWT(header: jws.header, claims: claims, payload: jws.payload, algorithm: algorithm)
    }

    /// Verifies the signature of a JWS whose payload need not be JSON, and skips claim
    /// validation. For JWTs use `verify(_:)`.
    public func verifySignatureOnly(_ token: [UInt8]) throws(JWTError) -> (header: JSONObject, payload: [UInt8]) {
        let (jws, _) = try verifySignature(token)
        return (jws.header, jws.payload)
    }

    private func verifySignature(_ token: [UInt8]) throws(JWTError) -> (CompactJWS, JWSAlgorithm) {
        let jws = try CompactJWS(token, maxBytes: maxTokenBytes)
        guard let algorithm = JWSAlgorithm(name: jws.algorithmName), algorithms.contains(algorithm) else {
            throw JWTError(.algorithmNotAllowed, "alg \(Echo.quoted(jws.algorithmName, maxBytes: 24)) is not allowed; this verifier accepts \(algorithms.map { $0.name }.joined(separator: ", "))")
        }
        try checkCritical(jws.header)
        let keyID: String?
        switch jws.header["kid"] {
        case nil: keyID = nil
        case .string(let s)?: keyID = s
        case let other?: throw JWTError(.malformed, "the JWS header's 'kid' is a \(other.typeName), not a string")
        }
        // Every key with the token's kid that serves alg, until one verifies (a set may hold
        // several keys under one kid, e.g. during a rotation).
        let candidates = try keySet.candidates(for: algorithm, keyID: keyID)
        guard candidates.contains(where: { $0.verify(algorithm, jws.signingInput, jws.signature) }) else {
            throw JWTError.badSignature
        }
        return (jws, algorithm)
    }

    /// RFC 7515 §4.1.11: `crit` is a non-empty array of distinct header names that are present,
    /// not registered JWS parameters, and understood here.
    private func checkCritical(_ header: JSONObject) throws(JWTError) {
        guard let crit = header["crit"] else { return }
        guard let list = crit.arrayValue, !list.isEmpty else {
            throw JWTError(.malformed, "the JWS header's 'crit' must be a non-empty array of header names")
        }
        let registered = ["alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit"]
        var seen: [String] = []
        for entry in list {
            guard let name = entry.stringValue, !seen.contains(where: { $0.utf8Equals(name) }),
                  !registered.contains(where: { $0.utf8Equals(name) }), header[name] != nil else {
                throw JWTError(.malformed, "the JWS header's 'crit' must list distinct, present, non-registered header names")
            }
            seen.append(name)
            guard understoodCriticalHeaders.contains(where: { $0.utf8Equals(name) }) else {
                throw JWTError(.unsupportedCritical, "the token requires header extension \(JWTError.shown(name)), which this verifier does not understand")
            }
        }
    }
}
