// What a program gets from the machine it runs on: its arguments, its input, two output streams,
// an exit status, the time and random bytes. One facade, two implementations: WASI preview 1 on
// wasm32 (WASI.swift) and Arm semihosting on the Cortex-M4 (Semihosting.swift).
//
// A program defines `embedded_main` (`@_cdecl("embedded_main") func main() -> Int32`); the
// platform's entry point (`_start` on WASI, the reset handler on Arm) calls it and exits with the
// status it returns.

#if arch(wasm32) || arch(arm)

/// Cryptographically secure random bytes. Under WASI this is `random_get`; under QEMU, the host's
/// `/dev/urandom` through semihosting; on a board, its true random number generator (for example
/// the nRF52840's RNG peripheral or the STM32F4's RNG, read until `buffer` is full).
public protocol EntropySource {
    /// Fills `buffer` completely, or returns false when no secure bytes can be had.
    static func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Bool
}

/// Wall-clock time in whole seconds since 1970-01-01 UTC. Under WASI this is `clock_time_get`;
/// under QEMU, the host's clock through semihosting; on a board, its real-time clock, set from a
/// trusted source (NTP, a GNSS receiver, or the phone it pairs with).
public protocol WallClock {
    /// The time, or nil when the clock has not been set.
    static func secondsSince1970() -> Int64?
}

public enum Platform {
    /// The arguments after the program name.
    public static func arguments() -> [String] { PlatformIO.arguments() }

    /// The program's input: standard input under WASI; under semihosting, the file
    /// `semihostingFile` in the host's working directory. Nil when it cannot be read or is longer
    /// than `limit` bytes.
    public static func readInput(semihostingFile: StaticString, limit: Int) -> [UInt8]? {
        PlatformIO.readInput(semihostingFile: semihostingFile, limit: limit)
    }

    public static func writeStandardOutput(_ bytes: [UInt8]) { bytes.withUnsafeBytes { PlatformIO.write($0, toStandardError: false) } }
    public static func writeStandardError(_ bytes: [UInt8]) { bytes.withUnsafeBytes { PlatformIO.write($0, toStandardError: true) } }
    public static func writeStandardOutput(_ text: String) { writeStandardOutput(Array(text.utf8)) }
    public static func writeStandardError(_ text: String) { writeStandardError(Array(text.utf8)) }
    /// Writes a literal to standard error without allocating (for fatal paths).
    public static func writeStandardError(_ text: StaticString) {
        PlatformIO.write(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount), toStandardError: true)
    }

    /// Ends the program with `status` (0 success).
    public static func exit(_ status: Int32) -> Never { PlatformIO.exit(status) }

    /// Seconds since 1970, or nil without a clock.
    public static func secondsSince1970() -> Int64? { PlatformClock.secondsSince1970() }

    /// Fills `buffer` with secure random bytes; false when there is no entropy source.
    public static func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) -> Bool { PlatformEntropy.fill(buffer) }
}

/// `arc4random_buf`, which the standard library's `SystemRandomNumberGenerator` calls in Embedded
/// Swift. It cannot report failure, so without entropy the program stops with a one-line error.
@_cdecl("arc4random_buf")
public func arc4random_buf(_ buffer: UnsafeMutableRawPointer, _ count: Int) {
    guard Platform.fillRandom(UnsafeMutableRawBufferPointer(start: buffer, count: count)) else {
        Platform.writeStandardError("error[entropy_unavailable]: no source of secure random bytes on this platform\n" as StaticString)
        Platform.exit(70)
    }
}


#endif

#if arch(wasm32) || arch(arm)
/// C `putchar`, which the Embedded standard library's `print` and its fatal-error messages call.
/// It writes to standard error, so standard output carries only what a program writes there on
/// purpose, and one byte at a time without allocating, so it works when the heap is exhausted.
@_cdecl("putchar")
public func putchar(_ character: Int32) -> Int32 {
    var byte = UInt8(truncatingIfNeeded: character)
    withUnsafeBytes(of: &byte) { PlatformIO.write($0, toStandardError: true) }
    return character
}
#endif
