/// Constant-time binary greatest common divisor with one odd operand (Stein's algorithm with a
/// fixed iteration count, as in Bernstein and Yang, "Fast constant-time gcd computation and
/// modular inversion", CHES 2019, section 1, and Pornin's "Optimized Binary GCD", 2020): used at
/// RSA key generation for `gcd` of the odd parts of `p − 1` and `q − 1`, which are secret.

extension Nat {
    /// `gcd(x, y)` for `y` odd, both in the same announced width.
    ///
    /// Leaks the width only. Each of the `2·limbBitWidth·width` iterations does the same work: if `a` is
    /// odd, swap so that `a ≥ b` and subtract (`a − b` is even); then halve `a`. `b` stays odd,
    /// so halving never drops a common factor, and each iteration removes at least one bit from
    /// `bits(a) + bits(b) ≤ 2·limbBitWidth·width`, so `a` is zero at the end and `b` is the gcd. Swaps,
    /// subtractions and shifts always run and are kept or dropped with masks.
    static func gcd(_ x: Nat, oddY y: Nat) -> Nat {
        precondition(x.limbCount == y.limbCount, "widths differ")
        let count = x.limbCount
        var a = x.limbs, b = y.limbs
        var difference = [Limb](repeating: 0, count: count)
        a.withUnsafeMutableBufferPointer { ap in
            b.withUnsafeMutableBufferPointer { bp in
                difference.withUnsafeMutableBufferPointer { dp in
                    let a = ap.baseAddress!, b = bp.baseAddress!, d = dp.baseAddress!
                    for _ in 0..<(2 * limbBitWidth * count) {
                        let aOdd = Choice(bit: a[0] & 1)
                        let aLess = Choice(bit: subtract(d, a, b, count))  // d = a − b
                        // When a is odd and a < b: (a, b) ← (b − a, a); when a is odd: a ← a − b.
                        let swap = aOdd & aLess
                        let swapMask = swap.limbMask, oddMask = aOdd.limbMask
                        for k in 0..<count {
                            let ak = a[k], bk = b[k]
                            // b − a = −(a − b): negate d when swapping (two's complement below).
                            b[k] = bk ^ (swapMask & (bk ^ ak))
                            a[k] = ak ^ (oddMask & (ak ^ d[k]))
                        }
                        // Negate a when swapped: a − b was negative, b − a = ~(a − b) + 1.
                        var carry: Limb = 1 & swapMask
                        for k in 0..<count {
                            let v = a[k] ^ swapMask
                            let (s, c) = v.addingReportingOverflow(carry)
                            a[k] = s
                            carry = carryBit(c)
                        }
                        // a is even now: halve it.
                        for k in 0..<count {
                            let next = k + 1 < count ? a[k + 1] : 0
                            a[k] = (a[k] >> 1) | (next << Limb(limbBitWidth - 1))
                        }
                    }
                }
            }
        }
        return Nat(limbs: b)
    }
}
