/// HMAC (RFC 2104, FIPS 198-1) over any `HashFunction`.

/// A keyed HMAC computation: `H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ message))`.
///
/// The value holds the inner and outer hash states *after* they absorbed the padded key, so a
/// copy of a freshly keyed `HMAC` starts a new MAC without redoing the key schedule:
///
///     let keyed = HMAC<SHA256>(key: key)
///     var mac = keyed          // cheap copy, no key processing
///     mac.update(message)
///     let tag = mac.finalize()
///
/// Leaks the key's length (and whether it exceeds the block size) and the message length; never
/// the key or message bytes. Verification (`isValidAuthenticationCode`) is constant-time in the
/// MAC contents.
public struct HMAC<H: HashFunction>: Sendable {
    /// Bytes in a MAC: the digest size of `H`.
    public static var byteCount: Int { H.digestByteCount }

    var inner: H
    var outer: H

    /// Keys an HMAC. Keys longer than `H.blockByteCount` are hashed first (RFC 2104 §2); any
    /// length is accepted, but keys shorter than `H.digestByteCount` weaken the MAC.
    public init(key: some ContiguousByteSource) {
        let blockSize = H.blockByteCount
        precondition(blockSize <= 128 && H.digestByteCount <= blockSize, "HMAC supports blocks up to 128 bytes")
        inner = H()
        outer = H()
        var storage = BlockStorage()
        storage.withUnsafeMutableBytes { keyBlock in
            let block = UnsafeMutableRawBufferPointer(rebasing: keyBlock[..<blockSize])
            key.withContiguousBytes { key in
                if key.count > blockSize {
                    var digest = H()
                    digest.update(key)
                    digest.finalize(into: block)
                } else if let base = key.baseAddress {
                    block.baseAddress!.copyMemory(from: base, byteCount: key.count)
                }
            }
            for i in 0 ..< blockSize { block[i] ^= 0x36 }
            inner.update(UnsafeRawBufferPointer(block))
            for i in 0 ..< blockSize { block[i] ^= 0x36 ^ 0x5c }
            outer.update(UnsafeRawBufferPointer(block))
            // Do not leave key material on the stack.
            keyBlock.initializeMemory(as: UInt8.self, repeating: 0)
        }
    }

    /// Absorbs message bytes.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        inner.update(bytes)
    }

    /// Absorbs message bytes from any contiguous collection.
    public mutating func update(_ bytes: some ContiguousByteSource) {
        bytes.withContiguousBytes { inner.update($0) }
    }

    /// Finishes and writes the MAC to the first `HMAC.byteCount` bytes of `mac`, without
    /// allocating (PBKDF2's inner loop uses this on copies of one keyed value). The value must
    /// not be updated afterwards.
    public mutating func finalize(into mac: UnsafeMutableRawBufferPointer) {
        precondition(mac.count >= H.digestByteCount, "HMAC output buffer too small")
        var storage = BlockStorage()
        storage.withUnsafeMutableBytes { scratch in
            let innerDigest = UnsafeMutableRawBufferPointer(rebasing: scratch[..<H.digestByteCount])
            inner.finalize(into: innerDigest)
            outer.update(UnsafeRawBufferPointer(innerDigest))
            scratch.initializeMemory(as: UInt8.self, repeating: 0)
        }
        outer.finalize(into: mac)
    }

    /// Finishes and returns the MAC. The value must not be updated afterwards.
    public mutating func finalize() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: H.digestByteCount) { buffer, initialized in
            finalize(into: UnsafeMutableRawBufferPointer(buffer))
            initialized = H.digestByteCount
        }
    }

    /// The MAC of `data` under `key` in one call.
    public static func authenticationCode(
        for data: some ContiguousByteSource, using key: some ContiguousByteSource
    ) -> [UInt8] {
        var mac = HMAC(key: key)
        mac.update(data)
        return mac.finalize()
    }

    /// Whether `mac` is the full-length MAC of `data` under `key`. Compares in constant time;
    /// leaks only whether `mac` has the full length (truncated MACs are rejected, so a short
    /// guess can never verify).
    public static func isValidAuthenticationCode(
        _ mac: some Collection<UInt8>, for data: some ContiguousByteSource,
        using key: some ContiguousByteSource
    ) -> Bool {
        let expected = authenticationCode(for: data, using: key)
        return constantTimeEqual(expected, mac)
    }
}
