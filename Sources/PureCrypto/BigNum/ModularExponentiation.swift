/// Constant-time modular exponentiation `x^e mod n` with a fixed 4-bit window: every window but the
/// leading one costs four Montgomery squarings and one multiplication by a table entry fetched by
/// scanning all 16 entries with masks (the leading window is the scanned entry itself) (Handbook of Applied Cryptography, algorithm 14.82, without the
/// variable-time sliding).

/// Window width in bits. 4 divides 64 and 32, so a window never straddles two limbs.
let exponentWindowBits = 4
let exponentTableSize = 1 << exponentWindowBits

extension Modulus {
    /// `x^e mod n` for `x < n` in the modulus width and a secret exponent `e` of any width.
    ///
    /// Leaks the modulus width and the announced width of `e` (the loop runs over all of its
    /// limbs, leading zero limbs included); never `x`, `e` or the result. Allocates its scratch
    /// once, before the loop: nothing is allocated per window.
    func power(_ x: Nat, _ e: Nat) -> Nat {
        precondition(x.limbCount == limbCount, "base must be in the modulus width")
        let count = limbCount
        // Layout: table[16·count] | acc[count] | selected[count] | t[2·count + 1].
        var scratch = [Limb](repeating: 0, count: (exponentTableSize + 2) * count + 2 * count + 1)
        var result = Nat(limbCount: count)
        scratch.withUnsafeMutableBufferPointer { sp in
            x.limbs.withUnsafeBufferPointer { xp in
                n.limbs.withUnsafeBufferPointer { np in
                    rr.limbs.withUnsafeBufferPointer { rp in
                        e.limbs.withUnsafeBufferPointer { ep in
                            result.limbs.withUnsafeMutableBufferPointer { out in
                                Modulus.powerKernel(
                                    out.baseAddress!, xp.baseAddress!, ep.baseAddress!, e.limbCount,
                                    np.baseAddress!, rp.baseAddress!, nInv0, count, sp.baseAddress!)
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// The exponentiation loop on raw memory. `scratch` holds `(16 + 2)·count + 2·count + 1` limbs.
    /// Leaks `count` and `eCount` only.
    @inline(__always)
    static func powerKernel(
        _ out: UnsafeMutablePointer<Limb>,
        _ x: UnsafePointer<Limb>,
        _ e: UnsafePointer<Limb>,
        _ eCount: Int,
        _ n: UnsafePointer<Limb>,
        _ rr: UnsafePointer<Limb>,
        _ nInv0: Limb,
        _ count: Int,
        _ scratch: UnsafeMutablePointer<Limb>
    ) {
        let table = scratch
        let acc = scratch + exponentTableSize * count
        let selected = acc + count
        let t = selected + count
        // table[0] = 1·R mod n = Mont(1, R²); table[1] = x·R = Mont(x, R²); table[i] = table[i-1]·x.
        selected.update(repeating: 0, count: count)
        selected[0] = 1
        montgomeryMultiply(table, selected, rr, n, nInv0, count, t)
        montgomeryMultiply(table + count, x, rr, n, nInv0, count, t)
        // Even entries as squares of half their index (a square is cheaper than a multiply).
        var i = 2
        while i < exponentTableSize {
            if i & 1 == 0 {  // public: the entry index
                montgomerySquare(table + i * count, table + (i >> 1) * count, n, nInv0, count, t)
            } else {
                montgomeryMultiply(table + i * count, table + (i - 1) * count, table + count, n, nInv0, count, t)
            }
            i += 1
        }

        let windowMask = Limb(exponentTableSize - 1)
        var limb = eCount - 1
        var shift = limbBitWidth - exponentWindowBits
        if limb >= 0 {  // public: e has at least one limb
            // The leading window: acc = 1·R would be squared four times and then multiplied by
            // the entry, which is the entry itself; select it directly instead.
            selectTableEntry(acc, table, (e[limb] >> Limb(shift)) & windowMask, count)
            shift -= exponentWindowBits
        } else {
            acc.update(from: table, count: count)
        }
        while limb >= 0 {  // public: the announced width of e
            let word = e[limb]
            while shift >= 0 {  // public: fixed positions within the limb
                for _ in 0..<exponentWindowBits { montgomerySquare(acc, acc, n, nInv0, count, t) }
                selectTableEntry(selected, table, (word >> Limb(shift)) & windowMask, count)
                montgomeryMultiply(acc, acc, selected, n, nInv0, count, t)
                shift -= exponentWindowBits
            }
            shift = limbBitWidth - exponentWindowBits
            limb -= 1
        }
        // Out of Montgomery form: Mont(acc, 1).
        selected.update(repeating: 0, count: count)
        selected[0] = 1
        montgomeryMultiply(out, acc, selected, n, nInv0, count, t)
    }

    /// `out = table[index]` by reading all entries and keeping one with a mask.
    /// Leaks `count` only: no memory address depends on `index`.
    ///
    /// Two limbs at a time (a 128-bit vector where the target has one): each output pair is the
    /// OR of that pair of every entry, masked. The masks are made once per call, and the inner
    /// loop over the 16 entries has a constant trip count, so it unrolls into loads, ANDs and ORs.
    @inline(__always)
    static func selectTableEntry(
        _ out: UnsafeMutablePointer<Limb>, _ table: UnsafePointer<Limb>, _ index: Limb, _ count: Int
    ) {
        withUnsafeTemporaryAllocation(of: SIMD2<Limb>.self, capacity: exponentTableSize) { masks in
            for entry in 0..<exponentTableSize {
                masks[entry] = SIMD2(repeating: Choice.equal(Limb(entry), index).opaqueMask)
            }
            let stride = count &* MemoryLayout<Limb>.stride
            var k = 0
            while k &+ 2 <= count {  // public: the width
                var pair = SIMD2<Limb>()
                var row = UnsafeRawPointer(table + k)
                for entry in 0..<exponentTableSize {
                    pair |= row.loadUnaligned(as: SIMD2<Limb>.self) & masks[entry]
                    row += stride
                }
                out[k] = pair[0]
                out[k &+ 1] = pair[1]
                k &+= 2
            }
            if k < count {  // public: an odd width
                var limb: Limb = 0
                var row = table + k
                for entry in 0..<exponentTableSize {
                    limb |= row.pointee & masks[entry][0]
                    row += count
                }
                out[k] = limb
            }
        }
    }
}
