/// SHA-256 (FIPS 180-4 §6.2) and the compression function it shares with SHA-224 (§6.3).

/// SHA-256: 32-byte digests, 64-byte blocks.
///
/// Runs in time that depends only on the input length. Leaks nothing about the bytes hashed.
public struct SHA256: HashFunction {
    public static let blockByteCount = 64
    public static let digestByteCount = 32
    public static let name = "SHA-256"

    var state: MerkleDamgard<SHA256Compressor>

    /// A fresh SHA-256 state (FIPS 180-4 §5.3.3).
    public init() {
        state = MerkleDamgard(SHA256Compressor(
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
            0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19))
    }

    /// Absorbs `bytes`, compressing whole blocks straight from the caller's memory.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { state.update(bytes) }

    /// Writes the 32-byte digest to the start of `digest` (which must hold at least 32 bytes).
    public mutating func finalize(into digest: UnsafeMutableRawBufferPointer) {
        precondition(digest.count >= Self.digestByteCount, "SHA-256 digest buffer too small")
        state.finalize(into: digest.baseAddress!, byteCount: Self.digestByteCount)
    }
}

/// The SHA-256 chaining value and compression function (FIPS 180-4 §6.2.2). SHA-224 uses it with
/// other initial values and a truncated output.
struct SHA256Compressor: BlockCompressor {
    static let blockByteCount = 64
    static let lengthFieldByteCount = 8
    static let isBigEndian = true

    var h0, h1, h2, h3, h4, h5, h6, h7: UInt32

    init(_ h0: UInt32, _ h1: UInt32, _ h2: UInt32, _ h3: UInt32,
         _ h4: UInt32, _ h5: UInt32, _ h6: UInt32, _ h7: UInt32) {
        (self.h0, self.h1, self.h2, self.h3) = (h0, h1, h2, h3)
        (self.h4, self.h5, self.h6, self.h7) = (h4, h5, h6, h7)
    }

    func store(into out: UnsafeMutableRawPointer, byteCount: Int) {
        let words = (h0, h1, h2, h3, h4, h5, h6, h7)
        withUnsafeBytes(of: words) { raw in
            for i in 0 ..< byteCount / 4 {
                let word = raw.load(fromByteOffset: 4 * i, as: UInt32.self)
                out.storeBytes(of: word.bigEndian, toByteOffset: 4 * i, as: UInt32.self)
            }
        }
    }

