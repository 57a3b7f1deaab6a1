/// PBKDF2 (RFC 8018 section 5.2) with HMAC over any `HashFunction`: HMAC-SHA1, -SHA224,
/// -SHA256, -SHA384, -SHA512 for PBES2 encrypted keys.

extension CryptoError.Code {
    /// A PBKDF2 iteration count of 0, or above the configured limit (`PBKDF2Limits`).
    public static let invalidIterationCount = CryptoError.Code("invalid_iteration_count")
}

/// Bounds on PBKDF2 work, so a hostile encrypted key cannot make loading hang.
public struct PBKDF2Limits: Sendable {
    /// The largest accepted iteration count. Default 10,000,000 (several seconds of work; real
    /// keys use 2,048 to 600,000).
    public var maxIterations: Int

    /// Limits with an iteration cap of `maxIterations`.
    public init(maxIterations: Int = 10_000_000) {
        self.maxIterations = maxIterations
    }

    /// The default cap, 10,000,000 iterations.
    public static let `default` = PBKDF2Limits()
}

/// PBKDF2 with HMAC-`H` as the pseudorandom function, e.g. `PBKDF2<SHA256>.deriveKey(...)`.
///
/// The HMAC key schedule (inner and outer states after the padded password) is computed once per
/// call and copied for each of the `iterations` × blocks HMACs; the inner loop allocates nothing.
/// Time depends on the password length (only whether it exceeds the hash block), the salt
/// length, `iterations` and `byteCount`; never on the password or salt bytes.
public enum PBKDF2<H: HashFunction> {
    /// Derives `byteCount` bytes from `password` and `salt`.
    ///
    /// Throws `invalid_iteration_count` when `iterations` is below 1 or above
    /// `limits.maxIterations` (checked before any work), and `invalid_argument` when `byteCount`
    /// is below 1 or above (2^32 - 1) × the digest size.
    public static func deriveKey(
        password: some ContiguousByteSource, salt: some ContiguousByteSource,
        iterations: Int, byteCount: Int, limits: PBKDF2Limits = .default
    ) throws(CryptoError) -> [UInt8] {
        try checkIterations(iterations, limits: limits)
        let hLen = H.digestByteCount
        guard byteCount >= 1 && UInt64(byteCount / hLen) < 0xFFFF_FFFF else {
            throw CryptoError(.invalidArgument, "PBKDF2 derives 1 to (2^32 - 1) × \(hLen) bytes, not \(byteCount)")
        }
        let keyed = HMAC<H>(key: password)
        let blockCount = (byteCount + hLen - 1) / hLen
        var out = [UInt8](repeating: 0, count: blockCount * hLen)
        salt.withContiguousBytes { salt in
            out.withUnsafeMutableBytes { out in
                withUnsafeTemporaryAllocation(byteCount: hLen, alignment: 8) { u in
                    for block in 1...blockCount {
                        let t = UnsafeMutableRawBufferPointer(rebasing: out[((block - 1) * hLen)..<(block * hLen)])
                        // U_1 = PRF(P, S || INT(i)).
                        var mac = keyed
                        mac.update(salt)
                        var index = UInt32(truncatingIfNeeded: block).bigEndian
                        withUnsafeBytes(of: &index) { mac.update($0) }
                        mac.finalize(into: u)
                        t.copyMemory(from: UnsafeRawBufferPointer(u))
                        // U_j = PRF(P, U_{j-1}); T = U_1 xor ... xor U_c.
                        var j = 1
                        while j < iterations {
                            var mac = keyed
                            mac.update(UnsafeRawBufferPointer(u))
                            mac.finalize(into: u)
                            xor(t, UnsafeRawBufferPointer(u), count: hLen)
                            j += 1
                        }
                    }
                    u.initializeMemory(as: UInt8.self, repeating: 0)
                }
            }
        }
        out.removeLast(out.count - byteCount)
        return out
    }

    static func checkIterations(_ iterations: Int, limits: PBKDF2Limits) throws(CryptoError) {
        guard iterations >= 1 else {
            throw CryptoError(.invalidIterationCount,
                              "a PBKDF2 iteration count of \(iterations) is invalid (it must be at least 1): the encrypted key is malformed")
        }
        guard iterations <= limits.maxIterations else {
            throw CryptoError(.invalidIterationCount,
                              "the PBKDF2 iteration count \(iterations) is above the limit of \(limits.maxIterations); if this key comes from a trusted source, raise PBKDF2Limits.maxIterations")
        }
    }

    /// t ^= u over `count` bytes (a multiple of 4), four bytes at a time.
    @inline(__always)
    static func xor(_ t: UnsafeMutableRawBufferPointer, _ u: UnsafeRawBufferPointer, count: Int) {
        var i = 0
        while i < count {
            let x = t.loadUnaligned(fromByteOffset: i, as: UInt32.self) ^ u.loadUnaligned(fromByteOffset: i, as: UInt32.self)
            t.storeBytes(of: x, toByteOffset: i, as: UInt32.self)
            i += 4
        }
    }
}
