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
        sha256RoundConstants.withUnsafeBufferPointer { table in
            compress(blocks, blockCount: blockCount, constants: table.baseAddress!)
        }
    }

    /// The 64 rounds, fully unrolled in groups of 16, with the message schedule kept in sixteen
    /// locals (a rolling window over W, §6.2.2 step 1) so nothing is indexed at run time.
    @inline(__always)
    private mutating func compress(_ blocks: UnsafeRawPointer, blockCount: Int, constants: UnsafePointer<UInt32>) {
        var block = blocks
        for _ in 0 ..< blockCount {
            @inline(__always) func word(_ i: Int) -> UInt32 {
                block.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).bigEndian
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

            for _ in 0 ..< 3 {
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
            block += 64
        }
    }
}

@inline(__always)
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

/// One round (§6.2.2 step 3) with the roles of the eight working variables passed in rotated
/// order, so the usual shuffle `h = g; g = f; …` costs nothing. `kw` is K[t] + W[t].
@inline(__always)
private func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                   _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
    let sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
    let choose = g ^ (e & (f ^ g))
    let t1 = h &+ sigma1 &+ choose &+ kw
    let sigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
    let majority = ((a ^ b) & (b ^ c)) ^ b
    d &+= t1
    h = t1 &+ sigma0 &+ majority
}

/// W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], in place over the 16-word window
/// (§6.2.2 step 1); returns the new word.
@inline(__always)
private func expand(_ w16: inout UInt32, _ w2: UInt32, _ w7: UInt32, _ w15: UInt32) -> UInt32 {
    let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 &>> 3)
    let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 &>> 10)
    w16 = w16 &+ s1 &+ w7 &+ s0
    return w16
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
