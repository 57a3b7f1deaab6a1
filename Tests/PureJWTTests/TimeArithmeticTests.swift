import Foundation
import XCTest
import PureCrypto
import PureKeys
@testable import PureJWT

/// Finding 9: no time comparison of the claim checks wraps; sums are exact. Property tests at the ends of
/// Int64 against an exact reference (Foundation's `Decimal`, which holds any sum of two Int64s
/// exactly), with `now`, `leeway`, `maxAge` and the claims all drawn from the extremes.
final class TimeArithmeticTests: XCTestCase {
    let secret = Array("time-arithmetic-tests-secret-0123456789".utf8)

    static let extremes: [Int64] = [.min, .min + 1, .min / 2, -4_611_686_018_427_387_904, -1, 0, 1, 60,
                                    1_800_000_000, .max / 2, .max - 1, .max]

    private func verify(_ claims: JSONObject, now: Int64, leeway: Int64, maxAge: Int64? = nil) throws -> VerifiedJWT {
        var validation = JWTValidation.at(now)
        validation.leeway = leeway
        validation.maxAge = maxAge
        validation.requireExpiration = false
        let token = try JWTSigner(key: .hmac(secret, algorithm: .hs256)).sign(claims: claims)
        return try JWTVerifier(algorithms: [.hs256], key: try .hmac(secret), validation: validation).verify(token)
    }

    private func code(_ body: () throws -> VerifiedJWT) -> String {
        do { _ = try body(); return "ok" } catch { return (error as? JWTError)?.code.rawValue ?? "\(error)" }
    }

    private func d(_ x: Int64) -> Decimal { Decimal(string: String(x))! }

    /// The finding itself: iat = −2^63 with a maximum age used to wrap `now − iat` negative and pass.
    func testIssuedAtMinusTwoToTheSixtyThreeIsTooOld() throws {
        let now: Int64 = 1_800_000_000
        XCTAssertEqual(code { try verify(["iat": .number(JSONNumber(Int64.min))], now: now, leeway: 60, maxAge: 3600) }, "jwt_too_old")
        XCTAssertEqual(code { try verify(["iat": .number(JSONNumber(Int64.min + 1))], now: now, leeway: 0, maxAge: .max) }, "jwt_too_old")
        // exp = 2^63 − 1 is far in the future, not wrapped into the past, at any now and leeway.
        XCTAssertEqual(code { try verify(["exp": .number(JSONNumber(Int64.max))], now: .min, leeway: .max) }, "ok")
    }

    func testClaimChecksMatchExactArithmeticAtTheExtremes() throws {
        var rng = SystemRandomNumberGenerator()
        let values = Self.extremes + (0..<4).map { _ in Int64.random(in: .min ... .max, using: &rng) }
        var checked = 0
        for now in values {
            for leeway in [Int64.min, -1, 0, 60, .max] {
                for t in values {
                    let exact = (now: d(now), leeway: d(leeway), t: d(t))
                    let expired = exact.t <= exact.now - exact.leeway
                    XCTAssertEqual(code { try verify(["exp": .number(JSONNumber(t))], now: now, leeway: leeway) },
                                   expired ? "jwt_expired" : "ok", "exp \(t), now \(now), leeway \(leeway)")
                    let future = exact.t > exact.now + exact.leeway
                    XCTAssertEqual(code { try verify(["nbf": .number(JSONNumber(t))], now: now, leeway: leeway) },
                                   future ? "jwt_not_yet_valid" : "ok", "nbf \(t), now \(now), leeway \(leeway)")
                    for maxAge in [Int64(0), 3600, .max] where !future {
                        let tooOld = exact.now - exact.t > d(maxAge) + exact.leeway
                        XCTAssertEqual(code { try verify(["iat": .number(JSONNumber(t))], now: now, leeway: leeway, maxAge: maxAge) },
                                       tooOld ? "jwt_too_old" : "ok", "iat \(t), now \(now), leeway \(leeway), max age \(maxAge)")
                        checked += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }

    func testExactSecondsOrderLikeIntegers() {
        var values: [(ExactSeconds, Decimal, String)] = []
        for a in Self.extremes {
            for b in Self.extremes {
                values.append((.sum(a, b), d(a) + d(b), "\(a) + \(b)"))
                values.append((.difference(a, b), d(a) - d(b), "\(a) - \(b)"))
            }
        }
        for (x, dx, ix) in values {
            XCTAssertEqual(d(x.saturated), max(d(.min), min(d(.max), dx)), ix)
            for (y, dy, iy) in values.prefix(60) {
                XCTAssertEqual(x < y, dx < dy, "\(ix) < \(iy)")
                XCTAssertEqual(x == y, dx == dy, "\(ix) == \(iy)")
            }
        }
    }
}
