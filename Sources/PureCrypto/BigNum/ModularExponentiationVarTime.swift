/// Variable-time modular exponentiation for public exponents (RSA verification with `e`, and the
/// verify-after-sign check): left-to-right square-and-multiply over the bits of `e`.

extension Modulus {
    /// `x^e mod n` for `x < n` in the modulus width and a public exponent `e`.
    ///
    /// Variable time: the sequence of squarings and multiplications spells out the bits of `e`
    /// (and its bit length). Constant time in `x`. Use only when `e` is public.
    func powerVarTime(_ x: Nat, _ e: Limb) -> Nat {
        precondition(x.limbCount == limbCount, "base must be in the modulus width")
        guard e != 0 else { return reduce(Nat(1, limbCount: limbCount)) }
        let count = limbCount
        // Layout: base[count] | acc[count] | t[2·count + 1].
        var scratch = [Limb](repeating: 0, count: 4 * count + 1)
        var result = Nat(limbCount: count)
        scratch.withUnsafeMutableBufferPointer { sp in
            x.limbs.withUnsafeBufferPointer { xp in
                n.limbs.withUnsafeBufferPointer { np in
                    rr.limbs.withUnsafeBufferPointer { rp in
                        result.limbs.withUnsafeMutableBufferPointer { op in
                            let n = np.baseAddress!, base = sp.baseAddress!
                            let acc = base + count, t = acc + count
                            let x = xp.baseAddress!
                            montgomeryMultiply(base, x, rp.baseAddress!, n, nInv0, count, t)
                            acc.update(from: base, count: count)
                            // acc = x·R holds the leading bit; bits top − 1 … 1 square and multiply.
                            let top = limbBitWidth - 1 - e.leadingZeroBitCount
                            var bit = top - 1
                            while bit >= 1 {
                                montgomerySquare(acc, acc, n, nInv0, count, t)
                                if (e >> Limb(bit)) & 1 == 1 {
                                    montgomeryMultiply(acc, acc, base, n, nInv0, count, t)
                                }
                                bit -= 1
                            }
                            if top >= 1 { montgomerySquare(acc, acc, n, nInv0, count, t) }
                            if top >= 1 && e & 1 == 1 {
                                // Bit 0 set: acc = x^(e−1)·R, and Mont(acc, x) = x^e, already out of
                                // Montgomery form, so the conversion's multiply is saved.
                                montgomeryMultiply(op.baseAddress!, acc, x, n, nInv0, count, t)
                            } else {
                                // Out of Montgomery form: Mont(acc, 1).
                                base.update(repeating: 0, count: count)
                                base[0] = 1
                                montgomeryMultiply(op.baseAddress!, acc, base, n, nInv0, count, t)
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// `x^e mod n` on big-endian byte strings: the public, byte-level entry point (used by the
    /// benchmarks and by anyone who needs raw modular exponentiation).
    ///
    /// Constant time in `base` and `exponent` given their byte lengths (which leak), unlike
    /// `powerVarTime`. `base` is reduced modulo `n` first; the result has the modulus's byte width.
    @_spi(Hazmat) public func power(base: [UInt8], exponent: [UInt8]) -> [UInt8] {
        let x = reduce(Nat(bigEndian: base))
        let e = Nat(bigEndian: exponent)
        return power(x, e).bigEndianBytes(count: limbCount * limbByteCount)
    }
}
