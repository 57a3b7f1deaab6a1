// Producing compact JWS/JWT tokens with a key bound to its algorithm.

import PureCrypto
import PureKeys

/// Signs tokens with one key. Headers and claims are serialized deterministically (members in
/// insertion order, minimal escaping, integers in plain decimal), so the same inputs always give
/// the same bytes; with an RSA PKCS#1 v1.5 or HMAC key the whole token is byte-reproducible.
public struct JWTSigner: Sendable {
    /// The key (and its algorithm and `kid`) every token is signed with.
    public let key: JWTSigningKey

    /// A signer with `key`.
    public init(key: JWTSigningKey) {
        self.key = key
    }

    /// The standard header: `alg`, then `typ` (when not nil), then `kid` (when the key has one),
    /// then `extraHeader`'s members. `alg`, `typ` and `kid` in `extraHeader` are not allowed.
    public func header(type: String? = "JWT", extraHeader: JSONObject = JSONObject()) throws(JWTError) -> JSONObject {
        var header: JSONObject = ["alg": .string(key.algorithm.name)]
        if let type { header["typ"] = .string(type) }
        if let kid = key.keyID { header["kid"] = .string(kid) }
        for member in extraHeader.members {
            guard header[member.key] == nil, !member.key.utf8Equals("alg") else {
                throw JWTError(.malformed, "the extra header may not set '\(member.key)': the signer sets it from the key")
            }
            header[member.key] = member.value
        }
        return header
    }

    /// Signs a claims object under the standard header.
    public func sign(claims: JSONObject, type: String? = "JWT", extraHeader: JSONObject = JSONObject()) throws(JWTError) -> String {
        let h = try header(type: type, extraHeader: extraHeader)
        return try signVerbatim(header: JSONValue.object(h).serialized(), payload: JSONValue.object(claims).serialized())
    }

    /// Signs typed claims (see `JWTClaims`).
    public func sign(_ claims: JWTClaims, type: String? = "JWT", extraHeader: JSONObject = JSONObject()) throws(JWTError) -> String {
        try sign(claims: claims.object, type: type, extraHeader: extraHeader)
    }

    /// Signs header and payload bytes exactly as given. The header must be a JSON object whose
    /// `alg` is this key's algorithm (so a token never claims an algorithm it was not signed with).
    /// The payload may be any bytes (a JWS need not carry JSON).
    public func sign(header: [UInt8], payload: [UInt8]) throws(JWTError) -> String {
        let parsed: JSONValue
        do {
            parsed = try JSONValue(parsing: header)
        } catch {
            throw JWTError(.malformed, "the header is not valid JSON")
        }
        guard let alg = parsed["alg"]?.stringValue else {
            throw JWTError(.malformed, "the header must be a JSON object with a string 'alg'")
        }
        guard alg == key.algorithm.name else {
            throw JWTError(.algorithmMismatch, "the header says alg '\(alg)' but the key signs \(key.algorithm)")
        }
        return try signVerbatim(header: header, payload: payload)
    }

    private func signVerbatim(header: [UInt8], payload: [UInt8]) throws(JWTError) -> String {
        var token = CompactJWS.signingInput(header: header, payload: payload)
        let signature = try key.sign(token)
        token.append(UInt8(ascii: "."))
        token += Base64URL.encodedBytes(signature)
        return String(decoding: token, as: UTF8.self)
    }
}
