import PureCrypto

/// A strict, non-recursive DER reader (X.690 §10): definite minimal lengths only, no trailing
/// bytes, minimal INTEGERs and OBJECT IDENTIFIERs, primitive strings, bounded nesting.
///
/// The reader never recurses on its own: it reads one TLV at a time, and descends only when the
/// caller's schema asks for a SEQUENCE or an explicitly tagged field. Every descent increments a
/// depth counter that is capped at `DER.maximumDepth`, so hostile input nested thousands of levels
/// deep fails with `der_invalid` in constant stack space.
extension DER {
    package struct Reader: Sendable {
        /// The bytes not yet read. Indices are offsets into the original input.
        package private(set) var remaining: ArraySlice<UInt8>
        /// Depth of the elements this reader yields (1 at top level).
        package let depth: Int

        /// A reader over a whole DER input.
        package init(_ bytes: ArraySlice<UInt8>) {
            remaining = bytes
            depth = 1
        }

        /// A reader over a whole DER input.
        package init(_ bytes: [UInt8]) { self.init(bytes[...]) }

        init(contents: ArraySlice<UInt8>, depth: Int) throws(CryptoError) {
            guard depth <= DER.maximumDepth else {
                throw CryptoError(.derInvalid, "DER nested deeper than \(DER.maximumDepth) levels at offset \(contents.startIndex)")
            }
            remaining = contents
            self.depth = depth
        }

        /// True when every byte has been consumed.
        package var isAtEnd: Bool { remaining.isEmpty }

        /// Throws unless every byte has been consumed: DER allows no trailing data.
        package func finish() throws(CryptoError) {
            guard remaining.isEmpty else {
                throw CryptoError(.derInvalid, "\(remaining.count) unexpected byte(s) after the end of the structure at offset \(remaining.startIndex)")
            }
        }

        /// The tag of the next element, without consuming it; nil at the end of the input or for
        /// a high-tag-number octet (which `read()` rejects).
        package var nextTag: Tag? {
            guard let first = remaining.first else { return nil }
            return Tag(octet: first)
        }

        /// Reads one element (tag, length, contents) and returns it without looking inside.
        package mutating func read() throws(CryptoError) -> Element {
            var cursor = remaining
            let start = cursor.startIndex
            guard let first = cursor.popFirst() else {
                throw CryptoError(.derInvalid, "DER truncated: expected an element at offset \(start)")
            }
            guard let tag = Tag(octet: first) else {
                throw CryptoError(.derInvalid, "DER high tag numbers are not supported (offset \(start))")
            }
            guard let lengthOctet = cursor.popFirst() else {
                throw CryptoError(.derInvalid, "DER truncated: missing length at offset \(start + 1)")
            }
            // UInt32: four length octets pass Int.max where Int is 32 bits.
            var length: UInt32 = 0
            if lengthOctet < 0x80 {
                length = UInt32(lengthOctet)
            } else {
                let count = Int(lengthOctet & 0x7F)
                guard count != 0 else {
                    throw CryptoError(.derInvalid, "DER forbids the indefinite length form (offset \(start + 1))")
                }
                guard count <= 4 else {
                    throw CryptoError(.derInvalid, "DER length of \(count) octets is too long (offset \(start + 1))")
                }
                guard cursor.count >= count else {
                    throw CryptoError(.derInvalid, "DER truncated inside a length at offset \(start + 1)")
                }
                for _ in 0..<count { length = length << 8 | UInt32(cursor.removeFirst()) }
                // Minimal: the long form only for lengths >= 128, and without leading zero octets.
                guard length >= 0x80, length >> UInt32(8 * (count - 1)) != 0 else {
                    throw CryptoError(.derInvalid, "DER length not minimally encoded (offset \(start + 1))")
                }
            }
            guard UInt64(length) <= UInt64(cursor.count) else {
                throw CryptoError(.derInvalid, "DER length \(length) at offset \(start + 1) runs past the end of the input (\(cursor.count) byte(s) left)")
            }
            let contents = cursor.prefix(Int(length))
            remaining = cursor.dropFirst(Int(length))
            return Element(tag: tag, contents: contents, depth: depth)
        }

        /// Reads one element and returns its whole encoding (tag, length and contents), e.g. to
        /// keep an `ANY DEFINED BY` field for a later parser.
        package mutating func readEncodedElement() throws(CryptoError) -> ArraySlice<UInt8> {
            let before = remaining
            _ = try read()
            return before.prefix(before.count - remaining.count)
        }

        /// Reads one element and checks its tag.
        package mutating func read(_ expected: Tag) throws(CryptoError) -> Element {
            let offset = remaining.startIndex
            let element = try read()
            guard element.tag == expected else {
                throw CryptoError(.derInvalid, "expected \(expected) but found \(element.tag) at offset \(offset)")
            }
            return element
        }

        /// Reads a constructed element with tag `tag` and parses its contents with `body`, which
        /// must consume all of them.
        package mutating func readConstructed<R>(
            _ tag: Tag, _ body: (inout Reader) throws(CryptoError) -> R
        ) throws(CryptoError) -> R {
            let element = try read(tag)
            var inner = try Reader(contents: element.contents, depth: depth + 1)
            let result = try body(&inner)
            try inner.finish()
            return result
        }

        /// `SEQUENCE { ... }`: reads a SEQUENCE and parses its contents with `body`.
        package mutating func readSequence<R>(_ body: (inout Reader) throws(CryptoError) -> R) throws(CryptoError) -> R {
            try readConstructed(.sequence, body)
        }

        /// An optional IMPLICIT `[number]` field: returns its element when the next tag is
        /// `[number]` (either form), else nil.
        package mutating func readOptionalImplicit(_ number: UInt8) throws(CryptoError) -> Element? {
            guard let next = nextTag, next.tagClass == .contextSpecific, next.number == number else { return nil }
            return try read()
        }

        /// A non-negative INTEGER, returned as its minimal big-endian magnitude (the sign octet
        /// removed; zero is `[0]`). Negative or non-minimal encodings are `der_invalid`.
        ///
        /// Branches only on the first two octets (sign and minimality), never on the rest.
        package mutating func readUnsignedInteger() throws(CryptoError) -> ArraySlice<UInt8> {
            let element = try read(.integer)
            let c = element.contents
            try DER.checkMinimalInteger(c)
            guard c[c.startIndex] & 0x80 == 0 else {
                throw CryptoError(.derInvalid, "negative INTEGER where a non-negative one is required (offset \(c.startIndex))")
            }
            if c.count > 1 && c[c.startIndex] == 0 { return c.dropFirst() }
            return c
        }

        /// A small non-negative INTEGER (a version number, a count) that fits in 31 bits.
        package mutating func readSmallInteger() throws(CryptoError) -> Int {
            let offset = remaining.startIndex
            let magnitude = try readUnsignedInteger()
            guard magnitude.count <= 4, magnitude.count < 4 || magnitude.first! < 0x80 else {
                throw CryptoError(.derInvalid, "INTEGER at offset \(offset) is too large for a version or count")
            }
            var value = 0
            for b in magnitude { value = value << 8 | Int(b) }
            return value
        }

        /// An OBJECT IDENTIFIER.
        package mutating func readObjectIdentifier() throws(CryptoError) -> ASN1ObjectIdentifier {
            let element = try read(.objectIdentifier)
            return try ASN1ObjectIdentifier(contents: element.contents)
        }

        /// An OCTET STRING's contents (primitive form only, as DER requires).
        package mutating func readOctetString() throws(CryptoError) -> ArraySlice<UInt8> {
            try read(.octetString).contents
        }

        /// A BIT STRING with no unused bits (the only kind key formats use), returned as bytes.
        package mutating func readBitStringBytes() throws(CryptoError) -> ArraySlice<UInt8> {
            let c = try read(.bitString).contents
            guard let unused = c.first else {
                throw CryptoError(.derInvalid, "BIT STRING without its unused-bits octet (offset \(c.startIndex))")
            }
            guard unused == 0 else {
                throw CryptoError(.derInvalid, "BIT STRING with \(unused) unused bit(s) where whole octets are required (offset \(c.startIndex))")
            }
            return c.dropFirst()
        }
    }

