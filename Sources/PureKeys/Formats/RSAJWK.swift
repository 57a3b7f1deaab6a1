import PureCrypto

/// An RSA JSON Web Key (RFC 7517 §4, RFC 7518 §6.3): its numbers (`RSAKeyNumbers`) and metadata.
///
/// Reading is strict: `kty` must be `"RSA"` (other key types are `unsupported_key_type`),
/// `n` and `e` are required strings, every number is base64url without padding
/// (`base64url_invalid`) in its minimal form (RFC 7518 §2 Base64urlUInt; a leading zero octet is
/// `jwk_invalid`), and the CRT members `p q dp dq qi` come all together or not at all. Missing
/// or wrongly typed members are `jwk_invalid`. Multi-prime keys (`oth`) are refused.
///
/// Holds secrets when `d` is present: `description` shows only the type and size.
public struct RSAJWK: Sendable, CustomStringConvertible {
    /// The members `n`, `e`, `d` and `p q dp dq qi` (the CRT numbers: all or none, and may be
    /// absent even when `d` is present: RFC 7518 §6.3.2).
    public var numbers: RSAKeyNumbers
    /// The key ID (`kid`), kept when present.
    public var kid: String?
    /// The intended use (`use`), kept when present.
    public var use: String?
    /// The algorithm (`alg`), kept when present.
    public var alg: String?

    /// A JWK of `numbers` with the given metadata.
    public init(numbers: RSAKeyNumbers, kid: String? = nil, use: String? = nil, alg: String? = nil) {
        self.numbers = numbers
        self.kid = kid
        self.use = use
        self.alg = alg
    }

    /// True when the JWK has a private exponent.
    public var isPrivate: Bool { numbers.isPrivate }

    /// Public or private and the modulus size only, never a private member.
    public var description: String {
        "RSAJWK(\(isPrivate ? "private" : "public"), \(numbers.n.count * 8)-bit modulus\(isPrivate ? ", private members redacted" : ""))"
    }

