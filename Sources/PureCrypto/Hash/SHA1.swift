/// SHA-1 (FIPS 180-4 §6.1). Broken for collisions; see `Insecure`.

extension Insecure {
    /// SHA-1: 20-byte digests, 64-byte blocks. **Insecure**: practical collisions exist
    /// (SHAttered, 2017). Kept only for legacy key formats and PBKDF2-HMAC-SHA1 in existing
    /// encrypted PKCS#8 files; never use it to sign or to identify content.
    ///
    /// Runs in time that depends only on the input length. Leaks nothing about the bytes hashed.
    public struct SHA1: HashFunction {
        public static let blockByteCount = 64
        public static let digestByteCount = 20
        public static let name = "SHA-1"

        var state: MerkleDamgard<SHA1Compressor>

        /// A fresh SHA-1 state (FIPS 180-4 §5.3.1).
        public init() {
            state = MerkleDamgard(SHA1Compressor())
        }

        /// Absorbs `bytes`, compressing whole blocks straight from the caller's memory.
        public mutating func update(_ bytes: UnsafeRawBufferPointer) { state.update(bytes) }

        /// Writes the 20-byte digest to the start of `digest` (which must hold at least 20 bytes).
        public mutating func finalize(into digest: UnsafeMutableRawBufferPointer) {
            precondition(digest.count >= Self.digestByteCount, "SHA-1 digest buffer too small")
            state.finalize(into: digest.baseAddress!, byteCount: Self.digestByteCount)
        }
    }
}

/// The SHA-1 chaining value and compression function (FIPS 180-4 §6.1.2).
struct SHA1Compressor: BlockCompressor {
    static let blockByteCount = 64
    static let lengthFieldByteCount = 8
    static let isBigEndian = true

    var h0: UInt32 = 0x67452301
    var h1: UInt32 = 0xefcdab89
    var h2: UInt32 = 0x98badcfe
    var h3: UInt32 = 0x10325476
    var h4: UInt32 = 0xc3d2e1f0

    func store(into out: UnsafeMutableRawPointer, byteCount: Int) {
        let words = (h0, h1, h2, h3, h4)
        withUnsafeBytes(of: words) { raw in
            for i in 0 ..< byteCount / 4 {
                let word = raw.load(fromByteOffset: 4 * i, as: UInt32.self)
                out.storeBytes(of: word.bigEndian, toByteOffset: 4 * i, as: UInt32.self)
            }
        }
    }

    mutating func compress(_ blocks: UnsafeRawPointer, blockCount: Int) {
        // The schedule as a 16-word window on the stack (§6.1.3 variant).
        var window: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                     UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
            = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutablePointer(to: &window) { tuple in
            tuple.withMemoryRebound(to: UInt32.self, capacity: 16) { w in
                var block = blocks
                for _ in 0 ..< blockCount {
                    compressBlock(block, window: w)
                    block += 64
                }
            }
        }
    }

    @inline(__always)
    private mutating func compressBlock(_ block: UnsafeRawPointer, window w: UnsafeMutablePointer<UInt32>) {
        var a = h0, b = h1, c = h2, d = h3, e = h4

        @inline(__always) func schedule(_ t: Int) -> UInt32 {
            if t < 16 {
                let word = block.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self).bigEndian
                w[t] = word
                return word
            }
            let word = rotl(w[(t &- 3) & 15] ^ w[(t &- 8) & 15] ^ w[(t &- 14) & 15] ^ w[t & 15], 1)
            w[t & 15] = word
            return word
        }
        @inline(__always) func step(_ f: UInt32, _ k: UInt32, _ wt: UInt32) {
            let t = rotl(a, 5) &+ f &+ e &+ k &+ wt
            e = d; d = c; c = rotl(b, 30); b = a; a = t
        }

        for t in 0 ..< 20 { step(d ^ (b & (c ^ d)), 0x5a827999, schedule(t)) }
        for t in 20 ..< 40 { step(b ^ c ^ d, 0x6ed9eba1, schedule(t)) }
        for t in 40 ..< 60 { step((b & c) | (d & (b | c)), 0x8f1bbcdc, schedule(t)) }
        for t in 60 ..< 80 { step(b ^ c ^ d, 0xca62c1d6, schedule(t)) }

        h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d; h4 &+= e
    }
}

@inline(__always)
private func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &<< n) | (x &>> (32 &- n)) }
