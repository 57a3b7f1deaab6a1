import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import BoxAuth
import PureKeys
import PureJWTCLI

/// The work of `purejwt box root-folder` (declared in PureJWTCLI's BoxVerbs): folder "0" as a user
/// sees it.
enum BoxRootFolderVerb {
    static func run(_ args: ParsedArguments) async throws(CLIError) {
        guard args.value("user-id") == nil || args.value("as-user") == nil else {
            throw .usage(.conflictingOptions, "give --user-id or --as-user, not both")
        }
        let client = try BoxCLI.client(args, sharesTokens: true)
        let userID = args.value("user-id"), asUser = args.value("as-user")
        // Through the client's send: a refused (401) token is replaced once, 429 and 5xx are
        // retried. The token is fetched first, so a failed grant reads as it always did, and
        // again after the call (from the cache) so the server's text is scrubbed of the token
        // the last attempt carried; after a final 401 the first one stands.
        let (status, body, token) = try await BoxCLI.awaiting { () async throws(BoxAuthError) -> (Int, Data, AccessToken) in
            let request = client.apiRequest("folders/0")
            let subject: BoxSubject
            if let userID {
                subject = .user(userID)
            } else {
                _ = try await client.serviceAccountToken()
                // serviceAccountToken() succeeded, so config.json has an enterpriseID.
                subject = .enterprise(client.config.enterpriseID ?? "")
            }
            let first = try await client.token(for: subject)
            let answer: (body: Data, response: HTTPURLResponse)
            if let asUser, userID == nil {
                answer = try await client.send(request, asUser: asUser)
            } else {
                answer = try await client.send(request, as: subject)
            }
            let status = answer.response.statusCode
            let last = status == 401 ? first : try await client.token(for: subject)
            return (status, answer.body, last)
        }
        let folder = (try? JSONValue(parsing: [UInt8](body)))?.objectValue
        guard status == 200 else {
            // The server's words, without the bearer token (or anything token-shaped) it may echo.
            let detail = folder?["message"]?.stringValue.map { ": " + ServerText.scrubbed($0, secrets: [token.value]) } ?? ""
            throw .rejected(.boxAPIError, "GET /folders/0 answered HTTP \(status)\(detail)")
        }
        if args.flag("json") {
            try Output.emit(bytes: [UInt8](body) + [0x0A])
            return
        }
        guard let folder else {
            throw .rejected(.boxResponseInvalid, "GET /folders/0 did not answer JSON")
        }
        let owner = folder["owned_by"]
        let entries = folder["item_collection"]?["entries"]?.arrayValue ?? []
        // Names come from the server: escaped, so a file name cannot move the cursor or add lines.
        func shown(_ value: JSONValue?, _ fallback: String) -> String { value?.stringValue.map { Echo.escaped($0, maxBytes: 256) } ?? fallback }
        var text = "folder 0 of \(shown(owner?["name"], "?")) (user \(shown(owner?["id"], "?"))): \(entries.count) item\(entries.count == 1 ? "" : "s")\n"
        for e in entries {
            text += "\(shown(e["type"], "?"))\t\(shown(e["id"], "?"))\t\(shown(e["name"], ""))\n"
        }
        try Output.emit(text)
    }
}
