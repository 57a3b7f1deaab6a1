/// PKCS#7 padding (RFC 5652 section 6.3; "PKCS#5 padding" for 8-byte blocks): adding it, and a
/// check that cannot serve as a padding oracle.

extension CryptoError.Code {
    /// Decrypted data does not end in valid PKCS#7 padding. After decrypting with a key derived
    /// from a passphrase this almost always means the passphrase is wrong; key loaders report it
    /// as `wrong_passphrase`. Whatever was wrong with the padding, the code and reason are the same.
    public static let paddingInvalid = CryptoError.Code("padding_invalid")
}

/// PKCS#7 padding for block sizes 1...255.
@usableFromInline
package enum PKCS7 {
    /// Appends `blockByteCount - count % blockByteCount` bytes of that value (a full block when
    /// `bytes` is already aligned). Leaks nothing beyond `bytes.count`.
    @inlinable
    package static func pad(_ bytes: some ContiguousByteSource, blockByteCount: Int) -> [UInt8] {
        precondition(blockByteCount > 0 && blockByteCount < 256, "PKCS#7 block size is 1...255")
        return bytes.withContiguousBytes { b in
            let padLength = blockByteCount - b.count % blockByteCount
            var out = [UInt8]()
            out.reserveCapacity(b.count + padLength)
            out.append(contentsOf: b)
            out.append(contentsOf: repeatElement(UInt8(truncatingIfNeeded: padLength), count: padLength))
            return out
        }
    }

    /// The length of `data` without its padding, checked in constant time over the last block.
    ///
    /// Every one of the last `blockByteCount` bytes is read and compared, whatever the pad value,
    /// and the verdict is a single mask: the time depends only on `blockByteCount`, never on the
    /// data or on what was wrong. Throws `padding_invalid` (one code, one reason) for a pad value
    /// of 0 or above `blockByteCount`, or any pad byte that differs. Leaks: `data.count`, and
    /// after a successful check the unpadded length (which the caller learns anyway).
    /// `data.count` must be a non-zero multiple of `blockByteCount` (a public fact).
    @inlinable
    package static func unpaddedCount(_ data: UnsafeRawBufferPointer, blockByteCount: Int) throws(CryptoError) -> Int {
        precondition(blockByteCount > 0 && blockByteCount < 256, "PKCS#7 block size is 1...255")
        precondition(data.count >= blockByteCount && data.count % blockByteCount == 0,
                     "PKCS#7 data is a non-zero number of whole blocks")
        let n = data.count
        let pad = UInt64(data[n - 1])
        var good = !Choice.isZero(pad) & !Choice.less(UInt64(blockByteCount), pad)
        for i in 0..<blockByteCount {
            // Byte i from the end belongs to the padding when i < pad.
            let inPadding = Choice.less(UInt64(i), pad)
            let matches = Choice.equal(UInt64(data[n - 1 - i]), pad)
            good = good & (!inPadding | matches)
        }
        guard good.declassified else { throw invalidPadding }
        // Valid padding: the plaintext length is public from here on (the caller returns it).
        return n - Int(truncatingIfNeeded: Declassification.value(pad))
    }

    /// The one error for any padding failure.
    @usableFromInline
    static var invalidPadding: CryptoError {
        CryptoError(.paddingInvalid,
                    "decryption failed: the key or passphrase is wrong, or the encrypted data is corrupted")
    }
}
