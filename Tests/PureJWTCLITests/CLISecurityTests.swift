import TestSupport
import XCTest
import Foundation

/// The security findings as the command line sees them (issue 13): each test runs the built
/// `purejwt` and checks its exit status, its one stderr line and its output.
final class CLISecurityTests: XCTestCase {
    var purejwt: URL!
    let kelvin = "\u{212A}"

    override func setUpWithError() throws { purejwt = try ProcessRunner.purejwt() }

    private func run(_ args: [String], stdin: [UInt8] = [], environment: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.run(purejwt, args, stdin: stdin, environment: environment)
    }

    private func vector(_ path: String) -> String { Vectors.url(path).path }

    private func temp(_ bytes: [UInt8]) throws -> String { try temporaryFile(bytes, prefix: "cli-security") }

    private func assertError(_ result: ProcessResult, _ code: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(result.status, 1, "\(what): \(result.stderrText)", file: file, line: line)
        XCTAssertTrue(result.stderrText.hasPrefix("purejwt: error[\(code)]: "), "\(what): \(result.stderrText)", file: file, line: line)
        XCTAssertEqual(result.stderrText.filter { $0 == "\n" }.count, 1, "\(what): one line: \(result.stderrText)", file: file, line: line)
    }

    /// Finding 4 through the CLI: `--sub Kevin` refuses "\u{212A}evin", and a `kid` of
    /// "\u{212A}1" does not select the JWK "K1".
    func testCanonicallyEquivalentSubjectAndKidAreRefused() throws {
        let secret = try temp(Array("cli-security-tests-hmac-secret-0123456789".utf8))
        let claims = try temp(Array("{\"sub\":\"\(kelvin)evin\",\"exp\":4000000000}".utf8))
        let signed = try run(["jwt", "sign", "--alg", "HS256", "--key", secret, "--claims", claims])
        XCTAssertEqual(signed.status, 0, signed.stderrText)
        let token = signed.stdoutText.trimmingCharacters(in: .newlines)
        assertError(try run(["jwt", "verify", "--alg", "HS256", "--key", secret, "--sub", "Kevin"], stdin: Array(token.utf8)),
                    "jwt_subject_mismatch", "--sub Kevin against \\u{212A}evin")
        XCTAssertEqual(try run(["jwt", "verify", "--alg", "HS256", "--key", secret, "--sub", "\(kelvin)evin"], stdin: Array(token.utf8)).status, 0)

        // An RS256 token with kid "\u{212A}1" against a JWK Set whose one key is "K1".
        var jwk = try JSONSerialization.jsonObject(with: Data(contentsOf: Vectors.url("generated/keys/rsa2048/jwk_public.json"))) as! [String: Any]
        jwk["kid"] = "K1"
        let jwks = try temp([UInt8](JSONSerialization.data(withJSONObject: ["keys": [jwk]])))
        let rsClaims = try temp(Array("{\"exp\":4000000000}".utf8))
        for (kid, expected) in [("\(kelvin)1", "jwt_kid_unknown"), ("K1", "ok")] {
            let rs = try run(["jwt", "sign", "--alg", "RS256", "--key", vector("generated/keys/rsa2048/pkcs8.pem"), "--kid", kid, "--claims", rsClaims])
            XCTAssertEqual(rs.status, 0, rs.stderrText)
            let verified = try run(["jwt", "verify", "--alg", "RS256", "--key", jwks], stdin: rs.stdout)
            if expected == "ok" {
                XCTAssertEqual(verified.status, 0, "kid \(kid): \(verified.stderrText)")
            } else {
                assertError(verified, expected, "kid \(kid)")
            }
        }
    }

    /// Finding 5 through the CLI: `jwt sign` and `jwt verify` with an HS algorithm refuse a
    /// key file as the secret, in the forms the review got through.
    func testKeyFilesAreRefusedAsHMACSecrets() throws {
        let spkiPEM = [UInt8](try Data(contentsOf: Vectors.url("generated/keys/rsa2048/spki.pem")))
        let jwk = String(decoding: try Data(contentsOf: Vectors.url("generated/keys/rsa2048/jwk_public.json")), as: UTF8.self)
        let forms: [(String, String)] = [
            ("SPKI DER", vector("generated/keys/rsa2048/spki.der")),
            ("PEM after a BOM", try temp([0xEF, 0xBB, 0xBF] + spkiPEM)),
            ("PEM after a comment line", try temp(Array("# key\n".utf8) + spkiPEM)),
            ("JWK Set", try temp(Array("{\"keys\":[\(jwk)]}".utf8))),
            ("JWK with a duplicate member", try temp(Array(jwk.replacingOccurrences(of: "\"use\":\"sig\"", with: "\"use\":\"sig\",\"use\":\"sig\"").utf8))),
        ]
        let claims = try temp(Array("{\"exp\":4000000000}".utf8))
        // A token for the verify side: any well-formed HS256 token will do.
        let secret = try temp(Array("cli-security-tests-hmac-secret-0123456789".utf8))
        let token = try run(["jwt", "sign", "--alg", "HS256", "--key", secret, "--claims", claims]).stdout
        for (name, path) in forms {
            assertError(try run(["jwt", "sign", "--alg", "HS256", "--key", path, "--claims", claims]), "invalid_key", "sign with \(name)")
            assertError(try run(["jwt", "verify", "--alg", "HS256", "--key", path], stdin: token), "invalid_key", "verify with \(name)")
        }
    }

