/// The one error type of the crypto core and key layers.
///
/// `code` is stable and machine-readable (snake_case, matching `Vectors/ERROR_CLASSES.json` where a
/// class exists there); `reason` is for people and may improve between releases. Two errors are
/// equal when their codes are equal, so tests match the kind of failure, not the wording.
///
/// A `reason` never contains key material, passphrases, plaintext or MACs: only public facts
/// (lengths, OIDs, labels, positions).
public struct CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable error identifier. New codes are added as `static let`s in extensions, one file
    /// per concept, next to the code that throws them.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as written in messages, docs and `Vectors/ERROR_CLASSES.json`, e.g. `invalid_key`.
        public let rawValue: String
        /// A code from its text; the library's codes are the `static let`s.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    /// What kind of failure: stable, for programs to match on.
    public let code: Code
    /// One line for a person: what went wrong and what to do next. Wording may change.
    public let reason: String

    /// An error of kind `code`, explained by `reason` (which must hold no secret).
    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "error[\(code.rawValue)]: \(reason)" }

    public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool { lhs.code == rhs.code }
}

extension CryptoError.Code {
    /// An argument outside the documented domain of a function (a caller bug, not bad input).
    public static let invalidArgument = CryptoError.Code("invalid_argument")
}
