#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PureCrypto

/// Where a verb reads its input: a file, or stdin when no path (or `-`) is given.
///
/// Files are streamed in fixed-size chunks through one reused buffer, so hashing a 1 GB file
/// needs 64 KiB of memory. Failures are rejected input (exit status 1) with code
/// `input_unreadable` (cannot open or read) or `input_too_large` (`readAll` over its limit).
struct InputSource {
    /// The file path, or nil for stdin.
    let path: String?

    /// `path` nil or `"-"` means stdin.
    init(path: String?) {
        self.path = path == "-" ? nil : path
    }

    /// "stdin" or the quoted path, for messages.
    var displayName: String { path.map { Echo.quoted($0, maxBytes: 128) } ?? "stdin" }

    /// Calls `body` with successive chunks of the input (each at most `chunkSize` bytes, never
    /// empty) until end of file. The buffer is reused: `body` must not keep the pointer.
    func forEachChunk(chunkSize: Int = 64 * 1024,
                      _ body: (UnsafeRawBufferPointer) throws(CLIError) -> Void) throws(CLIError) {
        let fd: Int32
        if let path {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw .rejected(.inputUnreadable, "cannot open \(displayName): \(lastErrorText())")
            }
        } else {
            fd = 0
        }
        defer { if path != nil { close(fd) } }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, chunkSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw .rejected(.inputUnreadable, "cannot read \(displayName): \(lastErrorText())")
            }
            if n == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        }
    }

    /// The whole input, for small inputs (keys, tokens, passphrases). More than `maxBytes` is
    /// rejected with `input_too_large` rather than read into memory.
    func readAll(maxBytes: Int = 16 << 20) throws(CLIError) -> [UInt8] {
        var bytes: [UInt8] = []
        let name = displayName
        try forEachChunk { (chunk) throws(CLIError) in
            guard bytes.count + chunk.count <= maxBytes else {
                throw .rejected(.inputTooLarge, "\(name) is larger than \(maxBytes) bytes; this verb reads small files only")
            }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }
}
