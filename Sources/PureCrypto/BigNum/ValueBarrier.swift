/// An optimization barrier for masks derived from secrets.
///
/// LLVM recognizes the arithmetic of `Choice` (`0 - bit`, `(d | -d) >> 63`) as a comparison and,
/// inside a loop, may turn `row & mask` into a branch on that comparison (loop unswitching): a
/// secret-dependent jump and load. We saw exactly that in the table scan of the exponentiation
/// (`cmpq window, entry; jne`) before this barrier; see Docs/CONSTANT_TIME.md.

/// Returns `x` unchanged, through a call the optimizer cannot see into: `@_optimize(none)`
/// functions are skipped by LLVM's interprocedural analyses, so callers cannot learn that the
/// result equals the argument, nor that it is 0 or all ones. One call per mask, outside the
/// limb loops.
///
/// Leaks nothing: it only moves a value through a register.
@inline(never)
@_optimize(none)
func valueBarrier(_ x: Limb) -> Limb { x }

extension Choice {
    /// The mask in limb width: all ones or zero, like `mask`.
    @inline(__always)
    var limbMask: Limb { Limb(truncatingIfNeeded: mask) }

    /// The mask in limb width (all ones or zero), passed through `valueBarrier` so the optimizer
    /// treats it as an opaque word.
    @inline(__always)
    var opaqueMask: Limb { valueBarrier(Limb(truncatingIfNeeded: mask)) }
}
