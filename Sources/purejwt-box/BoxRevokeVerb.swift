import BoxAuth
import PureJWTCLI

/// The work of `purejwt box revoke` (declared in PureJWTCLI's BoxVerbs): the token from
/// --token-file, --token-env, the TOKEN argument or stdin.
enum BoxRevokeVerb {
    static func run(_ args: ParsedArguments) async throws(CLIError) {
        let bytes = try SecretInput.readToken(args, inline: args.positional(0), inlineName: "TOKEN")
        guard !bytes.isEmpty else {
            throw .usage(.missingArgument, "'box revoke' needs the token: on stdin, --token-file FILE, --token-env VAR or -- TOKEN (see 'purejwt box revoke --help')")
        }
        let client = try BoxCLI.client(args, needsKey: false)
        let token = String(decoding: bytes, as: UTF8.self)
        try await BoxCLI.awaiting { () async throws(BoxAuthError) in try await client.revoke(token) }
        if args.flag("json") { try Output.emit("{\"revoked\":true}\n") }
    }
}
