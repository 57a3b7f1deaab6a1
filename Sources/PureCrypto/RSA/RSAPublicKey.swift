/// The RSA public key, its import checks, and the public-key primitive RSAVP1 (RFC 8017 §3.1,
/// §5.2.2).

/// An RSA public key `(n, e)`.
///
/// Everything about a public key is public; its operations still run in time independent of the
/// signature value except where named `VarTime` (the public exponent drives the verification
/// exponentiation). `description` shows only the type and size.
public struct RSAPublicKey: Sendable, CustomStringConvertible {
    /// The modulus with its Montgomery constants.
    let modulus: Modulus
    /// The public exponent, `3 ≤ e < 2^32`, odd: one limb on every target.
    let e: Limb
    /// Bits in `n`.
    public let modulusBitCount: Int

    /// `k` in RFC 8017: the modulus length in bytes, which is also the signature length.
    public var modulusByteCount: Int { (modulusBitCount + 7) / 8 }

    /// Imports `(n, e)` from big-endian magnitudes (leading zero bytes are ignored).
    ///
    /// Throws `invalid_key` unless n is odd and `3 ≤ e < 2^32` with e odd, and
    /// `key_size_not_allowed` unless `n` has between `options.minimumModulusBitCount` and 16384
    /// bits. Leaks nothing secret: every input is public.
    public init(n: [UInt8], e: [UInt8], options: RSAKeyOptions = []) throws(CryptoError) {
        let nNat = Nat(bigEndian: n.isEmpty ? [0] : n).trimmedVarTime()
        let bits = nNat.bitLengthVarTime
        guard bits >= options.minimumModulusBitCount else {
            throw CryptoError(.keySizeNotAllowed, "the RSA modulus has \(bits) bits; at least \(options.minimumModulusBitCount) are required (1024-bit legacy keys load only with the unsafeAllowSmallKeys option)")
        }
        guard bits <= RSAKeyOptions.maximumModulusBitCount else {
            throw CryptoError(.keySizeNotAllowed, "the RSA modulus has \(bits) bits; at most \(RSAKeyOptions.maximumModulusBitCount) are supported")
        }
        guard nNat.limbs[0] & 1 == 1 else {
            throw CryptoError(.invalidKey, "the RSA modulus is even; the key is corrupt")
        }
        let eNat = Nat(bigEndian: e.isEmpty ? [0] : e).trimmedVarTime()
        guard eNat.bitLengthVarTime <= 32, eNat.limbs[0] >= 3, eNat.limbs[0] & 1 == 1 else {
            throw CryptoError(.invalidKey, "the RSA public exponent must be odd, at least 3 and below 2^32")
        }
        self.modulus = try Modulus(nNat)
        self.e = eNat.limbs[0]
        self.modulusBitCount = bits
    }

    /// Imports `numbers.n` and `numbers.e` with the checks of `init(n:e:options:)`; private
    /// numbers, if any, are ignored.
    public init(numbers: RSAKeyNumbers, options: RSAKeyOptions = []) throws(CryptoError) {
        try self.init(n: numbers.n, e: numbers.e, options: options)
    }

    /// `n` and `e` as big-endian magnitudes without leading zero bytes.
    public var numbers: RSAKeyNumbers {
        RSAKeyNumbers(n: trimmedBigEndian(modulus.n), e: trimmedBigEndian(Nat(e, limbCount: 1)))
    }

    public var description: String { "RSAPublicKey(\(modulusBitCount) bits)" }

    /// RSAVP1 (RFC 8017 §5.2.2) on a signature of exactly `k` bytes: returns `s^e mod n` as `k`
    /// big-endian bytes, or nil when `s ≥ n` ("signature representative out of range") or the
    /// length is not `k`.
    ///
    /// Variable time in `e` (public); constant time in the signature.
    func verificationPrimitiveVarTime(_ signature: some ContiguousByteSource) -> [UInt8]? {
        let k = modulusByteCount
        let valid = signature.withContiguousBytes { $0.count == k }
        guard valid else { return nil }
        let s = Nat(bigEndian: signature, limbCount: modulus.limbCount)
        guard Nat.less(s, modulus.n).declassified else { return nil }
        return modulus.powerVarTime(s, e).bigEndianBytes(count: k)
    }
}

/// The big-endian magnitude of `x` without leading zero bytes (one zero byte for zero).
///
/// Variable time: leaks the byte length of the value. Used for export, where the encoding reveals
/// that length anyway.
func trimmedBigEndian(_ x: Nat) -> [UInt8] {
    let bytes = x.bigEndianBytes(count: x.limbCount * limbByteCount)
    guard let first = bytes.firstIndex(where: { $0 != 0 }) else { return [0] }
    return Array(bytes[first...])
}
