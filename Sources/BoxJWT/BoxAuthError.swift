// The one public error type of the Box layers (BoxJWT and BoxAuth). No Foundation.

import PureCrypto
import PureJWT

/// A failure to configure, request, or parse a Box token.
///
/// `code` is stable and machine-readable; `reason` is for people. When Box answered, the HTTP
/// status and Box's own `error` / `error_description` are kept, scrubbed of the request's
/// secrets and of anything token-shaped, escaped and cut to 256 bytes. Nothing here ever holds
/// the client secret, the passphrase, the private key, an assertion or a token. `description`
/// is one line whatever the fields hold.
public struct BoxAuthError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable error identifier, compared by its text.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code as written in messages and `Docs/ERRORS.md`.
        public let rawValue: String
        /// A code from its text; the layer's codes are the `static let`s.
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// `config.json` is not JSON, or a required field is missing or of the wrong type.
        public static let configInvalid = Code("config_invalid")
        /// The config file could not be read.
        public static let configUnreadable = Code("config_unreadable")
        /// The app's private key cannot be used: it does not load from the config (`cause` says
        /// why: `wrong_passphrase`, `missing_passphrase`...), cannot sign the assertion, or the
        /// client has none. The same code as the key layer's `invalid_key`: one idea, one code.
        public static let keyInvalid = Code("invalid_key")
        /// Box refused the request with a 4xx other than 429: see `boxError`.
        public static let requestRejected = Code("box_request_rejected")
        /// Box kept answering 429 until the attempts or the deadline ran out.
        public static let rateLimited = Code("box_rate_limited")
        /// Box kept answering 5xx until the attempts or the deadline ran out.
        public static let serverError = Code("box_server_error")
        /// The connection failed (refused, reset, timed out) on every attempt.
        public static let networkError = Code("network_error")
        /// A 2xx response that is not a token response.
        public static let responseInvalid = Code("box_response_invalid")
        /// The overall deadline passed before a token was obtained.
        public static let deadlineExceeded = Code("deadline_exceeded")
        /// The calling task was cancelled.
        public static let cancelled = Code("cancelled")
        /// An argument the caller passed is unusable (e.g. both a resource and a shared link).
        public static let invalidArgument = Code("invalid_argument")
        /// A URL that would carry secrets in clear: not https, and neither a loopback host
        /// (127.0.0.0/8, ::1, localhost) nor allowed by the explicit opt-in
        /// (`BoxAuthOptions.insecureAllowPlainHTTP`).
        public static let insecureURL = Code("insecure_url")
        /// A token, revoke or exchange endpoint answered with a redirect, which is never followed:
        /// the reason names the status and the origin of the Location, never its path or query.
        public static let redirectRefused = Code("redirect_refused")
        /// An API request was redirected more times than `BoxAuthOptions.maxRedirects`.
        public static let tooManyRedirects = Code("too_many_redirects")
        /// A response body over `BoxAuthOptions.maxResponseBytes` (1 MiB by default), refused
        /// from its Content-Length or cut off when it reaches the limit.
        public static let responseTooLarge = Code("response_too_large")
        /// The token store cannot be reached or used (Redis down or timing out, the token
        /// directory unwritable). The client then fetches directly, unless told to fail.
        public static let tokenStoreUnavailable = Code("token_store_unavailable")
        /// The token store answered something unusable (a sealed token that fails its check, a
        /// reply that breaks the Redis protocol), or its settings are wrong (a bad URL, an
        /// unsafe directory).
        public static let tokenStoreInvalid = Code("token_store_invalid")
    }

    /// What kind of failure: stable, for programs to match on.
    public let code: Code
    /// One line for a person; never a secret, a key or a token.
    public let reason: String
    /// The HTTP status of Box's last answer, when there was one.
    public let httpStatus: Int?
    /// Box's `error` field (e.g. `invalid_grant`), scrubbed and escaped.
    public let boxError: String?
    /// Box's `error_description` field, scrubbed of secrets and token-shaped text, escaped, cut.
    public let boxErrorDescription: String?
    /// The lower layer's error that caused this one, when one did: the key layer's (the config's
    /// key does not load: `wrong_passphrase`...) or the JWT layer's (the assertion cannot be
    /// signed). Kept whole, so its code and reason are not lost.
    public let cause: Cause?

    /// A lower layer's error.
    public enum Cause: Sendable, Equatable {
        /// A key-layer error (a key that would not load or decrypt).
        case crypto(CryptoError)
        /// A JWT-layer error (an assertion that could not be signed).
        case jwt(JWTError)

        /// The most specific code in this cause's chain.
        public var innermostCode: String {
            switch self {
            case .crypto(let error): return error.code.rawValue
            case .jwt(let error): return error.innermostCode
            }
        }

        /// The cause's own reason.
        public var reason: String {
            switch self {
            case .crypto(let error): return error.reason
            case .jwt(let error): return error.reason
            }
        }
    }

    /// An error of kind `code`, with Box's HTTP status and error fields when Box answered, and the lower layer's error as `cause`.
    public init(_ code: Code, _ reason: String, httpStatus: Int? = nil, boxError: String? = nil,
                boxErrorDescription: String? = nil, cause: Cause? = nil) {
        self.code = code
        self.reason = reason
        self.httpStatus = httpStatus
        self.boxError = boxError
        self.boxErrorDescription = boxErrorDescription
        self.cause = cause
    }

    /// The most specific code of the chain: the deepest cause's (`wrong_passphrase` under
    /// `invalid_key`), else this error's own. What `purejwt` prints, so a program that reports
    /// Box errors the same way agrees with it.
    public var innermostCode: String { cause?.innermostCode ?? code.rawValue }

    public var description: String {
        var s = "error[\(code.rawValue)]: \(reason)"
        if let httpStatus { s += " (HTTP \(httpStatus)" + (boxError.map { ", \($0)" } ?? "") + ")" }
        if let boxErrorDescription { s += ": \(boxErrorDescription)" }
        return Echo.printable(s, maxBytes: 2048)
    }

    public static func == (lhs: BoxAuthError, rhs: BoxAuthError) -> Bool { lhs.code == rhs.code }
}
