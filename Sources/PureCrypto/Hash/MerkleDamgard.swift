/// The Merkle–Damgård framing shared by MD5, SHA-1 and SHA-2 (FIPS 180-4 §5.1, RFC 1321 §3.1–3.2):
/// buffering of partial blocks, padding with `0x80 00…`, and the message length in bits at the end
/// of the last block. Each hash supplies only its compression function.

/// A compression function over whole blocks, plus the facts the padding needs.
protocol BlockCompressor: Sendable {
    /// 64 or 128.
    static var blockByteCount: Int { get }
    /// 8 for a 64-bit length field, 16 for SHA-384/512's 128-bit field.
    static var lengthFieldByteCount: Int { get }
    /// Big-endian length and digest (SHA family) or little-endian (MD5).
    static var isBigEndian: Bool { get }

    /// Absorbs `blockCount` whole blocks starting at `blocks` (no alignment required).
    mutating func compress(_ blocks: UnsafeRawPointer, blockCount: Int)

    /// Writes the first `byteCount` bytes of the serialized chaining value to `out`.
    func store(into out: UnsafeMutableRawPointer, byteCount: Int)
}

/// 128 bytes of inline storage (the largest block size), so a hash state never touches the heap.
struct BlockStorage: Sendable {
    var bytes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
        = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    init() {}

    mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) -> R) -> R {
        Swift.withUnsafeMutableBytes(of: &bytes, body)
    }
}

/// The incremental state of a Merkle–Damgård hash: chaining value, a partial block and the length.
///
/// Timing depends on the lengths of the updates, never on the bytes.
struct MerkleDamgard<Compressor: BlockCompressor>: Sendable {
    var compressor: Compressor
    var partial = BlockStorage()
    /// Bytes waiting in `partial` (always less than a block between calls).
    var partialCount = 0
    /// Bytes absorbed so far. The bit length is taken modulo 2^64 (2^128 for SHA-512), as the
    /// standards do; 2^64 bytes is out of reach anyway.
    var byteCount: UInt64 = 0

    init(_ compressor: Compressor) {
        self.compressor = compressor
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var source = bytes.baseAddress, !bytes.isEmpty else { return }
        let blockSize = Compressor.blockByteCount
        var remaining = bytes.count
        byteCount &+= UInt64(remaining)
        var compressor = self.compressor
        defer { self.compressor = compressor }

        if partialCount > 0 {
            let take = min(blockSize - partialCount, remaining)
            let filled = partialCount + take
            partial.withUnsafeMutableBytes { block in
                (block.baseAddress! + partialCount).copyMemory(from: source, byteCount: take)
                if filled == blockSize { compressor.compress(UnsafeRawPointer(block.baseAddress!), blockCount: 1) }
            }
            partialCount = filled == blockSize ? 0 : filled
            source += take
            remaining -= take
        }
        // Whole blocks straight from the caller's memory.
        let wholeBlocks = remaining / blockSize
        if wholeBlocks > 0 {
            compressor.compress(source, blockCount: wholeBlocks)
            source += wholeBlocks * blockSize
            remaining -= wholeBlocks * blockSize
        }
        if remaining > 0 {
            partial.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: source, byteCount: remaining) }
            partialCount = remaining
        }
    }

    /// Pads, compresses the last block(s) and writes the first `byteCount` digest bytes to `out`.
    mutating func finalize(into out: UnsafeMutableRawPointer, byteCount digestByteCount: Int) {
        let blockSize = Compressor.blockByteCount
        let lengthSize = Compressor.lengthFieldByteCount
        let bitCount = byteCount &<< 3
        let bitCountHigh = byteCount >> 61
        var compressor = self.compressor
        let used = partialCount
        partial.withUnsafeMutableBytes { block in
            let base = block.baseAddress!
            base.storeBytes(of: 0x80, toByteOffset: used, as: UInt8.self)
            var next = used + 1
            if next > blockSize - lengthSize {
                (base + next).initializeMemory(as: UInt8.self, repeating: 0, count: blockSize - next)
                compressor.compress(UnsafeRawPointer(base), blockCount: 1)
                next = 0
            }
            (base + next).initializeMemory(as: UInt8.self, repeating: 0, count: blockSize - 8 - next)
            if Compressor.isBigEndian {
                if lengthSize == 16 {
                    base.storeBytes(of: bitCountHigh.bigEndian, toByteOffset: blockSize - 16, as: UInt64.self)
                }
                base.storeBytes(of: bitCount.bigEndian, toByteOffset: blockSize - 8, as: UInt64.self)
            } else {
                base.storeBytes(of: bitCount.littleEndian, toByteOffset: blockSize - 8, as: UInt64.self)
            }
            compressor.compress(UnsafeRawPointer(base), blockCount: 1)
            // The partial block held message bytes; leave nothing behind.
            base.initializeMemory(as: UInt8.self, repeating: 0, count: blockSize)
        }
        partialCount = 0
        self.compressor = compressor
        compressor.store(into: out, byteCount: digestByteCount)
    }
}
