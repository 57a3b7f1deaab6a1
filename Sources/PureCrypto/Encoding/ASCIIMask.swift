/// Branch-free classification of ASCII bytes, shared by the base64 and hex codecs.
///
/// A secret character never selects a branch or a table entry: each class ("is it in 'A'...'Z'?")
/// is computed as an `Int32` mask, all ones or all zeros, with plain arithmetic. The codecs
/// combine the masks to compute a character's value, and OR the "no class matched" masks into an
/// error accumulator that is looked at once, after the whole input has been processed.

/// All ones when `lo <= c <= hi`, otherwise zero. `c`, `lo` and `hi` are in `0...255`.
///
/// `lo - 1 - c` is negative exactly when `c >= lo`, and `c - hi - 1` exactly when `c <= hi`; the
/// sign bit of their AND is set only when both hold, and the arithmetic shift spreads it.
@inlinable @inline(__always)
func asciiRangeMask(_ c: Int32, _ lo: Int32, _ hi: Int32) -> Int32 {
    // `choiceBarrier` (always 0) hides from the optimizer that the result is 0 or all ones, so
    // it cannot rebuild a branch from the masks (valgrind's ct-check caught one without it).
    (((lo &- 1 &- c) & (c &- hi &- 1)) >> 31) ^ Int32(truncatingIfNeeded: choiceBarrier)
}

/// All ones when `c == k`, otherwise zero. `c` and `k` are in `0...255`.
@inlinable @inline(__always)
func asciiEqualMask(_ c: Int32, _ k: Int32) -> Int32 {
    asciiRangeMask(c, k, k)
}
