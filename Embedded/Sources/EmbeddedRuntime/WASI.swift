// WASI preview 1, imported directly (no wasi-libc): arguments, standard streams, exit, the clock
// and random bytes. Each import is the function of the same name in the WASI preview 1 spec
// (wasi_snapshot_preview1); pointers are offsets into the module's linear memory.

#if arch(wasm32)

@_extern(wasm, module: "wasi_snapshot_preview1", name: "args_sizes_get")
@_extern(c) private func wasi_args_sizes_get(_ count: UnsafeMutablePointer<UInt32>, _ bufferSize: UnsafeMutablePointer<UInt32>) -> UInt16

@_extern(wasm, module: "wasi_snapshot_preview1", name: "args_get")
@_extern(c) private func wasi_args_get(_ argv: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, _ buffer: UnsafeMutablePointer<UInt8>) -> UInt16

@_extern(wasm, module: "wasi_snapshot_preview1", name: "fd_read")
@_extern(c) private func wasi_fd_read(_ fd: UInt32, _ iovs: UnsafeRawPointer, _ iovsCount: UInt32, _ read: UnsafeMutablePointer<UInt32>) -> UInt16

@_extern(wasm, module: "wasi_snapshot_preview1", name: "fd_write")
@_extern(c) private func wasi_fd_write(_ fd: UInt32, _ iovs: UnsafeRawPointer, _ iovsCount: UInt32, _ written: UnsafeMutablePointer<UInt32>) -> UInt16

@_extern(wasm, module: "wasi_snapshot_preview1", name: "random_get")
@_extern(c) private func wasi_random_get(_ buffer: UnsafeMutableRawPointer, _ count: UInt32) -> UInt16

@_extern(wasm, module: "wasi_snapshot_preview1", name: "clock_time_get")
@_extern(c) private func wasi_clock_time_get(_ clock: UInt32, _ precision: UInt64, _ time: UnsafeMutablePointer<UInt64>) -> UInt16

@_extern(wasm, module: "wasi_snapshot_preview1", name: "proc_exit")
@_extern(c) private func wasi_proc_exit(_ status: UInt32)

/// WASI's `iovec`/`ciovec`: a buffer's offset and length.
private struct IOVector {
    var base: UInt32
    var length: UInt32
}

enum PlatformIO {
    static func arguments() -> [String] {
        var count: UInt32 = 0, size: UInt32 = 0
        guard wasi_args_sizes_get(&count, &size) == 0, count > 1 else { return [] }
        var pointers = [UnsafeMutablePointer<UInt8>?](repeating: nil, count: Int(count))
        var buffer = [UInt8](repeating: 0, count: Int(size))
        let ok = pointers.withUnsafeMutableBufferPointer { p in
            buffer.withUnsafeMutableBufferPointer { b in wasi_args_get(p.baseAddress!, b.baseAddress!) == 0 }
        }
        guard ok else { return [] }
        // Arguments are NUL-terminated, one after another, in order.
        var result: [String] = []
        var start = 0
        for i in 0..<buffer.count where buffer[i] == 0 {
            result.append(String(decoding: buffer[start..<i], as: UTF8.self))
            start = i + 1
        }
        return Array(result.dropFirst())
    }

    static func readInput(semihostingFile: StaticString, limit: Int) -> [UInt8]? {
        var input: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            var read: UInt32 = 0
            let status = chunk.withUnsafeMutableBytes { c in
                var vector = IOVector(base: UInt32(UInt(bitPattern: c.baseAddress!)), length: UInt32(c.count))
                return withUnsafeBytes(of: &vector) { wasi_fd_read(0, $0.baseAddress!, 1, &read) }
            }
            guard status == 0 else { return nil }
            if read == 0 { return input }
            guard input.count + Int(read) <= limit else { return nil }
            input += chunk[0..<Int(read)]
        }
    }

    static func write(_ bytes: UnsafeRawBufferPointer, toStandardError: Bool) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            var written: UInt32 = 0
            var vector = IOVector(base: UInt32(UInt(bitPattern: base + offset)), length: UInt32(bytes.count - offset))
            let status = withUnsafeBytes(of: &vector) { wasi_fd_write(toStandardError ? 2 : 1, $0.baseAddress!, 1, &written) }
            guard status == 0, written > 0 else { return }
            offset += Int(written)
        }
    }

    static func exit(_ status: Int32) -> Never {
        wasi_proc_exit(UInt32(bitPattern: status))
        fatalError("proc_exit returned")
    }
}

public enum WASIRandom: EntropySource {
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard let base = buffer.baseAddress else { return true }
        return wasi_random_get(base, UInt32(buffer.count)) == 0
    }
}

public enum WASIClock: WallClock {
    public static func secondsSince1970() -> Int64? {
        var nanoseconds: UInt64 = 0
        // Clock 0 is CLOCK_REALTIME.
        guard wasi_clock_time_get(0, 1_000_000_000, &nanoseconds) == 0 else { return nil }
        return Int64(nanoseconds / 1_000_000_000)
    }
}

typealias PlatformEntropy = WASIRandom
typealias PlatformClock = WASIClock

/// The program's entry point (`@_cdecl("embedded_main")` in the program's module).
@_extern(c) private func embedded_main() -> Int32

/// The module's entry point, called by the WASI runtime.
@_expose(wasm, "_start")
@_cdecl("_start")
public func _start() {
    StackGauge.paint()
    PlatformIO.exit(embedded_main())
}

#endif
