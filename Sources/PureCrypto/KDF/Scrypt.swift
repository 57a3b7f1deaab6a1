/// scrypt (RFC 7914): PBKDF2-HMAC-SHA256, then ROMix with BlockMix over the Salsa20/8 core.

extension CryptoError.Code {
    /// scrypt parameters outside RFC 7914's domain (N not a power of two above 1, r or p of 0,
    /// r·p too large, or N too large for r).
    public static let invalidScryptParameters = CryptoError.Code("invalid_scrypt_parameters")
    /// scrypt parameters that need more memory than the configured limit (`ScryptLimits`).
    public static let scryptMemoryLimitExceeded = CryptoError.Code("scrypt_memory_limit_exceeded")
    /// scrypt parameters that ask for more work (N·r·p) than the configured limit (`ScryptLimits`).
    public static let scryptWorkLimitExceeded = CryptoError.Code("scrypt_work_limit_exceeded")
}

/// Bounds on scrypt memory and work, so a hostile encrypted key can neither exhaust memory nor
/// hold the loader for hours. Both are checked before any derivation or allocation.
public struct ScryptLimits: Sendable {
    /// The most memory one derivation may allocate, in bytes: 128·r·(N + p) plus a little.
    /// Default 1 GiB (OpenSSL's default limit is 32 MiB; `openssl pkcs8 -scrypt` writes
    /// N = 16384, r = 8, p = 1, which needs 16 MiB).
    public var maxMemoryByteCount: Int
    /// The most work one derivation may ask for, as the product N·r·p: the derivation runs
    /// 2·N·p BlockMix calls of 2·r Salsa20/8 cores each, so time is proportional to it.
    /// Default 2^22 = 4,194,304, 32 times what `openssl pkcs8 -scrypt` and Node's
    /// `crypto.scrypt` use by default (N = 16384, r = 8, p = 1: 2^17). Memory alone does not
    /// bound time: N = 16384, r = 8 with a large p, or N = 2, r = 1, p = 8,000,000, stays under
    /// the memory cap and runs for hours.
    public var maxWork: Int

    /// Limits of `maxMemoryByteCount` bytes and `maxWork` = N·r·p.
    public init(maxMemoryByteCount: Int = 1 << 30, maxWork: Int = 1 << 22) {
        self.maxMemoryByteCount = maxMemoryByteCount
        self.maxWork = maxWork
    }

    /// The default limits: 1 GiB and N·r·p ≤ 2^22.
    public static let `default` = ScryptLimits()
}

/// The scrypt password-based key derivation function (RFC 7914 section 6).
///
/// Leaks: the parameters and lengths, and, inherently to scrypt's design, the memory access
/// pattern of ROMix's second loop: `Integerify` picks the next block of V from the current
/// state, which is derived from the passphrase. This is the data-dependent memory-hardness
/// scrypt is built on (RFC 7914 section 5); a cache-timing observer of this loop learns bits of
/// that passphrase-derived state. Everything else is constant-time.
public enum Scrypt {
    /// Derives `byteCount` bytes with cost N (`n`), block size `r` and parallelism `p`.
    ///
    /// Parameters are validated and the work and memory needs are checked against `limits` before
    /// anything is derived or allocated. Throws `invalid_scrypt_parameters` (N not a power of two
    /// > 1, r or p < 1, r·p ≥ 2^30, N ≥ 2^(16r)), `scrypt_work_limit_exceeded` (N·r·p over
    /// `limits.maxWork`), `scrypt_memory_limit_exceeded`, or `invalid_argument` for a `byteCount`
    /// below 1.
    public static func deriveKey(
        password: some ContiguousByteSource, salt: some ContiguousByteSource,
        n: Int, r: Int, p: Int, byteCount: Int, limits: ScryptLimits = .default
    ) throws(CryptoError) -> [UInt8] {
        try checkParameters(n: Int64(n), r: Int64(r), p: Int64(p), limits: limits)
        guard byteCount >= 1 else {
            throw CryptoError(.invalidArgument, "scrypt derives at least 1 byte, not \(byteCount)")
        }
        let blockBytes = 128 * r
        var b = try PBKDF2<SHA256>.deriveKey(password: password, salt: salt, iterations: 1,
                                             byteCount: p * blockBytes, limits: PBKDF2Limits(maxIterations: 1))
        let words = 32 * r
        // V (N blocks) and the working buffers X, Y (one block each).
        var v = [UInt32](unsafeUninitializedCapacity: n * words) { _, count in count = n * words }
        var xy = [UInt32](repeating: 0, count: 2 * words)
        b.withUnsafeMutableBytes { b in
            v.withUnsafeMutableBufferPointer { v in
                xy.withUnsafeMutableBufferPointer { xy in
                    for i in 0..<p {
                        romix(b.baseAddress! + i * blockBytes, r: r, n: n,
                              v: v.baseAddress!, x: xy.baseAddress!, y: xy.baseAddress! + words)
                    }
                }
            }
        }
        let derived = try PBKDF2<SHA256>.deriveKey(password: password, salt: b, iterations: 1,
                                                   byteCount: byteCount, limits: PBKDF2Limits(maxIterations: 1))
        // V, X, Y and B hold passphrase-derived state: wipe them before they are freed, as
        // PBKDF2 wipes its U block.
        v.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        xy.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        b.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        return derived
    }

