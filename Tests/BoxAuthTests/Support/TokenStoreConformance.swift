import XCTest
import Foundation
@testable import BoxAuth

/// What every `TokenStore` must do, run against each store (memory, file, Redis) by its tests.
enum TokenStoreConformance {
    static let namespace = TokenStoreNamespace(clientID: "cid123", clientSecret: "emulator-client-secret+/=")

    static func token(_ value: String, restricted: Bool = false) -> AccessToken {
        AccessToken(value: value, expiresAt: Date().addingTimeInterval(3600), tokenType: "bearer",
                    restrictedTo: restricted ? [.init(scope: "item_preview", objectType: "file", objectID: "13")] : [])
    }

    static func check(_ store: some TokenStore, file: StaticString = #filePath, line: UInt = #line) async throws {
        let alice = namespace.key(.jwt, .user("1001")), bob = namespace.key(.jwt, .user("1002"))

        // get / put / replace / remove, per key.
        var got = try await store.get(alice)
        XCTAssertNil(got, "\(store.name): empty store", file: file, line: line)
        try await store.put(token("alice-1", restricted: true), for: alice, timeToLive: .seconds(60))
        got = try await store.get(alice)
        XCTAssertEqual(got?.value, "alice-1", "\(store.name): put then get", file: file, line: line)
        XCTAssertEqual(got?.restrictedTo, [.init(scope: "item_preview", objectType: "file", objectID: "13")], "\(store.name): restrictions kept", file: file, line: line)
        got = try await store.get(bob)
        XCTAssertNil(got, "\(store.name): keys are separate", file: file, line: line)
        try await store.put(token("alice-2"), for: alice, timeToLive: .seconds(60))
        got = try await store.get(alice)
        XCTAssertEqual(got?.value, "alice-2", "\(store.name): put replaces", file: file, line: line)
        try await store.remove(alice)
        got = try await store.get(alice)
        XCTAssertNil(got, "\(store.name): removed", file: file, line: line)
        try await store.remove(alice)  // removing nothing is fine

        // Leases: one holder at a time, per key; a stale owner's release leaves the holder's lease alone.
        let first = try await store.acquireLease(alice, timeToLive: .seconds(30))
        XCTAssertNotNil(first, "\(store.name): free lease taken", file: file, line: line)
        var second = try await store.acquireLease(alice, timeToLive: .seconds(30))
        XCTAssertNil(second, "\(store.name): held lease refused", file: file, line: line)
        let other = try await store.acquireLease(bob, timeToLive: .seconds(30))
        XCTAssertNotNil(other, "\(store.name): leases are per key", file: file, line: line)
        try await store.releaseLease(TokenLease(key: alice, ownerID: "00000000000000000000000000000000"))
        second = try await store.acquireLease(alice, timeToLive: .seconds(30))
        XCTAssertNil(second, "\(store.name): a release by another owner ID is ignored", file: file, line: line)
        try await store.releaseLease(first!)
        second = try await store.acquireLease(alice, timeToLive: .seconds(30))
        XCTAssertNotNil(second, "\(store.name): released lease taken again", file: file, line: line)
        try await store.releaseLease(second!)
        try await store.releaseLease(other!)

        // A lease ends with its time-to-live even if never released.
        let short = try await store.acquireLease(bob, timeToLive: .milliseconds(200))
        XCTAssertNotNil(short, file: file, line: line)
        var retaken: TokenLease? = nil
        for _ in 0..<100 where retaken == nil {
            try await Task.sleep(for: .milliseconds(50))
            retaken = try await store.acquireLease(bob, timeToLive: .seconds(30))
        }
        XCTAssertNotNil(retaken, "\(store.name): an expired lease is taken over", file: file, line: line)
        // The first holder's late release does not free the new holder's lease.
        try await store.releaseLease(short!)
        let third = try await store.acquireLease(bob, timeToLive: .seconds(30))
        XCTAssertNil(third, "\(store.name): a late release leaves the new holder's lease", file: file, line: line)
        try await store.releaseLease(retaken!)
    }
}
