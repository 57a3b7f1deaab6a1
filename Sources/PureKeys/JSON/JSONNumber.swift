import PureCrypto

/// A JSON number kept as its exact text (RFC 8259 §6 grammar), so no precision is lost between
/// parsing and serializing and integers are always written in plain decimal.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number's text, always valid RFC 8259 number syntax.
    public let text: String

    /// An integer, written in plain decimal.
    public init(_ value: Int64) { text = String(value) }

    /// An integer, written in plain decimal.
    public init(_ value: Int) { text = String(value) }

    /// A number from its text; nil unless it matches the RFC 8259 grammar exactly
    /// (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
    public init?(text: String) {
        let bytes = Array(text.utf8)
        guard JSONNumber.scan(bytes[...]) == bytes.count else { return nil }
        self.text = text
    }

    init(validatedText: String) { text = validatedText }

    /// The exact value when the text is an integer (no fraction or exponent) within `Int64`.
    public var int64Value: Int64? {
        var negative = false
        var value: Int64 = 0
        for (i, c) in text.utf8.enumerated() {
            if i == 0 && c == UInt8(ascii: "-") {
                negative = true
                continue
            }
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return nil }
            let digit = Int64(c - UInt8(ascii: "0"))
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            guard !o1 && !o2 else { return nil }
            value = next
        }
        return value
    }

    public var description: String { text }

    /// The length of the longest valid number at the start of `bytes`, or nil when none
    /// starts there (or when a leading zero is followed by more digits).
    static func scan(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        func isDigit(_ index: Int) -> Bool {
            index < end && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")
        }
        if i < end && bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { return nil }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if isDigit(i) { return nil }
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < end && bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return nil }
            while isDigit(i) { i += 1 }
        }
        if i < end && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < end && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard isDigit(i) else { return nil }
            while isDigit(i) { i += 1 }
        }
        return i - bytes.startIndex
    }
}
