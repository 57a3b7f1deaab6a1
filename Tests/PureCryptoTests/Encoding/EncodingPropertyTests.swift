import Foundation
import TestSupport
import XCTest
import PureCrypto

/// Properties of the base64, base64url and hex codecs on random data, checked against
/// independent references (Foundation's base64, the test-side `hexString`, alphabet strings).
final class EncodingPropertyTests: XCTestCase {
    private static let standardAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let urlAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private var rng = SystemRandomNumberGenerator()

    private func randomBytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    /// Round trips for every length up to 200 and some longer ones, against Foundation's encoder.
    func testRandomRoundTrips() throws {
        for length in Array(0...200) + [1000, 4095, 4096, 4097, 65_537] {
            let data = randomBytes(length)
            let id = "length \(length), data \(hexString(data.prefix(32)))"
            let padded = Data(data).base64EncodedString()
            let unpadded = String(padded.reversed().drop(while: { $0 == "=" }).reversed())
            let url = unpadded.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")

            XCTAssertEqual(Base64.encode(data), padded, id)
            XCTAssertEqual(Base64.encode(data, padding: .unpadded), unpadded, id)
            XCTAssertEqual(Base64URL.encode(data), url, id)
            XCTAssertEqual(Hex.encode(data), hexString(data), id)

            XCTAssertEqual(try Base64.decode(padded), data, id)
            XCTAssertEqual(try Base64.decode(unpadded, padding: .unpadded), data, id)
            XCTAssertEqual(try Base64URL.decode(url), data, id)
            XCTAssertEqual(try Hex.decode(hexString(data)), data, id)
            XCTAssertEqual(try Hex.decode(hexString(data).uppercased()), data, id)
            // Non-contiguous input takes the copying path and must agree.
            XCTAssertEqual(try Base64URL.decode(url.utf8.lazy.map { $0 }), data, id)
            XCTAssertEqual(Base64.encode(data.lazy.map { $0 }), padded, id)
        }
    }

    /// A random corruption (replace, insert or delete one character) is either rejected with the
    /// codec's code, or the text decodes and is the one canonical encoding of what it decodes to.
    func testRandomCorruptionIsRejectedOrCanonical() throws {
        for trial in 0..<3000 {
            let data = randomBytes(Int.random(in: 0...40, using: &rng))
            let kind = trial % 4
            let original: [UInt8]
            switch kind {
            case 0: original = Base64.encodedBytes(data)
            case 1: original = Base64.encodedBytes(data, padding: .unpadded)
            case 2: original = Base64URL.encodedBytes(data)
            default: original = Array(Hex.encode(data).utf8)
            }
            var text = original
            switch Int.random(in: 0..<3, using: &rng) {
            case 0 where !text.isEmpty:
                text[Int.random(in: 0..<text.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            case 1 where !text.isEmpty:
                text.remove(at: Int.random(in: 0..<text.count, using: &rng))
            default:
                text.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...text.count, using: &rng))
            }
            let id = "trial \(trial) codec \(kind): \(hexString(original)) -> \(hexString(text))"
            let expectedCode: CryptoError.Code = [.base64Invalid, .base64Invalid, .base64URLInvalid, .hexInvalid][kind]
            do {
                let reencoded: [UInt8]
                let canonical: [UInt8]
                switch kind {
                case 0: (reencoded, canonical) = (Base64.encodedBytes(try Base64.decode(text)), text)
                case 1: (reencoded, canonical) = (Base64.encodedBytes(try Base64.decode(text, padding: .unpadded), padding: .unpadded), text)
                case 2: (reencoded, canonical) = (Base64URL.encodedBytes(try Base64URL.decode(text)), text)
                default: (reencoded, canonical) = (Array(Hex.encode(try Hex.decode(text)).utf8), text.map { $0 >= 65 && $0 <= 70 ? $0 + 32 : $0 })
                }
                XCTAssertEqual(reencoded, canonical, "\(id): accepted but not canonical")
            } catch {
                XCTAssertEqual(error.code, expectedCode, id)   // typed: `error` is a CryptoError
            }
        }
    }

