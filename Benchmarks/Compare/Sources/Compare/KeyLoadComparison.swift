// Loading an encrypted key, and the two primitives that dominate it, beside swift-crypto
// (BoringSSL): PBKDF2-HMAC-SHA256 (2048 iterations), AES-256-CBC decryption of 1232 bytes, and
// the whole load of an encrypted PKCS#8 RSA-2048 key (PBES2, PBKDF2-HMAC-SHA256 × 2048,
// AES-256-CBC).
import Crypto
import CryptoExtras
import Foundation
@_spi(Hazmat) import PureCrypto
import PureKeys

let keyLoadGroup = RowGroup(
    title: "Encrypted key loading, PureJWT vs swift-crypto 4.5.2 (BoringSSL); CPU time, paired trials",
    rows: ["pbkdf2-sha256.2048", "aes256cbc.decrypt.1232B", "rsa2048.load-encrypted"].map { name in
        (name, { try keyLoadRows.get().first { $0.name == name }! })
    })

/// Both sides' inputs, set up and cross-checked once.
nonisolated(unsafe) let keyLoadRows = Result { try makeKeyLoadRows() }

func makeKeyLoadRows() throws -> [Row] {
    let password = Array("VectorGen shared passphrase #1".utf8)
    let salt = SecureRandom.bytes(count: 16)
    let ours = try PureCrypto.PBKDF2<PureCrypto.SHA256>.deriveKey(password: password, salt: salt, iterations: 2048, byteCount: 32)
    let theirs = try KDF.Insecure.PBKDF2.deriveKey(from: password, salt: salt, using: .sha256, outputByteCount: 32, unsafeUncheckedRounds: 2048)
    precondition(ours == theirs.withUnsafeBytes { Array($0) }, "PBKDF2 results differ: do not trust any timing")

    let keyBytes = SecureRandom.bytes(count: 32), iv = SecureRandom.bytes(count: 16)
    let aes = try PureCrypto.AES(key: keyBytes)
    let ciphertext = try CBC.encrypt(SecureRandom.bytes(count: 1231), using: aes, iv: iv)
    let symmetric = SymmetricKey(data: keyBytes)
    let theirIV = try Crypto.AES._CBC.IV(ivBytes: iv)
    let ourPlain = try CBC.decrypt(ciphertext, using: aes, iv: iv)
    let theirPlain = [UInt8](try Crypto.AES._CBC.decrypt(ciphertext, using: symmetric, iv: theirIV))
    precondition(ourPlain == theirPlain, "AES-CBC results differ: do not trust any timing")

    let pem = try String(contentsOf: vectors.appendingPathComponent("generated/keys/rsa2048/pkcs8_pbes2_aes256_sha256_iter2048.pem"), encoding: .utf8)
    let ourKey = try RSAPrivateKey(pemRepresentation: pem, passphrase: password)
    let theirKey = try _RSA.Signing.PrivateKey(encryptedPEMRepresentation: pem) { (setter: _RSA.Signing.PrivateKey.PassphraseSetter<[UInt8]>) in setter(password) }
    precondition([UInt8](theirKey.publicKey.derRepresentation) == ourKey.publicKey.spkiDERRepresentation, "loaded keys differ")

    return [
        Row(name: "pbkdf2-sha256.2048", peer: "swift-crypto",
            ours: .sync { _ = try PureCrypto.PBKDF2<PureCrypto.SHA256>.deriveKey(password: password, salt: salt, iterations: 2048, byteCount: 32) },
            theirs: .sync { _ = try KDF.Insecure.PBKDF2.deriveKey(from: password, salt: salt, using: .sha256, outputByteCount: 32, unsafeUncheckedRounds: 2048) }),
        Row(name: "aes256cbc.decrypt.1232B", peer: "swift-crypto", ours: .sync { _ = try CBC.decrypt(ciphertext, using: aes, iv: iv) },
            theirs: .sync { _ = try Crypto.AES._CBC.decrypt(ciphertext, using: symmetric, iv: theirIV) }),
        Row(name: "rsa2048.load-encrypted", peer: "swift-crypto",
            ours: .sync { _ = try RSAPrivateKey(pemRepresentation: pem, passphrase: password) },
            theirs: .sync { _ = try _RSA.Signing.PrivateKey(encryptedPEMRepresentation: pem) { (setter: _RSA.Signing.PrivateKey.PassphraseSetter<[UInt8]>) in setter(password) } }),
    ]
}
