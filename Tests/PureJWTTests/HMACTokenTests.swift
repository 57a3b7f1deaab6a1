import TestSupport
import XCTest
import Foundation
import PureCrypto
import PureKeys
@testable import PureJWT

final class HMACTokenTests: XCTestCase {
    /// Every token in generated/jwt/hs_tokens.json: signing its header and payload text verbatim
    /// reproduces the token byte for byte, and the verifier accepts it at `verify_at`.
    func testHSTokensSignAndVerify() throws {
        let file = "generated/jwt/hs_tokens.json"
        let tokens = try Vectors.object(file)["tokens"] as! [[String: Any]]
        XCTAssertEqual(tokens.count, 4)
        for t in tokens {
            let id = t["id"] as! String
            let alg = JWSAlgorithm(name: t["alg"] as! String)!
            let secret = hexBytes(t["secret_hex"] as! String)
            let signer = JWTSigner(key: try JWTSigningKey.hmac(secret, algorithm: alg))
            let token = try signer.sign(header: Array((t["header_json"] as! String).utf8), payload: Array((t["payload_json"] as! String).utf8))
            XCTAssertEqual(token, t["token"] as! String, "\(file) \(id): signed token")

            let verifier = JWTVerifier(algorithms: [alg], key: try .hmac(secret, algorithms: [alg]),
                                       validation: .at(Int64(t["verify_at"] as! Int)))
            let verified = try verifier.verify(t["token"] as! String)
            XCTAssertEqual(verified.payload, Array((t["payload_json"] as! String).utf8), "\(file) \(id): payload")
            XCTAssertEqual(verified.algorithm, alg, "\(file) \(id)")
        }
    }

    /// RFC 7515 A.1 (HS256): the signature covers the exact base64url text, CRLFs included. Its
    /// `exp` (2011) has passed, so the signature is checked alone, and the full verification
    /// must report the expiry.
    func testRFC7515AppendixA1() throws {
        let file = "rfc/jws_rfc7515_appendix_a.json"
        let tests = try Vectors.object(file)["tests"] as! [[String: Any]]
        let hs = tests.filter { ($0["alg"] as? String) == "HS256" }
        XCTAssertEqual(hs.count, 1, "\(file): one HS256 example")
        for t in hs {
            let key = hexBytes(t["key_hex"] as! String)
            let compact = t["compact"] as! String
            let signer = JWTSigner(key: try .hmac(key, algorithm: .hs256))
            let token = try signer.sign(header: Array((t["protected_header_utf8"] as! String).utf8), payload: Array((t["payload_utf8"] as! String).utf8))
            XCTAssertEqual(token, compact, "\(file) \(t["section"]!)")
            let verifier = JWTVerifier(algorithms: [.hs256], key: try .hmac(key, algorithms: [.hs256]), validation: .at(1_300_819_000))
            XCTAssertNoThrow(try verifier.verifySignatureOnly(Array(compact.utf8)))
            XCTAssertEqual(try verifier.verify(compact).claims.issuer, "joe")
            // Expired once exp ≤ now − leeway (60 s by default): valid one second before that.
            let edge = JWTVerifier(algorithms: [.hs256], key: try .hmac(key, algorithms: [.hs256]), validation: .at(1_300_819_439))
            XCTAssertNoThrow(try edge.verify(compact))
            let late = JWTVerifier(algorithms: [.hs256], key: try .hmac(key, algorithms: [.hs256]), validation: .at(1_300_819_440))
            XCTAssertThrowsError(try late.verify(compact)) { XCTAssertEqual(($0 as! JWTError).code, .expired) }
        }
    }

    func testHMACKeysRefusePEMJWKAndShortSecrets() throws {
        let pem = try String(contentsOf: Vectors.root.appendingPathComponent("generated/keys/rsa2048/spki.pem"), encoding: .utf8)
        let jwk = try String(contentsOf: Vectors.root.appendingPathComponent("generated/keys/rsa2048/jwk_public.json"), encoding: .utf8)
        for (what, secret) in [("PEM", Array(pem.utf8)), ("JWK", Array(jwk.utf8)), ("indented PEM", Array(("\n  " + pem).utf8))] {
            for alg in [JWSAlgorithm.hs256, .hs384, .hs512] {
                XCTAssertThrowsError(try JWTSigningKey.hmac(secret, algorithm: alg), "\(what) \(alg)") {
                    XCTAssertEqual(($0 as! JWTError).code, .keyInvalid)
                }
                XCTAssertThrowsError(try JWTVerificationKey.hmac(secret, algorithms: [alg]), "\(what) \(alg)")
            }
        }
        XCTAssertThrowsError(try JWTSigningKey.hmac([UInt8](repeating: 7, count: 31), algorithm: .hs256))
        XCTAssertNoThrow(try JWTSigningKey.hmac([UInt8](repeating: 7, count: 32), algorithm: .hs256))
        XCTAssertThrowsError(try JWTSigningKey.hmac([UInt8](repeating: 7, count: 63), algorithm: .hs512))
        XCTAssertThrowsError(try JWTSigningKey.hmac([UInt8](repeating: 7, count: 64), algorithm: .rs256)) {
            XCTAssertEqual(($0 as! JWTError).code, .keyInvalid)
        }
        // The default verification key keeps only the HS algorithms the secret is long enough for.
        let k = try JWTVerificationKey.hmac([UInt8](repeating: 7, count: 50))
        XCTAssertEqual(k.algorithms, [.hs256, .hs384])
    }

