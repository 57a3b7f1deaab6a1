// Raw TCP clients for tests of the loopback servers (the emulator and its HTTP server):
// connections that stay idle, and one plain GET whose status line is read back.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import BoxAuth

package enum LoopbackSocket {
    /// 127.0.0.1:`port` as a socket address (the emulator binds it, clients connect to it).
    package static func address(_ port: UInt16) -> sockaddr_in {
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return addr
    }

    /// A TCP socket connected to 127.0.0.1:`port`, or -1.
    package static func connect(_ port: UInt16) -> Int32 {
        let fd = socket(AF_INET, POSIX.streamSocket, 0)
        guard fd >= 0 else { return -1 }
        var addr = address(port)
        let ok = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if ok != 0 { close(fd); return -1 }
        return fd
    }

    /// `GET path` on a fresh connection; the response's status line, or nil when none came
    /// within `timeoutSeconds`.
    package static func get(_ port: UInt16, path: String = "/x", timeoutSeconds: Int = 10) -> String? {
        let fd = connect(port)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, POSIX.sendFlags) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        let text = String(decoding: buffer[0..<n], as: UTF8.self)
        return text.split(separator: "\r\n", omittingEmptySubsequences: false).first.map(String.init)
    }
}

/// `connect(2)`, named apart from `LoopbackSocket.connect`.
private func socketConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}
