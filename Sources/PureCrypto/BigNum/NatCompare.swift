/// Constant-time comparisons of natural numbers, returning `Choice` masks.

extension Nat {
    /// `x == y` for numbers of the same announced width. Leaks the width only.
    static func equal(_ x: Nat, _ y: Nat) -> Choice {
        precondition(x.limbCount == y.limbCount, "widths differ")
        var acc: Limb = 0
        for i in 0..<x.limbCount { acc |= x.limbs[i] ^ y.limbs[i] }
        return Choice.isZero(acc)
    }

    /// `x == 0`. Leaks the width only.
    var isZero: Choice {
        var acc: Limb = 0
        for limb in limbs { acc |= limb }
        return Choice.isZero(acc)
    }

    /// `x < y` for numbers of the same announced width: the borrow out of `x - y`. Leaks the width.
    static func less(_ x: Nat, _ y: Nat) -> Choice {
        Choice(bit: x.subtracting(y).borrow)
    }
}
