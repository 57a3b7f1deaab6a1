import PureCrypto
import PureKeys
import TestSupport
import XCTest

/// A test-side tree, built with the public reader, to check that whatever the reader accepts the
/// writer reproduces byte for byte (DER is canonical), and to generate random structures.
indirect enum DERTestNode: Equatable {
    case primitive(UInt8, [UInt8])
    case constructed(UInt8, [DERTestNode])

    static func parseAll(_ reader: inout DER.Reader) throws(CryptoError) -> [DERTestNode] {
        var nodes: [DERTestNode] = []
        while !reader.isAtEnd {
            guard let tag = reader.nextTag else { _ = try reader.read(); continue }
            if tag.isConstructed {
                let children = try reader.readConstructed(tag) { (inner: inout DER.Reader) throws(CryptoError) -> [DERTestNode] in
                    try parseAll(&inner)
                }
                nodes.append(.constructed(tag.octet, children))
            } else {
                nodes.append(.primitive(tag.octet, Array(try reader.read().contents)))
            }
        }
        return nodes
    }

    func write(_ writer: inout DER.Writer) {
        switch self {
        case .primitive(let tag, let contents): writer.write(DER.Tag(octet: tag)!, contents: contents)
        case .constructed(let tag, let children):
            writer.writeConstructed(DER.Tag(octet: tag)!) { w in for c in children { c.write(&w) } }
        }
    }
}

