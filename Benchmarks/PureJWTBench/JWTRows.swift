import Foundation
import PureCrypto
import PureKeys
import PureJWT
import BoxJWT
import TestSupport

/// JWS/JWT rows: a Box assertion signed with RSA-2048 (RS256), its verification (decode plus
/// `exp` check), and HS256 sign/verify. Self-checked against RFC 7515 A.1 and A.2 (byte-exact
/// tokens from the RFC's keys) before any figure is printed.
enum JWTRows {
    static func rsa2048() -> RSAPrivateKey {
        let pem = try! String(contentsOf: Vectors.url("generated/keys/rsa2048/pkcs8.pem"), encoding: .utf8)
        return try! RSAPrivateKey(pemRepresentation: pem)
    }

    static func boxAssertionClaims() -> JWTClaims {
        BoxAssertion.claims(clientID: "vgsharedclientid0123456789abcdef", subject: .enterprise("8675309"),
                            jwtID: BoxAssertion.newJWTID(), expiration: UnixClock.now() + 45)
    }

    static let group = BenchGroup(
        name: "JWS/JWT",
        selfCheck: { () -> [String] in
            var failures: [String] = []
            do {
                let data = try Data(contentsOf: Vectors.url("rfc/jws_rfc7515_appendix_a.json"))
                let tests = (try JSONSerialization.jsonObject(with: data) as! [String: Any])["tests"] as! [[String: Any]]
                for t in tests {
                    let jwk = try JSONValue(parsing: [UInt8](JSONSerialization.data(withJSONObject: t["jwk"]!))).objectValue!
                    let alg = JWSAlgorithm(name: t["alg"] as! String)!
                    let key: JWTSigningKey = alg == .rs256
                        ? try .rsa(RSAPrivateKey(jwk: RSAJWK(jsonObject: jwk)), algorithm: alg)
                        : try .hmac(Base64URL.decode(jwk["k"]!.stringValue!), algorithm: alg)
                    let token = try JWTSigner(key: key).sign(header: Array((t["protected_header_utf8"] as! String).utf8),
                                                             payload: Array((t["payload_utf8"] as! String).utf8))
                    expect(token == t["compact"] as! String, "\(t["section"]!): token byte for byte", &failures)
                    let verifier = JWTVerifier(algorithms: [alg], key: try JWTVerificationKey(jwk: jwk), validation: .at(1_300_819_000))
                    expect((try? verifier.verify(token)) != nil, "\(t["section"]!): verifies", &failures)
                }
            } catch {
                failures.append("RFC 7515 appendix A: \(error)")
            }
            return failures
        },
        rows: [
            BenchRow(key: "jwt.rs256.sign", bytes: nil) {
                let signer = JWTSigner(key: try! .rsa(rsa2048(), algorithm: .rs256, keyID: "vgk1shrd"))
                return { iterations in
                    for _ in 0..<iterations { blackHole(Array(try! signer.sign(boxAssertionClaims()).utf8)) }
                }
            },
            BenchRow(key: "jwt.rs256.verify", bytes: nil) {
                let key = rsa2048()
                let token = try! JWTSigner(key: .rsa(key, algorithm: .rs256, keyID: "vgk1shrd")).sign(boxAssertionClaims())
                var validation = JWTValidation()
                validation.leeway = 3600
                let verifier = JWTVerifier(algorithms: [.rs256], key: try! .rsa(key.publicKey, keyID: "vgk1shrd"), validation: validation)
                return { iterations in
                    for _ in 0..<iterations { blackHole(try! verifier.verify(token).payload) }
                }
            },
            BenchRow(key: "jwt.hs256.sign", bytes: nil) {
                let signer = JWTSigner(key: try! .hmac(SecureRandom.bytes(count: 32), algorithm: .hs256))
                return { iterations in
                    for _ in 0..<iterations { blackHole(Array(try! signer.sign(boxAssertionClaims()).utf8)) }
                }
            },
            BenchRow(key: "jwt.hs256.verify", bytes: nil) {
                let secret = SecureRandom.bytes(count: 32)
                let token = try! JWTSigner(key: .hmac(secret, algorithm: .hs256)).sign(boxAssertionClaims())
                var validation = JWTValidation()
                validation.leeway = 3600
                let verifier = JWTVerifier(algorithms: [.hs256], key: try! .hmac(secret, algorithms: [.hs256]), validation: validation)
                return { iterations in
                    for _ in 0..<iterations { blackHole(try! verifier.verify(token).payload) }
                }
            },
        ])
}
