import PureCrypto

/// A JSON value (RFC 8259) as a plain enum: no Foundation, no existentials, Embedded-clean.
///
/// Objects keep their members in insertion order (`JSONObject`), numbers keep their exact text
/// (`JSONNumber`), so parsing and re-serializing is lossless and serialization is deterministic:
/// the same value always gives the same bytes. JWK and JWS headers are built on it.
///
/// ```swift
/// let header: JSONValue = ["alg": "RS256", "typ": "JWT", "exp": 1_700_000_000]
/// let bytes = header.serialized()            // {"alg":"RS256","typ":"JWT","exp":1700000000}
/// let parsed = try JSONValue(parsing: bytes)
/// parsed["alg"]?.stringValue                 // "RS256"
/// ```
public enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, kept as its text (`JSONNumber`).
    case number(JSONNumber)
    /// A string, escapes decoded.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in document order.
    case object(JSONObject)

    /// Structural equality with strings compared as UTF-8 bytes (no Unicode normalization).
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a.utf8Equals(b)
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a == b
        default: return false
        }
    }
}

extension JSONValue {
    /// The string, when this is a string; nil otherwise (never a conversion).
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The boolean, when this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The number, when this is a number.
    public var numberValue: JSONNumber? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The exact integer, when this is a number written as an integer (no fraction, no
    /// exponent) that fits in `Int64`.
    public var int64Value: Int64? { numberValue?.int64Value }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The object, when this is an object.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// True for `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member named `key`, when this is an object that has one.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// The JSON type name ("string", "object"...), for error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByStringLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int64) { self = .number(JSONNumber(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Members in the order written. Duplicate keys are a programming error (trap).
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements {
            precondition(object[key] == nil, "duplicate key in a JSON object literal")
            object[key] = value
        }
        self = .object(object)
    }
}
