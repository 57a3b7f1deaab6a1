/// Fixed-width natural numbers: the value type every bignum operation in the core works on.
///
/// Model: Go's `crypto/internal/fips140/bigmod.Nat`. A `Nat` is a little-endian array of limbs
/// (`Limb`: the target's word, 64 or 32 bits) whose count (its *announced width*) is public; the value is secret. Operations run in
/// time that depends only on the widths of their operands, unless their name ends in `VarTime`.

/// A natural number in a fixed number of limbs, least significant limb first.
///
/// Leaks: `limbs.count` (the announced width), never the value. Not `Equatable` on purpose: use
/// `Nat.equal(_:_:)`, which returns a `Choice`.
struct Nat: Sendable {
    /// Little-endian limbs. The count is public; the contents are secret.
    var limbs: [Limb]

    /// Zero in `limbCount` limbs.
    init(limbCount: Int) {
        precondition(limbCount > 0, "a Nat has at least one limb")
        limbs = [Limb](repeating: 0, count: limbCount)
    }

    init(limbs: [Limb]) {
        precondition(!limbs.isEmpty, "a Nat has at least one limb")
        self.limbs = limbs
    }

    /// A one-limb-valued number in `limbCount` limbs.
    init(_ value: Limb, limbCount: Int) {
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
        let result = bytes.withContiguousBytes { (raw: UnsafeRawBufferPointer) -> [Limb] in
            let width = limbCount ?? max(1, (raw.count + limbByteCount - 1) / limbByteCount)
            precondition(raw.count <= width * limbByteCount, "byte string wider than the announced limb count")
            var limbs = [Limb](repeating: 0, count: width)
            // Byte i from the end goes to limb i / limbByteCount, at bit 8·(i mod limbByteCount):
            // a public, fixed pattern.
            var i = 0
            while i < raw.count {
                let byte = Limb(raw[raw.count - 1 - i])
                limbs[i / limbByteCount] |= byte << Limb((i % limbByteCount) * 8)
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
        let available = limbs.count * limbByteCount
        while i < count && i < available {
            out[count - 1 - i] = UInt8(truncatingIfNeeded: limbs[i / limbByteCount] >> Limb((i % limbByteCount) * 8))
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
func carryBit(_ overflow: Bool) -> Limb {
    Limb(unsafeBitCast(overflow, to: UInt8.self))
}

/// `x · y + s + c` as a two-limb result. Never overflows: with `B = 2^limbBitWidth`, at most
/// (B − 1)² + 2·(B − 1) = B² − 1. Carries are folded into arithmetic: no branch.
@inline(__always)
func multiplyAdd(_ x: Limb, _ y: Limb, _ s: Limb, _ c: Limb) -> (high: Limb, low: Limb) {
    let (h, l) = x.multipliedFullWidth(by: y)
    let (l1, o1) = l.addingReportingOverflow(s)
    let (l2, o2) = l1.addingReportingOverflow(c)
    return (h &+ carryBit(o1) &+ carryBit(o2), l2)
}
