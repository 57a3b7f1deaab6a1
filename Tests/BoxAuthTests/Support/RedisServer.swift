import Foundation
import BoxAuth
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A real `redis-server` (Debian's `redis-server` package; `.ci/run` installs it) on a free
/// loopback port, run by the test that needs it, which may stop, pause and restart it.
/// Inspection goes through `redis-cli`, not through the code under test.
final class RedisServer: @unchecked Sendable {
    let port: UInt16
    let password: String?
    private let directory: URL
    private var process: Process?

    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// Finds `name` on PATH or in the usual places.
    static func tool(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"] {
            let candidate = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Missing(description: "\(name) not found: install Redis (`apt-get install redis-server`; .ci/run does this)")
    }

    init(password: String? = nil) throws {
        self.password = password
        port = try Self.freeLoopbackPort()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try start()
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    var url: String { "redis://" + (password.map { ":\($0)@" } ?? "") + "127.0.0.1:\(port)" }

    /// Starts redis-server (again, after `stop`) and waits until it answers PING.
    func start() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try Self.tool("redis-server"))
        var args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                    "--daemonize", "no", "--dir", directory.path, "--logfile", directory.appendingPathComponent("log").path]
        if let password { args += ["--requirepass", password] }
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        process = p
        for _ in 0..<200 {
            if (try? cli("PING")) == "PONG" { return }
            usleep(25_000)
        }
        stop()
        throw Missing(description: "redis-server did not answer PING on port \(port) within 5 s")
    }

    /// Stops redis-server and waits for it to exit. SIGKILL, because a child started from a
    /// dispatch thread inherits that thread's blocked signals, SIGTERM among them.
    func stop() {
        guard let p = process else { return }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        process = nil
    }

    /// Freezes redis-server (SIGSTOP): connections stay open but nothing answers.
    func pause() { if let p = process { kill(p.processIdentifier, SIGSTOP) } }
    func resume() { if let p = process { kill(p.processIdentifier, SIGCONT) } }

    /// Runs redis-cli against this server and returns its trimmed output.
    @discardableResult
    func cli(_ args: String...) throws -> String { try cli(args) }

    func cli(_ args: [String], database: Int = 0) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try Self.tool("redis-cli"))
        p.arguments = ["-h", "127.0.0.1", "-p", String(port), "-n", String(database)] + args
        if let password { p.environment = ["REDISCLI_AUTH": password] }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A port nothing listens on right now: bind 127.0.0.1:0, read the port, close.
    static func freeLoopbackPort() throws -> UInt16 {
        let fd = socket(AF_INET, POSIX.streamSocket, 0)
        guard fd >= 0 else { throw Missing(description: "socket() failed") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { ptr in
            ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard ok else { throw Missing(description: "cannot bind a loopback port") }
        return UInt16(bigEndian: addr.sin_port)
    }
}
