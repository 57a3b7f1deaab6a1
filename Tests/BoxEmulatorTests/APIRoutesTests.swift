import XCTest
import Foundation
import BoxAuth
@testable import BoxEmulator

/// The emulator's /2.0 routes for folders and files and its down-scoping rules, answered by
/// `handle` as the server would (tokens come from its own client-credentials grant). Expected
/// items are the ones configured here.
final class APIRoutesTests: XCTestCase {
    private var emulator: BoxEmulator!
    /// The emulator's origin after `start()`: a down-scoping resource may name it.
    private var origin: String!

    override func setUpWithError() throws {
        let alice = EmulatedUser(id: "1001", name: "Alice", login: "alice@example.com",
                                 rootItems: [EmulatedItem(.folder, id: "11", name: "Projects"), EmulatedItem(.folder, id: "12", name: "Photos"),
                                             EmulatedItem(.file, id: "13", name: "welcome.txt")])
        let bob = EmulatedUser(id: "1002", name: "Bob", login: "bob@example.com", rootItems: [EmulatedItem(.file, id: "21", name: "notes.md")])
        emulator = BoxEmulator(.init(enterpriseID: "8675309",
                                     serviceAccount: EmulatedUser(id: "9000", name: "Service Account", login: "sa@example.com"),
                                     users: [alice, bob],
                                     apps: [EmulatedApp(clientID: "routes-client", clientSecret: "routes-secret", publicKeys: [:])]))
        origin = try emulator.start()
        addTeardownBlock { [emulator] in emulator?.stop() }
    }

