/// SHA-384 (FIPS 180-4 §6.5): SHA-512's compression with other initial values, truncated to 48 bytes.

/// SHA-384: 48-byte digests, 128-byte blocks.
///
/// Runs in time that depends only on the input length. Leaks nothing about the bytes hashed.
public struct SHA384: HashFunction {
    public static let blockByteCount = 128
    public static let digestByteCount = 48
    public static let name = "SHA-384"

    var state: MerkleDamgard<SHA512Compressor>

    /// A fresh SHA-384 state (FIPS 180-4 §5.3.4).
    public init() {
        state = MerkleDamgard(SHA512Compressor(
            0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
            0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4))
    }

    /// Absorbs `bytes`, compressing whole blocks straight from the caller's memory.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) { state.update(bytes) }

    /// Writes the 48-byte digest to the start of `digest` (which must hold at least 48 bytes).
    public mutating func finalize(into digest: UnsafeMutableRawBufferPointer) {
        precondition(digest.count >= Self.digestByteCount, "SHA-384 digest buffer too small")
        state.finalize(into: digest.baseAddress!, byteCount: Self.digestByteCount)
    }
}
