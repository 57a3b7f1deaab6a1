import Foundation
import BoxAuth
import PureJWTCLI

/// The work of `purejwt box exchange` (declared in PureJWTCLI's BoxVerbs): a down-scoped token
/// (token exchange), e.g. for Box UI Elements.
enum BoxExchangeVerb {
    static func run(_ args: ParsedArguments) async throws(CLIError) {
        // Commas or spaces, as Box's CLI takes `base_explorer,item_preview`.
        let scopes = try args.requiredValue("scope").split { $0 == "," || $0 == " " }.map(String.init)
        guard !scopes.isEmpty else {
            throw .usage(.invalidOptionValue, "--scope needs at least one scope, e.g. base_explorer,item_preview")
        }
        let targets = ["folder-id", "file-id", "resource", "shared-link"].filter { args.value($0) != nil }
        guard targets.count <= 1 else {
            throw .usage(.conflictingOptions, "give at most one of --folder-id, --file-id, --resource and --shared-link")
        }
        let given = try SecretInput.read(args, "token", inline: args.value("token"), inlineName: "--token").map { String(decoding: $0, as: UTF8.self) }
        guard given == nil || args.value("user-id") == nil else {
            throw .usage(.conflictingOptions, "give a token or --user-id, not both")
        }
        let client = try BoxCLI.client(args, needsKey: given == nil, sharesTokens: true)
        var resource: URL? = nil
        if let id = args.value("folder-id") { resource = client.folderResource(id) }
        if let id = args.value("file-id") { resource = client.fileResource(id) }
        if let text = args.value("resource") {
            guard let url = URL(string: text) else { throw .usage(.invalidOptionValue, "--resource must be a URL") }
            resource = url
        }
        let sharedLink = args.value("shared-link"), userID = args.value("user-id")
        let token = try await BoxCLI.awaiting { () async throws(BoxAuthError) -> AccessToken in
            let subject: String
            if let given { subject = given }
            else if let userID { subject = try await client.userToken(userID: userID).value }
            else { subject = try await client.serviceAccountToken().value }
            return try await client.exchange(subject, scopes: scopes, resource: resource, sharedLink: sharedLink)
        }
        try Output.emit((args.flag("json") ? BoxCLI.json(token) : token.value) + "\n")
    }
}
