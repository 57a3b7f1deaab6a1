import PureCrypto

/// Deterministic JSON serialization: UTF-8, no whitespace, members in their stored order,
/// minimal escaping (only `"`, `\` and control characters; `/` and non-ASCII are written as is),
/// numbers as their exact text (integers in plain decimal). This is byte-for-byte what Python's
/// `json.dumps(obj, separators=(',', ':'), ensure_ascii=False)` writes, which the JWT vectors use.
///
/// Writing runs in time that depends on the characters of strings (escaping), so it is not
/// constant-time; a JWK with private members reveals only what its length already does,
/// since base64url text never needs escaping.
extension JSONValue {
    /// The serialized UTF-8 bytes.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        JSONWriter.write(self, to: &out)
        return out
    }

    /// The serialized text.
    public var jsonText: String { String(decoding: serialized(), as: UTF8.self) }

    /// The text laid out for people: each member and element on its own line, indented by two
    /// spaces per level, `"key": value`, and a final newline. Same escaping and member order as
    /// `serialized()`. For files people read (the emulator's config.json).
    package var indentedJSONText: String {
        var out: [UInt8] = []
        JSONWriter.writeIndented(self, level: 0, to: &out)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }
}

extension JSONObject {
    /// The serialized UTF-8 bytes of this object.
    public func serialized() -> [UInt8] { JSONValue.object(self).serialized() }
}

enum JSONWriter {
    static func write(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.text.utf8)
        case .string(let s): writeString(s, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeIndented(_ value: JSONValue, level: Int, to out: inout [UInt8]) {
        func newline(_ level: Int) {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
        }
        switch value {
        case .array(let elements) where !elements.isEmpty:
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1)
                writeIndented(element, level: level + 1, to: &out)
            }
            newline(level)
            out.append(UInt8(ascii: "]"))
        case .object(let object) where !object.isEmpty:
            out.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1)
                writeString(member.key, to: &out)
                out.append(contentsOf: ": ".utf8)
                writeIndented(member.value, level: level + 1, to: &out)
            }
            newline(level)
            out.append(UInt8(ascii: "}"))
        default:
            write(value, to: &out)
        }
    }

    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): escape(c, into: &out)
            case 0x08: escape(UInt8(ascii: "b"), into: &out)
            case 0x0C: escape(UInt8(ascii: "f"), into: &out)
            case 0x0A: escape(UInt8(ascii: "n"), into: &out)
            case 0x0D: escape(UInt8(ascii: "r"), into: &out)
            case 0x09: escape(UInt8(ascii: "t"), into: &out)
            case 0x00..<0x20:
                escape(UInt8(ascii: "u"), into: &out)
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "0"))
                out.append(hexDigit(c >> 4))
                out.append(hexDigit(c & 15))
            default: out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    @inline(__always) private static func escape(_ c: UInt8, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        out.append(c)
    }

    /// Lower-case, as Python's json module writes `\u001f`.
    @inline(__always) private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }
}
