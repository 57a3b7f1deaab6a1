// JWT claims (RFC 7519 §4): the registered claims typed, everything else as JSON.

import PureCrypto
import PureKeys

/// A claims set: a JSON object whose members keep their insertion order. The registered claims
/// have typed accessors; after verification their types are guaranteed (a claim of the wrong
/// type fails verification, it is never treated as absent).
public struct JWTClaims: Sendable, Equatable {
    /// The claims set as parsed or built, members in order.
    public private(set) var object: JSONObject

    /// Claims from a JSON object (empty by default); nothing is checked until verification.
    public init(_ object: JSONObject = JSONObject()) {
        self.object = object
    }

    /// Any claim, by name.
    public subscript(name: String) -> JSONValue? {
        get { object[name] }
        set { object[name] = newValue }
    }

    /// `iss` (StringOrURI).
    public var issuer: String? {
        get { object["iss"]?.stringValue }
        set { object["iss"] = newValue.map(JSONValue.string) }
    }

    /// `sub` (StringOrURI).
    public var subject: String? {
        get { object["sub"]?.stringValue }
        set { object["sub"] = newValue.map(JSONValue.string) }
    }

    /// `aud`: a single string or an array of strings; read as a list either way. Setting a list
    /// of one writes a plain string (the common form).
    public var audience: [String]? {
        get {
            guard let aud = object["aud"] else { return nil }
            if let s = aud.stringValue { return [s] }
            return aud.arrayValue?.compactMap { $0.stringValue }
        }
        set {
            guard let newValue else { object["aud"] = nil; return }
            object["aud"] = newValue.count == 1 ? .string(newValue[0]) : .array(newValue.map(JSONValue.string))
        }
    }

    /// `exp`, seconds since 1970. A NumericDate may carry a fraction (RFC 7519 §2); `exp` is
    /// rounded down, `nbf` and `iat` up, so rounding never extends a token's validity.
    public var expiration: Int64? {
        get { Self.numericDate(object["exp"], roundingUp: false) }
        set { object["exp"] = newValue.map { .number(JSONNumber($0)) } }
    }

    /// `nbf`, seconds since 1970.
    public var notBefore: Int64? {
        get { Self.numericDate(object["nbf"], roundingUp: true) }
        set { object["nbf"] = newValue.map { .number(JSONNumber($0)) } }
    }

    /// `iat`, seconds since 1970.
    public var issuedAt: Int64? {
        get { Self.numericDate(object["iat"], roundingUp: true) }
        set { object["iat"] = newValue.map { .number(JSONNumber($0)) } }
    }

    /// `jti`.
    public var jwtID: String? {
        get { object["jti"]?.stringValue }
        set { object["jti"] = newValue.map(JSONValue.string) }
    }

    /// A NumericDate: an integer, or a finite number with a fraction or exponent within ±2^62
    /// seconds, rounded as asked. Nil for anything else.
    static func numericDate(_ value: JSONValue?, roundingUp: Bool) -> Int64? {
        guard let number = value?.numberValue else { return nil }
        if let exact = number.int64Value { return exact }
        guard let d = Double(number.text), d.isFinite, abs(d) < 4.6e18 else { return nil }
        return Int64(roundingUp ? d.rounded(.up) : d.rounded(.down))
    }

    /// Checks the JSON type of every registered claim that is present: `iss`, `sub`, `jti`
    /// strings; `aud` a string or a non-empty array of strings; `exp`, `nbf`, `iat` NumericDates
    /// (JSON numbers, fractions allowed, within ±2^62 seconds).
    func checkRegisteredTypes() throws(JWTError) {
        for name in ["iss", "sub", "jti"] {
            if let v = object[name], v.stringValue == nil {
                throw JWTError(.claimInvalid, "claim '\(name)' is a \(v.typeName), not a string")
            }
        }
        if let aud = object["aud"], aud.stringValue == nil {
            guard let list = aud.arrayValue, !list.isEmpty, list.allSatisfy({ $0.stringValue != nil }) else {
                throw JWTError(.claimInvalid, "claim 'aud' must be a string or a non-empty array of strings")
            }
        }
        for name in ["exp", "nbf", "iat"] {
            if let v = object[name], Self.numericDate(v, roundingUp: false) == nil {
                throw JWTError(.claimInvalid, "claim '\(name)' must be a number of seconds since 1970 (it is a \(v.typeName) out of range or not a number)")
            }
        }
    }
}
