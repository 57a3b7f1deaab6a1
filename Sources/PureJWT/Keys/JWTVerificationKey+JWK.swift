// Verification keys from JSON Web Keys and JWK Sets (RFC 7517 §4–§5, RFC 7518 §6).

import PureCrypto
import PureKeys

/// Why one JWK cannot verify here: a JWT-layer error whose `cause` is the key layer's error when
/// that layer refused the key (`key_size_not_allowed`, `unsupported_key_type`...).
struct JWKRefusal: Error {
    let error: JWTError

    init(_ error: JWTError) { self.error = error }

    init(_ code: JWTError.Code, _ reason: String, cause: CryptoError? = nil) {
        error = JWTError(code, reason, cause: cause)
    }

    /// The most specific code (the key layer's, when it refused the key).
    var code: String { error.innermostCode }
    var reason: String { error.reason }
}

extension JWTVerificationKey {
    /// A verification key from one JWK: `kty` RSA (public members used; private ones ignored) or
    /// `oct` (an HMAC secret in `k`). The key's `alg`, when present, narrows it to that one
    /// algorithm; `kid` becomes its key ID. A JWK whose `use` is not `sig` is refused.
    public init(jwk object: JSONObject, options: RSAKeyOptions = []) throws(JWTError) {
        do {
            self = try Self.make(jwk: object, options: options)
        } catch {
            throw error.error
        }
    }

    static func make(jwk object: JSONObject, options: RSAKeyOptions) throws(JWKRefusal) -> JWTVerificationKey {
        if let use = object["use"], use.stringValue?.utf8Equals("sig") != true {
            throw JWKRefusal(.keyInvalid, "this JWK's 'use' is not 'sig'; it is not a signature key")
        }
        let kid: String?
        switch object["kid"] {
        case nil: kid = nil
        case .string(let s)?: kid = s
        case let other?: throw JWKRefusal(.keyInvalid, "the JWK's 'kid' is a \(other.typeName), not a string")
        }
        var named: JWSAlgorithm? = nil
        if let alg = object["alg"] {
            guard let name = alg.stringValue, let parsed = JWSAlgorithm(name: name) else {
                throw JWKRefusal(.keyInvalid, "the JWK's 'alg' is not an algorithm PureJWT verifies")
            }
            named = parsed
        }
        // The key type by its bytes: the `case` patterns below compare the known spelling only.
        let kty = object["kty"]?.stringValue
        let known = ["RSA", "oct"].first { kty?.utf8Equals($0) == true }
        switch known {
        case "RSA"?:
            let key: RSAPublicKey
            do {
                let jwk = try RSAJWK(jsonObject: object)
                key = try RSAPublicKey(numbers: jwk.numbers, options: options)
            } catch {
                throw JWKRefusal(.keyInvalid, "invalid RSA JWK: \(error.reason)", cause: error)
            }
            return try refusing { () throws(JWTError) in
                try .rsa(key, algorithms: named.map { [$0] } ?? [.rs256, .rs384, .rs512, .ps256, .ps384, .ps512], keyID: kid)
            }
        case "oct"?:
            guard let k = object["k"]?.stringValue else { throw JWKRefusal(.keyInvalid, "an 'oct' JWK needs a string 'k'") }
            let secret: [UInt8]
            do { secret = try Base64URL.decode(k) } catch { throw JWKRefusal(.keyInvalid, "the 'oct' JWK's 'k' is not base64url") }
            return try refusing { () throws(JWTError) in
                if let named { return try .hmac(secret, algorithms: [named], keyID: kid) }
                return try .hmac(secret, keyID: kid)
            }
        default:
            let reason = "JWK key type \(kty.map { Echo.quoted($0) } ?? "(none)") cannot verify RS/PS/HS tokens"
            throw JWKRefusal(.keyInvalid, reason, cause: CryptoError(.unsupportedKeyType, reason))
        }
    }

    private static func refusing(_ body: () throws(JWTError) -> JWTVerificationKey) throws(JWKRefusal) -> JWTVerificationKey {
        do { return try body() } catch { throw JWKRefusal(error) }
    }
}

extension JWTKeySet {
    /// The most keys a JWK Set may hold (every key with a token's `kid` may be tried, so the
    /// count bounds the work one token can cause). Real sets hold a handful.
    public static let maximumJWKSetKeyCount = 100

    /// A key set from a JWK Set document (`{"keys": [...]}`).
    ///
    /// Every key that cannot verify here is left out and listed in `skippedKeys` with its code
    /// and reason, rather than making the whole set unusable (RFC 7517 §5: "implementations
    /// SHOULD ignore JWKs within a JWK Set that use 'kty' values that are not understood"): keys
    /// the size policy refuses (a legacy 1024-bit key without `.unsafeAllowSmallKeys`), EC and
    /// OKP keys, encryption keys, malformed keys. Tokens whose `kid` names a skipped key fail
    /// with `jwt_kid_refused`. Throws `invalid_key` when the document is not a JWK Set, holds
    /// more than `maximumJWKSetKeyCount` keys, or leaves no usable key.
    public init(jwks bytes: [UInt8], options: RSAKeyOptions = []) throws(JWTError) {
        let document: JSONValue
        do { document = try JSONValue(parsing: bytes) } catch { throw JWTError(.keyInvalid, "the JWK Set is not valid JSON") }
        guard let entries = document["keys"]?.arrayValue else {
            throw JWTError(.keyInvalid, "a JWK Set is a JSON object with a 'keys' array")
        }
        guard entries.count <= Self.maximumJWKSetKeyCount else {
            throw JWTError(.keyInvalid, "the JWK Set holds \(entries.count) keys; at most \(Self.maximumJWKSetKeyCount) are accepted")
        }
        var keys: [JWTVerificationKey] = []
        var skipped: [SkippedKey] = []
        for (index, entry) in entries.enumerated() {
            guard let object = entry.objectValue else {
                skipped.append(SkippedKey(index: index, keyID: nil, code: JWTError.Code.keyInvalid.rawValue,
                                          reason: "a member of 'keys' that is a JSON \(entry.typeName), not an object"))
                continue
            }
            do {
                keys.append(try JWTVerificationKey.make(jwk: object, options: options))
            } catch {
                skipped.append(SkippedKey(index: index, keyID: object["kid"]?.stringValue, code: error.code, reason: error.reason))
            }
        }
        guard !keys.isEmpty else {
            let first = skipped.first.map { ": \($0)" } ?? ""
            throw JWTError(.keyInvalid, "the JWK Set holds no key that can verify RS/PS/HS tokens here (\(skipped.count) skipped)\(first)")
        }
        self.init(keys, skipped: skipped)
    }
}
