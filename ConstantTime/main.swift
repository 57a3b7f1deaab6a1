// ct-check: constant-time verification of the secret-handling core under valgrind memcheck.
//
// Every secret input (private key numbers, cipher keys and ciphertexts, MAC keys, MACs, a
// private key's PEM body) is marked *undefined* for memcheck. Memcheck then reports each
// conditional jump and each memory address that depends on it: a secret-dependent branch or
// table index. The bar is zero reports. Values that are meant to become public pass through
// PureCrypto's declassification points (`Choice.declassified`, `Declassification.value`), which
// this tool hooks to mark them defined; those points are listed in `declassificationPoints`.
//
//   swift build -c release --product ct-check
//   valgrind --error-exitcode=1 .build/release/ct-check            # must report 0 errors
//   valgrind .build/release/ct-check --leaky                      # proves detection; exits 0
//                                                                 # only if every leak is caught
import Foundation
@_spi(Hazmat) import PureCrypto
import TestSupport

/// Where the core deliberately makes a secret-derived value public (documented for readers of
/// the report; each goes through `Declassification`).
let declassificationPoints = [
    "RSAPrivateKey.init: the verdict of the key consistency checks (valid key or invalid_key)",
    "secretNumber(_:limbs:): whether a number is wider than the modulus (invalid_key)",
    "secretNumber(_:maxLimbs:): the byte length of p and q (any encoding of the key shows it; "
        + "this tool marks p[0] and q[0] public, the bytes drop(while:) inspects)",
    "Modulus.init: whether p and q are odd and greater than 1 (invalid_key)",
    "RSAPrivateKey.signaturePrimitive: the verify-after-sign verdict (signing_fault)",
    "PKCS7.unpaddedCount: the padding verdict, and the unpadded length once it is valid",
    "constantTimeEqual (HMAC.isValidAuthenticationCode): the final equal/unequal verdict",
    "Base64Codec.decode: whether each of the last two characters is '=' (the padding, which the "
        + "decoded length shows) and the validity verdict of the whole text",
    "the outputs: a signature, a MAC, a decrypted plaintext are marked public by this tool "
        + "before being compared with the expected values",
]

nonisolated(unsafe) var failures: [String] = []

@MainActor func section(_ name: String, _ body: () throws -> Void) {
    let before = Memcheck.errorCount
    do {
        try body()
    } catch {
        failures.append("\(name): threw \(error)")
    }
    let added = Memcheck.errorCount - before
    print("ct-check \(name): \(added) memcheck error(s)")
}

@MainActor func expect(_ condition: Bool, _ what: String) {
    if !condition { failures.append(what) }
}

@MainActor func bytes(hex: String) -> [UInt8] { try! Hex.decode(hex.count % 2 == 0 ? hex : "0" + hex) }

/// Secret copies: fresh arrays, marked undefined. (`Array(value)` would share the buffer of
/// `value`, marking the caller's array secret too.)
@MainActor func secret(_ value: [UInt8]) -> [UInt8] {
    let copy = value.map { $0 }
    Memcheck.markSecret(copy)
    return copy
}

@MainActor func publicCopy(_ value: [UInt8]) -> [UInt8] {
    let copy = value.map { $0 }
    Memcheck.markPublic(copy)
    return copy
}


@MainActor func json(_ path: String) -> [String: Any] {
    let data = try! Data(contentsOf: Vectors.url(path))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
}

// MARK: - The harness must catch a leak

/// Branches on a secret byte: memcheck must report "Conditional jump or move depends on
/// uninitialised value(s)".
@inline(never) func leakyBranch(_ s: [UInt8]) -> Int {
    // Two different calls, so the optimizer cannot turn the branch into a conditional move.
    if s[0] > 0x80 { return leakySink(1) }
    return leakyOtherSink(2)
}

/// Indexes a table with a secret byte: memcheck must report "Use of uninitialised value".
@inline(never) func leakyTableLookup(_ s: [UInt8]) -> UInt8 {
    let table = (0..<256).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
    return table.withUnsafeBufferPointer { $0[Int(s[0])] }
}

nonisolated(unsafe) var sinkValue = 0
@inline(never) func leakySink(_ v: Int) -> Int { sinkValue &+= v; return sinkValue }
@inline(never) func leakyOtherSink(_ v: Int) -> Int { sinkValue ^= v; return sinkValue }

