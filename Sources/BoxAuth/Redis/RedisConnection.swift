// One TCP connection to Redis, used one command at a time.
//
// Commands run on a serial dispatch queue (never on Swift's cooperative threads, which must not
// block on a socket). Every call has a deadline, counted from when it is made: connecting,
// logging in, writing and reading all wait in `poll` for at most the time left, and a call whose
// deadline passed while it queued fails without touching the socket. A connection that failed or
// timed out is closed (its replies could be out of step); the next call reconnects, but not
// before a backoff that doubles from 100 ms to 5 s (±50 % jitter) while Redis stays unreachable,
// so a dead server costs callers one fast error each, not one timeout each.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

final class RedisConnection: @unchecked Sendable {  // mutable state is touched only on `queue`
    let endpoint: RedisEndpoint
    /// The most one call may take, queueing included.
    let timeout: Duration
    private let limits = RESP.Limits()
    private let queue: DispatchQueue

    private var fd: Int32 = -1
    private var buffer: [UInt8] = []
    private var consecutiveFailures = 0
    private var reconnectAt: ContinuousClock.Instant? = nil
    private var lastFailure = ""

    static let initialBackoff: Duration = .milliseconds(100)
    static let maximumBackoff: Duration = .seconds(5)

    init(endpoint: RedisEndpoint, timeout: Duration) {
        self.endpoint = endpoint
        self.timeout = timeout
        queue = DispatchQueue(label: "purejwt.redis.\(endpoint.host).\(endpoint.port)")
    }

    deinit {
        if fd >= 0 { POSIX.close(fd) }
    }

