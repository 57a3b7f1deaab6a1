/// Constant-time modular exponentiation `x^e mod n` with a fixed window of `w` bits: every window
/// but the leading one costs `w` Montgomery squarings and one multiplication by a table entry
/// fetched by scanning all `2^w` entries with masks (the leading window is the scanned entry
/// itself) (Handbook of Applied Cryptography, algorithm 14.82, without the variable-time sliding).
/// `w` is 4, or 5 at 32 limbs of 64 bits (RSA-4096's CRT halves, and any 2048-bit modulus with a
/// secret exponent): there the larger table saves more multiplications than its set-up and wider
/// scan cost (`rsa4096.sign` −3.1 % instructions, Docs/PERFORMANCE.md). A 5-bit window may
/// straddle two limbs; where it does depends only on public positions.

/// Window width for a modulus of `count` limbs (public).
@inline(__always)
func exponentWindowBits(forCount count: Int) -> Int {
    #if !(PUREJWT_LIMB32 || _pointerBitWidth(_32))
    return count == 32 ? 5 : 4
    #else
    return 4
    #endif
}

/// Limbs of scratch `Modulus.powerKernel` needs at `count` limbs: the table, `acc`, `selected`
/// and the `2·count + 1` of the Montgomery product.
@inline(__always)
func exponentScratchCount(forCount count: Int) -> Int {
    ((1 << exponentWindowBits(forCount: count)) + 2) * count + 2 * count + 1
}

extension Modulus {
    /// `x^e mod n` for `x < n` in the modulus width and a secret exponent `e` of any width.
    ///
    /// Leaks the modulus width and the announced width of `e` (the loop runs over all of its
    /// limbs, leading zero limbs included); never `x`, `e` or the result. Allocates its scratch
    /// once, before the loop: nothing is allocated per window.
    func power(_ x: Nat, _ e: Nat) -> Nat {
        precondition(x.limbCount == limbCount, "base must be in the modulus width")
        let count = limbCount
        // Layout: table[2^w·count] | acc[count] | selected[count] | t[2·count + 1].
        var scratch = [Limb](repeating: 0, count: exponentScratchCount(forCount: count))
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

    /// The exponentiation loop on raw memory. `scratch` holds `exponentScratchCount(forCount: count)` limbs.
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
        let windowBits = exponentWindowBits(forCount: count)
        let tableSize = 1 << windowBits
        let table = scratch
        let acc = scratch + tableSize * count
        let selected = acc + count
        let t = selected + count
        // table[0] = 1·R mod n = Mont(1, R²); table[1] = x·R = Mont(x, R²); table[i] = table[i-1]·x.
        selected.update(repeating: 0, count: count)
        selected[0] = 1
        montgomeryMultiply(table, selected, rr, n, nInv0, count, t)
        montgomeryMultiply(table + count, x, rr, n, nInv0, count, t)
        // Even entries as squares of half their index (a square is cheaper than a multiply).
        var i = 2
        while i < tableSize {
            if i & 1 == 0 {  // public: the entry index
                montgomerySquare(table + i * count, table + (i >> 1) * count, n, nInv0, count, t)
            } else {
                montgomeryMultiply(table + i * count, table + (i - 1) * count, table + count, n, nInv0, count, t)
            }
            i += 1
        }

        // The window of `width` bits of e starting at bit `position` (public position and width).
        @inline(__always) func window(_ position: Int, _ width: Int) -> Limb {
            let limb = position / limbBitWidth
            let offset = position % limbBitWidth
            var w = e[limb] >> Limb(offset)
            if offset + width > limbBitWidth && limb + 1 < eCount {  // public: the position
                w |= e[limb + 1] << Limb(limbBitWidth - offset)
            }
            return w & Limb((1 << width) - 1)
        }
        // The table scan with its entry count a constant, so that its loop over entries unrolls.
        @inline(__always) func select(_ out: UnsafeMutablePointer<Limb>, _ index: Limb) {
            if tableSize == 32 {  // public: the window width
                selectTableEntry(out, table, index, count, 32)
            } else {
                selectTableEntry(out, table, index, count, 16)
            }
        }
        let bits = eCount * limbBitWidth
        if bits == 0 {  // public: e has no limbs
            acc.update(from: table, count: count)
        } else {
            // The leading window (the top bits % windowBits, or a whole window): acc = 1·R would
            // be squared and then multiplied by the entry, which is the entry itself.
            let leading = bits % windowBits == 0 ? windowBits : bits % windowBits
            var position = bits - leading
            select(acc, window(position, leading))
            while position > 0 {  // public: the announced width of e
                position -= windowBits
                for _ in 0..<windowBits { montgomerySquare(acc, acc, n, nInv0, count, t) }
                select(selected, window(position, windowBits))
                montgomeryMultiply(acc, acc, selected, n, nInv0, count, t)
            }
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
    /// loop over the `entries` (16 or 32, a literal at each call) has a constant trip count, so it
    /// unrolls into loads, ANDs and ORs.
    @inline(__always)
    static func selectTableEntry(
        _ out: UnsafeMutablePointer<Limb>, _ table: UnsafePointer<Limb>, _ index: Limb, _ count: Int,
        _ entries: Int
    ) {
        withUnsafeTemporaryAllocation(of: SIMD2<Limb>.self, capacity: entries) { masks in
            for entry in 0..<entries {
                masks[entry] = SIMD2(repeating: Choice.equal(Limb(entry), index).opaqueMask)
            }
            let stride = count &* MemoryLayout<Limb>.stride
            var k = 0
            while k &+ 2 <= count {  // public: the width
                var pair = SIMD2<Limb>()
                var row = UnsafeRawPointer(table + k)
                for entry in 0..<entries {
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
                for entry in 0..<entries {
                    limb |= row.pointee & masks[entry][0]
                    row += count
                }
                out[k] = limb
            }
        }
    }
}
