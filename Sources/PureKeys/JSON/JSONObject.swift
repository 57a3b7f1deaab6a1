import PureCrypto

/// A JSON object whose members keep their insertion order, so serialization is deterministic
/// and a parsed object re-serializes in its original order. Keys are unique: the parser rejects
/// duplicates (RFC 8259 §4 leaves them undefined; RFC 7515 §5.2 lets JOSE reject them), and
/// assigning to an existing key replaces its value in place. Keys are compared as UTF-8 bytes
/// (RFC 7515 §5.3: no normalization), never with `String`'s canonical equivalence.
///
/// Lookups scan the members: objects here are small (headers, claims, keys). The parser uses a
/// hash set only while checking large objects for duplicates, so parsing stays linear.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// One member: a key and its value.
    public struct Member: Sendable, Equatable {
        /// The member's name.
        public var key: String
        /// The member's value.
        public var value: JSONValue
        /// A member named `key` with `value`.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }

        /// Same key bytes and equal values.
        public static func == (lhs: Member, rhs: Member) -> Bool {
            lhs.key.utf8Equals(rhs.key) && lhs.value == rhs.value
        }
    }

    /// The members in order.
    public private(set) var members: [Member]

    /// An empty object.
    public init() { members = [] }

    /// Members in the order written. Duplicate keys are a programming error (trap).
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = []
        for (key, value) in elements {
            precondition(self[key] == nil, "duplicate key in a JSON object literal")
            members.append(Member(key: key, value: value))
        }
    }

    /// Members already known to have distinct keys (the parser's path).
    init(uniqueMembers: [Member]) { members = uniqueMembers }

    /// The value of `key`, or nil. Setting a value replaces an existing member in place or
    /// appends a new one at the end; setting nil removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where member.key.utf8Equals(key) { return member.value }
            return nil
        }
        set {
            if let i = members.firstIndex(where: { $0.key.utf8Equals(key) }) {
                if let newValue { members[i].value = newValue } else { members.remove(at: i) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// The keys in order.
    public var keys: [String] { members.map { $0.key } }

    /// The number of members.
    public var count: Int { members.count }
    /// True when the object has no members.
    public var isEmpty: Bool { members.isEmpty }
}
