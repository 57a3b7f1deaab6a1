import Foundation
import BoxAuth

/// `purejwt box root-folder`: folder "0" as a user sees it.
enum BoxRootFolderVerb {
    static let verb = Verb(
        name: "box root-folder",
        summary: "list folder \"0\" as the service account or a user sees it",
        usage: "purejwt box root-folder --config FILE [--user-id ID | --as-user ID] [--auth-url URL] [--api-url URL] [--json]",
        details: """
        --user-id uses an as-user token (the JWT grant with box_sub_type user); --as-user uses
        the service account's token with the As-User header (needs "Perform Actions as Users").
        Without either, shows the service account's own, usually empty, root. Prints one line
        per item (type, id, name), or with --json Box's response.
        """,
        options: [
            .value("user-id", "ID", "list as this user, with a user token"),
            .value("as-user", "ID", "list as this user, with the As-User header"),
        ] + BoxCLI.options,
        positionals: .none,
        run: run)

    static func run(_ args: ParsedArguments) throws(CLIError) {
        guard args.value("user-id") == nil || args.value("as-user") == nil else {
            throw .usage("conflicting_options", "give --user-id or --as-user, not both")
        }
        let client = try BoxCLI.client(args)
        let userID = args.value("user-id")
        let token = try BoxCLI.wait { () async throws(BoxAuthError) -> AccessToken in
            if let userID { return try await client.userToken(userID: userID) }
            return try await client.serviceAccountToken()
        }
        let (status, body) = try BoxCLI.get(client, "folders/0", token: token, asUser: args.value("as-user"))
        guard status == 200 else {
            let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
            let detail = (object?["message"] as? String).map { ": \($0)" } ?? ""
            throw .rejected("box_api_error", "GET /folders/0 answered HTTP \(status)\(detail)")
        }
        if args.flag("json") {
            try Output.emit(bytes: [UInt8](body) + [0x0A])
            return
        }
        guard let folder = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw .rejected("box_response_invalid", "GET /folders/0 did not answer JSON")
        }
        let owner = folder["owned_by"] as? [String: Any]
        let entries = ((folder["item_collection"] as? [String: Any])?["entries"] as? [[String: Any]]) ?? []
        var text = "folder 0 of \(owner?["name"] as? String ?? "?") (user \(owner?["id"] as? String ?? "?")): \(entries.count) item\(entries.count == 1 ? "" : "s")\n"
        for e in entries {
            text += "\(e["type"] as? String ?? "?")\t\(e["id"] as? String ?? "?")\t\(e["name"] as? String ?? "")\n"
        }
        try Output.emit(text)
    }
}
