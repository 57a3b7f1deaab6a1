import BoxAuth
import PureJWTCLI

/// The work of `purejwt box revoke` (declared in PureJWTCLI's BoxVerbs): the token from
/// --token-file, --token-env or the TOKEN argument.
enum BoxRevokeVerb {
    static func run(_ args: ParsedArguments) throws(CLIError) {
        guard let bytes = try SecretInput.read(args, "token", inline: args.positional(0), inlineName: "TOKEN") else {
            throw .usage(.missingArgument, "'box revoke' needs the token: --token-file FILE, --token-env VAR or -- TOKEN (see 'purejwt box revoke --help')")
        }
        let client = try BoxCLI.client(args, needsKey: false)
        let token = String(decoding: bytes, as: UTF8.self)
        try BoxCLI.wait { () async throws(BoxAuthError) in try await client.revoke(token) }
        if args.flag("json") { try Output.emit("{\"revoked\":true}\n") }
    }
}