    private func send(_ method: String, _ target: String, headers: [HTTPHeader] = [], form: [(String, String)]? = nil) throws -> (Int, [String: Any]) {
        let body = form.map { Array($0.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&").utf8) } ?? []
        guard case .respond(let response) = emulator.handle(HTTPRequest(method: method, target: target, version: "HTTP/1.1", headers: headers, body: body)) else {
            throw UnexpectedReply(description: "\(method) \(target): not a plain response")
        }
        let json = response.body.isEmpty ? [:] : (try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:])
        return (response.status, json)
    }

    private struct UnexpectedReply: Error, CustomStringConvertible { let description: String }

    /// A full token from the client-credentials grant: for user `id`, or the service account.
    private func token(user id: String?) throws -> String {
        let subject = id.map { [("box_subject_type", "user"), ("box_subject_id", $0)] } ?? [("box_subject_type", "enterprise"), ("box_subject_id", "8675309")]
        let (status, json) = try send("POST", "/oauth2/token", form: [("grant_type", "client_credentials"), ("client_id", "routes-client"), ("client_secret", "routes-secret")] + subject)
        XCTAssertEqual(status, 200, "\(json)")
        return json["access_token"] as! String
    }

    /// Token exchange: the status and, on success, the down-scoped token.
    private func exchange(_ token: String, scope: String, resource: String?) throws -> (Int, [String: Any]) {
        var form = [("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"), ("subject_token", token),
                    ("subject_token_type", "urn:ietf:params:oauth:token-type:access_token"), ("scope", scope)]
        if let resource { form.append(("resource", resource)) }
        return try send("POST", "/oauth2/token", form: form)
    }

    private func get(_ target: String, _ token: String, asUser: String? = nil) throws -> (Int, [String: Any]) {
        try send("GET", target, headers: [HTTPHeader("Authorization", "Bearer \(token)")] + (asUser.map { [HTTPHeader("As-User", $0)] } ?? []))
    }

    private static func entries(_ json: [String: Any]) -> [String] {
        (json["entries"] as? [[String: Any]] ?? []).map { "\($0["type"]!) \($0["id"]!) \($0["name"]!)" }
    }

    static let aliceRoot = ["folder 11 Projects", "folder 12 Photos", "file 13 welcome.txt"]

    func testFolderItemsAsTheUserAndThroughAsUser() throws {
        let alice = try token(user: "1001"), admin = try token(user: nil)
        for (what, (status, json)) in [("user token", try get("/2.0/folders/0/items", alice)),
                                       ("As-User", try get("/2.0/folders/0/items", admin, asUser: "1001"))] {
            XCTAssertEqual(status, 200, "\(what): \(json)")
            XCTAssertEqual(Self.entries(json), Self.aliceRoot, what)
            XCTAssertEqual(json["total_count"] as? Int, 3, what)
            XCTAssertEqual(json["offset"] as? Int, 0, what)
            XCTAssertEqual(json["limit"] as? Int, 100, what)
        }
        let (own, json) = try get("/2.0/folders/0/items", admin)
        XCTAssertEqual(own, 200)
        XCTAssertEqual(json["total_count"] as? Int, 0, "the service account's own root is empty")
        XCTAssertEqual(try get("/2.0/folders/0/items", "not-a-token").0, 401)
        XCTAssertEqual(try send("POST", "/2.0/folders/0/items", headers: [HTTPHeader("Authorization", "Bearer \(alice)")]).0, 405)
    }

    func testPagingWithOffsetAndLimit() throws {
        let alice = try token(user: "1001")
        let (status, page) = try get("/2.0/folders/0/items?offset=1&limit=1", alice)
        XCTAssertEqual(status, 200)
        XCTAssertEqual(Self.entries(page), ["folder 12 Photos"])
        XCTAssertEqual(page["total_count"] as? Int, 3)
        XCTAssertEqual(page["offset"] as? Int, 1)
        XCTAssertEqual(page["limit"] as? Int, 1)
        let (_, past) = try get("/2.0/folders/0/items?offset=10", alice)
        XCTAssertEqual(Self.entries(past), [])
        XCTAssertEqual(past["total_count"] as? Int, 3)
        XCTAssertEqual(try get("/2.0/folders/0/items?limit=5000", alice).1["limit"] as? Int, 1000, "Box caps limit at 1000")
        for bad in ["offset=-1", "offset=abc", "limit=", "limit=99999999999"] {
            let (code, error) = try get("/2.0/folders/0/items?\(bad)", alice)
            XCTAssertEqual(code, 400, bad)
            XCTAssertEqual(error["code"] as? String, "bad_request", bad)
        }
    }

    func testFoldersAndFilesThatFolderZeroLists() throws {
        let alice = try token(user: "1001")
        let (status, folder) = try get("/2.0/folders/11", alice)
        XCTAssertEqual(status, 200, "\(folder)")
        XCTAssertEqual(folder["type"] as? String, "folder")
        XCTAssertEqual(folder["name"] as? String, "Projects")
        XCTAssertEqual((folder["parent"] as? [String: Any])?["id"] as? String, "0")
        XCTAssertEqual((folder["path_collection"] as? [String: Any])?["total_count"] as? Int, 1)
        XCTAssertEqual((folder["item_collection"] as? [String: Any])?["total_count"] as? Int, 0)
        XCTAssertEqual((folder["owned_by"] as? [String: Any])?["id"] as? String, "1001")
        XCTAssertEqual(try get("/2.0/folders/11/items", alice).1["total_count"] as? Int, 0)

        let (fileStatus, file) = try get("/2.0/files/13", alice)
        XCTAssertEqual(fileStatus, 200, "\(file)")
        XCTAssertEqual(file["type"] as? String, "file")
        XCTAssertEqual(file["name"] as? String, "welcome.txt")
        XCTAssertEqual(try get("/2.0/files/13", try token(user: nil), asUser: "1001").0, 200)

        let (root, zero) = try get("/2.0/folders/0", alice)
        XCTAssertEqual(root, 200)
        XCTAssertEqual(((zero["item_collection"] as? [String: Any]).map(Self.entries)) ?? [], Self.aliceRoot)

        // Not Alice's, not of that kind, or no such ID: 404, as Box answers for what the caller cannot see.
        for target in ["/2.0/files/21", "/2.0/folders/13", "/2.0/files/11", "/2.0/folders/999", "/2.0/folders/999/items", "/2.0/folders/abc"] {
            XCTAssertEqual(try get(target, alice).0, 404, target)
        }
    }

    func testDownScopedTokensReachOnlyTheirItem() throws {
        let alice = try token(user: "1001")
        for origin in ["https://api.box.com", self.origin!] {
            let (status, rootScoped) = try exchange(alice, scope: "base_explorer item_preview", resource: origin + "/2.0/folders/0")
            XCTAssertEqual(status, 200, "\(origin): \(rootScoped)")
            let explorer = rootScoped["access_token"] as! String
            XCTAssertEqual(Self.entries(try get("/2.0/folders/0/items", explorer).1), Self.aliceRoot, origin)
            XCTAssertEqual(try get("/2.0/files/13", explorer).0, 200, "folder 0's items are within its token's reach")
            XCTAssertEqual(try get("/2.0/users/me", explorer).0, 403)
        }
        let (status, fileScoped) = try exchange(alice, scope: "item_preview", resource: "https://api.box.com/2.0/files/13")
        XCTAssertEqual(status, 200, "\(fileScoped)")
        let preview = fileScoped["access_token"] as! String
        XCTAssertEqual(try get("/2.0/files/13", preview).0, 200)
        for target in ["/2.0/folders/0/items", "/2.0/folders/11", "/2.0/folders/0"] {
            let (code, body) = try get(target, preview)
            XCTAssertEqual(code, 403, target)
            XCTAssertEqual(body["code"] as? String, "insufficient_scope", target)
        }
        // A down-scoped token is refused As-User.
        XCTAssertEqual(try get("/2.0/folders/0/items", preview, asUser: "1001").0, 403)
    }

    /// Box limits a token only to an item its subject reaches, named by a URL on Box's API
    /// origin (here also the emulator's own); anything else is `invalid_target`.
    func testDownScopingRefusesTargetsOutsideTheSubjectsReach() throws {
        let alice = try token(user: "1001")
        let fileScoped = try exchange(alice, scope: "item_preview", resource: "https://api.box.com/2.0/files/13").1["access_token"] as! String
        let cases: [(String, String)] = [
            (alice, "https://api.box.com/2.0/files/21"),             // Bob's file
            (alice, "https://api.box.com/2.0/folders/999"),          // no such folder
            (alice, "https://api.box.com/2.0/folders/13"),           // a file's ID as a folder
            (alice, "https://evil.example/2.0/folders/0"),           // another host
            (alice, "http://api.box.com/2.0/folders/0"),             // not Box's origin (http)
            (alice, "https://api.box.com.evil.example/2.0/folders/0"),
            (alice, "https://api.box.com/2.0/folders/0?fields=x"),
            (alice, "https://api.box.com/2.0/folders/0/items"),
            (alice, "https://api.box.com/folders/0"),
            (alice, "\(origin!.replacingOccurrences(of: "127.0.0.1", with: "localhost"))/2.0/folders/0"),
            (fileScoped, "https://api.box.com/2.0/folders/0"),      // wider than the token it comes from
        ]
        for (subject, resource) in cases {
            let (status, json) = try exchange(subject, scope: "item_preview", resource: resource)
            XCTAssertEqual(status, 400, resource)
            XCTAssertEqual(json["error"] as? String, "invalid_target", resource)
            XCTAssertEqual(json["error_description"] as? String, "The target resource is invalid.", resource)
        }
    }
}
