/// Residues of a multi-limb number modulo small odd numbers (trial division of prime candidates,
/// `λ mod e` at key generation), by Barrett reduction on 32-bit chunks: multiplications,
/// subtractions and a mask, never a hardware division (whose latency depends on its operands on
/// many CPUs).

/// A small odd divisor `m < 2^17` with its Barrett constant `⌊(2^64 − 1)/m⌋`.
///
/// Leaks nothing about the numbers reduced with it; `m` itself is treated as public.
struct SmallDivisor: Sendable {
    let m: UInt64
    let mu: UInt64

    init(_ m: UInt64) {
        precondition(m > 1 && m < 1 << 17, "a SmallDivisor is below 2^17")
        self.m = m
        self.mu = UInt64.max / m
    }

    /// `x mod m` for `x < 2^49`. Constant time: with `μ = ⌊(2^64−1)/m⌋ = 2^64/m − δ`, `0 < δ ≤ 1`,
    /// the estimate `⌊x·μ/2^64⌋` is `⌊x/m⌋` or one less (the error `x·δ/2^64` is below 1), so
    /// one masked subtraction finishes the reduction.
    @inline(__always)
    func reduce(_ x: UInt64) -> UInt64 {
        let q = x.multipliedFullWidth(by: mu).high
        let r = x &- q &* m
        let (s, borrow) = r.subtractingReportingOverflow(m)
        return Choice(bit: carryBit(borrow)).select(r, s)
    }

    /// `(a · b) mod m` for `a, b < m`. Constant time.
    @inline(__always)
    func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 { reduce(a &* b) }

    /// `x mod m` for a number given as little-endian limbs. Constant time in the value; leaks the
    /// limb count.
    func residue(of limbs: [UInt64]) -> UInt64 {
        var r: UInt64 = 0
        var i = limbs.count - 1
        while i >= 0 {  // public: the announced width
            r = reduce((r << 32) | (limbs[i] >> 32))  // r < m < 2^17, so the input is < 2^49
            r = reduce((r << 32) | (limbs[i] & 0xFFFF_FFFF))
            i -= 1
        }
        return r
    }

    /// `base^exponent mod m` for `base < m` and a public exponent. Constant time in `base`: every
    /// step multiplies and keeps or drops the product with a mask.
    func power(_ base: UInt64, _ exponent: UInt64) -> UInt64 {
        var result: UInt64 = 1
        var bit = 63
        while bit >= 0 {
            result = multiply(result, result)
            let product = multiply(result, base)
            result = Choice(bit: (exponent >> UInt64(bit)) & 1).select(product, result)
            bit -= 1
        }
        return result
    }
}

/// The odd primes below 4096 (563 of them), each as a `SmallDivisor`: the trial-division table
/// of prime generation. A random odd number survives division by all of them with probability
/// about `∏(1 − 1/r) ≈ 2·e^−γ / ln 4096 ≈ 13 %`, so this rejects most candidates for the cost of
/// a few multiplications each, before any modular exponentiation.
let smallOddPrimeDivisors: [SmallDivisor] = {
    let limit = 4096
    var composite = [Bool](repeating: false, count: limit)
    var divisors: [SmallDivisor] = []
    var k = 3
    while k < limit {
        if !composite[k] {
            divisors.append(SmallDivisor(UInt64(k)))
            var multiple = k * k
            while multiple < limit {
                composite[multiple] = true
                multiple += 2 * k
            }
        }
        k += 2
    }
    return divisors
}()
