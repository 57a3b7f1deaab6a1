import TestSupport
import XCTest
import PureCrypto

/// Every case of `rfc/base64_rfc4648.json` and `generated/encoding/base64_cases.json`, valid and
/// invalid. Failure messages name the file and the case.
final class Base64VectorTests: XCTestCase {
    // MARK: rfc/base64_rfc4648.json

    private struct RFC4648File: Decodable {
        struct Pair: Decodable {
            var input_ascii: String?
            var input_hex: String?
            var encoded: String
            var bytes: [UInt8] { input_hex.map(hexBytes) ?? Array(input_ascii!.utf8) }
        }
        struct URLCase: Decodable {
            var input_hex: String
            var base64url_nopad: String
        }
        struct Derived: Decodable { var cases: [URLCase] }
        var section10_test_vectors: [String: [Pair]]
        var section9_examples_base64: [Pair]
        var derived_base64url_nopad: Derived
    }

    private let rfcFile = "rfc/base64_rfc4648.json"

    func testRFC4648Section10() throws {
        let file = try Vectors.json(RFC4648File.self, rfcFile)
        // Base32 is not implemented by this package; any other new section must get a test.
        XCTAssertEqual(Set(file.section10_test_vectors.keys), ["BASE64", "BASE32", "BASE32-HEX", "BASE16"],
                       "\(rfcFile): unexpected sections in section10_test_vectors")
        let base64 = try XCTUnwrap(file.section10_test_vectors["BASE64"])
        XCTAssertEqual(base64.count, 7, "\(rfcFile): section 10 has 7 BASE64 cases")
        for (i, c) in base64.enumerated() {
            let id = "\(rfcFile) section10 BASE64[\(i)] \"\(c.input_ascii ?? "")\""
            checkPadded(c.bytes, c.encoded, id)
        }
        let base16 = try XCTUnwrap(file.section10_test_vectors["BASE16"])
        XCTAssertEqual(base16.count, 7, "\(rfcFile): section 10 has 7 BASE16 cases")
        for (i, c) in base16.enumerated() {
            let id = "\(rfcFile) section10 BASE16[\(i)] \"\(c.input_ascii ?? "")\""
            XCTAssertEqual(Hex.encode(c.bytes), c.encoded.lowercased(), "\(id): encode")
            XCTAssertEqual(try Hex.decode(c.encoded), c.bytes, "\(id): decode uppercase")
            XCTAssertEqual(try Hex.decode(c.encoded.lowercased()), c.bytes, "\(id): decode lowercase")
        }
    }

    func testRFC4648Section9AndDerivedBase64URL() throws {
        let file = try Vectors.json(RFC4648File.self, rfcFile)
        XCTAssertFalse(file.section9_examples_base64.isEmpty)
        for (i, c) in file.section9_examples_base64.enumerated() {
            checkPadded(c.bytes, c.encoded, "\(rfcFile) section9[\(i)] \(c.input_hex ?? "")")
        }
        XCTAssertFalse(file.derived_base64url_nopad.cases.isEmpty)
        for (i, c) in file.derived_base64url_nopad.cases.enumerated() {
            checkURL(hexBytes(c.input_hex), c.base64url_nopad, "\(rfcFile) derived_base64url_nopad[\(i)] \(c.input_hex)")
        }
    }

    // MARK: generated/encoding/base64_cases.json

    private struct CasesFile: Decodable {
        struct Valid: Decodable {
            var length: Int
            var data_hex: String
            var base64: String
            var base64url_nopad: String
        }
        struct Invalid: Decodable {
            var input: String
            var why: String
            var expected: String
            /// "base64_invalid (strict) | decodes (lenient)": we are strict, so the first word.
            var strictCode: String { String(expected.split(separator: " ").first ?? "") }
        }
        var valid: [Valid]
        var invalid_base64: [Invalid]
        var invalid_base64url_nopad: [Invalid]
    }

    private let casesFile = "generated/encoding/base64_cases.json"

    func testGeneratedValidCases() throws {
        let file = try Vectors.json(CasesFile.self, casesFile)
        XCTAssertFalse(file.valid.isEmpty)
        for c in file.valid {
            let id = "\(casesFile) valid[length=\(c.length)]"
            let bytes = hexBytes(c.data_hex)
            XCTAssertEqual(bytes.count, c.length, "\(id): data_hex has the announced length")
            checkPadded(bytes, c.base64, id)
            checkURL(bytes, c.base64url_nopad, id)
            // Each form is rejected by the other decoder when it uses characters of its own alphabet.
            if c.base64.contains(where: { "+/=".contains($0) }) {
                XCTAssertThrowsError(try Base64URL.decode(c.base64), "\(id): base64url decoder accepted \(c.base64)") {
                    XCTAssertEqual(($0 as? CryptoError)?.code, .base64URLInvalid, "\(id)")
                }
            }
            if c.base64url_nopad.contains(where: { "-_".contains($0) }) {
                XCTAssertThrowsError(try Base64.decode(c.base64url_nopad, padding: .unpadded),
                                     "\(id): base64 decoder accepted \(c.base64url_nopad)") {
                    XCTAssertEqual(($0 as? CryptoError)?.code, .base64Invalid, "\(id)")
                }
            }
        }
    }

