import XCTest
import PureCrypto
import PureKeys
@testable import PureJWT

/// Claim and header rules, exercised with HS256 tokens made by the signer under test.
final class ValidationTests: XCTestCase {
    let secret = Array("validation-tests-secret-0123456789abcdef".utf8)
    let now: Int64 = 1_800_000_000

    private func token(_ claims: JSONObject, extraHeader: JSONObject = JSONObject(), type: String? = "JWT") throws -> String {
        try JWTSigner(key: .hmac(secret, algorithm: .hs256)).sign(claims: claims, type: type, extraHeader: extraHeader)
    }

    private func verify(_ token: String, _ configure: (inout JWTValidation) -> Void = { _ in }, crit: [String] = []) throws -> VerifiedJWT {
        var validation = JWTValidation.at(now)
        configure(&validation)
        var verifier = JWTVerifier(algorithms: [.hs256], key: try .hmac(secret), validation: validation)
        verifier.understoodCriticalHeaders = crit
        return try verifier.verify(token)
    }

    private func assertFails(_ code: JWTError.Code, _ token: String, _ configure: (inout JWTValidation) -> Void = { _ in },
                             crit: [String] = [], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try verify(token, configure, crit: crit), file: file, line: line) { error in
            XCTAssertEqual((error as? JWTError)?.code, code, "\(error)", file: file, line: line)
        }
    }

    func testExpirationIsRequiredByDefaultAndLeewayApplies() throws {
        assertFails(.claimMissing, try token(["iss": "x"]))
        XCTAssertNoThrow(try verify(try token(["iss": "x"])) { $0.requireExpiration = false })
        XCTAssertNoThrow(try verify(try token(["exp": .number(JSONNumber(now - 59))])))
        assertFails(.expired, try token(["exp": .number(JSONNumber(now - 60))]))
        assertFails(.expired, try token(["exp": .number(JSONNumber(now))])) { $0.leeway = 0 }
        XCTAssertNoThrow(try verify(try token(["exp": .number(JSONNumber(now + 1))])) { $0.leeway = 0 })
    }

    func testNotBeforeAndIssuedAtInTheFuture() throws {
        let exp = JSONValue.number(JSONNumber(now + 600))
        XCTAssertNoThrow(try verify(try token(["exp": exp, "nbf": .number(JSONNumber(now + 60))])))
        assertFails(.notYetValid, try token(["exp": exp, "nbf": .number(JSONNumber(now + 61))]))
        assertFails(.notYetValid, try token(["exp": exp, "iat": .number(JSONNumber(now + 61))]))
        assertFails(.notYetValid, try token(["exp": exp, "nbf": .number(JSONNumber(now + 1))])) { $0.leeway = 0 }
    }

    func testWrongTypesFailAndAreNeverTreatedAsAbsent() throws {
        let exp = JSONValue.number(JSONNumber(now + 600))
        let bad: [(String, JSONValue)] = [
            ("exp", "1800000600"), ("exp", .number(JSONNumber(text: "1e30")!)), ("iat", .number(JSONNumber(text: "-1e300")!)),
            ("nbf", true), ("iat", .null), ("iss", 5), ("sub", ["a"]), ("jti", .object(JSONObject())),
            ("aud", 3), ("aud", .array([])), ("aud", ["a", 1]),
        ]
        for (name, value) in bad {
            var claims: JSONObject = ["exp": exp]
            claims[name] = value
            assertFails(.claimInvalid, try token(claims)) { $0.requireExpiration = false }
        }
        assertFails(.claimInvalid, try token(["exp": "soon"])) { $0.requireExpiration = false }
    }

    /// RFC 7519 §2 allows fractional NumericDates (jwt-kit writes them); rounding goes the
    /// strict way: exp down, nbf and iat up.
    func testFractionalAndExponentNumericDates() throws {
        XCTAssertNoThrow(try verify(try token(["exp": .number(JSONNumber(text: "1.8000006e9")!)])))
        XCTAssertEqual(try verify(try token(["exp": .number(JSONNumber(text: "1800000600.9")!)])).claims.expiration, 1_800_000_600)
        assertFails(.expired, try token(["exp": .number(JSONNumber(text: "1800000000.9")!)])) { $0.leeway = 0 }
        assertFails(.notYetValid, try token(["exp": .number(JSONNumber(now + 600)), "nbf": .number(JSONNumber(text: "1800000000.1")!)])) { $0.leeway = 0 }
        XCTAssertNoThrow(try verify(try token(["exp": .number(JSONNumber(now + 600)), "nbf": .number(JSONNumber(text: "1799999999.9")!)])) { $0.leeway = 0 })
    }

    func testIssuerAudienceSubjectTypeAndAge() throws {
        let claims: JSONObject = ["iss": "issuer-a", "sub": "user-1", "aud": ["x", "y"], "iat": .number(JSONNumber(now - 100)),
                                  "exp": .number(JSONNumber(now + 600))]
        let t = try token(claims)
        XCTAssertNoThrow(try verify(t) { $0.issuer = "issuer-a"; $0.audience = "y"; $0.subject = "user-1"; $0.type = "jwt"; $0.maxAge = 100 })
        assertFails(.issuerMismatch, t) { $0.issuer = "issuer-b" }
        assertFails(.audienceMismatch, t) { $0.audience = "z" }
        assertFails(.subjectMismatch, t) { $0.subject = "user-2" }
        assertFails(.typeMismatch, t) { $0.type = "at+jwt" }
        assertFails(.tooOld, t) { $0.maxAge = 39 }
        let bare = try token(["exp": .number(JSONNumber(now + 600))], type: nil)
        assertFails(.claimMissing, bare) { $0.issuer = "issuer-a" }
        assertFails(.claimMissing, bare) { $0.audience = "x" }
        assertFails(.claimMissing, bare) { $0.maxAge = 10 }
        assertFails(.claimMissing, bare) { $0.requiredClaims = ["jti"] }
        assertFails(.typeMismatch, bare) { $0.type = "JWT" }
    }

    func testCriticalHeaderRules() throws {
        let claims: JSONObject = ["exp": .number(JSONNumber(now + 600))]
        assertFails(.unsupportedCritical, try token(claims, extraHeader: ["crit": ["ext"], "ext": 1]))
        XCTAssertNoThrow(try verify(try token(claims, extraHeader: ["crit": ["ext"], "ext": 1]), crit: ["ext"]))
        assertFails(.malformed, try token(claims, extraHeader: ["crit": ["ext"]]), crit: ["ext"])           // not present
        assertFails(.malformed, try token(claims, extraHeader: ["crit": []]))                            // empty
        assertFails(.malformed, try token(claims, extraHeader: ["crit": "ext", "ext": 1]))               // not an array
        assertFails(.malformed, try token(claims, extraHeader: ["crit": ["typ"]]), crit: ["typ"])         // registered
        assertFails(.malformed, try token(claims, extraHeader: ["crit": ["e", "e"], "e": 1]), crit: ["e"]) // duplicate
    }

    func testStructuralRejections() throws {
        let good = try token(["exp": .number(JSONNumber(now + 600))])
        let parts = good.split(separator: ".").map(String.init)
        let cases: [(String, JWTError.Code)] = [
            ("", .malformed), (parts[0], .malformed), (parts[0] + "." + parts[1], .malformed),
            (good + ".", .malformed), (parts[0] + "=." + parts[1] + "." + parts[2], .base64URLInvalid),
            (parts[0] + "." + parts[1] + "." + parts[2] + "=", .base64URLInvalid),
            (parts[0] + " ." + parts[1] + "." + parts[2], .base64URLInvalid),
            (Base64URL.encode(Array("[1]".utf8)) + "." + parts[1] + "." + parts[2], .malformed),
            (Base64URL.encode(Array(#"{"alg":5}"#.utf8)) + "." + parts[1] + "." + parts[2], .malformed),
            (Base64URL.encode(Array(#"{"alg":"none"}"#.utf8)) + "." + parts[1] + ".", .algorithmNotAllowed),
            (Base64URL.encode(Array(#"{"alg":"NoNe"}"#.utf8)) + "." + parts[1] + ".", .algorithmNotAllowed),
            (Base64URL.encode(Array(#"{"alg":"hs256"}"#.utf8)) + "." + parts[1] + "." + parts[2], .algorithmNotAllowed),
            (Base64URL.encode(Array(#"{"alg":"HS256","alg":"HS256"}"#.utf8)) + "." + parts[1] + "." + parts[2], .malformed),
            (Base64URL.encode(Array(#"{"alg":"HS256","kid":1}"#.utf8)) + "." + parts[1] + "." + parts[2], .malformed),
        ]
        for (t, code) in cases { assertFails(code, t) }
        // A payload that is not a JSON object, correctly signed.
        let signer = JWTSigner(key: try .hmac(secret, algorithm: .hs256))
        assertFails(.malformed, try signer.sign(header: Array(#"{"alg":"HS256"}"#.utf8), payload: Array("hello".utf8)))
        // The size cap applies before anything else.
        var small = JWTVerifier(algorithms: [.hs256], key: try .hmac(secret), validation: .at(now))
        small.maxTokenBytes = 10
        XCTAssertThrowsError(try small.verify(good)) { XCTAssertEqual(($0 as? JWTError)?.code, .tooLarge) }
    }

    func testKeySetSelectionByKeyID() throws {
        let a = try JWTVerificationKey.hmac(Array("key-a-0123456789abcdef0123456789abcdef".utf8), keyID: "a")
        let b = try JWTVerificationKey.hmac(Array("key-b-0123456789abcdef0123456789abcdef".utf8), keyID: "b")
        let set = JWTKeySet([a, b])
        let claims: JSONObject = ["exp": .number(JSONNumber(now + 600))]
        let signedB = try JWTSigner(key: .hmac(Array("key-b-0123456789abcdef0123456789abcdef".utf8), algorithm: .hs256, keyID: "b")).sign(claims: claims)
        let verifier = JWTVerifier(algorithms: [.hs256], keySet: set, validation: .at(now))
        XCTAssertNoThrow(try verifier.verify(signedB))
        let unknown = try JWTSigner(key: .hmac(Array("key-b-0123456789abcdef0123456789abcdef".utf8), algorithm: .hs256, keyID: "c")).sign(claims: claims)
        XCTAssertThrowsError(try verifier.verify(unknown)) { XCTAssertEqual(($0 as? JWTError)?.code, .keyIDUnknown) }
        let noKid = try JWTSigner(key: .hmac(Array("key-b-0123456789abcdef0123456789abcdef".utf8), algorithm: .hs256)).sign(claims: claims)
        XCTAssertThrowsError(try verifier.verify(noKid)) { XCTAssertEqual(($0 as? JWTError)?.code, .keyIDUnknown) }
        let wrongKey = try JWTSigner(key: .hmac(Array("key-a-0123456789abcdef0123456789abcdef".utf8), algorithm: .hs256, keyID: "b")).sign(claims: claims)
        XCTAssertThrowsError(try verifier.verify(wrongKey)) { XCTAssertEqual(($0 as? JWTError)?.code, .signatureInvalid) }
    }
}
