/// Constant-time helpers: a secret boolean is a `Choice`, a mask of all ones or all zeros, never a
/// `Bool`. Nothing in this file branches on, loops over, or indexes memory with its arguments.
///
/// Models: Go's `crypto/internal/fips140/bigmod` (`choice`, `ctEq`, `ctMask`).

/// Always 0. Mutable and visible outside the module, so the optimizer cannot know its value; it
/// is never written. See `Choice.init(bit:)`. Reads skip the runtime exclusivity check (a call
/// into the runtime on every mask, a few percent of an RSA signature): nothing writes it.
@usableFromInline
@exclusivity(unchecked)
nonisolated(unsafe) var choiceBarrier: UInt64 = 0

/// A secret boolean: `mask` is `0xFFFF_FFFF_FFFF_FFFF` for true and `0` for false, on every
/// target. The operations come for 64-bit and 32-bit words, so code on 32-bit limbs (see `Limb`)
/// compares, masks and selects in its own word width; 64-bit arithmetic on a 32-bit target is
/// still branch-free (pairs of instructions with a carry), only slower.
///
/// Leaks nothing by itself. Converting it to a `Bool` (`declassified`) is the one place a secret
/// decision becomes public, and must only be used once the result is meant to be public
/// (for example "this MAC is valid").
@frozen @usableFromInline
package struct Choice: Sendable {
    @usableFromInline package let mask: UInt64

    @inlinable init(mask: UInt64) { self.mask = mask }

    /// `bit` must be 0 or 1.
    ///
    /// The mask passes through `choiceBarrier` (always 0, but unknown to the optimizer): when
    /// LLVM can prove a value is 0 or all ones, it turns `a ^ (mask & (a ^ b))` into a branch or
    /// a load from a mask-selected address, which valgrind's ct-check caught in the Montgomery
    /// table scan and the conditional subtraction.
    @inlinable package init(bit: UInt64) { self.mask = (0 &- bit) ^ choiceBarrier }

    /// `bit` must be 0 or 1. The 32-bit form of `init(bit:)`.
    @inlinable package init(bit: UInt32) { self.init(bit: UInt64(bit)) }

    package static let yes = Choice(mask: ~0)
    package static let no = Choice(mask: 0)

    @inlinable package static func & (a: Choice, b: Choice) -> Choice { Choice(mask: a.mask & b.mask) }
    @inlinable package static func | (a: Choice, b: Choice) -> Choice { Choice(mask: a.mask | b.mask) }
    @inlinable package static prefix func ! (a: Choice) -> Choice { Choice(mask: ~a.mask) }

    /// The low bit, 0 or 1.
    @inlinable package var bit: UInt64 { mask & 1 }

    /// Makes the decision public. Call only when the result is allowed to leak. A declassification
    /// point for constant-time checkers (see `Declassification`).
    @inlinable package var declassified: Bool { Declassification.value(mask) != 0 }

    /// `x == y`, without a branch. Leaks nothing about `x` or `y`.
    @inlinable package static func equal(_ x: UInt64, _ y: UInt64) -> Choice {
        let d = x ^ y
        // (d | -d) has its top bit set exactly when d != 0.
        return Choice(bit: ((d | (0 &- d)) >> 63) ^ 1)
    }

    /// `x == y` on 32-bit words, without a branch. Leaks nothing about `x` or `y`.
    @inlinable package static func equal(_ x: UInt32, _ y: UInt32) -> Choice {
        let d = x ^ y
        return Choice(bit: ((d | (0 &- d)) >> 31) ^ 1)
    }

    /// `x == 0`, without a branch.
    @inlinable package static func isZero(_ x: UInt64) -> Choice { equal(x, 0) }

    /// `x == 0` on a 32-bit word, without a branch.
    @inlinable package static func isZero(_ x: UInt32) -> Choice { equal(x, 0) }

    /// `x < y` (unsigned), without a branch: the borrow out of `x - y`.
    @inlinable package static func less(_ x: UInt64, _ y: UInt64) -> Choice {
        // Borrow of x - y computed bitwise (Hacker's Delight 2-13), no flags-to-branch.
        let borrow = ((~x & y) | (~(x ^ y) & (x &- y))) >> 63
        return Choice(bit: borrow)
    }

    /// `c ? a : b`, without a branch.
    @inlinable package func select(_ a: UInt64, _ b: UInt64) -> UInt64 { b ^ (mask & (a ^ b)) }

    /// `c ? a : b` on 32-bit words, without a branch.
    @inlinable package func select(_ a: UInt32, _ b: UInt32) -> UInt32 {
        b ^ (UInt32(truncatingIfNeeded: mask) & (a ^ b))
    }

    /// `c ? a : b` on bytes, without a branch.
    @inlinable package func select(_ a: UInt8, _ b: UInt8) -> UInt8 {
        b ^ (UInt8(truncatingIfNeeded: mask) & (a ^ b))
    }
}

/// Constant-time equality of two byte sequences.
///
/// Leaks the lengths (and whether they differ), never the contents or the position of the first
/// difference: every byte of both is read once.
@inlinable
package func constantTimeEqual(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
    guard a.count == b.count else { return false }
    var acc: UInt8 = 0
    for (x, y) in zip(a, b) { acc |= x ^ y }
    return Choice.isZero(UInt64(acc)).declassified
}
