import Foundation
import PureCrypto
import PureKeys
import TestSupport
import XCTest

/// Shared loaders for the key vector files (one place that knows their JSON shapes).
enum KeyVectors {
    /// `key_numbers.json` (generated keys) or one entry of `pyca_keys/expected_key_numbers.json`:
    /// lower-case hex numbers, with `e` possibly an integer.
    struct Numbers {
        var values: [String: String]
        var bits: Int?

        init(_ object: [String: Any]) {
            values = [:]
            for (k, v) in object {
                if let s = v as? String { values[k] = s }
                if let i = v as? Int { values[k] = String(i, radix: 16) }
            }
            bits = object["bits"] as? Int
        }

        func bytes(_ name: String) -> [UInt8]? {
            guard var hex = values[name] else { return nil }
            if hex.count % 2 == 1 { hex = "0" + hex }
            return hexBytes(hex)
        }
    }

    static func numbers(_ path: String) throws -> Numbers {
        Numbers(try Vectors.jsonObject(path) as! [String: Any])
    }

    /// The public name of an error class, whatever threw it.
    static func code(_ error: Error) -> String {
        (error as? CryptoError)?.code.rawValue ?? "non-CryptoError \(type(of: error)): \(error)"
    }
}

/// Hex without leading zero octets, for comparing numbers whatever their padding.
func minimalHex(_ bytes: some Collection<UInt8>) -> String {
    let h = hexString(bytes.drop(while: { $0 == 0 }))
    return h.isEmpty ? "00" : h
}

/// Compares decoded material with expected numbers; returns failure descriptions.
func compare(_ material: RSAKeyMaterial, _ expected: KeyVectors.Numbers, expectPrivate: Bool) -> [String] {
    var failures: [String] = []
    func check(_ name: String, _ actual: [UInt8]?) {
        guard let want = expected.bytes(name) else { return }
        guard let actual else { failures.append("\(name) missing"); return }
        if minimalHex(actual) != minimalHex(want) { failures.append("\(name) differs") }
    }
    check("n", material.numbers.n)
    check("e", material.numbers.e)
    if let bits = expected.bits {
        let n = material.numbers.n.drop(while: { $0 == 0 })
        let actualBits = n.isEmpty ? 0 : n.count * 8 - n.first!.leadingZeroBitCount
        if actualBits != bits { failures.append("bits \(actualBits) != \(bits)") }
    }
    if expectPrivate != material.isPrivate { failures.append("isPrivate \(material.isPrivate), expected \(expectPrivate)") }
    if expectPrivate {
        check("d", material.numbers.d)
        if let crt = material.numbers.crt {
            check("p", crt.p); check("q", crt.q); check("dp", crt.dP); check("dq", crt.dQ); check("qi", crt.qInv)
        }
    }
    return failures
}
