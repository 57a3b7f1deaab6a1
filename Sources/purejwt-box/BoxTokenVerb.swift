import BoxAuth
import PureJWTCLI

/// The work of `purejwt box token` (declared in PureJWTCLI's BoxVerbs): an access token for the
/// service account, or for a user (as-user token).
enum BoxTokenVerb {
    static func run(_ args: ParsedArguments) async throws(CLIError) {
        let client = try BoxCLI.client(args, sharesTokens: true)
        let userID = args.value("user-id")
        let token = try await BoxCLI.awaiting { () async throws(BoxAuthError) -> AccessToken in
            if let userID { return try await client.userToken(userID: userID) }
            return try await client.serviceAccountToken()
        }
        try Output.emit((args.flag("json") ? BoxCLI.json(token) : token.value) + "\n")
    }
}
