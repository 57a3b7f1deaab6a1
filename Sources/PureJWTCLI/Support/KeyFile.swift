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
enum KeyFile {
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

    /// Writes `bytes` to `path`, creating it with mode 0600 when `secret` (private keys), or to
    /// stdout when `path` is nil or '-'.
    static func write(_ bytes: [UInt8], to path: String?, secret: Bool) throws(CLIError) {
        guard let path, path != "-" else {
            try Output.emit(bytes: bytes)
            return
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, secret ? 0o600 : 0o644)
        guard fd >= 0 else {
            throw .rejected(.writeFailed, "cannot create \(Echo.quoted(path, maxBytes: 128)): \(lastErrorText())")
        }
        defer { close(fd) }
        // O_CREAT's mode applies only to new files: tighten an existing one too.
        if secret && fchmod(fd, 0o600) != 0 {
            throw .rejected(.writeFailed, "cannot restrict the permissions of \(Echo.quoted(path, maxBytes: 128)): \(lastErrorText())")
        }
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { posixWrite(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .rejected(.writeFailed, "cannot write \(Echo.quoted(path, maxBytes: 128)): \(lastErrorText())")
            }
            offset += n
        }
    }
}

private func posixWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, pointer, count)
    #elseif canImport(Musl)
    Musl.write(fd, pointer, count)
    #elseif canImport(Darwin)
    Darwin.write(fd, pointer, count)
    #endif
}

/// The JWS names of the RSA signature algorithms and the operations behind them.
enum RSASignatureAlgorithm: String, CaseIterable {
    case rs256 = "RS256", rs384 = "RS384", rs512 = "RS512"
    case ps256 = "PS256", ps384 = "PS384", ps512 = "PS512"

    static let names = allCases.map(\.rawValue).joined(separator: "|")

    /// `--alg` (case-sensitive, as in JOSE) or a usage error.
    static func parse(_ text: String) throws(CLIError) -> RSASignatureAlgorithm {
        guard let alg = RSASignatureAlgorithm(rawValue: text) else {
            throw .usage(.invalidOptionValue, "unknown --alg \(Echo.quoted(text, maxBytes: 20)): use one of \(names)")
        }
        return alg
    }

    func sign(_ message: [UInt8], with key: RSAPrivateKey) throws(CryptoError) -> [UInt8] {
        switch self {
        case .rs256: return try key.signPKCS1v15(message, hash: SHA256.self)
        case .rs384: return try key.signPKCS1v15(message, hash: SHA384.self)
        case .rs512: return try key.signPKCS1v15(message, hash: SHA512.self)
        case .ps256: return try key.signPSS(message, hash: SHA256.self)
        case .ps384: return try key.signPSS(message, hash: SHA384.self)
        case .ps512: return try key.signPSS(message, hash: SHA512.self)
        }
    }

    func isValid(_ signature: [UInt8], for message: [UInt8], with key: RSAPublicKey) -> Bool {
        switch self {
        case .rs256: return key.isValidPKCS1v15Signature(signature, for: message, hash: SHA256.self)
        case .rs384: return key.isValidPKCS1v15Signature(signature, for: message, hash: SHA384.self)
        case .rs512: return key.isValidPKCS1v15Signature(signature, for: message, hash: SHA512.self)
        case .ps256: return key.isValidPSSSignature(signature, for: message, hash: SHA256.self)
        case .ps384: return key.isValidPSSSignature(signature, for: message, hash: SHA384.self)
        case .ps512: return key.isValidPSSSignature(signature, for: message, hash: SHA512.self)
        }
    }
}
