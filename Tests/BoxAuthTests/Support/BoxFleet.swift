import TestSupport
import XCTest
import Foundation
import PureJWT
@testable import BoxAuth
@testable import BoxEmulator

/// One emulated app and enterprise for the token-store tests: in-process clients, and the config
/// file that `boxauth-fleet-worker` processes read.
struct BoxFleet {
    static let clientID = "cid123"
    static let secret = "emulator-client-secret+/="

    let emulator: BoxEmulator
    let base: String

    /// An emulator with users 1001 and 1002, plus `extraUsers` users numbered from 100000.
    init(extraUsers: Int = 0) throws {
        var users = [EmulatedUser(id: "1001", name: "Alice", login: "alice@example.com",
                                  rootItems: [EmulatedItem(.folder, id: "11", name: "Projects")]),
                     EmulatedUser(id: "1002", name: "Bob", login: "bob@example.com")]
        for i in 0..<extraUsers { users.append(EmulatedUser(id: String(100_000 + i), name: "User \(i)", login: "u\(i)@example.com")) }
        let app = EmulatedApp(clientID: Self.clientID, clientSecret: Self.secret,
                              publicKeys: ["kid1": try .rsa(BoxClientEmulatorTests.key.publicKey, algorithms: [.rs256], keyID: "kid1")])
        emulator = BoxEmulator(.init(enterpriseID: "8675309",
                                     serviceAccount: EmulatedUser(id: "9000", name: "Service Account", login: "sa@boxdevedition.com"),
                                     users: users, apps: [app]))
        base = try emulator.start()
    }

    /// A client with fast retries; `configure` sets the store, observer and lease.
    func client(configure: (inout BoxAuthOptions) -> Void = { _ in }) throws -> BoxAuthClient {
        let config = BoxConfig(clientID: Self.clientID, clientSecret: Self.secret, publicKeyID: "kid1",
                               privateKeyPEM: "(not used: the key is passed in)", passphrase: nil, enterpriseID: "8675309")
        var options = BoxAuthOptions()
        options.authBaseURL = URL(string: base)!
        options.apiBaseURL = URL(string: base)!
        options.retryPolicy = RetryPolicy(maxAttempts: 6, initialBackoff: .milliseconds(20), maxBackoff: .seconds(2), deadline: .seconds(30))
        configure(&options)
        return try BoxAuthClient(config: config, privateKey: BoxClientEmulatorTests.key, options: options)
    }

    /// A Box config file (the vector key's PKCS#8 PEM) for worker processes, in `directory`.
    func configFile(in directory: URL) throws -> URL {
        let pem = try String(contentsOf: Vectors.url("generated/keys/rsa2048/pkcs8.pem"), encoding: .utf8)
        let json: [String: Any] = [
            "boxAppSettings": ["clientID": Self.clientID, "clientSecret": Self.secret,
                               "appAuth": ["publicKeyID": "kid1", "privateKey": pem]],
            "enterpriseID": "8675309",
        ]
        let url = directory.appendingPathComponent("config.json")
        try JSONSerialization.data(withJSONObject: json).write(to: url)
        return url
    }

    static func temporaryDirectory(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return dir
    }
}

/// Every event a client reported, in order.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [BoxAuthEvent] = []

    var observer: BoxAuthObserver { { [self] event in lock.lock(); list.append(event); lock.unlock() } }
    var events: [BoxAuthEvent] { lock.lock(); defer { lock.unlock() }; return list }

    func count(_ match: (BoxAuthEvent) -> Bool) -> Int { events.filter(match).count }
}

/// What the tests that start processes against a fleet share: the emulator, a scratch directory
/// (0700) and the config file in it; `stop()` stops the emulator and removes the directory.
struct BoxFleetSite {
    let fleet: BoxFleet
    let directory: URL
    let config: URL

    init(_ name: String) throws {
        directory = try BoxFleet.temporaryDirectory(name)
        do {
            fleet = try BoxFleet()
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        do {
            config = try fleet.configFile(in: directory)
        } catch {
            fleet.emulator.stop()
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    func stop() {
        fleet.emulator.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