    /// RFC 7914 section 6 domain checks, the memory bound and the work bound, with
    /// overflow-checked arithmetic in `Int64`: the needs pass 2^31 long before they pass any sane
    /// limit, and `Int` may be 32 bits. Within the memory limit, which is an `Int`, N, r and p
    /// fit an `Int`.
    package static func checkParameters(n: Int64, r: Int64, p: Int64, limits: ScryptLimits) throws(CryptoError) {
        guard n > 1 && n & (n - 1) == 0 else {
            throw CryptoError(.invalidScryptParameters, "scrypt N must be a power of two greater than 1, not \(n)")
        }
        guard r >= 1 && p >= 1 else {
            throw CryptoError(.invalidScryptParameters, "scrypt r and p must be at least 1 (r = \(r), p = \(p))")
        }
        let (rp, rpOverflow) = r.multipliedReportingOverflow(by: p)
        guard !rpOverflow && rp < 1 << 30 else {
            throw CryptoError(.invalidScryptParameters, "scrypt r·p must be below 2^30 (r = \(r), p = \(p))")
        }
        // N < 2^(128 r / 8): only binds for r < 4 (N < 2^63 here).
        if r < 4 && n.trailingZeroBitCount >= 16 * r {
            throw CryptoError(.invalidScryptParameters, "scrypt N = \(n) must be below 2^\(16 * r) for r = \(r)")
        }
        // 128 r (N + p + 2) bytes: V, B and the two working blocks.
        let (blocks, o1) = n.addingReportingOverflow(p + 2)
        let (bytes, o2) = blocks.multipliedReportingOverflow(by: 128 * r)
        guard !o1 && !o2 && bytes <= Int64(limits.maxMemoryByteCount) else {
            let shown = (o1 || o2) ? "more than 2^63" : "\(bytes)"
            throw CryptoError(.scryptMemoryLimitExceeded,
                              "scrypt with N = \(n), r = \(r), p = \(p) needs \(shown) bytes of memory, above the limit of \(limits.maxMemoryByteCount); if this key comes from a trusted source, raise ScryptLimits.maxMemoryByteCount")
        }
        // Work: memory alone does not bound time (a huge p needs little memory).
        let (work, workOverflow) = n.multipliedReportingOverflow(by: rp)
        guard !workOverflow && work <= Int64(limits.maxWork) else {
            let shown = workOverflow ? "more than \(Int64.max)" : "\(work)"
            throw CryptoError(.scryptWorkLimitExceeded,
                              "scrypt with N = \(n), r = \(r), p = \(p) asks for N·r·p = \(shown), above the work limit of \(limits.maxWork) (OpenSSL writes 131072); if this key comes from a trusted source, raise ScryptLimits.maxWork")
        }
    }

    /// ROMix (RFC 7914 section 5) on the 128·r-byte block at `b`, in place.
    /// `v` holds N blocks, `x` and `y` one block each (32·r words).
    static func romix(_ b: UnsafeMutableRawPointer, r: Int, n: Int,
                      v: UnsafeMutablePointer<UInt32>, x: UnsafeMutablePointer<UInt32>, y: UnsafeMutablePointer<UInt32>) {
        let words = 32 * r
        for k in 0..<words {
            x[k] = UInt32(littleEndian: b.loadUnaligned(fromByteOffset: 4 * k, as: UInt32.self))
        }
        for i in 0..<n {
            (v + i * words).update(from: x, count: words)
            blockMix(x, into: y, r: r)
            x.update(from: y, count: words)
        }
        let last = x + (2 * r - 1) * 16
        for _ in 0..<n {
            // Integerify: the first 8 bytes of the last 64-byte block, mod N (a power of two).
            // This index depends on the passphrase-derived state, by scrypt's design.
            let j = Int(truncatingIfNeeded: (UInt64(last[1]) << 32 | UInt64(last[0])) & UInt64(n - 1))
            let vj = v + j * words
            for k in 0..<words { x[k] ^= vj[k] }
            blockMix(x, into: y, r: r)
            x.update(from: y, count: words)
        }
        for k in 0..<words {
            b.storeBytes(of: x[k].littleEndian, toByteOffset: 4 * k, as: UInt32.self)
        }
    }

