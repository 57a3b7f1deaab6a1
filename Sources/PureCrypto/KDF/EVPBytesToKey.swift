/// OpenSSL's `EVP_BytesToKey` with MD5 and one iteration: the key derivation of legacy
/// encrypted PEM (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: <cipher>,<IV hex>`).

/// `D_1 = MD5(password ‖ salt)`, `D_i = MD5(D_{i-1} ‖ password ‖ salt)`; the key is the first
/// `byteCount` bytes of `D_1 ‖ D_2 ‖ …`. For PEM the salt is the first 8 bytes of the IV.
///
/// A weak KDF (one MD5 per 16 bytes, no iteration count): supported only to open existing
/// legacy keys. Time depends only on the lengths.
package enum EVPBytesToKey {
    /// Derives `byteCount` (≥ 0) bytes from `password` and `salt` with MD5, count = 1.
    package static func deriveKeyMD5(password: some ContiguousByteSource, salt: some ContiguousByteSource,
                                    byteCount: Int) -> [UInt8] {
        precondition(byteCount >= 0, "EVP_BytesToKey derives a non-negative number of bytes")
        var out = [UInt8]()
        out.reserveCapacity(byteCount + 16)
        var previous = [UInt8]()
        while out.count < byteCount {
            var md5 = Insecure.MD5()
            md5.update(previous)
            md5.update(password)
            md5.update(salt)
            previous = md5.finalize()
            out.append(contentsOf: previous)
        }
        out.removeLast(out.count - byteCount)
        return out
    }
}