    /// Sends one command and returns its reply. A Redis error reply (`-ERR …`) is returned as
    /// `.error`, not thrown. Throws `token_store_unavailable` when Redis cannot be reached in
    /// time and `token_store_invalid` when its reply breaks the protocol. `idempotent` commands
    /// are sent once more on a fresh connection when a connection that had been idle turns out
    /// to be dead (e.g. Redis restarted).
    func call(_ args: [[UInt8]], idempotent: Bool) async throws(BoxAuthError) -> RESPValue {
        let deadline = ContinuousClock.now + timeout
        let result: Result<RESPValue, BoxAuthError> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.perform(args, idempotent: idempotent, deadline: deadline)) }
        }
        return try result.get()
    }

    /// Closes the connection; the next call opens a new one.
    func disconnect() {
        queue.sync { closeSocket() }
    }

    // MARK: On the queue

    private func perform(_ args: [[UInt8]], idempotent: Bool, deadline: ContinuousClock.Instant) -> Result<RESPValue, BoxAuthError> {
        guard ContinuousClock.now < deadline else {
            return .failure(unavailable("no answer within \(timeout) (calls queued behind slower ones)"))
        }
        let reused = fd >= 0
        if !reused {
            if let error = connect(deadline: deadline) { return .failure(error) }
        }
        switch exchange(RESP.command(args), deadline: deadline) {
        case .success(let reply):
            return .success(reply)
        case .failure(let failure):
            closeSocket()
            if case .io(_, let noReply) = failure, reused, idempotent, noReply {
                if let error = connect(deadline: deadline) { return .failure(error) }
                if case .success(let reply) = exchange(RESP.command(args), deadline: deadline) { return .success(reply) }
                closeSocket()
            }
            return .failure(recordFailure(failure))
        }
    }

    private enum ExchangeFailure: Error {
        /// A socket error or timeout; `noReply` when not one byte of the reply had arrived.
        case io(String, noReply: Bool)
        case protocolViolation(String)
    }

    /// Writes a command and reads one reply.
    private func exchange(_ bytes: [UInt8], deadline: ContinuousClock.Instant) -> Result<RESPValue, ExchangeFailure> {
        if let error = writeAll(bytes, deadline: deadline) { return .failure(.io(error, noReply: true)) }
        var received = false
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            do {
                if let (value, used) = try RESP.parse(buffer, limits: limits) {
                    buffer.removeFirst(used)
                    return .success(value)
                }
            } catch {
                return .failure(.protocolViolation(error.description))
            }
            if let error = waitFor(Int16(POLLIN), deadline: deadline) { return .failure(.io(error, noReply: !received)) }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                received = true
                buffer += chunk[0..<n]
            } else if n == 0 {
                return .failure(.io("Redis closed the connection", noReply: !received))
            } else if errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK {
                return .failure(.io(POSIX.describe(errno), noReply: !received))
            }
        }
    }

    private func writeAll(_ bytes: [UInt8], deadline: ContinuousClock.Instant) -> String? {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, POSIX.sendFlags) }
            if n > 0 { offset += n; continue }
            if n < 0, errno == EINTR { continue }
            if n < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                if let error = waitFor(Int16(POLLOUT), deadline: deadline) { return error }
                continue
            }
            return n < 0 ? POSIX.describe(errno) : "Redis closed the connection"
        }
        return nil
    }

    /// Waits until the socket is ready for `events`, or returns why not.
    private func waitFor(_ events: Int16, deadline: ContinuousClock.Instant) -> String? {
        while true {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return "no answer within \(timeout)" }
            let ms = Int32(clamping: left.wholeMilliseconds + 1)
            var p = pollfd(fd: fd, events: events, revents: 0)
            let n = poll(&p, 1, ms)
            if n > 0 { return nil }  // ready, or an error the next send/recv reports
            if n < 0, errno != EINTR { return POSIX.describe(errno) }
        }
    }

    /// Opens the socket, logs in and selects the database; on failure records it and returns the error.
    private func connect(deadline: ContinuousClock.Instant) -> BoxAuthError? {
        if let at = reconnectAt, ContinuousClock.now < at {
            let wait = (at - ContinuousClock.now).wholeMilliseconds
            return unavailable("\(lastFailure); next attempt in \(wait) ms")
        }
        switch openSocket(deadline: deadline) {
        case .failure(let failure):
            return recordFailure(failure)
        case .success(let socket):
            fd = socket
            buffer = []
        }
        var setup: [[[UInt8]]] = []
        if let password = endpoint.password {
            setup.append([Array("AUTH".utf8)] + (endpoint.username.map { [Array($0.utf8)] } ?? []) + [Array(password.utf8)])
        }
        if endpoint.database != 0 { setup.append([Array("SELECT".utf8), Array(String(endpoint.database).utf8)]) }
        for command in setup {
            switch exchange(RESP.command(command), deadline: deadline) {
            case .success(.error(let message)):
                closeSocket()
                // The reply names the failure (WRONGPASS, NOAUTH, ERR DB index…); it never holds the password.
                return recordFailure(.io("Redis refused \(command[0] == Array("AUTH".utf8) ? "AUTH" : "SELECT"): \(message.prefix(200))", noReply: true))
            case .success:
                continue
            case .failure(let failure):
                closeSocket()
                return recordFailure(failure)
            }
        }
        consecutiveFailures = 0
        reconnectAt = nil
        return nil
    }

    private func openSocket(deadline: ContinuousClock.Instant) -> Result<Int32, ExchangeFailure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = POSIX.streamSocket
        var list: UnsafeMutablePointer<addrinfo>? = nil
        let status = getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list)
        guard status == 0, let first = list else {
            return .failure(.io("cannot resolve \(endpoint.host)" + (status != 0 ? ": \(String(cString: gai_strerror(status)))" : ""), noReply: true))
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address for \(endpoint.host)"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let a = entry {
            entry = a.pointee.ai_next
            let s = socket(a.pointee.ai_family, POSIX.streamSocket, 0)
            guard s >= 0 else { lastError = POSIX.describe(errno); continue }
            _ = fcntl(s, F_SETFD, FD_CLOEXEC)
            _ = fcntl(s, F_SETFL, fcntl(s, F_GETFL, 0) | O_NONBLOCK)
            POSIX.configureNoSigPipe(s)
            var one: Int32 = 1
            _ = setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            if POSIX.connect(s, a.pointee.ai_addr, a.pointee.ai_addrlen) == 0 { return .success(s) }
            guard errno == EINPROGRESS || errno == EINTR else {
                lastError = POSIX.describe(errno)
                POSIX.close(s)
                continue
            }
            fd = s
            let waited = waitFor(Int16(POLLOUT), deadline: deadline)
            fd = -1
            var soError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            if waited == nil, getsockopt(s, SOL_SOCKET, SO_ERROR, &soError, &length) == 0, soError == 0 { return .success(s) }
            lastError = waited ?? POSIX.describe(soError)
            POSIX.close(s)
        }
        return .failure(.io(lastError, noReply: true))
    }

    private func closeSocket() {
        if fd >= 0 { POSIX.close(fd) }
        fd = -1
        buffer = []
    }

    /// Notes a failure, schedules the next connection attempt, and returns the error for the caller.
    private func recordFailure(_ failure: ExchangeFailure) -> BoxAuthError {
        switch failure {
        case .io(let why, _):
            consecutiveFailures += 1
            let exponent = min(consecutiveFailures - 1, 10)
            let backoff = min(Self.initialBackoff * (1 << exponent), Self.maximumBackoff) * Double.random(in: 0.5...1.5)
            reconnectAt = ContinuousClock.now + backoff
            lastFailure = "Redis at \(endpoint) is unreachable: \(why)"
            return unavailable(why)
        case .protocolViolation(let why):
            return BoxAuthError(.tokenStoreInvalid, "Redis at \(endpoint) sent a reply that breaks the protocol: \(why)")
        }
    }

    private func unavailable(_ why: String) -> BoxAuthError {
        BoxAuthError(.tokenStoreUnavailable, why.hasPrefix("Redis at") ? why : "Redis at \(endpoint): \(why)")
    }
}
