import PureCrypto

/// Bounds on the work a password-encrypted key may ask of the loader, so a hostile file can
/// neither hang it (a huge iteration count, a huge scrypt N·r·p) nor exhaust memory (a huge
/// scrypt N).

/// The limits the key loader applies before deriving any key from a passphrase.
///
/// ```swift
/// // A trusted key written with 20,000,000 PBKDF2 iterations:
/// let limits = KeyDecryptionLimits(pbkdf2: PBKDF2Limits(maxIterations: 20_000_000))
/// let key = try RSAPrivateKey(importing: bytes, passphrase: pass, decryptionLimits: limits)
/// ```
///
/// `pbkdf2.maxIterations` caps every iterated KDF of the encrypted-key formats: PBKDF2 (PBES2),
/// PBKDF1 (PBES1) and the PKCS#12 KDF. Over the cap is `invalid_iteration_count`; scrypt over
/// `scrypt.maxMemoryByteCount` is `scrypt_memory_limit_exceeded`, over `scrypt.maxWork` (N·r·p)
/// `scrypt_work_limit_exceeded`. All are checked before any work or allocation.
///
/// ```swift
/// // A trusted key written with scrypt N = 2^20, r = 8, p = 1 (1 GiB, 2^23 work):
/// let trusted = KeyDecryptionLimits(scrypt: ScryptLimits(maxMemoryByteCount: 1 << 31, maxWork: 1 << 23))
/// ```
public struct KeyDecryptionLimits: Sendable {
    /// Iteration cap (default 10,000,000: several seconds of work; real keys use 2,048 to 600,000).
    public var pbkdf2: PBKDF2Limits
    /// scrypt caps (default 1 GiB of memory and N·r·p ≤ 2^22; `openssl pkcs8 -scrypt` needs
    /// 16 MiB and 2^17).
    public var scrypt: ScryptLimits

    /// Limits from the PBKDF2 and scrypt caps.
    public init(pbkdf2: PBKDF2Limits = .default, scrypt: ScryptLimits = .default) {
        self.pbkdf2 = pbkdf2
        self.scrypt = scrypt
    }

    /// 10,000,000 iterations, 1 GiB of scrypt memory and scrypt N·r·p ≤ 2^22.
    public static let `default` = KeyDecryptionLimits()
}

extension DER.Reader {
    /// A non-negative INTEGER used as a count (iterations, scrypt N, r, p), saturated at
    /// `Int64.max` so an absurd value reaches the range checks (and their clear errors) instead
    /// of a DER error. `Int64`, not `Int`: on a 32-bit target a count of 2^31 or more must still
    /// be seen (and refused) as itself. Counts become `Int` only after their limit check, and
    /// every limit is an `Int`. Public data.
    mutating func readSaturatingCount() throws(CryptoError) -> Int64 {
        let magnitude = try readUnsignedInteger()
        guard magnitude.count <= 8 else { return Int64.max }
        var value: UInt64 = 0
        for b in magnitude { value = value << 8 | UInt64(b) }
        return value > UInt64(Int64.max) ? Int64.max : Int64(value)
    }
}