    /// Parses a JWK from its JSON text (UTF-8 bytes).
    public init(jsonBytes: [UInt8]) throws(CryptoError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: jsonBytes)
        } catch {
            throw CryptoError(.jwkInvalid, "the JWK is not valid JSON: \(error.reason)")
        }
        guard let object = value.objectValue else {
            throw CryptoError(.jwkInvalid, "a JWK must be a JSON object, found \(value.typeName)")
        }
        try self.init(jsonObject: object)
    }

    /// Reads a JWK from a parsed JSON object.
    public init(jsonObject object: JSONObject) throws(CryptoError) {
        guard let ktyValue = object["kty"] else { throw CryptoError(.jwkInvalid, "the JWK has no 'kty' member") }
        guard let kty = ktyValue.stringValue else {
            throw CryptoError(.jwkInvalid, "the JWK 'kty' member must be a string, found \(ktyValue.typeName)")
        }
        guard kty.utf8Equals("RSA") else {
            throw CryptoError(.unsupportedKeyType, "the JWK is of key type \(Echo.quoted(kty)); only RSA keys are supported")
        }
        guard object["oth"] == nil else {
            throw CryptoError(.unsupportedKeyType, "multi-prime RSA JWKs ('oth') are not supported")
        }
        let n = try RSAJWK.number(object, "n", required: true)!
        let e = try RSAJWK.number(object, "e", required: true)!
        let d = try RSAJWK.number(object, "d", required: false)
        let crtMembers = [try RSAJWK.number(object, "p", required: false), try RSAJWK.number(object, "q", required: false),
                          try RSAJWK.number(object, "dp", required: false), try RSAJWK.number(object, "dq", required: false),
                          try RSAJWK.number(object, "qi", required: false)]
        let present = crtMembers.filter { $0 != nil }.count
        if present == 5 {
            guard d != nil else { throw CryptoError(.jwkInvalid, "the JWK has CRT members (p, q...) but no 'd'") }
            numbers = RSAKeyNumbers(n: n, e: e, d: d, crt: RSAKeyNumbers.CRT(p: crtMembers[0]!, q: crtMembers[1]!, dP: crtMembers[2]!,
                                                                             dQ: crtMembers[3]!, qInv: crtMembers[4]!))
        } else if present == 0 {
            numbers = RSAKeyNumbers(n: n, e: e, d: d)
        } else {
            throw CryptoError(.jwkInvalid, "the JWK has only some of p, q, dp, dq, qi: RFC 7518 §6.3.2 requires all or none")
        }
        kid = try RSAJWK.string(object, "kid")
        use = try RSAJWK.string(object, "use")
        alg = try RSAJWK.string(object, "alg")
        if let ops = object["key_ops"] {
            guard let array = ops.arrayValue, array.allSatisfy({ $0.stringValue != nil }) else {
                throw CryptoError(.jwkInvalid, "the JWK 'key_ops' member must be an array of strings")
            }
        }
    }

    private static func string(_ object: JSONObject, _ name: String) throws(CryptoError) -> String? {
        guard let value = object[name] else { return nil }
        guard let s = value.stringValue else {
            throw CryptoError(.jwkInvalid, "the JWK '\(name)' member must be a string, found \(value.typeName)")
        }
        return s
    }

    private static func number(_ object: JSONObject, _ name: String, required: Bool) throws(CryptoError) -> [UInt8]? {
        guard let value = object[name] else {
            if required { throw CryptoError(.jwkInvalid, "the RSA JWK has no '\(name)' member") }
            return nil
        }
        guard let text = value.stringValue else {
            throw CryptoError(.jwkInvalid, "the JWK '\(name)' member must be a base64url string, found \(value.typeName)")
        }
        let bytes: [UInt8]
        do {
            bytes = try Base64URL.decode(text)
        } catch {
            throw CryptoError(error.code, "the JWK '\(name)' member is not unpadded base64url (RFC 7515 §2): \(error.reason)")
        }
        guard let first = bytes.first else { throw CryptoError(.jwkInvalid, "the JWK '\(name)' member is empty") }
        guard first != 0 || bytes.count == 1 else {
            throw CryptoError(.jwkInvalid, "the JWK '\(name)' member has a leading zero octet (RFC 7518 §2 requires the minimal form)")
        }
        return bytes
    }

    /// The JWK as a JSON object, members in the order `kty, kid, use, alg, n, e, d, p, q, dp,
    /// dq, qi` (the metadata only when set).
    public var jsonObject: JSONObject {
        var o = JSONObject()
        o["kty"] = "RSA"
        if let kid { o["kid"] = .string(kid) }
        if let use { o["use"] = .string(use) }
        if let alg { o["alg"] = .string(alg) }
        o["n"] = .string(Base64URL.encode(RSAJWK.minimal(numbers.n)))
        o["e"] = .string(Base64URL.encode(RSAJWK.minimal(numbers.e)))
        if let d = numbers.d { o["d"] = .string(Base64URL.encode(RSAJWK.minimal(d))) }
        if let crt = numbers.crt {
            o["p"] = .string(Base64URL.encode(RSAJWK.minimal(crt.p)))
            o["q"] = .string(Base64URL.encode(RSAJWK.minimal(crt.q)))
            o["dp"] = .string(Base64URL.encode(RSAJWK.minimal(crt.dP)))
            o["dq"] = .string(Base64URL.encode(RSAJWK.minimal(crt.dQ)))
            o["qi"] = .string(Base64URL.encode(RSAJWK.minimal(crt.qInv)))
        }
        return o
    }

    /// The compact JSON text (UTF-8), no trailing newline.
    public var jsonBytes: [UInt8] { jsonObject.serialized() }

    /// This JWK without its private members.
    public var publicJWK: RSAJWK { RSAJWK(numbers: numbers.publicNumbers, kid: kid, use: use, alg: alg) }

    /// The RFC 7638 thumbprint: base64url(SHA-256(`{"e":…,"kty":"RSA","n":…}`)).
    public var thumbprint: String { RSAJWK.thumbprint(n: numbers.n, e: numbers.e) }

    /// The RFC 7638 §3.2 canonical JSON of an RSA public key: required members only, in
    /// lexicographic order, no whitespace.
    public static func thumbprintInput(n: [UInt8], e: [UInt8]) -> [UInt8] {
        let object: JSONObject = ["e": .string(Base64URL.encode(minimal(e))), "kty": "RSA", "n": .string(Base64URL.encode(minimal(n)))]
        return object.serialized()
    }

    /// The RFC 7638 thumbprint with SHA-256, base64url without padding.
    public static func thumbprint(n: [UInt8], e: [UInt8]) -> String {
        Base64URL.encode(SHA256.hash(thumbprintInput(n: n, e: e)))
    }

    /// Strips leading zero octets, keeping one octet for zero.
    static func minimal(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        let stripped = bytes.drop(while: { $0 == 0 })
        return stripped.isEmpty ? [0][...] : stripped
    }
}

extension CryptoError.Code {
    /// JWK JSON missing required members or with members of the wrong type.
    public static let jwkInvalid = CryptoError.Code("jwk_invalid")
}
