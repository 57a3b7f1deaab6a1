// Arm semihosting ("Semihosting for AArch32 and AArch64", Arm IHI 0070): the debugger or emulator
// (here QEMU with `-semihosting-config enable=on,target=native`) serves files, the console, the
// command line, the clock and the exit status to a program stopped at `BKPT 0xAB`, with the
// operation number in r0 and a pointer to its argument block in r1; the result comes back in r0.

#if arch(arm)

/// The semihosting trap, `bkpt 0xab; bx lr`, called as a C function (r0 = operation, r1 =
/// argument block, result in r0). Its two instruction words are defined in EmbeddedStartup
/// (`semihostingTrap`); the linker script names their address `__semihosting_trap`.
@_extern(c) nonisolated(unsafe) private var __semihosting_trap: UInt16

private typealias SemihostingCall = @convention(c) (UInt32, UnsafeRawPointer?) -> UInt32

/// Semihosting operation numbers (IHI 0070, section 6).
enum SemihostingOperation: UInt32 {
    case open = 0x01
    case close = 0x02
    case write = 0x05
    case read = 0x06
    case fileLength = 0x0C
    case time = 0x11
    case commandLine = 0x15
    case exitExtended = 0x20
}

public enum Semihosting {
    @inline(never)
    static func call(_ operation: SemihostingOperation, _ argument: UnsafeRawPointer?) -> UInt32 {
        // Bit 0 set: the branch stays in Thumb state, the only one a Cortex-M has.
        let address = withUnsafeMutablePointer(to: &__semihosting_trap) { UInt(bitPattern: $0) }
        let trap = unsafeBitCast(address | 1, to: SemihostingCall.self)
        return trap(operation.rawValue, argument)
    }

    /// Calls `operation` with an argument block of up to four words (on the stack: nothing
    /// here allocates, so the fatal-error path can use it), which the host may overwrite.
    static func call(_ operation: SemihostingOperation, _ block: inout (UInt32, UInt32, UInt32, UInt32)) -> UInt32 {
        withUnsafeMutableBytes(of: &block) { call(operation, UnsafeRawPointer($0.baseAddress)) }
    }

    private static func word(_ pointer: UnsafeRawPointer?) -> UInt32 { UInt32(UInt(bitPattern: pointer)) }

    /// Mode numbers of SYS_OPEN (IHI 0070 6.1: the index of the fopen mode string).
    enum OpenMode: UInt32 {
        case readBinary = 1
        case write = 4
        case append = 8
    }

    /// A host file handle, or nil. `name` must be NUL-terminated (a `StaticString` is).
    static func open(_ name: StaticString, _ mode: OpenMode) -> UInt32? {
        var block = (word(name.utf8Start), mode.rawValue, UInt32(name.utf8CodeUnitCount), UInt32(0))
        let handle = call(.open, &block)
        return handle == UInt32.max ? nil : handle
    }

    static func close(_ handle: UInt32) {
        var block = (handle, UInt32(0), UInt32(0), UInt32(0))
        _ = call(.close, &block)
    }

    /// Reads into `buffer`; the byte count read (0 at the end of the file), or nil on error.
    static func read(_ handle: UInt32, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        var block = (handle, word(buffer.baseAddress), UInt32(buffer.count), UInt32(0))
        let notRead = call(.read, &block)
        return notRead > UInt32(buffer.count) ? nil : buffer.count - Int(notRead)
    }

    /// Writes all of `bytes`; false when the host wrote fewer.
    static func write(_ handle: UInt32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var block = (handle, word(bytes.baseAddress), UInt32(bytes.count), UInt32(0))
        return call(.write, &block) == 0
    }

    static func fileLength(_ handle: UInt32) -> Int? {
        var block = (handle, UInt32(0), UInt32(0), UInt32(0))
        let length = call(.fileLength, &block)
        return length == UInt32.max ? nil : Int(length)
    }

    /// The command line, as the host gives it (QEMU: the image's path, then `-append`'s text).
    static func commandLine() -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 1024)
        let length = buffer.withUnsafeMutableBytes { b -> Int in
            var block = (word(b.baseAddress), UInt32(b.count), UInt32(0), UInt32(0))
            guard call(.commandLine, &block) == 0 else { return 0 }
            return min(Int(block.1), b.count)
        }
        return Array(buffer[0..<length])
    }

    public static func exit(_ status: Int32) -> Never {
        // ADP_Stopped_ApplicationExit (0x20026) and the status: QEMU exits with that status.
        var block = (UInt32(0x20026), UInt32(bitPattern: status), UInt32(0), UInt32(0))
        _ = call(.exitExtended, &block)
        while true {}
    }
}

enum PlatformIO {
    /// The command line split at spaces, without the image's name.
    static func arguments() -> [String] {
        var words: [String] = []
        for word in Semihosting.commandLine().split(separator: UInt8(ascii: " ")) {
            words.append(String(decoding: word, as: UTF8.self))
        }
        return Array(words.dropFirst())
    }

    static func readInput(semihostingFile: StaticString, limit: Int) -> [UInt8]? {
        guard let handle = Semihosting.open(semihostingFile, .readBinary) else { return nil }
        defer { Semihosting.close(handle) }
        guard let length = Semihosting.fileLength(handle), length <= limit else { return nil }
        var input = [UInt8](repeating: 0, count: length)
        var filled = 0
        let ok = input.withUnsafeMutableBytes { b in
            while filled < length {
                guard let n = Semihosting.read(handle, into: UnsafeMutableRawBufferPointer(rebasing: b[filled...])), n > 0 else {
                    return false
                }
                filled += n
            }
            return true
        }
        return ok ? input : nil
    }

    // The console: ":tt" opened for writing is standard output, for appending standard error.
    nonisolated(unsafe) private static var standardOutput: UInt32? = nil
    nonisolated(unsafe) private static var standardError: UInt32? = nil

    static func write(_ bytes: UnsafeRawBufferPointer, toStandardError: Bool) {
        let handle: UInt32?
        if toStandardError {
            if standardError == nil { standardError = Semihosting.open(":tt", .append) }
            handle = standardError
        } else {
            if standardOutput == nil { standardOutput = Semihosting.open(":tt", .write) }
            handle = standardOutput
        }
        guard let handle else { return }
        _ = Semihosting.write(handle, bytes)
    }

    public static func exit(_ status: Int32) -> Never { Semihosting.exit(status) }
}

/// Random bytes from the host's `/dev/urandom`, read through semihosting. A board replaces this
/// with its TRNG (see `EntropySource`).
public enum SemihostingEntropy: EntropySource {
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard let handle = Semihosting.open("/dev/urandom", .readBinary) else { return false }
        defer { Semihosting.close(handle) }
        var filled = 0
        while filled < buffer.count {
            guard let n = Semihosting.read(handle, into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...])), n > 0 else {
                return false
            }
            filled += n
        }
        return true
    }
}

/// The host's clock through SYS_TIME. A board replaces this with its RTC (see `WallClock`).
public enum SemihostingClock: WallClock {
    public static func secondsSince1970() -> Int64? {
        // SYS_TIME answers an unsigned 32-bit count of seconds (good until 2106).
        var block = (UInt32(0), UInt32(0), UInt32(0), UInt32(0))
        return Int64(Semihosting.call(.time, &block))
    }
}

typealias PlatformEntropy = SemihostingEntropy
typealias PlatformClock = SemihostingClock

#endif
