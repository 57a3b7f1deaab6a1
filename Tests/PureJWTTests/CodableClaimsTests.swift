import XCTest
import PureCrypto
import PureKeys
@testable import PureJWT
import PureJWTCodable

final class CodableClaimsTests: XCTestCase {
    struct Profile: Codable, Equatable {
        var iss: String
        var exp: Int64
        var aud: [String]
        var name: String
        var admin: Bool
        var score: Double
        var nickname: String?
        var tags: [String: Int]
        var nested: [[UInt8]]
    }

    let profile = Profile(iss: "me", exp: 2_000_000_000, aud: ["a"], name: "Zoë / \"q\"", admin: true, score: 1.5,
                          nickname: nil, tags: ["x": 1], nested: [[1, 2], []])

    func testEncodesInDeclarationOrderAndRoundTrips() throws {
        let claims = try JWTClaims(encoding: profile)
        XCTAssertEqual(claims.object.keys, ["iss", "exp", "aud", "name", "admin", "score", "tags", "nested"], "nil optionals are omitted")
        XCTAssertEqual(String(decoding: JSONValue.object(claims.object).serialized(), as: UTF8.self),
                       #"{"iss":"me","exp":2000000000,"aud":["a"],"name":"Zoë / \"q\"","admin":true,"score":1.5,"tags":{"x":1},"nested":[[1,2],[]]}"#)
        XCTAssertEqual(try claims.decode(as: Profile.self), profile)
    }

    func testSignedCodableClaimsVerifyAndDecode() throws {
        let secret = Array("codable-claims-secret-0123456789abcdefgh".utf8)
        let token = try JWTSigner(key: .hmac(secret, algorithm: .hs256)).sign(try JWTClaims(encoding: profile))
        let verified = try JWTVerifier(algorithms: [.hs256], key: .hmac(secret), validation: .at(1_900_000_000)).verify(token)
        XCTAssertEqual(try verified.claims.decode(as: Profile.self), profile)
    }

    func testDecodingIsStrictAboutTypes() throws {
        struct Narrow: Decodable { var n: UInt8 }
        struct Whole: Decodable { var n: Int }
        struct Text: Decodable { var n: String }
        struct Flag: Decodable { var n: Bool }
        for (json, type) in [(#"{"n":256}"#, 0), (#"{"n":-1}"#, 0), (#"{"n":1.5}"#, 1), (#"{"n":1e2}"#, 1), (#"{"n":5}"#, 2), (#"{"n":1}"#, 3), (#"{}"#, 1)] {
            let claims = JWTClaims(try JSONValue(parsing: json).objectValue!)
            XCTAssertThrowsError(try {
                switch type {
                case 0: _ = try claims.decode(as: Narrow.self)
                case 1: _ = try claims.decode(as: Whole.self)
                case 2: _ = try claims.decode(as: Text.self)
                default: _ = try claims.decode(as: Flag.self)
                }
            }(), json) { XCTAssertEqual(($0 as? JWTError)?.code, .claimsCoding, json) }
        }
    }

    func testNonObjectAndNonFiniteValuesAreRefused() {
        XCTAssertThrowsError(try JWTClaims(encoding: [1, 2])) { XCTAssertEqual(($0 as? JWTError)?.code, .claimsCoding) }
        struct Bad: Encodable { var x = Double.nan }
        XCTAssertThrowsError(try JWTClaims(encoding: Bad())) { XCTAssertEqual(($0 as? JWTError)?.code, .claimsCoding) }
    }
}
