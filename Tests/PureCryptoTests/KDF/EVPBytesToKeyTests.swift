import TestSupport
import XCTest
import PureCrypto

/// Every case of generated/kdf/legacy_pem_evp_bytes_to_key.json (cross-checked with
/// `openssl enc -md md5 -P` by the generator).
final class EVPBytesToKeyTests: XCTestCase {
    struct File: Decodable {
        struct Test: Decodable {
            let passphrase_utf8_hex: String; let salt_hex: String; let dek_info_cipher: String
            let key_len: Int; let key_hex: String
        }
        let tests: [Test]
    }

    func testGeneratedVectors() throws {
        let path = "generated/kdf/legacy_pem_evp_bytes_to_key.json"
        let file = try Vectors.json(File.self, path)
        XCTAssertFalse(file.tests.isEmpty)
        for (i, t) in file.tests.enumerated() {
            let key = EVPBytesToKey.deriveKeyMD5(password: hexBytes(t.passphrase_utf8_hex), salt: hexBytes(t.salt_hex),
                                                 byteCount: t.key_len)
            XCTAssertEqual(hexString(key), t.key_hex, "\(path) case \(i) (\(t.dek_info_cipher))")
        }
    }
}
