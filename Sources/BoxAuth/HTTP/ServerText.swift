// What of a server's text an error may carry. A server (a proxy, a hostile host at --auth-url,
// Box echoing a request in a debug message) may put the request back in its error: the client
// secret, the signed assertion, a token, the passphrase. None of that may reach an error, a
// log or a terminal, and neither may control characters that forge output lines.

import PureCrypto

/// Scrubbing and escaping of server-provided text (`error`, `error_description`, an API
/// `message`) before it is kept in a `BoxAuthError` or printed.
package enum ServerText {
    /// The most of a server's text an error keeps, in bytes of output.
    package static let maxBytes = 256

    /// The form fields whose values are secrets (OAuth token, revoke and exchange requests).
    package static let secretFormFields: Set<String> = ["client_secret", "assertion", "subject_token", "actor_token", "token"]

    /// `text` with every known secret replaced by `[redacted]` (as given and as it appears
    /// form-encoded in an echoed request body), every JWT-shaped string and every run of 32 or
    /// more base64url characters (what tokens, assertions and keys look like) redacted too, then
    /// escaped and cut (`Echo.escaped`, `maxBytes`). Secrets shorter than 4 bytes are not
    /// searched for (they would redact ordinary words); the token-shaped rule still applies.
    package static func scrubbed(_ text: String, secrets: [String]) -> String {
        var out = text
        let needles = secrets.filter { $0.utf8.count >= 4 }.flatMap { [$0, FormEncoding.percentEncode($0)] }
        // Longest first, so a secret containing another is removed whole.
        for needle in Set(needles).sorted(by: { $0.utf8.count > $1.utf8.count }) {
            out = replacingBytes(out, needle, with: "[redacted]")
        }
        return Echo.escaped(redactingTokenShapes(out), maxBytes: maxBytes)
    }

    /// Replaces every occurrence of `needle`'s bytes (no Unicode equivalence).
    static func replacingBytes(_ text: String, _ needle: String, with replacement: String) -> String {
        let hay = Array(text.utf8), pin = Array(needle.utf8)
        guard !pin.isEmpty, hay.count >= pin.count else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(hay.count)
        var i = 0
        while i < hay.count {
            if i + pin.count <= hay.count && hay[i] == pin[0] && hay[i..<(i + pin.count)].elementsEqual(pin) {
                out += replacement.utf8
                i += pin.count
            } else {
                out.append(hay[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Runs of 32+ base64url characters become `[redacted]`; a dot between two runs of 10+ (a
    /// compact JWS) is redacted with them.
    static func redactingTokenShapes(_ text: String) -> String {
        func isTokenByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
        }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard isTokenByte(bytes[i]) else { out.append(bytes[i]); i += 1; continue }
            // A run of token bytes, possibly dotted (JWS segments).
            var j = i
            var longest = 0, current = 0, dots = 0
            while j < bytes.count && (isTokenByte(bytes[j]) || (bytes[j] == 0x2E && current >= 10 && j + 1 < bytes.count && isTokenByte(bytes[j + 1]))) {
                if bytes[j] == 0x2E { dots += 1; current = 0 } else { current += 1; longest = max(longest, current) }
                j += 1
            }
            if longest >= 32 || (dots >= 2 && j - i >= 40) {
                out += Array("[redacted]".utf8)
            } else {
                out += bytes[i..<j]
            }
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }
}
