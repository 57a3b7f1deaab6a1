import Foundation
@_spi(Hazmat) import PureCrypto
import PureKeys
import TestSupport
import XCTest

final class PEMTests: XCTestCase {
    private func expectCode(_ text: String, _ code: CryptoError.Code, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try PEMDocument(pemEncoded: text), "case \(name)", file: file, line: line) {
            XCTAssertEqual(($0 as? CryptoError)?.code, code, "case \(name): \($0)", file: file, line: line)
        }
    }

    /// RFC 7468 §2 leniency and strictness, on a small body ("hello" = aGVsbG8=).
    func testArmorRules() throws {
        let ok: [(String, String)] = [
            ("plain", "-----BEGIN X-----\naGVsbG8=\n-----END X-----\n"),
            ("CRLF", "-----BEGIN X-----\r\naGVs\r\nbG8=\r\n-----END X-----\r\n"),
            ("no final newline", "-----BEGIN X-----\naGVsbG8=\n-----END X-----"),
            ("text around", "Subject: x\n\n-----BEGIN X-----\naGVsbG8=\n-----END X-----\ntrailer text\n"),
            ("trailing spaces", "-----BEGIN X-----  \naGVsbG8=  \n-----END X----- \n"),
            ("rewrapped", "-----BEGIN X-----\naG\nVsb\nG8=\n-----END X-----\n"),
        ]
        for (name, text) in ok {
            let doc = try PEMDocument(pemEncoded: text)
            XCTAssertEqual(doc.label, "X", name)
            XCTAssertEqual(doc.derBytes, Array("hello".utf8), name)
            XCTAssertEqual(doc.headers, [], name)
        }
        expectCode("", .pemMalformed, "empty")
        expectCode("aGVsbG8=\n", .pemMalformed, "no armor")
        expectCode("-----BEGIN X-----\naGVsbG8=\n", .pemMalformed, "no END")
        expectCode("-----BEGIN X-----\naGVsbG8=\n-----END Y-----\n", .pemMalformed, "mismatched labels")
        expectCode("-----BEGIN X-----\n-----END X-----\n", .pemMalformed, "empty body")
        expectCode("-----BEGIN X-----\naGVsbG8*\n-----END X-----\n", .base64Invalid, "illegal character")
        expectCode("-----BEGIN X-----\naGVs=bG8\n-----END X-----\n", .base64Invalid, "misplaced padding")
    }

    func testWriterIsStrictRFC7468() throws {
        let body = [UInt8](0..<100)
        let text = PEMDocument(label: "PRIVATE KEY", derBytes: body).pemString
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.first, "-----BEGIN PRIVATE KEY-----")
        XCTAssertEqual(lines[1].count, 64, "64-column lines")
        XCTAssertEqual(lines[lines.count - 2], "-----END PRIVATE KEY-----")
        XCTAssertEqual(lines.last, "", "final newline")
        XCTAssertEqual(try PEMDocument(pemEncoded: text).derBytes, body)
    }

    /// RFC 1421 headers of every legacy encrypted vector file, compared with the file text.
    func testLegacyHeaders() throws {
        let folder = "generated/keys/rsa2048"
        let names = try FileManager.default.contentsOfDirectory(atPath: Vectors.url(folder).path).filter { $0.hasPrefix("legacy_") }.sorted()
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let text = try Vectors.text("\(folder)/\(name)")
            let doc = try PEMDocument(pemEncoded: text)
            // The header lines as written in the file, parsed here independently.
            let dekLine = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("DEK-Info: ") }, name)
            let parts = dekLine.dropFirst("DEK-Info: ".count).split(separator: ",")
            XCTAssertTrue(doc.isLegacyEncrypted, name)
            XCTAssertEqual(doc.header(named: "proc-type"), "4,ENCRYPTED", name)
            XCTAssertEqual(doc.dekInfo?.algorithm, String(parts[0]), name)
            XCTAssertEqual(doc.dekInfo?.parameters, String(parts[1]), name)
            XCTAssertEqual(doc.label, "RSA PRIVATE KEY", name)
        }
        let plain = try PEMDocument(pemEncoded: try Vectors.text("\(folder)/pkcs1.pem"))
        XCTAssertFalse(plain.isLegacyEncrypted)
        XCTAssertNil(plain.dekInfo)
        // Headers re-serialize, and continuation lines join.
        let doc = try PEMDocument(pemEncoded: "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,\n 00112233\n\naGVsbG8=\n-----END RSA PRIVATE KEY-----\n")
        XCTAssertEqual(doc.dekInfo?.parameters, "00112233")
        XCTAssertEqual(try PEMDocument(pemEncoded: doc.pemString), doc)
    }
}
