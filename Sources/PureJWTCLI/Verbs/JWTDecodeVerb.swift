import PureCrypto
import PureKeys
import PureJWT

/// `purejwt jwt decode`: the header and payload of a token, WITHOUT verifying anything, for
/// looking at a token (its `kid`, `exp`, `sub`). The output says so on its first line (or in
/// `"verified": false` with `--json`); `jwt verify` is what checks a token.
enum JWTDecodeVerb {
    /// The most a token may weigh, as `JWTVerifier.maxTokenBytes` by default.
    static let maxTokenBytes = 64 * 1024

    static let verb = Verb(
        name: "jwt decode",
        summary: "print a JWT's header and payload WITHOUT verifying it",
        usage: "purejwt jwt decode [--json] [--token-file F | --token-env VAR | TOKEN]",
        details: """
        Decodes the token (from --token-file F, --token-env VAR, or stdin when none is given; a
        TOKEN argument also works, but other users see it in the process list) and prints
        a first line saying it is UNVERIFIED, then 'header: ' and 'payload: ' each followed by
        its JSON on one line. Nothing is checked: not the signature, not exp, not the issuer.
        Use 'purejwt jwt verify' before trusting any of it. With --json prints one object,
        {"header": ..., "payload": ..., "verified": false}. A token that is not three base64url
        segments with JSON objects for header and payload is jwt_malformed or
        base64url_invalid (exit 1).
        """,
        options: [.flag("json", "print one JSON object instead of labelled lines")] + SecretInput.options("token", "the token"),
        positionals: .optional("TOKEN"),
        run: run)

    static let warning = "UNVERIFIED: signature not checked, claims not validated (use 'purejwt jwt verify' before trusting them)"

    static func run(_ args: ParsedArguments) throws(CLIError) {
        let token = try SecretInput.readToken(args, inline: args.positional(0), inlineName: "TOKEN")
        let (header, payload) = try JWTCLI.run { () throws(JWTError) -> (JSONObject, JSONObject) in
            let jws = try CompactJWS(token, maxBytes: maxTokenBytes)
            guard let payload = (try? JSONValue(parsing: jws.payload))?.objectValue else {
                throw JWTError(.malformed, "the JWT payload is not a JSON object")
            }
            return (jws.header, payload)
        }
        if args.flag("json") {
            let object: JSONObject = ["header": .object(header), "payload": .object(payload), "verified": .bool(false)]
            try Output.emit(terminalSafe(JSONValue.object(object).jsonText) + "\n")
        } else {
            try Output.emit("\(warning)\nheader: \(terminalSafe(JSONValue.object(header).jsonText))\npayload: \(terminalSafe(JSONValue.object(payload).jsonText))\n")
        }
    }

    /// Serialized JSON with every character that `Echo` would escape (bidi overrides, zero-width
    /// and other format characters; controls are already escaped by the writer) written as a
    /// JSON `\uXXXX` escape: still the same JSON, and a crafted claim cannot reorder or hide
    /// text on a terminal.
    static func terminalSafe(_ json: String) -> String {
        var out = ""
        for scalar in json.unicodeScalars {
            guard Echo.needsEscape(scalar) else { out.unicodeScalars.append(scalar); continue }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out
    }
}
