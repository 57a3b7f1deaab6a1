import TestSupport
import XCTest
import Foundation

/// `purejwt jwt sign` and `purejwt jwt verify`, run as a process, against the JWT vectors and
/// against python's `cryptography` as an independent RS256 oracle.
final class JWTVerbTests: XCTestCase {
    var purejwt: URL!

    override func setUpWithError() throws { purejwt = try ProcessRunner.purejwt() }

    private func run(_ args: [String], stdin: [UInt8] = []) throws -> ProcessResult {
        try ProcessRunner.run(purejwt, args, stdin: stdin)
    }

    private func vector(_ path: String) -> String { Vectors.url(path).path }

    private func temp(_ bytes: [UInt8]) throws -> String { try temporaryFile(bytes, prefix: "jwt") }

    /// Every rs_tokens.json and hs_tokens.json token: sign verbatim header/payload → the same
    /// token; verify at verify_at → the payload.
    func testSignAndVerifyEveryVectorToken() throws {
        for (file, isHS) in [("generated/jwt/rs_tokens.json", false), ("generated/jwt/hs_tokens.json", true)] {
            let tokens = (try JSONSerialization.jsonObject(with: Data(contentsOf: Vectors.url(file))) as! [String: Any])["tokens"] as! [[String: Any]]
            for t in tokens {
                let id = t["id"] as! String
                let alg = t["alg"] as! String
                let key: String, verifyKey: String
                var extra: [String] = []
                if isHS {
                    key = try temp(hexBytes(t["secret_hex"] as! String))
                    verifyKey = key
                } else {
                    key = vector(t["private_key_file"] as! String)
                    verifyKey = vector(t["public_key_file"] as! String)
                    if key.contains("rsa1024") { extra = ["--unsafe-allow-small-key"] }
                }
                let header = try temp(Array((t["header_json"] as! String).utf8))
                let payload = try temp(Array((t["payload_json"] as! String).utf8))
                let signed = try run(["jwt", "sign", "--alg", alg, "--key", key, "--payload", payload, "--header", header] + extra)
                XCTAssertEqual(signed.status, 0, "\(file) \(id): \(signed.stderrText)")
                XCTAssertEqual(signed.stdoutText, (t["token"] as! String) + "\n", "\(file) \(id)")
                let verified = try run(["jwt", "verify", "--alg", alg, "--key", verifyKey, "--now", "\(t["verify_at"] as! Int)"] + extra,
                                       stdin: Array((t["token"] as! String + "\n").utf8))
                XCTAssertEqual(verified.status, 0, "\(file) \(id): \(verified.stderrText)")
                XCTAssertEqual(verified.stdoutText, (t["payload_json"] as! String) + "\n", "\(file) \(id)")
            }
        }
    }

