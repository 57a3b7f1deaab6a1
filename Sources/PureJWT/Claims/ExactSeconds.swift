// Seconds arithmetic for claim checks that never wraps: a token's `iat` of −2^63 or `exp` of
// 2^63 − 1 must compare as very old or very far, never wrap to the other side (`now &- iat` with
// iat = −2^63 is negative, so "not too old"). Sums are kept exact in 65 bits and compared
// exactly; what is shown to people saturates at the ends of Int64.

/// The exact sum or difference of two `Int64`s: `carry · 2^64 + low`, with `carry` in −1...1.
/// Distinct values have distinct `(carry, low)`, and they order lexicographically.
struct ExactSeconds: Comparable {
    let carry: Int64
    let low: Int64

    init(_ value: Int64) {
        carry = 0
        low = value
    }

    /// `a + b`, exactly.
    static func sum(_ a: Int64, _ b: Int64) -> ExactSeconds {
        let (low, overflow) = a.addingReportingOverflow(b)
        return ExactSeconds(carry: overflow ? (b > 0 ? 1 : -1) : 0, low: low)
    }

    /// `a − b`, exactly.
    static func difference(_ a: Int64, _ b: Int64) -> ExactSeconds {
        let (low, overflow) = a.subtractingReportingOverflow(b)
        return ExactSeconds(carry: overflow ? (b < 0 ? 1 : -1) : 0, low: low)
    }

    private init(carry: Int64, low: Int64) {
        self.carry = carry
        self.low = low
    }

    /// The value clamped to `Int64.min...Int64.max`, for messages.
    var saturated: Int64 { carry > 0 ? .max : carry < 0 ? .min : low }

    static func < (x: ExactSeconds, y: ExactSeconds) -> Bool {
        x.carry != y.carry ? x.carry < y.carry : x.low < y.low
    }
}