    mutating func compress(_ blocks: UnsafeRawPointer, blockCount: Int) {
        // K[t] + W[t] for the 64 rounds of one block: uninitialized stack memory, written before
        // it is read.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { scheduled in
            let kw = UnsafeMutableRawPointer(scheduled.baseAddress!)
            sha256RoundConstants.withUnsafeBytes { k in
                var block = blocks
                for _ in 0 ..< blockCount {
                    compressBlock(block, constants: k.baseAddress!, kw: kw)
                    block += 64
                }
            }
        }
    }

    /// One block (§6.2.2). The message schedule runs four words at a time in SIMD registers
    /// (`SIMD4`, plain SSE2/NEON) and is stored as K[t] + W[t]; the rounds, which are serial,
    /// run on scalar registers and read it back. Each loop iteration does eight rounds and
    /// schedules eight words sixteen rounds ahead, so the two independent streams overlap.
    @inline(__always)
    private mutating func compressBlock(_ block: UnsafeRawPointer, constants k: UnsafeRawPointer,
                                        kw: UnsafeMutableRawPointer) {
        @inline(__always) func constants(_ t: Int) -> SIMD4<UInt32> {
            k.loadUnaligned(fromByteOffset: 4 * t, as: SIMD4<UInt32>.self)
        }
        @inline(__always) func message(_ t: Int) -> SIMD4<UInt32> {
            fromBigEndian(block.loadUnaligned(fromByteOffset: 4 * t, as: SIMD4<UInt32>.self))
        }
        @inline(__always) func store(_ t: Int, _ words: SIMD4<UInt32>) {
            kw.storeBytes(of: words &+ constants(t), toByteOffset: 4 * t, as: SIMD4<UInt32>.self)
        }
        @inline(__always) func kwAt(_ t: Int) -> UInt32 {
            kw.load(fromByteOffset: 4 * t, as: UInt32.self)
        }

        // W[t-16 ..< t] as four vectors.
        var x0 = message(0), x1 = message(4), x2 = message(8), x3 = message(12)
        store(0, x0); store(4, x1); store(8, x2); store(12, x3)

        var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
        // b ⊕ c of the current round; the next round's is this round's a ⊕ b.
        var bc = b ^ c
        var t = 0
        while t < 48 {
            let y0 = nextScheduleWords(x0, x1, x2, x3)
            store(t + 16, y0)
            round(a, b, &bc, &d, e, f, g, &h, kwAt(t))
            round(h, a, &bc, &c, d, e, f, &g, kwAt(t + 1))
            round(g, h, &bc, &b, c, d, e, &f, kwAt(t + 2))
            round(f, g, &bc, &a, b, c, d, &e, kwAt(t + 3))
            let y1 = nextScheduleWords(x1, x2, x3, y0)
            store(t + 20, y1)
            round(e, f, &bc, &h, a, b, c, &d, kwAt(t + 4))
            round(d, e, &bc, &g, h, a, b, &c, kwAt(t + 5))
            round(c, d, &bc, &f, g, h, a, &b, kwAt(t + 6))
            round(b, c, &bc, &e, f, g, h, &a, kwAt(t + 7))
            (x0, x1, x2, x3) = (x2, x3, y0, y1)
            t += 8
        }
        while t < 64 {
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
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

/// A vector rotation. The halves are joined with `&+` (they share no bits, so it equals `|`):
/// LLVM then keeps it as a vector funnel shift (two shifts and an OR on SSE2), whereas the `|`
/// spelling, and xor-ing two right shifts of one vector, lead it to scalarise or shuffle lanes.
@inline(__always)
private func rotr(_ x: SIMD4<UInt32>, _ n: UInt32) -> SIMD4<UInt32> { (x &>> n) &+ (x &<< (32 &- n)) }

/// Big-endian words from native loads, without SSSE3's byte shuffle (a no-op on big-endian hosts).
@inline(__always)
private func fromBigEndian(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> {
    #if _endian(big)
    return x
    #else
    let halves = (x &<< 16) | (x &>> 16)
    return ((halves & 0x00ff_00ff) &<< 8) | ((halves &>> 8) & 0x00ff_00ff)
    #endif
}

/// One round (§6.2.2 step 3) with the roles of the eight working variables passed in rotated
/// order, so the usual shuffle `h = g; g = f; …` costs nothing. `kw` is K[t] + W[t].
///
/// Maj(a, b, c) = ((a ⊕ b) ∧ (b ⊕ c)) ⊕ b, and the next round's b ⊕ c is this round's a ⊕ b,
/// so `bc` carries it over (c itself is not needed).
@inline(__always)
private func round(_ a: UInt32, _ b: UInt32, _ bc: inout UInt32, _ d: inout UInt32,
                   _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
    // Σ1 sits on the serial chain from one round's e to the next: its three rotations run in
    // parallel, and it is added last. Σ0 is off that chain, so it is written
    // ROTR2(a ⊕ ROTR11(a ⊕ ROTR9(a))) (= ROTR2 ⊕ ROTR13 ⊕ ROTR22), which needs one temporary
    // register instead of two. (Measured on x86-64: faster than all-parallel or all-chained.)
    let sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
    let choose = g ^ (e & (f ^ g))
    let t1 = (h &+ kw &+ choose) &+ sigma1
    let sigma0 = rotr(a ^ rotr(a ^ rotr(a, 9), 11), 2)
    let ab = a ^ b
    let majority = (ab & bc) ^ b
    bc = ab
    d &+= t1
    h = t1 &+ (sigma0 &+ majority)
}

/// W[t ..< t+4] from W[t-16 ..< t] given as four vectors (§6.2.2 step 1):
/// W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16]. Lanes 2 and 3 need σ1 of lanes 0 and 1,
/// so σ1 runs twice.
@inline(__always)
private func nextScheduleWords(_ x0: SIMD4<UInt32>, _ x1: SIMD4<UInt32>, _ x2: SIMD4<UInt32>,
                               _ x3: SIMD4<UInt32>) -> SIMD4<UInt32> {
    // σ0(x) = ROTR7(x) ⊕ ROTR18(x) ⊕ SHR3(x), σ1(x) = ROTR17(x) ⊕ ROTR19(x) ⊕ SHR10(x).
    @inline(__always) func sigma0(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> { rotr(x, 7) ^ rotr(x, 18) ^ (x &>> 3) }
    @inline(__always) func sigma1(_ x: SIMD4<UInt32>) -> SIMD4<UInt32> { rotr(x, 17) ^ rotr(x, 19) ^ (x &>> 10) }
    let w15 = SIMD4(x0[1], x0[2], x0[3], x1[0])
    let w7 = SIMD4(x2[1], x2[2], x2[3], x3[0])
    var x = x0 &+ sigma0(w15) &+ w7
    // σ1 runs on whole vectors and only then are the two useful lanes moved into place
    // (a two-lane input invites LLVM to scalarise).
    let low = sigma1(x3)
    x &+= SIMD4(low[2], low[3], 0, 0)
    let high = sigma1(x)
    x &+= SIMD4(0, 0, high[0], high[1])
    return x
}

/// K[0…63]: the first 32 bits of the fractional parts of the cube roots of the first 64 primes
/// (FIPS 180-4 §4.2.2).
private let sha256RoundConstants: [UInt32] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]
