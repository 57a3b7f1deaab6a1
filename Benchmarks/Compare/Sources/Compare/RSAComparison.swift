// RSA signing and verification beside swift-crypto's `_RSA.Signing` (BoringSSL), and constant-time
// modular exponentiation beside attaswift/BigInt. RSA-2048 uses the generated vector key; RSA-3072
// and RSA-4096 use the keys of NIST SigGen15_186-2, whose first SHA-256 signature both sides must
// reproduce before anything is timed.
import BigInt
import Crypto
import Foundation
@_spi(Hazmat) import PureCrypto
import _CryptoExtras

let rsaGroup = RowGroup(
    title: "PureJWT vs swift-crypto 4.5.2 (BoringSSL) and BigInt 6.0.1; CPU time, paired trials (see compare); lower ratio is better",
    rows: [
        ("rsa2048.sign", { try rsa2048.signRow() }),
        ("rsa2048.verify", { try rsa2048.verifyRow() }),
        ("rsa3072.sign", { try nistSignRow(bits: 3072) }),
        ("rsa4096.sign", { try nistSignRow(bits: 4096) }),
        ("modexp1024", { try modexpRow("modexp1024", modulus: rsa2048.number("p"), exponent: rsa2048.number("dp")) }),
        ("modexp2048", { try modexpRow("modexp2048", modulus: rsa2048.number("n"), exponent: rsa2048.number("d")) }),
    ])

/// The first SHA-256 case of one modulus size in Vectors/nist/rsa/SigGen15_186-2.txt.
func nistCase(bits: Int) throws -> (n: [UInt8], d: [UInt8], message: [UInt8], signature: [UInt8]) {
    let text = try String(contentsOf: vectors.appendingPathComponent("nist/rsa/SigGen15_186-2.txt"), encoding: .utf8)
    var size = 0, fields: [String: String] = [:], alg = ""
    for raw in text.split(whereSeparator: \.isNewline) {
        let line = raw.filter { $0 != " " }
        if line.hasPrefix("[mod=") { size = Int(line.dropFirst(5).dropLast())!; continue }
        guard size == bits, let eq = line.firstIndex(of: "=") else { continue }
        let key = String(line[..<eq]), value = String(line[line.index(after: eq)...])
        if key == "SHAAlg" { alg = value }
        fields[key] = value
        if key == "S", alg == "SHA256" {
            return (hex(fields["n"]!), hex(fields["d"]!), hex(fields["Msg"]!), hex(value))
        }
    }
    fatalError("SigGen15_186-2.txt has no \(bits)-bit SHA-256 case")
}

func signRow(_ name: String, ours: RSAPrivateKey, theirs: _RSA.Signing.PrivateKey, message: [UInt8]) -> Row {
    Row(name: name, peer: "swift-crypto",
        ours: .sync { _ = try ours.signPKCS1v15(message, hash: PureCrypto.SHA256.self) },
        theirs: .sync { _ = try theirs.signature(for: message, padding: .insecurePKCS1v1_5) })
}

/// The generated RSA-2048 vector key on both sides, checked to sign alike.
struct RSA2048Fixture {
    let numbers: [String: Any]
    let ours: RSAPrivateKey
    let theirs: _RSA.Signing.PrivateKey
    let message = [UInt8]("eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJib3gifQ".utf8)
    let signature: [UInt8]

    init() throws {
        let numbers = try JSONSerialization.jsonObject(with: Data(contentsOf: vectors.appendingPathComponent("generated/keys/rsa2048/key_numbers.json"))) as! [String: Any]
        self.numbers = numbers
        let number = { (key: String) -> [UInt8] in hex(numbers[key] as! String) }
        ours = try RSAPrivateKey(n: number("n"), e: [1, 0, 1], d: number("d"), p: number("p"), q: number("q"),
                                 dP: number("dp"), dQ: number("dq"), qInv: number("qi"))
        let pem = try String(contentsOf: vectors.appendingPathComponent("generated/keys/rsa2048/pkcs8.pem"), encoding: .utf8)
        theirs = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
        // Cross-check before timing: both produce the same deterministic signature.
        signature = try ours.signPKCS1v15(message, hash: PureCrypto.SHA256.self)
        let theirSignature = try theirs.signature(for: message, padding: .insecurePKCS1v1_5)
        precondition(signature == [UInt8](theirSignature.rawRepresentation), "signatures differ: do not trust any timing")
        precondition(ours.publicKey.isValidPKCS1v15Signature(signature, for: message, hash: PureCrypto.SHA256.self))
    }

    func number(_ key: String) -> [UInt8] { hex(numbers[key] as! String) }

    func signRow() -> Row { Compare.signRow("rsa2048.sign", ours: ours, theirs: theirs, message: message) }

    func verifyRow() -> Row {
        let ourPublic = ours.publicKey, theirPublic = theirs.publicKey, message = message
        let ourSignature = signature, theirSignature = try! _RSA.Signing.RSASignature(rawRepresentation: signature)
        return Row(name: "rsa2048.verify", peer: "swift-crypto",
                   ours: .sync { precondition(ourPublic.isValidPKCS1v15Signature(ourSignature, for: message, hash: PureCrypto.SHA256.self)) },
                   theirs: .sync { precondition(theirPublic.isValidSignature(theirSignature, for: message, padding: .insecurePKCS1v1_5)) })
    }
}

nonisolated(unsafe) let rsa2048Fixture = Result { try RSA2048Fixture() }
var rsa2048: RSA2048Fixture { get throws { try rsa2048Fixture.get() } }

/// RSA-3072 or RSA-4096 from NIST's first SHA-256 case: our key from (n, e, d), swift-crypto's from
/// our PKCS#8 export; both must reproduce NIST's signature.
func nistSignRow(bits: Int) throws -> Row {
    let c = try nistCase(bits: bits)
    let ours = try RSAPrivateKey(n: c.n, e: [1, 0, 1], d: c.d)
    let theirs = try _RSA.Signing.PrivateKey(derRepresentation: ours.pkcs8DERRepresentation)
    let ourSignature = try ours.signPKCS1v15(c.message, hash: PureCrypto.SHA256.self)
    let theirSignature = [UInt8](try theirs.signature(for: c.message, padding: .insecurePKCS1v1_5).rawRepresentation)
    precondition(ourSignature == c.signature, "RSA-\(bits): our signature is not NIST's")
    precondition(theirSignature == c.signature, "RSA-\(bits): swift-crypto's signature is not NIST's")
    return signRow("rsa\(bits).sign", ours: ours, theirs: theirs, message: c.message)
}

/// Constant-time `base^exponent mod modulus` beside BigInt's, after checking both agree.
func modexpRow(_ name: String, modulus modulusBytes: [UInt8], exponent exponentBytes: [UInt8]) throws -> Row {
    let message = try rsa2048.message
    let modulus = try Modulus(bigEndian: modulusBytes)
    let base = Array(message + [UInt8](repeating: 0x5a, count: modulusBytes.count - message.count - 1))
    let bigM = BigUInt(Data(modulusBytes)), bigB = BigUInt(Data(base)), bigE = BigUInt(Data(exponentBytes))
    let expected = bigB.power(bigE, modulus: bigM)
    precondition(BigUInt(Data(modulus.power(base: base, exponent: exponentBytes))) == expected, "\(name): results differ")
    return Row(name: name, peer: "BigInt",
               ours: .sync { _ = modulus.power(base: base, exponent: exponentBytes) },
               theirs: .sync { _ = bigB.power(bigE, modulus: bigM) })
}
