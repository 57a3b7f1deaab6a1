import TestSupport
import XCTest
@_spi(Hazmat) @testable import PureCrypto

/// Property tests of the bignum against python3 integers (the script below): Montgomery product,
/// modular add/sub/mul, constant-time and variable-time exponentiation, reduction of wide
/// numbers, bitwise reduction modulo any number, and the full-width product, on random and edge
/// operands (0, 1, n−1, n−2) of many widths, in limbs of the build's `Limb` width (64 bits, or 32
/// with `-DPUREJWT_LIMB32`). The seed is random per run and printed on failure.
final class BigNumPropertyTests: XCTestCase {
    func testAgainstPythonSmallAndMediumWidths() throws {
        try BigNumOracle.run(sizes: [1, 2, 3, 4, 5, 7, 8, 16, 17], perSize: 12, maxExponentLimbs: 2)
    }

    func testAgainstPythonUnrolledKernelWidths() throws {
        // With 64-bit limbs, 16, 24 and 32 limbs run the generated kernels (MontgomeryKernel*.swift).
        try BigNumOracle.run(sizes: [16, 24, 32], perSize: 12, maxExponentLimbs: 1)
    }

    func testAgainstPythonLargeWidths() throws {
        // Debug builds are slow: few cases and short exponents at RSA widths.
        try BigNumOracle.run(sizes: [32, 33, 64, 65], perSize: 2, maxExponentLimbs: 1)
    }
}

/// The same properties on many more cases and full-length exponents, in the release test step.
final class BigNumPropertyHeavyTests: XCTestCase {
    func testAgainstPythonManyWidths() throws {
        try XCTSkipUnless(BuildConfiguration.isOptimized, BuildConfiguration.heavyOnly("bignum property sweep"))
        try BigNumOracle.run(
            sizes: [1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 48, 64, 65, 128],
            perSize: 40, maxExponentLimbs: 16)
    }
}

enum BigNumOracle {
    static func run(sizes: [Int], perSize: Int, maxExponentLimbs: Int) throws {
        let seed = UInt32.random(in: 0...UInt32.max)
        let args = ["-c", oracleScript, "\(seed)", "\(perSize)", "\(maxExponentLimbs)", "\(Limb.bitWidth)"]
            + sizes.map(String.init)
        let result = try ProcessRunner.oracle("python3", args)
        XCTAssertEqual(result.status, 0, String(decoding: result.stderr, as: UTF8.self))
        let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, sizes.count * perSize, "oracle output is incomplete (seed \(seed))")
        for line in lines {
            var f: [String: String] = [:]
            for field in line.split(separator: " ") {
                let kv = field.split(separator: "=", maxSplits: 1)
                f[String(kv[0])] = String(kv[1])
            }
            check(f, seed: seed)
        }
    }

    static func nat(_ hex: String, _ limbs: Int) -> Nat {
        let padded = hex.count % 2 == 1 ? "0" + hex : hex
        var bytes = hexBytes(padded)
        while bytes.count > limbs * limbByteCount, bytes.first == 0 { bytes.removeFirst() }
        return Nat(bigEndian: bytes, limbCount: limbs)
    }

    static func hex(_ x: Nat) -> String {
        var s = hexString(x.bigEndianBytes(count: x.limbCount * limbByteCount))
        while s.count > 1 && s.hasPrefix("0") { s.removeFirst() }
        return s
    }

    static func check(_ f: [String: String], seed: UInt32) {
        let limbs = Int(f["limbs"]!)!
        let id = "bignum oracle seed \(seed) case \(f["case"]!) (\(limbs) limbs)"
        let n = nat(f["n"]!, limbs)
        guard let modulus = try? Modulus(n) else { return XCTFail("\(id): Modulus rejected an odd n") }
        let a = nat(f["a"]!, limbs), b = nat(f["b"]!, limbs)
        XCTAssertEqual(String(modulus.nInv0, radix: 16), f["ninv"]!, "\(id): -n^-1 mod 2^\(Limb.bitWidth)")
        XCTAssertEqual(hex(modulus.rr), f["rr"]!, "\(id): R^2 mod n")
        XCTAssertEqual(hex(modulus.montgomeryProduct(a, b)), f["mont"]!, "\(id): Montgomery product")
        XCTAssertEqual(hex(modulus.montgomerySquareProduct(a)), f["sqr"]!, "\(id): Montgomery square")
        XCTAssertEqual(hex(modulus.multiply(a, b)), f["mul"]!, "\(id): modular product")
        XCTAssertEqual(hex(modulus.add(a, b)), f["add"]!, "\(id): modular sum")
        XCTAssertEqual(hex(modulus.subtract(a, b)), f["sub"]!, "\(id): modular difference")
        let e = nat(f["e"]!, Int(f["elimbs"]!)!)
        XCTAssertEqual(hex(modulus.power(a, e)), f["pow"]!, "\(id): constant-time power")
        let pubE = Limb(f["pube"]!, radix: 16)!
        XCTAssertEqual(hex(modulus.powerVarTime(a, pubE)), f["powpub"]!, "\(id): variable-time power")
        let w = nat(f["w"]!, Int(f["wlimbs"]!)!)
        XCTAssertEqual(hex(modulus.reduce(w)), f["red"]!, "\(id): reduction of a wide number")
        let m = nat(f["m"]!, limbs)
        XCTAssertEqual(hex(w.reducedBitwise(modulo: m)), f["redbit"]!, "\(id): bitwise reduction")
        let x = nat(f["x"]!, limbs)
        let yHex = f["y"]!
        let y = nat(yHex, max(1, (yHex.count + 2 * limbByteCount - 1) / (2 * limbByteCount)))
        XCTAssertEqual(hex(x.multipliedFullWidth(by: y)), f["prod"]!, "\(id): full-width product")
    }
}