    /// X.690 §8.3.2: an INTEGER has at least one octet, and its first nine bits are not all equal.
    static func checkMinimalInteger(_ c: ArraySlice<UInt8>) throws(CryptoError) {
        guard let first = c.first else {
            throw CryptoError(.derInvalid, "empty INTEGER (offset \(c.startIndex))")
        }
        if c.count > 1 {
            let second = c[c.startIndex + 1]
            if (first == 0x00 && second & 0x80 == 0) || (first == 0xFF && second & 0x80 != 0) {
                throw CryptoError(.derInvalid, "INTEGER not minimally encoded (offset \(c.startIndex))")
            }
        }
    }

    /// Checks that `bytes` is exactly one well-formed DER element, descending into every
    /// constructed element (up to `DER.maximumDepth`) and checking the primitive universal types
    /// this reader knows. Useful to validate opaque input before storing it.
    package static func validate(_ bytes: [UInt8]) throws(CryptoError) {
        guard !bytes.isEmpty else { throw CryptoError(.derInvalid, "empty DER input") }
        var reader = Reader(bytes)
        _ = try reader.read()
        try reader.finish()
        reader = Reader(bytes)
        try validateElements(&reader)
    }

    private static func validateElements(_ reader: inout Reader) throws(CryptoError) {
        while !reader.isAtEnd {
            let element = try reader.read()
            if element.tag.isConstructed {
                if element.tag.tagClass == .universal && element.tag != .sequence && element.tag != .set {
                    throw CryptoError(.derInvalid, "DER forbids the constructed form of \(element.tag) (offset \(element.contents.startIndex))")
                }
                var inner = try Reader(contents: element.contents, depth: reader.depth + 1)
                try validateElements(&inner)
                continue
            }
            switch element.tag {
            case .integer: try checkMinimalInteger(element.contents)
            case .objectIdentifier: _ = try ASN1ObjectIdentifier(contents: element.contents)
            case .null:
                guard element.contents.isEmpty else { throw CryptoError(.derInvalid, "NULL with non-empty contents") }
            case .bitString:
                guard let unused = element.contents.first, unused < 8, element.contents.count > 1 || unused == 0 else {
                    throw CryptoError(.derInvalid, "malformed BIT STRING (offset \(element.contents.startIndex))")
                }
            case Tag(number: 16, constructed: false), Tag(number: 17, constructed: false):
                throw CryptoError(.derInvalid, "SEQUENCE/SET in primitive form")
            default: break
            }
        }
    }
}
