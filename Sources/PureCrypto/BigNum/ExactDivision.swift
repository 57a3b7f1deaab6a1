/// Exact division by an odd one-limb divisor without a division instruction (Jebelean, "An
/// algorithm for exact division", Journal of Symbolic Computation 15, 1993): each quotient limb
/// is the current low limb times the divisor's inverse modulo the limb base `B = 2^limbBitWidth`.

extension Nat {
    /// `self / divisor` for an odd `divisor` that divides `self` exactly, in the same width.
    ///
    /// Leaks the width only: the loop runs over every limb, and the divisor's inverse comes from a
    /// fixed number of Newton steps. The result is meaningless when the division is not exact.
    func dividedExactly(byOdd divisor: Limb) -> Nat {
        // divisor⁻¹ mod B: Newton's iteration doubles the correct low bits from 3 (x·x ≡ 1 mod 8);
        // five steps give 96 ≥ 64 bits.
        var inverse = divisor
        for _ in 0..<5 { inverse = inverse &* (2 &- divisor &* inverse) }
        var out = Nat(limbCount: limbCount)
        var borrow: Limb = 0
        for i in 0..<limbCount {
            // The remainder still to divide has low limb t; q·divisor ≡ t (mod B) clears it, and
            // the high half of q·divisor (≤ divisor − 1) plus the borrow moves to the next limb.
            let (t, b) = limbs[i].subtractingReportingOverflow(borrow)
            let q = t &* inverse
            out.limbs[i] = q
            borrow = q.multipliedFullWidth(by: divisor).high &+ carryBit(b)
        }
        return out
    }
}
