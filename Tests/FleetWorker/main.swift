// boxauth-fleet-worker: one process of a fleet sharing a token store, for TokenStoreFleetTests.
// Test tooling only (no product, not installed): it asks for one user's token from many
// concurrent tasks through a BoxAuthClient on a file or Redis store, then prints what it got.
//
//   boxauth-fleet-worker --config F --auth-url URL --store file:DIR|redis://HOST:PORT
//                        --user ID [--tasks N] [--lease-ttl-ms N]
//
// Output (stdout): `token SHA256` for each distinct token (a digest, never the token), then
// `events storeError=N leaseWaited=N storeHit=N`. Exit 0 when every task got a token.

import Foundation
import BoxAuth
import PureCrypto

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("boxauth-fleet-worker: \(message)\n".utf8))
    exit(2)
}

var values: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
while let name = arguments.popFirst() {
    guard name.hasPrefix("--"), let value = arguments.popFirst() else { fail("usage: --NAME VALUE …") }
    values[String(name.dropFirst(2))] = value
}
guard let configPath = values["config"], let auth = values["auth-url"].flatMap(URL.init(string:)),
      let storeSpec = values["store"], let user = values["user"] else {
    fail("needs --config, --auth-url, --store and --user")
}
let tasks = Int(values["tasks"] ?? "50") ?? 50

final class Counts: @unchecked Sendable {
    let lock = NSLock()
    var storeError = 0, leaseWaited = 0, storeHit = 0
    func record(_ event: BoxAuthEvent) {
        lock.lock(); defer { lock.unlock() }
        switch event {
        case .storeError: storeError += 1
        case .leaseWaited: leaseWaited += 1
        case .storeHit: storeHit += 1
        default: break
        }
    }
}
let counts = Counts()

let client: BoxAuthClient
do {
    let store: any TokenStore = storeSpec.hasPrefix("file:")
        ? try FileTokenStore(directory: String(storeSpec.dropFirst(5)))
        : try RedisTokenStore(url: storeSpec)
    var options = BoxAuthOptions()
    options.authBaseURL = auth
    options.apiBaseURL = auth
    options.tokenStore = store
    options.observer = { counts.record($0) }
    options.retryPolicy = RetryPolicy(maxAttempts: 6, initialBackoff: .milliseconds(20), maxBackoff: .seconds(2), deadline: .seconds(60))
    if let ms = values["lease-ttl-ms"].flatMap(Int64.init) { options.leaseTimeToLive = .milliseconds(ms) }
    client = try BoxAuthClient(config: try BoxConfig(contentsOf: URL(fileURLWithPath: configPath)), options: options)
} catch {
    fail("\(error)")
}

// Top-level code runs on the main actor: the tasks run on the cooperative pool while it awaits.
let result: Result<Set<String>, BoxAuthError>
do {
    result = .success(try await withThrowingTaskGroup(of: String.self) { group in
        for _ in 0..<tasks { group.addTask { try await client.userToken(userID: user).value } }
        var got = Set<String>()
        for try await value in group { got.insert(value) }
        return got
    })
} catch {
    result = .failure(error as? BoxAuthError ?? BoxAuthError(.invalidArgument, "\(error)"))
}
switch result {
case .success(let tokens):
    for token in tokens.sorted() { print("token \(Hex.encode(SHA256.hash(Array(token.utf8))))") }
    print("events storeError=\(counts.storeError) leaseWaited=\(counts.leaseWaited) storeHit=\(counts.storeHit)")
case .failure(let error):
    fail("\(error)")
}
