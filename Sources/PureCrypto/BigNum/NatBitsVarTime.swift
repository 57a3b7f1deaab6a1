/// Bit-level queries and shifts whose running time depends on the value. Use them only on
/// public numbers, or where the doc comment of the caller accepts the leak.

extension Nat {
    /// The number of significant bits (0 for zero).
    ///
    /// Variable time: leaks the position of the top set bit. Use on public values (a modulus, a
    /// public exponent).
    var bitLengthVarTime: Int {
        var i = limbCount - 1
        while i >= 0 {
            if limbs[i] != 0 { return i * limbBitWidth + (limbBitWidth - limbs[i].leadingZeroBitCount) }
            i -= 1
        }
        return 0
    }

    /// The number of trailing zero bits (the announced bit width for zero).
    ///
    /// Variable time: leaks the count and the position of the lowest set bit.
    var trailingZeroBitCountVarTime: Int {
        for i in 0..<limbCount where limbs[i] != 0 {
            return i * limbBitWidth + limbs[i].trailingZeroBitCount
        }
        return limbCount * limbBitWidth
    }

    /// `self >> shift`, same width.
    ///
    /// Variable time in `shift` (leaks it), constant time in the value.
    func shiftedRightVarTime(by shift: Int) -> Nat {
        var out = Nat(limbCount: limbCount)
        let limbShift = shift / limbBitWidth, bitShift = Limb(shift % limbBitWidth)
        for i in 0..<limbCount {
            let src = i + limbShift
            guard src < limbCount else { break }
            var v = limbs[src] >> bitShift
            if bitShift != 0 && src + 1 < limbCount { v |= limbs[src + 1] << (Limb(limbBitWidth) - bitShift) }
            out.limbs[i] = v
        }
        return out
    }

    /// The same value with leading zero limbs removed (at least one limb kept).
    ///
    /// Variable time: leaks the significant width. Use on public values only.
    func trimmedVarTime() -> Nat {
        var count = limbCount
        while count > 1 && limbs[count - 1] == 0 { count -= 1 }
        return resized(to: count)
    }

    /// Compares two numbers of any widths. Variable time: leaks where they first differ.
    static func compareVarTime(_ x: Nat, _ y: Nat) -> Int {
        let width = max(x.limbCount, y.limbCount)
        var i = width - 1
        while i >= 0 {
            let a = i < x.limbCount ? x.limbs[i] : 0
            let b = i < y.limbCount ? y.limbs[i] : 0
            if a != b { return a < b ? -1 : 1 }
            i -= 1
        }
        return 0
    }
}
