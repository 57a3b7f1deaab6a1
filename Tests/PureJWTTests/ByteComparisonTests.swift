import XCTest
import PureCrypto
import PureKeys
@testable import PureJWT

/// Finding 4: claims, header parameters, `kid` and JSON member names are compared as UTF-8
/// bytes. Under Swift's `String ==`, "\u{212A}" (KELVIN SIGN) equals "K", so "\u{212A}evin"
/// passed a required subject of "Kevin" and `kid` "\u{212A}1" picked the JWK "K1".
final class ByteComparisonTests: XCTestCase {
    let secret = Array("byte-comparison-tests-secret-0123456789".utf8)
    let now: Int64 = 1_800_000_000
    let kelvin = "\u{212A}"

    private func token(_ claims: JSONObject, kid: String? = nil, extraHeader: JSONObject = JSONObject()) throws -> String {
        try JWTSigner(key: .hmac(secret, algorithm: .hs256, keyID: kid)).sign(claims: claims, extraHeader: extraHeader)
    }

    private func code(_ body: () throws -> VerifiedJWT) -> String {
        do { _ = try body(); return "ok" } catch { return (error as? JWTError)?.code.rawValue ?? "\(error)" }
    }

    func testCanonicallyEquivalentClaimsDoNotMatch() throws {
        XCTAssertTrue("\(kelvin)evin" == "Kevin", "the premise: String == is canonical equivalence")
        let exp = JSONValue.number(JSONNumber(now + 600))
        let claims: JSONObject = ["sub": .string("\(kelvin)evin"), "iss": .string("\(kelvin)ey issuer"),
                                  "aud": .array([.string("\(kelvin)ettle")]), "exp": exp]
        let t = try token(claims)
        func verify(_ configure: (inout JWTValidation) -> Void) -> String {
            var v = JWTValidation.at(now)
            configure(&v)
            return code { try JWTVerifier(algorithms: [.hs256], key: try .hmac(secret), validation: v).verify(t) }
        }
        XCTAssertEqual(verify { $0.subject = "Kevin" }, "jwt_subject_mismatch")
        XCTAssertEqual(verify { $0.issuer = "Key issuer" }, "jwt_issuer_mismatch")
        XCTAssertEqual(verify { $0.audience = "Kettle" }, "jwt_audience_mismatch")
        // The exact bytes still match.
        XCTAssertEqual(verify { $0.subject = "\(kelvin)evin"; $0.issuer = "\(kelvin)ey issuer"; $0.audience = "\(kelvin)ettle" }, "ok")
    }

    func testKidSelectsByBytes() throws {
        let exp = JSONValue.number(JSONNumber(now + 600))
        let other = Array("another-secret-of-enough-length-0123456789".utf8)
        let keys = JWTKeySet([try .hmac(secret, keyID: "K1"), try .hmac(other, keyID: "K2")])
        let verifier = JWTVerifier(algorithms: [.hs256], keySet: keys, validation: .at(now))
        XCTAssertEqual(code { try verifier.verify(try token(["exp": exp], kid: "\(kelvin)1")) }, "jwt_kid_unknown")
        XCTAssertEqual(code { try verifier.verify(try token(["exp": exp], kid: "K1")) }, "ok")
    }

    func testCriticalHeaderNamesAreBytes() throws {
        let exp = JSONValue.number(JSONNumber(now + 600))
        var header = JSONObject()
        header["crit"] = .array([.string("\(kelvin)ext")])
        header["\(kelvin)ext"] = true
        let t = try token(["exp": exp], extraHeader: header)
        var verifier = JWTVerifier(algorithms: [.hs256], key: try .hmac(secret), validation: .at(now))
        verifier.understoodCriticalHeaders = ["Kext"]
        XCTAssertEqual(code { try verifier.verify(t) }, "jwt_unsupported_crit")
        verifier.understoodCriticalHeaders = ["\(kelvin)ext"]
        XCTAssertEqual(code { try verifier.verify(t) }, "ok")
    }

    func testJSONMemberNamesAreBytes() throws {
        // Two distinct members for JOSE; one (a duplicate) for String's ==.
        let object = try XCTUnwrap(JSONValue(parsing: Array("{\"K\":1,\"\(kelvin)\":2}".utf8)).objectValue)
        XCTAssertEqual(object.count, 2)
        XCTAssertEqual(object["K"], 1)
        XCTAssertEqual(object[kelvin], 2)
        XCTAssertNotEqual(JSONValue.string("K"), JSONValue.string(kelvin))
        // Byte-identical keys are still duplicates, in small and large objects.
        XCTAssertThrowsError(try JSONValue(parsing: Array("{\"\(kelvin)\":1,\"\(kelvin)\":2}".utf8)))
        let many = (0..<20).map { "\"k\($0)\":0" }.joined(separator: ",")
        XCTAssertThrowsError(try JSONValue(parsing: Array("{\(many),\"k3\":1}".utf8)))
        XCTAssertNoThrow(try JSONValue(parsing: Array("{\(many),\"\(kelvin)3\":1}".utf8)))
        // An algorithm name is its bytes.
        XCTAssertNil(JWSAlgorithm(name: "HS256\u{0301}"))
        XCTAssertEqual(JWSAlgorithm(name: "HS256"), .hs256)
    }
}
