import BoxJWT
import TestSupport
import XCTest

/// The assertion builder against the vectors' Box tokens (rs_tokens.json), which were made by an
/// independent generator: the claims in Box's order, serialized and signed, reproduce each token
/// byte for byte.
final class BoxAssertionTests: XCTestCase {
    static func privateKey() throws -> RSAPrivateKey {
        try RSAPrivateKey(importing: Vectors.bytes("generated/keys/rsa2048/pkcs8.pem"))
    }

    func testClaimsSerializeAndSignLikeTheVectors() throws {
        let file = "generated/jwt/rs_tokens.json"
        let document = try JSONValue(parsing: Vectors.bytes(file))
        let key = try Self.privateKey()
        var checked = 0
        for t in document["tokens"]!.arrayValue! {
            let id = t["id"]!.stringValue!
            guard id.hasPrefix("box-"), !id.contains("escaped") else { continue }
            let payload = try JSONValue(parsing: t["payload_json"]!.stringValue!)
            let subject: BoxSubject
            switch payload["box_sub_type"]?.stringValue {
            case "enterprise"?: subject = .enterprise(payload["sub"]!.stringValue!)
            case "user"?: subject = .user(payload["sub"]!.stringValue!)
            default: XCTFail("\(file) \(id): unexpected box_sub_type"); continue
            }
            let algorithm = JWSAlgorithm(name: t["alg"]!.stringValue!)!
            let signer = try BoxAssertion(privateKey: key, keyID: t["kid"]!.stringValue!, algorithm: algorithm)
            let token = try signer.sign(clientID: payload["iss"]!.stringValue!, subject: subject,
                                        audience: payload["aud"]!.stringValue!, jwtID: payload["jti"]!.stringValue!,
                                        expiration: payload["exp"]!.int64Value!)
            XCTAssertEqual(token, t["token"]!.stringValue!, "\(file) \(id)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 0, "\(file): no Box tokens found")
    }

    func testFreshAssertionsDifferAndStayWithinBoxLimits() throws {
        let signer = try BoxAssertion(privateKey: Self.privateKey(), keyID: "k1")
        let verifier = JWTVerifier(algorithms: [.rs256], key: try .rsa(Self.privateKey().publicKey, keyID: "k1"),
                                   validation: .at(1_700_000_000))
        var jtis: Set<String> = []
        for _ in 0..<3 {
            let token = try signer.sign(clientID: "client", subject: .user("1001"), now: 1_700_000_000)
            let claims = try verifier.verify(token).claims
            XCTAssertEqual(claims.audience, [BoxProtocol.assertionAudience])
            XCTAssertEqual(claims[BoxProtocol.subjectTypeClaim]?.stringValue, BoxProtocol.SubjectType.user)
            XCTAssertTrue((1_700_000_030...1_700_000_045).contains(claims.expiration!))
            XCTAssertTrue((16...128).contains(claims.jwtID!.count))
            jtis.insert(claims.jwtID!)
        }
        XCTAssertEqual(jtis.count, 3)
        XCTAssertThrowsError(try signer.sign(clientID: "c", subject: .user("1"), now: 0, lifetime: 30...61)) {
            XCTAssertEqual(($0 as? BoxAuthError)?.code, .invalidArgument)
        }
        XCTAssertThrowsError(try BoxAssertion(privateKey: Self.privateKey(), keyID: "k", algorithm: .ps256)) {
            XCTAssertEqual(($0 as? BoxAuthError)?.code, .invalidArgument)
        }
    }
}
