import BoxJWT
import PureCrypto
import PureJWT

/// The one error type of the command-line tool. Printed as one line on stderr,
/// `purejwt: error[CODE]: message`, and turned into the exit status:
/// 1 when input was rejected (bad key, unreadable file...), 2 for wrong usage (unknown verb or
/// option, missing argument...). Codes are stable snake_case identifiers that scripts may match
/// (Docs/ERRORS.md lists them); messages are for people, say what to do next, and never contain
/// secrets. Advice that names a command-line option belongs here, not in the libraries.
package struct CLIError: Error {
    /// A stable error code: the tool's own (the constants below) or a library's, passed through.
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        let rawValue: String
        init(_ rawValue: String) { self.rawValue = rawValue }
        package var description: String { rawValue }
    }

    /// Exit status for input the tool understood but rejected.
    static let rejectedInputStatus: Int32 = 1
    /// Exit status for a command line the tool could not make sense of.
    static let usageStatus: Int32 = 2

    let code: Code
    let message: String
    let exitStatus: Int32

    /// Wrong usage: exit status 2.
    package static func usage(_ code: Code, _ message: String) -> CLIError {
        CLIError(code: code, message: message, exitStatus: usageStatus)
    }

    /// Rejected input: exit status 1.
    package static func rejected(_ code: Code, _ message: String) -> CLIError {
        CLIError(code: code, message: message, exitStatus: rejectedInputStatus)
    }

    /// A key-layer or crypto error is rejected input; its code (e.g. `hex_invalid`) is kept as
    /// the CLI code, with the tool's advice added where an option can fix it.
    package init(_ error: CryptoError, context: String? = nil) {
        let message = context.map { "\($0): \(error.reason)" } ?? error.reason
        self.init(code: Code(error.code.rawValue), message: message + Self.advice(for: error.code.rawValue),
                  exitStatus: Self.rejectedInputStatus)
    }

    /// A JWT-layer error is rejected input; the most specific code of its chain is kept (the key
    /// layer's when it refused a key).
    package init(_ error: JWTError) {
        self.init(code: Code(error.innermostCode), message: error.reason + Self.advice(for: error.innermostCode),
                  exitStatus: Self.rejectedInputStatus)
    }

    /// A Box error is rejected input. The most specific code of its chain is printed, so a key
    /// that does not load says `wrong_passphrase`, not `invalid_key`; Box's own answer (HTTP
    /// status, `error`, `error_description`) follows the reason verbatim.
    package init(_ error: BoxAuthError) {
        var message = error.reason
        if let status = error.httpStatus {
            message += " (HTTP \(status)" + (error.boxError.map { ", \($0)" } ?? "")
                + (error.boxErrorDescription.map { ": \($0)" } ?? "") + ")"
        }
        self.init(code: Code(error.innermostCode), message: message + Self.advice(for: error.innermostCode),
                  exitStatus: Self.rejectedInputStatus)
    }

    private init(code: Code, message: String, exitStatus: Int32) {
        self.code = code
        self.message = message
        self.exitStatus = exitStatus
    }

    /// The single stderr line: whatever went into the message, no control or format character
    /// (newline, ESC, bidi override) reaches the terminal, and the line stays under 2 KiB. Values
    /// echoed in messages are escaped and cut where they are put in (`Echo.quoted`); this is the
    /// last line of defence.
    var line: String { "purejwt: error[\(Echo.printable(code.description, maxBytes: 64))]: \(Echo.printable(message, maxBytes: 2048))" }

    /// What the person can do about a library error with the tool's options, appended to its
    /// reason; empty when no option helps.
    static func advice(for code: String) -> String {
        switch code {
        case CryptoError.Code.missingPassphrase.rawValue, CryptoError.Code.wrongPassphrase.rawValue:
            return " (give the passphrase with --passphrase-file F or --passphrase-env VAR, or fix config.json's passphrase)"
        case BoxAuthError.Code.networkError.rawValue, BoxAuthError.Code.responseInvalid.rawValue,
             BoxAuthError.Code.redirectRefused.rawValue:
            return " (--auth-url sets the auth base URL)"
        case BoxAuthError.Code.insecureURL.rawValue:
            return " (--insecure-http allows plain http to other hosts: test setups only)"
        case BoxAuthError.Code.tokenStoreInvalid.rawValue, BoxAuthError.Code.tokenStoreUnavailable.rawValue:
            return " (--token-store or $PUREJWT_TOKEN_STORE names the store)"
        default:
            return ""
        }
    }
}

/// The tool's own codes (Docs/ERRORS.md, "CLIError"). Library codes pass through unchanged.
extension CLIError.Code {
    // Wrong usage (exit status 2).
    package static let missingVerb = Self("missing_verb")
    package static let unknownVerb = Self("unknown_verb")
    package static let unknownOption = Self("unknown_option")
    package static let missingOption = Self("missing_option")
    package static let missingOptionValue = Self("missing_option_value")
    package static let unexpectedOptionValue = Self("unexpected_option_value")
    package static let duplicateOption = Self("duplicate_option")
    /// An option's value is not one the verb takes: unknown algorithm or format, a malformed URL
    /// or number, a count out of range.
    package static let invalidOptionValue = Self("invalid_option_value")
    package static let conflictingOptions = Self("conflicting_options")
    /// `--token-store` or `$PUREJWT_TOKEN_STORE` is not `file:DIR` or a valid
    /// `redis://[:PASSWORD@]HOST[:PORT][/DB]` (the value is never echoed: it may hold a password).
    package static let tokenStoreURLInvalid = Self("token_store_url_invalid")
    /// `key convert --encrypt` without a passphrase for the output (the key layer's code, as a
    /// usage error).
    package static let missingPassphrase = Self(CryptoError.Code.missingPassphrase.rawValue)
    package static let unexpectedArgument = Self("unexpected_argument")
    package static let missingArgument = Self("missing_argument")

    // Rejected input (exit status 1).
    package static let inputUnreadable = Self("input_unreadable")
    /// The key layer's code, for an input over a verb's size limit.
    package static let inputTooLarge = Self(CryptoError.Code.inputTooLarge.rawValue)
    package static let passphraseUnreadable = Self("passphrase_unreadable")
    /// Stdout, or a file given with `--out` or `--config-out`, cannot be written.
    package static let writeFailed = Self("write_failed")
    package static let outputExists = Self("output_exists")
    /// An output path that is a symbolic link: never written through, `--force` or not.
    package static let outputIsSymlink = Self("output_is_symlink")
    /// The key layer's code, for a public key where signing needs a private one.
    package static let notAPrivateKey = Self(CryptoError.Code.notAPrivateKey.rawValue)
    package static let claimsInvalid = Self("claims_invalid")
    /// The primitives' code: `verify` says only that the signature does not verify.
    package static let signatureInvalid = Self(CryptoError.Code.signatureInvalid.rawValue)
    package static let listenFailed = Self("listen_failed")
    package static let boxAPIError = Self("box_api_error")
    /// The Box layer's code, for an API answer that is not the expected JSON.
    package static let boxResponseInvalid = Self(BoxAuthError.Code.responseInvalid.rawValue)
    /// `purejwt-box`, which does the work of the `box` verbs, is not beside `purejwt` or cannot
    /// be started.
    static let boxToolUnavailable = Self("box_tool_unavailable")
}
