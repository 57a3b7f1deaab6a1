#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PureCrypto
import PureKeys

/// Reading keys and writing key files for the key verbs (`key show`, `key convert`, `sign`,
/// `verify`): the shared options, the size policy, and the error context.
package enum KeyFile {
    /// `--unsafe-allow-small-key` plus the passphrase options.
    static let options: [OptionSpec] = [
        .flag("unsafe-allow-small-key", "accept RSA keys under 2048 bits (legacy 1024-bit keys); unsafe"),
    ] + Passphrase.options

    /// Loads the key at `path` ('-' for stdin), detecting PEM, DER or JWK.
    static func load(_ path: String, _ args: ParsedArguments) throws(CLIError) -> (key: RSAKey, format: KeyFormat) {
        let source = InputSource(path: path)
        // The key file and passphrase are wiped once the key is loaded.
        var bytes = try source.readAll(maxBytes: 1 << 20)
        defer { SecretWipe.wipe(&bytes, "key file") }
        var passphrase = try Passphrase.read(args)
        defer { SecretWipe.wipe(&passphrase, "passphrase") }
        let options: RSAKeyOptions = args.flag("unsafe-allow-small-key") ? .unsafeAllowSmallKeys : []
        do {
            return try RSAKey.load(bytes, passphrase: passphrase, options: options)
        } catch {
            if error.code == .keySizeNotAllowed && !args.flag("unsafe-allow-small-key") {
                throw CLIError(error, context: "key \(source.displayName) (pass --unsafe-allow-small-key to load a legacy key under 2048 bits)")
            }
            throw CLIError(error, context: "key \(source.displayName)")
        }
    }

    /// `--force`: the option that lets an output file be replaced.
    static let forceOption = OptionSpec.flag("force", "replace an existing output file (never one reached through a symbolic link)")

    /// Writes `bytes` to `path`, or to stdout when `path` is nil or '-'.
    ///
    /// The file is created with its final mode at open time (0600 when `secret`, 0644
    /// otherwise, less the umask), never through a symbolic link, and never over an existing file
    /// unless `overwrite`: a new file is opened `O_CREAT | O_EXCL | O_NOFOLLOW`; a replaced one is
    /// written to a new file beside it and renamed over the old name (which replaces the name, not
    /// what a link would point to), so no moment exists where the old or new content is readable
    /// with other permissions. A symbolic link at `path` is refused either way
    /// (`output_is_symlink`); an existing file without `overwrite` is `output_exists`.
    package static func write(_ bytes: [UInt8], to path: String?, secret: Bool, overwrite: Bool = false) throws(CLIError) {
        guard let path, path != "-" else {
            try Output.emit(bytes: bytes)
            return
        }
        let shown = Echo.quoted(path, maxBytes: 128)
        let mode: mode_t = secret ? 0o600 : 0o644
        var info = stat()
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK {
                throw .rejected(.outputIsSymlink, "\(shown) is a symbolic link; refusing to write through it (give the real path)")
            }
            guard overwrite else {
                throw .rejected(.outputExists, "\(shown) exists; pass --force to replace it")
            }
            try replace(path, shown: shown, bytes: bytes, mode: mode)
            return
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else {
            if errno == EEXIST { throw .rejected(.outputExists, "\(shown) exists; pass --force to replace it") }
            throw .rejected(.writeFailed, "cannot create \(shown): \(lastErrorText())")
        }
        do {
            try writeAll(fd, bytes, shown: shown)
            close(fd)
        } catch {
            close(fd)
            unlink(path)
            throw error
        }
    }

    /// A new file beside `path` (created 0600 by mkstemp, then given `mode`), written and
    /// renamed over `path`.
    private static func replace(_ path: String, shown: String, bytes: [UInt8], mode: mode_t) throws(CLIError) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        var template = Array((directory + ".purejwt-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw .rejected(.writeFailed, "cannot create a file beside \(shown): \(lastErrorText())")
        }
        let temporary = String(cString: template)
        var failure: CLIError? = nil
        if fchmod(fd, mode) != 0 {
            failure = .rejected(.writeFailed, "cannot set the permissions of a new file beside \(shown): \(lastErrorText())")
        } else {
            do { try writeAll(fd, bytes, shown: shown) } catch { failure = error }
            if failure == nil && fsync(fd) != 0 { failure = .rejected(.writeFailed, "cannot write \(shown): \(lastErrorText())") }
        }
        close(fd)
        if failure == nil && rename(temporary, path) != 0 {
            failure = .rejected(.writeFailed, "cannot replace \(shown): \(lastErrorText())")
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], shown: String) throws(CLIError) {
        guard Output.writeAll(fd, bytes) else {
            throw .rejected(.writeFailed, "cannot write \(shown): \(lastErrorText())")
        }
    }
}
