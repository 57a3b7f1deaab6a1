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
        sha512RoundConstants.withUnsafeBufferPointer { table in
            compress(blocks, blockCount: blockCount, constants: table.baseAddress!)
        }
    }

    /// The 80 rounds, fully unrolled in groups of 16, with the message schedule kept in sixteen
    /// locals (a rolling window over W, §6.4.2 step 1) so nothing is indexed at run time.
    @inline(__always)
    private mutating func compress(_ blocks: UnsafeRawPointer, blockCount: Int, constants: UnsafePointer<UInt64>) {
        var block = blocks
        for _ in 0 ..< blockCount {
            @inline(__always) func word(_ i: Int) -> UInt64 {
                block.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self).bigEndian
            }
            var w0 = word(0), w1 = word(1), w2 = word(2), w3 = word(3)
            var w4 = word(4), w5 = word(5), w6 = word(6), w7 = word(7)
            var w8 = word(8), w9 = word(9), w10 = word(10), w11 = word(11)
            var w12 = word(12), w13 = word(13), w14 = word(14), w15 = word(15)
            var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
            var k = constants

            round(a, b, c, &d, e, f, g, &h, k[0] &+ w0)
            round(h, a, b, &c, d, e, f, &g, k[1] &+ w1)
            round(g, h, a, &b, c, d, e, &f, k[2] &+ w2)
            round(f, g, h, &a, b, c, d, &e, k[3] &+ w3)
            round(e, f, g, &h, a, b, c, &d, k[4] &+ w4)
            round(d, e, f, &g, h, a, b, &c, k[5] &+ w5)
            round(c, d, e, &f, g, h, a, &b, k[6] &+ w6)
            round(b, c, d, &e, f, g, h, &a, k[7] &+ w7)
            round(a, b, c, &d, e, f, g, &h, k[8] &+ w8)
            round(h, a, b, &c, d, e, f, &g, k[9] &+ w9)
            round(g, h, a, &b, c, d, e, &f, k[10] &+ w10)
            round(f, g, h, &a, b, c, d, &e, k[11] &+ w11)
            round(e, f, g, &h, a, b, c, &d, k[12] &+ w12)
            round(d, e, f, &g, h, a, b, &c, k[13] &+ w13)
            round(c, d, e, &f, g, h, a, &b, k[14] &+ w14)
            round(b, c, d, &e, f, g, h, &a, k[15] &+ w15)

            for _ in 0 ..< 4 {
                k += 16
                round(a, b, c, &d, e, f, g, &h, k[0] &+ expand(&w0, w14, w9, w1))
                round(h, a, b, &c, d, e, f, &g, k[1] &+ expand(&w1, w15, w10, w2))
                round(g, h, a, &b, c, d, e, &f, k[2] &+ expand(&w2, w0, w11, w3))
                round(f, g, h, &a, b, c, d, &e, k[3] &+ expand(&w3, w1, w12, w4))
                round(e, f, g, &h, a, b, c, &d, k[4] &+ expand(&w4, w2, w13, w5))
                round(d, e, f, &g, h, a, b, &c, k[5] &+ expand(&w5, w3, w14, w6))
                round(c, d, e, &f, g, h, a, &b, k[6] &+ expand(&w6, w4, w15, w7))
                round(b, c, d, &e, f, g, h, &a, k[7] &+ expand(&w7, w5, w0, w8))
                round(a, b, c, &d, e, f, g, &h, k[8] &+ expand(&w8, w6, w1, w9))
                round(h, a, b, &c, d, e, f, &g, k[9] &+ expand(&w9, w7, w2, w10))
                round(g, h, a, &b, c, d, e, &f, k[10] &+ expand(&w10, w8, w3, w11))
                round(f, g, h, &a, b, c, d, &e, k[11] &+ expand(&w11, w9, w4, w12))
                round(e, f, g, &h, a, b, c, &d, k[12] &+ expand(&w12, w10, w5, w13))
                round(d, e, f, &g, h, a, b, &c, k[13] &+ expand(&w13, w11, w6, w14))
                round(c, d, e, &f, g, h, a, &b, k[14] &+ expand(&w14, w12, w7, w15))
                round(b, c, d, &e, f, g, h, &a, k[15] &+ expand(&w15, w13, w8, w0))
            }

            h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
            h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
            block += 128
        }
    }
}

@inline(__always)
private func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &>> n) | (x &<< (64 &- n)) }

/// One round (§6.4.2 step 3) with the roles of the eight working variables passed in rotated
/// order, so the usual shuffle `h = g; g = f; …` costs nothing. `kw` is K[t] + W[t].
@inline(__always)
private func round(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: inout UInt64,
                   _ e: UInt64, _ f: UInt64, _ g: UInt64, _ h: inout UInt64, _ kw: UInt64) {
    let sigma1 = rotr(e, 14) ^ rotr(e, 18) ^ rotr(e, 41)
    let choose = g ^ (e & (f ^ g))
    let t1 = h &+ sigma1 &+ choose &+ kw
    let sigma0 = rotr(a, 28) ^ rotr(a, 34) ^ rotr(a, 39)
    let majority = ((a ^ b) & (b ^ c)) ^ b
    d &+= t1
    h = t1 &+ sigma0 &+ majority
}

/// W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], in place over the 16-word window
/// (§6.4.2 step 1); returns the new word.
@inline(__always)
private func expand(_ w16: inout UInt64, _ w2: UInt64, _ w7: UInt64, _ w15: UInt64) -> UInt64 {
    let s0 = rotr(w15, 1) ^ rotr(w15, 8) ^ (w15 &>> 7)
    let s1 = rotr(w2, 19) ^ rotr(w2, 61) ^ (w2 &>> 6)
    w16 = w16 &+ s1 &+ w7 &+ s0
    return w16
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
