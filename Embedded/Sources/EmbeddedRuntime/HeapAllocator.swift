// `posix_memalign` and `free` over one fixed-size arena: what the Embedded Swift runtime calls to
// allocate arrays, strings and class instances. There is no libc `malloc` underneath.
//
// The arena is a run of blocks, each an 8-byte header and a payload that starts 8-aligned:
//
//   header: size (UInt32, the whole block in bytes, a multiple of 8; bit 0 set when in use)
//           previousSize (UInt32, the size of the block just below, 0 for the first)
//
// Allocation is first fit over the blocks in address order, splitting off the tail when it is
// big enough to be a block; `free` merges a block with free neighbours on both sides, so the
// arena does not fragment into unusable slivers. The extent (the highest byte any allocation
// ever reached) is kept, because that, not the bytes in use, is the RAM the arena must have.

#if arch(wasm32) || arch(arm)

// The arena's bounds are linker symbols: wasm-ld defines `__heap_base` and `__heap_end` (the end
// of the initial linear memory); on Arm the linker script (armv7em.ld) reserves the arena.
@_extern(c) nonisolated(unsafe) private var __heap_base: UInt8
@_extern(c) nonisolated(unsafe) private var __heap_end: UInt8

nonisolated(unsafe) private var heap = Heap()

/// Figures about the arena, for the memory report.
public enum HeapStatistics {
    /// The arena's size in bytes.
    public static var capacity: Int { heap.capacity }
    /// The highest offset from the arena's start that any allocation has reached.
    public static var highWaterMark: Int { heap.extent }
    /// The most bytes (headers included) ever in use at one time.
    public static var peakInUse: Int { heap.peakInUse }
    /// The bytes (headers included) in use now.
    public static var inUse: Int { heap.inUse }
    /// The largest block the arena could hand out now (headers excluded).
    public static var largestFreePayload: Int { heap.largestFreePayload() }
}

private let headerSize = 8
private let minimumBlock = 16
private let inUseBit: UInt32 = 1

private struct Heap {
    var base: UnsafeMutableRawPointer? = nil
    var capacity = 0
    var inUse = 0
    var peakInUse = 0
    var extent = 0
    /// No free block starts below this offset: the first-fit scan starts here.
    var firstFreeHint = 0

    mutating func setUpIfNeeded() {
        guard base == nil else { return }
        let start = UInt(bitPattern: withUnsafeMutablePointer(to: &__heap_base) { $0 })
        let end = UInt(bitPattern: withUnsafeMutablePointer(to: &__heap_end) { $0 })
        let alignedStart = (start + 7) & ~7
        base = UnsafeMutableRawPointer(bitPattern: alignedStart)
        capacity = Int((end - alignedStart) & ~7)
        setHeader(at: 0, size: capacity, used: false, previousSize: 0)
    }

    func sizeField(_ offset: Int) -> UInt32 { base!.load(fromByteOffset: offset, as: UInt32.self) }

    /// The size of the block at `offset`. A header smaller than a block, or one running past the
    /// arena, means something wrote over it: stop (a fault) rather than walk garbage forever.
    func blockSize(_ offset: Int) -> Int {
        let size = Int(sizeField(offset) & ~inUseBit)
        precondition(size >= minimumBlock && size <= capacity - offset, "heap corrupted")
        return size
    }
    func isUsed(_ offset: Int) -> Bool { sizeField(offset) & inUseBit != 0 }
    func previousSize(_ offset: Int) -> Int { Int(base!.load(fromByteOffset: offset + 4, as: UInt32.self)) }

    func setHeader(at offset: Int, size: Int, used: Bool, previousSize: Int) {
        base!.storeBytes(of: UInt32(size) | (used ? inUseBit : 0), toByteOffset: offset, as: UInt32.self)
        base!.storeBytes(of: UInt32(previousSize), toByteOffset: offset + 4, as: UInt32.self)
        let next = offset + size
        if next < capacity {
            base!.storeBytes(of: UInt32(size), toByteOffset: next + 4, as: UInt32.self)
        }
    }

