/// Cryptographically secure random bytes from the standard library's `SystemRandomNumberGenerator`
/// (getrandom/arc4random on the host; in Embedded Swift, the platform's `arc4random_buf`).
public enum SecureRandom {
    /// `count` fresh random bytes. `count` must not be negative.
    @inlinable
    public static func bytes(count: Int) -> [UInt8] {
        precondition(count >= 0, "SecureRandom.bytes(count:) needs a non-negative count")
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Overwrites every byte of `bytes` with fresh random bytes.
    @inlinable
    public static func fill(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { fill($0) }
    }

    /// Overwrites every byte of `buffer` with fresh random bytes.
    @inlinable
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        var generator = SystemRandomNumberGenerator()
        var i = 0
        while i < buffer.count {
            var word = generator.next()   // UInt64
            let take = min(8, buffer.count - i)
            for k in 0..<take {
                buffer[i + k] = UInt8(truncatingIfNeeded: word)
                word >>= 8
            }
            i += take
        }
    }
}
