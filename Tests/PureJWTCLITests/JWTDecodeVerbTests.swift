import TestSupport
import XCTest
import Foundation

/// `purejwt jwt decode`: header and payload of a token, labelled unverified, from every token
/// form `jwt verify` takes; expected texts come from the JWT vectors.
final class JWTDecodeVerbTests: XCTestCase {
    var purejwt: URL!

    override func setUpWithError() throws { purejwt = try ProcessRunner.purejwt() }

    static let warning = "UNVERIFIED: signature not checked, claims not validated (use 'purejwt jwt verify' before trusting them)\n"

    private func vectorTokens() throws -> [[String: Any]] {
        let file = "generated/jwt/rs_tokens.json"
        return (try JSONSerialization.jsonObject(with: Data(contentsOf: Vectors.url(file))) as! [String: Any])["tokens"] as! [[String: Any]]
    }

    /// Foundation's reading of JSON text, the oracle for "the same JSON".
    private func parsed(_ text: some StringProtocol) throws -> NSDictionary {
        try JSONSerialization.jsonObject(with: Data(String(text).utf8)) as! NSDictionary
    }

    /// Every rs_tokens.json token, through the argument, a file, the environment and stdin: the
    /// warning line, then the vector's header and payload as one line of JSON each (re-written
    /// compactly: `box-rs256-escaped-slashes` shows `/` for its `\/`).
    func testEveryVectorTokenInEveryForm() throws {
        for t in try vectorTokens() {
            let id = "rs_tokens.json \(t["id"] as! String)"
            let token = t["token"] as! String
            let header = try parsed(t["header_json"] as! String), payload = try parsed(t["payload_json"] as! String)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("decode-\(UUID().uuidString)")
            try Data((token + "\n").utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let runs: [(String, ProcessResult)] = [
                ("argument", try ProcessRunner.run(purejwt, ["jwt", "decode", "--", token])),
                ("file", try ProcessRunner.run(purejwt, ["jwt", "decode", "--token-file", file.path])),
                ("env", try ProcessRunner.run(purejwt, ["jwt", "decode", "--token-env", "DECODE_TOKEN"], environment: ["DECODE_TOKEN": token])),
                ("stdin", try ProcessRunner.run(purejwt, ["jwt", "decode"], stdin: Array((token + "\n").utf8))),
            ]
            for (form, r) in runs {
                XCTAssertEqual(r.status, 0, "\(id) \(form): \(r.stderrText)")
                let lines = r.stdoutText.split(separator: "\n", omittingEmptySubsequences: false)
                XCTAssertEqual(lines.count, 4, "\(id) \(form): three lines: \(r.stdoutText)")
                guard lines.count == 4 else { continue }
                XCTAssertEqual(lines[0] + "\n", Self.warning, "\(id) \(form)")
                XCTAssertTrue(lines[1].hasPrefix("header: ") && lines[2].hasPrefix("payload: "), "\(id) \(form): \(r.stdoutText)")
                XCTAssertEqual(try parsed(lines[1].dropFirst("header: ".count)), header, "\(id) \(form)")
                XCTAssertEqual(try parsed(lines[2].dropFirst("payload: ".count)), payload, "\(id) \(form)")
                if !(t["payload_json"] as! String).contains("\\/") {
                    XCTAssertEqual(String(lines[2]), "payload: " + (t["payload_json"] as! String), "\(id) \(form): members in the token's order")
                }
            }
            let json = try ProcessRunner.run(purejwt, ["jwt", "decode", "--json"], stdin: Array(token.utf8))
            XCTAssertEqual(json.status, 0, "\(id) --json: \(json.stderrText)")
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout)) as! NSDictionary
            XCTAssertEqual(object["verified"] as? Bool, false, id)
            XCTAssertEqual(object["header"] as? NSDictionary, header, id)
            XCTAssertEqual(object["payload"] as? NSDictionary, payload, id)
        }
    }

    /// Decoding is not verifying: a token whose signature was altered still decodes, labelled.
    func testAnAlteredSignatureStillDecodesLabelledUnverified() throws {
        let t = try vectorTokens()[0]
        var token = t["token"] as! String
        token.removeLast(4)
        token += "AAAA"
        let r = try ProcessRunner.run(purejwt, ["jwt", "decode"], stdin: Array(token.utf8))
        XCTAssertEqual(r.status, 0, r.stderrText)
        XCTAssertTrue(r.stdoutText.hasPrefix(Self.warning), r.stdoutText)
    }

    /// Not a JWT: jwt_malformed or base64url_invalid, exit 1, one line, token not echoed.
    func testMalformedTokensAreRefused() throws {
        func b64(_ s: String) -> String {
            Data(s.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        }
        let cases: [(String, String)] = [
            ("not-a-token-secretish", "jwt_malformed"),
            ("a.b", "jwt_malformed"),
            ("\(b64(#"{"alg":"RS256"}"#)).\(b64("[1]")).c2ln", "jwt_malformed"),
            ("\(b64("[]")).\(b64("{}")).c2ln", "jwt_malformed"),
            ("e30=.e30.c2ln", "base64url_invalid"),
            ("", "jwt_malformed"),
        ]
        for (token, code) in cases {
            let r = try ProcessRunner.run(purejwt, ["jwt", "decode"], stdin: Array(token.utf8))
            XCTAssertEqual(r.status, 1, "\(token): \(r.stderrText)")
            XCTAssertTrue(r.stderrText.hasPrefix("purejwt: error[\(code)]: "), "\(token): \(r.stderrText)")
            XCTAssertEqual(r.stderrText.filter { $0 == "\n" }.count, 1, token)
            XCTAssertEqual(r.stdout, [], token)
            if !token.isEmpty { XCTAssertFalse(r.stderrText.contains(token), token) }
        }
        let both = try ProcessRunner.run(purejwt, ["jwt", "decode", "--token-env", "X", "--", "a.b.c"])
        XCTAssertEqual(both.status, 2)
        XCTAssertTrue(both.stderrText.hasPrefix("purejwt: error[conflicting_options]: "), both.stderrText)
    }

    /// A claim holding a bidi override or a zero-width character is shown as a JSON escape:
    /// the output is still JSON with the same value, and the terminal sees no raw format character.
    func testFormatCharactersInClaimsAreEscaped() throws {
        func b64(_ d: Data) -> String {
            d.base64EncodedString().replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        }
        let claims: [String: Any] = ["sub": "admin\u{202E}nimda\u{200B}", "emoji": "\u{1F600}"]
        let payload = try JSONSerialization.data(withJSONObject: claims)
        let token = b64(Data(#"{"alg":"RS256"}"#.utf8)) + "." + b64(payload) + ".c2ln"
        for json in [false, true] {
            let r = try ProcessRunner.run(purejwt, ["jwt", "decode"] + (json ? ["--json"] : []), stdin: Array(token.utf8))
            XCTAssertEqual(r.status, 0, r.stderrText)
            XCTAssertFalse(r.stdoutText.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x200B }, r.stdoutText)
            XCTAssertTrue(r.stdoutText.contains(#"\u202e"#), r.stdoutText)
            let line = json ? r.stdoutText : String(r.stdoutText.split(separator: "\n")[2].dropFirst("payload: ".count))
            let decoded = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let shown = (json ? decoded["payload"] as! [String: Any] : decoded)
            XCTAssertEqual(shown["sub"] as? String, claims["sub"] as? String)
            XCTAssertEqual(shown["emoji"] as? String, "\u{1F600}")
        }
    }
}
