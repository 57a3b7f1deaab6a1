import PureCrypto

/// The one error type of the command-line tool. Printed as one line on stderr,
/// `purejwt: error[CODE]: message`, and turned into the exit status:
/// 1 when input was rejected (bad key, unreadable file...), 2 for wrong usage (unknown verb or
/// option, missing argument...). Codes are stable snake_case identifiers that scripts may match;
/// messages are for people, say what to do next, and never contain secrets.
struct CLIError: Error {
    /// Exit status for input the tool understood but rejected.
    static let rejectedInputStatus: Int32 = 1
    /// Exit status for a command line the tool could not make sense of.
    static let usageStatus: Int32 = 2

    let code: String
    let message: String
    let exitStatus: Int32

    /// Wrong usage: exit status 2.
    static func usage(_ code: String, _ message: String) -> CLIError {
        CLIError(code: code, message: message, exitStatus: usageStatus)
    }

    /// Rejected input: exit status 1.
    static func rejected(_ code: String, _ message: String) -> CLIError {
        CLIError(code: code, message: message, exitStatus: rejectedInputStatus)
    }

    /// A core error is rejected input; its code (e.g. `hex_invalid`) is kept as the CLI code.
    init(_ error: CryptoError, context: String? = nil) {
        self.code = error.code.rawValue
        self.message = context.map { "\($0): \(error.reason)" } ?? error.reason
        self.exitStatus = Self.rejectedInputStatus
    }

    private init(code: String, message: String, exitStatus: Int32) {
        self.code = code
        self.message = message
        self.exitStatus = exitStatus
    }

    /// The single stderr line.
    var line: String { "purejwt: error[\(code)]: \(message)" }
}
