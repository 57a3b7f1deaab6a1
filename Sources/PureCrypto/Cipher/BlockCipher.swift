/// The interface CBC needs from a block cipher: raw block encryption and decryption in place.
///
/// These are hazmat primitives (each block is processed on its own, as in ECB). Use `CBC`.
@_spi(Hazmat) public protocol BlockCipher: Sendable {
    /// Bytes per block (16 for AES, 8 for DES and Triple DES).
    static var blockByteCount: Int { get }

    /// Encrypts each block of `blocks` in place, independently. `blocks.count` must be a multiple
    /// of `blockByteCount`. Time depends only on `blocks.count`.
    func encryptBlocksInPlace(_ blocks: UnsafeMutableRawBufferPointer)

    /// Decrypts each block of `blocks` in place, independently (several at once where the cipher
    /// can). `blocks.count` must be a multiple of `blockByteCount`. Time depends only on
    /// `blocks.count`.
    func decryptBlocksInPlace(_ blocks: UnsafeMutableRawBufferPointer)
}
