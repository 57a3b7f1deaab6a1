import PureCrypto

/// A DER writer (X.690 §10): always the minimal length form, minimal INTEGERs, primitive strings.
/// Whatever it writes, `DER.Reader` reads back.
///
/// Writing copies INTEGER magnitudes as they are; it branches only on their leading zero octets
/// (to strip them) and on the top bit of the first remaining octet (to add the sign octet), which
/// the encoded length reveals anyway.
extension DER {
    package struct Writer: Sendable {
        /// The encoding written so far.
        package private(set) var bytes: [UInt8] = []

        package init() {}

        /// Writes one element with the given tag and contents.
        package mutating func write(_ tag: Tag, contents: some Collection<UInt8>) {
            bytes.append(tag.octet)
            DER.appendLength(contents.count, to: &bytes)
            bytes.append(contentsOf: contents)
        }

        /// Writes a constructed element whose contents `body` writes.
        package mutating func writeConstructed(_ tag: Tag, _ body: (inout Writer) -> Void) {
            var inner = Writer()
            body(&inner)
            write(tag, contents: inner.bytes)
        }

        /// `SEQUENCE { ... }`.
        package mutating func writeSequence(_ body: (inout Writer) -> Void) {
            writeConstructed(.sequence, body)
        }

        /// An EXPLICIT `[number]` wrapper around what `body` writes.
        package mutating func writeExplicit(_ number: UInt8, _ body: (inout Writer) -> Void) {
            writeConstructed(.contextSpecific(number, constructed: true), body)
        }

        /// A non-negative INTEGER from a big-endian magnitude (leading zeros allowed; empty is 0).
        package mutating func writeUnsignedInteger(_ magnitude: some Collection<UInt8>) {
            let digits = magnitude.drop(while: { $0 == 0 })
            var contents: [UInt8] = []
            contents.reserveCapacity(digits.count + 1)
            if let first = digits.first, first & 0x80 != 0 { contents.append(0) }
            contents.append(contentsOf: digits)
            if contents.isEmpty { contents = [0] }
            write(.integer, contents: contents)
        }

        /// A small non-negative INTEGER (a version number).
        package mutating func writeSmallInteger(_ value: Int) {
            writeSmallInteger(Int64(value))
        }

        /// A non-negative INTEGER held in 64 bits (a KDF count read from a file), on every target.
        mutating func writeSmallInteger(_ value: Int64) {
            precondition(value >= 0, "writeSmallInteger takes non-negative values")
            var magnitude: [UInt8] = []
            var v = value
            repeat {
                magnitude.append(UInt8(truncatingIfNeeded: v))
                v >>= 8
            } while v != 0
            writeUnsignedInteger(magnitude.reversed())
        }

        /// An OBJECT IDENTIFIER.
        package mutating func writeObjectIdentifier(_ oid: ASN1ObjectIdentifier) {
            write(.objectIdentifier, contents: oid.contents)
        }

        /// An OCTET STRING.
        package mutating func writeOctetString(_ contents: some Collection<UInt8>) {
            write(.octetString, contents: contents)
        }

        /// A BIT STRING of whole octets (no unused bits).
        package mutating func writeBitString(_ octets: some Collection<UInt8>) {
            bytes.append(Tag.bitString.octet)
            DER.appendLength(octets.count + 1, to: &bytes)
            bytes.append(0)
            bytes.append(contentsOf: octets)
        }

        /// A NULL.
        package mutating func writeNull() {
            write(.null, contents: EmptyCollection<UInt8>())
        }

        /// Already-encoded DER, appended as is (e.g. a nested structure serialized elsewhere).
        package mutating func writeEncoded(_ der: some Collection<UInt8>) {
            bytes.append(contentsOf: der)
        }
    }

    /// Short form below 128, else the long form with the fewest octets.
    static func appendLength(_ length: Int, to bytes: inout [UInt8]) {
        if length < 0x80 {
            bytes.append(UInt8(length))
            return
        }
        var octets: [UInt8] = []
        var v = length
        while v != 0 {
            octets.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
        bytes.append(0x80 | UInt8(octets.count))
        bytes.append(contentsOf: octets.reversed())
    }
}