@MainActor func runLeaky() -> Int32 {
    guard Memcheck.isRunningOnValgrind else {
        print("ct-check --leaky: must run under valgrind"); return 1
    }
    var caught = true
    for (name, leak) in [("secret-dependent branch", { _ = leakyBranch(secret([0x42])) }),
                         ("secret-indexed table lookup", { _ = leakyTableLookup(secret([0x42])) })] {
        let before = Memcheck.errorCount
        leak()
        let added = Memcheck.errorCount - before
        print("ct-check --leaky \(name): \(added) memcheck error(s) (must be > 0)")
        caught = caught && added > 0
    }
    print(caught ? "ct-check --leaky: every deliberate leak was caught" : "ct-check --leaky: a leak went UNDETECTED")
    return caught ? 0 : 1
}

if CommandLine.arguments.dropFirst().first == "--leaky" { exit(runLeaky()) }

// MARK: - The real code must not leak

if Memcheck.isRunningOnValgrind {
    Declassification.hook = { pointer, count in Memcheck.markPublic(pointer, count) }
} else {
    print("ct-check: not under valgrind: only the functional checks run (see the header of main.swift)")
}

let numbers = json("generated/keys/rsa2048/key_numbers.json")
@MainActor func number(_ name: String) -> [UInt8] { bytes(hex: numbers[name] as! String) }
let n = number("n"), e: [UInt8] = [0x01, 0x00, 0x01]
var key: RSAPrivateKey? = nil

section("RSA-2048 private key import (consistency checks, Montgomery set-up)") {
    let p = secret(number("p")), q = secret(number("q"))
    // The byte lengths of p and q are public (declassification point, see above).
    Memcheck.markPublic(p.withUnsafeBytes { $0.baseAddress! }, 1)
    Memcheck.markPublic(q.withUnsafeBytes { $0.baseAddress! }, 1)
    key = try RSAPrivateKey(n: n, e: e, d: secret(number("d")), p: p, q: q,
                            dP: secret(number("dp")), dQ: secret(number("dq")), qInv: secret(number("qi")))
}

section("RSA key numbers compared with == (private numbers secret; the verdict is public)") {
    @MainActor func numbersOf(d: [UInt8]) -> RSAKeyNumbers {
        RSAKeyNumbers(n: n, e: e, d: secret(d), crt: .init(p: secret(number("p")), q: secret(number("q")),
                      dP: secret(number("dp")), dQ: secret(number("dq")), qInv: secret(number("qi"))))
    }
    var other = number("d")
    other[other.count / 2] ^= 1
    expect(numbersOf(d: number("d")) == numbersOf(d: number("d")), "equal key numbers compared unequal")
    expect(numbersOf(d: number("d")) != numbersOf(d: other), "key numbers differing in d compared equal")
}

let signatures = (json("generated/keys/rsa2048/signatures.json")["tests"] as! [[String: Any]])
    .filter { $0["hash"] as? String == "SHA-256" }
section("RSA-2048 CRT PKCS#1 v1.5 signing, SHA-256 (encoding, two Montgomery exponentiations, CRT, verify-after-sign)") {
    guard let key else { return }
    for test in signatures {
        let signature = publicCopy(try key.signPKCS1v15(bytes(hex: test["message_hex"] as! String), hash: SHA256.self))
        expect(signature == bytes(hex: test["signature_hex"] as! String),
               "signatures.json \(test["id"]!): PKCS#1 v1.5 signature differs")
    }
}

section("RSA-2048 CRT PSS signing, SHA-256") {
    guard let key else { return }
    let message = Array("constant-time".utf8)
    let signature = publicCopy(try key.signPSS(message, hash: SHA256.self))
    expect(key.publicKey.isValidPSSSignature(signature, for: message, hash: SHA256.self), "PSS signature does not verify")
}

