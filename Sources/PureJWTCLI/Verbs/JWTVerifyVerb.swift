import PureCrypto
import PureKeys
import PureJWT

/// `purejwt jwt verify`: checks a token's signature against an allow-list of algorithms and a
/// key or JWK Set, validates its claims, and prints the payload.
enum JWTVerifyVerb {
    static let verb = Verb(
        name: "jwt verify",
        summary: "verify a JWT and print its payload",
        usage: "purejwt jwt verify --alg ALG[,ALG...] --key FILE [--now UNIX] [--leeway S] [--iss X] [--aud X] [--sub X] [--token-file F | --token-env VAR | TOKEN]",
        details: """
        Reads the token from --token-file F, --token-env VAR, or stdin when none is given (a
        TOKEN argument also works, but other users see it in the process list). FILE is an RSA key (public or private; PEM, DER
        or JWK), a JWK Set ({"keys": [...]}, chosen by the token's kid), or for HS algorithms a
        secret file whose bytes are the secret. 'none' is never accepted. exp is required;
        the leeway defaults to 60 s. On success prints the payload JSON and a newline and exits
        0; otherwise prints error[CODE] and exits 1.
        """,
        options: [
            .value("alg", "ALG[,ALG...]", "the accepted algorithms (required)"),
            .value("key", "FILE", "key, JWK Set, or HMAC secret file (required)"),
            .value("now", "UNIX", "verify as of this time (seconds since 1970)"),
            .value("leeway", "S", "clock skew allowed on exp/nbf/iat, in seconds (default 60)"),
            .value("iss", "X", "require this issuer"),
            .value("aud", "X", "require this audience"),
            .value("sub", "X", "require this subject"),
        ] + SecretInput.options("token", "the token") + KeyFile.options,
        positionals: .optional("TOKEN"),
        run: run)

    static func run(_ args: ParsedArguments) throws(CLIError) {
        let algText = try args.requiredValue("alg")
        guard let algorithms = JWSAlgorithm.parseList(algText) else {
            throw .usage(.invalidOptionValue, "--alg takes a comma-separated list of RS256, RS384, RS512, PS256, PS384, PS512, HS256, HS384, HS512")
        }
        let families = Set(algorithms.map { $0.family == .rsa ? "rsa" : "hmac" })
        guard families.count == 1 else {
            throw .usage(.conflictingOptions, "one key file cannot serve both RSA and HMAC algorithms; verify them separately")
        }
        var validation = JWTValidation()
        if let now = args.value("now") {
            guard let n = Int64(now) else { throw .usage(.invalidOptionValue, "--now takes seconds since 1970") }
            validation.clock = { n }
        }
        if let leeway = args.value("leeway") {
            guard let s = Int64(leeway), s >= 0 else { throw .usage(.invalidOptionValue, "--leeway takes a non-negative number of seconds") }
            validation.leeway = s
        }
        validation.issuer = args.value("iss")
        validation.audience = args.value("aud")
        validation.subject = args.value("sub")

        let keySet = try loadKeys(try args.requiredValue("key"), algorithms: algorithms, args)
        let tokenBytes = try SecretInput.readToken(args, inline: args.positional(0), inlineName: "TOKEN")
        let verified = try JWTCLI.run { () throws(JWTError) in
            try JWTVerifier(algorithms: algorithms, keySet: keySet, validation: validation).verify(tokenBytes)
        }
        try Output.emit(bytes: verified.payload + [0x0A])
    }

    /// A JWK Set, a single JWK, an RSA key file, or (for HS) the secret file's bytes.
    static func loadKeys(_ path: String, algorithms: [JWSAlgorithm], _ args: ParsedArguments) throws(CLIError) -> JWTKeySet {
        let bytes = try InputSource(path: path).readAll(maxBytes: 1 << 20)
        let options: RSAKeyOptions = args.flag("unsafe-allow-small-key") ? .unsafeAllowSmallKeys : []
        if algorithms[0].family == .hmac {
            return try JWTCLI.run { () throws(JWTError) in JWTKeySet([try .hmac(bytes, algorithms: algorithms)]) }
        }
        if let object = (try? JSONValue(parsing: bytes))?.objectValue {
            return try JWTCLI.run { () throws(JWTError) in
                object["keys"] != nil ? try JWTKeySet(jwks: bytes, options: options) : JWTKeySet([try JWTVerificationKey(jwk: object, options: options)])
            }
        }
        let key = try KeyFile.load(path, args).key.publicKey
        return try JWTCLI.run { () throws(JWTError) in JWTKeySet([try .rsa(key, algorithms: algorithms)]) }
    }
}
