/// The three-word accumulator of product-scanning (column-wise) multiplication, shared by the
/// Montgomery loops and the unrolled kernels.

/// `(hi, mid, lo)`: a column sum below `B³` (`B = 2^limbBitWidth`). A column of a `w`-limb
/// Montgomery product sums at most `2w` limb products (each below `B²`) plus the carry of the
/// previous column, below `(2w + 2)·B²`: far below `B³` for any width we use (`2w + 2 < 2^32`).
///
/// A struct with mutating methods rather than a local closure over three variables: the code is
/// the same, but the optimizer handles thousands of inlined struct methods in one unrolled kernel
/// in seconds, and thousands of inlined closures in minutes.
///
/// Leaks nothing: carries are folded into arithmetic with `carryBit`, never branched on.
struct ColumnAccumulator {
    var lo: Limb = 0
    var mid: Limb = 0
    var hi: Limb = 0

    /// Adds the two-limb product `x · y`.
    @inline(__always)
    mutating func add(_ x: Limb, _ y: Limb) {
        let (h, l) = x.multipliedFullWidth(by: y)
        let (s0, c0) = lo.addingReportingOverflow(l)
        let (s1, c1) = mid.addingReportingOverflow(h)
        let (s2, c2) = s1.addingReportingOverflow(carryBit(c0))
        lo = s0
        mid = s2
        hi = hi &+ carryBit(c1) &+ carryBit(c2)
    }

    /// Moves to the next column: drops `lo` (already stored or known to be zero) and shifts down.
    @inline(__always)
    mutating func shift() {
        lo = mid
        mid = hi
        hi = 0
    }

    /// Adds `2 · other` and clears `other` (the doubled cross products of a squaring column).
    /// `other` must be below `B³/2`, so that doubling loses nothing.
    @inline(__always)
    mutating func addTwice(_ other: inout ColumnAccumulator) {
        let top = Limb(limbBitWidth - 1)
        let dhi = (other.hi << 1) | (other.mid >> top)
        let dmid = (other.mid << 1) | (other.lo >> top)
        let dlo = other.lo << 1
        let (s0, c0) = lo.addingReportingOverflow(dlo)
        let (s1, c1) = mid.addingReportingOverflow(dmid)
        let (s2, c2) = s1.addingReportingOverflow(carryBit(c0))
        lo = s0
        mid = s2
        hi = hi &+ dhi &+ carryBit(c1) &+ carryBit(c2)
        other = ColumnAccumulator()
    }
}
