import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import BoxAuth
import BoxEmulator
import PureCrypto
import PureJWT
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Box token rows against the local emulator on loopback: a cache hit (`box.token.cached`), a
/// shared-store hit as a client sees it (`box.token.cached.file`, `box.token.cached.redis`: the
/// memory cache is dropped before each call, so each one reads and opens the sealed token from
/// the store) and a full JWT grant (`box.token.acquire`: sign the assertion, POST it, the
/// emulator verifies it, parse the answer). Self-checked by acquiring a user token and reading
/// /2.0/users/me with it, and by reading the stored token back without a grant.
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

    /// A client of the fixture's emulator that shares tokens through `store`.
    static func storeClient(_ store: any TokenStore) -> BoxAuthClient {
        var options = fixture.client.options
        options.tokenStore = store
        return try! BoxAuthClient(config: fixture.client.config, privateKey: JWTRows.rsa2048(), options: options)
    }

    /// A file store in a fresh private directory (left in the temporary directory).
    static let fileStore: FileTokenStore = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("purejwt-bench-tokens-\(UUID().uuidString)")
        return try! FileTokenStore(directory: dir.path)
    }()

    /// Whether redis-server is installed; when it is not, the Redis row is left out and the
    /// reason printed.
    static let redisInstalled: Bool = {
        do {
            _ = try RedisServer.tool("redis-server")
            return true
        } catch {
            writeOut("box.token.cached.redis: skipped: \(error)\n", to: 2)
            return false
        }
    }()

    /// A redis-server of our own on a free loopback port, started on first use and killed when
    /// the bench exits; nil when it is not installed or does not start.
    static let redis: RedisServer? = {
        guard redisInstalled else { return nil }
        do {
            let server = try RedisServer()
            redisProcessID = server.processID ?? 0
            atexit { if redisProcessID > 0 { kill(redisProcessID, SIGKILL) } }
            return server
        } catch {
            writeOut("redis-server did not start: \(error)\n", to: 2)
            return nil
        }
    }()

    /// A store-hit row: prime the store once, then drop the memory cache before every call.
    static func storeHitRow(_ key: String, _ store: @escaping @Sendable () -> (any TokenStore)?) -> BenchRow {
        BenchRow(key: key, bytes: nil) {
            guard let store = store() else { preconditionFailure("\(key): its store is not available") }
            let client = storeClient(store)
            _ = blocking { try? await client.userToken(userID: "1001") }
            return { iterations in
                let last = blocking { () async -> [UInt8] in
                    var v: [UInt8] = []
                    for _ in 0..<iterations {
                        client.invalidate(.user("1001"))
                        v = Array((try? await client.userToken(userID: "1001"))?.value.utf8 ?? "".utf8)
                    }
                    return v
                }
                precondition(!last.isEmpty, "\(key): no token from the store")
                blackHole(last)
            }
        }
    }

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
            // A token put in a store by one client is read back by another, with no grant.
            for store in [fileStore as any TokenStore] + (redis.map { [try! RedisTokenStore(url: $0.url) as any TokenStore] } ?? []) {
                let grantsBefore = fixture.emulator.jwtGrantCount
                let (first, second): (String?, String?) = blocking {
                    let a = try? await storeClient(store).userToken(userID: "1001").value
                    let b = try? await storeClient(store).userToken(userID: "1001").value
                    return (a, b)
                }
                expect(first != nil && first == second && fixture.emulator.jwtGrantCount <= grantsBefore + 1,
                       "\(store.name): a second client reads the first one's token from the store without a grant", &failures)
            }
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
            storeHitRow("box.token.cached.file") { fileStore },
        ] + (redisInstalled ? [storeHitRow("box.token.cached.redis") { redis.map { try! RedisTokenStore(url: $0.url) } }] : []) + [
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

/// The bench's redis-server, for the exit handler (a C function pointer captures nothing).
nonisolated(unsafe) var redisProcessID: Int32 = 0
