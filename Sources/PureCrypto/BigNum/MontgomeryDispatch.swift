/// The Montgomery multiplication and squaring every modular operation calls: the unrolled kernels
/// for the widths RSA spends its time in (16 limbs: the CRT halves of RSA-2048; 24: those of
/// RSA-3072; 32: RSA-2048 public operations and the CRT halves of RSA-4096), the loops for every
/// other width.
///
/// Same contracts as the loops: `out = a · b · R⁻¹ mod n` (or `a² · R⁻¹`), fully reduced, for
/// `a · b < R · n`; `t` is scratch of `2·count + 1` limbs; `out` may alias the inputs. The switch is
/// on the public width only.

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
    switch count {  // public: the announced width
    case 16: montgomeryMultiply16(out, a, b, n, nInv0, t)
    case 24: montgomeryMultiply24(out, a, b, n, nInv0, t)
    case 32: montgomeryMultiply32(out, a, b, n, nInv0, t)
    default: montgomeryMultiplyLoop(out, a, b, n, nInv0, count, t)
    }
}

@inline(__always)
func montgomerySquare(
    _ out: UnsafeMutablePointer<UInt64>,
    _ a: UnsafePointer<UInt64>,
    _ n: UnsafePointer<UInt64>,
    _ nInv0: UInt64,
    _ count: Int,
    _ t: UnsafeMutablePointer<UInt64>
) {
    switch count {  // public: the announced width
    case 16: montgomerySquare16(out, a, n, nInv0, t)
    case 24: montgomerySquare24(out, a, n, nInv0, t)
    case 32: montgomerySquare32(out, a, n, nInv0, t)
    default: montgomerySquareLoop(out, a, n, nInv0, count, t)
    }
}
