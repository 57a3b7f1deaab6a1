import PureCrypto
import PureJWT

/// `purejwt verify --alg ALG --key FILE --signature SIG [--hex] [FILE]`: exit 0 when SIG is a
/// valid signature of FILE (or stdin), else exit 1 with `error[signature_invalid]`.
enum VerifyVerb {
    static let verb = Verb(
        name: "verify",
        summary: "verify an RSA signature over a file or stdin (exit 0 valid, 1 invalid)",
        usage: "purejwt verify --alg \(RSAAlgorithmOption.names) --key FILE --signature SIG [--hex] [FILE]",
        details: """
        Checks SIG (base64url without padding, or hex with --hex) against the bytes of FILE
        (stdin when absent or '-') and the RSA key in --key: a public key, or a private key whose
        public half is used. Prints 'valid' and exits 0 when the signature verifies; otherwise
        prints 'purejwt: error[signature_invalid]: ...' on stderr and exits 1, whatever the
        reason (wrong key, tampered data, malformed or wrong-length signature).
        """,
        options: [
            .value("alg", "ALG", "RS256, RS384, RS512, PS256, PS384 or PS512 (required)"),
            .value("key", "FILE", "the public (or private) key (required)"),
            .value("signature", "SIG", "the signature, base64url (or hex with --hex) (required)"),
            .flag("hex", "SIG is hex instead of base64url"),
        ] + KeyFile.options,
        positionals: .optional("FILE"),
        run: run)

    static func run(_ args: ParsedArguments) throws(CLIError) {
        let alg = try RSAAlgorithmOption.parse(try args.requiredValue("alg"))
        let text = try args.requiredValue("signature")
        let (key, _) = try KeyFile.load(try args.requiredValue("key"), args)
        let message = try InputSource(path: args.positional(0)).readAll(maxBytes: 1 << 30)
        let invalid = CLIError.rejected(.signatureInvalid, "the signature does not verify for this data, key and algorithm (\(alg.rawValue))")
        let signature: [UInt8]
        do {
            signature = args.flag("hex") ? try Hex.decode(text) : try Base64URL.decode(text)
        } catch {
            throw invalid
        }
        guard alg.isValidRSASignature(signature, for: message, with: key.publicKey) else { throw invalid }
        try Output.emit("valid\n")
    }
}
