import BoxAuth
import Foundation
@_spi(Hazmat) import PureCrypto
import PureKeys
import PureJWT
import TestSupport
import XCTest

/// Feeds every key, config and token input in Vectors/ through `description`, `debugDescription`,
/// the errors and every CLI verb, and asserts that no output contains key material (private
/// numbers in hex/base64/byte arrays, PEM bodies), a passphrase, a client secret or a token.
class SecretHygieneChecks: XCTestCase {
    /// Everything a person or a log could see of a value.
    func renderings(_ value: Any) -> [String] {
        var out = [String(describing: value), String(reflecting: value)]
        if let error = value as? Error { out.append(error.localizedDescription) }
        return out
    }

    func assertClean(_ value: Any, _ context: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line) {
        for text in renderings(value) {
            let leaks = SecurityVectors.leaks(in: text)
            XCTAssert(leaks.isEmpty, "\(context()): output shows \(leaks.joined(separator: "; "))", file: file, line: line)
        }
    }

}

/// The fast part, in every `swift test`.
final class SecretHygieneTests: SecretHygieneChecks {
    func testSecretsWereFound() {
        // The check below is only as good as this list: it must know the vectors' secrets.
        let kinds = Set(SecurityVectors.secrets.map { $0.what.components(separatedBy: ": ").last! })
        for kind in ["private number d", "private number p", "passphrase", "Box client secret", "token", "PEM body", "HMAC secret"] {
            XCTAssert(kinds.contains(kind), "no '\(kind)' secret found in Vectors/")
        }
        // And it must recognize one when it sees it.
        let pem = String(decoding: SecurityVectors.bytes("generated/keys/rsa2048/pkcs8.pem"), as: UTF8.self)
        XCTAssertFalse(SecurityVectors.leaks(in: pem).isEmpty, "the detector misses a PEM body")
    }

    func testBoxConfigDescriptionsAndErrors() throws {
        for path in SecurityVectors.boxConfigs {
            let data = Data(SecurityVectors.bytes(path))
            let config = try BoxConfig(json: data)
            assertClean(config, path)
            var wrong = config
            wrong.passphrase = "not the passphrase"
            for candidate in [config, wrong] {
                do {
                    assertClean(try BoxAuthClient(config: candidate, privateKey: nil), path)
                } catch {
                    assertClean(error, "\(path): client from config")
                }
            }
            // A config damaged in each field: the error must not echo the rest of the file.
            var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            var settings = object["boxAppSettings"] as! [String: Any]
            settings["clientSecret"] = 12
            object["boxAppSettings"] = settings
            do {
                _ = try BoxConfig(json: JSONSerialization.data(withJSONObject: object))
                XCTFail("\(path): a numeric clientSecret was accepted")
            } catch {
                assertClean(error, "\(path): damaged config")
            }
            do {
                _ = try BoxConfig(json: data.dropLast(5))
                XCTFail("\(path): truncated config accepted")
            } catch {
                assertClean(error, "\(path): truncated config")
            }
        }
    }

    func testTokensAndVerificationErrors() throws {
        let secret = Array("a-verifier-secret-that-matches-nothing-0123456789".utf8)
        let rsa = try RSAPublicKey(importing: SecurityVectors.bytes("generated/keys/rsa2048/spki.pem"))
        let verifiers = [
            JWTVerifier(algorithms: JWSAlgorithm.allCases, key: try .hmac(secret)),
            JWTVerifier(algorithms: JWSAlgorithm.allCases, key: try .rsa(rsa)),
        ]
        var tokens = 0
        for (path, d) in SecurityVectors.jsonDictionaries {
            guard let token = d["token"] as? String else { continue }
            tokens += 1
            for verifier in verifiers {
                do {
                    _ = try verifier.verify(token)
                } catch {
                    assertClean(error, "\(path) token \(d["id"] ?? "?")")
                }
            }
            // An access token response carrying it: the token never shows.
            let body = try JSONSerialization.data(withJSONObject: ["access_token": token, "expires_in": 3600, "token_type": "bearer"])
            assertClean(try AccessToken(responseBody: body, requestedAt: Date()), "\(path): access token")
            for broken in [body.dropLast(2), try JSONSerialization.data(withJSONObject: ["access_token": token, "expires_in": "soon"])] {
                do {
                    _ = try AccessToken(responseBody: broken, requestedAt: Date())
                    XCTFail("\(path): a broken token response was accepted")
                } catch {
                    assertClean(error, "\(path): broken token response")
                }
            }
        }
        XCTAssertGreaterThan(tokens, 10, "no tokens found in Vectors/")
        for (path, d) in SecurityVectors.jsonDictionaries {
            guard let hex = d["secret_hex"] as? String, let secret = try? Hex.decode(hex), !secret.isEmpty else { continue }
            do {
                assertClean(try JWTVerificationKey.hmac(secret), path)
            } catch {
                assertClean(error, path)
            }
            if let alg = (d["alg"] as? String).flatMap(JWSAlgorithm.init(rawValue:)) {
                do {
                    assertClean(try JWTSigningKey.hmac(secret, algorithm: alg), path)
                } catch {
                    assertClean(error, path)
                }
            }
        }
    }

}

/// Every key file through every loader and every CLI verb: hundreds of RSA key checks and
/// process launches, so it runs optimized, in `.ci/run`'s `swift test -c release --filter Heavy`.
final class SecretHygieneHeavyTests: SecretHygieneChecks {
    override func setUpWithError() throws {
        #if DEBUG
        if ProcessInfo.processInfo.environment["PUREJWT_HEAVY"] == nil {
            throw XCTSkip("heavy: run with `swift test -c release --filter Heavy` (or PUREJWT_HEAVY=1)")
        }
        #endif
    }

