import Foundation
import PureCrypto
import PureKeys
import TestSupport
import XCTest

/// The key formats through the checked RSA types: every unencrypted vector file imports to its
/// numbers, exports back to every vector file byte for byte, and the size and consistency
/// policies apply whatever the format.
final class RSAKeyFormatTests: XCTestCase {
    /// Files of each generated key folder and the format each is canonical for.
    private let canonicalFiles: [(String, KeyFormat)] = [
        ("pkcs1.pem", KeyFormat(.pkcs1Private, .pem)), ("pkcs1.der", KeyFormat(.pkcs1Private, .der)),
        ("pkcs8.pem", KeyFormat(.pkcs8, .pem)), ("pkcs8.der", KeyFormat(.pkcs8, .der)),
        ("spki.pem", KeyFormat(.spki, .pem)), ("spki.der", KeyFormat(.spki, .der)),
        ("pkcs1_public.pem", KeyFormat(.pkcs1Public, .pem)), ("pkcs1_public.der", KeyFormat(.pkcs1Public, .der)),
        ("jwk_private.json", KeyFormat(.jwkPrivate, .json)), ("jwk_public.json", KeyFormat(.jwkPublic, .json)),
    ]

    private func numbersHex(_ key: RSAKey) -> [String: String] {
        switch key {
        case .privateKey(let k):
            let x = k.numbers, crt = x.crt!
            return ["n": minimalHex(x.n), "e": minimalHex(x.e), "d": minimalHex(x.d!), "p": minimalHex(crt.p), "q": minimalHex(crt.q),
                    "dp": minimalHex(crt.dP), "dq": minimalHex(crt.dQ), "qi": minimalHex(crt.qInv)]
        case .publicKey(let k):
            return ["n": minimalHex(k.numbers.n), "e": minimalHex(k.numbers.e)]
        }
    }

    func testGeneratedKeysImportAndExportEveryFormat() throws {
        for (folder, options) in [("generated/keys/rsa2048", RSAKeyOptions()), ("generated/keys/rsa1024", .unsafeAllowSmallKeys)] {
            let expected = try KeyVectors.numbers("\(folder)/key_numbers.json")
            let present = canonicalFiles.filter { FileManager.default.fileExists(atPath: Vectors.url("\(folder)/\($0.0)").path) }
            XCTAssertGreaterThanOrEqual(present.count, 6, folder)
            for (name, format) in present {
                let id = "\(folder)/\(name)"
                let bytes = try Vectors.bytes(id)
                let (key, found) = try RSAKey.load(bytes, options: options)
                XCTAssertEqual(found, format, id)
                for (member, hex) in numbersHex(key) {
                    XCTAssertEqual(hex, minimalHex(try XCTUnwrap(expected.bytes(member), "\(id) \(member)")), "\(id): \(member)")
                }
                XCTAssertEqual(key.publicKey.jwkThumbprint, expected.values["jwk_thumbprint_sha256"], id)
                // Export to every format this key can take, and compare with that format's file.
                for (otherName, otherFormat) in present where key.privateKey != nil || !otherFormat.structure.isPrivate {
                    let want = try Vectors.bytes("\(folder)/\(otherName)")
                    let got = try key.exported(as: otherFormat)
                    XCTAssertEqual(got, otherFormat.container == .json && want.last == 0x0A ? Array(want.dropLast()) : want,
                                   "\(id) exported as \(otherFormat) differs from \(otherName)")
                    // And back: the export imports to the same key.
                    XCTAssertEqual(numbersHex(try RSAKey.load(got, options: options).key).filter { $0.key == "n" || $0.key == "e" },
                                   numbersHex(key).filter { $0.key == "n" || $0.key == "e" }, "\(id) -> \(otherFormat) -> import")
                }
                if case .publicKey = key {
                    XCTAssertThrowsError(try key.exported(as: KeyFormat(.pkcs8, .pem)), id) { XCTAssertEqual(KeyVectors.code($0), "not_a_private_key", id) }
                    XCTAssertThrowsError(try RSAPrivateKey(importing: bytes, options: options), id) { XCTAssertEqual(KeyVectors.code($0), "not_a_private_key", id) }
                }
            }
        }
    }

    /// The size policy applies to every format: the 1024-bit key loads only with the unsafe option.
    func testSmallKeysNeedTheUnsafeOption() throws {
        for name in ["pkcs1.pem", "pkcs8.pem", "spki.pem", "pkcs1_public.pem", "jwk_private.json", "jwk_public.json"] {
            let id = "generated/keys/rsa1024/\(name)"
            XCTAssertThrowsError(try RSAKey.load(try Vectors.bytes(id)), id) { XCTAssertEqual(KeyVectors.code($0), "key_size_not_allowed", id) }
            XCTAssertNoThrow(try RSAKey.load(try Vectors.bytes(id), options: .unsafeAllowSmallKeys), id)
        }
    }

