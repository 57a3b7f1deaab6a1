/// The Montgomery multiplication and squaring every modular operation calls. With 64-bit limbs:
/// the unrolled kernels for the widths RSA spends its time in (16 limbs: the CRT halves of
/// RSA-2048; 24: those of RSA-3072; 32: RSA-2048 public operations and the CRT halves of
/// RSA-4096), the loops for every other width. With 32-bit limbs (see `Limb`): the loops for every
/// width, since the kernels are not compiled there.
///
/// Same contracts as the loops: `out = a · b · R⁻¹ mod n` (or `a² · R⁻¹`), fully reduced, for
/// `a · b < R · n`; `t` is scratch of `2·count + 1` limbs; `out` may alias the inputs. The switch is
/// on the public width only.

/// The widths that have an unrolled kernel in this build: none with 32-bit limbs. The condition is
/// the one that wraps the generated kernel files (Limb.swift explains it).
var unrolledMontgomeryWidths: [Int] {
    #if !(PUREJWT_LIMB32 || _pointerBitWidth(_32))
    [16, 24, 32]
    #else
    []
    #endif
}

@inline(__always)
func montgomeryMultiply(
    _ out: UnsafeMutablePointer<Limb>,
    _ a: UnsafePointer<Limb>,
    _ b: UnsafePointer<Limb>,
    _ n: UnsafePointer<Limb>,
    _ nInv0: Limb,
    _ count: Int,
    _ t: UnsafeMutablePointer<Limb>
) {
    #if !(PUREJWT_LIMB32 || _pointerBitWidth(_32))
    switch count {  // public: the announced width
    case 16: montgomeryMultiply16(out, a, b, n, nInv0, t)
    case 24: montgomeryMultiply24(out, a, b, n, nInv0, t)
    case 32: montgomeryMultiply32(out, a, b, n, nInv0, t)
    default: montgomeryMultiplyLoop(out, a, b, n, nInv0, count, t)
    }
    #else
    montgomeryMultiplyLoop(out, a, b, n, nInv0, count, t)
    #endif
}

@inline(__always)
func montgomerySquare(
    _ out: UnsafeMutablePointer<Limb>,
    _ a: UnsafePointer<Limb>,
    _ n: UnsafePointer<Limb>,
    _ nInv0: Limb,
    _ count: Int,
    _ t: UnsafeMutablePointer<Limb>
) {
    #if !(PUREJWT_LIMB32 || _pointerBitWidth(_32))
    switch count {  // public: the announced width
    case 16: montgomerySquare16(out, a, n, nInv0, t)
    case 24: montgomerySquare24(out, a, n, nInv0, t)
    case 32: montgomerySquare32(out, a, n, nInv0, t)
    default: montgomerySquareLoop(out, a, n, nInv0, count, t)
    }
    #else
    montgomerySquareLoop(out, a, n, nInv0, count, t)
    #endif
}
