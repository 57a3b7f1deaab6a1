import TestSupport
import XCTest
@testable import PureCrypto
import PureKeys

/// Finding 8: consistent but weak private keys (security/weak_rsa_keys.json, built by its
/// Python generator) are refused on import with one code per weakness, whether the key comes
/// with its CRT numbers or as (n, e, d) alone; the normal key from the same generator loads.
final class RSAKeyStrengthTests: XCTestCase {
    struct Case: Decodable {
        let id, expected: String
        let n, e, d, p, q, dp, dq, qi: String
    }

    struct File: Decodable { let cases: [Case] }

    static let path = "security/weak_rsa_keys.json"

    func testWeakKeysAreRefusedWithTheirCode() throws {
        let cases = try Vectors.json(File.self, Self.path).cases
        XCTAssertEqual(Set(cases.map(\.expected)), ["key_primes_unbalanced", "key_primes_too_close", "key_private_exponent_too_small", "ok"])
        for c in cases {
            let id = "\(Self.path) case \(c.id)"
            let b = RSAFixtures.bytes
            // .unsafeAllowSmallKeys: small_d has a 2047-bit modulus; the size policy is not what is tested.
            let withCRT = { () throws(CryptoError) in
                _ = try RSAPrivateKey(n: b(c.n), e: b(c.e), d: b(c.d), p: b(c.p), q: b(c.q), dP: b(c.dp), dQ: b(c.dq),
                                      qInv: b(c.qi), options: .unsafeAllowSmallKeys)
            }
            let recovered = { () throws(CryptoError) in
                _ = try RSAPrivateKey(n: b(c.n), e: b(c.e), d: b(c.d), options: .unsafeAllowSmallKeys)
            }
            for (form, load) in [("with CRT numbers", withCRT), ("from (n, e, d)", recovered)] {
                if c.expected == "ok" {
                    XCTAssertNoThrow(try load(), "\(id) \(form)")
                } else {
                    XCTAssertThrowsError(try load(), "\(id) \(form)") {
                        XCTAssertEqual(($0 as? CryptoError)?.code.rawValue, c.expected, "\(id) \(form): \($0)")
                    }
                }
            }
        }
    }

    /// The p = 3 key of the finding through the file loader, as PKCS#1 DER: refused, so it can
    /// no longer load as a "2050-bit" key and sign.
    func testPEqualsThreeIsRefusedThroughTheFileLoader() throws {
        let c = try XCTUnwrap(try Vectors.json(File.self, Self.path).cases.first { $0.id == "p3" })
        let b = RSAFixtures.bytes
        let material = RSAKeyMaterial(format: KeyFormat(.pkcs1Private, .der), numbers: RSAKeyNumbers(
            n: b(c.n), e: b(c.e), d: b(c.d), crt: RSAKeyNumbers.CRT(p: b(c.p), q: b(c.q), dP: b(c.dp), dQ: b(c.dq), qInv: b(c.qi))))
        let der = try material.encoded(as: KeyFormat(.pkcs1Private, .der))
        XCTAssertThrowsError(try RSAKey.load(der), "\(Self.path) p3 as PKCS#1 DER") {
            XCTAssertEqual(($0 as? CryptoError)?.code, .keyPrimesUnbalanced, "\($0)")
        }
    }
}
