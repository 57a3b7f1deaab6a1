import XCTest
@testable import BoxAuth

/// The RESP2 codec against the protocol spec's own examples (redis.io, "RESP protocol spec").
final class RESPTests: XCTestCase {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    func testCommandsAreArraysOfBulkStrings() {
        // The spec's example: LLEN mylist.
        XCTAssertEqual(RESP.command("LLEN", "mylist"), bytes("*2\r\n$4\r\nLLEN\r\n$6\r\nmylist\r\n"))
        // Binary-safe: CR, LF and NUL inside an argument are sent as they are.
        XCTAssertEqual(RESP.command([[0x0D, 0x0A, 0x00]]), [0x2A, 0x31, 0x0D, 0x0A, 0x24, 0x33, 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A])
    }

    func testEveryReplyTypeFromTheSpec() throws {
        let cases: [(String, RESPValue)] = [
            ("+OK\r\n", .simple("OK")),
            ("-ERR unknown command 'foobar'\r\n", .error("ERR unknown command 'foobar'")),
            (":1000\r\n", .integer(1000)),
            (":-1\r\n", .integer(-1)),
            ("$5\r\nhello\r\n", .bulk(bytes("hello"))),
            ("$0\r\n\r\n", .bulk([])),
            ("$-1\r\n", .bulk(nil)),
            ("*0\r\n", .array([])),
            ("*-1\r\n", .array(nil)),
            ("*2\r\n$5\r\nhello\r\n$5\r\nworld\r\n", .array([.bulk(bytes("hello")), .bulk(bytes("world"))])),
            ("*3\r\n:1\r\n:2\r\n:3\r\n", .array([.integer(1), .integer(2), .integer(3)])),
            ("*2\r\n*3\r\n:1\r\n:2\r\n:3\r\n*2\r\n+Hello\r\n-World\r\n",
             .array([.array([.integer(1), .integer(2), .integer(3)]), .array([.simple("Hello"), .error("World")])])),
            ("*3\r\n$5\r\nhello\r\n$-1\r\n$5\r\nworld\r\n", .array([.bulk(bytes("hello")), .bulk(nil), .bulk(bytes("world"))])),
        ]
        for (wire, expected) in cases {
            let b = bytes(wire)
            let parsed = try RESP.parse(b)
            XCTAssertEqual(parsed?.0, expected, "\(wire.debugDescription)")
            XCTAssertEqual(parsed?.1, b.count, "\(wire.debugDescription): consumed bytes")
            // Every proper prefix is "need more", never a wrong value or an error.
            for cut in 0..<b.count {
                XCTAssertNil(try RESP.parse(Array(b[0..<cut])), "\(wire.debugDescription) cut at \(cut)")
            }
        }
    }

    func testTwoRepliesInOneBufferAreTakenOneAtATime() throws {
        let b = bytes("+OK\r\n:7\r\n")
        let first = try XCTUnwrap(try RESP.parse(b))
        XCTAssertEqual(first.0, .simple("OK"))
        XCTAssertEqual(try RESP.parse(Array(b[first.1...]))?.0, .integer(7))
    }

    func testBulkStringsAreBinarySafe() throws {
        XCTAssertEqual(try RESP.parse([0x24, 0x32, 0x0D, 0x0A, 0x0D, 0x0A, 0x0D, 0x0A])?.0, .bulk([0x0D, 0x0A]))
    }

    func testMalformedRepliesAreRefused() {
        for wire in ["?x\r\n", ":12a\r\n", ":\r\n", "$abc\r\n", "$-2\r\n", "$3\r\nabcXY", "*-2\r\n", "+OK\rX", ":1234567890123456789\r\n"] {
            XCTAssertThrowsError(try RESP.parse(bytes(wire)), wire.debugDescription)
        }
    }

    func testAnnouncedSizesAreCheckedBeforeTheBodyArrives() {
        var limits = RESP.Limits()
        limits.maximumBulkByteCount = 16
        limits.maximumArrayCount = 4
        limits.maximumDepth = 2
        limits.maximumLineByteCount = 32
        // Only the header is buffered: refused from the announced size alone.
        XCTAssertThrowsError(try RESP.parse(bytes("$17\r\n"), limits: limits))
        XCTAssertThrowsError(try RESP.parse(bytes("$999999999999\r\n"), limits: limits))
        XCTAssertThrowsError(try RESP.parse(bytes("*5\r\n"), limits: limits))
        XCTAssertThrowsError(try RESP.parse(bytes("*1\r\n*1\r\n*1\r\n*1\r\n:1\r\n"), limits: limits))
        XCTAssertThrowsError(try RESP.parse(bytes("+" + String(repeating: "a", count: 40)), limits: limits))
        // At the limits: accepted.
        XCTAssertEqual(try RESP.parse(bytes("$16\r\n0123456789abcdef\r\n"), limits: limits)?.0, .bulk(bytes("0123456789abcdef")))
        XCTAssertEqual(try RESP.parse(bytes("*1\r\n*1\r\n:1\r\n"), limits: limits)?.0, .array([.array([.integer(1)])]))
    }
}
