import TestSupport
import XCTest
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
@testable import BoxAuth
@testable import BoxEmulator

/// Separate processes (`boxauth-fleet-worker`, 50 concurrent tasks each) sharing one store, a real
/// redis-server on loopback or a file-store directory, against the emulator in this process: the
/// emulator's grant count is what the lease must hold down.
final class TokenStoreFleetTests: XCTestCase {
    /// A started worker; its output goes to files read once it exits.
    struct Worker {
        let process: Process
        let out: URL
        let err: URL

        /// Waits for the exit and returns (status, stdout, stderr). A worker still running after
        /// two minutes is hung: it is killed, and reported as failed.
        func finish() throws -> (Int32, String, String) {
            var polls = 0
            while process.isRunning && polls < 1200 {
                usleep(100_000)
                polls += 1
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
        }
    }

    var site: BoxFleetSite!

    override func setUpWithError() throws {
        site = try BoxFleetSite("fleet")
    }

    override func tearDown() {
        site?.stop()
    }

    func start(store: String, leaseTTLms: Int? = nil, tasks: Int = 50) throws -> Worker {
        let executable = try ProcessRunner.productsDirectory().appendingPathComponent("boxauth-fleet-worker")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ProcessRunnerError("boxauth-fleet-worker is not built next to the tests (\(executable.path)): run `swift build --build-tests`")
        }
        let id = UUID().uuidString
        let out = site.directory.appendingPathComponent("\(id).out"), err = site.directory.appendingPathComponent("\(id).err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = executable
        p.arguments = ["--config", site.config.path, "--auth-url", site.fleet.base, "--store", store, "--user", "1001", "--tasks", String(tasks)]
            + (leaseTTLms.map { ["--lease-ttl-ms", String($0)] } ?? [])
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        return Worker(process: p, out: out, err: err)
    }

    /// The token digests the workers printed; every worker must have exited 0.
    func digests(_ workers: [Worker], file: StaticString = #filePath, line: UInt = #line) throws -> Set<String> {
        var all = Set<String>()
        for w in workers {
            let (status, out, err) = try w.finish()
            XCTAssertEqual(status, 0, "worker failed: \(err)", file: file, line: line)
            let tokens = out.split(separator: "\n").filter { $0.hasPrefix("token ") }
            XCTAssertEqual(tokens.count, 1, "one token for all 50 tasks of a worker: \(out)", file: file, line: line)
            all.formUnion(tokens.map(String.init))
        }
        return all
    }

    func testEightProcessesThroughRedisMakeOneGrant() throws {
        let redis = try RedisServer()
        let workers = try (0..<8).map { _ in try start(store: redis.url) }
        XCTAssertEqual(try digests(workers).count, 1, "8 processes x 50 tasks got one token")
        XCTAssertEqual(site.fleet.emulator.jwtGrantCount, 1, "the emulator saw exactly one JWT grant")
        XCTAssertEqual(site.fleet.emulator.tokenRequestCount, 1)
    }

    func testEightProcessesThroughTheFileStoreMakeOneGrant() throws {
        let store = "file:" + site.directory.appendingPathComponent("tokens").path
        let workers = try (0..<8).map { _ in try start(store: store) }
        XCTAssertEqual(try digests(workers).count, 1, "8 processes x 50 tasks got one token")
        XCTAssertEqual(site.fleet.emulator.jwtGrantCount, 1, "the emulator saw exactly one JWT grant")
        XCTAssertEqual(site.fleet.emulator.tokenRequestCount, 1)
    }

    /// The first worker takes the lease and is killed while the emulator holds its grant
    /// request; the seven started after it get one token, with at most one more grant.
    func killedHolder(store: String, leaseTTLms: Int) throws {
        site.fleet.emulator.injectFaults([.slow(milliseconds: 20_000)])
        let holder = try start(store: store, leaseTTLms: leaseTTLms, tasks: 1)
        var polls = 0
        while site.fleet.emulator.tokenRequestCount == 0 && polls < 600 {  // at most 60 s to start and sign
            usleep(100_000)
            polls += 1
        }
        XCTAssertEqual(site.fleet.emulator.tokenRequestCount, 1, "the holder's grant request reached the emulator")
        let others = try (0..<7).map { _ in try start(store: store, leaseTTLms: leaseTTLms) }
        kill(holder.process.processIdentifier, SIGKILL)
        holder.process.waitUntilExit()
        XCTAssertEqual(holder.process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(try digests(others).count, 1, "the seven others share one token")
        XCTAssertLessThanOrEqual(site.fleet.emulator.jwtGrantCount, 2, "at most one grant besides the killed holder's")
        XCTAssertEqual(site.fleet.emulator.tokenRequestCount, 2)
    }

    func testALeaseHolderKilledMidGrantThroughRedis() throws {
        let redis = try RedisServer()
        try killedHolder(store: redis.url, leaseTTLms: 5000)
    }

    func testALeaseHolderKilledMidGrantThroughTheFileStore() throws {
        try killedHolder(store: "file:" + site.directory.appendingPathComponent("tokens").path, leaseTTLms: 5000)
    }
}
