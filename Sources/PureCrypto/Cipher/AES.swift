/// AES-128, AES-192 and AES-256 (FIPS 197), constant-time: a bitsliced implementation that
/// processes four blocks at once with boolean operations only (see `AESSlices`).
///
/// No lookup table is indexed by key or data, and no branch or loop bound depends on them:
/// encryption and decryption run in time that depends only on the number of blocks, and the key
/// schedule in time that depends only on the key length.
@_spi(Hazmat) public struct AES: BlockCipher, Sendable {
    @_spi(Hazmat) public static var blockByteCount: Int { 16 }

    /// The round keys, bitsliced and replicated across the four lanes: 8 words per round key.
    @usableFromInline let roundKeys: [UInt64]
    /// 10, 12 or 14.
    @usableFromInline let rounds: Int

    /// Expands a 16-, 24- or 32-byte key (AES-128, -192, -256).
    ///
    /// Throws `invalid_argument` for any other key length (a public fact).
    @_spi(Hazmat) public init(key: some ContiguousByteSource) throws(CryptoError) {
        let words: [UInt32]? = key.withContiguousBytes { k in
            guard k.count == 16 || k.count == 24 || k.count == 32 else { return nil }
            return (0..<(k.count / 4)).map { i in
                UInt32(littleEndian: k.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
            }
        }
        guard let keyWords = words else {
            let n = key.withContiguousBytes { $0.count }
            throw CryptoError(.invalidArgument, "an AES key is 16, 24 or 32 bytes, not \(n)")
        }
        let nk = keyWords.count
        let rounds = nk + 6
        // FIPS 197 section 5.2, with words kept little-endian (byte 0 in the low bits), so
        // RotWord is a rotation right by 8 and Rcon goes into the low byte.
        var w = keyWords
        w.reserveCapacity(4 * (rounds + 1))
        var rcon: UInt32 = 1
        for i in nk..<(4 * (rounds + 1)) {
            var temp = w[i - 1]
            if i % nk == 0 {
                temp = Self.subWord((temp >> 8) | (temp << 24)) ^ rcon
                rcon = (rcon << 1) ^ ((rcon >> 7) * 0x11B)
            } else if nk > 6 && i % nk == 4 {
                temp = Self.subWord(temp)
            }
            w.append(w[i - nk] ^ temp)
        }
        var sliced = [UInt64](repeating: 0, count: 8 * (rounds + 1))
        for round in 0...rounds {
            var block = (w[4 * round], w[4 * round + 1], w[4 * round + 2], w[4 * round + 3])
            let s = withUnsafeBytes(of: &block) { one in
                // The same round key in all four lanes.
                var four = [UInt8](repeating: 0, count: 64)
                for lane in 0..<4 {
                    for j in 0..<16 { four[16 * lane + j] = one[j] }
                }
                return four.withUnsafeBytes { AESSlices(loading: $0.baseAddress!, count: 4) }
            }
            sliced[8 * round] = s.q0; sliced[8 * round + 1] = s.q1
            sliced[8 * round + 2] = s.q2; sliced[8 * round + 3] = s.q3
            sliced[8 * round + 4] = s.q4; sliced[8 * round + 5] = s.q5
            sliced[8 * round + 6] = s.q6; sliced[8 * round + 7] = s.q7
        }
        self.roundKeys = sliced
        self.rounds = rounds
    }

    /// SubWord through the bitsliced S-box (constant-time).
    static func subWord(_ x: UInt32) -> UInt32 {
        var block = (x.littleEndian, UInt32(0), UInt32(0), UInt32(0))
        withUnsafeMutableBytes(of: &block) { b in
            var s = AESSlices(loading: UnsafeRawPointer(b.baseAddress!), count: 1)
            s.subBytes()
            s.store(to: b.baseAddress!, count: 1)
        }
        return UInt32(littleEndian: block.0)
    }

    /// Encrypts up to four blocks at `p` in place.
    @inlinable
    func encryptBatch(_ p: UnsafeMutableRawPointer, count: Int) {
        var s = AESSlices(loading: UnsafeRawPointer(p), count: count)
        roundKeys.withUnsafeBufferPointer { rk in
            let k = rk.baseAddress!
            s.addRoundKey(k)
            for round in 1..<rounds {
                s.subBytes()
                s.shiftRows()
                s.mixColumns()
                s.addRoundKey(k + 8 * round)
            }
            s.subBytes()
            s.shiftRows()
            s.addRoundKey(k + 8 * rounds)
        }
        s.store(to: p, count: count)
    }

    /// Decrypts up to four blocks at `p` in place (FIPS 197 section 5.3, the inverse cipher).
    @inlinable
    func decryptBatch(_ p: UnsafeMutableRawPointer, count: Int) {
        var s = AESSlices(loading: UnsafeRawPointer(p), count: count)
        roundKeys.withUnsafeBufferPointer { rk in
            let k = rk.baseAddress!
            s.addRoundKey(k + 8 * rounds)
            var round = rounds - 1
            while round > 0 {
                s.inverseShiftRows()
                s.inverseSubBytes()
                s.addRoundKey(k + 8 * round)
                s.inverseMixColumns()
                round -= 1
            }
            s.inverseShiftRows()
            s.inverseSubBytes()
            s.addRoundKey(k)
        }
        s.store(to: p, count: count)
    }

    /// Encrypts each 16-byte block in place, four at a time. Hazmat (ECB); use `CBC`.
    @inlinable
    @_spi(Hazmat) public func encryptBlocksInPlace(_ blocks: UnsafeMutableRawBufferPointer) {
        precondition(blocks.count % 16 == 0, "AES works on whole 16-byte blocks")
        guard let base = blocks.baseAddress else { return }
        var offset = 0
        while offset < blocks.count {
            let n = min(4, (blocks.count - offset) / 16)
            encryptBatch(base + offset, count: n)
            offset += 16 * n
        }
    }

    /// Decrypts each 16-byte block in place, four at a time. Hazmat (ECB); use `CBC`.
    @inlinable
    @_spi(Hazmat) public func decryptBlocksInPlace(_ blocks: UnsafeMutableRawBufferPointer) {
        precondition(blocks.count % 16 == 0, "AES works on whole 16-byte blocks")
        guard let base = blocks.baseAddress else { return }
        var offset = 0
        while offset < blocks.count {
            let n = min(4, (blocks.count - offset) / 16)
            decryptBatch(base + offset, count: n)
            offset += 16 * n
        }
    }
}
