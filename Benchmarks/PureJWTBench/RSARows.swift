@_spi(Hazmat) import PureCrypto
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// RSA and modular-exponentiation rows. Keys come from NIST CAVP SigGen15_186-2 (n, e, d at 1024,
/// 2048, 3072 and 4096 bits; p and q recovered at load), and the self-check signs the file's first
/// SHA-256 message at each size and compares with its published signature before any timing.
enum RSARows {
    struct NISTCase {
        let bits: Int
        let n: [UInt8], e: [UInt8], d: [UInt8]
        let message: [UInt8], signature: [UInt8]
    }

    /// The first SHA-256 case of each modulus size in Vectors/nist/rsa/SigGen15_186-2.txt.
    static let cases: [Int: NISTCase] = {
        let path = Vectors.url("nist/rsa/SigGen15_186-2.txt").path
        guard let file = fopen(path, "r") else { fail(1, "cannot read \(path)") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[..<n]
        }
        var out: [Int: NISTCase] = [:]
        var bits = 0, n: [UInt8] = [], e: [UInt8] = [], d: [UInt8] = [], alg = "", msg: [UInt8] = []
        for raw in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {  // CRLF is one Character
            let line = raw.filter { $0 != " " }
            if line.hasPrefix("[mod=") { bits = Int(line.dropFirst(5).dropLast())!; continue }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<eq]), value = String(line[line.index(after: eq)...])
            switch key {
            case "n": n = hex(value)
            case "e": e = hex(value)
            case "d": d = hex(value)
            case "SHAAlg": alg = value
            case "Msg": msg = hex(value)
            case "S" where alg == "SHA256" && out[bits] == nil:
                out[bits] = NISTCase(bits: bits, n: n, e: e, d: d, message: msg, signature: hex(value))
            default: break
            }
        }
        return out
    }()

    static func hex(_ text: String) -> [UInt8] {
        (try? Hex.decode(text)) ?? { fail(1, "bad hex in SigGen15_186-2.txt") }()
    }

    static func key(_ bits: Int) -> RSAPrivateKey {
        guard let c = cases[bits] else { fail(1, "no \(bits)-bit case in SigGen15_186-2.txt") }
        do {
            return try RSAPrivateKey(n: c.n, e: c.e, d: c.d, options: .unsafeAllowSmallKeys)
        } catch {
            fail(1, "SigGen15_186-2.txt \(bits)-bit key: \(error)")
        }
    }

    static let group = BenchGroup(
        name: "RSA",
        selfCheck: { () -> [String] in
            var failures: [String] = []
            for bits in [1024, 2048, 3072, 4096] {
                guard let c = cases[bits] else { failures.append("no \(bits)-bit SHA-256 case"); continue }
                let k = key(bits)
                let what = "RSA-\(bits) PKCS#1 v1.5 SHA-256, NIST SigGen15_186-2"
                expectBytes((try? k.signPKCS1v15(c.message, hash: SHA256.self)) ?? [], hex: Hex.encode(c.signature), "sign " + what, &failures)
                expect(k.publicKey.isValidPKCS1v15Signature(c.signature, for: c.message, hash: SHA256.self), "verify " + what, &failures)
                // modexp: (S^e)^d = S for the published S.
                if let modulus = try? Modulus(bigEndian: c.n) {
                    let em = modulus.power(base: c.signature, exponent: c.e)
                    expect(em.drop(while: { $0 == 0 }).starts(with: [1, 0xff]),
                           "modexp S^e has the PKCS#1 v1.5 shape, " + what, &failures)
                    expectBytes(Array(modulus.power(base: em, exponent: c.d).suffix(c.signature.count)),
                                hex: Hex.encode(c.signature), "modexp (S^e)^d = S, " + what, &failures)
                } else {
                    failures.append("modulus rejected, " + what)
                }
            }
            return failures
        },
        rows: [
            signRow(2048), verifyRow(2048), signRow(3072), signRow(4096), modexpRow(2048), modexpRow(1024),
        ])

    static func signRow(_ bits: Int) -> BenchRow {
        BenchRow(key: "rsa\(bits).sign", bytes: nil) {
            let k = key(bits)
            var message = [UInt8](repeating: 0x2e, count: 64)
            return { iterations in
                for _ in 0..<iterations {
                    let signature = (try? k.signPKCS1v15(message, hash: SHA256.self)) ?? []
                    message[0] ^= signature.first ?? 1
                    blackHole(signature)
                }
            }
        }
    }

    static func verifyRow(_ bits: Int) -> BenchRow {
        BenchRow(key: "rsa\(bits).verify", bytes: nil) {
            let c = cases[bits]!
            let publicKey = key(bits).publicKey
            var message = c.message
            return { iterations in
                for _ in 0..<iterations {
                    // Alternates valid and invalid messages: both cost one full verification.
                    let ok = publicKey.isValidPKCS1v15Signature(c.signature, for: message, hash: SHA256.self)
                    message[0] ^= 1
                    blackHole(ok)
                }
            }
        }
    }

    static func modexpRow(_ bits: Int) -> BenchRow {
        BenchRow(key: "modexp\(bits)", bytes: nil) {
            let c = cases[bits]!
            let modulus = try! Modulus(bigEndian: c.n)
            var base = c.signature
            return { iterations in
                for _ in 0..<iterations {
                    base = modulus.power(base: base, exponent: c.d)   // full-length secret exponent
                    blackHole(base)
                }
            }
        }
    }
}
