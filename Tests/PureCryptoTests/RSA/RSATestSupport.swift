import Foundation
import TestSupport
import XCTest
@testable import PureCrypto

/// Shared loaders for the RSA tests: the generated key numbers and hash dispatch by name.
enum RSAFixtures {
    struct KeyNumbers: Decodable {
        let bits: Int
        let e: Int
        let n, d, p, q, dp, dq, qi: String
    }

    static func numbers(_ name: String) throws -> KeyNumbers {
        try Vectors.json(KeyNumbers.self, "generated/keys/\(name)/key_numbers.json")
    }

    static func eBytes(_ e: Int) -> [UInt8] {
        var out: [UInt8] = []
        var v = e
        while v > 0 { out.insert(UInt8(v & 0xff), at: 0); v >>= 8 }
        return out
    }

    static func privateKey(_ name: String) throws -> RSAPrivateKey {
        let k = try numbers(name)
        return try RSAPrivateKey(
            n: bytes(k.n), e: eBytes(k.e), d: bytes(k.d), p: bytes(k.p), q: bytes(k.q),
            dP: bytes(k.dp), dQ: bytes(k.dq), qInv: bytes(k.qi), options: .unsafeAllowSmallKeys)
    }

    /// Hex of a magnitude without leading zero digits (how key_numbers.json writes numbers).
    static func hex(_ bytes: [UInt8]) -> String {
        let s = hexString(bytes).drop(while: { $0 == "0" })
        return s.isEmpty ? "0" : String(s)
    }

    /// Vector hex normalized the way `hex(_:)` writes it.
    static func norm(_ hex: String) -> String { self.hex(bytes(hex)) }

    /// Bytes of vector hex (odd-length hex is a number: see `hexBytes`).
    static func bytes(_ hex: String) -> [UInt8] { hexBytes(hex) }
}

/// Hash dispatch by the names vector files use ("SHA-256", "SHA256", "sha256"...).
enum RSAHashName {
    static func normalized(_ name: String) -> String {
        name.uppercased().replacingOccurrences(of: "-", with: "")
    }

    static func verifyPKCS1(_ key: RSAPublicKey, _ sig: [UInt8], _ msg: [UInt8], _ hash: String) -> Bool? {
        switch normalized(hash) {
        case "SHA1": return key.isValidPKCS1v15Signature(sig, for: msg, hash: Insecure.SHA1.self)
        case "SHA224": return key.isValidPKCS1v15Signature(sig, for: msg, hash: SHA224.self)
        case "SHA256": return key.isValidPKCS1v15Signature(sig, for: msg, hash: SHA256.self)
        case "SHA384": return key.isValidPKCS1v15Signature(sig, for: msg, hash: SHA384.self)
        case "SHA512": return key.isValidPKCS1v15Signature(sig, for: msg, hash: SHA512.self)
        default: return nil
        }
    }

    /// Signs with any verification hash (SHA-1 and SHA-224 through the test-only entry point).
    static func signPKCS1(_ key: RSAPrivateKey, _ msg: [UInt8], _ hash: String) throws -> [UInt8]? {
        switch normalized(hash) {
        case "SHA1": return try key.signPKCS1v15Unrestricted(msg, hash: Insecure.SHA1.self)
        case "SHA224": return try key.signPKCS1v15Unrestricted(msg, hash: SHA224.self)
        case "SHA256": return try key.signPKCS1v15(msg, hash: SHA256.self)
        case "SHA384": return try key.signPKCS1v15(msg, hash: SHA384.self)
        case "SHA512": return try key.signPKCS1v15(msg, hash: SHA512.self)
        default: return nil
        }
    }
}
