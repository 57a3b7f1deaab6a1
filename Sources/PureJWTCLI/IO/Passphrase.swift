#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a passphrase from a file or an environment variable, never from the command line
/// itself (which other users can see in the process list).
///
/// A verb that needs one adds `Passphrase.options` to its options and calls
/// `try Passphrase.read(args)`. The bytes are used as-is (no Unicode normalisation) and never
/// appear in messages.
package enum Passphrase {
    /// `--passphrase-file FILE` and `--passphrase-env VAR`.
    static let options: [OptionSpec] = [
        .value("passphrase-file", "FILE", "read the passphrase from FILE (one trailing newline is dropped; '-' is stdin)"),
        .value("passphrase-env", "VAR", "read the passphrase from environment variable VAR"),
    ]

    /// The passphrase named by `--passphrase-file` or `--passphrase-env`, or nil when neither is
    /// given. Both at once is a usage error (`conflicting_options`).
    package static func read(_ args: ParsedArguments) throws(CLIError) -> [UInt8]? {
        switch (args.value("passphrase-file"), args.value("passphrase-env")) {
        case (nil, nil):
            return nil
        case (let file?, nil):
            return try fromFile(file)
        case (nil, let variable?):
            return try fromEnvironment(variable)
        case (.some, .some):
            throw .usage(.conflictingOptions, "give --passphrase-file or --passphrase-env, not both")
        }
    }

    /// The contents of `path` with ONE trailing LF removed, as `openssl ... -passin file:` does for
    /// the usual one-line file. A CR before it is kept, as with openssl. Unlike openssl, which
    /// keeps only the first line, a multi-line file is used whole (minus the final LF).
    /// Errors: `passphrase_unreadable` (exit status 1).
    static func fromFile(_ path: String) throws(CLIError) -> [UInt8] {
        var bytes: [UInt8]
        do {
            bytes = try InputSource(path: path).readAll(maxBytes: 64 * 1024)
        } catch {
            throw .rejected(.passphraseUnreadable, "cannot read the passphrase file: \(error.message)")
        }
        if bytes.last == 0x0A { bytes.removeLast() }
        return bytes
    }

    /// The value of environment variable `name`, byte for byte (an empty value is an empty
    /// passphrase). An unset variable is rejected: `passphrase_unreadable` (exit status 1).
    static func fromEnvironment(_ name: String) throws(CLIError) -> [UInt8] {
        guard let value = getenv(name) else {
            throw .rejected(.passphraseUnreadable, "environment variable \(name) is not set")
        }
        return Array(UnsafeBufferPointer(start: UnsafeRawPointer(value).assumingMemoryBound(to: UInt8.self),
                                         count: strlen(value)))
    }
}
