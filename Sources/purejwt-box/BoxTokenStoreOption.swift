import Foundation
import BoxAuth
import PureCrypto
import PureJWTCLI

/// `--token-store file:DIR | redis://[:PASSWORD@]HOST[:PORT][/DB]`, or `$PUREJWT_TOKEN_STORE`:
/// the store the verbs that get a token share with other processes.
enum BoxTokenStoreOption {
    /// The store named by `--token-store`, else by `$PUREJWT_TOKEN_STORE` (empty counts as
    /// unset), or nil for none. A value that is not a store URL is `token_store_url_invalid`
    /// (exit status 2) and is never echoed, since it may hold Redis's password; a directory that
    /// is unsafe or cannot be made is the store's own `token_store_invalid` or
    /// `token_store_unavailable` (exit status 1).
    static func store(_ args: ParsedArguments) throws(CLIError) -> (any TokenStore)? {
        let source: String, text: String
        if let value = args.value("token-store") {
            (source, text) = ("--token-store", value)
        } else if let value = ProcessInfo.processInfo.environment[BoxVerbs.tokenStoreVariable], !value.isEmpty {
            (source, text) = ("$" + BoxVerbs.tokenStoreVariable, value)
        } else {
            return nil
        }
        let expected = "expected file:DIR or redis://[:PASSWORD@]HOST[:PORT][/DB]"
        if text.hasPrefix("file:") {
            let directory = String(text.dropFirst("file:".count))
            guard !directory.isEmpty else {
                throw .usage(.tokenStoreURLInvalid, "\(source) names no directory after 'file:'; \(expected)")
            }
            do {
                return try FileTokenStore(directory: directory)
            } catch {
                throw CLIError(error)
            }
        }
        let lowered = text.lowercased()
        guard lowered.hasPrefix("redis://") || lowered.hasPrefix("rediss://") else {
            throw .usage(.tokenStoreURLInvalid, "\(source) is not a token store URL; \(expected)")
        }
        do {
            return try RedisTokenStore(url: text)
        } catch {
            // The endpoint parser's reason names the part that is wrong, never the password.
            throw .usage(.tokenStoreURLInvalid, "\(source): \(error.reason)")
        }
    }
}
