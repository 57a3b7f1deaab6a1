// Encodes `Encodable` values into `JSONValue`, keeping members in the order the type encodes
// them (for synthesized conformances: declaration order), so custom claims serialize
// deterministically without Foundation's JSONEncoder.

import PureKeys
import PureJWT

/// Encodes an `Encodable` value as a `JSONValue`. Non-finite floating-point values are refused.
public struct JSONValueEncoder: Sendable {
    /// An encoder.
    public init() {}

    /// Encodes `value` as a JSON value; a value JSON cannot hold (a non-finite number) is
    /// `jwt_claims_coding`.
    public func encode(_ value: some Encodable) throws(JWTError) -> JSONValue {
        let root = EncodingNode()
        do {
            try value.encode(to: NodeEncoder(node: root, codingPath: []))
        } catch let error as JWTError {
            throw error
        } catch {
            throw JWTError(.claimsCoding, "cannot encode \(type(of: value)) as JSON: \(error)")
        }
        return root.jsonValue
    }
}

/// A mutable tree that containers write into; read out once at the end.
final class EncodingNode {
    enum Content {
        case unset
        case leaf(JSONValue)
        case object([(String, EncodingNode)])
        case array([EncodingNode])
    }

    var content: Content = .unset

    var jsonValue: JSONValue {
        switch content {
        case .unset: return .object(JSONObject())
        case .leaf(let v): return v
        case .array(let items): return .array(items.map(\.jsonValue))
        case .object(let members):
            var o = JSONObject()
            for (k, n) in members { o[k] = n.jsonValue }
            return .object(o)
        }
    }

    /// The child for `key`, replacing an earlier value for the same key in place.
    func child(forKey key: String) -> EncodingNode {
        var members: [(String, EncodingNode)]
        if case .object(let m) = content { members = m } else { members = [] }
        if let existing = members.first(where: { $0.0 == key }) { return existing.1 }
        let node = EncodingNode()
        members.append((key, node))
        content = .object(members)
        return node
    }

    func appendChild() -> EncodingNode {
        var items: [EncodingNode]
        if case .array(let a) = content { items = a } else { items = [] }
        let node = EncodingNode()
        items.append(node)
        content = .array(items)
        return node
    }

    func becomeObject() { if case .object = content {} else { content = .object([]) } }
    func becomeArray() { if case .array = content {} else { content = .array([]) } }
}

struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeArray()
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath)
    }
}

/// Leaf conversions shared by the containers.
enum JSONLeaf {
    static func number<T: BinaryInteger>(_ v: T) -> JSONValue { .number(JSONNumber(text: String(v))!) }

    static func number<T: BinaryFloatingPoint & LosslessStringConvertible>(_ v: T, _ path: [any CodingKey]) throws -> JSONValue {
        guard v.isFinite else {
            throw JWTError(.claimsCoding, "cannot encode a non-finite number at \(pathText(path))")
        }
        if v == v.rounded(), abs(Double(v)) < 9.007_199_254_740_992e15 { return .number(JSONNumber(Int64(v))) }
        guard let n = JSONNumber(text: String(v)) else {
            throw JWTError(.claimsCoding, "cannot encode \(v) at \(pathText(path))")
        }
        return .number(n)
    }

