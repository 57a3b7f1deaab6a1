import PureCrypto
import PureKeys

/// `purejwt key generate`: a new RSA key pair, the private key encrypted, the public key ready
/// to paste into the Box developer console.
enum KeyGenerateVerb {
    static let verb = Verb(
        name: "key generate",
        summary: "generate an RSA key pair (encrypted PKCS#8 private key, SPKI public key)",
        usage: "purejwt key generate --bits 2048|3072|4096 --out FILE (--passphrase-file F | --passphrase-env VAR | --no-encryption) [--iterations N] [--public-out FILE]",
        details: """
        Generates probable primes (Miller-Rabin rounds per FIPS 186-5), e = 65537, and writes the
        private key to FILE as encrypted PKCS#8 PEM (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC;
        mode 0600). The public key (SPKI PEM, "BEGIN PUBLIC KEY") goes to --public-out, or to
        stdout: paste it into the Box developer console (App Settings, Add a Public Key).
        --no-encryption writes an unencrypted PKCS#8 key instead; avoid it outside tests.
        """,
        options: [
            .value("bits", "N", "2048, 3072 or 4096 (required)"),
            .value("out", "FILE", "where to write the private key (required)"),
            .value("public-out", "FILE", "where to write the public key (default: stdout)"),
            KeyFile.forceOption,
            .value("iterations", "N", "PBKDF2 iterations (default \(PKCS8Encryption.defaultIterations))"),
            .flag("no-encryption", "write the private key unencrypted (not recommended)"),
        ] + Passphrase.options,
        positionals: .none,
        run: run)

    static func run(_ args: ParsedArguments) throws(CLIError) {
        guard let bits = Int(try args.requiredValue("bits")), [2048, 3072, 4096].contains(bits) else {
            throw .usage(.invalidOptionValue, "--bits takes 2048, 3072 or 4096")
        }
        let out = try args.requiredValue("out")
        let iterations = try KeyEncryption.iterations(args)
        let passphrase = try Passphrase.read(args)
        switch (passphrase, args.flag("no-encryption")) {
        case (nil, false):
            throw .usage(.missingOption, "give --passphrase-file F or --passphrase-env VAR to encrypt the key (or --no-encryption)")
        case (.some, true):
            throw .usage(.conflictingOptions, "--no-encryption cannot be combined with a passphrase")
        default:
            break
        }
        let privatePEM: String
        let key: RSAPrivateKey
        do {
            key = try RSAPrivateKey.generate(modulusBitCount: bits)
            if let passphrase {
                privatePEM = try key.encryptedPKCS8PEMRepresentation(passphrase: passphrase, iterations: iterations)
            } else {
                privatePEM = key.pkcs8PEMRepresentation
            }
        } catch {
            throw CLIError(error, context: "key generation")
        }
        try KeyFile.write(Array(privatePEM.utf8), to: out, secret: true, overwrite: args.flag("force"))
        try KeyFile.write(Array(key.publicKey.spkiPEMRepresentation.utf8), to: args.value("public-out"), secret: false, overwrite: args.flag("force"))
    }
}
