/// Montgomery squaring in product-scanning form (FIPS, as in `montgomeryMultiply`), with each
/// cross product a[j]·a[i−j] computed once and doubled: about 25% fewer word products than
/// `montgomeryMultiply(a, a)`. Squarings are four fifths of a windowed exponentiation.

/// `out = a² · R⁻¹ mod n` for any width, the loops `montgomerySquare` falls back to: fully reduced, with `R = 2^(limbBitWidth·count)`, for `a < n` (more generally
/// `a² < R · n`).
///
/// `t` is scratch of `2·count + 1` limbs. `out` may alias `a`. No heap allocation.
///
/// Leaks `count` only: loop bounds and the one branch (`i` even: the column has a square term)
/// depend on the public column index, carries are folded into arithmetic, and the final
/// subtraction always runs and is kept or dropped with an opaque mask.
@inline(__always)
func montgomerySquareLoop(
    _ out: UnsafeMutablePointer<Limb>,
    _ a: UnsafePointer<Limb>,
    _ n: UnsafePointer<Limb>,
    _ nInv0: Limb,
    _ count: Int,
    _ t: UnsafeMutablePointer<Limb>
) {
    let m = t
    let r = t + count
    var acc = ColumnAccumulator()
    var cross = ColumnAccumulator()
    // Adds 2·Σ a[j]·a[i−j] over j < i − j, j ≥ first, to the accumulator.
    @inline(__always) func crossProducts(_ i: Int, from first: Int) {
        var j = first
        while j < i - j {
            cross.add(a[j], a[i - j])
            j += 1
        }
        acc.addTwice(&cross)
    }
    for i in 0..<count {
        crossProducts(i, from: 0)
        if i & 1 == 0 { acc.add(a[i >> 1], a[i >> 1]) }  // public: the column index
        var j = 0
        while j < i {
            acc.add(m[j], n[i - j])
            j += 1
        }
        let mi = acc.lo &* nInv0
        m[i] = mi
        acc.add(mi, n[0])
        acc.shift()
    }
    for i in count..<(2 * count) {
        crossProducts(i, from: i - count + 1)
        if i & 1 == 0 { acc.add(a[i >> 1], a[i >> 1]) }
        var j = i - count + 1
        while j < count {
            acc.add(m[j], n[i - j])
            j += 1
        }
        r[i - count] = acc.lo
        acc.shift()
    }
    let borrow = subtract(out, r, n, count)
    let keepDifference = Choice(bit: acc.lo) | !Choice(bit: borrow)
    let mask = keepDifference.opaqueMask
    for k in 0..<count { out[k] = r[k] ^ (mask & (out[k] ^ r[k])) }
}
