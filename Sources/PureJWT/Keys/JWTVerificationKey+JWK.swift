// Verification keys from JSON Web Keys and JWK Sets (RFC 7517 §4–§5, RFC 7518 §6).

import PureCrypto

extension JWTVerificationKey {
    /// A verification key from one JWK: `kty` RSA (public members used; private ones ignored) or
    /// `oct` (an HMAC secret in `k`). The key's `alg`, when present, narrows it to that one
    /// algorithm; `kid` becomes its key ID. A JWK whose `use` is not `sig` is refused.
    public init(jwk object: JSONObject, options: RSAKeyOptions = []) throws(JWTError) {
        if let use = object["use"], use.stringValue?.utf8Equals("sig") != true {
            throw JWTError(.keyInvalid, "this JWK's 'use' is not 'sig'; it is not a signature key")
        }
        let kid: String?
        switch object["kid"] {
        case nil: kid = nil
        case .string(let s)?: kid = s
        case let other?: throw JWTError(.keyInvalid, "the JWK's 'kid' is a \(other.typeName), not a string")
        }
        var named: JWSAlgorithm? = nil
        if let alg = object["alg"] {
            guard let name = alg.stringValue, let parsed = JWSAlgorithm(name: name) else {
                throw JWTError(.keyInvalid, "the JWK's 'alg' is not an algorithm PureJWT verifies")
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
                key = try RSAPublicKey(n: jwk.n, e: jwk.e, options: options)
            } catch {
                throw JWTError(.keyInvalid, "invalid RSA JWK: \(error.reason)")
            }
            self = try .rsa(key, algorithms: named.map { [$0] } ?? [.rs256, .rs384, .rs512, .ps256, .ps384, .ps512], keyID: kid)
        case "oct"?:
            guard let k = object["k"]?.stringValue else { throw JWTError(.keyInvalid, "an 'oct' JWK needs a string 'k'") }
            let secret: [UInt8]
            do { secret = try Base64URL.decode(k) } catch { throw JWTError(.keyInvalid, "the 'oct' JWK's 'k' is not base64url") }
            if let named {
                self = try .hmac(secret, algorithms: [named], keyID: kid)
            } else {
                self = try .hmac(secret, keyID: kid)
            }
        default:
            throw JWTError(.keyInvalid, "JWK key type '\(kty ?? "none")' cannot verify RS/PS/HS tokens")
        }
    }
}

extension JWTKeySet {
    /// A key set from a JWK Set document (`{"keys": [...]}`). Keys of types or uses that cannot
    /// verify signatures here (EC, OKP, encryption keys) are skipped, as RFC 7517 §5 advises;
    /// a malformed RSA or `oct` key is an error rather than silently dropped.
    public init(jwks bytes: [UInt8], options: RSAKeyOptions = []) throws(JWTError) {
        let document: JSONValue
        do { document = try JSONValue(parsing: bytes) } catch { throw JWTError(.keyInvalid, "the JWK Set is not valid JSON") }
        guard let keys = document["keys"]?.arrayValue else {
            throw JWTError(.keyInvalid, "a JWK Set is a JSON object with a 'keys' array")
        }
        var out: [JWTVerificationKey] = []
        for entry in keys {
            guard let object = entry.objectValue else { throw JWTError(.keyInvalid, "every member of 'keys' must be a JSON object") }
            let kty = object["kty"]?.stringValue
            guard kty?.utf8Equals("RSA") == true || kty?.utf8Equals("oct") == true else { continue }
            if let use = object["use"]?.stringValue, !use.utf8Equals("sig") { continue }
            out.append(try JWTVerificationKey(jwk: object, options: options))
        }
        guard !out.isEmpty else { throw JWTError(.keyInvalid, "the JWK Set holds no RSA or HMAC signature key") }
        self.init(out)
    }
}