    /// Finding 13 through the CLI: the vector JWK Set (a 2048-bit and a 1024-bit key) loads
    /// without --unsafe-allow-small-key; a token naming the 1024-bit key fails with
    /// `jwt_kid_refused`, one naming the other verifies.
    func testJWKSetSkipsTheRefusedKeyAndNamesIt() throws {
        let tokens = (try JSONSerialization.jsonObject(with: Data(contentsOf: Vectors.url("generated/jwt/rs_tokens.json"))) as! [String: Any])["tokens"] as! [[String: Any]]
        for t in tokens where (t["alg"] as! String) == "RS256" {
            let kid = t["kid"] as! String
            let result = try run(["jwt", "verify", "--alg", "RS256", "--key", vector("generated/jwt/jwks.json"), "--now", "\(t["verify_at"] as! Int)"],
                                 stdin: Array((t["token"] as! String).utf8))
            if kid == "vgk1shrd" {
                XCTAssertEqual(result.status, 0, "\(t["id"]!): \(result.stderrText)")
            } else {
                assertError(result, "jwt_kid_refused", "\(t["id"]!) (kid \(kid))")
                XCTAssertTrue(result.stderrText.contains("key_size_not_allowed"), result.stderrText)
            }
        }
    }

    /// Finding 6: a crafted `kid` with a newline and ANSI escapes used to print three stderr
    /// lines, one a forged `purejwt: error[ok]: token accepted`. Now one line, escaped.
    func testCraftedKidIsOneEscapedLine() throws {
        let forged = "k1\u{202E}\n\u{1B}[2K\rpurejwt: error[ok]: token accepted\n"
        let claims = try temp(Array("{\"exp\":4000000000}".utf8))
        let signed = try run(["jwt", "sign", "--alg", "RS256", "--key", vector("generated/keys/rsa2048/pkcs8.pem"), "--kid", forged, "--claims", claims])
        XCTAssertEqual(signed.status, 0, signed.stderrText)
        var jwk = try JSONSerialization.jsonObject(with: Data(contentsOf: Vectors.url("generated/keys/rsa2048/jwk_public.json"))) as! [String: Any]
        jwk["kid"] = "K1"
        let jwks = try temp([UInt8](JSONSerialization.data(withJSONObject: ["keys": [jwk]])))
        let result = try run(["jwt", "verify", "--alg", "RS256", "--key", jwks], stdin: signed.stdout)
        assertError(result, "jwt_kid_unknown", "crafted kid")
        XCTAssertFalse(result.stderr.contains(0x1B) || result.stderr.contains(0x0D), result.stderrText)
        XCTAssertTrue(result.stderrText.contains("\\u{1B}") && result.stderrText.contains("\\u{202E}"), result.stderrText)
        // An unknown verb and option are echoed the same way.
        for args in [["\u{1B}]0;title\u{7}verb"], ["hash", "--\u{1B}[1moption"]] {
            let r = try run(args)
            XCTAssertEqual(r.status, 2)
            XCTAssertFalse(r.stderr.contains(0x1B) || r.stderr.contains(0x07), r.stderrText)
            XCTAssertEqual(r.stderrText.filter { $0 == "\n" }.count, 1, r.stderrText)
        }
    }

