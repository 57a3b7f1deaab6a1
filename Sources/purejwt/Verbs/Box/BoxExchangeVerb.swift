import Foundation
import BoxAuth

/// `purejwt box exchange`: a down-scoped token (token exchange), e.g. for Box UI Elements.
enum BoxExchangeVerb {
    static let verb = Verb(
        name: "box exchange",
        summary: "down-scope a token to some scopes and one item (for Box UI Elements)",
        usage: "purejwt box exchange --config FILE (--token T | --user-id ID) --scope \"S ...\" [--folder-id ID | --file-id ID | --resource URL | --shared-link URL]",
        details: """
        Exchanges --token (or a fresh token for --user-id, or the service account's when
        neither is given) for one limited to the space-separated --scope list (e.g.
        "base_explorer item_preview") and to at most one item or shared link. Prints the
        token, or with --json the token response. Like `box tokens:exchange`.
        """,
        options: [
            .value("token", "T", "the token to down-scope"),
            .value("user-id", "ID", "down-scope a fresh token for this user"),
            .value("scope", "SCOPES", "space-separated scopes (required)"),
            .value("folder-id", "ID", "limit to this folder"),
            .value("file-id", "ID", "limit to this file"),
            .value("resource", "URL", "limit to this API resource URL"),
            .value("shared-link", "URL", "limit to this shared link"),
        ] + BoxCLI.options,
        positionals: .none,
        run: run)

    static func run(_ args: ParsedArguments) throws(CLIError) {
        let scopes = try args.requiredValue("scope").split(separator: " ").map(String.init)
        let targets = ["folder-id", "file-id", "resource", "shared-link"].filter { args.value($0) != nil }
        guard targets.count <= 1 else {
            throw .usage(.conflictingOptions, "give at most one of --folder-id, --file-id, --resource and --shared-link")
        }
        guard args.value("token") == nil || args.value("user-id") == nil else {
            throw .usage(.conflictingOptions, "give --token or --user-id, not both")
        }
        let given = args.value("token")
        let client = try BoxCLI.client(args, needsKey: given == nil)
        var resource: URL? = nil
        if let id = args.value("folder-id") { resource = client.folderResource(id) }
        if let id = args.value("file-id") { resource = client.fileResource(id) }
        if let text = args.value("resource") {
            guard let url = URL(string: text) else { throw .usage(.invalidOptionValue, "--resource must be a URL") }
            resource = url
        }
        let sharedLink = args.value("shared-link"), userID = args.value("user-id")
        let token = try BoxCLI.wait { [resource] () async throws(BoxAuthError) -> AccessToken in
            let subject: String
            if let given { subject = given }
            else if let userID { subject = try await client.userToken(userID: userID).value }
            else { subject = try await client.serviceAccountToken().value }
            return try await client.exchange(subject, scopes: scopes, resource: resource, sharedLink: sharedLink)
        }
        try Output.emit((args.flag("json") ? BoxCLI.json(token) : token.value) + "\n")
    }
}
