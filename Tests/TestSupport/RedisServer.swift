import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A real `redis-server` (Debian's `redis-server` package; `.ci/run` installs it) on a free
/// loopback port, run by the test (or benchmark row) that needs it, which may stop, pause and
/// restart it. Inspection goes through `redis-cli`, not through the code under test.
package final class RedisServer: @unchecked Sendable {
    package private(set) var port: UInt16
    package let password: String?
    private let directory: URL
    private var process: Process?

    package struct Missing: Error, CustomStringConvertible {
        package var description: String
    }

    /// Finds `name` on PATH or in the usual places.
    package static func tool(_ name: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"] {
            let candidate = dir + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Missing(description: "\(name) not found: install Redis (`apt-get install redis-server`; .ci/run does this)")
    }

    package init(password: String? = nil) throws {
        self.password = password
        port = 0
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("redis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // A random high port; redis-server exits at once when it is taken, and another is tried.
        for _ in 0..<20 {
            port = UInt16.random(in: 20_000...60_999)
            if try start(once: true) { return }
        }
        throw Missing(description: "redis-server could not bind any of 20 random loopback ports")
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A loopback port nothing listens on now: one a server of ours just bound and let go.
    package static func freeLoopbackPort() throws -> UInt16 {
        let server = try RedisServer()
        server.stop()
        return server.port
    }

    /// The server's process ID while it runs.
    package var processID: Int32? { process?.processIdentifier }

    package var url: String { "redis://" + (password.map { ":\($0)@" } ?? "") + "127.0.0.1:\(port)" }

    /// Starts redis-server (again, after `stop`, on the same port) and waits until it answers.
    package func start() throws {
        guard try start(once: false) else { throw Missing(description: "redis-server exited at start on port \(port)") }
    }

    /// Starts redis-server; false when it exited at once (`once`: the port is taken).
    private func start(once: Bool) throws -> Bool {
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
            if !p.isRunning {
                process = nil
                return false
            }
            // Ours, not another test's server on the same port: INFO names our process.
            if let info = try? cli("INFO", "server"), info.contains("process_id:\(p.processIdentifier)\r") || info.contains("process_id:\(p.processIdentifier)\n") {
                return true
            }
            usleep(25_000)
        }
        stop()
        throw Missing(description: "redis-server did not answer on port \(port) within 5 s")
    }

    /// Stops redis-server and waits for it to exit. SIGKILL, because a child started from a
    /// dispatch thread inherits that thread's blocked signals, SIGTERM among them.
    package func stop() {
        guard let p = process else { return }
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        process = nil
    }

    /// Freezes redis-server (SIGSTOP): connections stay open but nothing answers.
    package func pause() { if let p = process { kill(p.processIdentifier, SIGSTOP) } }
    package func resume() { if let p = process { kill(p.processIdentifier, SIGCONT) } }

    /// Runs redis-cli against this server and returns its trimmed output.
    @discardableResult
    package func cli(_ args: String...) throws -> String { try cli(args) }

    package func cli(_ args: [String], database: Int = 0) throws -> String {
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

}
