/// MD5 (RFC 1321). Broken for collisions; see `Insecure`.

extension Insecure {
    /// MD5: 16-byte digests, 64-byte blocks. **Insecure**: collisions take seconds to find.
    /// Kept only to read legacy encrypted PEM keys (OpenSSL's `EVP_BytesToKey` derives their
    /// cipher key with MD5); never use it to sign or to identify content.
    ///
    /// Runs in time that depends only on the input length. Leaks nothing about the bytes hashed.
    public struct MD5: HashFunction {
        public static let blockByteCount = 64
        public static let digestByteCount = 16
        public static let name = "MD5"

        var state: MerkleDamgard<MD5Compressor>

        /// A fresh MD5 state (RFC 1321 §3.3).
        public init() {
            state = MerkleDamgard(MD5Compressor())
        }

        /// Absorbs `bytes`, compressing whole blocks straight from the caller's memory.
        public mutating func update(_ bytes: UnsafeRawBufferPointer) { state.update(bytes) }

        /// Writes the 16-byte digest to the start of `digest` (which must hold at least 16 bytes).
        public mutating func finalize(into digest: UnsafeMutableRawBufferPointer) {
            precondition(digest.count >= Self.digestByteCount, "MD5 digest buffer too small")
            state.finalize(into: digest.baseAddress!, byteCount: Self.digestByteCount)
        }
    }
}

/// The MD5 chaining value and compression function (RFC 1321 §3.4). Words are little-endian.
struct MD5Compressor: BlockCompressor {
    static let blockByteCount = 64
    static let lengthFieldByteCount = 8
    static let isBigEndian = false

    var h0: UInt32 = 0x67452301
    var h1: UInt32 = 0xefcdab89
    var h2: UInt32 = 0x98badcfe
    var h3: UInt32 = 0x10325476

    func store(into out: UnsafeMutableRawPointer, byteCount: Int) {
        let words = (h0, h1, h2, h3)
        withUnsafeBytes(of: words) { raw in
            for i in 0 ..< byteCount / 4 {
                let word = raw.load(fromByteOffset: 4 * i, as: UInt32.self)
                out.storeBytes(of: word.littleEndian, toByteOffset: 4 * i, as: UInt32.self)
            }
        }
    }

    mutating func compress(_ blocks: UnsafeRawPointer, blockCount: Int) {
        md5SineTable.withUnsafeBufferPointer { table in
            let k = table.baseAddress!
            var block = blocks
            for _ in 0 ..< blockCount {
                compressBlock(block, sines: k)
                block += 64
            }
        }
    }

    @inline(__always)
    private mutating func compressBlock(_ block: UnsafeRawPointer, sines k: UnsafePointer<UInt32>) {
        var a = h0, b = h1, c = h2, d = h3

        @inline(__always) func x(_ g: Int) -> UInt32 {
            block.loadUnaligned(fromByteOffset: 4 * g, as: UInt32.self).littleEndian
        }
        // a = b + ((a + f + K[i] + X[g]) <<< s), then the registers rotate (§3.4).
        @inline(__always) func step(_ f: UInt32, _ i: Int, _ g: Int, _ s: UInt32) {
            let t = b &+ rotl(a &+ f &+ k[i] &+ x(g), s)
            a = d; d = c; c = b; b = t
        }

        for i in stride(from: 0, to: 16, by: 4) {
            step(d ^ (b & (c ^ d)), i, i, 7)
            step(d ^ (b & (c ^ d)), i + 1, i + 1, 12)
            step(d ^ (b & (c ^ d)), i + 2, i + 2, 17)
            step(d ^ (b & (c ^ d)), i + 3, i + 3, 22)
        }
        for i in stride(from: 16, to: 32, by: 4) {
            step(c ^ (d & (b ^ c)), i, (5 * i + 1) & 15, 5)
            step(c ^ (d & (b ^ c)), i + 1, (5 * i + 6) & 15, 9)
            step(c ^ (d & (b ^ c)), i + 2, (5 * i + 11) & 15, 14)
            step(c ^ (d & (b ^ c)), i + 3, (5 * i + 16) & 15, 20)
        }
        for i in stride(from: 32, to: 48, by: 4) {
            step(b ^ c ^ d, i, (3 * i + 5) & 15, 4)
            step(b ^ c ^ d, i + 1, (3 * i + 8) & 15, 11)
            step(b ^ c ^ d, i + 2, (3 * i + 11) & 15, 16)
            step(b ^ c ^ d, i + 3, (3 * i + 14) & 15, 23)
        }
        for i in stride(from: 48, to: 64, by: 4) {
            step(c ^ (b | ~d), i, (7 * i) & 15, 6)
            step(c ^ (b | ~d), i + 1, (7 * i + 7) & 15, 10)
            step(c ^ (b | ~d), i + 2, (7 * i + 14) & 15, 15)
            step(c ^ (b | ~d), i + 3, (7 * i + 21) & 15, 21)
        }

        h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d
    }
}

@inline(__always)
private func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &<< n) | (x &>> (32 &- n)) }

/// T[1…64] = floor(2^32 · |sin(i)|) (RFC 1321 §3.4).
private let md5SineTable: [UInt32] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
]
