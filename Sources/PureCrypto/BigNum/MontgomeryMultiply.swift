/// Montgomery multiplication in product-scanning form, FIPS ("finely integrated product
/// scanning": Koç, Acar, Kaliski, "Analyzing and Comparing Montgomery Multiplication Algorithms",
/// IEEE Micro 1996, section 6). Each output column sums its products a[j]·b[i−j] and m[j]·n[i−j]
/// into a three-word accumulator, so a product costs one multiply and one add-with-carry chain.
/// This is the form for widths that have no generated kernel; the generated fixed-width kernels
/// (`MontgomeryKernel16/24/32.swift`) use operand scanning (CIOS, section 4) instead.

/// `out = a · b · R⁻¹ mod n` for any width, the loops `montgomeryMultiply` falls back to: fully
/// reduced (`out < n`), with `R = 2^(limbBitWidth·count)`, whenever `a · b < R · n` (in
/// particular when `a, b < n`): before the final subtraction the result is
/// `(a·b + m·n)/R < a·b/R + n < 2n`.
///
/// `nInv0` is `-n⁻¹ mod 2^limbBitWidth`; `t` is scratch of `2·count + 1` limbs (the Montgomery quotient
/// digits m, then the unreduced result). `out` may alias `a` or `b`: they are read only before
/// `out` is written. No heap allocation.
///
/// Leaks `count` only: loop bounds are the public width, carries are folded into arithmetic, and
/// the final subtraction always runs and is kept or dropped with an opaque mask.
@inline(__always)
func montgomeryMultiplyLoop(
    _ out: UnsafeMutablePointer<Limb>,
    _ a: UnsafePointer<Limb>,
    _ b: UnsafePointer<Limb>,
    _ n: UnsafePointer<Limb>,
    _ nInv0: Limb,
    _ count: Int,
    _ t: UnsafeMutablePointer<Limb>
) {
    let m = t
    let r = t + count
    var acc = ColumnAccumulator()
    // Low columns: choose m[i] so that column i vanishes, then shift the accumulator.
    for i in 0..<count {
        var j = 0
        while j < i {
            acc.add(a[j], b[i - j])
            acc.add(m[j], n[i - j])
            j += 1
        }
        acc.add(a[i], b[0])
        let mi = acc.lo &* nInv0
        m[i] = mi
        acc.add(mi, n[0])  // acc.lo becomes 0
        acc.shift()
    }
    // High columns: the result limbs.
    for i in count..<(2 * count) {
        var j = i - count + 1
        while j < count {
            acc.add(a[j], b[i - j])
            acc.add(m[j], n[i - j])
            j += 1
        }
        r[i - count] = acc.lo
        acc.shift()
    }
    // r + acc.lo·R < 2n (acc.lo is 0 or 1): subtract n once if needed, selecting with a mask.
    let borrow = subtract(out, r, n, count)
    let keepDifference = Choice(bit: acc.lo) | !Choice(bit: borrow)
    let mask = keepDifference.opaqueMask
    for k in 0..<count { out[k] = r[k] ^ (mask & (out[k] ^ r[k])) }
}
