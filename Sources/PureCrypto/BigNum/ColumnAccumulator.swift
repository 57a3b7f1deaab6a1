/// The three-word accumulator of product-scanning (column-wise) multiplication, shared by the
/// Montgomery loops and the unrolled kernels.

/// `(hi, mid, lo)`: a column sum below 2^192. A column of a `w`-limb Montgomery product sums at
/// most `2w` word products (each below 2^128) plus the carry of the previous column, far below
/// 2^192 for any width we use.
///
/// A struct with mutating methods rather than a local closure over three variables: the code is
/// the same, but the optimizer handles thousands of inlined struct methods in one unrolled kernel
/// in seconds, and thousands of inlined closures in minutes.
///
/// Leaks nothing: carries are folded into arithmetic with `carryBit`, never branched on.
struct ColumnAccumulator {
    var lo: UInt64 = 0
    var mid: UInt64 = 0
    var hi: UInt64 = 0

    /// Adds the 128-bit product `x · y`.
    @inline(__always)
    mutating func add(_ x: UInt64, _ y: UInt64) {
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
    /// `other` must be below 2^191, so that doubling loses nothing.
    @inline(__always)
    mutating func addTwice(_ other: inout ColumnAccumulator) {
        let dhi = (other.hi << 1) | (other.mid >> 63)
        let dmid = (other.mid << 1) | (other.lo >> 63)
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
