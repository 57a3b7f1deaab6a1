/// Limb-wise addition and subtraction with carry chains, the building blocks of modular
/// arithmetic. Every kernel here runs in time that depends only on `count`.

/// `x += y` over `count` limbs; returns the carry out (0 or 1).
///
/// Leaks `count` only. Carries are folded into arithmetic with `addingReportingOverflow`, never
/// tested.
@inline(__always)
func addInPlace(_ x: UnsafeMutablePointer<Limb>, _ y: UnsafePointer<Limb>, _ count: Int) -> Limb {
    var carry: Limb = 0
    for i in 0..<count {
        let (s1, c1) = x[i].addingReportingOverflow(y[i])
        let (s2, c2) = s1.addingReportingOverflow(carry)
        x[i] = s2
        carry = carryBit(c1) | carryBit(c2)
    }
    return carry
}

/// `out = x - y` over `count` limbs; returns the borrow out (0 or 1). `out` may alias `x` or `y`.
///
/// Leaks `count` only.
@inline(__always)
func subtract(
    _ out: UnsafeMutablePointer<Limb>, _ x: UnsafePointer<Limb>, _ y: UnsafePointer<Limb>, _ count: Int
) -> Limb {
    var borrow: Limb = 0
    for i in 0..<count {
        let (d1, b1) = x[i].subtractingReportingOverflow(y[i])
        let (d2, b2) = d1.subtractingReportingOverflow(borrow)
        out[i] = d2
        borrow = carryBit(b1) | carryBit(b2)
    }
    return borrow
}

/// `x = choice ? y : x` over `count` limbs, reading and writing every limb either way.
///
/// Leaks `count` only.
@inline(__always)
func conditionalAssign(
    _ x: UnsafeMutablePointer<Limb>, _ y: UnsafePointer<Limb>, _ choice: Choice, _ count: Int
) {
    let mask = choice.opaqueMask
    for i in 0..<count { x[i] ^= mask & (x[i] ^ y[i]) }
}

/// Brings a value `x + extra·R` known to be below `2n` into `[0, n)`: subtracts `n` when
/// `extra == 1` or `x ≥ n`. `scratch` holds `count` limbs.
///
/// Leaks `count` only: the subtraction always happens and the result is selected with a mask.
@inline(__always)
func reduceOnce(
    _ x: UnsafeMutablePointer<Limb>, extra: Limb, _ n: UnsafePointer<Limb>,
    _ count: Int, scratch: UnsafeMutablePointer<Limb>
) {
    let borrow = subtract(scratch, x, n, count)
    // Keep the difference when the top carry was set or there was no borrow.
    let useDifference = Choice(bit: extra) | !Choice(bit: borrow)
    conditionalAssign(x, scratch, useDifference, count)
}

/// `x = (2·x + bit) mod n` for `x < n` and `bit` 0 or 1 (then `2x + bit < 2n`, so one
/// `reduceOnce` suffices). `scratch` holds `count` limbs.
///
/// Leaks `count` only: the shift runs over every limb and the reduction always subtracts.
@inline(__always)
func doubleModulo(
    _ x: UnsafeMutablePointer<Limb>, shiftingIn bit: Limb, _ n: UnsafePointer<Limb>,
    _ count: Int, scratch: UnsafeMutablePointer<Limb>
) {
    let top = Limb(limbBitWidth - 1)
    let extra = x[count - 1] >> top
    var carry = bit
    for k in 0..<count {
        let v = x[k]
        x[k] = (v << 1) | carry
        carry = v >> top
    }
    reduceOnce(x, extra: extra, n, count, scratch: scratch)
}

extension Nat {
    /// `self + other` and the carry out; both have the same announced width. Leaks the width.
    func adding(_ other: Nat) -> (sum: Nat, carry: Limb) {
        precondition(limbCount == other.limbCount, "widths differ")
        var out = self
        let carry = out.limbs.withUnsafeMutableBufferPointer { x in
            other.limbs.withUnsafeBufferPointer { y in addInPlace(x.baseAddress!, y.baseAddress!, limbCount) }
        }
        return (out, carry)
    }

    /// `self - other` (mod 2^(limbBitWidth·width)) and the borrow out. Leaks the width.
    func subtracting(_ other: Nat) -> (difference: Nat, borrow: Limb) {
        precondition(limbCount == other.limbCount, "widths differ")
        var out = Nat(limbCount: limbCount)
        let borrow = out.limbs.withUnsafeMutableBufferPointer { o in
            limbs.withUnsafeBufferPointer { x in
                other.limbs.withUnsafeBufferPointer { y in
                    subtract(o.baseAddress!, x.baseAddress!, y.baseAddress!, limbCount)
                }
            }
        }
        return (out, borrow)
    }

    /// `self - 1` for a value known to be nonzero (public in every use: `p - 1` of a prime).
    /// Leaks the width.
    func subtractingOne() -> Nat {
        subtracting(Nat(1, limbCount: limbCount)).difference
    }
}
