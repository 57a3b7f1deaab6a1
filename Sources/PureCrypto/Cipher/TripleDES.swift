/// Triple DES, DES-EDE3 (NIST SP 800-67): E_K3(D_K2(E_K1(x))), constant-time like `DES`.
///
/// Still found in legacy encrypted keys (`DES-EDE3-CBC` PEM, PBES2 with des-ede3-cbc, PKCS#12
/// pbeWithSHAAnd3-KeyTripleDES-CBC). 64-bit blocks: do not encrypt much data under one key.
package struct TripleDES: BlockCipher, Sendable {
    package static var blockByteCount: Int { 8 }

    let k1: DESKeySchedule, k2: DESKeySchedule, k3: DESKeySchedule

    /// A 24-byte key K1 ‖ K2 ‖ K3 (keying option 1), or a 16-byte key K1 ‖ K2 with K3 = K1
    /// (keying option 2, "two-key" Triple DES). Parity bits are ignored. Throws
    /// `invalid_argument` for any other length.
    package init(key: some ContiguousByteSource) throws(CryptoError) {
        let keys: (UInt64, UInt64, UInt64)? = key.withContiguousBytes { k in
            guard k.count == 24 || k.count == 16 else { return nil }
            let a = UInt64(bigEndian: k.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
            let b = UInt64(bigEndian: k.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            let c = k.count == 24 ? UInt64(bigEndian: k.loadUnaligned(fromByteOffset: 16, as: UInt64.self)) : a
            return (a, b, c)
        }
        guard let keys else {
            let n = key.withContiguousBytes { $0.count }
            throw CryptoError(.invalidArgument, "a Triple DES key is 24 bytes (or 16 for two-key), not \(n)")
        }
        k1 = DESKeySchedule(key: keys.0)
        k2 = DESKeySchedule(key: keys.1)
        k3 = DESKeySchedule(key: keys.2)
    }

    // Between stages, IP^-1 then IP cancel: each stage takes the previous preoutput as is.
    package func encryptBlocksInPlace(_ blocks: UnsafeMutableRawBufferPointer) {
        DESKeySchedule.forEachBlock(blocks) { x in
            var s = DESKeySchedule.initialPermutation(x)
            s = k1.crypt(s, decrypt: false)
            s = k2.crypt(s, decrypt: true)
            s = k3.crypt(s, decrypt: false)
            return DESKeySchedule.finalPermutation(s)
        }
    }

    package func decryptBlocksInPlace(_ blocks: UnsafeMutableRawBufferPointer) {
        DESKeySchedule.forEachBlock(blocks) { x in
            var s = DESKeySchedule.initialPermutation(x)
            s = k3.crypt(s, decrypt: true)
            s = k2.crypt(s, decrypt: false)
            s = k1.crypt(s, decrypt: true)
            return DESKeySchedule.finalPermutation(s)
        }
    }
}