/// The oracle, run as `python3 -c` (kept here so the test target has no resource files).
private let oracleScript = #"""
# Oracle for the bignum property tests: python3 integers are the reference.
# Usage: python3 -c SCRIPT SEED CASES_PER_SIZE MAX_EXP_LIMBS LIMB_BITS SIZE...
# Prints one case per line: space-separated key=hex fields (hex without 0x, big-endian).
import random, sys

seed, per_size, max_exp_limbs, W = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
sizes = [int(s) for s in sys.argv[5:]]
rng = random.Random(seed)

def special(n):
    # Edge operands mixed with uniform random ones.
    return rng.choice([0, 1, n - 1, n - 2 if n > 2 else 0, rng.randrange(n), rng.randrange(n), rng.randrange(n)])

def modulus(limbs):
    kind = rng.randrange(5)
    bits = W * limbs
    if kind == 0:      # full width, top bit set
        n = rng.getrandbits(bits) | (1 << (bits - 1))
    elif kind == 1:    # all ones
        n = (1 << bits) - 1
    elif kind == 2:    # short value inside the announced width
        n = rng.getrandbits(rng.randrange(2, bits + 1))
    elif kind == 3:    # just above a power of two
        n = (1 << (bits - 1)) + 1
    else:
        n = rng.getrandbits(bits)
    n |= 1
    return n if n > 1 else 3

def h(x):
    return format(x, "x")

case = 0
for limbs in sizes:
    R = 1 << (W * limbs)
    for _ in range(per_size):
        n = modulus(limbs)
        a, b = special(n), special(n)
        e = rng.choice([0, 1, 2, 3, rng.getrandbits(W * rng.randrange(1, max_exp_limbs + 1))])
        e_limbs = max(1, rng.randrange(1, max_exp_limbs + 1), (e.bit_length() + W - 1) // W)
        pub_e = rng.choice([0, 1, 3, 65537, rng.getrandbits(32) | 1, rng.getrandbits(W)])
        wide_limbs = rng.randrange(1, 2 * limbs + 4)
        w = rng.choice([0, 1, R * n - 1 if W * wide_limbs >= (R * n - 1).bit_length() else 0,
                        rng.getrandbits(W * wide_limbs)])
        if w.bit_length() > W * wide_limbs:
            w = 0
        m = rng.getrandbits(rng.randrange(1, W * limbs + 1)) or 2   # any nonzero modulus, maybe even
        x = rng.getrandbits(W * limbs)
        y = rng.getrandbits(W * rng.randrange(1, limbs + 2))
        fields = dict(
            case=case, limbs=limbs, n=h(n), a=h(a), b=h(b), e=h(e), elimbs=e_limbs, pube=h(pub_e),
            w=h(w), wlimbs=wide_limbs, m=h(m), x=h(x), y=h(y),
            mont=h(a * b * pow(R, -1, n) % n), sqr=h(a * a * pow(R, -1, n) % n), mul=h(a * b % n), add=h((a + b) % n),
            sub=h((a - b) % n), pow=h(pow(a, e, n)), powpub=h(pow(a, pub_e, n)),
            red=h(w % n), redbit=h(w % m), prod=h(x * y), rr=h(R * R % n),
            ninv=h((-pow(n, -1, 1 << W)) % (1 << W)),
        )
        print(" ".join(f"{k}={v}" for k, v in fields.items()))
        case += 1
"""#