    /// Every one of the 256 byte values in every position of a quad (and of the 2- and
    /// 3-character tails): accepted exactly when it is in the alphabet, with the alphabet's value.
    func testEveryCharacterInEveryPosition() throws {
        for (name, alphabet) in [("standard", Self.standardAlphabet), ("url", Self.urlAlphabet)] {
            let decode: ([UInt8]) throws -> [UInt8] = name == "standard"
                ? { try Base64.decode($0, padding: .unpadded) } : { try Base64URL.decode($0) }
            for c in UInt8.min...UInt8.max {
                let index = alphabet.firstIndex(of: c)
                for length in [2, 3, 4] {
                    for position in 0..<length {
                        var text = [UInt8](repeating: UInt8(ascii: "A"), count: length)
                        text[position] = c
                        let id = "\(name) alphabet, byte \(c) at \(position) of \(length)"
                        // In the last position of a tail only values with zero unused bits are canonical.
                        let unusedBits = length == 2 ? 4 : length == 3 ? 2 : 0
                        let canonical = position < length - 1 || index.map { $0 % (1 << unusedBits) == 0 } ?? false
                        if let value = index, canonical {
                            var bits = 0
                            for p in 0..<length { bits = bits << 6 | (p == position ? value : 0) }
                            bits >>= unusedBits
                            let expected = (0..<(length * 6 - unusedBits) / 8).reversed().map { UInt8(truncatingIfNeeded: bits >> ($0 * 8)) }
                            XCTAssertEqual(try decode(text), expected, id)
                        } else {
                            XCTAssertThrowsError(try decode(text), id)
                        }
                    }
                }
            }
        }
    }

    func testHexEveryCharacter() throws {
        let digits = Array("0123456789abcdef".utf8)
        for c in UInt8.min...UInt8.max {
            let lower = c >= 65 && c <= 90 ? c + 32 : c
            let id = "hex byte \(c)"
            if let value = digits.firstIndex(of: lower) {
                XCTAssertEqual(try Hex.decode([c, UInt8(ascii: "0")]), [UInt8(value << 4)], id)
                XCTAssertEqual(try Hex.decode([UInt8(ascii: "0"), c]), [UInt8(value)], id)
            } else {
                XCTAssertThrowsError(try Hex.decode([c, UInt8(ascii: "0")]), id)
                XCTAssertThrowsError(try Hex.decode([UInt8(ascii: "0"), c]), id)
            }
        }
        XCTAssertThrowsError(try Hex.decode("abc"), "odd length") { XCTAssertEqual(($0 as? CryptoError)?.code, .hexInvalid) }
        XCTAssertThrowsError(try Hex.decode("0x00"), "0x prefix")
        XCTAssertEqual(try Hex.decode(""), [])
    }

    /// Whitespace (CR, LF, space, tab) anywhere is skipped only when asked; anything else never is.
    func testWhitespaceSkippingForPEMBodies() throws {
        let whitespace = Array(" \t\r\n".utf8)
        for trial in 0..<300 {
            let data = randomBytes(Int.random(in: 1...120, using: &rng))
            var text = Base64.encodedBytes(data)
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                text.insert(whitespace.randomElement(using: &rng)!, at: Int.random(in: 0...text.count, using: &rng))
            }
            let id = "trial \(trial): \(String(decoding: text, as: UTF8.self).debugDescription)"
            XCTAssertEqual(try Base64.decode(text, ignoringWhitespace: true), data, id)
            XCTAssertThrowsError(try Base64.decode(text), id) { XCTAssertEqual(($0 as? CryptoError)?.code, .base64Invalid, id) }
            var other = text
            other.insert([UInt8(ascii: "."), 0x0B, 0x0C, 0x00, 0xA0].randomElement(using: &rng)!,
                         at: Int.random(in: 0...other.count, using: &rng))
            XCTAssertThrowsError(try Base64.decode(other, ignoringWhitespace: true), id + " with a non-whitespace character")
        }
        // A typical 64-column PEM body with CRLF line ends.
        let der = randomBytes(1217)
        let body = Base64.encode(der)
        var lines: [Substring] = []
        var rest = Substring(body)
        while !rest.isEmpty { lines.append(rest.prefix(64)); rest = rest.dropFirst(64) }
        XCTAssertEqual(try Base64.decode(lines.joined(separator: "\r\n") + "\r\n", ignoringWhitespace: true), der)
        XCTAssertEqual(try Base64.decode(Substring(body)), der)
    }

    func testErrorsCarryTheirCodes() {
        XCTAssertEqual(CryptoError.Code.base64Invalid.rawValue, "base64_invalid")
        XCTAssertEqual(CryptoError.Code.base64URLInvalid.rawValue, "base64url_invalid")
        XCTAssertEqual(CryptoError.Code.hexInvalid.rawValue, "hex_invalid")
    }
}
