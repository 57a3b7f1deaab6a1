import PureCrypto

/// A strict RFC 8259 parser: exactly one value surrounded by optional JSON whitespace, UTF-8
/// only (no byte-order mark), validated UTF-8 and escapes (no lone surrogates), no duplicate
/// object keys, no trailing commas, comments, NaN or leading zeros. Nesting is capped (64 by
/// default) before recursion can hurt, and the input size is capped, so a hostile 100,000-deep
/// or oversized document fails fast with `json_invalid`. Time is linear in the input size.
///
/// Parsing branches on the input; do not parse secrets you need to keep from a timing observer
/// (JWK private members are parsed as ordinary strings).
public struct JSONParser: Sendable {
    /// Limits against hostile input.
    public struct Options: Sendable {
        /// Arrays and objects nested deeper than this are rejected.
        public var maximumDepth: Int
        /// Inputs longer than this many bytes are rejected before parsing.
        public var maximumByteCount: Int

        /// Options with the given caps (defaults: depth 64, 16 MiB).
        public init(maximumDepth: Int = 64, maximumByteCount: Int = 16 << 20) {
            self.maximumDepth = maximumDepth
            self.maximumByteCount = maximumByteCount
        }
    }

    /// Parses one JSON text.
    public static func parse(_ bytes: some Collection<UInt8>, options: Options = Options()) throws(CryptoError) -> JSONValue {
        guard bytes.count <= options.maximumByteCount else {
            throw CryptoError(.jsonInvalid, "JSON text of \(bytes.count) bytes is over the \(options.maximumByteCount)-byte limit")
        }
        var parser = JSONParser(input: Array(bytes), maximumDepth: options.maximumDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.position == parser.input.count else {
            throw parser.error("unexpected data after the JSON value")
        }
        return value
    }

    private let input: [UInt8]
    private let maximumDepth: Int
    private var position = 0

    private init(input: [UInt8], maximumDepth: Int) {
        self.input = input
        self.maximumDepth = maximumDepth
    }

    private func error(_ what: String) -> CryptoError {
        CryptoError(.jsonInvalid, "invalid JSON at byte \(position): \(what)")
    }

    private var current: UInt8? { position < input.count ? input[position] : nil }

    private mutating func skipWhitespace() {
        while let c = current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { position += 1 }
    }

    private mutating func expectLiteral(_ literal: String) throws(CryptoError) {
        for expected in literal.utf8 {
            guard current == expected else { throw error("unknown literal (only true, false and null exist)") }
            position += 1
        }
    }

    private mutating func parseValue(depth: Int) throws(CryptoError) -> JSONValue {
        guard let c = current else { throw error("expected a value, found the end of the input") }
        switch c {
        case UInt8(ascii: "{"): return .object(try parseObject(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try parseArray(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let length = JSONNumber.scan(input[position...]) else { throw error("malformed number") }
            let text = String(decoding: input[position..<position + length], as: UTF8.self)
            position += length
            return .number(JSONNumber(validatedText: text))
        default:
            throw error("unexpected character")
        }
    }

    private func checkDepth(_ depth: Int) throws(CryptoError) {
        guard depth <= maximumDepth else {
            throw error("arrays/objects nested deeper than \(maximumDepth) levels")
        }
    }

    private mutating func parseArray(depth: Int) throws(CryptoError) -> [JSONValue] {
        try checkDepth(depth)
        position += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            position += 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                return elements
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func parseObject(depth: Int) throws(CryptoError) -> JSONObject {
        try checkDepth(depth)
        position += 1  // {
        var members: [JSONObject.Member] = []
        // Keys as bytes: "K" and "\u{212A}" are two keys, as RFC 7515 §5.3 reads them.
        var seen: Set<[UInt8]>? = nil  // built once the object is large enough to need it
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            position += 1
            return JSONObject(uniqueMembers: members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a string key in an object") }
            let keyPosition = position
            let key = try parseString()
            let duplicate: Bool
            if seen != nil {
                duplicate = !seen!.insert(Array(key.utf8)).inserted
            } else {
                duplicate = members.contains(where: { $0.key.utf8Equals(key) })
                if members.count >= 16 { seen = Set(members.map { Array($0.key.utf8) } + [Array(key.utf8)]) }
            }
            guard !duplicate else {
                throw CryptoError(.jsonInvalid, "invalid JSON at byte \(keyPosition): duplicate object key")
            }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after an object key") }
            position += 1
            skipWhitespace()
            members.append(JSONObject.Member(key: key, value: try parseValue(depth: depth)))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                return JSONObject(uniqueMembers: members)
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    /// A string: validated UTF-8, no raw control characters, escapes per RFC 8259 §7.
    private mutating func parseString() throws(CryptoError) -> String {
        position += 1  // opening quote
        var out: [UInt8] = []
        while true {
            guard let c = current else { throw error("unterminated string") }
            switch c {
            case UInt8(ascii: "\""):
                position += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                position += 1
                try parseEscape(into: &out)
            case 0x00..<0x20:
                throw error("control character in a string (must be escaped)")
            case 0x20..<0x80:
                out.append(c)
                position += 1
            default:
                try copyUTF8Scalar(into: &out)
            }
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(CryptoError) {
        guard let c = current else { throw error("unterminated escape") }
        position += 1
        switch c {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if scalar >= 0xD800 && scalar < 0xDC00 {
                guard current == UInt8(ascii: "\\"), position + 1 < input.count, input[position + 1] == UInt8(ascii: "u") else {
                    throw error("high surrogate escape not followed by a low surrogate")
                }
                position += 2
                let low = try parseHex4()
                guard low >= 0xDC00 && low < 0xE000 else { throw error("high surrogate escape not followed by a low surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar < 0xE000 {
                throw error("lone low surrogate escape")
            }
            JSONParser.appendUTF8(scalar, to: &out)
        default:
            throw error("unknown escape sequence")
        }
    }

    private mutating func parseHex4() throws(CryptoError) -> UInt32 {
        guard input.count - position >= 4 else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = input[position]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw error("non-hex digit in a \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// Copies one multi-byte UTF-8 scalar after checking it (RFC 3629: no overlong forms, no
    /// surrogates, nothing above U+10FFFF).
    private mutating func copyUTF8Scalar(into out: inout [UInt8]) throws(CryptoError) {
        let lead = input[position]
        let count: Int
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: count = 2; scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF: count = 3; scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4: count = 4; scalar = UInt32(lead & 0x07)
        default: throw error("invalid UTF-8 lead byte")
        }
        guard input.count - position >= count else { throw error("truncated UTF-8 sequence") }
        for i in 1..<count {
            let b = input[position + i]
            guard b & 0xC0 == 0x80 else { throw error("invalid UTF-8 continuation byte") }
            scalar = scalar << 6 | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = count == 2 ? 0x80 : count == 3 ? 0x800 : 0x10000
        guard scalar >= minimum, scalar <= 0x10FFFF, !(scalar >= 0xD800 && scalar < 0xE000) else {
            throw error("invalid UTF-8 sequence (overlong, surrogate or out of range)")
        }
        out.append(contentsOf: input[position..<position + count])
        position += count
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(0xC0 | UInt8(scalar >> 6))
            out.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(0xE0 | UInt8(scalar >> 12))
            out.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            out.append(0x80 | UInt8(scalar & 0x3F))
        default:
            out.append(0xF0 | UInt8(scalar >> 18))
            out.append(0x80 | UInt8((scalar >> 12) & 0x3F))
            out.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            out.append(0x80 | UInt8(scalar & 0x3F))
        }
    }
}

extension CryptoError.Code {
    /// The text is not strict RFC 8259 JSON, or exceeds the parser's depth or size limits.
    public static let jsonInvalid = CryptoError.Code("json_invalid")
}

extension JSONValue {
    /// Parses one strict RFC 8259 JSON text from UTF-8 bytes (see `JSONParser`).
    public init(parsing bytes: some Collection<UInt8>, options: JSONParser.Options = JSONParser.Options()) throws(CryptoError) {
        self = try JSONParser.parse(bytes, options: options)
    }

    /// Parses one strict RFC 8259 JSON text (see `JSONParser`).
    public init(parsing text: String, options: JSONParser.Options = JSONParser.Options()) throws(CryptoError) {
        self = try JSONParser.parse(Array(text.utf8), options: options)
    }
}
