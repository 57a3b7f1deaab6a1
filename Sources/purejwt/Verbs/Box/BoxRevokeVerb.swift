import BoxAuth

/// `purejwt box revoke TOKEN`.
enum BoxRevokeVerb {
    static let verb = Verb(
        name: "box revoke",
        summary: "revoke an access token",
        usage: "purejwt box revoke --config FILE [--auth-url URL] TOKEN",
        details: "Revokes TOKEN with the app's client credentials. Prints nothing on success. Like `box tokens:revoke`.",
        options: BoxCLI.options,
        positionals: .required("TOKEN"),
        run: run)

    static func run(_ args: ParsedArguments) throws(CLIError) {
        let client = try BoxCLI.client(args, needsKey: false)
        let token = args.positional(0)!
        try BoxCLI.wait { () async throws(BoxAuthError) in try await client.revoke(token) }
        if args.flag("json") { try Output.emit("{\"revoked\":true}\n") }
    }
}
