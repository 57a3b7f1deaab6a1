import Foundation
@_spi(Hazmat) import PureCrypto
import PureKeys
import TestSupport

/// Loading an encrypted RSA-2048 key: PEM, PBES2 (PBKDF2-HMAC-SHA256, 2048 iterations,
/// AES-256-CBC), PKCS#8 and the checked private key (CRT numbers verified). Self-checked
/// against the vector's key_numbers.json before any figure is printed.
enum KeyLoadRows {
    static let file = "generated/keys/rsa2048/pkcs8_pbes2_aes256_sha256_iter2048.pem"
    static let passphrase = Array("VectorGen shared passphrase #1".utf8)

    static func pem() -> [UInt8] {
        (try? [UInt8](Data(contentsOf: Vectors.url(file)))) ?? []
    }

    static let group = BenchGroup(
        name: "Encrypted key load",
        selfCheck: { () -> [String] in
            var failures: [String] = []
            do {
                let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: Vectors.url("generated/keys/rsa2048/MANIFEST.json"))) as! [String: Any]
                let entry = (manifest["files"] as! [[String: Any]]).first { $0["name"] as? String == "pkcs8_pbes2_aes256_sha256_iter2048.pem" }
                expect(entry?["passphrase_utf8_hex"] as? String == Hex.encode(passphrase), "\(file): passphrase from MANIFEST.json", &failures)
                let numbers = try JSONSerialization.jsonObject(with: Data(contentsOf: Vectors.url("generated/keys/rsa2048/key_numbers.json"))) as! [String: Any]
                let key = try RSAPrivateKey(importing: pem(), passphrase: passphrase).numbers
                func minimal(_ b: [UInt8]) -> String { String(Hex.encode(b).drop(while: { $0 == "0" })) }
                expect(minimal(key.n) == (numbers["n"] as? String).map { String($0.drop(while: { $0 == "0" })) }, "\(file): n equals key_numbers.json", &failures)
                expect(minimal(key.d ?? []) == (numbers["d"] as? String).map { String($0.drop(while: { $0 == "0" })) }, "\(file): d equals key_numbers.json", &failures)
                expect((try? RSAPrivateKey(importing: pem(), passphrase: passphrase + [0x21])) == nil, "\(file): a wrong passphrase fails", &failures)
            } catch {
                failures.append("\(file): \(error)")
            }
            return failures
        },
        rows: [
            BenchRow(key: "rsa2048.load-encrypted-pkcs8", bytes: nil) {
                let bytes = pem()
                return { iterations in
                    for _ in 0..<iterations {
                        let key = try! RSAPrivateKey(importing: bytes, passphrase: passphrase)
                        blackHole(UInt64(key.modulusBitCount))
                    }
                }
            },
        ])
}
