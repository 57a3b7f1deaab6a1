import Foundation
import PureCrypto
import PureKeys
import TestSupport
import XCTest

/// Every encrypted key in the vectors opens with its passphrase to the expected numbers, and
/// every encrypted-key negative case fails with its class.
final class EncryptedKeyVectorTests: XCTestCase {
    /// generated/keys/rsa2048 and rsa1024: every encrypted file up to 10,000 iterations (the
    /// 100,000-iteration ones are in `EncryptedKeyVectorHeavyTests`).
    func testGeneratedEncryptedKeys() throws {
        let entries = try EncryptedKeyVectors.generatedEntries()
        XCTAssertGreaterThan(entries.count, 30)
        var checked = 0
        for entry in entries where (entry.iterations ?? 0) <= EncryptedKeyVectors.debugIterationLimit {
            XCTAssertEqual(EncryptedKeyVectors.check(entry), [])
            checked += 1
        }
        XCTAssertGreaterThan(checked, 30)
    }

    /// generated/load_cases.json: every encrypted case loads with its passphrase in the format
    /// it names (heavy iteration counts excepted, see the Heavy class).
    func testLoadCasesWithPassphrase() throws {
        let checked = try checkCasesWithPassphrase("generated/load_cases.json") { c in
            ((c["encryption"] as? [String: Any])?["iterations"] as? Int ?? 0) <= EncryptedKeyVectors.debugIterationLimit
        }
        XCTAssertGreaterThan(checked, 30)
    }

    /// generated/pem_variants/cases.json: the encrypted variants (CRLF, lower-case IV).
    func testPEMVariantsWithPassphrase() throws {
        XCTAssertGreaterThan(try checkCasesWithPassphrase("generated/pem_variants/cases.json") { _ in true }, 1)
    }

    /// Loads every case of `file` that has a passphrase (and that `include` keeps) with it, and
    /// compares it with its key numbers and, where the case names one, its format. Returns how
    /// many cases it checked.
    private func checkCasesWithPassphrase(_ file: String, include: ([String: Any]) -> Bool) throws -> Int {
        let cases = (try Vectors.jsonObject(file) as! [String: Any])["cases"] as! [[String: Any]]
        var checked = 0
        for c in cases {
            guard let hex = c["passphrase_utf8_hex"] as? String, include(c) else { continue }
            let path = c["file"] as! String
            let id = "\(file) case \(path)"
            checked += 1
            do {
                let material = try RSAKeyMaterial(decoding: try Vectors.bytes(path), passphrase: hexBytes(hex))
                XCTAssertEqual(compare(material, try KeyVectors.numbers(c["key_numbers"] as! String), expectPrivate: true), [], id)
                if let format = c["format"] as? String {
                    XCTAssertEqual(material.format.structure, format.hasPrefix("pkcs8-encrypted") ? .encryptedPKCS8 : .pkcs1Private, id)
                }
            } catch { XCTFail("\(id): \(error)") }
        }
        return checked
    }

    /// generated/box: the private key inside every Box config file opens with its passphrase
    /// (as the RSA private key type, with 1024-bit keys allowed only where the folder is rsa1024).
    func testBoxConfigKeys() throws {
        let manifest = "generated/box/MANIFEST.json"
        let files = (try Vectors.jsonObject(manifest) as! [String: Any])["files"] as! [[String: Any]]
        var checked = 0
        for file in files {
            guard let numbersPath = file["expected_key_numbers"] as? String else { continue }
            let name = file["name"] as! String
            let id = "\(manifest) file \(name)"
            let config = try Vectors.jsonObject("generated/box/\(name)") as! [String: Any]
            let appAuth = (config["boxAppSettings"] as! [String: Any])["appAuth"] as! [String: Any]
            let pem = appAuth["privateKey"] as! String
            let passphrase = Array((appAuth["passphrase"] as! String).utf8)
            XCTAssertEqual(hexString(passphrase), file["passphrase_utf8_hex"] as? String, "\(id): passphrase in the file vs manifest")
            checked += 1
            do {
                let key = try RSAPrivateKey(pemRepresentation: pem, passphrase: passphrase, options: .unsafeAllowSmallKeys)
                XCTAssertEqual(compare(key.keyMaterial, try KeyVectors.numbers(numbersPath), expectPrivate: true), [], id)
            } catch { XCTFail("\(id): \(error)") }
        }
        XCTAssertEqual(checked, files.count, manifest)
    }

