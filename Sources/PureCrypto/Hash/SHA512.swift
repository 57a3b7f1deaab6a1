/// SHA-512 (FIPS 180-4 §6.4) and the compression function it shares with SHA-384 (§6.5).

/// SHA-512: 64-byte digests, 128-byte blocks.
///
/// Runs in time that depends only on the input length. Leaks nothing about the bytes hashed.
public struct SHA512: HashFunction {
    public static let blockByteCount = 128
    public static let digestByteCount = 64
    public static let name = "SHA-512"

    var state: MerkleDamgard<SHA512Compressor>

    /// A fresh SHA-512 state (FIPS 180-4 §5.3.5).
    public init() {
        state = MerkleDamgard(SHA512Compressor(
            0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
            0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179))
    }

    /// Absorbs `bytes`, compressing whole blocks straight from the caller's memory.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { state.update(bytes) }

    /// Writes the 64-byte digest to the start of `digest` (which must hold at least 64 bytes).
    public mutating func finalize(into digest: UnsafeMutableRawBufferPointer) {
        precondition(digest.count >= Self.digestByteCount, "SHA-512 digest buffer too small")
        state.finalize(into: digest.baseAddress!, byteCount: Self.digestByteCount)
    }
}

/// The SHA-512 chaining value and compression function (FIPS 180-4 §6.4.2). SHA-384 uses it with
/// other initial values and a truncated output.
struct SHA512Compressor: BlockCompressor {
    static let blockByteCount = 128
    static let lengthFieldByteCount = 16
    static let isBigEndian = true

    var h0, h1, h2, h3, h4, h5, h6, h7: UInt64

    init(_ h0: UInt64, _ h1: UInt64, _ h2: UInt64, _ h3: UInt64,
         _ h4: UInt64, _ h5: UInt64, _ h6: UInt64, _ h7: UInt64) {
        (self.h0, self.h1, self.h2, self.h3) = (h0, h1, h2, h3)
        (self.h4, self.h5, self.h6, self.h7) = (h4, h5, h6, h7)
    }

    func store(into out: UnsafeMutableRawPointer, byteCount: Int) {
        let words = (h0, h1, h2, h3, h4, h5, h6, h7)
        withUnsafeBytes(of: words) { raw in
            for i in 0 ..< byteCount / 8 {
                let word = raw.load(fromByteOffset: 8 * i, as: UInt64.self)
                out.storeBytes(of: word.bigEndian, toByteOffset: 8 * i, as: UInt64.self)
            }
        }
    }

    mutating func compress(_ blocks: UnsafeRawPointer, blockCount: Int) {
        // K[t] + W[t] for the 80 rounds of one block: uninitialized stack memory, written before
        // it is read.
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 80) { scheduled in
            let kw = UnsafeMutableRawPointer(scheduled.baseAddress!)
            sha512RoundConstants.withUnsafeBytes { k in
                var block = blocks
                for _ in 0 ..< blockCount {
                    compressBlock(block, constants: k.baseAddress!, kw: kw)
                    block += 128
                }
            }
        }
    }

    /// One block (§6.4.2). The message schedule runs two words at a time in SIMD registers
    /// (`SIMD2<UInt64>`, plain SSE2/NEON) and is stored as K[t] + W[t]; the serial rounds run on
    /// scalar registers and read it back. Each loop iteration does eight rounds and schedules
    /// eight words sixteen rounds ahead, so the two independent streams overlap.
    @inline(__always)
    private mutating func compressBlock(_ block: UnsafeRawPointer, constants k: UnsafeRawPointer,
                                        kw: UnsafeMutableRawPointer) {
        @inline(__always) func message(_ t: Int) -> SIMD2<UInt64> {
            SIMD2(block.loadUnaligned(fromByteOffset: 8 * t, as: UInt64.self).bigEndian,
                  block.loadUnaligned(fromByteOffset: 8 * t + 8, as: UInt64.self).bigEndian)
        }
        @inline(__always) func store(_ t: Int, _ words: SIMD2<UInt64>) {
            let sum = words &+ k.loadUnaligned(fromByteOffset: 8 * t, as: SIMD2<UInt64>.self)
            kw.storeBytes(of: sum, toByteOffset: 8 * t, as: SIMD2<UInt64>.self)
        }
        @inline(__always) func kwAt(_ t: Int) -> UInt64 {
            kw.load(fromByteOffset: 8 * t, as: UInt64.self)
        }

        // W[t-16 ..< t] as eight vectors.
        var x0 = message(0), x1 = message(2), x2 = message(4), x3 = message(6)
        var x4 = message(8), x5 = message(10), x6 = message(12), x7 = message(14)
        store(0, x0); store(2, x1); store(4, x2); store(6, x3)
        store(8, x4); store(10, x5); store(12, x6); store(14, x7)

        var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
        // b ⊕ c of the current round; the next round's is this round's a ⊕ b.
        var bc = b ^ c
        var t = 0
        while t < 64 {
            let y0 = nextScheduleWords(x0, x1, x4, x5, x7)
            store(t + 16, y0)
            let y1 = nextScheduleWords(x1, x2, x5, x6, y0)
            store(t + 18, y1)
            round(a, b, &bc, &d, e, f, g, &h, kwAt(t))
            round(h, a, &bc, &c, d, e, f, &g, kwAt(t + 1))
            round(g, h, &bc, &b, c, d, e, &f, kwAt(t + 2))
            round(f, g, &bc, &a, b, c, d, &e, kwAt(t + 3))
            let y2 = nextScheduleWords(x2, x3, x6, x7, y1)
            store(t + 20, y2)
            let y3 = nextScheduleWords(x3, x4, x7, y0, y2)
            store(t + 22, y3)
            round(e, f, &bc, &h, a, b, c, &d, kwAt(t + 4))
            round(d, e, &bc, &g, h, a, b, &c, kwAt(t + 5))
            round(c, d, &bc, &f, g, h, a, &b, kwAt(t + 6))
            round(b, c, &bc, &e, f, g, h, &a, kwAt(t + 7))
            (x0, x1, x2, x3, x4, x5, x6, x7) = (x4, x5, x6, x7, y0, y1, y2, y3)
            t += 8
        }
        while t < 80 {
            round(a, b, &bc, &d, e, f, g, &h, kwAt(t))
            round(h, a, &bc, &c, d, e, f, &g, kwAt(t + 1))
            round(g, h, &bc, &b, c, d, e, &f, kwAt(t + 2))
            round(f, g, &bc, &a, b, c, d, &e, kwAt(t + 3))
            round(e, f, &bc, &h, a, b, c, &d, kwAt(t + 4))
            round(d, e, &bc, &g, h, a, b, &c, kwAt(t + 5))
            round(c, d, &bc, &f, g, h, a, &b, kwAt(t + 6))
            round(b, c, &bc, &e, f, g, h, &a, kwAt(t + 7))
            t += 8
        }

        h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
        h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
    }
}

