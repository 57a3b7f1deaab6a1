import PureCrypto

/// OBJECT IDENTIFIER values (X.690 §8.19) and the identifiers the key formats name.
///
/// Named `ASN1ObjectIdentifier` so it never collides with the standard library's
/// `ObjectIdentifier`.
package struct ASN1ObjectIdentifier: Hashable, Sendable, CustomStringConvertible {
    /// The encoded contents octets (without tag and length); always valid and minimal.
    package let contents: [UInt8]

    /// An identifier from its arcs, e.g. `[1, 2, 840, 113549, 1, 1, 1]`. Needs at least two arcs,
    /// the first 0, 1 or 2 and the second below 40 unless the first is 2 (a caller bug otherwise).
    package init(_ arcs: [UInt64]) {
        precondition(arcs.count >= 2 && arcs[0] <= 2 && (arcs[0] == 2 || arcs[1] < 40), "invalid OBJECT IDENTIFIER arcs")
        var out: [UInt8] = []
        func append(_ value: UInt64) {
            var groups: [UInt8] = [UInt8(value & 0x7F)]
            var v = value >> 7
            while v != 0 {
                groups.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            out.append(contentsOf: groups.reversed())
        }
        append(arcs[0] * 40 + arcs[1])
        for arc in arcs.dropFirst(2) { append(arc) }
        contents = out
    }

    /// Parses and validates encoded contents: non-empty, every sub-identifier minimal (no leading
    /// 0x80 octet), fitting in 63 bits, and the last octet ending a sub-identifier.
    package init(contents: ArraySlice<UInt8>) throws(CryptoError) {
        guard !contents.isEmpty else {
            throw CryptoError(.derInvalid, "empty OBJECT IDENTIFIER (offset \(contents.startIndex))")
        }
        var atStart = true
        var groups = 0
        for byte in contents {
            if atStart && byte == 0x80 {
                throw CryptoError(.derInvalid, "OBJECT IDENTIFIER sub-identifier not minimally encoded (offset \(contents.startIndex))")
            }
            groups += 1
            guard groups <= 9 else {
                throw CryptoError(.derInvalid, "OBJECT IDENTIFIER sub-identifier larger than 63 bits (offset \(contents.startIndex))")
            }
            atStart = byte & 0x80 == 0
            if atStart { groups = 0 }
        }
        guard atStart else {
            throw CryptoError(.derInvalid, "OBJECT IDENTIFIER truncated inside a sub-identifier (offset \(contents.startIndex))")
        }
        self.contents = Array(contents)
    }

    /// The arcs, e.g. `[1, 2, 840, 113549, 1, 1, 1]`.
    package var arcs: [UInt64] {
        var subidentifiers: [UInt64] = []
        var value: UInt64 = 0
        for byte in contents {
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 {
                subidentifiers.append(value)
                value = 0
            }
        }
        let first = subidentifiers[0]
        let head: [UInt64] = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80]
        return head + subidentifiers.dropFirst()
    }

    /// Dotted decimal, e.g. `1.2.840.113549.1.1.1`.
    package var description: String {
        var text = ""
        for (i, arc) in arcs.enumerated() {
            if i > 0 { text += "." }
            text += String(arc)
        }
        return text
    }
}

extension ASN1ObjectIdentifier {
    /// rsaEncryption, RFC 8017 Appendix C (PKCS#1).
    package static let rsaEncryption = ASN1ObjectIdentifier([1, 2, 840, 113549, 1, 1, 1])
    /// id-RSASSA-PSS, RFC 8017 Appendix C: an RSA key restricted to PSS. Not supported for import.
    package static let rsassaPSS = ASN1ObjectIdentifier([1, 2, 840, 113549, 1, 1, 10])
    /// id-ecPublicKey, RFC 5480 §2.1.1.
    package static let ecPublicKey = ASN1ObjectIdentifier([1, 2, 840, 10045, 2, 1])
    /// id-Ed25519, RFC 8410 §3.
    package static let ed25519 = ASN1ObjectIdentifier([1, 3, 101, 112])
    /// id-Ed448, RFC 8410 §3.
    package static let ed448 = ASN1ObjectIdentifier([1, 3, 101, 113])
    /// id-X25519, RFC 8410 §3.
    package static let x25519 = ASN1ObjectIdentifier([1, 3, 101, 110])
    /// id-X448, RFC 8410 §3.
    package static let x448 = ASN1ObjectIdentifier([1, 3, 101, 111])
    /// id-dsa, RFC 3279 §2.3.2.
    package static let dsa = ASN1ObjectIdentifier([1, 2, 840, 10040, 4, 1])
    /// dhpublicnumber, RFC 3279 §2.3.3.
    package static let dhPublicNumber = ASN1ObjectIdentifier([1, 2, 840, 10046, 2, 1])

    /// A short human name for the key algorithms above, for error messages.
    package var keyAlgorithmName: String? {
        switch self {
        case .rsaEncryption: return "RSA"
        case .rsassaPSS: return "RSASSA-PSS"
        case .ecPublicKey: return "EC"
        case .ed25519: return "Ed25519"
        case .ed448: return "Ed448"
        case .x25519: return "X25519"
        case .x448: return "X448"
        case .dsa: return "DSA"
        case .dhPublicNumber: return "DH"
        default: return nil
        }
    }
}
