/// DES (FIPS 46-3), constant-time: the S-boxes are evaluated as multiplexer trees driven by
/// masks made from the input bits, so no table is indexed by key or data and nothing branches on
/// them. The fixed permutations (IP, E, P, PC-1, PC-2) move bits by public positions only.
///
/// DES itself is broken (56-bit key); it is here to open legacy encrypted keys (`DES-CBC` PEM,
/// PBES1) and as the building block of `TripleDES`.
package struct DES: BlockCipher, Sendable {
    package static var blockByteCount: Int { 8 }

    @usableFromInline let schedule: DESKeySchedule

    /// An 8-byte key. The parity bits (the low bit of each byte) are ignored, as usual.
    /// Throws `invalid_argument` for any other length.
    package init(key: some ContiguousByteSource) throws(CryptoError) {
        let k: UInt64? = key.withContiguousBytes { k in
            k.count == 8 ? UInt64(bigEndian: k.loadUnaligned(as: UInt64.self)) : nil
        }
        guard let k else {
            let n = key.withContiguousBytes { $0.count }
            throw CryptoError(.invalidArgument, "a DES key is 8 bytes, not \(n)")
        }
        schedule = DESKeySchedule(key: k)
    }

    package func encryptBlocksInPlace(_ blocks: UnsafeMutableRawBufferPointer) {
        DESKeySchedule.forEachBlock(blocks) { x in
            DESKeySchedule.finalPermutation(schedule.crypt(DESKeySchedule.initialPermutation(x), decrypt: false))
        }
    }

    package func decryptBlocksInPlace(_ blocks: UnsafeMutableRawBufferPointer) {
        DESKeySchedule.forEachBlock(blocks) { x in
            DESKeySchedule.finalPermutation(schedule.crypt(DESKeySchedule.initialPermutation(x), decrypt: true))
        }
    }
}

/// The 16 round keys of DES and the round function.
@usableFromInline
struct DESKeySchedule: Sendable {
    /// Round key i: the 48 bits of PC-2 as eight 6-bit groups, group j in byte j.
    let roundKeys: [UInt64]

    /// FIPS 46-3 "Key schedule calculation". Bits are numbered 1...64 from the most significant.
    init(key: UInt64) {
        let cd = desPermute(key, inputBits: 64, desPC1)
        var c = UInt32(truncatingIfNeeded: cd >> 28) & 0x0FFF_FFFF
        var d = UInt32(truncatingIfNeeded: cd) & 0x0FFF_FFFF
        var keys = [UInt64]()
        keys.reserveCapacity(16)
        for shift in desKeyShifts {
            let s = UInt32(shift)
            c = ((c << s) | (c >> (28 - s))) & 0x0FFF_FFFF
            d = ((d << s) | (d >> (28 - s))) & 0x0FFF_FFFF
            let k = desPermute((UInt64(c) << 28) | UInt64(d), inputBits: 56, desPC2)
            var groups: UInt64 = 0
            for j in 0..<8 { groups |= ((k >> UInt64(42 - 6 * j)) & 0x3F) << UInt64(8 * j) }
            keys.append(groups)
        }
        roundKeys = keys
    }

    /// The 16 rounds on an IP-permuted block, ending with the swap of the halves
    /// ("preoutput" R16 L16). Decryption uses the round keys in reverse order.
    func crypt(_ block: UInt64, decrypt: Bool) -> UInt64 {
        var l = UInt32(truncatingIfNeeded: block >> 32)
        var r = UInt32(truncatingIfNeeded: block)
        roundKeys.withUnsafeBufferPointer { keys in
            for i in 0..<16 {
                let t = l ^ Self.f(r, keys[decrypt ? 15 - i : i])
                l = r
                r = t
            }
        }
        return (UInt64(r) << 32) | UInt64(l)
    }

    /// The cipher function f(R, K): expansion E, key addition, S-boxes, permutation P.
    @inline(__always)
    static func f(_ r: UInt32, _ k: UInt64) -> UInt32 {
        var out: UInt32 = 0
        for j in 0..<8 {
            // E: group j is bits 4j ... 4j+5 of R (1-based, bit 0 being bit 32), taken as the
            // top six bits of R rotated left by 4j - 1.
            let s = UInt32((4 * j + 31) % 32)
            let rotated = (r << s) | (r >> ((32 - s) % 32))
            let x = UInt64(rotated >> 26) ^ ((k >> UInt64(8 * j)) & 0x3F)
            out |= UInt32(truncatingIfNeeded: sBox(j, x)) << UInt32(28 - 4 * j)
        }
        return UInt32(truncatingIfNeeded: desPermute(UInt64(out), inputBits: 32, desP))
    }

