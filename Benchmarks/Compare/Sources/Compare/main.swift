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

/// One side of a comparison: `run(n)` makes `n` calls, and `clock` is the CPU clock that sees
/// their work (this thread's for synchronous code; the process's for async code, which runs on the
/// concurrency pool's threads).
struct Side {
    let clock: () -> UInt64
    let run: (Int) throws -> Void

    static func sync(_ body: @escaping () throws -> Void) -> Side {
        Side(clock: now, run: { n in for _ in 0..<n { try body() } })
    }

    func nanosecondsPerCall(_ n: Int) throws -> Double {
        let start = clock()
        try run(n)
        return Double(clock() - start) / Double(n)
    }

    /// Calls per trial so that a trial takes at least 60 ms.
    func calibrated() throws -> Int {
        var n = 1
        while true {
            let start = clock()
            try run(n)
            let elapsed = clock() - start
            if elapsed > 60_000_000 { return n }
            n *= elapsed < 10_000_000 ? 10 : 2
        }
    }
}

/// Times both sides in alternating trials (ours, theirs, ours, …; 15 rounds of at least 60 ms
/// each) and prints the medians and the median of the per-round ratios. This machine's speed
/// drifts by tens of percent over seconds (a shared host); pairing the trials cancels most of the
/// drift, which two separately measured medians do not.
func compare(_ name: String, ours: Side, theirs: Side, _ who: String) throws {
    let ourCalls = try ours.calibrated(), theirCalls = try theirs.calibrated()
    var ourTimes: [Double] = [], theirTimes: [Double] = [], ratios: [Double] = []
    for _ in 0..<15 {
        let a = try ours.nanosecondsPerCall(ourCalls), b = try theirs.nanosecondsPerCall(theirCalls)
        ourTimes.append(a); theirTimes.append(b); ratios.append(a / b)
    }
    func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    func f(_ ns: Double) -> String { String(format: "%10.1f µs", ns / 1000) }
    let sorted = ratios.sorted()
    print("\(name.padding(toLength: 22, withPad: " ", startingAt: 0)) ours \(f(median(ourTimes)))   \(who) \(f(median(theirTimes)))   ratio \(String(format: "%.2f", median(ratios)))× (rounds \(String(format: "%.2f", sorted.first!))–\(String(format: "%.2f", sorted.last!)))")
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

print("PureJWT vs swift-crypto 4.5.2 (BoringSSL) and BigInt 6.0.1; CPU time, paired trials (see compare); lower ratio is better")
try compare("rsa2048.sign", ours: .sync { _ = try ourKey.signPKCS1v15(message, hash: PureCrypto.SHA256.self) },
            theirs: .sync { _ = try theirKey.signature(for: message, padding: .insecurePKCS1v1_5) }, "swift-crypto")
let theirPublic = theirKey.publicKey
try compare("rsa2048.verify", ours: .sync { precondition(ourKey.publicKey.isValidPKCS1v15Signature(ourSig, for: message, hash: PureCrypto.SHA256.self)) },
            theirs: .sync { precondition(theirPublic.isValidSignature(theirSig, for: message, padding: .insecurePKCS1v1_5)) }, "swift-crypto")

for (name, modulusBytes, exponentBytes) in [("modexp1024", number("p"), number("dp")), ("modexp2048", number("n"), number("d"))] {
    let modulus = try Modulus(bigEndian: modulusBytes)
    let base = Array(message + [UInt8](repeating: 0x5a, count: modulusBytes.count - message.count - 1))
    let bigM = BigUInt(Data(modulusBytes)), bigB = BigUInt(Data(base)), bigE = BigUInt(Data(exponentBytes))
    let expected = bigB.power(bigE, modulus: bigM)
    precondition(BigUInt(Data(modulus.power(base: base, exponent: exponentBytes))) == expected, "\(name): results differ")
    try compare(name, ours: .sync { _ = modulus.power(base: base, exponent: exponentBytes) },
                theirs: .sync { _ = bigB.power(bigE, modulus: bigM) }, "BigInt      ")
}

try compareJWT(pem: pem, ourKey: ourKey)
try compareKeyLoading()
