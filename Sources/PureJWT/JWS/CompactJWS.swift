// JWS compact serialization (RFC 7515 §7.1): BASE64URL(header) '.' BASE64URL(payload) '.'
// BASE64URL(signature), parsed strictly and without re-serializing anything: the signature covers
// the exact base64url text received.

import PureCrypto
import PureKeys

/// The three decoded parts of a compact JWS, and the exact signing input. Parsing proves nothing
/// about the token: `JWTVerifier` checks it; `purejwt jwt decode` shows it, labelled unverified.
package struct CompactJWS {
    package let header: JSONObject
    package let payload: [UInt8]
    let signature: [UInt8]
    /// `BASE64URL(header) '.' BASE64URL(payload)` as received.
    let signingInput: ArraySlice<UInt8>
    /// The token's `alg` header, as a string (checked against algorithms by the caller).
    let algorithmName: String

    /// Splits and decodes a token. Checks, in order: size, three segments, strict base64url in
    /// every segment, the header is a JSON object with a string `alg`.
    /// Leaks (through timing and errors) only public structure, never key material.
    package init(_ token: [UInt8], maxBytes: Int) throws(JWTError) {
        guard token.count <= maxBytes else {
            throw JWTError(.tooLarge, "the token is \(token.count) bytes; this verifier accepts at most \(maxBytes)")
        }
        var dots: [Int] = []
        for (i, b) in token.enumerated() where b == UInt8(ascii: ".") {
            dots.append(i)
            if dots.count > 2 { break }
        }
        guard dots.count == 2 else {
            throw JWTError(.malformed, "a compact JWS has exactly three segments separated by '.'")
        }
        let headerText = token[0..<dots[0]]
        let payloadText = token[(dots[0] + 1)..<dots[1]]
        let signatureText = token[(dots[1] + 1)...]
        let headerBytes = try Self.decode(headerText, "header")
        payload = try Self.decode(payloadText, "payload")
        signature = try Self.decode(signatureText, "signature")
        signingInput = token[0..<dots[1]]

        let headerValue: JSONValue
        do {
            headerValue = try JSONValue(parsing: headerBytes)
        } catch {
            throw JWTError(.malformed, "the JWS header is not valid JSON")
        }
        guard let object = headerValue.objectValue else {
            throw JWTError(.malformed, "the JWS header is a JSON \(headerValue.typeName), not an object")
        }
        guard let alg = object["alg"] else {
            throw JWTError(.malformed, "the JWS header has no 'alg'")
        }
        guard let name = alg.stringValue else {
            throw JWTError(.malformed, "the JWS header's 'alg' is a \(alg.typeName), not a string")
        }
        header = object
        algorithmName = name
    }

    private static func decode(_ segment: ArraySlice<UInt8>, _ what: String) throws(JWTError) -> [UInt8] {
        do {
            return try Base64URL.decode(segment)
        } catch {
            throw JWTError(.base64URLInvalid, "the JWS \(what) is not unpadded base64url (no '=', '+', '/' or whitespace allowed)")
        }
    }

    /// Builds `BASE64URL(header) '.' BASE64URL(payload)`.
    static func signingInput(header: [UInt8], payload: [UInt8]) -> [UInt8] {
        var out = Base64URL.encodedBytes(header)
        out.append(UInt8(ascii: "."))
        out += Base64URL.encodedBytes(payload)
        return out
    }
}