@inline(__always)
private func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &>> n) | (x &<< (64 &- n)) }

/// A vector rotation. The halves are joined with `&+` (they share no bits, so it equals `|`):
/// LLVM then keeps it as a vector funnel shift (two shifts and an OR on SSE2), whereas the `|`
/// spelling leads it to scalarise lane by lane.
@inline(__always)
private func rotr(_ x: SIMD2<UInt64>, _ n: UInt64) -> SIMD2<UInt64> { (x &>> n) &+ (x &<< (64 &- n)) }

/// One round (§6.4.2 step 3) with the roles of the eight working variables passed in rotated
/// order, so the usual shuffle `h = g; g = f; …` costs nothing. `kw` is K[t] + W[t].
///
/// Maj(a, b, c) = ((a ⊕ b) ∧ (b ⊕ c)) ⊕ b, and the next round's b ⊕ c is this round's a ⊕ b,
/// so `bc` carries it over (c itself is not needed).
@inline(__always)
private func round(_ a: UInt64, _ b: UInt64, _ bc: inout UInt64, _ d: inout UInt64,
                   _ e: UInt64, _ f: UInt64, _ g: UInt64, _ h: inout UInt64, _ kw: UInt64) {
    // Σ1 sits on the serial chain from one round's e to the next: its rotations run in
    // parallel, and it is added last. Σ0 is off that chain, so it is written
    // ROTR28(a ⊕ ROTR5(a ⊕ ROTR6(a))) (= ROTR28 ⊕ ROTR34 ⊕ ROTR39), needing one temporary.
    let sigma1 = rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)
    let choose = g ^ (e & (f ^ g))
    let t1 = (h &+ kw &+ choose) &+ sigma1
    let sigma0 = rotr(a ^ rotr(a ^ rotr(a, 5), 6), 28)
    let ab = a ^ b
    let majority = (ab & bc) ^ b
    bc = ab
    d &+= t1
    h = t1 &+ (sigma0 &+ majority)
}

/// W[t], W[t+1] (§6.4.2 step 1): W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], from the
/// vectors holding W[t-16, t-15], W[t-14, t-13], W[t-8, t-7], W[t-6, t-5] and W[t-2, t-1].
@inline(__always)
private func nextScheduleWords(_ w16: SIMD2<UInt64>, _ w14: SIMD2<UInt64>, _ w8: SIMD2<UInt64>,
                               _ w6: SIMD2<UInt64>, _ w2: SIMD2<UInt64>) -> SIMD2<UInt64> {
    // σ0(x) = ROTR1(x) ⊕ ROTR8(x) ⊕ SHR7(x), σ1(x) = ROTR19(x) ⊕ ROTR61(x) ⊕ SHR6(x).
    @inline(__always) func sigma0(_ x: SIMD2<UInt64>) -> SIMD2<UInt64> { rotr(x, 1) ^ rotr(x, 8) ^ (x &>> 7) }
    @inline(__always) func sigma1(_ x: SIMD2<UInt64>) -> SIMD2<UInt64> { rotr(x, 19) ^ rotr(x, 61) ^ (x &>> 6) }
    let w15 = SIMD2(w16[1], w14[0])
    let w7 = SIMD2(w8[1], w6[0])
    return w16 &+ sigma0(w15) &+ w7 &+ sigma1(w2)
}

/// K[0…79]: the first 64 bits of the fractional parts of the cube roots of the first 80 primes
/// (FIPS 180-4 §4.2.3).
private let sha512RoundConstants: [UInt64] = [
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
]
