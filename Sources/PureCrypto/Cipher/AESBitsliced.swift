/// The AES round functions on a bitsliced state of four blocks (FIPS 197), built only from
/// AND, XOR, NOT, constant shifts and rotations: no table, no branch, no data-dependent index.
///
/// Layout. Word `q_i` holds bit `i` of all 64 state bytes. Inside a word, the bit of block `b`
/// (0...3), row `r` and column `c` (FIPS 197 state `s[r,c]`, input byte `4c + r`) sits at position
/// `16r + 4c + b`. Each row is a 16-bit lane, so ShiftRows rotates inside lanes and MixColumns
/// reads the next rows with 64-bit rotations by 16 and 32 (the technique of Käsper–Schwabe and
/// of Pornin's constant-time AES, with our own layout and transposition).
@usableFromInline
struct AESSlices {
    @usableFromInline var q0: UInt64, q1: UInt64, q2: UInt64, q3: UInt64
    @usableFromInline var q4: UInt64, q5: UInt64, q6: UInt64, q7: UInt64

    @inlinable init() {
        q0 = 0; q1 = 0; q2 = 0; q3 = 0; q4 = 0; q5 = 0; q6 = 0; q7 = 0
    }

    // MARK: Packing

    /// Spreads the 4 bytes of a 32-bit value to the even bytes of a 64-bit value.
    @inlinable @inline(__always)
    static func spread(_ x: UInt64) -> UInt64 {
        var x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFF
        x = (x | (x << 8)) & 0x00FF_00FF_00FF_00FF
        return x
    }

    /// Inverse of `spread`: gathers the even bytes into the low 32 bits.
    @inlinable @inline(__always)
    static func compact(_ x: UInt64) -> UInt64 {
        var x = x & 0x00FF_00FF_00FF_00FF
        x = (x | (x >> 8)) & 0x0000_FFFF_0000_FFFF
        x = (x | (x >> 16)) & 0x0000_0000_FFFF_FFFF
        return x
    }

    /// Exchanges the bits of `a` at positions with bit `shift` of the index set, with the bits of
    /// `b` at positions with it clear (one step of a bit-matrix transposition).
    @inlinable @inline(__always)
    static func swapMove(_ a: inout UInt64, _ b: inout UInt64, _ shift: UInt64, _ mask: UInt64) {
        let t = ((a >> shift) ^ b) & mask
        b ^= t
        a ^= t << shift
    }

    /// Transposes between "word w = (c0, b1, b0), byte 2r + c1, bit i" and the sliced layout.
    /// The three steps commute and each is an involution, so this is its own inverse.
    @inlinable @inline(__always)
    mutating func transpose() {
        Self.swapMove(&q0, &q1, 1, 0x5555_5555_5555_5555)
        Self.swapMove(&q2, &q3, 1, 0x5555_5555_5555_5555)
        Self.swapMove(&q4, &q5, 1, 0x5555_5555_5555_5555)
        Self.swapMove(&q6, &q7, 1, 0x5555_5555_5555_5555)
        Self.swapMove(&q0, &q2, 2, 0x3333_3333_3333_3333)
        Self.swapMove(&q1, &q3, 2, 0x3333_3333_3333_3333)
        Self.swapMove(&q4, &q6, 2, 0x3333_3333_3333_3333)
        Self.swapMove(&q5, &q7, 2, 0x3333_3333_3333_3333)
        Self.swapMove(&q0, &q4, 4, 0x0F0F_0F0F_0F0F_0F0F)
        Self.swapMove(&q1, &q5, 4, 0x0F0F_0F0F_0F0F_0F0F)
        Self.swapMove(&q2, &q6, 4, 0x0F0F_0F0F_0F0F_0F0F)
        Self.swapMove(&q3, &q7, 4, 0x0F0F_0F0F_0F0F_0F0F)
    }