    /// BlockMix (RFC 7914 section 4): 2r 64-byte blocks through Salsa20/8, chained, with the
    /// outputs of even steps first, then odd.
    static func blockMix(_ b: UnsafeMutablePointer<UInt32>, into out: UnsafeMutablePointer<UInt32>, r: Int) {
        var t = (UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
                 UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0))
        withUnsafeMutableBytes(of: &t) { raw in
            let x = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
            x.update(from: b + (2 * r - 1) * 16, count: 16)
            for i in 0..<(2 * r) {
                let bi = b + 16 * i
                for k in 0..<16 { x[k] ^= bi[k] }
                salsa20x8(x)
                // Y_i goes to position i/2 (even i) or r + i/2 (odd i).
                (out + 16 * ((i & 1) * r + i / 2)).update(from: x, count: 16)
            }
        }
    }

    /// The Salsa20/8 core (RFC 7914 section 3): 4 double rounds, then add the input.
    @inline(__always)
    static func salsa20x8(_ b: UnsafeMutablePointer<UInt32>) {
        var x0 = b[0], x1 = b[1], x2 = b[2], x3 = b[3], x4 = b[4], x5 = b[5], x6 = b[6], x7 = b[7]
        var x8 = b[8], x9 = b[9], x10 = b[10], x11 = b[11], x12 = b[12], x13 = b[13], x14 = b[14], x15 = b[15]
        @inline(__always) func rotl(_ a: UInt32, _ n: UInt32) -> UInt32 { (a << n) | (a >> (32 - n)) }
        for _ in 0..<4 {
            // Columns.
            x4 ^= rotl(x0 &+ x12, 7); x8 ^= rotl(x4 &+ x0, 9)
            x12 ^= rotl(x8 &+ x4, 13); x0 ^= rotl(x12 &+ x8, 18)
            x9 ^= rotl(x5 &+ x1, 7); x13 ^= rotl(x9 &+ x5, 9)
            x1 ^= rotl(x13 &+ x9, 13); x5 ^= rotl(x1 &+ x13, 18)
            x14 ^= rotl(x10 &+ x6, 7); x2 ^= rotl(x14 &+ x10, 9)
            x6 ^= rotl(x2 &+ x14, 13); x10 ^= rotl(x6 &+ x2, 18)
            x3 ^= rotl(x15 &+ x11, 7); x7 ^= rotl(x3 &+ x15, 9)
            x11 ^= rotl(x7 &+ x3, 13); x15 ^= rotl(x11 &+ x7, 18)
            // Rows.
            x1 ^= rotl(x0 &+ x3, 7); x2 ^= rotl(x1 &+ x0, 9)
            x3 ^= rotl(x2 &+ x1, 13); x0 ^= rotl(x3 &+ x2, 18)
            x6 ^= rotl(x5 &+ x4, 7); x7 ^= rotl(x6 &+ x5, 9)
            x4 ^= rotl(x7 &+ x6, 13); x5 ^= rotl(x4 &+ x7, 18)
            x11 ^= rotl(x10 &+ x9, 7); x8 ^= rotl(x11 &+ x10, 9)
            x9 ^= rotl(x8 &+ x11, 13); x10 ^= rotl(x9 &+ x8, 18)
            x12 ^= rotl(x15 &+ x14, 7); x13 ^= rotl(x12 &+ x15, 9)
            x14 ^= rotl(x13 &+ x12, 13); x15 ^= rotl(x14 &+ x13, 18)
        }
        b[0] &+= x0; b[1] &+= x1; b[2] &+= x2; b[3] &+= x3
        b[4] &+= x4; b[5] &+= x5; b[6] &+= x6; b[7] &+= x7
        b[8] &+= x8; b[9] &+= x9; b[10] &+= x10; b[11] &+= x11
        b[12] &+= x12; b[13] &+= x13; b[14] &+= x14; b[15] &+= x15
    }
}