    /// Finding 10: `hmac` takes its key and `jwt verify` its token from a file, stdin or the
    /// environment, so neither has to appear in argv; both forms agree with the argv form.
    func testHMACKeyAndJWTTokenWithoutArgv() throws {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let data = try temp(Array("what do ya want for nothing?".utf8))
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843\n"
        let keyFile = try temp(Array("4a656665\n".utf8))
        for (args, env, stdin) in [(["--key-hex-file", keyFile], [String: String](), [UInt8]()),
                                   (["--key-hex-env", "PUREJWT_TEST_KEY"], ["PUREJWT_TEST_KEY": "4a656665"], []),
                                   (["--key-hex-file", "-"], [:], Array("4a656665".utf8)),
                                   (["--key-hex", "4a656665"], [:], [])] {
            let r = try run(["hmac", "--alg", "sha256"] + args + [data], stdin: stdin, environment: env)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderrText)")
            XCTAssertEqual(r.stdoutText, expected, "\(args)")
        }
        XCTAssertEqual(try run(["hmac", "--alg", "sha256", "--key-hex-file", keyFile, "--key-hex", "00", data]).status, 2)
        XCTAssertEqual(try run(["hmac", "--alg", "sha256", "--key-hex-file", "-"], stdin: Array("00".utf8)).status, 2, "key and input both on stdin")
        assertError(try run(["hmac", "--alg", "sha256", "--key-hex-env", "PUREJWT_UNSET_VARIABLE", data]), "input_unreadable", "unset variable")

        let secret = try temp(Array("cli-security-tests-hmac-secret-0123456789".utf8))
        let claims = try temp(Array("{\"sub\":\"x\",\"exp\":4000000000}".utf8))
        let token = try run(["jwt", "sign", "--alg", "HS256", "--key", secret, "--claims", claims]).stdoutText
        let tokenFile = try temp(Array(token.utf8))
        for (args, env) in [(["--token-file", tokenFile], [String: String]()), (["--token-env", "PUREJWT_TEST_TOKEN"], ["PUREJWT_TEST_TOKEN": token])] {
            let r = try run(["jwt", "verify", "--alg", "HS256", "--key", secret] + args, environment: env)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderrText)")
            XCTAssertEqual(r.stdoutText, "{\"sub\":\"x\",\"exp\":4000000000}\n")
        }
    }

    /// Finding 12: `key convert --out` never writes through a symbolic link, never replaces a
    /// file without --force, and makes private-key files 0600 from their creation (also when
    /// --force replaces a 0644 file, and whatever the umask).
    func testKeyConvertOutputIsCreatedSafely() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("convert-out-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? fm.removeItem(at: dir) }
        let key = vector("generated/keys/rsa2048/pkcs8.pem")
        func mode(_ path: String) throws -> Int { (try fm.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber).intValue }

        // A symbolic link to a file the attacker wants overwritten (or read later).
        let victim = dir.appendingPathComponent("victim.txt").path
        try Data("precious".utf8).write(to: URL(fileURLWithPath: victim))
        let link = dir.appendingPathComponent("link.pem").path
        try fm.createSymbolicLink(atPath: link, withDestinationPath: victim)
        for force in [false, true] {
            assertError(try run(["key", "convert", "--in", key, "--to", "pkcs1", "--out", link] + (force ? ["--force"] : [])),
                        "output_is_symlink", "--out through a symlink (force \(force))")
        }
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "precious")

        // An existing file: refused without --force; replaced with it, 0600.
        let existing = dir.appendingPathComponent("existing.pem").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: existing))
        try fm.setAttributes([.posixPermissions: 0o644], ofItemAtPath: existing)
        assertError(try run(["key", "convert", "--in", key, "--to", "pkcs1", "--out", existing]), "output_exists", "existing file")
        XCTAssertEqual(try String(contentsOfFile: existing, encoding: .utf8), "old")
        XCTAssertEqual(try run(["key", "convert", "--in", key, "--to", "pkcs1", "--out", existing, "--force"]).status, 0)
        XCTAssertTrue(try String(contentsOfFile: existing, encoding: .utf8).hasPrefix("-----BEGIN RSA PRIVATE KEY-----"))
        XCTAssertEqual(try mode(existing), 0o600)

        // A new private file under umask 000 is 0600; a public one 0644.
        let shell = URL(fileURLWithPath: "/bin/sh")
        let fresh = dir.appendingPathComponent("fresh.pem").path, pub = dir.appendingPathComponent("pub.pem").path
        for (out, to, expected) in [(fresh, "pkcs8", 0o600), (pub, "spki", 0o644)] {
            let r = try ProcessRunner.run(shell, ["-c", "umask 000; exec \"$0\" key convert --in \"$1\" --to \(to) --out \"$2\"", purejwt.path, key, out])
            XCTAssertEqual(r.status, 0, r.stderrText)
            XCTAssertEqual(try mode(out), expected, out)
        }
        XCTAssertFalse(try fm.contentsOfDirectory(atPath: dir.path).contains { $0.hasPrefix(".purejwt-") }, "a temporary file was left behind")
    }
}
