import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

import BoxAuth
import PureCrypto
import PureKeys
import PureJWTCLI

/// What the `box` verbs share: the config and endpoint options, building a client, and turning
/// Box errors into CLI errors.
enum BoxCLI {
    /// A client for the config in `--config`, its key decrypted with --passphrase-file/-env when
    /// given, else with the config's own passphrase. `sharesTokens` for the verbs that take
    /// `--token-store`; `--verbose` prints the client's events on stderr.
    static func client(_ args: ParsedArguments, needsKey: Bool = true, sharesTokens: Bool = false) throws(CLIError) -> BoxAuthClient {
        let path = try BoxVerbs.configPath(args)
        let config: BoxConfig
        do {
            config = try BoxConfig(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError(error)
        }
        var options = BoxAuthOptions()
        // https only, http to loopback hosts (the emulator): the client refuses anything else
        // (insecure_url) unless --insecure-http.
        options.insecureAllowPlainHTTP = args.flag("insecure-http")
        if let auth = args.value("auth-url") {
            guard let url = URL(string: auth), url.scheme == "http" || url.scheme == "https" else {
                throw .usage(.invalidOptionValue, "--auth-url must be an http(s) URL")
            }
            options.authBaseURL = url
            options.apiBaseURL = url.appendingPathComponent("2.0")
        }
        if let api = args.value("api-url") {
            guard let url = URL(string: api), url.scheme == "http" || url.scheme == "https" else {
                throw .usage(.invalidOptionValue, "--api-url must be an http(s) URL")
            }
            options.apiBaseURL = url
        }
        if sharesTokens { options.tokenStore = try BoxTokenStoreOption.store(args) }
        if args.flag("verbose") {
            options.observer = { event in Output.verboseLine(event.description) }
        }
        let passphrase = try Passphrase.read(args)
        do {
            if !needsKey { return try BoxAuthClient(config: config, privateKey: nil, options: options) }
            return try BoxAuthClient(config: config, passphrase: passphrase, options: options)
        } catch {
            throw CLIError(error)
        }
    }

    /// Awaits Box client work, its `BoxAuthError` thrown as the CLI error with the same code.
    static func awaiting<T>(_ body: () async throws(BoxAuthError) -> T) async throws(CLIError) -> T {
        do throws(BoxAuthError) {
            return try await body()
        } catch {
            throw CLIError(error)
        }
    }

    /// A token response as JSON text (the token itself included: the caller asked for it), members
    /// in lexicographic order at every level.
    static func json(_ token: AccessToken) -> String {
        let restricted: [JSONValue] = token.restrictedTo.map { r in
            var entry = JSONObject()
            if let type = r.objectType, let id = r.objectID { entry["object"] = ["id": .string(id), "type": .string(type)] }
            entry["scope"] = .string(r.scope)
            return .object(entry)
        }
        let object: JSONObject = [
            "access_token": .string(token.value),
            "expires_at": .number(JSONNumber(Int(token.expiresAt.timeIntervalSince1970))),
            "expires_in": .number(JSONNumber(max(0, Int(token.expiresAt.timeIntervalSinceNow)))),
            "restricted_to": .array(restricted),
            "token_type": .string(token.tokenType),
        ]
        return JSONValue.object(object).jsonText
    }
}
