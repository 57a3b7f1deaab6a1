/// Cipher block chaining (NIST SP 800-38A section 6.2) over any `BlockCipher`, with PKCS#7
/// padding (`encrypt`/`decrypt`) or without it (`...WithoutPadding`).

extension CryptoError.Code {
    /// The ciphertext is malformed before any decryption: empty, or not a whole number of
    /// blocks. Its length is public, so this code may differ from `padding_invalid`.
    public static let decryptFailed = CryptoError.Code("decrypt_failed")
}

/// CBC mode. Encryption is sequential; decryption decrypts all blocks in one call to the cipher
/// (AES then works on four blocks at once) and chains afterwards.
///
/// Leaks: the lengths of plaintext and ciphertext; on decryption with padding, whether the
/// padding was valid (one error for every kind of invalid padding) and, only once it is valid,
/// the plaintext length. Never the key, the IV or the contents.
@_spi(Hazmat) public enum CBC {
    /// Pads `plaintext` with PKCS#7 and encrypts it. `iv` is one block (16 bytes for AES,
    /// 8 for DES); it must be unpredictable (random) for each message.
    @inlinable
    @_spi(Hazmat) public static func encrypt<Cipher: BlockCipher>(
        _ plaintext: some ContiguousByteSource, using cipher: Cipher, iv: some ContiguousByteSource
    ) throws(CryptoError) -> [UInt8] {
        var out = PKCS7.pad(plaintext, blockByteCount: Cipher.blockByteCount)
        try chainEncrypt(&out, using: cipher, iv: iv)
        return out
    }

    /// Decrypts and removes the PKCS#7 padding.
    ///
    /// Throws `decrypt_failed` when the ciphertext is empty or not whole blocks (public), and
    /// `padding_invalid` (one code whatever went wrong, checked in constant time) when the
    /// padding is not valid: with a passphrase-derived key, read it as a wrong passphrase.
    /// Throws `invalid_argument` when `iv` is not one block long.
    @inlinable
    @_spi(Hazmat) public static func decrypt<Cipher: BlockCipher>(
        _ ciphertext: some ContiguousByteSource, using cipher: Cipher, iv: some ContiguousByteSource
    ) throws(CryptoError) -> [UInt8] {
        var out = try decryptWithoutPadding(ciphertext, using: cipher, iv: iv)
        let count = try out.withContiguousBytes { (b) throws(CryptoError) -> Int in
            try PKCS7.unpaddedCount(b, blockByteCount: Cipher.blockByteCount)
        }
        out.removeLast(out.count - count)
        return out
    }

    /// Encrypts whole blocks without padding. Throws `invalid_argument` when the plaintext is
    /// not whole blocks or `iv` is not one block.
    @inlinable
    @_spi(Hazmat) public static func encryptWithoutPadding<Cipher: BlockCipher>(
        _ plaintext: some ContiguousByteSource, using cipher: Cipher, iv: some ContiguousByteSource
    ) throws(CryptoError) -> [UInt8] {
        var out = plaintext.withContiguousBytes { [UInt8]($0) }
        guard out.count % Cipher.blockByteCount == 0 else {
            throw CryptoError(.invalidArgument, "CBC without padding encrypts whole \(Cipher.blockByteCount)-byte blocks; got \(out.count) bytes")
        }
        try chainEncrypt(&out, using: cipher, iv: iv)
        return out
    }

    /// Decrypts whole blocks and returns them as they are (no padding check).
    /// Throws `decrypt_failed` when the ciphertext is empty or not whole blocks, and
    /// `invalid_argument` when `iv` is not one block.
    @inlinable
    @_spi(Hazmat) public static func decryptWithoutPadding<Cipher: BlockCipher>(
        _ ciphertext: some ContiguousByteSource, using cipher: Cipher, iv: some ContiguousByteSource
    ) throws(CryptoError) -> [UInt8] {
        let bs = Cipher.blockByteCount
        try checkIV(iv, blockByteCount: bs)
        return try ciphertext.withContiguousBytes { (ct) throws(CryptoError) -> [UInt8] in
            guard ct.count > 0 && ct.count % bs == 0 else {
                throw CryptoError(.decryptFailed, "the encrypted data is \(ct.count) bytes, not a non-zero multiple of the \(bs)-byte block size: it is truncated or corrupted")
            }
            var out = [UInt8](ct)
            out.withUnsafeMutableBytes { o in
                cipher.decryptBlocksInPlace(o)
                iv.withContiguousBytes { v in
                    for j in 0..<bs { o[j] ^= v[j] }
                }
                var i = bs
                while i < ct.count {
                    o[i] ^= ct[i - bs]
                    i += 1
                }
            }
            return out
        }
    }

    @inlinable
    static func checkIV(_ iv: some ContiguousByteSource, blockByteCount bs: Int) throws(CryptoError) {
        let n = iv.withContiguousBytes { $0.count }
        guard n == bs else {
            throw CryptoError(.invalidArgument, "a CBC IV is one \(bs)-byte block, not \(n) bytes")
        }
    }

    /// CBC-encrypts `data` (whole blocks) in place.
    @inlinable
    static func chainEncrypt<Cipher: BlockCipher>(
        _ data: inout [UInt8], using cipher: Cipher, iv: some ContiguousByteSource
    ) throws(CryptoError) {
        let bs = Cipher.blockByteCount
        try checkIV(iv, blockByteCount: bs)
        data.withUnsafeMutableBytes { d in
            iv.withContiguousBytes { v in
                for j in 0..<min(bs, d.count) { d[j] ^= v[j] }
            }
            var offset = 0
            while offset < d.count {
                if offset > 0 {
                    for j in 0..<bs { d[offset + j] ^= d[offset - bs + j] }
                }
                cipher.encryptBlocksInPlace(UnsafeMutableRawBufferPointer(rebasing: d[offset..<(offset + bs)]))
                offset += bs
            }
        }
    }
}
