@_spi(Hazmat) import PureCrypto

/// AES-256-CBC decryption and PBKDF2-HMAC-SHA256 rows: together they are most of the cost of
/// loading a PBES2-encrypted key. Self-checked against NIST SP 800-38A F.2.6 (CBC-AES256) and
/// RFC 7914 section 11 (PBKDF2-HMAC-SHA256) before any figure is printed.
enum CipherRows {
    static let aesCBC = BenchGroup(
        name: "AES-CBC",
        selfCheck: { () -> [String] in
            var failures: [String] = []
            // NIST SP 800-38A F.2.5/F.2.6, CBC-AES256, four blocks.
            let key = hexToBytes("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")
            let iv = hexToBytes("000102030405060708090a0b0c0d0e0f")
            let plaintext = hexToBytes("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710")
            let ciphertext = "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b"
            if let aes = try? AES(key: key) {
                expectBytes((try? CBC.encryptWithoutPadding(plaintext, using: aes, iv: iv)) ?? [], hex: ciphertext,
                            "AES-256-CBC encrypt, SP 800-38A F.2.5", &failures)
                expectBytes((try? CBC.decryptWithoutPadding(hexToBytes(ciphertext), using: aes, iv: iv)) ?? [],
                            hex: Hex.encode(plaintext), "AES-256-CBC decrypt, SP 800-38A F.2.6", &failures)
            } else {
                failures.append("AES-256 key schedule rejected a 32-byte key")
            }
            return failures
        },
        rows: [
            // 1232 bytes: the PKCS#8 body of an encrypted RSA-2048 key. Key schedule not included;
            // padding check included.
            BenchRow(key: "aes256cbc.decrypt.1232B", bytes: 1232) {
                let aes = try! AES(key: SecureRandom.bytes(count: 32))
                let iv = SecureRandom.bytes(count: 16)
                var ciphertext = try! CBC.encrypt(SecureRandom.bytes(count: 1231), using: aes, iv: iv)
                precondition(ciphertext.count == 1232)
                return { iterations in
                    for _ in 0..<iterations {
                        let plaintext = try! CBC.decrypt(ciphertext, using: aes, iv: iv)
                        ciphertext[0] ^= 0   // keeps the input observable without changing validity
                        blackHole(plaintext)
                    }
                }
            },
        ])

    static let pbkdf2 = BenchGroup(
        name: "PBKDF2",
        selfCheck: { () -> [String] in
            var failures: [String] = []
            // RFC 7914 section 11, first PBKDF2-HMAC-SHA256 vector.
            expectBytes((try? PBKDF2<SHA256>.deriveKey(password: Array("passwd".utf8), salt: Array("salt".utf8),
                                                        iterations: 1, byteCount: 64)) ?? [],
                        hex: "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
                        "PBKDF2-HMAC-SHA256, RFC 7914 section 11", &failures)
            return failures
        },
        rows: [
            // What loading an `openssl genpkey -aes-256-cbc` key costs in key derivation.
            BenchRow(key: "pbkdf2-sha256.2048", bytes: nil) {
                var password = SecureRandom.bytes(count: 16)
                let salt = SecureRandom.bytes(count: 16)
                return { iterations in
                    for _ in 0..<iterations {
                        let key = try! PBKDF2<SHA256>.deriveKey(password: password, salt: salt, iterations: 2048, byteCount: 32)
                        password[0] ^= key[0]
                        blackHole(key)
                    }
                }
            },
        ])
}

private func hexToBytes(_ hex: String) -> [UInt8] { (try? Hex.decode(hex)) ?? [] }
