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

/// The file store on the real file system; other processes are Python holding real flocks.
final class FileTokenStoreTests: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString)").path
        addTeardownBlock { [directory] in try? FileManager.default.removeItem(atPath: directory!) }
    }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func testConformance() async throws {
        try await TokenStoreConformance.check(try FileTokenStore(directory: directory))
    }

    func testFilesAre0600FromTheirCreationWhateverTheUmask() async throws {
        let old = umask(0)
        defer { umask(old) }
        let store = try FileTokenStore(directory: directory)
        XCTAssertEqual(try mode(directory), 0o700)
        let key = TokenStoreConformance.namespace.key(.jwt, .user("1001"))
        try await store.put(TokenStoreConformance.token("secret-token-value"), for: key, timeToLive: .seconds(60))
        let lease = try await store.acquireLease(key, timeToLive: .seconds(30))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        XCTAssertEqual(names, [".guard", "\(key.name).lease", "\(key.name).token"])
        for name in names { XCTAssertEqual(try mode(directory + "/" + name), 0o600, name) }
        try await store.releaseLease(lease!)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(directory!)/\(key.name).lease"), "a released lease file is removed")
    }

    func testNoUserIDOrTokenAppearsInNamesOrContents() async throws {
        let store = try FileTokenStore(directory: directory)
        for id in ["sally_at_example", "mo_the_second"] {
            let key = TokenStoreConformance.namespace.key(.jwt, .user(id))
            try await store.put(TokenStoreConformance.token("tok_\(id)_value"), for: key, timeToLive: .seconds(60))
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            let contents = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
            for needle in ["sally", "mo_the", "tok_"] {
                XCTAssertFalse(name.contains(needle), name)
                XCTAssertNil(contents.range(of: Data(needle.utf8)), "\(name) holds \(needle)")
            }
        }
    }

    func testUnsafeDirectoriesAreRefused() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false,
                                                attributes: [.posixPermissions: 0o777])
        chmod(directory, 0o777)
        XCTAssertThrowsError(try FileTokenStore(directory: directory)) { XCTAssertEqual(($0 as? BoxAuthError)?.code, .tokenStoreInvalid) }
        chmod(directory, 0o770)
        XCTAssertThrowsError(try FileTokenStore(directory: directory)) { XCTAssertEqual(($0 as? BoxAuthError)?.code, .tokenStoreInvalid) }
        chmod(directory, 0o750)
        XCTAssertNoThrow(try FileTokenStore(directory: directory), "readable by the group is allowed: the files themselves are 0600")
        let file = directory + "/plain"
        _ = FileManager.default.createFile(atPath: file, contents: Data())
        XCTAssertThrowsError(try FileTokenStore(directory: file)) { XCTAssertEqual(($0 as? BoxAuthError)?.code, .tokenStoreInvalid) }
        XCTAssertThrowsError(try FileTokenStore(directory: directory + "/missing/deeper")) {
            XCTAssertEqual(($0 as? BoxAuthError)?.code, .tokenStoreUnavailable)
        }
    }

    func testReadersNeverSeeAHalfWrittenToken() async throws {
        let store = try FileTokenStore(directory: directory)
        let key = TokenStoreConformance.namespace.key(.jwt, .user("1001"))
        let list = (0..<60).map { "token-\($0)-" + String(repeating: "x", count: $0 * 8) }
        let values = Set(list)
        try await store.put(TokenStoreConformance.token("token-0-"), for: key, timeToLive: .seconds(60))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<2 {
                group.addTask {
                    for (i, value) in list.enumerated() where i % 2 == w {
                        try await store.put(TokenStoreConformance.token(value), for: key, timeToLive: .seconds(60))
                    }
                }
            }
            for _ in 0..<2 {
                group.addTask {
                    for _ in 0..<150 {
                        let got = try await store.get(key)  // throws on a torn or mixed file
                        XCTAssert(got.map { values.contains($0.value) } ?? false)
                    }
                }
            }
            try await group.waitForAll()
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "temporary files are renamed into place")
    }

    // MARK: Leases held by another process

    /// Starts Python holding `key`'s lease the way the store does (under the guard, deadline
    /// first), and returns once it holds it.
    func holdLeaseInAnotherProcess(_ key: TokenStoreKey, deadlineMs: Int64) throws -> Process {
        let script = """
        import fcntl, os, sys, time
        d, name, deadline = sys.argv[1], sys.argv[2], sys.argv[3]
        g = os.open(d + "/.guard", os.O_RDWR | os.O_CREAT, 0o600); fcntl.flock(g, fcntl.LOCK_EX)
        fd = os.open(d + "/" + name + ".lease", os.O_RDWR | os.O_CREAT, 0o600); fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.ftruncate(fd, 0); os.pwrite(fd, (deadline + " python\\n").encode(), 0)
        fcntl.flock(g, fcntl.LOCK_UN); os.close(g)
        print("held", flush=True); time.sleep(120)
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script, directory, key.name, String(deadlineMs)]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        addTeardownBlock { if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() } }
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        XCTAssertEqual(line.trimmingCharacters(in: .whitespacesAndNewlines), "held")
        return p
    }

    func nowMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    func testALeaseDiesWithItsHolderProcess() async throws {
        let store = try FileTokenStore(directory: directory)
        let key = TokenStoreConformance.namespace.key(.jwt, .user("1001"))
        let holder = try holdLeaseInAnotherProcess(key, deadlineMs: nowMs() + 600_000)
        var lease = try await store.acquireLease(key, timeToLive: .seconds(30))
        XCTAssertNil(lease, "a live process holds it, within its deadline")
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        lease = try await store.acquireLease(key, timeToLive: .seconds(30))
        XCTAssertNotNil(lease, "the kernel dropped the dead holder's flock")
        try await store.releaseLease(lease!)
    }

    func testALeasePastItsDeadlineIsBrokenWhileTheHolderLives() async throws {
        let store = try FileTokenStore(directory: directory)
        let key = TokenStoreConformance.namespace.key(.jwt, .user("1001"))
        let holder = try holdLeaseInAnotherProcess(key, deadlineMs: nowMs() - 1)
        let lease = try await store.acquireLease(key, timeToLive: .seconds(30))
        XCTAssertNotNil(lease, "the stuck holder's deadline passed")
        XCTAssert(holder.isRunning)
        let again = try await store.acquireLease(key, timeToLive: .seconds(30))
        XCTAssertNil(again, "the new lease is held")
        try await store.releaseLease(lease!)
    }
}
