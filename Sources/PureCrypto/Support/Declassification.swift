/// The points where a secret-derived value deliberately becomes public, made visible to
/// constant-time checking tools.
///
/// Every such point in the core goes through `Choice.declassified` or `Declassification.value(_:)`.
/// Normally they are plain reads. The `ct-check` tool (ConstantTime/, run under valgrind memcheck
/// with every secret input marked undefined) sets `hook` to tell memcheck that the value is
/// defined from here on, so the only memcheck reports left are branches and memory indices that
/// depend on secrets without passing through a declared declassification point.
@usableFromInline
package enum Declassification {
    /// Called, when set, with the address and byte count of each value just before it is made
    /// public. Nil in every program except constant-time checkers; set it once at start-up,
    /// before any other thread runs. It must not read or keep the value.
    @usableFromInline nonisolated(unsafe) package static var hook: (@convention(c) (UnsafeMutableRawPointer, Int) -> Void)? = nil

    /// Returns `value`, now public. Call only where the value is allowed to leak, and say why
    /// at the call site.
    @inlinable
    package static func value(_ value: UInt64) -> UInt64 {
        guard let hook else { return value }
        var v = value
        hook(&v, MemoryLayout<UInt64>.size)
        return v
    }
}
