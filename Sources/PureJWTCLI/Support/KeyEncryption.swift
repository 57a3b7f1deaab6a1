import PureCrypto
import PureKeys

/// `key convert --encrypt`: writing the private key as encrypted PKCS#8 (PBES2,
/// PBKDF2-HMAC-SHA256, AES-256-CBC, random salt and IV), the passphrase for the OUTPUT read from
/// `--out-passphrase-file F` or `--out-passphrase-env VAR` (same rules as `--passphrase-file`:
/// one trailing newline dropped), or, when neither is given, the input key's passphrase
/// (`--passphrase-file` / `--passphrase-env`), so re-encrypting a legacy key keeps its passphrase.
enum KeyEncryption {
    static let options: [OptionSpec] = [
        .flag("encrypt", "write encrypted PKCS#8 (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC); needs --to pkcs8"),
        .value("iterations", "N", "PBKDF2 iterations for --encrypt (default \(PKCS8Encryption.defaultIterations))"),
        .value("out-passphrase-file", "FILE", "passphrase for the --encrypt output, from FILE (default: the input's passphrase)"),
        .value("out-passphrase-env", "VAR", "passphrase for the --encrypt output, from environment variable VAR"),
    ]

    /// Usage errors for `--iterations` / `--out-passphrase-*` without `--encrypt`, or
    /// `--encrypt` with another format than PKCS#8 or with JWK output.
    static func validate(_ args: ParsedArguments, structure: KeyFormat.Structure) throws(CLIError) {
        guard args.flag("encrypt") else {
            for name in ["iterations", "out-passphrase-file", "out-passphrase-env"] where args.value(name) != nil {
                throw .usage(.conflictingOptions, "--\(name) applies only with --encrypt")
            }
            return
        }
        guard structure == .pkcs8 else {
            throw .usage(.conflictingOptions, "--encrypt writes encrypted PKCS#8: use it with --to pkcs8")
        }
    }

    /// The encrypted PKCS#8 of `key`, as PEM (`ENCRYPTED PRIVATE KEY`) or DER.
    static func encrypt(_ key: RSAKey, der: Bool, _ args: ParsedArguments) throws(CLIError) -> [UInt8] {
        let iterations = try Self.iterations(args)
        let passphrase = try outputPassphrase(args)
        do {
            let encrypted = try key.material.encryptedPKCS8DER(passphrase: passphrase, iterations: iterations)
            return der ? encrypted : Array(PEMDocument(label: "ENCRYPTED PRIVATE KEY", derBytes: encrypted).pemString.utf8)
        } catch {
            throw CLIError(error, context: "--encrypt")
        }
    }

    /// `--iterations N` (PBKDF2 iterations of the encrypted key), or the default: a whole number
    /// from 1 to the loader's cap, so the default loader reads the key back; anything else is a
    /// usage error (`invalid_option_value`). Shared by `key convert --encrypt` and `key generate`.
    static func iterations(_ args: ParsedArguments) throws(CLIError) -> Int {
        guard let text = args.value("iterations") else { return PKCS8Encryption.defaultIterations }
        guard let n = Int(text), n >= 1, n <= PBKDF2Limits.default.maxIterations else {
            throw .usage(.invalidOptionValue, "--iterations must be a whole number from 1 to \(PBKDF2Limits.default.maxIterations), not \(Echo.quoted(text, maxBytes: 20))")
        }
        return n
    }

    /// `--out-passphrase-file` / `--out-passphrase-env`, else the input passphrase, else a usage
    /// error (`missing_passphrase`): an encrypted key needs a passphrase.
    static func outputPassphrase(_ args: ParsedArguments) throws(CLIError) -> [UInt8] {
        switch (args.value("out-passphrase-file"), args.value("out-passphrase-env")) {
        case (let file?, nil): return try Passphrase.fromFile(file)
        case (nil, let variable?): return try Passphrase.fromEnvironment(variable)
        case (.some, .some): throw .usage(.conflictingOptions, "give --out-passphrase-file or --out-passphrase-env, not both")
        case (nil, nil):
            guard let input = try Passphrase.read(args) else {
                throw .usage(.missingPassphrase, "--encrypt needs a passphrase for the output: give --out-passphrase-file FILE or --out-passphrase-env VAR")
            }
            return input
        }
    }
}
