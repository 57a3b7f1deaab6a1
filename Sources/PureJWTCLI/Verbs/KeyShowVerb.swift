import PureCrypto
import PureKeys

/// `purejwt key show --in FILE`: the public facts of a key (type, size, format found, RFC 7638
/// thumbprint). Never prints a secret number.
enum KeyShowVerb {
    static let verb = Verb(
        name: "key show",
        summary: "print a key's type, size, format and JWK thumbprint (never a secret)",
        usage: "purejwt key show --in FILE [--unsafe-allow-small-key] [--passphrase-file F | --passphrase-env VAR]",
        details: """
        Reads an RSA key from FILE ('-' for stdin) in any supported format (PKCS#1, PKCS#8,
        SubjectPublicKeyInfo as PEM or DER, or a JWK), checks it, and prints:
          type, size in bits, the format found, the public exponent, and the RFC 7638 SHA-256
          JWK thumbprint (the 'kid' that 'key convert --to jwk' writes).
        Keys under 2048 bits are refused unless --unsafe-allow-small-key is given.
        """,
        options: [.value("in", "FILE", "the key file ('-' for stdin; required)")] + KeyFile.options,
        positionals: .none,
        run: run)

    static func run(_ args: ParsedArguments) throws(CLIError) {
        let (key, format) = try KeyFile.load(try args.requiredValue("in"), args)
        let publicKey = key.publicKey
        let exponent = publicKey.numbers.e.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var text = ""
        text += "type: \(key.privateKey != nil ? "RSA private key" : "RSA public key")\n"
        text += "size: \(publicKey.modulusBitCount) bits\n"
        text += "format: \(format)\n"
        text += "public exponent: \(exponent)\n"
        text += "jwk thumbprint (SHA-256): \(publicKey.jwkThumbprint)\n"
        try Output.emit(text)
    }
}