    /// A block of at least `size` payload bytes whose payload is `alignment`-aligned, or nil.
    mutating func allocate(size: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        setUpIfNeeded()
        guard size >= 0, size <= capacity else { return nil }
        let payload = max(8, (size + 7) & ~7)
        var offset = firstFreeHint
        var sawFree = false
        while offset < capacity {
            let blockSize = blockSize(offset)
            if !isUsed(offset) {
                if !sawFree { firstFreeHint = offset; sawFree = true }
                if let found = take(offset, blockSize, payload: payload, alignment: alignment) { return found }
            }
            offset += blockSize
        }
        if !sawFree { firstFreeHint = capacity }
        return nil
    }

    /// Carves an aligned block of `payload` bytes out of the free block at `offset`, or nil
    /// when it does not fit. A misaligned start leaves a free block in front (at least one
    /// minimal block); a large enough tail is split off as a free block.
    mutating func take(_ offset: Int, _ size: Int, payload: Int, alignment: Int) -> UnsafeMutableRawPointer? {
        let address = UInt(bitPattern: base!) + UInt(offset + headerSize)
        let mask = UInt(alignment - 1)
        var front = Int(((address + mask) & ~mask) - address)
        while front != 0 && front < minimumBlock { front += alignment }
        guard front + headerSize + payload <= size else { return nil }
        var start = offset, available = size
        if front != 0 {
            setHeader(at: offset, size: front, used: false, previousSize: previousSize(offset))
            start = offset + front
            available = size - front
            setHeader(at: start, size: available, used: false, previousSize: front)
        }
        var blockSize = headerSize + payload
        if available - blockSize < minimumBlock {
            blockSize = available
        } else {
            setHeader(at: start + blockSize, size: available - blockSize, used: false, previousSize: blockSize)
        }
        setHeader(at: start, size: blockSize, used: true, previousSize: previousSize(start))
        inUse += blockSize
        peakInUse = max(peakInUse, inUse)
        extent = max(extent, start + blockSize)
        return base! + start + headerSize
    }

    mutating func largestFreePayload() -> Int {
        setUpIfNeeded()
        var largest = 0
        var offset = 0
        while offset < capacity {
            if !isUsed(offset) { largest = max(largest, blockSize(offset) - headerSize) }
            offset += blockSize(offset)
        }
        return largest
    }

    mutating func free(_ pointer: UnsafeMutableRawPointer) {
        var offset = pointer - base! - headerSize
        precondition(offset >= 0 && offset < capacity && isUsed(offset), "free of a pointer the heap did not hand out")
        var size = blockSize(offset)
        inUse -= size
        let next = offset + size
        if next < capacity && !isUsed(next) {
            size += blockSize(next)
        }
        if offset > 0 {
            let previous = offset - previousSize(offset)
            if !isUsed(previous) {
                size += offset - previous
                offset = previous
            }
        }
        setHeader(at: offset, size: size, used: false, previousSize: offset == 0 ? 0 : previousSize(offset))
        firstFreeHint = min(firstFreeHint, offset)
    }
}

/// POSIX `posix_memalign`: 0 and a block in `*result`, or ENOMEM (12) when the arena is full.
/// `alignment` is a power of two, at least the pointer size.
@_cdecl("posix_memalign")
public func posix_memalign(_ result: UnsafeMutablePointer<UnsafeMutableRawPointer?>, _ alignment: Int, _ size: Int) -> Int32 {
    guard alignment > 0, alignment & (alignment - 1) == 0, let block = heap.allocate(size: size, alignment: max(alignment, 8)) else {
        return 12
    }
    result.pointee = block
    return 0
}

/// C `free`: returns a block from `posix_memalign` to the arena; nil is ignored.
@_cdecl("free")
public func free(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    heap.free(pointer)
}
#endif
