import TestSupport
import XCTest
import Foundation
import PureCrypto
import PureKeys
@testable import PureJWT

/// Finding 13: in a JWK Set, every key with the token's `kid` and algorithm is tried (not only
/// the first), a key the size policy refuses is left out and reported instead of making the
/// whole set unusable, and a token naming that key fails with `jwt_kid_refused`.
final class JWKSetSelectionTests: XCTestCase {
    let now: Int64 = 1_800_000_000

    private func oct(_ secret: [UInt8], kid: String) -> String {
        #"{"kty":"oct","kid":"\#(kid)","alg":"HS256","k":"\#(Base64URL.encode(secret))"}"#
    }

    private func token(_ secret: [UInt8], kid: String) throws -> String {
        try JWTSigner(key: .hmac(secret, algorithm: .hs256, keyID: kid)).sign(claims: ["exp": .number(JSONNumber(now + 600))])
    }

    private func code(_ verifier: JWTVerifier, _ token: String) -> String {
        do { _ = try verifier.verify(token); return "ok" } catch { return error.code.rawValue }
    }

    func testEveryKeyWithTheKidIsTried() throws {
        let old = [UInt8](repeating: 1, count: 32), new = [UInt8](repeating: 2, count: 32), other = [UInt8](repeating: 3, count: 32)
        // A rotation: two keys share kid "k1"; the token is signed with the second.
        let jwks = #"{"keys":[\#(oct(old, kid: "k1")),\#(oct(new, kid: "k1")),\#(oct(other, kid: "k2"))]}"#
        let verifier = JWTVerifier(algorithms: [.hs256], keySet: try JWTKeySet(jwks: Array(jwks.utf8)), validation: .at(now))
        XCTAssertEqual(code(verifier, try token(new, kid: "k1")), "ok")
        XCTAssertEqual(code(verifier, try token(old, kid: "k1")), "ok")
        // A key with another kid is never tried for "k1".
        XCTAssertEqual(code(verifier, try token(other, kid: "k1")), "signature_invalid")
    }

    func testPolicyRefusedKeysAreSkippedReportedAndNamed() throws {
        let bytes = [UInt8](try Data(contentsOf: Vectors.url("generated/jwt/jwks.json")))
        let set = try JWTKeySet(jwks: bytes)
        let small = "qgMc8b53ewi0R4TjzXimG4r5yWGG6mfPGj0C0Bn8Yfs"
        XCTAssertEqual(set.skippedKeys.count, 1)
        XCTAssertEqual(set.skippedKeys.first?.index, 1)
        XCTAssertEqual(set.skippedKeys.first?.keyID, small)
        XCTAssertEqual(set.skippedKeys.first?.code, "key_size_not_allowed")
        XCTAssertTrue(set.description.contains("1 skipped"), set.description)
        // A token naming the skipped 1024-bit key (signed with it: rs_tokens.json) fails saying so.
        let tokens = try Vectors.object("generated/jwt/rs_tokens.json")["tokens"] as! [[String: Any]]
        let signedBySmall = try XCTUnwrap(tokens.first { ($0["header_json"] as! String).contains(small) }, "a token with kid \(small)")
        let verifier = JWTVerifier(algorithms: [.rs256, .rs384, .rs512], keySet: set,
                                   validation: .at(Int64(signedBySmall["verify_at"] as! Int)))
        XCTAssertThrowsError(try verifier.verify(signedBySmall["token"] as! String)) {
            XCTAssertEqual(($0 as? JWTError)?.code, .keyIDRefused, "\($0)")
            XCTAssertTrue("\($0)".contains("key_size_not_allowed"), "\($0)")
        }
        // The other key of the set still verifies its tokens.
        let signedByLarge = try XCTUnwrap(tokens.first { ($0["header_json"] as! String).contains("vgk1shrd") })
        let large = JWTVerifier(algorithms: [.rs256, .rs384, .rs512], keySet: set, validation: .at(Int64(signedByLarge["verify_at"] as! Int)))
        XCTAssertNoThrow(try large.verify(signedByLarge["token"] as! String))
    }

    func testSetSizeIsCapped() throws {
        let key = oct([UInt8](repeating: 7, count: 32), kid: "k")
        let many = #"{"keys":[\#(Array(repeating: key, count: JWTKeySet.maximumJWKSetKeyCount + 1).joined(separator: ","))]}"#
        XCTAssertThrowsError(try JWTKeySet(jwks: Array(many.utf8))) { XCTAssertEqual(($0 as? JWTError)?.code, .keyInvalid) }
        let enough = #"{"keys":[\#(Array(repeating: key, count: JWTKeySet.maximumJWKSetKeyCount).joined(separator: ","))]}"#
        XCTAssertEqual(try JWTKeySet(jwks: Array(enough.utf8)).keys.count, JWTKeySet.maximumJWKSetKeyCount)
    }
}
