import TestSupport
import XCTest
import Foundation
import PureCrypto
import PureKeys
@testable import PureJWT

final class JWKTests: XCTestCase {
    static func jsonObject(_ any: Any) throws -> JSONObject {
        try JSONValue(parsing: [UInt8](JSONSerialization.data(withJSONObject: any))).objectValue!
    }

    /// RFC 7515 A.1 and A.2 with the keys given as JWKs: A.2's RS256 signature reproduces byte
    /// for byte from the private JWK, and both verify through keys built from the JWKs.
    func testRFC7515AppendixAWithJWKs() throws {
        let file = "rfc/jws_rfc7515_appendix_a.json"
        let tests = try Vectors.object(file)["tests"] as! [[String: Any]]
        XCTAssertEqual(tests.count, 2)
        for t in tests {
            let section = t["section"] as! String
            let alg = JWSAlgorithm(name: t["alg"] as! String)!
            let jwk = try Self.jsonObject(t["jwk"]!)
            let compact = t["compact"] as! String
            let header = Array((t["protected_header_utf8"] as! String).utf8), payload = Array((t["payload_utf8"] as! String).utf8)
            let signingKey: JWTSigningKey
            if alg == .rs256 {
                signingKey = try .rsa(RSAPrivateKey(jwk: RSAJWK(jsonObject: jwk)), algorithm: alg)
            } else {
                signingKey = try .hmac(Base64URL.decode(jwk["k"]!.stringValue!), algorithm: alg)
            }
            XCTAssertEqual(try JWTSigner(key: signingKey).sign(header: header, payload: payload), compact, "\(file) \(section)")
            // exp (2011) has passed: verify the signature, then the claims at a time before exp.
            let verifier = JWTVerifier(algorithms: [alg], key: try JWTVerificationKey(jwk: jwk), validation: .at(1_300_819_000))
            XCTAssertEqual(try verifier.verify(compact).claims.issuer, "joe", "\(file) \(section)")
        }
    }

    func testJWKSetLoadsSignatureKeysAndSkipsOthers() throws {
        let bytes = try Data(contentsOf: Vectors.root.appendingPathComponent("generated/jwt/jwks.json"))
        // Without the unsafe option the 1024-bit key is left out and reported; the set still works.
        let strict = try JWTKeySet(jwks: [UInt8](bytes))
        XCTAssertEqual(strict.keys.map(\.keyID), ["vgk1shrd"])
        XCTAssertEqual(strict.skippedKeys.map(\.keyID), ["qgMc8b53ewi0R4TjzXimG4r5yWGG6mfPGj0C0Bn8Yfs"])
        XCTAssertEqual(strict.skippedKeys.map(\.code), ["key_size_not_allowed"])
        let set = try JWTKeySet(jwks: [UInt8](bytes), options: .unsafeAllowSmallKeys)
        XCTAssertEqual(set.keys.map(\.keyID), ["vgk1shrd", "qgMc8b53ewi0R4TjzXimG4r5yWGG6mfPGj0C0Bn8Yfs"])

        let mixed = #"{"keys":[{"kty":"EC","crv":"P-256","x":"a","y":"b"},{"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB"},{"kty":"oct","k":"\#(Base64URL.encode([UInt8](repeating: 9, count: 32)))","alg":"HS256","kid":"h"}]}"#
        let hs = try JWTKeySet(jwks: Array(mixed.utf8))
        XCTAssertEqual(hs.keys.map(\.keyID), ["h"])
        XCTAssertEqual(hs.keys[0].algorithms, [.hs256])
        XCTAssertEqual(hs.skippedKeys.map(\.code), ["unsupported_key_type", "invalid_key"])
        for bad in [#"{}"#, #"{"keys":{}}"#, #"{"keys":[1]}"#, #"{"keys":[]}"#, #"{"keys":[{"kty":"RSA","n":"AQAB"}]}"#,
                    #"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","alg":"none"}]}"#, "[", #"{"keys":[{"kty":"oct","k":"a+b"}]}"#] {
            XCTAssertThrowsError(try JWTKeySet(jwks: Array(bad.utf8)), bad) { XCTAssertEqual(($0 as? JWTError)?.code, .keyInvalid, bad) }
        }
    }
}
