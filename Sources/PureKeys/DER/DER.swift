import PureCrypto

/// Distinguished Encoding Rules (ITU-T X.690 §8 and §10): the shared vocabulary of the strict
/// reader (`DER.Reader`) and writer (`DER.Writer`) that every key format in this folder is
/// built on.
///
/// Only what RSA key formats need is supported: low tag numbers (0–30), definite lengths of up to
/// four octets, and the universal types INTEGER, BIT STRING, OCTET STRING, NULL, OBJECT IDENTIFIER
/// and SEQUENCE, plus context-specific tags. Anything else is `der_invalid`, never a guess.
///
/// Parsing is not constant-time: it branches on lengths and tags, which are public structure.
/// The *contents* of INTEGERs (the secret key numbers) are only copied, never branched on, except
/// for the sign and minimal-encoding checks on their first two octets, which every DER parser
/// performs and which reveal at most whether a number's top byte is zero.
package enum DER {
    /// Nesting deeper than this is rejected as `der_invalid` before any recursion can exhaust the
    /// stack. Key formats nest at most 6 levels (encrypted PKCS#8 parameters).
    package static let maximumDepth = 32
}

extension CryptoError.Code {
    /// The bytes are not valid DER, or not the structure that was expected (bad or overlong
    /// lengths, truncation, trailing bytes, wrong tags, wrong version numbers).
    public static let derInvalid = CryptoError.Code("der_invalid")
}

extension DER {
    /// An identifier octet: class, primitive/constructed, and a tag number below 31.
    package struct Tag: Hashable, Sendable, CustomStringConvertible {
        /// The two class bits of X.690 §8.1.2.2.
        package enum Class: UInt8, Sendable {
            case universal = 0x00
            case application = 0x40
            case contextSpecific = 0x80
            case `private` = 0xC0
        }

        /// The single identifier octet as it appears in the encoding.
        package let octet: UInt8

        /// A tag from its parts. `number` must be below 31 (high tag numbers are not used by any
        /// format here).
        package init(number: UInt8, class tagClass: Class = .universal, constructed: Bool) {
            precondition(number < 31, "DER.Tag supports tag numbers 0...30 only")
            octet = tagClass.rawValue | (constructed ? 0x20 : 0) | number
        }

        /// A tag from its encoded octet; nil for the high-tag-number form (number bits all ones).
        package init?(octet: UInt8) {
            guard octet & 0x1F != 0x1F else { return nil }
            self.octet = octet
        }

        package var tagClass: Class { Class(rawValue: octet & 0xC0)! }
        package var isConstructed: Bool { octet & 0x20 != 0 }
        package var number: UInt8 { octet & 0x1F }

        package static let integer = Tag(number: 2, constructed: false)
        package static let bitString = Tag(number: 3, constructed: false)
        package static let octetString = Tag(number: 4, constructed: false)
        package static let null = Tag(number: 5, constructed: false)
        package static let objectIdentifier = Tag(number: 6, constructed: false)
        package static let sequence = Tag(number: 16, constructed: true)
        package static let set = Tag(number: 17, constructed: true)

        /// `[number]` with context-specific class: constructed for EXPLICIT tagging (and for
        /// IMPLICIT tagging of a constructed type), primitive for IMPLICIT tagging of a primitive.
        package static func contextSpecific(_ number: UInt8, constructed: Bool) -> Tag {
            Tag(number: number, class: .contextSpecific, constructed: constructed)
        }

        package var description: String {
            switch self {
            case .integer: return "INTEGER"
            case .bitString: return "BIT STRING"
            case .octetString: return "OCTET STRING"
            case .null: return "NULL"
            case .objectIdentifier: return "OBJECT IDENTIFIER"
            case .sequence: return "SEQUENCE"
            case .set: return "SET"
            default:
                switch tagClass {
                case .contextSpecific: return "[\(number)]"
                case .application: return "[APPLICATION \(number)]"
                case .private: return "[PRIVATE \(number)]"
                case .universal: return "[UNIVERSAL \(number)]"
                }
            }
        }
    }

    /// One TLV read from the input: its tag and its contents (a slice of the input, no copy,
    /// whose indices are offsets into the input, for error messages).
    package struct Element: Sendable {
        package let tag: Tag
        package let contents: ArraySlice<UInt8>
        /// Nesting depth of this element: 1 for a top-level element.
        package let depth: Int
    }
}