    /// S-box j on the 6-bit input x, as a multiplexer tree: each input bit becomes a mask that
    /// selects one half of the packed table. Reads all 4 words of the table, branch-free.
    @inline(__always)
    static func sBox(_ j: Int, _ x: UInt64) -> UInt64 {
        @inline(__always) func mask(_ bit: UInt64) -> UInt64 { 0 &- ((x >> bit) & 1) }
        @inline(__always) func select(_ m: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 { b ^ (m & (a ^ b)) }
        return desPackedSBoxes.withUnsafeBufferPointer { t in
            let m4 = mask(4)
            let low = select(m4, t[4 * j + 1], t[4 * j])
            let high = select(m4, t[4 * j + 3], t[4 * j + 2])
            var w = select(mask(5), high, low)
            w = select(mask(3), w >> 32, w)
            w = select(mask(2), w >> 16, w)
            w = select(mask(1), w >> 8, w)
            w = select(mask(0), w >> 4, w)
            return w & 0xF
        }
    }

    static func initialPermutation(_ x: UInt64) -> UInt64 { desPermute(x, inputBits: 64, desIP) }

    /// IP^-1: scatters bit i back to position IP[i].
    static func finalPermutation(_ x: UInt64) -> UInt64 {
        var out: UInt64 = 0
        for (i, p) in desIP.enumerated() {
            out |= ((x >> UInt64(63 - i)) & 1) << UInt64(64 - Int(p))
        }
        return out
    }

    /// Applies `body` to each big-endian 8-byte block of `blocks`, in place.
    @inline(__always)
    static func forEachBlock(_ blocks: UnsafeMutableRawBufferPointer, _ body: (UInt64) -> UInt64) {
        precondition(blocks.count % 8 == 0, "DES works on whole 8-byte blocks")
        var offset = 0
        while offset < blocks.count {
            let x = UInt64(bigEndian: blocks.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            blocks.storeBytes(of: body(x).bigEndian, toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
    }
}

/// Gathers bits: output bit i (from the most significant) is input bit table[i] (1-based from
/// the most significant of `inputBits`). Positions are public; the data only moves.
@inline(__always)
func desPermute(_ x: UInt64, inputBits: Int, _ table: [UInt8]) -> UInt64 {
    var out: UInt64 = 0
    for p in table {
        out = (out << 1) | ((x >> UInt64(inputBits - Int(p))) & 1)
    }
    return out
}

// FIPS 46-3 tables.
private let desIP: [UInt8] = [
    58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
    62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
    57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
    61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7,
]

private let desP: [UInt8] = [
    16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
    2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25,
]

private let desPC1: [UInt8] = [
    57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18,
    10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
    63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22,
    14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
]

private let desPC2: [UInt8] = [
    14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10,
    23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
    41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48,
    44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
]

private let desKeyShifts: [UInt8] = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1]

/// The eight S-boxes as printed in FIPS 46-3: S-box j, row r, column c at 64j + 16r + c.
private let desSBoxes: [UInt8] = [
    // S1
    14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7,
    0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
    4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0,
    15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13,
    // S2
    15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10,
    3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
    0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15,
    13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9,
    // S3
    10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8,
    13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
    13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7,
    1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12,
    // S4
    7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15,
    13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
    10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4,
    3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14,
    // S5
    2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9,
    14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
    4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14,
    11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3,
    // S6
    12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11,
    10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
    9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6,
    4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13,
    // S7
    4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1,
    13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
    1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2,
    6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12,
    // S8
    13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7,
    1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
    7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8,
    2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11,
]

/// The S-boxes re-indexed by their 6-bit input x (row = first and last bit, column = middle
/// four) and packed 4 bits per entry: entry x of S-box j is in word 4j + x / 16, bits
/// 4 (x % 16) ..< 4 (x % 16) + 4. Built once from the printed tables; public data.
private let desPackedSBoxes: [UInt64] = {
    var packed = [UInt64](repeating: 0, count: 32)
    for j in 0..<8 {
        for x in 0..<64 {
            let row = ((x >> 4) & 2) | (x & 1)
            let column = (x >> 1) & 0xF
            packed[4 * j + x / 16] |= UInt64(desSBoxes[64 * j + 16 * row + column]) << UInt64(4 * (x % 16))
        }
    }
    return packed
}()
