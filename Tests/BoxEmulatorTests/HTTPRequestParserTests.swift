import XCTest
@testable import BoxEmulator

final class HTTPRequestParserTests: XCTestCase {
    private func parse(_ text: String, limits: HTTPParseLimits = HTTPParseLimits()) -> HTTPParseOutcome {
        HTTPRequestParser.parse(Array(text.utf8), limits: limits)
    }

    func testParsesPostWithBodyAndLeavesPipelinedBytes() throws {
        let raw = "POST /oauth2/token?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\ncontent-length: 5\r\nX-A:  v w \r\n\r\nhelloGET / HTTP/1.1\r\n\r\n"
        guard case .request(let r, let consumed) = parse(raw) else { return XCTFail("expected a request") }
        XCTAssertEqual(r.method, "POST")
        XCTAssertEqual(r.path, "/oauth2/token")
        XCTAssertEqual(r.query, "x=1")
        XCTAssertEqual(r.header("CONTENT-LENGTH"), "5")
        XCTAssertEqual(r.header("x-a"), "v w")
        XCTAssertEqual(r.body, Array("hello".utf8))
        XCTAssertTrue(r.keepAlive)
        let rest = Array(raw.utf8)[consumed...]
        guard case .request(let next, _) = HTTPRequestParser.parse(Array(rest)) else { return XCTFail("second request") }
        XCTAssertEqual(next.method, "GET")
    }

    func testEveryPrefixOfAValidRequestNeedsMoreData() {
        let raw = Array("POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc".utf8)
        for n in 0..<raw.count {
            XCTAssertEqual(HTTPRequestParser.parse(Array(raw[0..<n])), .needMoreData, "prefix of \(n) bytes")
        }
    }

    func testRejectsMalformedRequestsWithTheRightStatus() {
        let cases: [(String, Int)] = [
            ("GET /\r\n\r\n", 400),
            ("GET  / HTTP/1.1\r\n\r\n", 400),
            ("G@T / HTTP/1.1\r\n\r\n", 400),
            ("GET http://x/ HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\n\r\n", 505),
            ("GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nBad Name: b\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nA: b\u{7}c\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
            ("POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
            ("GET / HTTP/1.1\nHost: x\n\n", 400),
        ]
        for (raw, status) in cases {
            guard case .invalid(let e) = parse(raw) else {
                XCTFail("accepted or waited on \(raw.debugDescription)")
                continue
            }
            XCTAssertEqual(e.status, status, raw.debugDescription)
        }
    }

    func testLimitsAreEnforcedWithoutWaitingForMoreData() {
        let limits = HTTPParseLimits(maxHeadBytes: 64, maxHeaderCount: 2, maxBodyBytes: 10)
        let longHead = "GET /" + String(repeating: "a", count: 100)
        guard case .invalid(let e1) = parse(longHead, limits: limits) else { return XCTFail("long head") }
        XCTAssertEqual(e1.status, 431)
        guard case .invalid(let e2) = parse("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", limits: HTTPParseLimits(maxHeaderCount: 2)) else {
            return XCTFail("too many headers")
        }
        XCTAssertEqual(e2.status, 431)
        guard case .invalid(let e3) = parse("POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n", limits: limits) else {
            return XCTFail("large body")
        }
        XCTAssertEqual(e3.status, 413)
    }

    func testHTTP10DefaultsToClose() {
        guard case .request(let r, _) = parse("GET / HTTP/1.0\r\n\r\n") else { return XCTFail() }
        XCTAssertFalse(r.keepAlive)
        guard case .request(let r2, _) = parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n") else { return XCTFail() }
        XCTAssertFalse(r2.keepAlive)
    }

    func testRandomBytesNeverCrashAndNeverExceedTheBuffer() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("GET POST / HTTP/1.1\r\n:Content-Length 0123456789ab".utf8)
        for _ in 0..<3000 {
            let n = Int.random(in: 0..<200, using: &rng)
            let bytes = (0..<n).map { _ in Bool.random(using: &rng) ? alphabet.randomElement(using: &rng)! : UInt8.random(in: 0...255, using: &rng) }
            if case .request(_, let consumed) = HTTPRequestParser.parse(bytes) {
                XCTAssertLessThanOrEqual(consumed, bytes.count)
            }
        }
    }
}

/// Finding 4 in the emulator: header names and tokens fold ASCII case only, so a Connection
/// header of "\u{212A}eep-alive" (KELVIN SIGN) is not "keep-alive".
final class HTTPHeaderCaseTests: XCTestCase {
    func testHeaderMatchingFoldsASCIIOnly() {
        var request = HTTPRequest(method: "GET", target: "/", version: "HTTP/1.0", headers: [HTTPHeader("Connection", "\u{212A}eep-alive")], body: [])
        XCTAssertFalse(request.keepAlive)
        request.headers = [HTTPHeader("CONNECTION", "Keep-Alive")]
        XCTAssertTrue(request.keepAlive)
        XCTAssertEqual(request.header("connection"), "Keep-Alive")
        XCTAssertNil(request.header("conn\u{0435}ction"))  // Cyrillic e
    }
}
