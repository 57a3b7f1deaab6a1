/// Byte containers that can be read in place, so `[UInt8]`, `ArraySlice<UInt8>` and raw buffers
/// are hashed, MACed and parsed without a copy. (Named apart from Foundation's `ContiguousBytes`
/// so that importing both never makes a call ambiguous.)
public protocol ContiguousByteSource {
    /// Calls `body` with the bytes in place, for the duration of the call only.
    func withContiguousBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R
}

extension Array: ContiguousByteSource where Element == UInt8 {
    /// Calls `body` with the bytes in place (see `ContiguousByteSource`).
    @inlinable
    public func withContiguousBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try withUnsafeBufferPointer { (buf) throws(E) -> R in try body(UnsafeRawBufferPointer(buf)) }
    }
}

extension ArraySlice: ContiguousByteSource where Element == UInt8 {
    /// Calls `body` with the bytes in place (see `ContiguousByteSource`).
    @inlinable
    public func withContiguousBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try withUnsafeBufferPointer { (buf) throws(E) -> R in try body(UnsafeRawBufferPointer(buf)) }
    }
}

extension UnsafeRawBufferPointer: ContiguousByteSource {
    /// Calls `body` with the bytes in place (see `ContiguousByteSource`).
    @inlinable
    public func withContiguousBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(self)
    }
}