    /// Loads `count` (1...4) consecutive 16-byte blocks from `p`; missing blocks are zero.
    @inlinable
    init(loading p: UnsafeRawPointer, count: Int) {
        self.init()
        var w = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &w) { words in
            let ws = words.baseAddress!.assumingMemoryBound(to: UInt64.self)
            for b in 0..<count {
                let lo = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 16 * b, as: UInt64.self))
                let hi = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 16 * b + 8, as: UInt64.self))
                // Word b: columns 0 and 2 interleaved by row; word 4 + b: columns 1 and 3.
                ws[b] = Self.spread(lo & 0xFFFF_FFFF) | (Self.spread(hi & 0xFFFF_FFFF) << 8)
                ws[4 + b] = Self.spread(lo >> 32) | (Self.spread(hi >> 32) << 8)
            }
        }
        (q0, q1, q2, q3, q4, q5, q6, q7) = w
        transpose()
    }

    /// Stores the first `count` (1...4) blocks to `p`.
    @inlinable
    func store(to p: UnsafeMutableRawPointer, count: Int) {
        var s = self
        s.transpose()
        var w = (s.q0, s.q1, s.q2, s.q3, s.q4, s.q5, s.q6, s.q7)
        withUnsafeMutableBytes(of: &w) { words in
            let ws = words.baseAddress!.assumingMemoryBound(to: UInt64.self)
            for b in 0..<count {
                let even = ws[b], odd = ws[4 + b]
                let lo = Self.compact(even) | (Self.compact(odd) << 32)
                let hi = Self.compact(even >> 8) | (Self.compact(odd >> 8) << 32)
                p.storeBytes(of: lo.littleEndian, toByteOffset: 16 * b, as: UInt64.self)
                p.storeBytes(of: hi.littleEndian, toByteOffset: 16 * b + 8, as: UInt64.self)
            }
        }
    }

    // MARK: SubBytes

    /// The AES S-box on all 64 bytes at once: the 113-gate circuit of Boyar and Peralta
    /// ("A depth-16 circuit for the AES S-box", 2011; the earlier 113-gate version,
    /// "A new combinational logic minimization technique with applications to cryptology",
    /// SEA 2010). U0 is the most significant bit of the input byte, S0 of the output.
    @inlinable @inline(__always)
    mutating func subBytes() {
        let u0 = q7, u1 = q6, u2 = q5, u3 = q4, u4 = q3, u5 = q2, u6 = q1, u7 = q0

        // Top linear layer.
        let t1 = u0 ^ u3
        let t2 = u0 ^ u5
        let t3 = u0 ^ u6
        let t4 = u3 ^ u5
        let t5 = u4 ^ u6
        let t6 = t1 ^ t5
        let t7 = u1 ^ u2
        let t8 = u7 ^ t6
        let t9 = u7 ^ t7
        let t10 = t6 ^ t7
        let t11 = u1 ^ u5
        let t12 = u2 ^ u5
        let t13 = t3 ^ t4
        let t14 = t6 ^ t11
        let t15 = t5 ^ t11
        let t16 = t5 ^ t12
        let t17 = t9 ^ t16
        let t18 = u3 ^ u7
        let t19 = t7 ^ t18
        let t20 = t1 ^ t19
        let t21 = u6 ^ u7
        let t22 = t7 ^ t21
        let t23 = t2 ^ t22
        let t24 = t2 ^ t10
        let t25 = t20 ^ t17
        let t26 = t3 ^ t16
        let t27 = t1 ^ t12

        // Non-linear middle (inversion in GF(2^8) through GF(2^4)).
        let m1 = t13 & t6
        let m2 = t23 & t8
        let m3 = t14 ^ m1
        let m4 = t19 & u7
        let m5 = m4 ^ m1
        let m6 = t3 & t16
        let m7 = t22 & t9
        let m8 = t26 ^ m6
        let m9 = t20 & t17
        let m10 = m9 ^ m6
        let m11 = t1 & t15
        let m12 = t4 & t27
        let m13 = m12 ^ m11
        let m14 = t2 & t10
        let m15 = m14 ^ m11
        let m16 = m3 ^ m2
        let m17 = m5 ^ t24
        let m18 = m8 ^ m7
        let m19 = m10 ^ m15
        let m20 = m16 ^ m13
        let m21 = m17 ^ m15
        let m22 = m18 ^ m13
        let m23 = m19 ^ t25
        let m24 = m22 ^ m23
        let m25 = m22 & m20
        let m26 = m21 ^ m25
        let m27 = m20 ^ m21
        let m28 = m23 ^ m25
        let m29 = m28 & m27
        let m30 = m26 & m24
        let m31 = m20 & m23
        let m32 = m27 & m31
        let m33 = m27 ^ m25
        let m34 = m21 & m22
        let m35 = m24 & m34
        let m36 = m24 ^ m25
        let m37 = m21 ^ m29
        let m38 = m32 ^ m33
        let m39 = m23 ^ m30
        let m40 = m35 ^ m36
        let m41 = m38 ^ m40
        let m42 = m37 ^ m39
        let m43 = m37 ^ m38
        let m44 = m39 ^ m40
        let m45 = m42 ^ m41
        let m46 = m44 & t6
        let m47 = m40 & t8
        let m48 = m39 & u7
        let m49 = m43 & t16
        let m50 = m38 & t9
        let m51 = m37 & t17
        let m52 = m42 & t15
        let m53 = m45 & t27
        let m54 = m41 & t10
        let m55 = m44 & t13
        let m56 = m40 & t23
        let m57 = m39 & t19
        let m58 = m43 & t3
        let m59 = m38 & t22
        let m60 = m37 & t20
        let m61 = m42 & t1
        let m62 = m45 & t4
        let m63 = m41 & t2

        // Bottom linear layer (with the affine constant 0x63 as the negations).
        let l0 = m61 ^ m62
        let l1 = m50 ^ m56
        let l2 = m46 ^ m48
        let l3 = m47 ^ m55
        let l4 = m54 ^ m58
        let l5 = m49 ^ m61
        let l6 = m62 ^ l5
        let l7 = m46 ^ l3
        let l8 = m51 ^ m59
        let l9 = m52 ^ m53
        let l10 = m53 ^ l4
        let l11 = m60 ^ l2
        let l12 = m48 ^ m51
        let l13 = m50 ^ l0
        let l14 = m52 ^ m61
        let l15 = m55 ^ l1
        let l16 = m56 ^ l0
        let l17 = m57 ^ l1
        let l18 = m58 ^ l8
        let l19 = m63 ^ l4
        let l20 = l0 ^ l1
        let l21 = l1 ^ l7
        let l22 = l3 ^ l12
        let l23 = l18 ^ l2
        let l24 = l15 ^ l9
        let l25 = l6 ^ l10
        let l26 = l7 ^ l9
        let l27 = l8 ^ l10
        let l28 = l11 ^ l14
        let l29 = l11 ^ l17

        q7 = l6 ^ l24
        q6 = ~(l16 ^ l26)
        q5 = ~(l19 ^ l28)
        q4 = l6 ^ l21
        q3 = l20 ^ l22
        q2 = l25 ^ l29
        q1 = ~(l13 ^ l27)
        q0 = ~(l6 ^ l23)
    }

    /// The affine map y -> A^-1 (y + 0x63) of FIPS 197 section 5.3.2:
    /// bit i of the result is y[i-1] + y[i-3] + y[i-6] (indices mod 8), plus 0x05.
    /// Since S(x) = A(x^-1) + 0x63, the inverse S-box is this map, then S, then this map again.
    @inlinable @inline(__always)
    mutating func inverseAffine() {
        let y0 = q0, y1 = q1, y2 = q2, y3 = q3, y4 = q4, y5 = q5, y6 = q6, y7 = q7
        q0 = ~(y7 ^ y5 ^ y2)
        q1 = y0 ^ y6 ^ y3
        q2 = ~(y1 ^ y7 ^ y4)
        q3 = y2 ^ y0 ^ y5
        q4 = y3 ^ y1 ^ y6
        q5 = y4 ^ y2 ^ y7
        q6 = y5 ^ y3 ^ y0
        q7 = y6 ^ y4 ^ y1
    }

    @inlinable @inline(__always)
    mutating func inverseSubBytes() {
        inverseAffine()
        subBytes()
        inverseAffine()
    }

    // MARK: ShiftRows

    @inlinable @inline(__always)
    static func shiftRows(_ x: UInt64) -> UInt64 {
        // Row r (bits 16r..16r+15) rotates right by 4r bits inside its lane.
        (x & 0x0000_0000_0000_FFFF)
            | ((x & 0x0000_0000_FFF0_0000) >> 4) | ((x & 0x0000_0000_000F_0000) << 12)
            | ((x & 0x0000_FF00_0000_0000) >> 8) | ((x & 0x0000_00FF_0000_0000) << 8)
            | ((x & 0xF000_0000_0000_0000) >> 12) | ((x & 0x0FFF_0000_0000_0000) << 4)
    }

    @inlinable @inline(__always)
    static func inverseShiftRows(_ x: UInt64) -> UInt64 {
        // Row r rotates left by 4r bits inside its lane.
        (x & 0x0000_0000_0000_FFFF)
            | ((x & 0x0000_0000_0FFF_0000) << 4) | ((x & 0x0000_0000_F000_0000) >> 12)
            | ((x & 0x0000_FF00_0000_0000) >> 8) | ((x & 0x0000_00FF_0000_0000) << 8)
            | ((x & 0xFFF0_0000_0000_0000) >> 4) | ((x & 0x000F_0000_0000_0000) << 12)
    }

    @inlinable @inline(__always)
    mutating func shiftRows() {
        q0 = Self.shiftRows(q0); q1 = Self.shiftRows(q1); q2 = Self.shiftRows(q2); q3 = Self.shiftRows(q3)
        q4 = Self.shiftRows(q4); q5 = Self.shiftRows(q5); q6 = Self.shiftRows(q6); q7 = Self.shiftRows(q7)
    }

    @inlinable @inline(__always)
    mutating func inverseShiftRows() {
        q0 = Self.inverseShiftRows(q0); q1 = Self.inverseShiftRows(q1)
        q2 = Self.inverseShiftRows(q2); q3 = Self.inverseShiftRows(q3)
        q4 = Self.inverseShiftRows(q4); q5 = Self.inverseShiftRows(q5)
        q6 = Self.inverseShiftRows(q6); q7 = Self.inverseShiftRows(q7)
    }

    // MARK: MixColumns

    @inlinable @inline(__always)
    static func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 { (x >> n) | (x << (64 - n)) }

    /// s'[r] = 2 s[r] + 3 s[r+1] + s[r+2] + s[r+3] = 2 t + s[r+1] + rot2(t), with t = s[r] + s[r+1].
    /// Rotating a word right by 16 bits brings row r+1 to row r.
    @inlinable @inline(__always)
    mutating func mixColumns() {
        let r0 = Self.rotr(q0, 16), r1 = Self.rotr(q1, 16), r2 = Self.rotr(q2, 16), r3 = Self.rotr(q3, 16)
        let r4 = Self.rotr(q4, 16), r5 = Self.rotr(q5, 16), r6 = Self.rotr(q6, 16), r7 = Self.rotr(q7, 16)
        let t0 = q0 ^ r0, t1 = q1 ^ r1, t2 = q2 ^ r2, t3 = q3 ^ r3
        let t4 = q4 ^ r4, t5 = q5 ^ r5, t6 = q6 ^ r6, t7 = q7 ^ r7
        // 2t: bit i <- t[i-1], and the reduction by x^8 = x^4 + x^3 + x + 1 adds t7 to bits 0, 1, 3, 4.
        q0 = t7 ^ r0 ^ Self.rotr(t0, 32)
        q1 = t0 ^ t7 ^ r1 ^ Self.rotr(t1, 32)
        q2 = t1 ^ r2 ^ Self.rotr(t2, 32)
        q3 = t2 ^ t7 ^ r3 ^ Self.rotr(t3, 32)
        q4 = t3 ^ t7 ^ r4 ^ Self.rotr(t4, 32)
        q5 = t4 ^ r5 ^ Self.rotr(t5, 32)
        q6 = t5 ^ r6 ^ Self.rotr(t6, 32)
        q7 = t6 ^ r7 ^ Self.rotr(t7, 32)
    }

    /// InvMixColumns = MixColumns after s'[r] = s[r] + 4 (s[r] + s[r+2]): the inverse polynomial
    /// {0b}x^3 + {0d}x^2 + {09}x + {0e} factors as ({03}x^3 + x^2 + x + {02})({04}x^2 + {05}).
    @inlinable @inline(__always)
    mutating func inverseMixColumns() {
        // u = s + rot2(s); then 4u: bit i <- u[i-2] with the reduction of the two shifted-out bits.
        let u0 = q0 ^ Self.rotr(q0, 32), u1 = q1 ^ Self.rotr(q1, 32)
        let u2 = q2 ^ Self.rotr(q2, 32), u3 = q3 ^ Self.rotr(q3, 32)
        let u4 = q4 ^ Self.rotr(q4, 32), u5 = q5 ^ Self.rotr(q5, 32)
        let u6 = q6 ^ Self.rotr(q6, 32), u7 = q7 ^ Self.rotr(q7, 32)
        // 2u = (u7, u0+u7, u1, u2+u7, u3+u7, u4, u5, u6) in bit order 0...7; apply twice.
        let d0 = u7, d1 = u0 ^ u7, d2 = u1, d3 = u2 ^ u7, d4 = u3 ^ u7, d5 = u4, d6 = u5, d7 = u6
        q0 ^= d7
        q1 ^= d0 ^ d7
        q2 ^= d1
        q3 ^= d2 ^ d7
        q4 ^= d3 ^ d7
        q5 ^= d4
        q6 ^= d5
        q7 ^= d6
        mixColumns()
    }

    // MARK: AddRoundKey

    @inlinable @inline(__always)
    mutating func addRoundKey(_ k: UnsafePointer<UInt64>) {
        q0 ^= k[0]; q1 ^= k[1]; q2 ^= k[2]; q3 ^= k[3]
        q4 ^= k[4]; q5 ^= k[5]; q6 ^= k[6]; q7 ^= k[7]
    }
}