final class DERTests: XCTestCase {
    private func assertDERInvalid(_ bytes: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try DER.validate(bytes), "case \(name)", file: file, line: line) { error in
            XCTAssertEqual((error as? CryptoError)?.code, .derInvalid, "case \(name): \(error)", file: file, line: line)
        }
    }

    /// Encodings from X.690 and RFC 8017, written out by hand (not produced by our writer).
    func testKnownEncodings() throws {
        var w = DER.Writer()
        w.writeObjectIdentifier(.rsaEncryption)
        XCTAssertEqual(w.bytes, [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01], "rsaEncryption OID")
        XCTAssertEqual(ASN1ObjectIdentifier.rsaEncryption.description, "1.2.840.113549.1.1.1")
        XCTAssertEqual(ASN1ObjectIdentifier.ed25519.contents, [0x2B, 0x65, 0x70], "id-Ed25519 (RFC 8410)")

        let integerCases: [([UInt8], [UInt8])] = [
            ([], [0x02, 0x01, 0x00]),
            ([0x00, 0x00], [0x02, 0x01, 0x00]),
            ([0x7F], [0x02, 0x01, 0x7F]),
            ([0x80], [0x02, 0x02, 0x00, 0x80]),
            ([0x00, 0x01, 0x00], [0x02, 0x02, 0x01, 0x00]),
            ([0x01, 0x00, 0x01], [0x02, 0x03, 0x01, 0x00, 0x01]),
        ]
        for (magnitude, expected) in integerCases {
            var w = DER.Writer()
            w.writeUnsignedInteger(magnitude)
            XCTAssertEqual(w.bytes, expected, "INTEGER magnitude \(hexString(magnitude))")
            var r = DER.Reader(expected)
            let back = try r.readUnsignedInteger()
            XCTAssertEqual(Array(back.drop(while: { $0 == 0 })), Array(magnitude.drop(while: { $0 == 0 })), "read back \(hexString(expected))")
        }

        // Lengths: short form up to 127, long form with the fewest octets beyond.
        for (count, header) in [(0, [0x04, 0x00]), (127, [0x04, 0x7F]), (128, [0x04, 0x81, 0x80]), (255, [0x04, 0x81, 0xFF]),
                                (256, [0x04, 0x82, 0x01, 0x00]), (65536, [0x04, 0x83, 0x01, 0x00, 0x00])] as [(Int, [UInt8])] {
            var w = DER.Writer()
            w.writeOctetString([UInt8](repeating: 0xAB, count: count))
            XCTAssertEqual(Array(w.bytes.prefix(header.count)), header, "length \(count)")
            XCTAssertEqual(w.bytes.count, header.count + count, "length \(count)")
            var r = DER.Reader(w.bytes)
            XCTAssertEqual(try r.readOctetString().count, count, "length \(count)")
            XCTAssertNoThrow(try r.finish())
        }

        var n = DER.Writer()
        n.writeSequence { s in
            s.writeNull()
            s.writeBitString([0xFF])
            s.writeExplicit(0) { e in e.writeSmallInteger(1) }
        }
        XCTAssertEqual(n.bytes, [0x30, 0x0B, 0x05, 0x00, 0x03, 0x02, 0x00, 0xFF, 0xA0, 0x03, 0x02, 0x01, 0x01])
    }

    func testRejectsNonCanonicalEncodings() {
        let cases: [(String, [UInt8])] = [
            ("empty input", []),
            ("truncated tag only", [0x30]),
            ("indefinite length", [0x30, 0x80, 0x00, 0x00]),
            ("long form for a short length", [0x04, 0x81, 0x05, 1, 2, 3, 4, 5]),
            ("length with a leading zero octet", [0x04, 0x82, 0x00, 0x80] + [UInt8](repeating: 0, count: 128)),
            ("five length octets", [0x04, 0x85, 0, 0, 0, 0, 1, 0]),
            ("length past the end", [0x04, 0x05, 1, 2]),
            ("trailing bytes", [0x05, 0x00, 0x00]),
            ("two top-level elements", [0x05, 0x00, 0x05, 0x00]),
            ("INTEGER with a redundant zero", [0x02, 0x02, 0x00, 0x01]),
            ("INTEGER with a redundant 0xFF", [0x02, 0x02, 0xFF, 0x80]),
            ("empty INTEGER", [0x02, 0x00]),
            ("OID with a 0x80 padding octet", [0x06, 0x03, 0x2A, 0x80, 0x01]),
            ("OID truncated in a sub-identifier", [0x06, 0x02, 0x2A, 0x86]),
            ("empty OID", [0x06, 0x00]),
            ("NULL with contents", [0x05, 0x01, 0x00]),
            ("BIT STRING without unused-bits octet", [0x03, 0x00]),
            ("BIT STRING with 8 unused bits", [0x03, 0x02, 0x08, 0x00]),
            ("constructed OCTET STRING", [0x24, 0x03, 0x04, 0x01, 0x00]),
            ("primitive SEQUENCE", [0x10, 0x00]),
            ("high tag number", [0x1F, 0x81, 0x00, 0x00]),
            ("inner element overruns its SEQUENCE", [0x30, 0x03, 0x04, 0x05, 0x00, 0x00, 0x00]),
        ]
        for (name, bytes) in cases { assertDERInvalid(bytes, name) }

        var r = DER.Reader([0x02, 0x01, 0x80])
        XCTAssertThrowsError(try r.readUnsignedInteger(), "negative INTEGER as unsigned") {
            XCTAssertEqual(($0 as? CryptoError)?.code, .derInvalid)
        }
        var b = DER.Reader([0x03, 0x02, 0x01, 0x80])
        XCTAssertThrowsError(try b.readBitStringBytes(), "BIT STRING with unused bits where octets are required")
    }

    private func nested(_ depth: Int) -> [UInt8] {
        // Built inside out so the helper never recurses.
        var bytes: [UInt8] = [0x05, 0x00]
        for _ in 0..<depth {
            var w = DER.Writer()
            w.write(.sequence, contents: bytes)
            bytes = w.bytes
        }
        return bytes
    }

    func testNestingDepthIsBounded() throws {
        // maximumDepth SEQUENCEs around a NULL put the NULL at depth maximumDepth + 1.
        XCTAssertNoThrow(try DER.validate(nested(DER.maximumDepth - 1)), "nesting at the limit")
        assertDERInvalid(nested(DER.maximumDepth), "nesting one past the limit")
        assertDERInvalid(nested(10_000), "nesting 10,000 deep")

        // The schema-driven reader too: descending 10,000 times fails at the cap, never overflows.
        let deep = nested(10_000)
        var reader = DER.Reader(deep)
        func descend(_ r: inout DER.Reader, _ level: Int) throws(CryptoError) -> Int {
            try r.readSequence { (inner: inout DER.Reader) throws(CryptoError) -> Int in
                inner.nextTag == .sequence ? try descend(&inner, level + 1) : level
            }
        }
        XCTAssertThrowsError(try descend(&reader, 1)) { XCTAssertEqual(($0 as? CryptoError)?.code, .derInvalid) }
    }

    private func randomNode(_ rng: inout SystemRandomNumberGenerator, depth: Int) -> DERTestNode {
        let kind = depth >= 6 ? Int.random(in: 0...4, using: &rng) : Int.random(in: 0...6, using: &rng)
        func bytes(_ max: Int) -> [UInt8] { (0..<Int.random(in: 0...max, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) } }
        switch kind {
        case 0:
            var w = DER.Writer()
            w.writeUnsignedInteger(bytes(Bool.random(using: &rng) ? 4 : 300))
            var r = DER.Reader(w.bytes)
            return .primitive(0x02, Array(try! r.read().contents))
        case 1: return .primitive(0x04, bytes(Bool.random(using: &rng) ? 10 : 400))
        case 2: return .primitive(0x05, [])
        case 3:
            var arcs: [UInt64] = [UInt64.random(in: 0...2, using: &rng), UInt64.random(in: 0...39, using: &rng)]
            for _ in 0..<Int.random(in: 0...6, using: &rng) { arcs.append(UInt64.random(in: 0...(UInt64(1) << Int.random(in: 1...62, using: &rng)), using: &rng)) }
            return .primitive(0x06, ASN1ObjectIdentifier(arcs).contents)
        case 4: return .primitive(0x03, [0] + bytes(40))
        case 5: return .constructed(0x30, (0..<Int.random(in: 0...4, using: &rng)).map { _ in randomNode(&rng, depth: depth + 1) })
        default:
            return .constructed(0xA0 | UInt8.random(in: 0...3, using: &rng), (0..<Int.random(in: 1...2, using: &rng)).map { _ in randomNode(&rng, depth: depth + 1) })
        }
    }

    /// Property: the writer's output always validates, and reads back to the same tree.
    func testRandomStructuresRoundTrip() throws {
        var rng = SystemRandomNumberGenerator()
        for i in 0..<500 {
            let node = randomNode(&rng, depth: 0)
            var w = DER.Writer()
            node.write(&w)
            XCTAssertNoThrow(try DER.validate(w.bytes), "random structure #\(i): \(hexString(w.bytes.prefix(64)))")
            var r = DER.Reader(w.bytes)
            let back = try DERTestNode.parseAll(&r)
            XCTAssertEqual(back, [node], "random structure #\(i)")
        }
        // OIDs: arcs survive a round trip.
        for _ in 0..<500 {
            var arcs: [UInt64] = [UInt64.random(in: 0...1, using: &rng), UInt64.random(in: 0...39, using: &rng)]
            for _ in 0..<Int.random(in: 0...8, using: &rng) { arcs.append(UInt64.random(in: 0...(UInt64(1) << 62), using: &rng)) }
            let oid = ASN1ObjectIdentifier(arcs)
            XCTAssertEqual(try ASN1ObjectIdentifier(contents: oid.contents[...]).arcs, arcs, "OID \(arcs)")
        }
    }

    /// Property: random mutations of real key files never crash the reader; whatever it accepts
    /// is canonical (re-encoding gives the same bytes) and any rejection is `der_invalid`.
    func testRandomMutationsNeverCrash() throws {
        var rng = SystemRandomNumberGenerator()
        for path in ["generated/keys/rsa2048/pkcs1.der", "generated/keys/rsa2048/pkcs8.der", "generated/keys/rsa2048/spki.der",
                     "generated/keys/rsa2048/pkcs1_public.der", "generated/keys/rsa2048/pkcs8_pbes2_aes256_sha256_iter2048.der"] {
            let original = try Vectors.bytes(path)
            XCTAssertNoThrow(try DER.validate(original), path)
            for trial in 0..<300 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    switch Int.random(in: 0...3, using: &rng) {
                    case 0 where !bytes.isEmpty: bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                    case 1 where !bytes.isEmpty: bytes.removeSubrange(Int.random(in: 0..<bytes.count, using: &rng)...)
                    case 2: bytes.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...bytes.count, using: &rng))
                    default: if bytes.count > 8 { bytes[Int.random(in: 0..<8, using: &rng)] ^= 0x80 }
                    }
                }
                do {
                    try DER.validate(bytes)
                    var r = DER.Reader(bytes)
                    let tree = try DERTestNode.parseAll(&r)
                    var w = DER.Writer()
                    for node in tree { node.write(&w) }
                    XCTAssertEqual(w.bytes, bytes, "\(path) mutation #\(trial) accepted but not canonical")
                } catch {
                    XCTAssertEqual(error.code, .derInvalid, "\(path) mutation #\(trial): \(error)")
                }
            }
        }
    }
}
