import BoxAuth
import PureJWTCLI

/// The work of `purejwt box revoke TOKEN` (declared in PureJWTCLI's BoxVerbs).
enum BoxRevokeVerb {
    static func run(_ args: ParsedArguments) throws(CLIError) {
        let client = try BoxCLI.client(args, needsKey: false)
        let token = args.positional(0)!
        try BoxCLI.wait { () async throws(BoxAuthError) in try await client.revoke(token) }
        if args.flag("json") { try Output.emit("{\"revoked\":true}\n") }
    }
}
