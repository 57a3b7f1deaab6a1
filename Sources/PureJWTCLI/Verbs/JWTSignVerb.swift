import PureCrypto
import PureKeys
import PureJWT

/// `purejwt jwt sign`: a compact JWS/JWT from claims (serialized by the library) or from verbatim
/// header and payload bytes.
enum JWTSignVerb {
    static let verb = Verb(
        name: "jwt sign",
        summary: "sign a JWT (RS/PS/HS) and print the compact token",
        usage: "purejwt jwt sign --alg ALG --key FILE [--kid KID] (--claims FILE | --payload FILE [--header FILE]) [--passphrase-file F]",
        details: """
        ALG is RS256, RS384, RS512, PS256, PS384, PS512, HS256, HS384 or HS512.
        For RS/PS, FILE is a private key (PEM, DER or JWK; encrypted keys need a passphrase).
        For HS, FILE's bytes, exactly as stored, are the secret (at least the hash length; a
        key file in any form (PEM, DER, JWK, JWK Set) is refused, to rule out
        algorithm confusion).
        --claims takes a JSON object; the header {"alg","typ":"JWT","kid"} and the claims are
        serialized deterministically (members in order, minimal escaping), so the same inputs
        give the same token. --payload and --header take bytes used verbatim; the header's alg
        must be ALG. Prints the token and a newline.
        """,
        options: [
            .value("alg", "ALG", "the JWS algorithm (required)"),
            .value("key", "FILE", "the private key, or the HMAC secret file (required)"),
            .value("kid", "KID", "the key ID for the 'kid' header"),
            .value("claims", "FILE", "a JSON object of claims"),
            .value("payload", "FILE", "payload bytes, used verbatim"),
            .value("header", "FILE", "header JSON bytes, used verbatim (with --payload)"),
        ] + KeyFile.options,
        positionals: .none,
        run: run)

    static func run(_ args: ParsedArguments) throws(CLIError) {
        let alg = try JWTCLI.algorithm(try args.requiredValue("alg"))
        let keyPath = try args.requiredValue("key")
        let kid = args.value("kid")
        let signingKey: JWTSigningKey
        if alg.family == .hmac {
            let secret = try InputSource(path: keyPath).readAll(maxBytes: 1 << 16)
            signingKey = try JWTCLI.run { () throws(JWTError) in try .hmac(secret, algorithm: alg, keyID: kid) }
        } else {
            guard let key = try KeyFile.load(keyPath, args).key.privateKey else {
                throw .rejected(.notAPrivateKey, "\(keyPath) holds a public key; signing needs the private key")
            }
            signingKey = try JWTCLI.run { () throws(JWTError) in try .rsa(key, algorithm: alg, keyID: kid) }
        }
        let signer = JWTSigner(key: signingKey)
        let token: String
        switch (args.value("claims"), args.value("payload"), args.value("header")) {
        case (let claimsPath?, nil, nil):
            let bytes = try InputSource(path: claimsPath).readAll(maxBytes: 1 << 20)
            guard let object = (try? JSONValue(parsing: bytes))?.objectValue else {
                throw .rejected(.claimsInvalid, "\(claimsPath) is not a JSON object")
            }
            token = try JWTCLI.run { () throws(JWTError) in try signer.sign(claims: object) }
        case (nil, let payloadPath?, let headerPath):
            let payload = try InputSource(path: payloadPath).readAll(maxBytes: 1 << 20)
            let header = try headerPath.map { (path: String) throws(CLIError) -> [UInt8] in try InputSource(path: path).readAll(maxBytes: 1 << 16) }
            token = try JWTCLI.run { () throws(JWTError) in
                let headerBytes: [UInt8]
                if let header { headerBytes = header } else { headerBytes = JSONValue.object(try signer.header()).serialized() }
                return try signer.sign(header: headerBytes, payload: payload)
            }
        case (nil, nil, _):
            throw .usage(.missingOption, "give --claims FILE or --payload FILE")
        default:
            throw .usage(.conflictingOptions, "--claims cannot be combined with --payload or --header")
        }
        try Output.emit(token + "\n")
    }
}

/// Helpers shared by the jwt verbs.
enum JWTCLI {
    static func algorithm(_ text: String) throws(CLIError) -> JWSAlgorithm {
        guard let alg = JWSAlgorithm(name: text) else {
            throw .usage(.invalidOptionValue, "unknown algorithm \(Echo.quoted(text, maxBytes: 20)): use RS256, RS384, RS512, PS256, PS384, PS512, HS256, HS384 or HS512")
        }
        return alg
    }

    /// Runs JWT-layer work, turning its errors into CLI errors.
    static func run<T>(_ body: () throws(JWTError) -> T) throws(CLIError) -> T {
        do throws(JWTError) { return try body() } catch { throw CLIError(error) }
    }
}