    func testSignedClaimsRoundTripAndDescribeNoSecret() throws {
        let secret = Array("a-very-long-shared-secret-for-tests-0123456789".utf8)
        let signer = JWTSigner(key: try .hmac(secret, algorithm: .hs256, keyID: "k1"))
        var claims = JWTClaims()
        claims.issuer = "me"
        claims.audience = ["a", "b"]
        claims.expiration = 2_000_000_000
        claims["name"] = "Zoë / \"quoted\""
        let token = try signer.sign(claims)
        let headerB64 = token.split(separator: ".")[0]
        XCTAssertEqual(String(decoding: try Base64URL.decode(headerB64), as: UTF8.self), #"{"alg":"HS256","typ":"JWT","kid":"k1"}"#)
        let payloadB64 = token.split(separator: ".")[1]
        XCTAssertEqual(String(decoding: try Base64URL.decode(payloadB64), as: UTF8.self),
                       #"{"iss":"me","aud":["a","b"],"exp":2000000000,"name":"Zoë / \"quoted\""}"#)
        let verifier = JWTVerifier(algorithms: [.hs256], key: try .hmac(secret, keyID: "k1"), validation: .at(1_900_000_000))
        let v = try verifier.verify(token)
        XCTAssertEqual(v.claims, claims)
        XCTAssertFalse("\(signer.key)".contains("a-very-long"))
    }
}

/// Finding 5: a secret that a key loader would read as a key, in any form, is refused for HS
/// signing and verification: the forms the review got through (DER public key, PEM after a
/// byte-order mark or a comment line, a JWK Set, a JWK with a duplicate member) and the rest.
final class HMACKeyFileSecretTests: XCTestCase {
    static func keyFileForms() throws -> [(String, [UInt8])] {
        let root = Vectors.root
        func file(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: root.appendingPathComponent(path))) }
        let spkiPEM = try file("generated/keys/rsa2048/spki.pem")
        let jwk = try file("generated/keys/rsa2048/jwk_public.json")
        let jwkText = String(decoding: jwk, as: UTF8.self)
        return [
            ("SPKI DER", try file("generated/keys/rsa2048/spki.der")),
            ("PKCS#1 public DER", try file("generated/keys/rsa2048/pkcs1_public.der")),
            ("PKCS#8 DER", try file("generated/keys/rsa2048/pkcs8.der")),
            ("encrypted PKCS#8 DER", try file("generated/keys/rsa2048/pkcs8_pbes2_aes256_sha256_iter2048.der")),
            ("SPKI PEM", spkiPEM),
            ("SPKI PEM after a UTF-8 BOM", [0xEF, 0xBB, 0xBF] + spkiPEM),
            ("SPKI PEM after a comment line", Array("# issuer's signing key\n".utf8) + spkiPEM),
            ("PEM with surrounding text", try file("generated/pem_variants/pkcs8_surrounding_text.pem")),
            ("public JWK", jwk),
            ("JWK after a BOM", [0xEF, 0xBB, 0xBF] + jwk),
            ("JWK Set", Array("{\"keys\":[\(jwkText)]}".utf8)),
            ("JWK with a duplicate member", Array(jwkText.replacingOccurrences(of: "{\"kty\":\"RSA\"", with: "{\"kty\":\"RSA\",\"kty\":\"RSA\"").utf8)),
        ]
    }

    func testKeyFilesAreRefusedAsSecrets() throws {
        let forms = try Self.keyFileForms()
        XCTAssertEqual(forms.count, 12)
        for (name, bytes) in forms {
            for alg in [JWSAlgorithm.hs256, .hs384, .hs512] {
                XCTAssertThrowsError(try JWTSigningKey.hmac(bytes, algorithm: alg), "\(name) as an \(alg) signing secret") {
                    XCTAssertEqual(($0 as? JWTError)?.code, .keyInvalid, "\(name): \($0)")
                }
                XCTAssertThrowsError(try JWTVerificationKey.hmac(bytes, algorithms: [alg]), "\(name) as an \(alg) verification secret") {
                    XCTAssertEqual(($0 as? JWTError)?.code, .keyInvalid, "\(name): \($0)")
                }
            }
            XCTAssertThrowsError(try JWTVerificationKey.hmac(bytes), "\(name) with the default algorithms")
        }
    }

    func testRandomAndTextSecretsStillWork() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let secret = (0..<Int.random(in: 64...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            XCTAssertNoThrow(try JWTSigningKey.hmac(secret, algorithm: .hs512), "random secret \(secret.count) bytes")
        }
        XCTAssertNoThrow(try JWTSigningKey.hmac(Array("{\"a long JSON secret with no key members\": 1234567890}".utf8), algorithm: .hs256))
        XCTAssertNoThrow(try JWTSigningKey.hmac(Array("correct horse battery staple, a passphrase secret".utf8), algorithm: .hs256))
    }
}
