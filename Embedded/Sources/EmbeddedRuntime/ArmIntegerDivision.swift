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
