// Decodes `Decodable` values from `JSONValue`, strictly: an integer field needs a JSON integer
// that fits (no fractions, no rounding), a string field a JSON string, and so on. A wrong type
// is an error, never a default.

import PureKeys
import PureJWT

/// Decodes a `Decodable` value from a `JSONValue`.
public struct JSONValueDecoder: Sendable {
    /// A decoder.
    public init() {}

    /// Decodes a `T` from a JSON value; a wrong type or a missing key is `jwt_claims_coding`.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws(JWTError) -> T {
        do {
            return try T(from: NodeDecoder(value: value, codingPath: []))
        } catch let error as JWTError {
            throw error
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
                let DecodingError.dataCorrupted(context) {
            throw JWTError(.claimsCoding, "cannot decode \(T.self): \(context.debugDescription) at \(JSONLeaf.pathText(context.codingPath))")
        } catch let DecodingError.keyNotFound(key, context) {
            throw JWTError(.claimsCoding, "cannot decode \(T.self): no '\(key.stringValue)' at \(JSONLeaf.pathText(context.codingPath))")
        } catch {
            throw JWTError(.claimsCoding, "cannot decode \(T.self): \(error)")
        }
    }
}

struct NodeDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard let object = value.objectValue else { throw mismatch([String: Int].self, value, codingPath) }
        return KeyedDecodingContainer(KeyedValueContainer<Key>(object: object, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard let array = value.arrayValue else { throw mismatch([Int].self, value, codingPath) }
        return UnkeyedValueContainer(items: array, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(value: value, codingPath: codingPath)
    }
}

func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    .typeMismatch(type, DecodingError.Context(codingPath: path, debugDescription: "expected \(type), found a JSON \(value.typeName)"))
}

/// Strict leaf conversions shared by the containers.
enum JSONRead {
    static func bool(_ v: JSONValue, _ path: [any CodingKey]) throws -> Bool {
        guard let b = v.boolValue else { throw mismatch(Bool.self, v, path) }
        return b
    }

    static func string(_ v: JSONValue, _ path: [any CodingKey]) throws -> String {
        guard let s = v.stringValue else { throw mismatch(String.self, v, path) }
        return s
    }

    static func integer<T: FixedWidthInteger>(_ v: JSONValue, _ path: [any CodingKey]) throws -> T {
        guard let n = v.numberValue else { throw mismatch(T.self, v, path) }
        guard let exact = T(n.text) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: path, debugDescription: "the number \(n.text) is not a \(T.self)"))
        }
        return exact
    }

    static func floating<T: BinaryFloatingPoint & LosslessStringConvertible>(_ v: JSONValue, _ path: [any CodingKey]) throws -> T {
        guard let n = v.numberValue else { throw mismatch(T.self, v, path) }
        guard let f = T(n.text), f.isFinite else {
            throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: path, debugDescription: "the number \(n.text) does not fit \(T.self)"))
        }
        return f
    }
}

struct KeyedValueContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let codingPath: [any CodingKey]

    var allKeys: [Key] { object.keys.compactMap(Key.init(stringValue:)) }
    func contains(_ key: Key) -> Bool { object[key.stringValue] != nil }

    private func value(_ key: Key) throws -> JSONValue {
        guard let v = object[key.stringValue] else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: codingPath, debugDescription: "no member '\(key.stringValue)'"))
        }
        return v
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key).isNull }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try JSONRead.bool(value(key), codingPath + [key]) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try JSONRead.string(value(key), codingPath + [key]) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try JSONRead.floating(value(key), codingPath + [key]) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try JSONRead.floating(value(key), codingPath + [key]) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try JSONRead.integer(value(key), codingPath + [key]) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try JSONRead.integer(value(key), codingPath + [key]) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try JSONRead.integer(value(key), codingPath + [key]) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try JSONRead.integer(value(key), codingPath + [key]) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try JSONRead.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try JSONRead.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try JSONRead.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try JSONRead.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try JSONRead.integer(value(key), codingPath + [key]) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try JSONRead.integer(value(key), codingPath + [key]) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: NodeDecoder(value: value(key), codingPath: codingPath + [key]))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try NodeDecoder(value: value(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try NodeDecoder(value: value(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { NodeDecoder(value: object["super"] ?? .null, codingPath: codingPath) }
    func superDecoder(forKey key: Key) throws -> any Decoder { NodeDecoder(value: try value(key), codingPath: codingPath + [key]) }
}

struct UnkeyedValueContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next<T>(_ type: T.Type) throws -> (JSONValue, [any CodingKey]) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, DecodingError.Context(codingPath: codingPath, debugDescription: "the array has only \(items.count) elements"))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex].isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { let (v, p) = try next(type); return try JSONRead.bool(v, p) }
    mutating func decode(_ type: String.Type) throws -> String { let (v, p) = try next(type); return try JSONRead.string(v, p) }
    mutating func decode(_ type: Double.Type) throws -> Double { let (v, p) = try next(type); return try JSONRead.floating(v, p) }
    mutating func decode(_ type: Float.Type) throws -> Float { let (v, p) = try next(type); return try JSONRead.floating(v, p) }
    mutating func decode(_ type: Int.Type) throws -> Int { let (v, p) = try next(type); return try JSONRead.integer(v, p) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { let (v, p) = try next(type); return try JSONRead.integer(v, p) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { let (v, p) = try next(type); return try JSONRead.integer(v, p) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { let (v, p) = try next(type); return try JSONRead.integer(v, p) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { let (v, p) = try next(type); return try JSONRead.integer(v, p) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { let (v, p) = try next(type); return try JSONRead.integer(v, p) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { let (v, p) = try next(type); return try JSONRead.integer(v, p) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { let (v, p) = try next(type); return try JSONRead.integer(v, p) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { let (v, p) = try next(type); return try JSONRead.integer(v, p) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { let (v, p) = try next(type); return try JSONRead.integer(v, p) }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (v, p) = try next(type)
        return try T(from: NodeDecoder(value: v, codingPath: p))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (v, p) = try next([String: Int].self)
        return try NodeDecoder(value: v, codingPath: p).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (v, p) = try next([Int].self)
        return try NodeDecoder(value: v, codingPath: p).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (v, p) = try next(JSONValue.self)
        return NodeDecoder(value: v, codingPath: p)
    }
}

struct SingleValueContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try JSONRead.bool(value, codingPath) }
    func decode(_ type: String.Type) throws -> String { try JSONRead.string(value, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try JSONRead.floating(value, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { try JSONRead.floating(value, codingPath) }
    func decode(_ type: Int.Type) throws -> Int { try JSONRead.integer(value, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try JSONRead.integer(value, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try JSONRead.integer(value, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try JSONRead.integer(value, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try JSONRead.integer(value, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try JSONRead.integer(value, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try JSONRead.integer(value, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try JSONRead.integer(value, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try JSONRead.integer(value, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try JSONRead.integer(value, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: NodeDecoder(value: value, codingPath: codingPath)) }
}
