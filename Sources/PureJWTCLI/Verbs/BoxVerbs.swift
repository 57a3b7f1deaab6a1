#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The `box` verbs as `purejwt` declares them: names, help and options, so that `purejwt --help`,
/// `purejwt box token --help` and every usage error come from `purejwt` itself. Their `run` hands
/// the command line to the `purejwt-box` executable (`BoxTool.run`), which holds the Box client,
/// URLSession and Foundation; the other verbs therefore start without loading Foundation.
/// `purejwt-box` declares the same verbs with their real work (`Verb.running`).
package enum BoxVerbs {
    /// The environment variable that names the config file when `--config` is absent.
    static let configVariable = "PUREJWT_BOX_CONFIG"

    /// The config file: `--config FILE`, else `$PUREJWT_BOX_CONFIG`, else a usage error naming both.
    package static func configPath(_ args: ParsedArguments) throws(CLIError) -> String {
        if let path = args.value("config") { return path }
        if let value = getenv(configVariable), value.pointee != 0 { return String(cString: value) }
        throw .usage(.missingOption, "'\(args.verbName)' needs --config FILE or \(configVariable) set to the app's config.json (see 'purejwt \(args.verbName) --help')")
    }

    /// The environment variable that names the token store when `--token-store` is absent.
    package static let tokenStoreVariable = "PUREJWT_TOKEN_STORE"

    /// The options of the verbs that get a token: a store shared with other processes.
    static let tokenStoreOptions: [OptionSpec] = [
        .value("token-store", "STORE", "share tokens with other processes: file:DIR or redis://[:PASSWORD@]HOST:PORT[/DB] (default: $\(tokenStoreVariable))"),
    ]

    /// The options every `box` verb takes.
    static let sharedOptions: [OptionSpec] = [
        .value("config", "FILE", "the app's config.json from the Box developer console (default: $\(configVariable))"),
        .value("auth-url", "URL", "OAuth base URL (default https://api.box.com; the emulator's URL offline)"),
        .value("api-url", "URL", "API base URL (default: https://api.box.com/2.0, or AUTH-URL/2.0 when --auth-url is given)"),
        .flag("json", "print JSON instead of plain text"),
        .flag("insecure-http", "allow plain http to hosts other than loopback (sends secrets in clear; test setups only)"),
        .flag("verbose", "print what the client does on stderr, one event a line (grants, retries, cache and store hits, lease waits); never a secret"),
    ] + Passphrase.options

    /// `purejwt box token`: an access token for the service account, or for a user (as-user token).
    package static let token = Verb(
        name: "box token",
        summary: "get an access token for the service account or a user (JWT grant)",
        usage: "purejwt box token [--config FILE] [-u ID | --user-id ID] [--token-store STORE] [--auth-url URL] [--json] [--verbose]",
        details: """
        Signs a JWT assertion with the app's private key (decrypted with the config's
        passphrase, or --passphrase-file/--passphrase-env) and exchanges it for a token. Without
        --user-id the token is the service account's (box_sub_type enterprise); with it, the
        token acts as that user (box_sub_type user), whose folder "0" is their root. Prints the
        token, or with --json the token response. Like `box tokens:get [-u USER_ID]`.
        With --token-store (or $PUREJWT_TOKEN_STORE) the token is read from and kept in a
        store shared with other processes: file:DIR on one host, redis://HOST:PORT for many;
        processes asking at once make one grant between them.
        """,
        options: [.value("user-id", "ID", "act as this user (needs 'Generate user access tokens')", short: "u")] + tokenStoreOptions + sharedOptions,
        positionals: .none,
        run: BoxTool.run)

    /// `purejwt box exchange`: a down-scoped token (token exchange), e.g. for Box UI Elements.
    package static let exchange = Verb(
        name: "box exchange",
        summary: "down-scope a token to some scopes and one item (for Box UI Elements)",
        usage: "purejwt box exchange [--config FILE] (--token-file F | --token-env VAR | --token T | -u ID) --scope S[,S...] [--folder-id ID | --file-id ID | --resource URL | --shared-link URL]",
        details: """
        Exchanges the given token (or a fresh token for --user-id, or the service account's
        when neither is given) for one limited to the --scope list, separated by commas or
        spaces (e.g. base_explorer,item_preview), and to at most one item or shared link. Prints the
        token, or with --json the token response. Like `box tokens:exchange`. Give the token in
        a file ('-' for stdin) or an environment variable: --token is visible in the process list.
        """,
        options: SecretInput.options("token", "the token to down-scope") + [
            .value("token", "T", "the token on the command line (visible in ps; prefer --token-file)"),
            .value("user-id", "ID", "down-scope a fresh token for this user", short: "u"),
            .value("scope", "SCOPES", "scopes separated by commas or spaces (required)"),
            .value("folder-id", "ID", "limit to this folder"),
            .value("file-id", "ID", "limit to this file"),
            .value("resource", "URL", "limit to this API resource URL"),
            .value("shared-link", "URL", "limit to this shared link"),
        ] + tokenStoreOptions + sharedOptions,
        positionals: .none,
        run: BoxTool.run)

    /// `purejwt box revoke [--token-file F | --token-env VAR | -- TOKEN]`, else the token on stdin.
    package static let revoke = Verb(
        name: "box revoke",
        summary: "revoke an access token",
        usage: "purejwt box revoke [--config FILE] [--auth-url URL] [--token-file F | --token-env VAR | -- TOKEN]",
        details: """
        Revokes the token with the app's client credentials. Prints nothing on success. Like
        `box tokens:revoke`. Reads the token from --token-file F, --token-env VAR, or stdin
        when none is given; a TOKEN argument also works, but other users see it in the process
        list.
        """,
        options: SecretInput.options("token", "the token to revoke") + sharedOptions,
        positionals: .optional("TOKEN"),
        run: BoxTool.run)

    /// `purejwt box root-folder`: folder "0" as a user sees it.
    package static let rootFolder = Verb(
        name: "box root-folder",
        summary: "list folder \"0\" as the service account or a user sees it",
        usage: "purejwt box root-folder [--config FILE] [-u ID | --user-id ID | --as-user ID] [--auth-url URL] [--api-url URL] [--json]",
        details: """
        --user-id uses an as-user token (the JWT grant with box_sub_type user); --as-user uses
        the service account's token with the As-User header (needs "Perform Actions as Users").
        Without either, shows the service account's own, usually empty, root. Prints one line
        per item (type, id, name), or with --json Box's response.
        """,
        options: [
            .value("user-id", "ID", "list as this user, with a user token", short: "u"),
            .value("as-user", "ID", "list as this user, with the As-User header"),
        ] + tokenStoreOptions + sharedOptions,
        positionals: .none,
        run: BoxTool.run)

    /// `purejwt box emulator`: a local Box on loopback, with a config.json to go with it.
    package static let emulator = Verb(
        name: "box emulator",
        summary: "run a local Box emulator and write a config.json for it",
        usage: "purejwt box emulator [--port N] [--config-out FILE]",
        details: """
        Serves /oauth2/token, /oauth2/revoke, /2.0/users/me, /2.0/folders/ID,
        /2.0/folders/ID/items and /2.0/files/ID on 127.0.0.1, validating requests as Box does. Generates an RSA-2048 key for a fresh app, writes a
        config.json holding that key encrypted (PKCS#8, PBES2 AES-256) with its passphrase, and
        prints the URL, the user IDs it knows, and the config's path. Point the other box verbs
        at it with --auth-url URL. Runs until interrupted (Ctrl-C).
        FILE defaults to ./config.json; an existing file is replaced only if it is an emulator
        config, so a real Box config is never overwritten.
        """,
        options: [
            .value("port", "N", "TCP port (default: any free port)"),
            .value("config-out", "FILE", "where to write the config (default ./config.json)"),
        ],
        positionals: .none,
        run: BoxTool.run)
}
