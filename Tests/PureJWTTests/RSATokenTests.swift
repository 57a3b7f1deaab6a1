import TestSupport
import XCTest
import Foundation
import PureCrypto
import PureKeys
@testable import PureJWT

/// RS/PS tokens. Keys come from the vectors' key_numbers.json (the same keys as the PEM files),
/// so these tests exercise the JWS layer independently of the key-file parsers.
final class RSATokenTests: XCTestCase {
    static func keyNumbers(_ dir: String) throws -> [String: Any] {
        try Vectors.object("generated/keys/\(dir)/key_numbers.json")
    }

    static func privateKey(_ dir: String) throws -> RSAPrivateKey {
        let k = try keyNumbers(dir)
        func h(_ name: String) -> [UInt8] { hexBytes(k[name] as! String) }
        let e = withUnsafeBytes(of: UInt32(k["e"] as! Int).bigEndian) { Array($0) }
        return try RSAPrivateKey(n: h("n"), e: e, d: h("d"), p: h("p"), q: h("q"), dP: h("dp"), dQ: h("dq"), qInv: h("qi"),
                                 options: dir == "rsa1024" ? .unsafeAllowSmallKeys : [])
    }

    /// The key file a vector names (`generated/keys/rsaNNNN/...`), by its folder.
    static func folder(_ path: String) -> String { path.split(separator: "/")[2].description }

    /// Every token of rs_tokens.json: signing the header and payload text verbatim reproduces
    /// the token byte for byte (PKCS#1 v1.5 is deterministic), and it verifies at `verify_at`.
    func testRSTokensMatchByteForByte() throws {
        let file = "generated/jwt/rs_tokens.json"
        let tokens = try Vectors.object(file)["tokens"] as! [[String: Any]]
        XCTAssertEqual(tokens.count, 6)
        for t in tokens {
            let id = t["id"] as! String
            let alg = JWSAlgorithm(name: t["alg"] as! String)!
            let dir = Self.folder(t["private_key_file"] as! String)
            let key = try Self.privateKey(dir)
            let signer = JWTSigner(key: try .rsa(key, algorithm: alg, keyID: t["kid"] as? String))
            let token = try signer.sign(header: Array((t["header_json"] as! String).utf8), payload: Array((t["payload_json"] as! String).utf8))
            XCTAssertEqual(token, t["token"] as! String, "\(file) \(id)")
            let verifier = JWTVerifier(algorithms: [.rs256, .rs384, .rs512], key: try .rsa(key.publicKey, keyID: t["kid"] as? String),
                                       validation: .at(Int64(t["verify_at"] as! Int)))
            XCTAssertEqual(try verifier.verify(t["token"] as! String).payload, Array((t["payload_json"] as! String).utf8), "\(file) \(id)")
        }
    }

    func testPSSRoundTripsAndFamiliesNeverCross() throws {
        let key = try Self.privateKey("rsa2048")
        let claims: JSONObject = ["sub": "x", "exp": .number(JSONNumber(2_000_000_000))]
        for alg in [JWSAlgorithm.ps256, .ps384, .ps512, .rs256, .rs384, .rs512] {
            let token = try JWTSigner(key: .rsa(key, algorithm: alg)).sign(claims: claims)
            let verifier = JWTVerifier(algorithms: [alg], key: try .rsa(key.publicKey), validation: .at(1_900_000_000))
            XCTAssertEqual(try verifier.verify(token).algorithm, alg)
            // Only the algorithm the key was bound to verifies.
            let other: JWSAlgorithm = alg.name.hasPrefix("PS") ? .rs256 : .ps256
            let narrow = JWTVerifier(algorithms: [alg], key: try .rsa(key.publicKey, algorithms: [other]), validation: .at(1_900_000_000))
            XCTAssertThrowsError(try narrow.verify(token)) { XCTAssertEqual(($0 as? JWTError)?.code, .algorithmMismatch, "\(alg)") }
        }
        XCTAssertThrowsError(try JWTSigningKey.rsa(key, algorithm: .hs256)) { XCTAssertEqual(($0 as? JWTError)?.code, .keyInvalid) }
        XCTAssertThrowsError(try JWTVerificationKey.rsa(key.publicKey, algorithms: [.hs256])) { XCTAssertEqual(($0 as? JWTError)?.code, .keyInvalid) }
    }

    /// Every case of generated/jwt/negative_cases.json fails with its class (or one of the
    /// classes the file accepts).
    func testEveryNegativeCase() throws {
        let file = "generated/jwt/negative_cases.json"
        let cases = try Vectors.object(file)["cases"] as! [[String: Any]]
        XCTAssertGreaterThanOrEqual(cases.count, 30)
        let mainKey = try Self.privateKey("rsa2048").publicKey
        let jwkSet = try JWTKeySet(jwks: [UInt8](Data(contentsOf: Vectors.root.appendingPathComponent("generated/jwt/jwks.json"))),
                                   options: .unsafeAllowSmallKeys)
        for c in cases {
            let id = c["id"] as! String
            let v = c["verifier"] as! [String: Any]
            let expected = c["expected"] as! [String: Any]
            let acceptable = (expected["acceptable_error_classes"] as? [String]) ?? [expected["error_class"] as! String]
            let algorithms = (v["algorithms"] as! [String]).map { JWSAlgorithm(name: $0)! }
            var validation = JWTValidation.at(Int64(v["verify_at"] as! Int))
            validation.leeway = Int64(v["leeway_seconds"] as? Int ?? 0)
            let keySet: JWTKeySet
            if let secret = v["secret_hex"] as? String {
                keySet = JWTKeySet([try .hmac(hexBytes(secret))])
            } else if v["use"] as? String == "jwks_file" {
                XCTAssertEqual(v["jwks_file"] as? String, "generated/jwt/jwks.json", id)
                keySet = jwkSet
            } else {
                XCTAssertEqual(v["key_file"] as? String, "generated/keys/rsa2048/spki.pem", id)
                keySet = JWTKeySet([try .rsa(mainKey, algorithms: algorithms.filter { $0.family == .rsa })])
            }
            let verifier = JWTVerifier(algorithms: algorithms, keySet: keySet, validation: validation)
            XCTAssertThrowsError(try verifier.verify(c["token"] as! String), "\(file) \(id): accepted") { error in
                let code = (error as? JWTError)?.code.rawValue ?? "\(error)"
                XCTAssertTrue(acceptable.contains(code), "\(file) \(id): got \(code), expected one of \(acceptable)")
                if code != expected["error_class"] as! String {
                    print("note: \(file) \(id): \(code) (preferred \(expected["error_class"]!), accepted)")
                }
            }
        }
    }
}
