import Foundation
import BoxAuth
import PureKeys

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
            throw .usage(.conflictingOptions, "give --user-id or --as-user, not both")
        }
        let client = try BoxCLI.client(args)
        let userID = args.value("user-id")
        let token = try BoxCLI.wait { () async throws(BoxAuthError) -> AccessToken in
            if let userID { return try await client.userToken(userID: userID) }
            return try await client.serviceAccountToken()
        }
        let (status, body) = try BoxCLI.get(client, "folders/0", token: token, asUser: args.value("as-user"))
        let folder = (try? JSONValue(parsing: [UInt8](body)))?.objectValue
        guard status == 200 else {
            let detail = folder?["message"]?.stringValue.map { ": \($0)" } ?? ""
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
        var text = "folder 0 of \(owner?["name"]?.stringValue ?? "?") (user \(owner?["id"]?.stringValue ?? "?")): \(entries.count) item\(entries.count == 1 ? "" : "s")\n"
        for e in entries {
            text += "\(e["type"]?.stringValue ?? "?")\t\(e["id"]?.stringValue ?? "?")\t\(e["name"]?.stringValue ?? "")\n"
        }
        try Output.emit(text)
    }
}
