// 64-bit division for Arm, where LLVM calls the run-time ABI's `__aeabi_uldivmod` for every
// `UInt64` division or remainder (a Cortex-M4 divides 32-bit words only). The standard library
// needs it to print 64-bit integers, for example.
//
// The RTABI (4.2) passes the dividend in r0:r1 and the divisor in r2:r3 and returns the quotient
// in r0:r1 and the remainder in r2:r3. Swift's own calling convention does exactly that for a
// function of two `UInt64`s returning a pair of them, so `@_silgen_name` (a Swift function under
// a C name) is enough: no assembly, no C.

#if arch(arm)

/// Unsigned 64-bit quotient and remainder by restoring binary division, 64 fixed steps with no
/// branch on the operands: its time is the same for every input, so it is safe even if a caller
/// ever divides secret values. A zero divisor gives all-ones and the dividend (Swift traps before
/// it divides by zero).
@_silgen_name("__aeabi_uldivmod")
public func __aeabi_uldivmod(_ dividend: UInt64, _ divisor: UInt64) -> (quotient: UInt64, remainder: UInt64) {
    var quotient: UInt64 = 0
    var remainder: UInt64 = 0
    var i = 63
    while i >= 0 {
        // The remainder shifted left is 65 bits wide: `carry` is its top bit.
        let carry = remainder >> 63
        remainder = (remainder << 1) | ((dividend >> UInt64(i)) & 1)
        let difference = remainder &- divisor
        // The borrow out of remainder - divisor (Hacker's Delight 2-13), as 0 or 1.
        let borrow = ((~remainder & divisor) | (~(remainder ^ divisor) & difference)) >> 63
        // Subtract when the 65-bit remainder is at least the divisor.
        let take = carry | (borrow ^ 1)
        let mask = 0 &- take
        remainder = (difference & mask) | (remainder & ~mask)
        quotient |= take << UInt64(i)
        i -= 1
    }
    return (quotient, remainder)
}

#endif

// 64-bit shifts by a variable amount, which LLVM turns into calls to the run-time ABI's
// `__aeabi_llsl`, `__aeabi_llsr` and `__aeabi_lasr` (RTABI 4.2) when it optimizes for size. The
// value comes in r0:r1 and the amount in r2, as a C function of a `UInt64` and an `Int32`. They
// work on 32-bit halves: a variable 64-bit shift in here would be a call to itself. Shifts by a
// constant (the `<< 32` and `>> 32` that split and join the halves) are always inlined.

#if arch(arm)

@inline(__always)
private func halves(_ x: UInt64) -> (high: UInt32, low: UInt32) {
    (UInt32(truncatingIfNeeded: x >> 32), UInt32(truncatingIfNeeded: x))
}

@inline(__always)
private func joined(_ high: UInt32, _ low: UInt32) -> UInt64 { (UInt64(high) << 32) | UInt64(low) }

/// x << n for 0 ≤ n < 64 (the amount is taken modulo 64).
@_cdecl("__aeabi_llsl")
public func __aeabi_llsl(_ x: UInt64, _ n: Int32) -> UInt64 {
    let (high, low) = halves(x)
    let s = UInt32(n & 63)
    if s == 0 { return x }
    if s >= 32 { return joined(low &<< (s - 32), 0) }
    return joined((high &<< s) | (low &>> (32 - s)), low &<< s)
}

/// x >> n, logical, for 0 ≤ n < 64 (the amount is taken modulo 64).
@_cdecl("__aeabi_llsr")
public func __aeabi_llsr(_ x: UInt64, _ n: Int32) -> UInt64 {
    let (high, low) = halves(x)
    let s = UInt32(n & 63)
    if s == 0 { return x }
    if s >= 32 { return joined(0, high &>> (s - 32)) }
    return joined(high &>> s, (low &>> s) | (high &<< (32 - s)))
}

/// x >> n, arithmetic (the sign bit fills), for 0 ≤ n < 64 (the amount is taken modulo 64).
@_cdecl("__aeabi_lasr")
public func __aeabi_lasr(_ x: Int64, _ n: Int32) -> Int64 {
    let (high, low) = halves(UInt64(bitPattern: x))
    let signedHigh = Int32(bitPattern: high)
    let s = UInt32(n & 63)
    if s == 0 { return x }
    if s >= 32 { return Int64(bitPattern: joined(UInt32(bitPattern: signedHigh >> 31), UInt32(bitPattern: signedHigh &>> Int32(s - 32)))) }
    return Int64(bitPattern: joined(UInt32(bitPattern: signedHigh &>> Int32(s)), (low &>> s) | (high &<< (32 - s))))
}

#endif
