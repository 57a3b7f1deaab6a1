import BoxAuth

/// `purejwt box token`: an access token for the service account, or for a user (as-user token).
enum BoxTokenVerb {
    static let verb = Verb(
        name: "box token",
        summary: "get an access token for the service account or a user (JWT grant)",
        usage: "purejwt box token --config FILE [--user-id ID] [--auth-url URL] [--json]",
        details: """
        Signs a JWT assertion with the app's private key (decrypted with the config's
        passphrase, or --passphrase-file/--passphrase-env) and exchanges it for a token. Without
        --user-id the token is the service account's (box_sub_type enterprise); with it, the
        token acts as that user (box_sub_type user), whose folder "0" is their root. Prints the
        token, or with --json the token response. Like `box tokens:get [-u USER_ID]`.
        """,
        options: [.value("user-id", "ID", "act as this user (needs 'Generate user access tokens')")] + BoxCLI.options,
        positionals: .none,
        run: run)

    static func run(_ args: ParsedArguments) throws(CLIError) {
        let client = try BoxCLI.client(args)
        let userID = args.value("user-id")
        let token = try BoxCLI.wait { () async throws(BoxAuthError) -> AccessToken in
            if let userID { return try await client.userToken(userID: userID) }
            return try await client.serviceAccountToken()
        }
        try Output.emit((args.flag("json") ? BoxCLI.json(token) : token.value) + "\n")
    }
}
