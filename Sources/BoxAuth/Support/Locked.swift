// A value behind a lock, for the Foundation layers (Box auth, the emulator, the CLI).

import Foundation

/// `value` guarded by an `NSLock`: the shape of `Synchronization.Mutex`, on every platform
/// Box auth supports (`Mutex` needs macOS 15 / iOS 18; `NSLock` has no such floor).
///
/// The body of `withLock` runs with the lock held: keep it short and never `await` in it.
package final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    package init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` on the guarded value with the lock held.
    package func withLock<Result, Failure: Error>(
        _ body: (inout Value) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
