import TestSupport
import XCTest
import Foundation
@testable import BoxAuth

final class FormEncodingTests: XCTestCase {
    func testReservedCharactersAreEscapedAndRoundTrip() {
        let encoded = FormEncoding.encode([("a+b", "x y+z/=&%~._-"), ("é", "")])
        XCTAssertEqual(encoded, "a%2Bb=x%20y%2Bz%2F%3D%26%25~._-&%C3%A9=")
        let decoded = FormEncoding.decode(Array(encoded.utf8))!
        XCTAssertEqual(decoded.map(\.0), ["a+b", "é"])
        XCTAssertEqual(decoded.map(\.1), ["x y+z/=&%~._-", ""])
    }

    func testRandomFieldsRoundTrip() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let fields = (0..<Int.random(in: 0...4, using: &rng)).map { _ in
                (String((0..<Int.random(in: 0...12, using: &rng)).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &rng))) }),
                 String((0..<Int.random(in: 0...12, using: &rng)).map { _ in Character(Unicode.Scalar(UInt32.random(in: 0x20...0x2FF, using: &rng))!) }))
            }
            let encoded = FormEncoding.encode(fields)
            XCTAssertTrue(encoded.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: " ") })
            let back = FormEncoding.decode(Array(encoded.utf8))
            XCTAssertEqual(back?.map(\.0), fields.isEmpty ? [] : fields.map(\.0))
            XCTAssertEqual(back?.map(\.1), fields.isEmpty ? [] : fields.map(\.1))
        }
    }

    func testMalformedEscapesAreRejected() {
        // Bad escapes, and escapes that are not UTF-8 (lone byte, truncated, overlong, surrogate).
        for body in ["a=%", "a=%4", "a=%zz", "%FF=1", "a=%C3", "a=%C0%AF", "a=%ED%A0%80"] {
            XCTAssertNil(FormEncoding.decode(Array(body.utf8)), body)
        }
    }
}

final class HTTPDateTests: XCTestCase {
    func testAgreesWithPythonOnRandomInstants() throws {
        var rng = SystemRandomNumberGenerator()
        let instants = [Int64(0), 784_111_777, 951_782_400, 4_102_444_799] + (0..<200).map { _ in Int64.random(in: 0...4_102_444_799, using: &rng) }
        let script = "import sys, email.utils\nfor l in sys.stdin: print(email.utils.formatdate(int(l), usegmt=True))"
        let input = Array(instants.map(String.init).joined(separator: "\n").appending("\n").utf8)
        let result = try ProcessRunner.oracle("python3", ["-c", script], stdin: input)
        XCTAssertEqual(result.status, 0, result.stderrText)
        let lines = result.stdoutText.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, instants.count)
        for (t, expected) in zip(instants, lines) {
            XCTAssertEqual(HTTPDate.format(t), expected, "instant \(t)")
            XCTAssertEqual(HTTPDate.parse(expected), t, "parse \(expected)")
        }
    }

    func testRejectsOtherForms() {
        for s in ["Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun, 06 Nov 1994 08:49:37 UTC",
                  "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "", "Xyz, 06 Nov 1994 08:49:37 GMT"] {
            XCTAssertNil(HTTPDate.parse(s), s)
        }
    }
}

final class RetryPolicyTests: XCTestCase {
    func testBackoffDoublesWithinJitterAndCap() {
        let policy = RetryPolicy(initialBackoff: .milliseconds(100), maxBackoff: .seconds(1), jitter: 0.5)
        var rng = SystemRandomNumberGenerator()
        for attempt in 1...8 {
            let nominal = Double(100 << (attempt - 1)) / 1000
            for _ in 0..<50 {
                let d = policy.backoff(afterAttempt: attempt, using: &rng)
                let seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
                XCTAssertGreaterThanOrEqual(seconds, min(nominal * 0.5, 1) - 1e-9, "attempt \(attempt)")
                XCTAssertLessThanOrEqual(seconds, min(nominal * 1.5, 1) + 1e-9, "attempt \(attempt)")
            }
        }
    }

    func testRetryAfterSecondsAndDates() {
        let policy = RetryPolicy(maxBackoff: .seconds(30))
        XCTAssertEqual(policy.retryAfter("2", now: 0), .seconds(2))
        XCTAssertEqual(policy.retryAfter(" 0 ", now: 0), .seconds(0))
        XCTAssertEqual(policy.retryAfter("120", now: 0), .seconds(30))
        XCTAssertEqual(policy.retryAfter("99999999999999", now: 0), .seconds(30))
        XCTAssertEqual(policy.retryAfter(HTTPDate.format(1_000_010), now: 1_000_000), .seconds(10))
        XCTAssertEqual(policy.retryAfter(HTTPDate.format(999_000), now: 1_000_000), .seconds(0))
        XCTAssertNil(policy.retryAfter(nil, now: 0))
        XCTAssertNil(policy.retryAfter("soon", now: 0))
        XCTAssertNil(policy.retryAfter("-3", now: 0))
    }
}
