import XCTest
import PureCrypto

/// Finding 6: echoed text is one printable line of bounded length.
final class EchoTests: XCTestCase {
    func testControlAndFormatCharactersAreEscaped() {
        XCTAssertEqual(Echo.escaped("a\nb\u{1B}[2K\r\t\u{7F}\u{85}"), "a\\u{A}b\\u{1B}[2K\\u{D}\\u{9}\\u{7F}\\u{85}")
        XCTAssertEqual(Echo.escaped("x\u{202E}y\u{2028}z\u{200B}\u{FEFF}\u{E0041}"), "x\\u{202E}y\\u{2028}z\\u{200B}\\u{FEFF}\\u{E0041}")
        XCTAssertEqual(Echo.escaped("back\\slash"), "back\\\\slash")
        XCTAssertEqual(Echo.printable("back\\slash\n", maxBytes: 64), "back\\slash\\u{A}")
        // Letters of any script, marks and emoji stay.
        XCTAssertEqual(Echo.escaped("Kévin Ελληνικά 日本 e\u{301} 🔑"), "Kévin Ελληνικά 日本 e\u{301} 🔑")
        XCTAssertEqual(Echo.quoted("kid"), "'kid'")
    }

    func testLengthIsCappedAtACharacterBoundary() {
        let long = String(repeating: "é", count: 100)
        let shown = Echo.escaped(long, maxBytes: 11)
        XCTAssertEqual(shown, String(repeating: "é", count: 5) + "…")
        XCTAssertEqual(Echo.escaped(String(repeating: "\n", count: 100), maxBytes: 64).utf8.count, 60 + "…".utf8.count)
        XCTAssertEqual(Echo.escaped("short", maxBytes: 5), "short")
    }

    func testEveryScalarClassIsSafe() {
        // No output of any input holds a C0/C1 control, DEL, or a bidi/format character.
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let scalars = (0..<20).compactMap { _ in Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &rng)) }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            for s in Echo.escaped(text, maxBytes: 1000).unicodeScalars {
                XCTAssertFalse(Echo.needsEscape(s), "U+\(String(s.value, radix: 16)) passed through")
            }
        }
    }
}
