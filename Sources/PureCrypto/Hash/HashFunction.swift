/// The interface every hash in the core implements: value types, one-shot `hash(_:)` plus
/// incremental `update`/`finalize`, in the style of swift-crypto.
///
/// Hashes run in time that depends only on the input length, never on its contents.
public protocol HashFunction: Sendable {
    /// Bytes per compression-function block (64 for MD5/SHA-1/SHA-256, 128 for SHA-512).
    static var blockByteCount: Int { get }
    /// Bytes in the digest.
    static var digestByteCount: Int { get }
    /// The conventional name, e.g. "SHA-256".
    static var name: String { get }

    /// A fresh hash state.
    init()

    /// Absorbs `bytes`. Works on the caller's memory: no heap allocation per block.
    mutating func update(_ bytes: UnsafeRawBufferPointer)

    /// Pads, finishes and returns the digest. The state must not be updated afterwards.
    mutating func finalize() -> [UInt8]

    /// Pads, finishes and writes the digest to the first `digestByteCount` bytes of `digest`,
    /// without allocating (HMAC and PBKDF2 inner loops use this). `digest` must hold at least
    /// `digestByteCount` bytes. The state must not be updated afterwards.
    mutating func finalize(into digest: UnsafeMutableRawBufferPointer)
}

extension HashFunction {
    /// Absorbs the bytes of any contiguous collection.
    @inlinable
    public mutating func update(_ bytes: some ContiguousByteSource) {
        bytes.withContiguousBytes { update($0) }
    }

    /// Pads, finishes and returns the digest. The state must not be updated afterwards.
    @inlinable
    public mutating func finalize() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Self.digestByteCount) { buffer, initialized in
            finalize(into: UnsafeMutableRawBufferPointer(buffer))
            initialized = Self.digestByteCount
        }
    }

    /// The digest of `bytes` in one call.
    @inlinable
    public static func hash(_ bytes: some ContiguousByteSource) -> [UInt8] {
        var h = Self()
        h.update(bytes)
        return h.finalize()
    }
}
