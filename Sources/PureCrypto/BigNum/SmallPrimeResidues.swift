/// Residues of a multi-limb number modulo small odd numbers (trial division of prime candidates,
/// `λ mod e` at key generation), by Barrett reduction in limb arithmetic on chunks of each limb:
/// multiplications, subtractions and a mask, never a hardware division (whose latency depends on
/// its operands on many CPUs), and never a product wider than two limbs.

/// A small odd divisor `m < 2^17` with its Barrett constant `μ = ⌊(B − 1)/m⌋`, where
/// `B = 2^limbBitWidth` is the limb base.
///
/// Leaks nothing about the numbers reduced with it; `m` itself is treated as public.
struct SmallDivisor: Sendable {
    let m: Limb
    let mu: Limb

    /// Bits of a limb taken per Barrett step: `(r << chunkBits) | chunk` must stay below `B` for
    /// `r < m < 2^17`. 32 for 64-bit limbs (two steps per limb), 8 for 32-bit limbs (four steps).
    static var chunkBits: Int { limbBitWidth == 64 ? 32 : 8 }

    init(_ m: Limb) {
        precondition(m > 1 && m < 1 << 17, "a SmallDivisor is below 2^17")
        self.m = m
        self.mu = Limb.max / m
    }

    /// `x mod m` for any limb `x`. Constant time: with `μ = (B − 1 − ρ)/m`, `ρ = (B − 1) mod m`,
    /// the estimate `⌊x·μ/B⌋` is `⌊x/m⌋` or one less (the error `x·(1 + ρ)/(m·B) ≤ x/B` is below
    /// 1), so one masked subtraction finishes the reduction.
    @inline(__always)
    func reduce(_ x: Limb) -> Limb {
        let q = x.multipliedFullWidth(by: mu).high
        let r = x &- q &* m
        let (s, borrow) = r.subtractingReportingOverflow(m)
        return Choice(bit: carryBit(borrow)).select(r, s)
    }

    /// `(r · B + limb) mod m` for `r < m`: one Barrett step per chunk of `limb`, most significant
    /// first. Constant time.
    @inline(__always)
    func reduce(_ r: Limb, shiftingIn limb: Limb) -> Limb {
        let chunkBits = SmallDivisor.chunkBits
        let chunkMask: Limb = (1 << Limb(chunkBits)) - 1
        var r = r
        var shift = limbBitWidth - chunkBits
        while shift >= 0 {  // public: fixed positions within the limb
            r = reduce((r << Limb(chunkBits)) | ((limb >> Limb(shift)) & chunkMask))
            shift -= chunkBits
        }
        return r
    }

    /// `(a · b) mod m` for `a, b < m`, from the two-limb product. Constant time.
    @inline(__always)
    func multiply(_ a: Limb, _ b: Limb) -> Limb {
        let (high, low) = a.multipliedFullWidth(by: b)
        return reduce(reduce(0, shiftingIn: high), shiftingIn: low)
    }

    /// `x mod m` for a number given as little-endian limbs. Constant time in the value; leaks the
    /// limb count.
    func residue(of limbs: [Limb]) -> Limb {
        var r: Limb = 0
        var i = limbs.count - 1
        while i >= 0 {  // public: the announced width
            r = reduce(r, shiftingIn: limbs[i])
            i -= 1
        }
        return r
    }

    /// `base^exponent mod m` for `base < m` and a public exponent. Constant time in `base`: every
    /// step multiplies and keeps or drops the product with a mask.
    func power(_ base: Limb, _ exponent: Limb) -> Limb {
        var result: Limb = 1
        var bit = limbBitWidth - 1
        while bit >= 0 {
            result = multiply(result, result)
            let product = multiply(result, base)
            result = Choice(bit: (exponent >> Limb(bit)) & 1).select(product, result)
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
            divisors.append(SmallDivisor(Limb(k)))
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