    func testKeyLoadingDescriptionsAndErrors() {
        for path in SecurityVectors.keyFiles {
            let bytes = SecurityVectors.bytes(path)
            let passphrases: [[UInt8]?] = [nil, Array("not the passphrase".utf8)]
                + (SecurityVectors.passphrases[path] ?? []).map { Array($0.utf8) }
            for passphrase in passphrases {
                let context = "\(path) (passphrase \(passphrase == nil ? "none" : "given"))"
                do {
                    let (key, format) = try RSAKey.load(bytes, passphrase: passphrase, options: .unsafeAllowSmallKeys)
                    assertClean(key, context)
                    assertClean(format, context)
                    assertClean(key.material, context)
                    assertClean(key.material.numbers.crt as Any, context)
                    if let privateKey = key.privateKey {
                        assertClean(privateKey, context)
                        assertClean(privateKey.numbers, context + " numbers")
                        assertClean(privateKey.jwk, context)
                        assertClean(RSAKeyMaterial(jwk: privateKey.jwk), context)
                        assertClean(try JWTSigningKey.rsa(privateKey, algorithm: .rs256), context)
                    }
                } catch {
                    assertClean(error, context)
                }
                do {
                    assertClean(try PEMDocument(pemEncoded: bytes), path)
                } catch {
                    assertClean(error, path)
                }
                do {
                    assertClean(try RSAJWK(jsonBytes: bytes), path)
                } catch {
                    assertClean(error, path)
                }
            }
        }
    }

    /// How each verb is given a key or config file (`FILE`); verbs not listed get the generic
    /// forms. `key convert` is run to public formats only: writing a private key out is its job.
    private static let verbArguments: [String: [[String]]] = [
        "key show": [["--in", "FILE", "--passphrase-env", "PUREJWT_TEST_PASSPHRASE"], ["--in", "-"]],
        "key convert": ["spki", "rsa-public", "jwk-public"].map {
            ["--in", "FILE", "--to", $0, "--passphrase-env", "PUREJWT_TEST_PASSPHRASE"]
        },
        "sign": [["--alg", "RS256", "--key", "FILE", "--passphrase-env", "PUREJWT_TEST_PASSPHRASE", "FILE"]],
        "verify": [["--alg", "RS256", "--key", "FILE", "--signature", "AAAA", "FILE"]],
    ]
    private static let genericArguments: [[String]] = [["FILE"], ["--in", "FILE"], ["--key", "FILE", "FILE"], ["-"]]

    /// One `purejwt` run of the sweep below.
    private struct CLIRun: Sendable {
        var arguments: [String]
        var stdin: [UInt8]
        var passphrase: String
        var path: String
    }

    /// What the runs printed that they should not have, gathered from every worker thread.
    private final class Findings: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [String] = []
        func add(_ message: String) { lock.lock(); messages.append(message); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return messages }
    }

    func testEveryCLIVerb() throws {
        let binary = try ProcessRunner.purejwt()
        let verbs = try SecurityCLI.verbs(binary)
        XCTAssertGreaterThan(verbs.count, 1, "purejwt --help lists no verbs")
        let inputs = SecurityVectors.keyFiles + SecurityVectors.boxConfigs
        var runs: [CLIRun] = []
        for verb in verbs {
            let forms = Self.verbArguments[verb.joined(separator: " ")] ?? Self.genericArguments
            for path in inputs {
                let url = SecurityVectors.root.appendingPathComponent(path)
                let passphrase = SecurityVectors.passphrases[path]?.first ?? "not the passphrase"
                for form in forms {
                    runs.append(CLIRun(arguments: verb + form.map { $0 == "FILE" ? url.path : $0 },
                                       stdin: form.contains("-") ? SecurityVectors.bytes(path) : [],
                                       passphrase: passphrase, path: path))
                }
            }
        }
        // The runs are independent processes: one per core at a time, so the sweep's time is
        // divided by the cores rather than added up.
        let findings = Findings()
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let sweep = runs
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for run in stride(from: worker, to: sweep.count, by: workers).map({ sweep[$0] }) {
                let command = "purejwt \(run.arguments.joined(separator: " ")) (\(run.path))"
                do {
                    let result = try ProcessRunner.run(binary, run.arguments, stdin: run.stdin,
                                                       environment: ["PUREJWT_TEST_PASSPHRASE": run.passphrase])
                    for (stream, text) in [("stdout", result.stdoutText), ("stderr", result.stderrText)] {
                        let leaks = SecurityVectors.leaks(in: text)
                        if !leaks.isEmpty { findings.add("\(command): \(stream) shows \(leaks.joined(separator: "; "))") }
                    }
                } catch {
                    findings.add("\(command): could not run: \(error)")
                }
            }
        }
        XCTAssertGreaterThan(runs.count, verbs.count, "the sweep ran no verb on any input")
        for finding in findings.all { XCTFail(finding) }
    }
}

/// Types whose state is key-derived in a form the text search above cannot recognize (hash
/// states, round keys): their description must be the redacted one, not the stored words.
final class RedactedStateTests: XCTestCase {
    func testKeyedStateIsNotDescribed() throws {
        let key = Array("a secret key that must not be described".utf8)
        for text in [String(describing: HMAC<SHA256>(key: key)), String(reflecting: HMAC<SHA256>(key: key)),
                     String(describing: try AES(key: Array(key.prefix(32)))), String(reflecting: try AES(key: Array(key.prefix(16))))] {
            XCTAssert(text.contains("redacted") && !text.contains(","), "keyed state described as: \(text.prefix(200))")
        }
    }
}
