/// SHA-224 (FIPS 180-4 §6.3): SHA-256's compression with other initial values, truncated to 28 bytes.

/// SHA-224: 28-byte digests, 64-byte blocks.
///
/// Runs in time that depends only on the input length. Leaks nothing about the bytes hashed.
public struct SHA224: HashFunction {
    public static let blockByteCount = 64
    public static let digestByteCount = 28
    public static let name = "SHA-224"

    var state: MerkleDamgard<SHA256Compressor>

    /// A fresh SHA-224 state (FIPS 180-4 §5.3.2).
    public init() {
        state = MerkleDamgard(SHA256Compressor(
            0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
            0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4))
    }

    /// Absorbs `bytes`, compressing whole blocks straight from the caller's memory.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { state.update(bytes) }

    /// Writes the 28-byte digest to the start of `digest` (which must hold at least 28 bytes).
    public mutating func finalize(into digest: UnsafeMutableRawBufferPointer) {
        precondition(digest.count >= Self.digestByteCount, "SHA-224 digest buffer too small")
        state.finalize(into: digest.baseAddress!, byteCount: Self.digestByteCount)
    }
}