    /// pyca_keys: the unencrypted files through the RSA checks, including q = 2 (`invalid_key`).
    func testPycaKeysThroughRSAChecks() throws {
        let manifest = (try Vectors.jsonObject("pyca_keys/MANIFEST.json") as! [String: Any])["files"] as! [[String: Any]]
        for entry in manifest where entry["password"] == nil {
            let name = entry["name"] as! String
            guard let expected = entry["expected"] as? String, expected == "ok" || expected == "invalid_key" else { continue }
            let id = "pyca_keys/MANIFEST.json file \(name)"
            let bytes = try Vectors.bytes("pyca_keys/\(name)")
            if expected == "invalid_key" {
                XCTAssertThrowsError(try RSAKey.load(bytes, options: .unsafeAllowSmallKeys), id) { XCTAssertEqual(KeyVectors.code($0), "invalid_key", id) }
                continue
            }
            let key = try RSAKey.load(bytes, options: .unsafeAllowSmallKeys).key
            let info = entry["expected_key"] as! [String: Any]
            XCTAssertEqual(key.publicKey.modulusBitCount, info["bits"] as? Int, id)
            XCTAssertEqual(key.privateKey != nil, (info["type"] as? String) == "rsa-private", id)
            XCTAssertEqual(hexString(SHA256.hash(key.publicKey.numbers.n)), info["n_sha256"] as? String, id)
        }
    }

    /// Numbers that do not fit together are `invalid_key` in every format that carries them.
    func testInconsistentNumbersAreInvalidKey() throws {
        let base = try RSAKeyMaterial(decoding: try Vectors.bytes("generated/keys/rsa2048/pkcs1.der"))
        var bad = base
        bad.numbers.crt!.qInv[bad.numbers.crt!.qInv.count - 1] ^= 1
        for format in [KeyFormat(.pkcs1Private, .der), KeyFormat(.pkcs8, .pem), KeyFormat(.jwkPrivate, .json)] {
            XCTAssertThrowsError(try RSAKey.load(try bad.encoded(as: format)), "\(format)") { XCTAssertEqual(KeyVectors.code($0), "invalid_key", "\(format)") }
        }
    }

    /// A private JWK with only n, e, d (RFC 7518 §6.3.2 allows it): p and q are recovered.
    func testJWKWithoutCRTMembers() throws {
        for (folder, options) in [("generated/keys/rsa2048", RSAKeyOptions()), ("generated/keys/rsa1024", .unsafeAllowSmallKeys)] {
            let full = try RSAJWK(jsonBytes: try Vectors.bytes("\(folder)/jwk_private.json"))
            var partial = full
            partial.numbers.crt = nil
            let key = try RSAPrivateKey(jwk: try RSAJWK(jsonBytes: partial.jsonBytes), options: options)
            let want = try KeyVectors.numbers("\(folder)/key_numbers.json")
            XCTAssertEqual(Set([minimalHex(key.numbers.crt!.p), minimalHex(key.numbers.crt!.q)]), Set([minimalHex(want.bytes("p")!), minimalHex(want.bytes("q")!)]), folder)
            XCTAssertEqual(minimalHex(key.numbers.d!), minimalHex(want.bytes("d")!), folder)
        }
    }

    /// Signing through a loaded key reproduces signatures.json (the loader hands the signer the
    /// right numbers), and `description` never shows key material.
    func testLoadedKeySignsTheVectorsAndHidesSecrets() throws {
        for (folder, options) in [("generated/keys/rsa2048", RSAKeyOptions()), ("generated/keys/rsa1024", .unsafeAllowSmallKeys)] {
            let file = "\(folder)/signatures.json"
            let doc = try Vectors.jsonObject(file) as! [String: Any]
            let key = try RSAPrivateKey(importing: try Vectors.bytes(doc["private_key_file"] as! String), options: options)
            for t in (doc["tests"] as! [[String: Any]]) where t["hash"] as? String == "SHA-256" {
                let signature = try key.signPKCS1v15(hexBytes(t["message_hex"] as! String), hash: SHA256.self)
                XCTAssertEqual(hexString(signature), t["signature_hex"] as? String, "\(file) case \(t["id"] ?? "?")")
            }
            let material = key.keyMaterial
            for text in [String(describing: key), String(describing: material), String(describing: RSAKey.privateKey(key)), String(describing: key.jwk)] {
                XCTAssertFalse(text.contains(hexString(key.numbers.d!.prefix(6))), "\(folder): description leaks d: \(text)")
                XCTAssertFalse(text.contains(Base64URL.encode(key.numbers.d!).prefix(8)), "\(folder): description leaks d: \(text)")
            }
        }
    }
}
