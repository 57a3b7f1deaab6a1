// The tests' hex codec, independent of the library's own `Hex` (so a bug there cannot hide a
// bug elsewhere).

/// Bytes from hex digits (either case). One policy for odd-length input: the text is a number
/// written without its leading zero digit (as key_numbers.json and NIST's files write integers),
/// so a `0` is put in front. Traps on a character that is not a hex digit: vector files and test
/// literals are trusted input, and the message names the text.
package func hexBytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.utf8)
    let padded = digits.count % 2 == 1 ? [UInt8(ascii: "0")] + digits : digits
    func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: preconditionFailure("non-hex character in test hex '\(hex.prefix(24))…'")
        }
    }
    var out: [UInt8] = []
    out.reserveCapacity(padded.count / 2)
    var i = 0
    while i < padded.count {
        out.append(nibble(padded[i]) << 4 | nibble(padded[i + 1]))
        i += 2
    }
    return out
}

/// Lowercase hex, two digits per byte.
package func hexString(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for b in bytes {
        out.append(digits[Int(b >> 4)])
        out.append(digits[Int(b & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}
