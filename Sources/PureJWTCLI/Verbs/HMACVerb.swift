import PureCrypto

/// `purejwt hmac --alg ALG (--key-hex-file F | --key-hex-env VAR | --key-hex HEX) [FILE]`: the
/// lowercase hex HMAC of FILE (or stdin).
enum HMACVerb {
    static let allowed: [DigestAlgorithm] = [.sha1, .sha224, .sha256, .sha384, .sha512]

    static let verb = Verb(
        name: "hmac",
        summary: "print the hex HMAC of a file or stdin",
        usage: "purejwt hmac --alg sha1|sha224|sha256|sha384|sha512 (--key-hex-file F | --key-hex-env VAR | --key-hex HEX) [FILE]",
        details: """
        Reads FILE, or stdin when FILE is absent or '-', in chunks, and prints the HMAC
        (RFC 2104) as lowercase hex followed by a newline. The key is given in hex (either case,
        possibly empty), from a file or an environment variable (--key-hex on the command line
        is visible to other users in the process list); it is decoded in constant time and never
        printed.
        """,
        options: [
            .value("alg", "ALG", "sha1, sha224, sha256, sha384 or sha512 (required)"),
        ] + SecretInput.options("key-hex", "the key as hex digits") + [
            .value("key-hex", "HEX", "the key as hex digits on the command line (visible in ps; prefer --key-hex-file)"),
        ],
        positionals: .optional("FILE"),
        run: run)

    static func run(_ args: ParsedArguments) throws(CLIError) {
        let algorithm = try DigestAlgorithm.parse(try args.requiredValue("alg"), option: "alg", allowed: allowed)
        guard var keyHex = try SecretInput.read(args, "key-hex", inline: args.value("key-hex"), inlineName: "--key-hex") else {
            throw .usage(.missingOption, "'hmac' needs the key: --key-hex-file FILE, --key-hex-env VAR or --key-hex HEX (see 'purejwt hmac --help')")
        }
        defer { SecretWipe.wipe(&keyHex, "HMAC key hex") }
        let input = InputSource(path: args.positional(0))
        if SecretInput.readsStdin(args, "key-hex") && input.path == nil {
            throw .usage(.conflictingOptions, "the key and the input cannot both come from stdin: give FILE")
        }
        var key: [UInt8]
        do {
            key = try Hex.decode(keyHex)
        } catch {
            throw CLIError(error, context: "the HMAC key")
        }
        defer { SecretWipe.wipe(&key, "HMAC key") }
        let mac = try algorithm.authenticationCode(of: input, key: key)
        try Output.emit(Hex.encode(mac) + "\n")
    }
}
