/// An odd modulus with its Montgomery constants, the context every modular operation runs in.

/// An odd modulus `n > 1` with `-n⁻¹ mod B` and `R² mod n` precomputed (`B = 2^limbBitWidth`, the
/// limb base; `R = B^width`).
///
/// Leaks its announced width (limb count) and that it is odd; never its value. Building one costs
/// `O(width²·65)` (the `R²` computation), so keep it with the key rather than per operation.
@_spi(Hazmat) public struct Modulus: Sendable {
    /// The modulus, in its announced width.
    let n: Nat
    /// `-n⁻¹ mod B`.
    let nInv0: Limb
    /// `R² mod n`: multiplying by it converts into Montgomery form.
    let rr: Nat

    var limbCount: Int { n.limbCount }

    /// Prepares `n`, which must be odd and greater than one (`invalid_argument` otherwise).
    ///
    /// Leaks the width, and whether `n` is odd and greater than one (the only outcome that does
    /// not throw is "yes").
    init(_ n: Nat) throws(CryptoError) {
        let odd = Choice(bit: n.limbs[0] & 1)
        let isOne = Nat.equal(n, Nat(1, limbCount: n.limbCount))
        guard (odd & !isOne).declassified else {
            throw CryptoError(.invalidArgument, "a Montgomery modulus must be odd and greater than one")
        }
        self.n = n
        self.nInv0 = Modulus.negatedInverse(n.limbs[0])
        self.rr = Modulus.rSquared(n, nInv0: nInv0)
    }

    /// Prepares a modulus from its big-endian magnitude (leading zero bytes are part of the
    /// announced width). Throws `invalid_argument` unless it is odd and greater than one.
    @_spi(Hazmat) public init(bigEndian bytes: [UInt8]) throws(CryptoError) {
        guard !bytes.isEmpty else { throw CryptoError(.invalidArgument, "empty modulus") }
        try self.init(Nat(bigEndian: bytes))
    }

    /// `-x⁻¹ mod B` for odd `x` by Newton iteration (each step doubles the correct bits, from 3:
    /// odd x satisfies x·x ≡ 1 mod 8, so five steps give 96 ≥ 64 bits). Fixed steps: constant time.
    static func negatedInverse(_ x: Limb) -> Limb {
        var inv = x
        for _ in 0..<5 { inv = inv &* (2 &- x &* inv) }
        return 0 &- inv
    }

    /// `R² mod n` (`R = 2^(b·w)` for `w` limbs of `b = limbBitWidth` bits): `(b + 1)·w`
    /// constant-time modular doublings from 1 give `x = 2^(bw + w) mod n`, then `log₂ b` Montgomery
    /// squarings (6 for 64-bit limbs, 5 for 32-bit), each taking `2^(bw + s)` to
    /// `2^(2(bw + s) − bw) = 2^(bw + 2s)`, raise `s` from `w` to `bw`. Half the doublings of
    /// doubling all the way (`2b·w`), which dominated key import.
    static func rSquared(_ n: Nat, nInv0: Limb) -> Nat {
        let count = n.limbCount
        var x = Nat(1, limbCount: count)
        var scratch = [Limb](repeating: 0, count: 2 * count + 1)
        x.limbs.withUnsafeMutableBufferPointer { xp in
            n.limbs.withUnsafeBufferPointer { np in
                scratch.withUnsafeMutableBufferPointer { sp in
                    let x = xp.baseAddress!, n = np.baseAddress!, s = sp.baseAddress!
                    // 1 < n, so x starts reduced; each doubling keeps x < n.
                    for _ in 0..<((limbBitWidth + 1) * count) { doubleModulo(x, shiftingIn: 0, n, count, scratch: s) }
                    // x < n, so x² < R·n: each square is fully reduced again.
                    for _ in 0..<limbBitWidth.trailingZeroBitCount { montgomerySquare(x, x, n, nInv0, count, s) }
                }
            }
        }
        return x
    }
}
