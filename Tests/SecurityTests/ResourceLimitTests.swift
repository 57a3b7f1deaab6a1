import BoxAuth
import Foundation
import PureCrypto
import PureKeys
import PureJWT
import TestSupport
import XCTest

/// Hostile sizes and depths, generated here: each is rejected with a clear error before any
/// work proportional to the hostile quantity (so the test stays fast in a debug build; it
/// times nothing: a missing limit shows as a test that hangs or runs out of memory).
final class ResourceLimitTests: XCTestCase {
    private let hundredMB = 100 << 20

    private func assertRejected<T>(_ code: CryptoError.Code, _ what: String, _ body: () throws(CryptoError) -> T,
                                   file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try body()
            XCTFail("\(what): accepted", file: file, line: line)
        } catch {
            XCTAssertEqual(error.code, code, "\(what): \(error)", file: file, line: line)
        }
    }

    func testHundredMegabytePEMIsRejectedBeforeDecoding() {
        var pem = Array("-----BEGIN PRIVATE KEY-----\n".utf8)
        let line = Array(String(repeating: "A", count: 64).utf8) + [0x0A]
        pem.reserveCapacity(hundredMB + 64)
        while pem.count < hundredMB { pem += line }
        pem += Array("-----END PRIVATE KEY-----\n".utf8)
        assertRejected(.inputTooLarge, "100 MB PEM via RSAKey.load") { () throws(CryptoError) in try RSAKey.load(pem) }
        assertRejected(.inputTooLarge, "100 MB PEM via PEMDocument") { () throws(CryptoError) in try PEMDocument(pemEncoded: pem) }
        assertRejected(.inputTooLarge, "100 MB PEM via RSAPrivateKey") { () throws(CryptoError) in try RSAPrivateKey(importing: pem) }
    }

    /// 10,000 nested SEQUENCEs (definite lengths, every one correct).
    private func nestedDER(depth: Int) -> [UInt8] {
        var der: [UInt8] = [0x05, 0x00]  // NULL at the bottom
        for _ in 0..<depth {
            let n = der.count
            let length: [UInt8] = n < 0x80 ? [UInt8(n)]
                : n < 0x100 ? [0x81, UInt8(n)]
                : n < 0x10000 ? [0x82, UInt8(n >> 8), UInt8(n & 0xFF)]
                : [0x83, UInt8(n >> 16), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)]
            der = [0x30] + length + der
        }
        return der
    }

    func testDERNestedTenThousandDeepIsRejected() {
        let der = nestedDER(depth: 10_000)
        assertRejected(.derInvalid, "DER nested 10,000 deep via DER.validate") { () throws(CryptoError) in try DER.validate(der) }
        assertRejected(.derInvalid, "DER nested 10,000 deep via RSAKey.load") { () throws(CryptoError) in try RSAKey.load(der) }
        let pem = PEMDocument(label: "PRIVATE KEY", derBytes: der).pemString
        assertRejected(.derInvalid, "DER nested 10,000 deep in a PEM") { () throws(CryptoError) in try RSAKey.load(Array(pem.utf8)) }
    }

    func testHundredMegabyteJWTIsRejectedBeforeParsing() throws {
        let verifier = JWTVerifier(algorithms: [.hs256], key: try .hmac(Array(repeating: 0x61, count: 32)))
        var token = [UInt8](repeating: UInt8(ascii: "A"), count: hundredMB)
        token[10] = UInt8(ascii: ".")
        token[hundredMB - 10] = UInt8(ascii: ".")
        do {
            _ = try verifier.verify(token)
            XCTFail("100 MB JWT accepted")
        } catch {
            XCTAssertEqual(error.code, .tooLarge, "100 MB JWT: \(error)")
        }
    }

    private func nestedJSON(depth: Int) -> [UInt8] {
        Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
    }

    func testJSONNestedHundredThousandDeepIsRejected() throws {
        let deep = nestedJSON(depth: 100_000)
        var deepObject: [UInt8] = Array(repeating: Array(#"{"a":"#.utf8), count: 100_000).flatMap { $0 }
        deepObject += [0x31] + Array(repeating: UInt8(ascii: "}"), count: 100_000)
        let cases: [(String, [UInt8])] = [("arrays", deep), ("objects", deepObject)]
        for (name, json) in cases {
            assertRejected(.jsonInvalid, "JSON \(name) nested 100,000 deep") { () throws(CryptoError) in try JSONValue(parsing: json) }
            assertRejected(.jwkInvalid, "JWK \(name) nested 100,000 deep") { () throws(CryptoError) in try RSAJWK(jsonBytes: json) }
            XCTAssertThrowsError(try JWTKeySet(jwks: json), "JWK Set \(name) nested 100,000 deep")
            XCTAssertThrowsError(try BoxConfig(json: Data(json)), "Box config \(name) nested 100,000 deep")
            XCTAssertThrowsError(try AccessToken(responseBody: Data(json), requestedAt: Date()), "token response \(name) nested 100,000 deep")
        }
        // As a JWT header: within the verifier's size cap the header is still far too deep.
        let verifier = JWTVerifier(algorithms: [.hs256], key: try .hmac(Array(repeating: 0x61, count: 32)))
        var big = verifier
        big.maxTokenBytes = 1 << 20
        let token = Base64URL.encode(deep) + "." + Base64URL.encode(Array("{}".utf8)) + ".c2ln"
        for (v, code) in [(verifier, JWTError.Code.tooLarge), (big, .malformed)] {
            XCTAssertThrowsError(try v.verify(token), "JWT header nested 100,000 deep (cap \(v.maxTokenBytes))") { error in
                XCTAssertEqual((error as? JWTError)?.code, code, "\(error)")
            }
        }
    }

    /// Finding 1 end to end: the scrypt vector with p raised from 1 to 64 (16 MiB, well under
    /// the memory cap; minutes of work) is refused before derivation by the Box client reading
    /// config.json and by a CLI verb, with the key layer's `scrypt_work_limit_exceeded`.
    func testScryptWorkCapFromBoxConfigAndCLI() throws {
        let path = "generated/keys/rsa2048/pkcs8_scrypt_aes256_N16384_r8_p1.pem"
        let passphrase = "VectorGen shared passphrase #1"
        var der = try PEMDocument(pemEncoded: SecurityVectors.bytes(path)).derBytes
        // scrypt-params: ... INTEGER 16384, INTEGER 8, INTEGER 1: rewrite p in place (same length).
        let params: [UInt8] = [0x02, 0x02, 0x40, 0x00, 0x02, 0x01, 0x08, 0x02, 0x01, 0x01]
        let at = try XCTUnwrap((0...(der.count - params.count)).first { Array(der[$0..<($0 + params.count)]) == params }, path)
        der[at + params.count - 1] = 64
        let pem = PEMDocument(label: "ENCRYPTED PRIVATE KEY", derBytes: der).pemString
        let config = BoxConfig(clientID: "c", clientSecret: "s", publicKeyID: "k", privateKeyPEM: pem,
                               passphrase: passphrase, enterpriseID: "1")
        XCTAssertThrowsError(try BoxAuthClient(config: config), "\(path) with p = 64 in config.json") { error in
            XCTAssertEqual((error as? BoxAuthError)?.innermostCode, "scrypt_work_limit_exceeded", "\(error)")
        }
        let binary = try ProcessRunner.purejwt()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-scrypt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let keyFile = dir.appendingPathComponent("key.pem")
        try Data(pem.utf8).write(to: keyFile)
        let run = try ProcessRunner.run(binary, ["key", "show", "--passphrase-env", "PUREJWT_TEST_PASS", "--in", keyFile.path],
                                      environment: ["PUREJWT_TEST_PASS": passphrase])
        XCTAssertEqual(run.status, 1, run.stderrText)
        XCTAssertTrue(run.stderrText.contains("error[scrypt_work_limit_exceeded]"), run.stderrText)
    }

    // The other two limits of the list, an iteration count of 2^31 and scrypt N = 2^30, live
    // beside the encrypted-key loader they guard: PureCryptoTests/Keys/EncryptedKeyHostileInputTests
    // (testHugeIterationCounts, testHugeScryptN) rewrites real encrypted vector files with those
    // parameters and expects invalid_iteration_count and scrypt_memory_limit_exceeded before any
    // derivation starts.
}
