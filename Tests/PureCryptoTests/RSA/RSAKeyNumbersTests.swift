import TestSupport
import XCTest
@testable import PureCrypto

/// `RSAKeyNumbers ==` is written by hand (so the private numbers compare in constant time; the
/// ct-check harness covers the timing): here, that it still answers like the synthesized one.
final class RSAKeyNumbersTests: XCTestCase {
    func testEqualityLooksAtEveryNumber() throws {
        let k = try RSAFixtures.numbers("rsa2048")
        let crt = RSAKeyNumbers.CRT(p: hexBytes(k.p), q: hexBytes(k.q), dP: hexBytes(k.dp), dQ: hexBytes(k.dq), qInv: hexBytes(k.qi))
        let full = RSAKeyNumbers(n: hexBytes(k.n), e: RSAFixtures.eBytes(k.e), d: hexBytes(k.d), crt: crt)
        XCTAssertEqual(full, RSAKeyNumbers(n: hexBytes(k.n), e: RSAFixtures.eBytes(k.e), d: hexBytes(k.d), crt: crt))
        XCTAssertEqual(full.publicNumbers, RSAKeyNumbers(n: hexBytes(k.n), e: RSAFixtures.eBytes(k.e)))

        func flipped(_ value: [UInt8]) -> [UInt8] { var v = value; v[v.count - 1] ^= 1; return v }
        var variants: [(String, RSAKeyNumbers)] = [
            ("n", RSAKeyNumbers(n: flipped(full.n), e: full.e, d: full.d, crt: crt)),
            ("e", RSAKeyNumbers(n: full.n, e: [3], d: full.d, crt: crt)),
            ("d", RSAKeyNumbers(n: full.n, e: full.e, d: flipped(full.d!), crt: crt)),
            ("d shorter", RSAKeyNumbers(n: full.n, e: full.e, d: Array(full.d!.dropFirst()), crt: crt)),
            ("no d", RSAKeyNumbers(n: full.n, e: full.e, d: nil, crt: nil)),
            ("no CRT", RSAKeyNumbers(n: full.n, e: full.e, d: full.d, crt: nil)),
        ]
        for field in ["p", "q", "dP", "dQ", "qInv"] {
            var other = crt
            switch field {
            case "p": other.p = flipped(other.p)
            case "q": other.q = flipped(other.q)
            case "dP": other.dP = flipped(other.dP)
            case "dQ": other.dQ = flipped(other.dQ)
            default: other.qInv = flipped(other.qInv)
            }
            XCTAssertNotEqual(crt, other, "CRT numbers differing in \(field) compared equal")
            variants.append(("CRT \(field)", RSAKeyNumbers(n: full.n, e: full.e, d: full.d, crt: other)))
        }
        for (what, variant) in variants {
            XCTAssertNotEqual(full, variant, "key numbers differing in \(what) compared equal")
            XCTAssertNotEqual(variant, full, "key numbers differing in \(what) compared equal (reversed)")
        }
    }
}
