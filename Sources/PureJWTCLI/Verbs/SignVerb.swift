import PureCrypto
import PureJWT

/// `purejwt sign --alg ALG --key FILE [--hex] [FILE]`: an RSA signature over the bytes of FILE
/// or stdin.
enum SignVerb {
    static let verb = Verb(
        name: "sign",
        summary: "sign a file or stdin with an RSA private key (RS256...PS512)",
        usage: "purejwt sign --alg \(RSAAlgorithmOption.names) --key FILE [--hex] [FILE]",
        details: """
        Signs the bytes of FILE (stdin when absent or '-') with the RSA private key in --key
        (any supported format) and prints the signature, base64url without padding (as in a
        JWS), or lowercase hex with --hex, followed by a newline. RS* is RSASSA-PKCS1-v1_5
        (deterministic); PS* is RSASSA-PSS with MGF1 and a salt as long as the hash (random).
        """,
        options: [
            .value("alg", "ALG", "RS256, RS384, RS512, PS256, PS384 or PS512 (required)"),
            .value("key", "FILE", "the private key (required)"),
            .flag("hex", "print hex instead of base64url"),
        ] + KeyFile.options,
        positionals: .optional("FILE"),
        run: run)

    static func run(_ args: ParsedArguments) throws(CLIError) {
        let alg = try RSAAlgorithmOption.parse(try args.requiredValue("alg"))
        let keyPath = try args.requiredValue("key")
        let (key, format) = try KeyFile.load(keyPath, args)
        guard let privateKey = key.privateKey else {
            throw .rejected(.notAPrivateKey, "key \(Echo.quoted(keyPath, maxBytes: 128)) is a public key (\(format)); signing needs the private key")
        }
        let message = try InputSource(path: args.positional(0)).readAll(maxBytes: 1 << 30)
        let signature: [UInt8]
        do {
            signature = try alg.rsaSignature(message, with: privateKey)
        } catch {
            throw CLIError(error, context: "sign \(alg.rawValue)")
        }
        try Output.emit((args.flag("hex") ? Hex.encode(signature) : Base64URL.encode(signature)) + "\n")
    }
}
