import PureCrypto

/// `purejwt hmac --alg ALG --key-hex HEX [FILE]`: the lowercase hex HMAC of FILE (or stdin).
enum HMACVerb {
    static let allowed: [DigestAlgorithm] = [.sha1, .sha224, .sha256, .sha384, .sha512]

    static let verb = Verb(
        name: "hmac",
        summary: "print the hex HMAC of a file or stdin",
        usage: "purejwt hmac --alg sha1|sha224|sha256|sha384|sha512 --key-hex HEX [FILE]",
        details: """
        Reads FILE, or stdin when FILE is absent or '-', in chunks, and prints the HMAC
        (RFC 2104) as lowercase hex followed by a newline. The key is given in hex (either case,
        possibly empty); it is decoded in constant time and never printed.
        """,
        options: [
            .value("alg", "ALG", "sha1, sha224, sha256, sha384 or sha512 (required)"),
            .value("key-hex", "HEX", "the key as hex digits (required)"),
        ],
        positionals: .optional("FILE"),
        run: run)

    static func run(_ args: ParsedArguments) throws(CLIError) {
        let algorithm = try DigestAlgorithm.parse(try args.requiredValue("alg"), option: "alg", allowed: allowed)
        let keyHex = try args.requiredValue("key-hex")
        let key: [UInt8]
        do {
            key = try Hex.decode(keyHex)
        } catch {
            throw CLIError(error, context: "--key-hex")
        }
        let mac = try algorithm.authenticationCode(of: InputSource(path: args.positional(0)), key: key)
        try Output.emit(Hex.encode(mac) + "\n")
    }
}
