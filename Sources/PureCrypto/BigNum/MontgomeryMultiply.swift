/// Montgomery multiplication, CIOS form (Koç, Acar, Kaliski, "Analyzing and Comparing Montgomery
/// Multiplication Algorithms", IEEE Micro 1996, section 3), with the multiplication and the
/// reduction passes fused into one inner loop carrying two carries.

/// `out = a · b · R⁻¹ mod n`, fully reduced (`out < n`), with `R = 2^(64·count)`, whenever
/// `a · b < R · n` (in particular when `a, b < n`): the loop leaves `t < a·b/R + n < 2n`.
///
/// `nInv0` is `-n⁻¹ mod 2^64`; `t` is scratch of `count + 1` limbs. `out` may alias `a` or `b`
/// (they are read only before `out` is written). No heap allocation.
///
/// Leaks `count` only: loop bounds are the public width, carries are folded into arithmetic, and
/// the final subtraction always runs and is kept or dropped with a mask.
@inline(__always)
func montgomeryMultiply(
    _ out: UnsafeMutablePointer<UInt64>,
    _ a: UnsafePointer<UInt64>,
    _ b: UnsafePointer<UInt64>,
    _ n: UnsafePointer<UInt64>,
    _ nInv0: UInt64,
    _ count: Int,
    _ t: UnsafeMutablePointer<UInt64>
) {
    t.update(repeating: 0, count: count + 1)
    for i in 0..<count {
        let bi = b[i]
        // j = 0: the low limb of t + a·bi decides m, which makes the low limb vanish.
        let (h0, l0) = a[0].multipliedFullWidth(by: bi)
        let (u, cu) = l0.addingReportingOverflow(t[0])
        var c1 = h0 &+ carryBit(cu)
        let m = u &* nInv0
        let (h1, l1) = m.multipliedFullWidth(by: n[0])
        let (_, cz) = l1.addingReportingOverflow(u)  // the sum is 0 mod 2^64 by the choice of m
        var c2 = h1 &+ carryBit(cz)
        var j = 1
        while j < count {
            let (ha, la) = a[j].multipliedFullWidth(by: bi)
            let (s1, k1) = la.addingReportingOverflow(t[j])
            let (s2, k2) = s1.addingReportingOverflow(c1)
            c1 = ha &+ carryBit(k1) &+ carryBit(k2)
            let (hn, ln) = m.multipliedFullWidth(by: n[j])
            let (s3, k3) = ln.addingReportingOverflow(s2)
            let (s4, k4) = s3.addingReportingOverflow(c2)
            c2 = hn &+ carryBit(k3) &+ carryBit(k4)
            t[j - 1] = s4
            j += 1
        }
        // t[count] ≤ 1 between rounds; the new top is t[count] + c1 + c2 < 2^65.
        let (s5, k5) = c1.addingReportingOverflow(c2)
        let (s6, k6) = s5.addingReportingOverflow(t[count])
        t[count - 1] = s6
        t[count] = carryBit(k5) &+ carryBit(k6)
    }
    // t < 2n: subtract n once if t ≥ n, selecting with a mask.
    let borrow = subtract(out, t, n, count)
    let keepDifference = Choice(bit: t[count]) | !Choice(bit: borrow)
    let mask = keepDifference.mask
    for k in 0..<count { out[k] = t[k] ^ (mask & (out[k] ^ t[k])) }
}