section("Montgomery exponentiation on its own: x^d mod n for RSA-2048 (32 limbs) and RSA-1024 (16), x^dP mod p for their primes (16 and 8 limbs: the unrolled kernels and the loops), base, exponent and modulus secret") {
    for size in ["rsa2048", "rsa1024"] {
        let keyNumbers = json("generated/keys/\(size)/key_numbers.json")
        @MainActor func value(_ name: String) -> [UInt8] { bytes(hex: keyNumbers[name] as! String) }
        let tests = (json("generated/keys/\(size)/signatures.json")["tests"] as! [[String: Any]]).prefix(2)
        let modulus = try Modulus(bigEndian: secret(value("n")))
        let prime = try Modulus(bigEndian: secret(value("p")))
        let primeModulus = try Modulus(bigEndian: value("p"))
        for test in tests {
            let id = "\(size)/signatures.json \(test["id"]!)"
            let encoded = bytes(hex: test["encoded_message_hex"] as! String)
            let signature = bytes(hex: test["signature_hex"] as! String)
            let whole = publicCopy(modulus.power(base: secret(encoded), exponent: secret(value("d"))))
            expect(whole == signature, "\(id): EM^d mod n is not the signature")
            // The CRT half: (EM mod p)^dP mod p = signature mod p (both sides reduced the public way).
            let half = publicCopy(prime.power(base: secret(encoded), exponent: secret(value("dp"))))
            expect(half == primeModulus.power(base: signature, exponent: [1]), "\(id): EM^dP mod p is not the signature mod p")
        }
    }
}

section("Montgomery exponentiation at 24 limbs (the RSA-3072 CRT width): a 1536-bit odd modulus, base and exponent secret; checked by (x^a)^2 = x^(2a)") {
    var modulusBytes = Array(number("n").prefix(192))
    modulusBytes[191] |= 1
    let exponent = Array(number("d").prefix(192))
    // 2a as big-endian bytes, one byte wider.
    var doubled = [UInt8](repeating: 0, count: 193)
    var carry: UInt8 = 0
    for i in stride(from: 191, through: 0, by: -1) {
        doubled[i + 1] = (exponent[i] << 1) | carry
        carry = exponent[i] >> 7
    }
    doubled[0] = carry
    let modulus = try Modulus(bigEndian: secret(modulusBytes))
    let base = Array(number("p").prefix(190))
    let power = publicCopy(modulus.power(base: secret(base), exponent: secret(exponent)))
    let direct = publicCopy(modulus.power(base: secret(base), exponent: secret(doubled)))
    let viaSquare = publicCopy(modulus.power(base: secret(power), exponent: [2]))
    expect(direct == viaSquare, "24 limbs: (x^a)^2 differs from x^(2a)")
}

let aesCases = (json("wycheproof/aes_cbc_pkcs5_test.json")["testGroups"] as! [[String: Any]])
    .flatMap { $0["tests"] as! [[String: Any]] }
section("AES-128/192/256 key expansion and CBC decryption with the PKCS#7 check (Wycheproof aes_cbc_pkcs5_test.json, every case)") {
    for test in aesCases {
        let id = test["tcId"]!
        let aes = try AES(key: secret(bytes(hex: test["key"] as! String)))
        do {
            let plain = publicCopy(try CBC.decrypt(secret(bytes(hex: test["ct"] as! String)), using: aes,
                                                   iv: bytes(hex: test["iv"] as! String)))
            expect(test["result"] as! String != "invalid" && plain == bytes(hex: test["msg"] as! String),
                   "aes_cbc_pkcs5_test.json tcId \(id): wrong plaintext or accepted an invalid case")
        } catch {
            expect(test["result"] as! String == "invalid", "aes_cbc_pkcs5_test.json tcId \(id): rejected a valid case")
        }
    }
}

section("AES block decryption (raw blocks, secret key and data)") {
    for keySize in [16, 24, 32] {
        let aes = try AES(key: secret(Array(repeating: 0x5A, count: keySize)))
        var blocks = secret(Array(repeating: 0xA5, count: 64))
        blocks.withUnsafeMutableBytes { aes.decryptBlocksInPlace($0) }
        blocks.withUnsafeMutableBytes { aes.encryptBlocksInPlace($0) }
        expect(publicCopy(blocks) == Array(repeating: 0xA5, count: 64), "AES-\(keySize * 8) decrypt/encrypt round trip")
    }
}

/// The NIST TDES CBC MMT records (keying options 1 and 3), each as a decryption: the DECRYPT
/// records as given, the ENCRYPT records from their ciphertext back to their plaintext.
@MainActor func tdesRecords(_ file: String) -> [(id: String, key: [UInt8], iv: [UInt8], ct: [UInt8], pt: [UInt8])] {
    let text = try! String(contentsOf: Vectors.url("nist/tdes_cbc/\(file)"), encoding: .utf8)
    var records: [(String, [UInt8], [UInt8], [UInt8], [UInt8])] = []
    var section = "", fields: [String: String] = [:]
    func flush() {
        if let k1 = fields["KEY1"], let k2 = fields["KEY2"], let k3 = fields["KEY3"], let iv = fields["IV"],
           let pt = fields["PLAINTEXT"], let ct = fields["CIPHERTEXT"] {
            records.append(("\(file) [\(section)] COUNT \(fields["COUNT"] ?? "?")", bytes(hex: k1 + k2 + k3),
                            bytes(hex: iv), bytes(hex: ct), bytes(hex: pt)))
        }
        fields = [:]
    }
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) {
        if line.isEmpty { flush() } else if line.hasPrefix("[") { flush(); section = String(line.dropFirst().dropLast()) }
        else if !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") {
            fields[line[..<eq].trimmingCharacters(in: .whitespaces)] = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        }
    }
    flush()
    return records
}

