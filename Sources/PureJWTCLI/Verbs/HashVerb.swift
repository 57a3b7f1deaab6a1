import PureCrypto

/// `purejwt hash --alg ALG [FILE]`: the lowercase hex digest of FILE (or stdin) and a newline.
enum HashVerb {
    static let verb = Verb(
        name: "hash",
        summary: "print the hex digest of a file or stdin",
        usage: "purejwt hash --alg md5|sha1|sha224|sha256|sha384|sha512 [FILE]",
        details: """
        Reads FILE, or stdin when FILE is absent or '-', in chunks (any size works), and prints
        the digest as lowercase hex followed by a newline. md5 and sha1 are insecure and exist
        for legacy formats only.
        """,
        options: [.value("alg", "ALG", "md5, sha1, sha224, sha256, sha384 or sha512 (required)")],
        positionals: .optional("FILE"),
        run: run)

    static func run(_ args: ParsedArguments) throws(CLIError) {
        let algorithm = try DigestAlgorithm.parse(try args.requiredValue("alg"), option: "alg")
        let digest = try algorithm.digest(of: InputSource(path: args.positional(0)))
        try Output.emit(Hex.encode(digest) + "\n")
    }
}
