#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PureCrypto

/// Secrets given to a verb without putting them on the command line, where `ps` and shell
/// history show them: `--NAME-file FILE` ('-' for stdin) and `--NAME-env VAR`, with the same
/// rules as the passphrase options (one trailing newline dropped from a file; an unset variable
/// is an error). A verb may still accept the secret inline (a positional or `--NAME`); the
/// help and Docs/CLI.md show the file and environment forms first.
package enum SecretInput {
    /// `--NAME-file FILE` and `--NAME-env VAR`.
    static func options(_ name: String, _ what: String) -> [OptionSpec] {
        [
            .value("\(name)-file", "FILE", "read \(what) from FILE (one trailing newline dropped; '-' is stdin)"),
            .value("\(name)-env", "VAR", "read \(what) from environment variable VAR"),
        ]
    }

    /// The secret from `--NAME-file`, `--NAME-env` or `inline` (the argv form), or nil when none
    /// is given. More than one is a usage error (`conflicting_options`). Unreadable is
    /// `input_unreadable` (exit status 1).
    package static func read(_ args: ParsedArguments, _ name: String, inline: String?, inlineName: String) throws(CLIError) -> [UInt8]? {
        let file = args.value("\(name)-file"), env = args.value("\(name)-env")
        let given = [file != nil, env != nil, inline != nil].filter { $0 }.count
        guard given <= 1 else {
            throw .usage(.conflictingOptions, "give one of --\(name)-file, --\(name)-env and \(inlineName)")
        }
        if let file {
            var bytes: [UInt8]
            do {
                bytes = try InputSource(path: file).readAll(maxBytes: 1 << 20)
            } catch {
                throw .rejected(.inputUnreadable, "cannot read --\(name)-file: \(error.message)")
            }
            if bytes.last == 0x0A { bytes.removeLast() }
            return bytes
        }
        if let env {
            guard let value = getenv(env) else {
                throw .rejected(.inputUnreadable, "environment variable \(Echo.escaped(env)) (--\(name)-env) is not set")
            }
            return Array(UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self), count: strlen(value)))
        }
        return inline.map { Array($0.utf8) }
    }

    /// A token as `jwt verify` reads it: from `--token-file`, `--token-env` or `inline` (the argv
    /// form), else from stdin; trailing newlines and spaces dropped. May be empty.
    package static func readToken(_ args: ParsedArguments, inline: String?, inlineName: String) throws(CLIError) -> [UInt8] {
        let given: [UInt8]
        if let bytes = try read(args, "token", inline: inline, inlineName: inlineName) {
            given = bytes
        } else {
            given = try InputSource(path: nil).readAll(maxBytes: 1 << 20)
        }
        return Array(given.reversed().drop { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }.reversed())
    }

    /// Whether `--NAME-file -` (stdin) was given, for verbs that also read their input there.
    package static func readsStdin(_ args: ParsedArguments, _ name: String) -> Bool {
        args.value("\(name)-file") == "-"
    }
}