    func testGeneratedInvalidBase64() throws {
        let file = try Vectors.json(CasesFile.self, casesFile)
        XCTAssertFalse(file.invalid_base64.isEmpty)
        for c in file.invalid_base64 {
            let id = "\(casesFile) invalid_base64 \"\(c.input)\" (\(c.why))"
            XCTAssertEqual(c.strictCode, "base64_invalid", "\(id): unexpected expectation \(c.expected)")
            for padding in [Base64.Padding.padded, .unpadded] {
                for ignoringWhitespace in [false, true] {
                    XCTAssertThrowsError(try Base64.decode(c.input, padding: padding, ignoringWhitespace: ignoringWhitespace),
                                         "\(id): accepted with \(padding), ignoringWhitespace \(ignoringWhitespace)") {
                        XCTAssertEqual(($0 as? CryptoError)?.code.rawValue, c.strictCode, "\(id)")
                    }
                }
            }
            XCTAssertThrowsError(try Base64.decode(Array(c.input.utf8)), "\(id): accepted as bytes")
        }
    }

    func testGeneratedInvalidBase64URL() throws {
        let file = try Vectors.json(CasesFile.self, casesFile)
        XCTAssertFalse(file.invalid_base64url_nopad.isEmpty)
        for c in file.invalid_base64url_nopad {
            let id = "\(casesFile) invalid_base64url_nopad \"\(c.input)\" (\(c.why))"
            XCTAssertEqual(c.strictCode, "base64url_invalid", "\(id): unexpected expectation \(c.expected)")
            XCTAssertThrowsError(try Base64URL.decode(c.input), "\(id): accepted") {
                XCTAssertEqual(($0 as? CryptoError)?.code.rawValue, c.strictCode, "\(id)")
            }
            XCTAssertThrowsError(try Base64URL.decode(Array(c.input.utf8)), "\(id): accepted as bytes")
        }
    }

    // MARK: helpers

    /// Padded standard base64 both ways, plus the derived unpadded form and the whitespace variant.
    private func checkPadded(_ bytes: [UInt8], _ encoded: String, _ id: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Base64.encode(bytes), encoded, "\(id): encode", file: file, line: line)
        XCTAssertEqual(Base64.encodedBytes(bytes), Array(encoded.utf8), "\(id): encodedBytes", file: file, line: line)
        XCTAssertEqual(try Base64.decode(encoded), bytes, "\(id): decode", file: file, line: line)
        XCTAssertEqual(try Base64.decode(Array(encoded.utf8)), bytes, "\(id): decode bytes", file: file, line: line)
        XCTAssertEqual(try Base64.decode(encoded, ignoringWhitespace: true), bytes, "\(id): decode ignoring whitespace", file: file, line: line)
        let unpadded = String(encoded.reversed().drop(while: { $0 == "=" }).reversed())
        XCTAssertEqual(Base64.encode(bytes, padding: .unpadded), unpadded, "\(id): encode unpadded", file: file, line: line)
        XCTAssertEqual(try Base64.decode(unpadded, padding: .unpadded), bytes, "\(id): decode unpadded", file: file, line: line)
        if unpadded != encoded {
            XCTAssertThrowsError(try Base64.decode(unpadded), "\(id): padded decoder accepted missing padding", file: file, line: line)
            XCTAssertThrowsError(try Base64.decode(encoded, padding: .unpadded), "\(id): unpadded decoder accepted '='", file: file, line: line)
        }
    }

    private func checkURL(_ bytes: [UInt8], _ encoded: String, _ id: String,
                          file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(Base64URL.encode(bytes), encoded, "\(id): base64url encode", file: file, line: line)
        XCTAssertEqual(Base64URL.encodedBytes(bytes), Array(encoded.utf8), "\(id): base64url encodedBytes", file: file, line: line)
        XCTAssertEqual(try Base64URL.decode(encoded), bytes, "\(id): base64url decode", file: file, line: line)
        XCTAssertEqual(try Base64URL.decode(Array(encoded.utf8)[...]), bytes, "\(id): base64url decode slice", file: file, line: line)
    }
}