    static func pathText(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "the top level" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    private func set(_ v: JSONValue, _ key: Key) { node.child(forKey: key.stringValue).content = .leaf(v) }

    mutating func encodeNil(forKey key: Key) throws { set(.null, key) }
    mutating func encode(_ v: Bool, forKey key: Key) throws { set(.bool(v), key) }
    mutating func encode(_ v: String, forKey key: Key) throws { set(.string(v), key) }
    mutating func encode(_ v: Double, forKey key: Key) throws { set(try JSONLeaf.number(v, codingPath + [key]), key) }
    mutating func encode(_ v: Float, forKey key: Key) throws { set(try JSONLeaf.number(v, codingPath + [key]), key) }
    mutating func encode(_ v: Int, forKey key: Key) throws { set(JSONLeaf.number(v), key) }
    mutating func encode(_ v: Int8, forKey key: Key) throws { set(JSONLeaf.number(v), key) }
    mutating func encode(_ v: Int16, forKey key: Key) throws { set(JSONLeaf.number(v), key) }
    mutating func encode(_ v: Int32, forKey key: Key) throws { set(JSONLeaf.number(v), key) }
    mutating func encode(_ v: Int64, forKey key: Key) throws { set(JSONLeaf.number(v), key) }
    mutating func encode(_ v: UInt, forKey key: Key) throws { set(JSONLeaf.number(v), key) }
    mutating func encode(_ v: UInt8, forKey key: Key) throws { set(JSONLeaf.number(v), key) }
    mutating func encode(_ v: UInt16, forKey key: Key) throws { set(JSONLeaf.number(v), key) }
    mutating func encode(_ v: UInt32, forKey key: Key) throws { set(JSONLeaf.number(v), key) }
    mutating func encode(_ v: UInt64, forKey key: Key) throws { set(JSONLeaf.number(v), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try value.encode(to: NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]))
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        // Absent optionals are omitted rather than written as null (JWT claims are optional members).
        guard let value else { return }
        try encode(value, forKey: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = node.child(forKey: key.stringValue)
        child.becomeObject()
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.child(forKey: key.stringValue)
        child.becomeArray()
        return UnkeyedNodeContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.child(forKey: "super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]) }
}

struct IndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String
    init(_ i: Int) { intValue = i; stringValue = String(i) }
    init?(intValue: Int) { self.init(intValue) }
    init?(stringValue: String) { return nil }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var count: Int {
        if case .array(let a) = node.content { return a.count }
        return 0
    }

    private func append(_ v: JSONValue) { node.appendChild().content = .leaf(v) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ v: Bool) throws { append(.bool(v)) }
    mutating func encode(_ v: String) throws { append(.string(v)) }
    mutating func encode(_ v: Double) throws { append(try JSONLeaf.number(v, codingPath + [IndexKey(count)])) }
    mutating func encode(_ v: Float) throws { append(try JSONLeaf.number(v, codingPath + [IndexKey(count)])) }
    mutating func encode(_ v: Int) throws { append(JSONLeaf.number(v)) }
    mutating func encode(_ v: Int8) throws { append(JSONLeaf.number(v)) }
    mutating func encode(_ v: Int16) throws { append(JSONLeaf.number(v)) }
    mutating func encode(_ v: Int32) throws { append(JSONLeaf.number(v)) }
    mutating func encode(_ v: Int64) throws { append(JSONLeaf.number(v)) }
    mutating func encode(_ v: UInt) throws { append(JSONLeaf.number(v)) }
    mutating func encode(_ v: UInt8) throws { append(JSONLeaf.number(v)) }
    mutating func encode(_ v: UInt16) throws { append(JSONLeaf.number(v)) }
    mutating func encode(_ v: UInt32) throws { append(JSONLeaf.number(v)) }
    mutating func encode(_ v: UInt64) throws { append(JSONLeaf.number(v)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = codingPath + [IndexKey(count)]
        try value.encode(to: NodeEncoder(node: node.appendChild(), codingPath: path))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = codingPath + [IndexKey(count)]
        let child = node.appendChild()
        child.becomeObject()
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath + [IndexKey(count)]
        let child = node.appendChild()
        child.becomeArray()
        return UnkeyedNodeContainer(node: child, codingPath: path)
    }

    mutating func superEncoder() -> any Encoder {
        let path = codingPath + [IndexKey(count)]
        return NodeEncoder(node: node.appendChild(), codingPath: path)
    }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    private func set(_ v: JSONValue) { node.content = .leaf(v) }

    mutating func encodeNil() throws { set(.null) }
    mutating func encode(_ v: Bool) throws { set(.bool(v)) }
    mutating func encode(_ v: String) throws { set(.string(v)) }
    mutating func encode(_ v: Double) throws { set(try JSONLeaf.number(v, codingPath)) }
    mutating func encode(_ v: Float) throws { set(try JSONLeaf.number(v, codingPath)) }
    mutating func encode(_ v: Int) throws { set(JSONLeaf.number(v)) }
    mutating func encode(_ v: Int8) throws { set(JSONLeaf.number(v)) }
    mutating func encode(_ v: Int16) throws { set(JSONLeaf.number(v)) }
    mutating func encode(_ v: Int32) throws { set(JSONLeaf.number(v)) }
    mutating func encode(_ v: Int64) throws { set(JSONLeaf.number(v)) }
    mutating func encode(_ v: UInt) throws { set(JSONLeaf.number(v)) }
    mutating func encode(_ v: UInt8) throws { set(JSONLeaf.number(v)) }
    mutating func encode(_ v: UInt16) throws { set(JSONLeaf.number(v)) }
    mutating func encode(_ v: UInt32) throws { set(JSONLeaf.number(v)) }
    mutating func encode(_ v: UInt64) throws { set(JSONLeaf.number(v)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
    }
}
