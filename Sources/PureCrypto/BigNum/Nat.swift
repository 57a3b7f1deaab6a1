/// Fixed-width natural numbers: the value type every bignum operation in the core works on.
///
/// Model: Go's `crypto/internal/fips140/bigmod.Nat`. A `Nat` is a little-endian array of 64-bit
/// limbs whose count (its *announced width*) is public; the value is secret. Operations run in
/// time that depends only on the widths of their operands, unless their name ends in `VarTime`.

/// A natural number in a fixed number of 64-bit limbs, least significant limb first.
///
/// Leaks: `limbs.count` (the announced width), never the value. Not `Equatable` on purpose: use
/// `Nat.equal(_:_:)`, which returns a `Choice`.
struct Nat: Sendable {
    /// Little-endian limbs. The count is public; the contents are secret.
    var limbs: [UInt64]

    /// Zero in `limbCount` limbs.
    init(limbCount: Int) {
        precondition(limbCount > 0, "a Nat has at least one limb")
        limbs = [UInt64](repeating: 0, count: limbCount)
    }

    init(limbs: [UInt64]) {
        precondition(!limbs.isEmpty, "a Nat has at least one limb")
        self.limbs = limbs
    }

    /// A one-limb-valued number in `limbCount` limbs.
    init(_ value: UInt64, limbCount: Int) {
        self.init(limbCount: limbCount)
        limbs[0] = value
    }

    var limbCount: Int { limbs.count }

    /// The number a big-endian byte string spells, in `limbCount` limbs (enough for the bytes when
    /// `limbCount` is nil).
    ///
    /// Leaks the byte count (public), never the value. `bytes.count` must fit in `limbCount`
    /// limbs: leading zero bytes are part of the announced length, and trimming them would leak.
    init(bigEndian bytes: some ContiguousByteSource, limbCount: Int? = nil) {
        let result = bytes.withContiguousBytes { (raw: UnsafeRawBufferPointer) -> [UInt64] in
            let width = limbCount ?? max(1, (raw.count + 7) / 8)
            precondition(raw.count <= width * 8, "byte string wider than the announced limb count")
            var limbs = [UInt64](repeating: 0, count: width)
            // Byte i from the end goes to limb i/8, bits 8*(i%8): a public, fixed pattern.
            var i = 0
            while i < raw.count {
                let byte = UInt64(raw[raw.count - 1 - i])
                limbs[i >> 3] |= byte << UInt64((i & 7) << 3)
                i += 1
            }
            return limbs
        }
        self.limbs = result
    }

    /// The value as exactly `count` big-endian bytes.
    ///
    /// Leaks nothing beyond `count`. The caller guarantees the value fits (bytes past the announced
    /// width are zero, and limbs past `count` bytes must be zero: they are dropped).
    func bigEndianBytes(count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var i = 0
        let available = limbs.count * 8
        while i < count && i < available {
            out[count - 1 - i] = UInt8(truncatingIfNeeded: limbs[i >> 3] >> UInt64((i & 7) << 3))
            i += 1
        }
        return out
    }

    /// The same value in `limbCount` limbs: zero-extended, or truncated (the caller guarantees the
    /// dropped limbs are zero). Leaks only the two widths.
    func resized(to limbCount: Int) -> Nat {
        var out = Nat(limbCount: limbCount)
        let n = min(limbCount, limbs.count)
        for i in 0..<n { out.limbs[i] = limbs[i] }
        return out
    }
}

/// The carry or borrow of an `addingReportingOverflow`/`subtractingReportingOverflow` as 0 or 1,
/// without a branch: a `Bool` is one byte holding 0 or 1, reinterpreted rather than tested.
@inline(__always)
func carryBit(_ overflow: Bool) -> UInt64 {
    UInt64(unsafeBitCast(overflow, to: UInt8.self))
}

/// `x · y + s + c` as a two-word result. Never overflows: at most (2^64 − 1)² + 2·(2^64 − 1) =
/// 2^128 − 1. Carries are folded into arithmetic: no branch.
@inline(__always)
func multiplyAdd(_ x: UInt64, _ y: UInt64, _ s: UInt64, _ c: UInt64) -> (high: UInt64, low: UInt64) {
    let (h, l) = x.multipliedFullWidth(by: y)
    let (l1, o1) = l.addingReportingOverflow(s)
    let (l2, o2) = l1.addingReportingOverflow(c)
    return (h &+ carryBit(o1) &+ carryBit(o2), l2)
}
