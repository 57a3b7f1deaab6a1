// Double-precision arithmetic for the Cortex-M4, which has no double-precision hardware
// (`armv7em-none-none-eabi` is soft-float): LLVM calls the run-time ABI's helpers (RTABI 4.1.2)
// for every `Double` operation. The standard library's hash tables size themselves with one
// (`_HashTable.scale(forCapacity:)` divides a capacity by the load factor and rounds up), so any
// `Set` or `Dictionary` links these. Only the helpers a link has asked for are here.
//
// Each works on the IEEE 754 bit pattern with integer operations only: a `Double` operation in
// here would be a call to itself (Embedded/Scripts/check-runtime-calls.py checks). Under the
// soft-float ABI a `Double` travels in the same core registers as a `UInt64` (r0:r1, r2:r3), so
// the functions take and return `UInt64` bit patterns. Results are correctly rounded (to nearest,
// ties to even); a NaN result is the default quiet NaN.

#if arch(arm)

private let signBit: UInt64 = 1 << 63
private let exponentField: UInt64 = 0x7FF << 52
private let fractionField: UInt64 = (1 << 52) - 1
private let defaultNaN: UInt64 = 0x7FF8_0000_0000_0000

@inline(__always) private func isNaN(_ x: UInt64) -> Bool { x & ~signBit > exponentField }
@inline(__always) private func isInfinite(_ x: UInt64) -> Bool { x & ~signBit == exponentField }
@inline(__always) private func isZero(_ x: UInt64) -> Bool { x & ~signBit == 0 }

/// A finite nonzero x as m × 2^(e − 52) with 2^52 ≤ m < 2^53 (subnormals normalized).
private func unpack(_ x: UInt64) -> (m: UInt64, e: Int) {
    let biased = Int((x >> 52) & 0x7FF)
    var m = x & fractionField
    if biased != 0 { return (m | (1 << 52), biased - 1023) }
    let shift = m.leadingZeroBitCount - 11
    m <<= UInt64(shift)
    return (m, -1022 - shift)
}

/// `x >> n`, with bit 0 set when any bit shifted out was set (the sticky bit of rounding).
private func shiftRightSticky(_ x: UInt64, _ n: Int) -> UInt64 {
    if n <= 0 { return x }
    if n >= 64 { return x != 0 ? 1 : 0 }
    return (x >> UInt64(n)) | ((x & ((1 << UInt64(n)) - 1)) != 0 ? 1 : 0)
}

/// The double nearest to sig × 2^(e − 62), ties to even, for 2^62 ≤ sig < 2^63 (the ten bits
/// below the 53 kept are the rounding bits, bit 0 sticky).
private func roundAndPack(_ sign: UInt64, _ e: Int, _ sig: UInt64) -> UInt64 {
    var biased = e + 1023
    if biased >= 0x7FF { return sign | exponentField }
    var sig = sig
    if biased <= 0 {
        // Subnormal: the exponent stays at its minimum and the significand shifts down.
        sig = shiftRightSticky(sig, 1 - biased)
        biased = 1
    }
    var mantissa = sig >> 10
    let rest = sig & 0x3FF
    if rest > 0x200 || (rest == 0x200 && mantissa & 1 == 1) { mantissa += 1 }
    // The implicit bit of `mantissa` (when present) adds the one subtracted from the exponent;
    // a carry out of a rounded-up mantissa moves into the exponent, up to infinity.
    return sign | ((UInt64(biased - 1) << 52) &+ mantissa)
}

/// The full 128-bit product of two 64-bit words from 32 × 32 → 64-bit partial products (a
/// 64 × 64 → 128 multiplication would be a library call of its own).
private func fullProduct(_ a: UInt64, _ b: UInt64) -> (high: UInt64, low: UInt64) {
    let a0 = a & 0xFFFF_FFFF, a1 = a >> 32
    let b0 = b & 0xFFFF_FFFF, b1 = b >> 32
    let p00 = a0 &* b0, p01 = a0 &* b1, p10 = a1 &* b0, p11 = a1 &* b1
    let middle = (p00 >> 32) &+ (p01 & 0xFFFF_FFFF) &+ (p10 & 0xFFFF_FFFF)
    return (p11 &+ (p01 >> 32) &+ (p10 >> 32) &+ (middle >> 32), (middle << 32) | (p00 & 0xFFFF_FFFF))
}

/// a × b.
@_cdecl("__aeabi_dmul")
public func __aeabi_dmul(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let sign = (a ^ b) & signBit
    if isNaN(a) || isNaN(b) { return defaultNaN }
    if isInfinite(a) || isInfinite(b) { return isZero(a) || isZero(b) ? defaultNaN : sign | exponentField }
    if isZero(a) || isZero(b) { return sign }
    let (ma, ea) = unpack(a), (mb, eb) = unpack(b)
    // 2^104 ≤ ma × mb < 2^106: bring the leading bit (104 or 105) to bit 62.
    let (high, low) = fullProduct(ma, mb)
    let lead = high >> 41 != 0 ? 105 : 104
    let shift = UInt64(lead - 62)
    let sig = (high << (64 - shift)) | (low >> shift) | ((low & ((1 << shift) - 1)) != 0 ? 1 : 0)
    return roundAndPack(sign, ea + eb + lead - 104, sig)
}

