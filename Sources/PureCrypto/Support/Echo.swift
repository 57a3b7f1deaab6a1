/// Showing untrusted text (a `kid`, an `alg`, a server's `error_description`, a file name) inside
/// a one-line message: every character that could break the line or change how a terminal
/// shows it is written as a visible escape, and the text is cut to a length, so a crafted value
/// can never forge an output line (`purejwt: error[ok]: token accepted`) or flood a log.

/// One-line, printable renderings of untrusted text.
///
/// Escaped as `\u{…}` (hex scalar value): C0 controls (newline, ESC...), DEL and C1 controls;
/// line and paragraph separators (U+2028, U+2029); format characters that reorder or hide text
/// (U+00AD, U+061C, U+180E, U+200B–U+200F, U+202A–U+202E, U+2060–U+206F, U+FEFF,
/// U+FFF9–U+FFFB, tags U+E0000–U+E007F); private-use and noncharacter code points. A backslash
/// is written `\\`, so every escape is unambiguous. Everything else (letters of any script,
/// marks, symbols, emoji) is kept as it is.
public enum Echo {
    /// The default cut, in bytes of output.
    public static let defaultMaxBytes = 64

    /// `text` escaped and cut to at most `maxBytes` bytes of UTF-8 (at a character boundary,
    /// then `…`). Variable time in the text: for public or untrusted text, never for secrets.
    public static func escaped(_ text: some StringProtocol, maxBytes: Int = defaultMaxBytes) -> String {
        render(text, maxBytes: maxBytes, escapingBackslash: true)
    }

    /// A whole message made safe for one output line: like `escaped`, but a backslash stays as
    /// it is (the message may already hold the escapes of the values echoed in it). The last
    /// line of defence before stderr; each echoed value should be `escaped` where it is put in.
    public static func printable(_ text: some StringProtocol, maxBytes: Int) -> String {
        render(text, maxBytes: maxBytes, escapingBackslash: false)
    }

    static func render(_ text: some StringProtocol, maxBytes: Int, escapingBackslash: Bool) -> String {
        var out = ""
        var bytes = 0
        for scalar in text.unicodeScalars {
            let piece = needsEscape(scalar) ? escape(scalar) : escapingBackslash && scalar == "\\" ? "\\\\" : String(scalar)
            let n = piece.utf8.count
            guard bytes + n <= maxBytes else {
                out += "…"
                return out
            }
            out += piece
            bytes += n
        }
        return out
    }

    /// `escaped(text)` between single quotes: `'kid-1'`.
    public static func quoted(_ text: some StringProtocol, maxBytes: Int = defaultMaxBytes) -> String {
        "'" + escaped(text, maxBytes: maxBytes) + "'"
    }

    /// Whether `scalar` is shown as an escape (see the type's documentation).
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        switch v {
        case 0x00...0x1F, 0x7F...0x9F: return true                       // C0, DEL, C1
        case 0xAD, 0x61C, 0x180E: return true                            // soft hyphen, ALM, MVS
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F: return true  // zero-width, separators, bidi
        case 0xFEFF, 0xFFF9...0xFFFB: return true                        // BOM, interlinear annotation
        case 0xE000...0xF8FF, 0xF0000...0x10FFFF: return true             // private use
        case 0xE0000...0xE007F: return true                              // tags
        case 0xFDD0...0xFDEF: return true                                // noncharacters
        default: return v & 0xFFFE == 0xFFFE                             // U+xFFFE, U+xFFFF
        }
    }

    /// `\u{1B}`: uppercase hex, no leading zeros.
    static func escape(_ scalar: Unicode.Scalar) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
        var v = scalar.value
        var hex: [Character] = []
        repeat {
            hex.append(digits[Int(v & 0xF)])
            v >>= 4
        } while v != 0
        return "\\u{" + String(hex.reversed()) + "}"
    }
}
