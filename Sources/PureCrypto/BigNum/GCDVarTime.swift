/// Binary greatest common divisor (Stein's algorithm, Knuth TAOCP vol. 2, 4.5.2 algorithm B) for
/// the one-time recovery of RSA primes at key import.

extension Nat {
    /// `gcd(x, y)` for `y` odd, in the width of the wider operand.
    ///
    /// Variable time: the number of iterations and every branch depend on both values, so this
    /// leaks information about them. It is used only on the RSA import path that recovers `p` and
    /// `q` from `(n, e, d)`, once per key; that leak is documented there.
    static func gcdVarTime(_ x: Nat, oddY y: Nat) -> Nat {
        let width = max(x.limbCount, y.limbCount)
        var a = x.resized(to: width), b = y.resized(to: width)
        precondition(b.limbs[0] & 1 == 1, "gcdVarTime needs an odd second operand")
        // Invariant: b is odd, so powers of two never divide the gcd.
        while !a.isZero.declassified {
            a = a.shiftedRightVarTime(by: a.trailingZeroBitCountVarTime)
            if compareVarTime(a, b) < 0 { swap(&a, &b) }
            a = a.subtracting(b).difference
        }
        return b
    }
}
