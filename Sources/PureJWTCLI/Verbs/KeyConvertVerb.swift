import PureCrypto
import PureKeys

/// `purejwt key convert --in FILE --to FORMAT [--der] [--out FILE]`: rewrites a key in another
/// format. The input format is detected; public formats write the public half.
enum KeyConvertVerb {
    static let verb = Verb(
        name: "key convert",
        summary: "convert a key between PKCS#1, PKCS#8, SPKI and JWK (PEM or DER)",
        usage: "purejwt key convert --in FILE --to pkcs1|pkcs8|spki|rsa-public|jwk|jwk-public [--der] [--out FILE] [--encrypt [--iterations N] [--out-passphrase-file F | --out-passphrase-env VAR]]",
        details: """
        Reads an RSA key from FILE ('-' for stdin) in any supported format (detected: PEM, DER
        or JWK JSON) and writes it as:
          pkcs1       PKCS#1 RSAPrivateKey        (PEM label RSA PRIVATE KEY)
          pkcs8       PKCS#8 PrivateKeyInfo       (PEM label PRIVATE KEY)
          spki        SubjectPublicKeyInfo        (PEM label PUBLIC KEY; public half)
          rsa-public  PKCS#1 RSAPublicKey         (PEM label RSA PUBLIC KEY; public half)
          jwk         private JWK (RFC 7517), 'kid' = RFC 7638 thumbprint
          jwk-public  public JWK (public half)
        PEM is the default; --der writes binary DER (not for JWK). Output goes to stdout, or to
        --out FILE: a new file, created with mode 0600 when it holds a private key; an existing file
        is replaced only with --force, and never through a symbolic link. A private format from a
        public key is refused (not_a_private_key).
        An encrypted input key needs --passphrase-file F or --passphrase-env VAR.
        --encrypt (with --to pkcs8) writes encrypted PKCS#8 (PEM label ENCRYPTED PRIVATE KEY):
        PBES2, PBKDF2-HMAC-SHA256 with --iterations N (default \(PKCS8Encryption.defaultIterations)),
        AES-256-CBC, random salt and IV; openssl pkcs8 reads it. Its passphrase comes from
        --out-passphrase-file F or --out-passphrase-env VAR, or else is the input's passphrase.
        """,
        options: [
            .value("in", "FILE", "the key file ('-' for stdin; required)"),
            .value("to", "FORMAT", "pkcs1, pkcs8, spki, rsa-public, jwk or jwk-public (required)"),
            .flag("der", "write DER instead of PEM"),
            .value("out", "FILE", "write to FILE instead of stdout (a new file; --force replaces one)"),
            KeyFile.forceOption,
        ] + KeyFile.options + KeyEncryption.options,
        positionals: .none,
        run: run)

    static func run(_ args: ParsedArguments) throws(CLIError) {
        let target = try args.requiredValue("to")
        let der = args.flag("der")
        let structure: KeyFormat.Structure
        switch target {
        case "pkcs1": structure = .pkcs1Private
        case "pkcs8": structure = .pkcs8
        case "spki": structure = .spki
        case "rsa-public": structure = .pkcs1Public
        case "jwk": structure = .jwkPrivate
        case "jwk-public": structure = .jwkPublic
        default:
            throw .usage(.invalidOptionValue, "unknown --to \(Echo.quoted(target, maxBytes: 20)): use pkcs1, pkcs8, spki, rsa-public, jwk or jwk-public")
        }
        let isJWK = structure == .jwkPrivate || structure == .jwkPublic
        if isJWK && der {
            throw .usage(.conflictingOptions, "--der does not apply to JWK output (JWK is JSON)")
        }
        try KeyEncryption.validate(args, structure: structure)
        let (key, _) = try KeyFile.load(try args.requiredValue("in"), args)
        if args.flag("encrypt") {
            try KeyFile.write(try KeyEncryption.encrypt(key, der: der, args), to: args.value("out"), secret: true, overwrite: args.flag("force"))
            return
        }
        let format = KeyFormat(structure, isJWK ? .json : der ? .der : .pem)
        var bytes: [UInt8]
        do {
            bytes = try key.exported(as: format)
        } catch {
            throw CLIError(error, context: "--to \(target)")
        }
        if isJWK { bytes.append(0x0A) }
        try KeyFile.write(bytes, to: args.value("out"), secret: structure.isPrivate, overwrite: args.flag("force"))
    }
}