    /// pyca_keys/MANIFEST.json: every file with a password loads with it to
    /// expected_key_numbers.json, or fails with its class.
    func testPycaEncryptedKeys() throws {
        let manifest = "pyca_keys/MANIFEST.json"
        let files = (try Vectors.jsonObject(manifest) as! [String: Any])["files"] as! [[String: Any]]
        let numbers = (try Vectors.jsonObject("pyca_keys/expected_key_numbers.json") as! [String: Any])["keys"] as! [String: [String: Any]]
        var checked = 0
        for file in files {
            guard let password = file["password"] as? String, let expected = file["expected"] as? String else { continue }
            let name = file["name"] as! String
            let id = "\(manifest) file \(name)"
            let bytes = try Vectors.bytes("pyca_keys/\(name)")
            checked += 1
            switch expected {
            case "ok", "ok_or_unsupported_algorithm":
                // We implement PKCS#12 PBE, so "ok_or_unsupported_algorithm" must be ok here.
                do {
                    let material = try RSAKeyMaterial(decoding: bytes, passphrase: Array(password.utf8))
                    let want = KeyVectors.Numbers(try XCTUnwrap(numbers[name], "\(id): no expected numbers"))
                    XCTAssertEqual(compare(material, want, expectPrivate: true), [], id)
                } catch { XCTFail("\(id): \(error)") }
            default:
                let allowed = expected.split(separator: "|").map(String.init)
                XCTAssertThrowsError(try RSAKeyMaterial(decoding: bytes, passphrase: Array(password.utf8)), id) {
                    XCTAssertTrue(allowed.contains(KeyVectors.code($0)), "\(id): got \(KeyVectors.code($0)), expected \(expected): \($0)")
                }
            }
        }
        XCTAssertGreaterThan(checked, 10)
    }
}

enum EncryptedKeyNegative {
    /// Loads one negative case and asserts its class.
    static func check(_ c: [String: Any], file: String) {
        let id = "\(file) case \(c["id"] as! String)"
        let allowed = (c["expected"] as! [String: Any])["acceptable_error_classes"] as! [String]
        let passphrase = (c["passphrase_utf8_hex"] as? String).map(hexBytes)
        do {
            let material = try RSAKeyMaterial(decoding: try Vectors.bytes(c["file"] as! String), passphrase: passphrase)
            try material.requirePrivate()
            XCTFail("\(id): loaded, expected \(allowed)")
        } catch {
            XCTAssertTrue(allowed.contains(KeyVectors.code(error)), "\(id): got \(KeyVectors.code(error)), expected one of \(allowed): \(error)")
        }
    }
}

/// The 100,000-iteration vectors: release step only (`swift test -c release --filter Heavy`).
final class EncryptedKeyVectorHeavyTests: XCTestCase {
    func testHeavyGeneratedEncryptedKeys() throws {
        try XCTSkipUnless(BuildConfiguration.isOptimized, BuildConfiguration.heavyOnly("100,000-iteration encrypted keys"))
        var checked = 0
        for entry in try EncryptedKeyVectors.generatedEntries() where (entry.iterations ?? 0) > EncryptedKeyVectors.debugIterationLimit {
            XCTAssertEqual(EncryptedKeyVectors.check(entry), [])
            checked += 1
        }
        XCTAssertGreaterThan(checked, 1)
    }

    func testHeavyNegativeCases() throws {
        try XCTSkipUnless(BuildConfiguration.isOptimized, BuildConfiguration.heavyOnly("100,000-iteration wrong-passphrase cases"))
        let file = "generated/negative/cases.json"
        let cases = (try Vectors.jsonObject(file) as! [String: Any])["cases"] as! [[String: Any]]
        var checked = 0
        for c in cases where (c["file"] as! String).contains("iter100000") {
            EncryptedKeyNegative.check(c, file: file)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 1)
    }
}
