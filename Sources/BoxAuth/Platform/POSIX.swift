// The few C-library calls the token stores make (files, flock, TCP sockets), with one arm per C
// library: Glibc, Musl, Darwin. Constants whose type differs between them are wrapped here, so
// the stores read the same everywhere; the socket constants are `package` for the emulator's
// HTTP server and the tests, which open sockets too.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

package enum POSIX {
    /// `SOCK_STREAM` (an enum in Glibc, an `Int32` in Musl and Darwin).
    #if canImport(Glibc)
    package static let streamSocket = Int32(SOCK_STREAM.rawValue)
    #else
    package static let streamSocket = SOCK_STREAM
    #endif

    /// `send` flags that turn a write to a closed peer into `EPIPE` instead of `SIGPIPE`. Darwin
    /// has no such flag; its sockets get `SO_NOSIGPIPE` instead (`configureNoSigPipe`).
    #if canImport(Darwin)
    package static let sendFlags: Int32 = 0
    #else
    package static let sendFlags = Int32(MSG_NOSIGNAL)
    #endif

    package static func configureNoSigPipe(_ fd: Int32) {
        #if canImport(Darwin)
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    static var errorNumber: Int32 { errno }

    /// `strerror(code)`, e.g. "Connection refused".
    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }

    /// `open(path, flags | O_CLOEXEC, mode)`, retried on EINTR. Returns -1 with errno set.
    static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) -> Int32 {
        while true {
            #if canImport(Darwin)
            let fd = Darwin.open(path, flags | O_CLOEXEC, mode)
            #elseif canImport(Glibc)
            let fd = Glibc.open(path, flags | O_CLOEXEC, mode)
            #else
            let fd = Musl.open(path, flags | O_CLOEXEC, mode)
            #endif
            if fd >= 0 || errno != EINTR { return fd }
        }
    }

    static func close(_ fd: Int32) {
        #if canImport(Darwin)
        _ = Darwin.close(fd)
        #elseif canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Musl.close(fd)
        #endif
    }

    /// `connect(2)` (named through its module: types with a `connect` method shadow it).
    static func connect(_ fd: Int32, _ address: UnsafePointer<sockaddr>!, _ length: socklen_t) -> Int32 {
        #if canImport(Darwin)
        return Darwin.connect(fd, address, length)
        #elseif canImport(Glibc)
        return Glibc.connect(fd, address, length)
        #else
        return Musl.connect(fd, address, length)
        #endif
    }

    /// `flock(fd, LOCK_EX | LOCK_NB)`: true when taken, false when another open file holds it.
    /// Any other failure returns its errno.
    static func tryLockExclusive(_ fd: Int32) -> Result<Bool, POSIXFailure> {
        while true {
            if flock(fd, LOCK_EX | LOCK_NB) == 0 { return .success(true) }
            let code = errno
            if code == EINTR { continue }
            if code == EWOULDBLOCK || code == EAGAIN { return .success(false) }
            return .failure(POSIXFailure(code))
        }
    }

    /// `flock(fd, LOCK_EX)`, waiting for the holder. Only for locks held across a few system calls.
    static func lockExclusive(_ fd: Int32) -> POSIXFailure? {
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { return POSIXFailure(errno) }
        }
        return nil
    }

    static func unlock(_ fd: Int32) { _ = flock(fd, LOCK_UN) }

    /// Reads the whole file open at `fd`, refusing more than `limit` bytes.
    static func readAll(_ fd: Int32, limit: Int) -> Result<[UInt8], POSIXFailure> {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(POSIXFailure(errno))
            }
            if n == 0 { return .success(out) }
            out += chunk[0..<n]
            if out.count > limit { return .failure(POSIXFailure(EFBIG)) }
        }
    }

    /// Writes all of `bytes` at the current offset.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> POSIXFailure? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return POSIXFailure(errno)
            }
            offset += n
        }
        return nil
    }

    /// Device and inode of an open file, or of a path (without following a final symlink).
    static func identity(fd: Int32) -> FileIdentity? {
        var s = stat()
        guard fstat(fd, &s) == 0 else { return nil }
        return FileIdentity(device: UInt64(s.st_dev), inode: UInt64(s.st_ino))
    }

    static func identity(path: String) -> FileIdentity? {
        var s = stat()
        guard lstat(path, &s) == 0 else { return nil }
        return FileIdentity(device: UInt64(s.st_dev), inode: UInt64(s.st_ino))
    }

    /// Owner, mode bits and kind of `path` (not following a final symlink).
    static func status(path: String) -> (owner: UInt32, mode: UInt32, isDirectory: Bool)? {
        var s = stat()
        guard lstat(path, &s) == 0 else { return nil }
        return (UInt32(s.st_uid), UInt32(s.st_mode) & 0o7777, (UInt32(s.st_mode) & UInt32(S_IFMT)) == UInt32(S_IFDIR))
    }

    static var effectiveUserID: UInt32 { UInt32(geteuid()) }
}

/// Which file an open descriptor or a path names.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64
}

/// A failed system call's errno, with its text.
struct POSIXFailure: Error, CustomStringConvertible {
    let code: Int32
    init(_ code: Int32) { self.code = code }
    var description: String { POSIX.describe(code) }
}