/// a ÷ b.
@_cdecl("__aeabi_ddiv")
public func __aeabi_ddiv(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let sign = (a ^ b) & signBit
    if isNaN(a) || isNaN(b) { return defaultNaN }
    if isInfinite(a) { return isInfinite(b) ? defaultNaN : sign | exponentField }
    if isInfinite(b) { return sign }
    if isZero(b) { return isZero(a) ? defaultNaN : sign | exponentField }
    if isZero(a) { return sign }
    let (ma, ea) = unpack(a), (mb, eb) = unpack(b)
    // q = floor(ma × 2^63 / mb), one bit at a time; 2^62 < q < 2^64.
    var remainder = ma
    var q: UInt64 = 0
    for _ in 0..<64 {
        q <<= 1
        if remainder >= mb {
            remainder -= mb
            q |= 1
        }
        remainder <<= 1
    }
    let sticky: UInt64 = remainder != 0 ? 1 : 0
    if q >> 63 != 0 { return roundAndPack(sign, ea - eb, (q >> 1) | (q & 1) | sticky) }
    return roundAndPack(sign, ea - eb - 1, q | sticky)
}

/// The double equal to an unsigned 32-bit magnitude, with `sign` (always exact).
private func fromMagnitude(_ sign: UInt64, _ magnitude: UInt64) -> UInt64 {
    if magnitude == 0 { return sign }
    let shift = magnitude.leadingZeroBitCount - 1
    return roundAndPack(sign, 62 - shift, magnitude << UInt64(shift))
}

/// Int32 → Double.
@_cdecl("__aeabi_i2d")
public func __aeabi_i2d(_ x: Int32) -> UInt64 {
    x < 0 ? fromMagnitude(signBit, UInt64(x.magnitude)) : fromMagnitude(0, UInt64(x))
}

/// UInt32 → Double.
@_cdecl("__aeabi_ui2d")
public func __aeabi_ui2d(_ x: UInt32) -> UInt64 { fromMagnitude(0, UInt64(x)) }

/// Double → Int32, rounding toward zero; out of range saturates and NaN gives 0 (as the VCVT
/// instruction does; Swift checks the range before it converts).
@_cdecl("__aeabi_d2iz")
public func __aeabi_d2iz(_ x: UInt64) -> Int32 {
    if isNaN(x) { return 0 }
    let negative = x & signBit != 0
    let e = Int((x >> 52) & 0x7FF) - 1023
    if e < 0 { return 0 }
    if e >= 31 { return negative ? Int32.min : Int32.max }
    let magnitude = ((x & fractionField) | (1 << 52)) >> UInt64(52 - e)
    return negative ? -Int32(magnitude) : Int32(magnitude)
}

/// Where a non-NaN double falls in order, as an unsigned integer (−0 and +0 apart: callers
/// check zeros first).
@inline(__always) private func orderKey(_ x: UInt64) -> UInt64 { x & signBit != 0 ? ~x : x | signBit }

/// -1, 0 or 1 for a < b, a == b, a > b; nil when either is NaN.
private func compare(_ a: UInt64, _ b: UInt64) -> Int? {
    if isNaN(a) || isNaN(b) { return nil }
    if isZero(a) && isZero(b) { return 0 }
    let ka = orderKey(a), kb = orderKey(b)
    return ka < kb ? -1 : ka == kb ? 0 : 1
}

// The comparisons answer 1 for true and 0 for false, and false whenever an operand is NaN.
@_cdecl("__aeabi_dcmpeq")
public func __aeabi_dcmpeq(_ a: UInt64, _ b: UInt64) -> Int32 { compare(a, b) == 0 ? 1 : 0 }
@_cdecl("__aeabi_dcmplt")
public func __aeabi_dcmplt(_ a: UInt64, _ b: UInt64) -> Int32 { compare(a, b) == -1 ? 1 : 0 }
@_cdecl("__aeabi_dcmple")
public func __aeabi_dcmple(_ a: UInt64, _ b: UInt64) -> Int32 { (compare(a, b) ?? 1) <= 0 ? 1 : 0 }
@_cdecl("__aeabi_dcmpgt")
public func __aeabi_dcmpgt(_ a: UInt64, _ b: UInt64) -> Int32 { compare(a, b) == 1 ? 1 : 0 }
@_cdecl("__aeabi_dcmpge")
public func __aeabi_dcmpge(_ a: UInt64, _ b: UInt64) -> Int32 { (compare(a, b) ?? -1) >= 0 ? 1 : 0 }
/// 1 when a and b are unordered (either is NaN).
@_cdecl("__aeabi_dcmpun")
public func __aeabi_dcmpun(_ a: UInt64, _ b: UInt64) -> Int32 { isNaN(a) || isNaN(b) ? 1 : 0 }

/// C `ceil`: the least integral double not below x (NaN, infinities and zeros unchanged).
@_cdecl("ceil")
public func ceil(_ x: UInt64) -> UInt64 {
    let e = Int((x >> 52) & 0x7FF) - 1023
    if e >= 52 || isZero(x) { return x }  // integral already, or NaN or infinite
    let negative = x & signBit != 0
    if e < 0 { return negative ? signBit : 0x3FF0_0000_0000_0000 }  // -0.0 or 1.0
    let fraction = fractionField >> UInt64(e)
    if x & fraction == 0 { return x }
    return ((negative ? x : x &+ (fraction + 1))) & ~fraction
}

#endif
