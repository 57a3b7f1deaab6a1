/// Long division and integer square root whose running time depends on the values, for the
/// one-time recovery of RSA primes at key import (RSAPrimeRecovery.swift), where the leak is
/// documented. Both work one bit (division) or two bits (square root) per step, in place, with
/// no allocation inside the loop.

extension Nat {
    /// `self · 2^shift` in `width` limbs; bits shifted past the width are dropped.
    ///
    /// Variable time in `shift` (leaks it), constant time in the value.
    func shiftedLeftVarTime(by shift: Int, width: Int) -> Nat {
        var out = Nat(limbCount: width)
        let limbShift = shift / limbBitWidth, bitShift = Limb(shift % limbBitWidth)
        for i in 0..<limbCount {
            let dst = i + limbShift
            guard dst < width else { break }
            out.limbs[dst] |= limbs[i] << bitShift
            if bitShift != 0 && dst + 1 < width { out.limbs[dst + 1] |= limbs[i] >> (Limb(limbBitWidth) - bitShift) }
        }
        return out
    }

    /// `(⌊self / divisor⌋, self mod divisor)` for a nonzero `divisor`, by binary long division:
    /// the quotient in the width of `self`, the remainder in the width of `divisor`.
    ///
    /// Variable time: leaks the bit lengths of both operands and every bit of the quotient.
    func dividedVarTime(by divisor: Nat) -> (quotient: Nat, remainder: Nat) {
        let d = divisor.trimmedVarTime()
        precondition(!(d.limbCount == 1 && d.limbs[0] == 0), "division by zero")
        // The running remainder stays below d, so 2·r + 1 fits in one limb more than d.
        let width = d.limbCount + 1
        var r = [Limb](repeating: 0, count: width)
        let dw = d.resized(to: width).limbs
        var q = Nat(limbCount: limbCount)
        var bit = bitLengthVarTime - 1
        while bit >= 0 {
            var i = width - 1
            while i > 0 { r[i] = r[i] << 1 | r[i - 1] >> Limb(limbBitWidth - 1); i -= 1 }
            r[0] = r[0] << 1 | (limbs[bit / limbBitWidth] >> Limb(bit % limbBitWidth)) & 1
            if !limbsLessVarTime(r, dw) {
                limbsSubtractInPlace(&r, dw)
                q.limbs[bit / limbBitWidth] |= 1 << Limb(bit % limbBitWidth)
            }
            bit -= 1
        }
        return (q, Nat(limbs: r).resized(to: divisor.limbCount))
    }

    /// `⌊√self⌋` in the width of `self`, by the binary digit-by-digit method (two bits of `self`
    /// per step).
    ///
    /// Variable time: leaks the bit length of `self` and every bit of the root.
    var squareRootVarTime: Nat {
        let width = limbCount
        var x = limbs
        var root = [Limb](repeating: 0, count: width)
        var trial = [Limb](repeating: 0, count: width)
        // `one` is the largest power of four not above self, as a bit position.
        let bits = bitLengthVarTime
        guard bits > 0 else { return Nat(limbCount: width) }
        var one = (bits - 1) & ~1
        while one >= 0 {
            // trial = root + 4^k (root's bits all lie above position `one` at this point).
            for i in 0..<width { trial[i] = root[i] }
            trial[one / limbBitWidth] |= 1 << Limb(one % limbBitWidth)
            // root /= 2
            for i in 0..<width { root[i] = root[i] >> 1 | (i + 1 < width ? root[i + 1] << Limb(limbBitWidth - 1) : 0) }
            if !limbsLessVarTime(x, trial) {
                limbsSubtractInPlace(&x, trial)
                root[one / limbBitWidth] |= 1 << Limb(one % limbBitWidth)
            }
            one -= 2
        }
        return Nat(limbs: root)
    }
}

/// `x < y` for limb arrays of one width. Variable time.
private func limbsLessVarTime(_ x: [Limb], _ y: [Limb]) -> Bool {
    var i = x.count - 1
    while i >= 0 {
        if x[i] != y[i] { return x[i] < y[i] }
        i -= 1
    }
    return false
}

/// `x -= y` for limb arrays of one width, `x ≥ y`.
private func limbsSubtractInPlace(_ x: inout [Limb], _ y: [Limb]) {
    var borrow: Limb = 0
    for i in 0..<x.count {
        let (d1, b1) = x[i].subtractingReportingOverflow(y[i])
        let (d2, b2) = d1.subtractingReportingOverflow(borrow)
        x[i] = d2
        borrow = carryBit(b1) | carryBit(b2)
    }
}
