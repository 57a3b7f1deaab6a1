/// Schoolbook multiplication of natural numbers into a double-width product (no modulus).

extension Nat {
    /// `self · other` in `limbCount + other.limbCount` limbs (never overflows).
    ///
    /// Leaks the two widths only: every limb pair is multiplied, carries are folded into
    /// arithmetic.
    func multipliedFullWidth(by other: Nat) -> Nat {
        let la = limbCount, lb = other.limbCount
        var out = Nat(limbCount: la + lb)
        out.limbs.withUnsafeMutableBufferPointer { o in
            limbs.withUnsafeBufferPointer { a in
                other.limbs.withUnsafeBufferPointer { b in
                    for i in 0..<lb {
                        let bi = b[i]
                        var carry: Limb = 0
                        for j in 0..<la {
                            let (h, l) = a[j].multipliedFullWidth(by: bi)
                            let (s1, c1) = l.addingReportingOverflow(o[i + j])
                            let (s2, c2) = s1.addingReportingOverflow(carry)
                            o[i + j] = s2
                            // h ≤ B − 2 (B = 2^limbBitWidth), so adding two carry bits cannot overflow.
                            carry = h &+ carryBit(c1) &+ carryBit(c2)
                        }
                        o[i + la] = carry
                    }
                }
            }
        }
        return out
    }
}