section("DES and 3DES key schedule and CBC decryption (NIST TDES CBC MMT, every record; single DES where KEY1 = KEY2 = KEY3)") {
    var count = 0
    for file in ["TCBCMMT1.rsp", "TCBCMMT3.rsp"] {
        for record in tdesRecords(file) {
            let plain = publicCopy(try CBC.decryptWithoutPadding(secret(record.ct), using: TripleDES(key: secret(record.key)), iv: record.iv))
            expect(plain == record.pt, "\(record.id): 3DES-CBC decryption differs")
            if record.key[0..<8] == record.key[8..<16] && record.key[8..<16] == record.key[16..<24] {
                let single = publicCopy(try CBC.decryptWithoutPadding(secret(record.ct), using: DES(key: secret(Array(record.key[0..<8]))), iv: record.iv))
                expect(single == record.pt, "\(record.id): DES-CBC decryption differs")
            }
            count += 1
        }
    }
    expect(count == 40, "TDES CBC MMT: \(count) records, expected 40")
}

section("PKCS#7 padding check (valid and invalid, secret data)") {
    for pad in 0...17 {
        var block = Array(repeating: UInt8(0x33), count: 32)
        for i in 0..<min(pad, 32) { block[31 - i] = UInt8(pad) }
        let data = secret(block)
        let count = try? data.withUnsafeBytes { (b) throws(CryptoError) -> Int in
            try PKCS7.unpaddedCount(b, blockByteCount: 16)
        }
        expect(count == ((1...16).contains(pad) ? 32 - pad : nil), "PKCS#7 pad \(pad): wrong verdict")
    }
}

let hmacGroups = json("wycheproof/hmac_sha256_test.json")["testGroups"] as! [[String: Any]]
section("HMAC-SHA256 and constant-time MAC comparison (Wycheproof hmac_sha256_test.json, every case)") {
    for group in hmacGroups {
        // isValidAuthenticationCode accepts full-length MACs only: a truncated tag never verifies.
        let fullLength = group["tagSize"] as! Int == 256
        for test in group["tests"] as! [[String: Any]] {
            let id = test["tcId"]!
            let key = secret(bytes(hex: test["key"] as! String))
            let message = secret(bytes(hex: test["msg"] as! String))
            let tag = secret(bytes(hex: test["tag"] as! String))
            let valid = HMAC<SHA256>.isValidAuthenticationCode(tag, for: message, using: key)
            let computed = publicCopy(HMAC<SHA256>.authenticationCode(for: message, using: key))
            let expected = test["result"] as! String == "valid"
            expect(valid == (expected && fullLength), "hmac_sha256_test.json tcId \(id): wrong verdict")
            expect(expected == computed.starts(with: publicCopy(tag)), "hmac_sha256_test.json tcId \(id): wrong MAC")
        }
    }
}

let pemText = try! String(contentsOf: Vectors.url("generated/keys/rsa2048/pkcs8.pem"), encoding: .utf8)
let pemLines = pemText.split(separator: "\n").filter { !$0.hasPrefix("-----") }
section("base64 decoding of a private key's PEM body (lines joined)") {
    let body = secret(Array(pemLines.joined().utf8))
    let der = publicCopy(try Base64.decode(body))
    expect(der == (try Data(contentsOf: Vectors.url("generated/keys/rsa2048/pkcs8.der"))).map { $0 },
           "pkcs8.pem body does not decode to pkcs8.der")
}

print("ct-check: declassification points: \n  - " + declassificationPoints.joined(separator: "\n  - "))
let total = Memcheck.errorCount
for failure in failures { print("ct-check FAILED: \(failure)") }
print("ct-check: \(total) memcheck error(s), \(failures.count) functional failure(s)")
exit(total == 0 && failures.isEmpty ? 0 : 1)
