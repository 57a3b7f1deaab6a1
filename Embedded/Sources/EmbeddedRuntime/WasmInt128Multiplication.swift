// 128-bit multiplication for wasm32, where LLVM calls compiler-rt's `__multi3` for an `i128`
// product: Swift's overflow-checked `Int64` multiplication on a 32-bit target is one (JSON
// number parsing multiplies by 10 with an overflow check).
//
// The WebAssembly C ABI passes each `__int128` as two `i64`s (low half first) and returns it
// through a pointer given as the first argument. The product is built from 32 × 32 → 64-bit
// partial products by hand: `UInt64.multipliedFullWidth` would itself be an `i128` multiplication,
// and so a call to this very function (Embedded/Scripts/check-runtime-calls.py checks).

#if arch(wasm32)

/// The low 128 bits of a × b (the same for signed and unsigned operands).
@_cdecl("__multi3")
public func __multi3(_ result: UnsafeMutablePointer<UInt64>, _ aLow: UInt64, _ aHigh: UInt64, _ bLow: UInt64, _ bHigh: UInt64) {
    let (high, low) = fullProduct(aLow, bLow)
    result[0] = low
    result[1] = high &+ aLow &* bHigh &+ aHigh &* bLow
}

/// The 128-bit product of two 64-bit words from four 32-bit partial products.
@inline(__always)
private func fullProduct(_ a: UInt64, _ b: UInt64) -> (high: UInt64, low: UInt64) {
    let a0 = a & 0xFFFF_FFFF, a1 = a >> 32
    let b0 = b & 0xFFFF_FFFF, b1 = b >> 32
    let p00 = a0 &* b0, p01 = a0 &* b1, p10 = a1 &* b0, p11 = a1 &* b1
    // The middle column: at most 3 × (2^32 − 1), no overflow in 64 bits.
    let middle = (p00 >> 32) &+ (p01 & 0xFFFF_FFFF) &+ (p10 & 0xFFFF_FFFF)
    let low = (middle << 32) | (p00 & 0xFFFF_FFFF)
    let high = p11 &+ (p01 >> 32) &+ (p10 >> 32) &+ (middle >> 32)
    return (high, low)
}

#endif
