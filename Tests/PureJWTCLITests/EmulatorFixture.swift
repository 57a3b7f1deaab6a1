import TestSupport
import XCTest
import Foundation
import BoxEmulator
import PureKeys
import PureJWT

/// What the tests of the `box` verbs run against: the emulator on loopback with one app (keyed
/// with the vector key `generated/keys/rsa2048/pkcs8.pem`), a service account and Alice (user
/// 1001, one folder in her root), and a config.json for that app. Stopped and deleted when the
/// test case ends.
struct EmulatorFixture {
    static let keyPath = "generated/keys/rsa2048/pkcs8.pem"
    let emulator: BoxEmulator
    /// The emulator's `http://127.0.0.1:PORT`.
    let base: String
    /// A config.json for the app, its key unencrypted.
    let configPath: String

    init(_ test: XCTestCase, clientID: String = "cli-client", clientSecret: String = "cli-secret", keyID: String = "cli-kid") throws {
        let pem = try String(contentsOf: Vectors.url(Self.keyPath), encoding: .utf8)
        let key = try RSAPrivateKey(pemRepresentation: pem)
        let app = EmulatedApp(clientID: clientID, clientSecret: clientSecret,
                              publicKeys: [keyID: try .rsa(key.publicKey, algorithms: [.rs256], keyID: keyID)])
        emulator = BoxEmulator(.init(enterpriseID: "8675309",
                                     serviceAccount: EmulatedUser(id: "9000", name: "Service Account", login: "sa@example.com"),
                                     users: [EmulatedUser(id: "1001", name: "Alice", login: "alice@example.com",
                                                          rootItems: [EmulatedItem(.folder, id: "11", name: "Projects")])],
                                     apps: [app]))
        base = try emulator.start()
        test.addTeardownBlock { [emulator] in emulator.stop() }
        let object: [String: Any] = ["boxAppSettings": ["clientID": clientID, "clientSecret": clientSecret,
                                                        "appAuth": ["publicKeyID": keyID, "privateKey": pem]],
                                     "enterpriseID": "8675309"]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("box-config-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        configPath = url.path
    }
}
