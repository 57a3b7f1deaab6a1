import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import BoxAuth
import BoxEmulator
import PureCrypto
import PureJWT

/// Box token rows against the local emulator on loopback: a cache hit (`box.token.cached`) and a
/// full JWT grant (`box.token.acquire`: sign the assertion, POST it, the emulator verifies it,
/// parse the answer). Self-checked by acquiring a user token and reading /2.0/users/me with it.
enum BoxRows {
    /// One emulator and client for the whole run.
    static let fixture: (emulator: BoxEmulator, client: BoxAuthClient) = {
        let key = JWTRows.rsa2048()
        let app = EmulatedApp(clientID: "bench-client", clientSecret: "bench-secret",
                              publicKeys: ["kid1": try! .rsa(key.publicKey, algorithms: [.rs256], keyID: "kid1")])
        let emulator = BoxEmulator(.init(enterpriseID: "8675309",
                                         serviceAccount: EmulatedUser(id: "9000", name: "Service Account", login: "sa@example.com"),
                                         users: [EmulatedUser(id: "1001", name: "Alice", login: "alice@example.com")], apps: [app]))
        let base = try! emulator.start()
        var options = BoxAuthOptions()
        options.authBaseURL = URL(string: base)!
        options.apiBaseURL = URL(string: base + "/2.0")!
        let config = BoxConfig(clientID: "bench-client", clientSecret: "bench-secret", publicKeyID: "kid1",
                               privateKeyPEM: "", passphrase: nil, enterpriseID: "8675309")
        return (emulator, try! BoxAuthClient(config: config, privateKey: key, options: options))
    }()

    /// Runs async work from the harness's synchronous timing loop (one hop per batch, not per call).
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let result = Locked<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            let value = await body()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }

    static let group = BenchGroup(
        name: "Box tokens (local emulator)",
        selfCheck: { () -> [String] in
            var failures: [String] = []
            let client = fixture.client
            let login: String? = blocking {
                guard let token = try? await client.userToken(userID: "1001"),
                      let (data, _) = try? await URLSession.shared.data(for: client.apiRequest("users/me", token: token)),
                      let me = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
                return me["login"] as? String
            }
            expect(login == "alice@example.com", "a user token from the emulator reads /2.0/users/me as that user", &failures)
            return failures
        },
        rows: [
            BenchRow(key: "box.token.cached", bytes: nil) {
                let client = fixture.client
                _ = blocking { try? await client.userToken(userID: "1001") }
                return { iterations in
                    let last = blocking { () async -> [UInt8] in
                        var v: [UInt8] = []
                        for _ in 0..<iterations { v = Array((try? await client.userToken(userID: "1001"))?.value.utf8 ?? "".utf8) }
                        return v
                    }
                    blackHole(last)
                }
            },
            BenchRow(key: "box.token.acquire", bytes: nil) {
                let client = fixture.client
                return { iterations in
                    let last = blocking { () async -> [UInt8] in
                        var v: [UInt8] = []
                        for _ in 0..<iterations { v = Array((try? await client.requestJWTToken(for: .user("1001")))?.value.utf8 ?? "".utf8) }
                        return v
                    }
                    precondition(!last.isEmpty, "box.token.acquire: the emulator refused a token request")
                    blackHole(last)
                }
            },
        ])
}
