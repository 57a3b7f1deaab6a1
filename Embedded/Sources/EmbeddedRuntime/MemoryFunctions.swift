// The C library's memory functions, which compiled Swift calls for copies, moves and fills
// (`memcpy`, `memmove`, `memset`, `memcmp`) and, on Arm, the run-time ABI's aliases for them
// (`__aeabi_memcpy`, `__aeabi_memclr`... RTABI 4.3.4). There is no libc underneath.
//
// Every load and store here goes through `VolatileMappedRegister`. LLVM recognizes a plain loop that copies
// or fills bytes and replaces it with a call to `memcpy`/`memset` (LoopIdiomRecognize, and
// MemCpyOpt for runs of stores); inside `memset` itself that call would be endless recursion. A
// volatile store is never merged, widened or turned into a library call, so these loops stay
// loops. `Embedded/build.sh` disassembles the linked image and fails if any of these functions
// can reach itself through calls (Embedded/Scripts/check-runtime-calls.py).

#if arch(wasm32) || arch(arm)
import _Volatile

// Addresses are plain integers with wrapping arithmetic, and loads are volatile too, so nothing
// here can trap (a trap would report through `putchar`, which writes through these functions).

@inline(__always)
private func load8(_ address: UInt) -> UInt8 { VolatileMappedRegister<UInt8>(unsafeBitPattern: address).load() }
@inline(__always)
private func store8(_ address: UInt, _ value: UInt8) { VolatileMappedRegister<UInt8>(unsafeBitPattern: address).store(value) }
@inline(__always)
private func load32(_ address: UInt) -> UInt32 { VolatileMappedRegister<UInt32>(unsafeBitPattern: address).load() }
@inline(__always)
private func store32(_ address: UInt, _ value: UInt32) { VolatileMappedRegister<UInt32>(unsafeBitPattern: address).store(value) }

@inline(__always)
private func address(_ pointer: UnsafeRawPointer) -> UInt { UInt(bitPattern: pointer) }

/// Copies `count` bytes upward from the lowest address: correct for any `destination` below
/// `source` and for disjoint ranges. Whole words when both addresses are word-aligned.
private func copyAscending(_ destination: UInt, _ source: UInt, _ count: UInt) {
    var i: UInt = 0
    if (destination | source) & 3 == 0 {
        while count &- i >= 4 {
            store32(destination &+ i, load32(source &+ i))
            i &+= 4
        }
    }
    while i < count {
        store8(destination &+ i, load8(source &+ i))
        i &+= 1
    }
}

/// Copies `count` bytes downward from the highest address: correct when `destination` lies
/// above `source` and the ranges overlap.
private func copyDescending(_ destination: UInt, _ source: UInt, _ count: UInt) {
    var i = count
    if ((destination &+ count) | (source &+ count)) & 3 == 0 {
        while i >= 4 {
            i &-= 4
            store32(destination &+ i, load32(source &+ i))
        }
    }
    while i > 0 {
        i &-= 1
        store8(destination &+ i, load8(source &+ i))
    }
}

private func fill(_ destination: UInt, _ byte: UInt8, _ count: UInt) {
    var i: UInt = 0
    if destination & 3 == 0 {
        let word = UInt32(byte) &* 0x0101_0101
        while count &- i >= 4 {
            store32(destination &+ i, word)
            i &+= 4
        }
    }
    while i < count {
        store8(destination &+ i, byte)
        i &+= 1
    }
}

private func move(_ destination: UInt, _ source: UInt, _ count: UInt) {
    if destination <= source || destination >= source &+ count {
        copyAscending(destination, source, count)
    } else {
        copyDescending(destination, source, count)
    }
}

@_cdecl("memcpy")
public func memcpy(_ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int) -> UnsafeMutableRawPointer {
    copyAscending(address(destination), address(source), UInt(bitPattern: count))
    return destination
}

@_cdecl("memmove")
public func memmove(_ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int) -> UnsafeMutableRawPointer {
    move(address(destination), address(source), UInt(bitPattern: count))
    return destination
}

@_cdecl("memset")
public func memset(_ destination: UnsafeMutableRawPointer, _ value: Int32, _ count: Int) -> UnsafeMutableRawPointer {
    fill(address(destination), UInt8(truncatingIfNeeded: value), UInt(bitPattern: count))
    return destination
}

/// Compares bytes in order: the sign of the first difference, or 0. Variable-time: it returns at
/// the first difference (the core compares secrets with masks, never with memcmp).
@_cdecl("memcmp")
public func memcmp(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Int32 {
    var i: UInt = 0
    while i < UInt(bitPattern: count) {
        let x = load8(address(a) &+ i), y = load8(address(b) &+ i)
        if x != y { return Int32(x) &- Int32(y) }
        i &+= 1
    }
    return 0
}

#if arch(arm)
// The Arm run-time ABI's names (RTABI 4.3.4). Note their argument orders: `__aeabi_memset`
// takes the count before the byte, and the `4`/`8` forms only promise aligned pointers.
@_cdecl("__aeabi_memcpy")
public func __aeabi_memcpy(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) { copyAscending(address(d), address(s), UInt(bitPattern: n)) }
@_cdecl("__aeabi_memcpy4")
public func __aeabi_memcpy4(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) { copyAscending(address(d), address(s), UInt(bitPattern: n)) }
@_cdecl("__aeabi_memcpy8")
public func __aeabi_memcpy8(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) { copyAscending(address(d), address(s), UInt(bitPattern: n)) }
@_cdecl("__aeabi_memmove")
public func __aeabi_memmove(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) { move(address(d), address(s), UInt(bitPattern: n)) }
@_cdecl("__aeabi_memmove4")
public func __aeabi_memmove4(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) { move(address(d), address(s), UInt(bitPattern: n)) }
@_cdecl("__aeabi_memmove8")
public func __aeabi_memmove8(_ d: UnsafeMutableRawPointer, _ s: UnsafeRawPointer, _ n: Int) { move(address(d), address(s), UInt(bitPattern: n)) }
@_cdecl("__aeabi_memset")
public func __aeabi_memset(_ d: UnsafeMutableRawPointer, _ n: Int, _ c: Int32) { fill(address(d), UInt8(truncatingIfNeeded: c), UInt(bitPattern: n)) }
@_cdecl("__aeabi_memset4")
public func __aeabi_memset4(_ d: UnsafeMutableRawPointer, _ n: Int, _ c: Int32) { fill(address(d), UInt8(truncatingIfNeeded: c), UInt(bitPattern: n)) }
@_cdecl("__aeabi_memset8")
public func __aeabi_memset8(_ d: UnsafeMutableRawPointer, _ n: Int, _ c: Int32) { fill(address(d), UInt8(truncatingIfNeeded: c), UInt(bitPattern: n)) }
@_cdecl("__aeabi_memclr")
public func __aeabi_memclr(_ d: UnsafeMutableRawPointer, _ n: Int) { fill(address(d), 0, UInt(bitPattern: n)) }
@_cdecl("__aeabi_memclr4")
public func __aeabi_memclr4(_ d: UnsafeMutableRawPointer, _ n: Int) { fill(address(d), 0, UInt(bitPattern: n)) }
@_cdecl("__aeabi_memclr8")
public func __aeabi_memclr8(_ d: UnsafeMutableRawPointer, _ n: Int) { fill(address(d), 0, UInt(bitPattern: n)) }
#endif
#endif
