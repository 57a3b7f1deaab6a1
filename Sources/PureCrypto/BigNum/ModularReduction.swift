/// Constant-time reduction of a number of any width modulo a `Modulus` (for CRT: `m mod p` with
/// `m` twice as wide as `p`), by Horner's rule over modulus-width chunks using Montgomery steps.

extension Modulus {
    /// `x mod n` for `x` of any announced width.
    ///
    /// Leaks the two widths only. With `x = Σ cᵢ·Rⁱ` (chunks of the modulus width), each step
    /// computes `acc·R + cᵢ mod n` as `Mont(acc + Mont(cᵢ, 1), R²)`: `Mont(cᵢ, 1) = cᵢ·R⁻¹` holds
    /// for any chunk `cᵢ < R` (since `cᵢ · 1 < R · n`), and multiplying the sum by `R²` in
    /// Montgomery form restores the factor `R`.
    func reduce(_ x: Nat) -> Nat {
        let count = limbCount
        let chunks = (x.limbCount + count - 1) / count
        let one = Nat(1, limbCount: count)
        var acc = Nat(limbCount: count)
        var index = chunks - 1
        while index >= 0 {  // public: the number of chunks of the announced width
            var chunk = Nat(limbCount: count)
            for k in 0..<count where index * count + k < x.limbCount {
                chunk.limbs[k] = x.limbs[index * count + k]
            }
            acc = montgomeryProduct(add(acc, montgomeryProduct(chunk, one)), rr)
            index -= 1
        }
        return acc
    }
}

extension Nat {
    /// `self mod m` for any nonzero `m` (even or odd), one bit at a time: shift in a bit, then
    /// subtract `m` once if the accumulator reached it.
    ///
    /// Leaks the two widths only (the loop runs over every bit of the announced width of `self`).
    /// Slow, `O(bits(self) · width(m))`: meant for key import (`d mod (p - 1)`), not for hot paths.
    func reducedBitwise(modulo m: Nat) -> Nat {
        let count = m.limbCount
        var acc = Nat(limbCount: count)
        var scratch = [Limb](repeating: 0, count: count)
        acc.limbs.withUnsafeMutableBufferPointer { ap in
            m.limbs.withUnsafeBufferPointer { mp in
                scratch.withUnsafeMutableBufferPointer { sp in
                    let a = ap.baseAddress!, s = sp.baseAddress!
                    var limb = limbCount - 1
                    while limb >= 0 {
                        var bit = limbBitWidth - 1
                        while bit >= 0 {
                            doubleModulo(a, shiftingIn: (limbs[limb] >> Limb(bit)) & 1, mp.baseAddress!, count, scratch: s)
                            bit -= 1
                        }
                        limb -= 1
                    }
                }
            }
        }
        return acc
    }
}
