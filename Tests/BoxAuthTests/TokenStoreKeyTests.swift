import TestSupport
import XCTest
import Foundation
@testable import BoxAuth

/// Store key names and sealed values: derivation checked against Python's hmac, the sealed format
/// opened by Python's `cryptography`, and every way a sealed value can be wrong refused.
final class TokenStoreKeyTests: XCTestCase {
    let namespace = TokenStoreNamespace(clientID: "cid123", clientSecret: "emulator-client-secret+/=")

    func testNamesMatchAnIndependentHMACComputation() {
        // From Python's hmac/hashlib, following the derivation in TokenStoreKey.swift's header.
        XCTAssertEqual(namespace.key(.jwt, .user("1001")).name, "58c485a86aaff2d35000c8e44854b267d36bc065c682b7ee690ba3ccd3fc69d5")
        XCTAssertEqual(namespace.key(.jwt, .enterprise("8675309")).name, "90f3d0d554cc144a5d21a6972d075df371702f30f60efb699d206da9a876e30e")
        XCTAssertEqual(namespace.key(.clientCredentials, .user("1001")).name, "2f2f627104b8457c3ebf7143dea37b3428ce8b85ef6027e432766276d2944ef2")
    }

    func testNamesSeparateAppsGrantsAndSubjects() {
        let names = [
            namespace.key(.jwt, .user("1001")),
            namespace.key(.jwt, .enterprise("1001")),
            namespace.key(.clientCredentials, .user("1001")),
            namespace.key(.jwt, .user("1002")),
            TokenStoreNamespace(clientID: "cid124", clientSecret: "emulator-client-secret+/=").key(.jwt, .user("1001")),
            TokenStoreNamespace(clientID: "cid123", clientSecret: "another secret").key(.jwt, .user("1001")),
        ].map(\.name)
        XCTAssertEqual(Set(names).count, names.count)
        // The same app in another process derives the same names.
        XCTAssertEqual(TokenStoreNamespace(clientID: "cid123", clientSecret: "emulator-client-secret+/=").key(.jwt, .user("1001")),
                       namespace.key(.jwt, .user("1001")))
    }

    func testDescriptionsShowNoSubjectAndNoKey() {
        let key = namespace.key(.jwt, .user("sally_at_example"))
        for text in [String(describing: key), String(reflecting: key), String(describing: namespace), String(reflecting: namespace)] {
            XCTAssertFalse(text.contains("sally"), text)
            XCTAssertFalse(text.contains(key.name), text)
        }
    }

    let token = AccessToken(value: "T9x-token-value", expiresAt: Date(timeIntervalSince1970: 1_800_000_123.456),
                            tokenType: "bearer", issuedTokenType: "urn:ietf:params:oauth:token-type:access_token",
                            restrictedTo: [.init(scope: "base_explorer", objectType: "folder", objectID: "11"),
                                           .init(scope: "item_preview", objectType: nil, objectID: nil)])

    func testSealedTokensRoundTrip() throws {
        let key = namespace.key(.jwt, .user("1001"))
        let sealed = key.seal(token)
        let opened = try key.open(sealed)
        XCTAssertEqual(opened.value, token.value)
        XCTAssertEqual(opened.expiresAt.timeIntervalSince1970, 1_800_000_123.456, accuracy: 0.0005)
        XCTAssertEqual(opened.restrictedTo, token.restrictedTo)
        XCTAssertEqual(opened.issuedTokenType, token.issuedTokenType)
        XCTAssertNotEqual(key.seal(token), sealed, "each seal uses a fresh IV")
        XCTAssertNil(sealed.firstRange(of: Array(token.value.utf8)), "the token is stored encrypted")
    }

    func testSealedFormatOpensWithPythonCryptography() throws {
        let key = namespace.key(.jwt, .user("1001"))
        let sealed = key.seal(token)
        let script = """
        import hmac, hashlib, json, sys
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
        from cryptography.hazmat.primitives import padding
        H = lambda k, m: hmac.new(k, m, hashlib.sha256).digest()
        root = H(b"emulator-client-secret+/=", b"purejwt token store v1\\x00cid123")
        sealed = bytes.fromhex(sys.argv[1]); name = sys.argv[2].encode()
        iv, ct, tag = sealed[1:17], sealed[17:-32], sealed[-32:]
        assert sealed[0] == 1
        assert hmac.compare_digest(tag, H(H(root, b"authenticate"), b"\\x01" + name + iv + ct))
        d = Cipher(algorithms.AES(H(root, b"encrypt")), modes.CBC(iv)).decryptor()
        u = padding.PKCS7(128).unpadder()
        print(json.dumps(json.loads(u.update(d.update(ct) + d.finalize()) + u.finalize()), sort_keys=True))
        """
        let out = try python(script, [sealed.map { String(format: "%02x", $0) }.joined(), key.name])
        XCTAssertEqual(out, #"{"access_token": "T9x-token-value", "expires_at_ms": 1800000123456, "issued_token_type": "urn:ietf:params:oauth:token-type:access_token", "restricted_to": [{"id": "11", "scope": "base_explorer", "type": "folder"}, {"scope": "item_preview"}], "token_type": "bearer"}"#)
    }

    func testAlteredMovedOrForeignSealsAreRefused() {
        let key = namespace.key(.jwt, .user("1001"))
        let sealed = key.seal(token)
        func assertRefused(_ bytes: [UInt8], by k: TokenStoreKey, _ what: String) {
            XCTAssertThrowsError(try k.open(bytes), what) { XCTAssertEqual(($0 as? BoxAuthError)?.code, .tokenStoreInvalid, what) }
        }
        for i in sealed.indices {
            var flipped = sealed
            flipped[i] ^= 0x01
            assertRefused(flipped, by: key, "bit flipped in byte \(i)")
        }
        for count in [0, 1, 16, 64, sealed.count - 1] { assertRefused(Array(sealed.prefix(count)), by: key, "truncated to \(count)") }
        assertRefused(sealed + [0], by: key, "one byte appended")
        assertRefused(sealed, by: namespace.key(.jwt, .user("1002")), "moved to another user's key")
        assertRefused(sealed, by: TokenStoreNamespace(clientID: "cid123", clientSecret: "rotated").key(.jwt, .user("1001")), "another client secret")
        assertRefused([UInt8](repeating: 0, count: TokenSealing.maximumSealedByteCount + 1), by: key, "oversized")
    }

    func python(_ script: String, _ args: [String]) throws -> String {
        let result = try ProcessRunner.oracle("python3", ["-c", script] + args)
        XCTAssertEqual(result.status, 0, result.stderrText)
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
