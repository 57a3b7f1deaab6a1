// RESP2, the Redis wire protocol (https://redis.io/docs/latest/develop/reference/protocol-spec/):
// commands go out as arrays of bulk strings; replies come back as one of five types, each
// introduced by one byte and ended by CRLF:
//
//   +OK\r\n                  simple string        -ERR message\r\n      error
//   :42\r\n                  integer              $5\r\nhello\r\n      bulk string ($-1: null)
//   *2\r\n…two replies…      array (*-1: null)
//
// The parser is incremental (it says "need more bytes" until a whole reply is buffered) and
// bounded before it allocates: a bulk string or array announced larger than the limits is
// refused from its header alone.

/// One Redis reply.
enum RESPValue: Equatable, Sendable {
    case simple(String)
    case error(String)
    case integer(Int64)
    case bulk([UInt8]?)
    case array([RESPValue]?)
}

enum RESP {
    /// Caps on what a reply may announce; replies to the token store's commands are far smaller.
    struct Limits: Sendable {
        var maximumBulkByteCount = 1 << 20
        var maximumArrayCount = 1024
        var maximumDepth = 4
        var maximumLineByteCount = 64 * 1024
    }

    /// A reply that breaks the protocol or the limits.
    struct ProtocolViolation: Error, CustomStringConvertible {
        let description: String
    }

    /// `args` as a RESP array of bulk strings: how every command is sent.
    static func command(_ args: [[UInt8]]) -> [UInt8] {
        var out = Array("*\(args.count)\r\n".utf8)
        for arg in args {
            out += Array("$\(arg.count)\r\n".utf8)
            out += arg
            out += [0x0D, 0x0A]
        }
        return out
    }

    static func command(_ args: String...) -> [UInt8] { command(args.map { Array($0.utf8) }) }

    /// Parses one reply from the start of `buffer`. Returns the reply and how many bytes it took,
    /// or nil when the buffer does not yet hold a whole reply.
    static func parse(_ buffer: [UInt8], limits: Limits = Limits()) throws(ProtocolViolation) -> (RESPValue, Int)? {
        var index = 0
        guard let value = try parseValue(buffer, &index, limits, depth: 0) else { return nil }
        return (value, index)
    }

    private static func parseValue(_ b: [UInt8], _ i: inout Int, _ limits: Limits, depth: Int) throws(ProtocolViolation) -> RESPValue? {
        guard depth <= limits.maximumDepth else { throw ProtocolViolation(description: "reply nested deeper than \(limits.maximumDepth)") }
        guard i < b.count else { return nil }
        let type = b[i]
        var j = i + 1
        guard let line = try readLine(b, &j, limits) else { return nil }
        switch type {
        case UInt8(ascii: "+"):
            i = j
            return .simple(String(decoding: line, as: UTF8.self))
        case UInt8(ascii: "-"):
            i = j
            return .error(String(decoding: line, as: UTF8.self))
        case UInt8(ascii: ":"):
            guard let n = integer(line) else { throw ProtocolViolation(description: "integer reply is not a number") }
            i = j
            return .integer(n)
        case UInt8(ascii: "$"):
            guard let n = integer(line), n >= -1 else { throw ProtocolViolation(description: "bulk string length is not a number") }
            if n == -1 { i = j; return .bulk(nil) }
            guard n <= limits.maximumBulkByteCount else {
                throw ProtocolViolation(description: "bulk string of \(n) bytes exceeds the \(limits.maximumBulkByteCount)-byte limit")
            }
            let count = Int(n)
            guard b.count - j >= count + 2 else { return nil }
            guard b[j + count] == 0x0D, b[j + count + 1] == 0x0A else { throw ProtocolViolation(description: "bulk string not ended by CRLF") }
            i = j + count + 2
            return .bulk(Array(b[j..<(j + count)]))
        case UInt8(ascii: "*"):
            guard let n = integer(line), n >= -1 else { throw ProtocolViolation(description: "array length is not a number") }
            if n == -1 { i = j; return .array(nil) }
            guard n <= limits.maximumArrayCount else {
                throw ProtocolViolation(description: "array of \(n) elements exceeds the \(limits.maximumArrayCount)-element limit")
            }
            var elements: [RESPValue] = []
            elements.reserveCapacity(Int(n))
            for _ in 0..<n {
                guard let element = try parseValue(b, &j, limits, depth: depth + 1) else { return nil }
                elements.append(element)
            }
            i = j
            return .array(elements)
        default:
            throw ProtocolViolation(description: "unknown reply type byte 0x\(String(type, radix: 16))")
        }
    }

    /// The bytes up to the next CRLF (advancing past it), or nil when no CRLF is buffered yet.
    private static func readLine(_ b: [UInt8], _ i: inout Int, _ limits: Limits) throws(ProtocolViolation) -> ArraySlice<UInt8>? {
        var k = i
        while k + 1 < b.count {
            if b[k] == 0x0D {
                guard b[k + 1] == 0x0A else { throw ProtocolViolation(description: "CR not followed by LF") }
                let line = b[i..<k]
                i = k + 2
                return line
            }
            if k - i >= limits.maximumLineByteCount { break }
            k += 1
        }
        if b.count - i > limits.maximumLineByteCount {
            throw ProtocolViolation(description: "reply line longer than \(limits.maximumLineByteCount) bytes")
        }
        return nil
    }

    /// A decimal integer of at most 18 digits with an optional minus sign.
    private static func integer(_ line: ArraySlice<UInt8>) -> Int64? {
        var digits = line[...]
        var negative = false
        if digits.first == UInt8(ascii: "-") { negative = true; digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var n: Int64 = 0
        for d in digits {
            guard d >= 0x30, d <= 0x39 else { return nil }
            n = n * 10 + Int64(d - 0x30)
        }
        return negative ? -n : n
    }
}