    func testClaimsAreSerializedByTheLibraryAndAgreeWithPython() throws {
        let claims = try temp(Array(#"{"iss":"me","sub":"you","exp":4000000000,"url":"https://x/y"}"#.utf8))
        let key = vector("generated/keys/rsa2048/pkcs8.pem")
        let r = try run(["jwt", "sign", "--alg", "RS256", "--key", key, "--kid", "k1", "--claims", claims])
        XCTAssertEqual(r.status, 0, r.stderrText)
        let token = r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        // python `cryptography` verifies the RS256 signature independently and decodes the parts.
        let script = """
        import sys, base64, json
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import padding
        t = sys.stdin.read().strip(); h, p, s = t.split('.')
        d = lambda x: base64.urlsafe_b64decode(x + '=' * (-len(x) % 4))
        key = serialization.load_pem_public_key(open(sys.argv[1], 'rb').read())
        key.verify(d(s), (h + '.' + p).encode(), padding.PKCS1v15(), hashes.SHA256())
        print(d(h).decode()); print(d(p).decode())
        """
        let oracle = try ProcessRunner.oracle("python3", ["-c", script, vector("generated/keys/rsa2048/spki.pem")], stdin: Array(token.utf8))
        XCTAssertEqual(oracle.status, 0, oracle.stderrText)
        XCTAssertEqual(oracle.stdoutText, #"{"alg":"RS256","typ":"JWT","kid":"k1"}"# + "\n" + #"{"iss":"me","sub":"you","exp":4000000000,"url":"https://x/y"}"# + "\n")
        let v = try run(["jwt", "verify", "--alg", "RS256,RS384", "--key", vector("generated/jwt/jwks.json"), "--iss", "me", "--unsafe-allow-small-key", token])
        XCTAssertEqual(v.status, 1, "kid k1 is not in the JWK Set")
        XCTAssertTrue(v.stderrText.hasPrefix("purejwt: error[jwt_kid_unknown]: "), v.stderrText)
        let ok = try run(["jwt", "verify", "--alg", "RS256", "--key", vector("generated/keys/rsa2048/spki.pem"), "--iss", "me", "--aud", "nobody", token])
        XCTAssertEqual(ok.status, 1)
        XCTAssertTrue(ok.stderrText.hasPrefix("purejwt: error[jwt_claim_missing]: "), ok.stderrText)
    }

    /// Every negative JWT case fails with exit 1 and one of its accepted classes.
    func testEveryNegativeCaseFailsWithItsClass() throws {
        let file = "generated/jwt/negative_cases.json"
        let cases = (try JSONSerialization.jsonObject(with: Data(contentsOf: Vectors.url(file))) as! [String: Any])["cases"] as! [[String: Any]]
        for c in cases {
            let id = c["id"] as! String
            let v = c["verifier"] as! [String: Any]
            let expected = c["expected"] as! [String: Any]
            let acceptable = (expected["acceptable_error_classes"] as? [String]) ?? [expected["error_class"] as! String]
            let key: String
            if let secret = v["secret_hex"] as? String { key = try temp(hexBytes(secret)) }
            else if v["use"] as? String == "jwks_file" { key = vector(v["jwks_file"] as! String) }
            else { key = vector(v["key_file"] as! String) }
            let r = try run(["jwt", "verify", "--alg", (v["algorithms"] as! [String]).joined(separator: ","), "--key", key,
                             "--now", "\(v["verify_at"] as! Int)", "--leeway", "\(v["leeway_seconds"] as? Int ?? 0)",
                             "--unsafe-allow-small-key", c["token"] as! String])
            XCTAssertEqual(r.status, 1, "\(file) \(id)")
            XCTAssertTrue(r.stdout.isEmpty, "\(file) \(id): printed a payload")
            let code = r.stderrText.split(separator: "[").dropFirst().first?.split(separator: "]").first.map(String.init) ?? "?"
            XCTAssertTrue(acceptable.contains(code), "\(file) \(id): got \(code), expected one of \(acceptable)")
        }
    }

    func testUsageErrors() throws {
        let key = vector("generated/keys/rsa2048/pkcs8.pem")
        for (args, code) in [(["jwt", "sign", "--alg", "none", "--key", key, "--claims", key], "invalid_option_value"),
                             (["jwt", "sign", "--alg", "RS256", "--key", key], "missing_option"),
                             (["jwt", "verify", "--alg", "RS256,HS256", "--key", key, "x.y.z"], "conflicting_options")] {
            let r = try run(args)
            XCTAssertEqual(r.status, 2, "\(args)")
            XCTAssertTrue(r.stderrText.contains("error[\(code)]"), "\(args): \(r.stderrText)")
        }
        let pub = try run(["jwt", "sign", "--alg", "RS256", "--key", vector("generated/keys/rsa2048/spki.pem"), "--claims", try temp(Array("{}".utf8))])
        XCTAssertEqual(pub.status, 1)
        let pemAsSecret = try run(["jwt", "sign", "--alg", "HS256", "--key", key, "--claims", try temp(Array("{}".utf8))])
        XCTAssertEqual(pemAsSecret.status, 1)
        XCTAssertTrue(pemAsSecret.stderrText.contains("error[invalid_key]"), pemAsSecret.stderrText)
    }
}
