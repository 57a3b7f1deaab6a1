// Measures PureJWT's RSA and modular exponentiation beside swift-crypto's `_RSA.Signing`
// (BoringSSL) and attaswift/BigInt, in the same run, and prints the ratios.
// Build and run: swift build -c release --package-path Benchmarks/Compare && Benchmarks/Compare/.build/release/Compare
import BigInt
import Crypto
import Foundation
import PureCrypto
import _CryptoExtras

let vectors = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Vectors")

func hex(_ s: String) -> [UInt8] {
    let s = s.count % 2 == 1 ? "0" + s : s
    var out = [UInt8]()
    var i = s.startIndex
    while i < s.endIndex {
        let j = s.index(i, offsetBy: 2)
        out.append(UInt8(s[i..<j], radix: 16)!)
        i = j
    }
    return out
}

/// CPU time of this thread in nanoseconds: on a shared machine, wall time mostly measures the
/// neighbours; both sides are single-threaded, so thread CPU time compares them fairly.
func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Median and minimum nanoseconds (thread CPU time) per call over 5 trials of at least 200 ms each.
func measure(_ body: () throws -> Void) rethrows -> (median: Double, min: Double) {
    var iterations = 1
    while true {  // calibrate
        let start = now()
        for _ in 0..<iterations { try body() }
        let elapsed = now() - start
        if elapsed > 200_000_000 { break }
        iterations *= elapsed < 20_000_000 ? 10 : 2
    }
    var trials: [Double] = []
    for _ in 0..<5 {
        let start = now()
        for _ in 0..<iterations { try body() }
        trials.append(Double(now() - start) / Double(iterations))
    }
    trials.sort()
    return (trials[2], trials[0])
}

func row(_ name: String, ours: (median: Double, min: Double), theirs: (median: Double, min: Double), _ who: String) {
    func f(_ ns: Double) -> String { String(format: "%10.1f µs", ns / 1000) }
    print("\(name.padding(toLength: 22, withPad: " ", startingAt: 0)) ours \(f(ours.median)) (min \(f(ours.min)))   \(who) \(f(theirs.median)) (min \(f(theirs.min)))   ratio \(String(format: "%.2f", ours.median / theirs.median))×")
}

let numbers = try JSONSerialization.jsonObject(with: Data(contentsOf: vectors.appendingPathComponent("generated/keys/rsa2048/key_numbers.json"))) as! [String: Any]
let number = { (key: String) -> [UInt8] in hex(numbers[key] as! String) }
let ourKey = try RSAPrivateKey(n: number("n"), e: [1, 0, 1], d: number("d"), p: number("p"), q: number("q"),
                               dP: number("dp"), dQ: number("dq"), qInv: number("qi"))
let pem = try String(contentsOf: vectors.appendingPathComponent("generated/keys/rsa2048/pkcs8.pem"), encoding: .utf8)
let theirKey = try _RSA.Signing.PrivateKey(pemRepresentation: pem)
let message = [UInt8]("eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJib3gifQ".utf8)

// Cross-check before timing: both produce the same deterministic signature.
let ourSig = try ourKey.signPKCS1v15(message, hash: PureCrypto.SHA256.self)
let theirSig = try theirKey.signature(for: message, padding: .insecurePKCS1v1_5)
precondition(ourSig == [UInt8](theirSig.rawRepresentation), "signatures differ: do not trust any timing")
precondition(ourKey.publicKey.isValidPKCS1v15Signature(ourSig, for: message, hash: PureCrypto.SHA256.self))

print("PureJWT vs swift-crypto 4.5.2 (BoringSSL) and BigInt 6.0.1; thread CPU time, median of 5 trials ≥ 200 ms; lower ratio is better")
row("rsa2048.sign", ours: try measure { _ = try ourKey.signPKCS1v15(message, hash: PureCrypto.SHA256.self) },
    theirs: try measure { _ = try theirKey.signature(for: message, padding: .insecurePKCS1v1_5) }, "swift-crypto")
let theirPublic = theirKey.publicKey
row("rsa2048.verify", ours: measure { precondition(ourKey.publicKey.isValidPKCS1v15Signature(ourSig, for: message, hash: PureCrypto.SHA256.self)) },
    theirs: measure { precondition(theirPublic.isValidSignature(theirSig, for: message, padding: .insecurePKCS1v1_5)) }, "swift-crypto")

for (name, modulusBytes, exponentBytes) in [("modexp1024", number("p"), number("dp")), ("modexp2048", number("n"), number("d"))] {
    let modulus = try Modulus(bigEndian: modulusBytes)
    let base = Array(message + [UInt8](repeating: 0x5a, count: modulusBytes.count - message.count - 1))
    let bigM = BigUInt(Data(modulusBytes)), bigB = BigUInt(Data(base)), bigE = BigUInt(Data(exponentBytes))
    let expected = bigB.power(bigE, modulus: bigM)
    precondition(BigUInt(Data(modulus.power(base: base, exponent: exponentBytes))) == expected, "\(name): results differ")
    row(name, ours: measure { _ = modulus.power(base: base, exponent: exponentBytes) },
        theirs: measure { _ = bigB.power(bigE, modulus: bigM) }, "BigInt      ")
}

try compareJWT(pem: pem, ourKey: ourKey)
try compareKeyLoading()
