// A small blocking-socket HTTP/1.1 server bound to loopback, for the Box emulator. One thread
// accepts; each connection gets its own thread and may carry several requests (keep-alive).
// It is a test and demo server: it binds only to 127.0.0.1 and caps every read.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import BoxAuth
import Foundation

/// Starting, binding or accepting failed.
package struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    package var description: String
}

package final class HTTPServer: Sendable {
    package typealias Handler = @Sendable (HTTPRequest) -> HTTPServerReply

    private let requestedPort: UInt16
    private let limits: HTTPParseLimits
    private let handler: Handler
    /// Idle connections are closed after this many seconds without a complete request.
    private let readTimeoutSeconds: Int
    /// The most connections served at once (one thread each); more wait in the listen backlog.
    package let maxConnections: Int
    private let state = Locked(State())

    private struct State {
        var listener: Int32 = -1
        var port: UInt16 = 0
        var connections: Set<Int32> = []
        var stopped = false
        /// The most connections open at once so far (for tests of the cap).
        var peakConnections = 0
        /// Times accept failed for lack of descriptors or memory and the loop backed off.
        var acceptBackoffs = 0
    }

    /// - Parameters:
    ///   - port: 0 picks a free port; read it from `port` after `start()`.
    ///   - maxConnections: connections served at once (default 128); the accept loop waits for
    ///     one to end before taking the next, so a flood cannot make a thread per socket.
    package init(port: UInt16 = 0, limits: HTTPParseLimits = HTTPParseLimits(), readTimeoutSeconds: Int = 30,
                 maxConnections: Int = 128, handler: @escaping Handler) {
        self.requestedPort = port
        self.limits = limits
        self.readTimeoutSeconds = readTimeoutSeconds
        self.maxConnections = max(1, maxConnections)
        self.handler = handler
    }

    /// The most connections that were open at once.
    package var peakConnections: Int { state.withLock { $0.peakConnections } }

    /// How many times the accept loop backed off after running out of descriptors or memory.
    package var acceptBackoffs: Int { state.withLock { $0.acceptBackoffs } }

    /// The bound port (0 before `start()`).
    package var port: UInt16 { state.withLock { $0.port } }

    /// Binds 127.0.0.1, starts accepting, and returns the port.
    @discardableResult
    package func start() throws(HTTPServerError) -> UInt16 {
        let fd = socket(AF_INET, POSIX.streamSocket, 0)
        guard fd >= 0 else { throw HTTPServerError(description: "socket() failed: errno \(errno)") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var addr = LoopbackSocket.address(requestedPort)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 512) == 0 else {
            let e = errno
            close(fd)
            throw HTTPServerError(description: "cannot listen on 127.0.0.1:\(requestedPort): errno \(e)")
        }
        var actual = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        let port = UInt16(bigEndian: actual.sin_port)
        state.withLock {
            $0.listener = fd
            $0.port = port
        }
        let thread = Thread { [self] in acceptLoop(fd) }
        thread.name = "box-emulator-accept"
        thread.start()
        return port
    }

    /// Stops accepting and closes every open connection.
    package func stop() {
        let (listener, open) = state.withLock { s -> (Int32, Set<Int32>) in
            s.stopped = true
            let l = s.listener
            s.listener = -1
            return (l, s.connections)
        }
        if listener >= 0 {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    deinit { stop() }

    /// Accepts until `stop()`. Out of file descriptors (EMFILE, ENFILE) or memory (ENOBUFS,
    /// ENOMEM), it backs off (10 ms, doubling to 1 s) and tries again, so a burst of connections
    /// or a descriptor leak elsewhere never ends the server; a connection aborted before it was
    /// accepted is skipped. At `maxConnections` it waits for a connection to end.
    private func acceptLoop(_ listener: Int32) {
        var backoffMicroseconds: UInt32 = 10_000
        while true {
            while state.withLock({ !$0.stopped && $0.connections.count >= maxConnections }) { usleep(2_000) }
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                let error = errno
                if state.withLock({ $0.stopped }) { return }
                switch error {
                case EINTR, ECONNABORTED, EPROTO:
                    continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    state.withLock { $0.acceptBackoffs += 1 }
                    usleep(backoffMicroseconds)
                    backoffMicroseconds = min(backoffMicroseconds * 2, 1_000_000)
                    continue
                default:
                    return  // the listener itself is gone (EBADF, EINVAL): nothing left to serve
                }
            }
            backoffMicroseconds = 10_000
            let admitted = state.withLock { s -> Bool in
                if s.stopped { return false }
                s.connections.insert(fd)
                s.peakConnections = max(s.peakConnections, s.connections.count)
                return true
            }
            guard admitted else {
                close(fd)
                return
            }
            var timeout = timeval(tv_sec: readTimeoutSeconds, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            POSIX.configureNoSigPipe(fd)
            let thread = Thread { [self] in serve(fd) }
            thread.name = "box-emulator-conn"
            thread.start()
        }
    }

    private func serve(_ fd: Int32) {
        defer {
            state.withLock { _ = $0.connections.remove(fd) }
            close(fd)
        }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            switch HTTPRequestParser.parse(buffer, limits: limits) {
            case .invalid(let error):
                let response = HTTPResponse.json(error.status, #"{"error":"invalid_request","error_description":"\#(error.reason)"}"#)
                sendAll(fd, response.serialized(keepAlive: false))
                return
            case .request(let request, let consumed):
                buffer.removeFirst(consumed)
                let keepAlive = request.keepAlive
                switch handler(request) {
                case .respond(let response):
                    guard sendAll(fd, response.serialized(keepAlive: keepAlive)) else { return }
                case .respondAfter(let ms, let response):
                    usleep(UInt32(max(0, ms)) * 1000)
                    guard sendAll(fd, response.serialized(keepAlive: keepAlive)) else { return }
                case .raw(let bytes):
                    sendAll(fd, bytes)
                    shutdown(fd, Int32(SHUT_RDWR))
                    return
                case .dropConnection:
                    // Close without answering: the client sees the connection end with no
                    // response, as when an upstream crashes mid-request.
                    shutdown(fd, Int32(SHUT_RDWR))
                    return
                }
                if !keepAlive { return }
            case .needMoreData:
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return }  // closed, reset, or idle past the read timeout
                buffer.append(contentsOf: chunk[0..<n])
            }
        }
    }

    @discardableResult
    private func sendAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, POSIX.sendFlags) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}

