#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PureCrypto

/// Unbuffered writes to stdout and stderr (POSIX `write`, retried on partial writes and EINTR).
package enum Output {
    /// Writes a verb's result to stdout. A failed write (full disk, closed pipe with SIGPIPE
    /// ignored) is rejected output: exit status 1, code `write_failed`.
    package static func emit(_ text: String) throws(CLIError) {
        guard writeAll(1, Array(text.utf8)) else {
            throw .rejected(.writeFailed, "cannot write to stdout: \(lastErrorText())")
        }
    }

    /// Writes raw bytes (binary output) to stdout; same failure rule as `emit`.
    package static func emit(bytes: [UInt8]) throws(CLIError) {
        guard writeAll(1, bytes) else {
            throw .rejected(.writeFailed, "cannot write to stdout: \(lastErrorText())")
        }
    }

    /// Best-effort stdout write, for help text.
    static func write(_ text: String) { _ = writeAll(1, Array(text.utf8)) }

    /// Best-effort stderr write.
    static func error(_ text: String) { _ = writeAll(2, Array(text.utf8)) }

    /// One line on stderr (the error format is built by `CLIError.line`).
    static func errorLine(_ line: String) { error(line + "\n") }

    /// A `--verbose` line on stderr, `purejwt: TEXT`: escaped and cut like an error line, and
    /// written with one `write`, so lines from concurrent tasks do not interleave.
    package static func verboseLine(_ text: String) { error("purejwt: \(Echo.printable(text, maxBytes: 1024))\n") }

    /// Writes all of `bytes` to `fd` (POSIX `write`, retried on partial writes and EINTR). False
    /// on any other failure, with `errno` set.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }
}

private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, pointer, count)
    #elseif canImport(Musl)
    Musl.write(fd, pointer, count)
    #elseif canImport(Darwin)
    Darwin.write(fd, pointer, count)
    #endif
}

/// `strerror(errno)` as a String, for messages about files and pipes.
func lastErrorText() -> String {
    String(cString: strerror(errno))
}
