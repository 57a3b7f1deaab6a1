import Foundation
import PureCrypto
import PureKeys
import TestSupport
import XCTest

final class JSONTests: XCTestCase {
    private func parse(_ text: String) throws -> JSONValue { try JSONValue(parsing: text) }

    private func assertInvalid(_ bytes: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try JSONValue(parsing: bytes), "case \(name) should be rejected", file: file, line: line) { error in
            XCTAssertEqual((error as? CryptoError)?.code, .jsonInvalid, "case \(name): \(error)", file: file, line: line)
        }
    }

    /// RFC 8259 grammar cases, one per rule, with the expected reading written by hand.
    func testAcceptsValidTexts() throws {
        let cases: [(String, JSONValue)] = [
            ("null", .null), ("true", true), ("false", false), ("0", 0), ("-0", .number(JSONNumber(text: "-0")!)),
            ("123", 123), ("-9223372036854775808", .number(JSONNumber(Int64.min))),
            ("1.5e-3", .number(JSONNumber(text: "1.5e-3")!)), ("2E+10", .number(JSONNumber(text: "2E+10")!)),
            ("\"\"", ""), (" \t\r\n[ ] ", []), ("{}", .object(JSONObject())),
            ("[1,[2,[3]]]", [1, [2, [3]]]),
            ("{\"a\":1,\"b\":[true,null],\"c\":{\"d\":\"e\"}}", ["a": 1, "b": [true, nil], "c": ["d": "e"]]),
            ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\u{08}\u{0C}\n\r\t"),
            ("\"\\u00e9\\u20AC\\ud83d\\ude00\"", "é€😀"),
            ("\"é€😀\"", "é€😀"),
            ("\"\\u0000\"", "\u{0}"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(try parse(text), expected, "case \(text)")
        }
        // Member order is kept.
        XCTAssertEqual(try parse("{\"z\":1,\"a\":2,\"m\":3}").objectValue?.keys, ["z", "a", "m"])
    }

    func testRejectsInvalidTexts() {
        let cases: [(String, [UInt8])] = [
            ("empty", []), ("whitespace only", Array(" \n".utf8)), ("BOM", [0xEF, 0xBB, 0xBF] + Array("{}".utf8)),
            ("two values", Array("1 2".utf8)), ("trailing comma in array", Array("[1,]".utf8)),
            ("trailing comma in object", Array("{\"a\":1,}".utf8)), ("leading zero", Array("01".utf8)),
            ("plus sign", Array("+1".utf8)), ("bare fraction", Array(".5".utf8)), ("dot without digits", Array("1.".utf8)),
            ("exponent without digits", Array("1e".utf8)), ("NaN", Array("NaN".utf8)), ("Infinity", Array("-Infinity".utf8)),
            ("single quotes", Array("'a'".utf8)), ("unquoted key", Array("{a:1}".utf8)), ("comment", Array("[1]//".utf8)),
            ("raw newline in string", Array("\"a\nb\"".utf8)), ("raw tab in string", Array("\"a\tb\"".utf8)),
            ("unknown escape", Array("\"\\x41\"".utf8)), ("short unicode escape", Array("\"\\u12\"".utf8)),
            ("lone high surrogate", Array("\"\\ud800\"".utf8)), ("lone low surrogate", Array("\"\\udc00\"".utf8)),
            ("high surrogate then non-surrogate", Array("\"\\ud800\\u0041\"".utf8)),
            ("unterminated string", Array("\"abc".utf8)), ("unterminated array", Array("[1".utf8)),
            ("unterminated object", Array("{\"a\":1".utf8)), ("missing colon", Array("{\"a\" 1}".utf8)),
            ("duplicate key", Array("{\"a\":1,\"a\":2}".utf8)),
            ("duplicate key in a large object", Array(("{" + (0..<40).map { "\"k\($0)\":\($0)" }.joined(separator: ",") + ",\"k7\":0}").utf8)),
            ("truncated literal", Array("tru".utf8)), ("capitalised literal", Array("True".utf8)),
            ("invalid UTF-8 byte", [0x22, 0xFF, 0x22]), ("overlong UTF-8", [0x22, 0xC0, 0xAF, 0x22]),
            ("UTF-8 surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22]), ("truncated UTF-8", [0x22, 0xE2, 0x82, 0x22]),
            ("above U+10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]),
            ("vertical tab whitespace", [0x0B] + Array("1".utf8)),
        ]
        for (name, bytes) in cases { assertInvalid(bytes, name) }
    }

    func testDepthAndSizeLimits() throws {
        let atLimit = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        XCTAssertNoThrow(try parse(atLimit), "64 levels")
        assertInvalid(Array((String(repeating: "[", count: 65) + String(repeating: "]", count: 65)).utf8), "65 levels")
        // A 100,000-deep header fails at the cap, without recursing 100,000 times.
        assertInvalid(Array((String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)).utf8), "100,000 nested objects")
        assertInvalid(Array(String(repeating: "[", count: 100_000).utf8), "100,000 unclosed arrays")
        let options = JSONParser.Options(maximumDepth: 64, maximumByteCount: 10)
        XCTAssertThrowsError(try JSONValue(parsing: Array("[1,2,3,4,5,6]".utf8), options: options), "size cap")
        XCTAssertNoThrow(try JSONValue(parsing: Array("[1,2,3,4]".utf8), options: options), "under the size cap")
    }

    /// The serialization rule of the JWT vectors (rs_tokens.json), written out by hand.
    func testSerializationIsMinimalAndOrdered() throws {
        let value: JSONValue = ["url": "https://a/b", "n": 1_700_000_000, "neg": -5, "s": "é\"\\\n\u{1}\u{7F}", "arr": [true, nil], "o": [:] as JSONValue]
        XCTAssertEqual(value.jsonText, #"{"url":"https://a/b","n":1700000000,"neg":-5,"s":"é\"\\\n\u0001"# + "\u{7F}" + #"","arr":[true,null],"o":{}}"#)
        var object = JSONObject()
        object["b"] = 1
        object["a"] = 2
        object["b"] = 3
        XCTAssertEqual(JSONValue.object(object).jsonText, #"{"b":3,"a":2}"#, "replacing keeps the position")
        object["b"] = nil
        XCTAssertEqual(object.keys, ["a"])
        XCTAssertEqual(JSONNumber(text: "1.50E+3")?.text, "1.50E+3", "numbers keep their text")
        XCTAssertNil(JSONNumber(text: "1."))
        XCTAssertEqual(JSONNumber(text: "9223372036854775807")?.int64Value, Int64.max)
        XCTAssertNil(JSONNumber(text: "9223372036854775808")?.int64Value, "overflow is not an Int64")
        XCTAssertNil(JSONNumber(text: "1e3")?.int64Value, "exponent form is not an integer literal")
    }

    private func randomValue(_ rng: inout SystemRandomNumberGenerator, depth: Int) -> JSONValue {
        func randomString() -> String {
            let alphabet: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\u{1}", "\u{1F}", "\u{7F}", "é", "€", "😀", "\u{FFFF}", "\u{10FFFF}"]
            var s = ""
            for _ in 0..<Int.random(in: 0...12, using: &rng) { s.unicodeScalars.append(alphabet.randomElement(using: &rng)!) }
            return s
        }
        switch Int.random(in: 0...(depth > 4 ? 4 : 6), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number(JSONNumber(Int64.random(in: Int64.min...Int64.max, using: &rng) >> Int64.random(in: 0...63, using: &rng)))
        case 3, 4: return .string(randomString())
        case 5: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            var o = JSONObject()
            for _ in 0..<Int.random(in: 0...4, using: &rng) { o[randomString()] = randomValue(&rng, depth: depth + 1) }
            return .object(o)
        }
    }

    /// Property: parse(serialize(v)) == v, and our bytes equal Python's
    /// `json.dumps(json.loads(x), separators=(',', ':'), ensure_ascii=False)` (the oracle).
    func testRandomDocumentsAgainstPythonOracle() throws {
        var rng = SystemRandomNumberGenerator()
        var documents: [[UInt8]] = []
        for i in 0..<300 {
            let value = randomValue(&rng, depth: 0)
            let bytes = value.serialized()
            XCTAssertEqual(try JSONValue(parsing: bytes), value, "random document #\(i): \(String(decoding: bytes, as: UTF8.self))")
            documents.append(bytes)
        }
        let script = """
        import sys, json
        for line in sys.stdin.buffer.read().split(b'\\n'):
            if line:
                sys.stdout.buffer.write(json.dumps(json.loads(line), separators=(',', ':'), ensure_ascii=False).encode('utf-8', 'surrogatepass') + b'\\n')
        """
        let input = documents.reduce(into: [UInt8]()) { $0 += $1 + [0x0A] }
        let result = try ProcessRunner.oracle("python3", ["-c", script], stdin: input)
        XCTAssertEqual(result.status, 0, String(decoding: result.stderr, as: UTF8.self))
        let lines = result.stdout.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, documents.count)
        for (i, (ours, theirs)) in zip(documents, lines).enumerated() {
            XCTAssertEqual(String(decoding: ours, as: UTF8.self), String(decoding: theirs, as: UTF8.self), "random document #\(i)")
        }
    }
}
