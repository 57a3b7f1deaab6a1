/// Modular addition, subtraction and multiplication of reduced numbers, and conversion in and out
/// of Montgomery form. Inputs are `< n` in the modulus's width.

extension Modulus {
    /// `(x + y) mod n` for `x, y < n`. Leaks the width only.
    func add(_ x: Nat, _ y: Nat) -> Nat {
        precondition(x.limbCount == limbCount && y.limbCount == limbCount, "widths differ")
        var out = x
        var scratch = [Limb](repeating: 0, count: limbCount)
        out.limbs.withUnsafeMutableBufferPointer { o in
            y.limbs.withUnsafeBufferPointer { yp in
                n.limbs.withUnsafeBufferPointer { np in
                    scratch.withUnsafeMutableBufferPointer { s in
                        let carry = addInPlace(o.baseAddress!, yp.baseAddress!, limbCount)
                        reduceOnce(o.baseAddress!, extra: carry, np.baseAddress!, limbCount, scratch: s.baseAddress!)
                    }
                }
            }
        }
        return out
    }

    /// `(x - y) mod n` for `x, y < n`. Leaks the width only: `n` is always added back, masked.
    func subtract(_ x: Nat, _ y: Nat) -> Nat {
        precondition(x.limbCount == limbCount && y.limbCount == limbCount, "widths differ")
        var (out, borrow) = x.subtracting(y)
        var masked = n
        let mask = Choice(bit: borrow).opaqueMask
        for i in 0..<limbCount { masked.limbs[i] &= mask }
        out.limbs.withUnsafeMutableBufferPointer { o in
            masked.limbs.withUnsafeBufferPointer { m in
                _ = addInPlace(o.baseAddress!, m.baseAddress!, limbCount)
            }
        }
        return out
    }

    /// `x · y · R⁻¹ mod n` (Montgomery product) for `x · y < R · n`. Leaks the width only.
    func montgomeryProduct(_ x: Nat, _ y: Nat) -> Nat {
        precondition(x.limbCount == limbCount && y.limbCount == limbCount, "widths differ")
        var out = Nat(limbCount: limbCount)
        var t = [Limb](repeating: 0, count: 2 * limbCount + 1)
        out.limbs.withUnsafeMutableBufferPointer { o in
            x.limbs.withUnsafeBufferPointer { a in
                y.limbs.withUnsafeBufferPointer { b in
                    n.limbs.withUnsafeBufferPointer { np in
                        t.withUnsafeMutableBufferPointer { tp in
                            montgomeryMultiply(
                                o.baseAddress!, a.baseAddress!, b.baseAddress!, np.baseAddress!,
                                nInv0, limbCount, tp.baseAddress!)
                        }
                    }
                }
            }
        }
        return out
    }

    /// `x² · R⁻¹ mod n` (Montgomery square) for `x² < R · n`. Leaks the width only.
    func montgomerySquareProduct(_ x: Nat) -> Nat {
        precondition(x.limbCount == limbCount, "widths differ")
        var out = Nat(limbCount: limbCount)
        var t = [Limb](repeating: 0, count: 2 * limbCount + 1)
        out.limbs.withUnsafeMutableBufferPointer { o in
            x.limbs.withUnsafeBufferPointer { a in
                n.limbs.withUnsafeBufferPointer { np in
                    t.withUnsafeMutableBufferPointer { tp in
                        montgomerySquare(o.baseAddress!, a.baseAddress!, np.baseAddress!, nInv0, limbCount, tp.baseAddress!)
                    }
                }
            }
        }
        return out
    }

    /// `x · R mod n` for `x < n`. Leaks the width only.
    func toMontgomery(_ x: Nat) -> Nat { montgomeryProduct(x, rr) }

    /// `(x · y) mod n` for `x, y < n`. Leaks the width only.
    func multiply(_ x: Nat, _ y: Nat) -> Nat { montgomeryProduct(toMontgomery(x), y) }
}
