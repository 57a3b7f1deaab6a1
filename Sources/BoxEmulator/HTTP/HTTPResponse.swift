// Responses the emulator's HTTP server writes (RFC 9112 §4, §6).

/// A response to serialize. `Content-Length` and `Connection` are added by the server.
package struct HTTPResponse: Sendable, Equatable {
    package var status: Int
    package var headers: [HTTPHeader]
    package var body: [UInt8]

    package init(status: Int, headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON body with its content type.
    package static func json(_ status: Int, _ text: String, headers: [HTTPHeader] = []) -> HTTPResponse {
        HTTPResponse(status: status, headers: [HTTPHeader("Content-Type", "application/json")] + headers, body: Array(text.utf8))
    }

    /// The wire bytes: status line, headers, `Content-Length`, `Connection`, blank line, body.
    /// CR, LF and NUL are dropped from header names and values, so no value (a `Location` from a
    /// test) can add a header or end the head early.
    package func serialized(keepAlive: Bool) -> [UInt8] {
        func clean(_ s: String) -> String { String(s.unicodeScalars.filter { $0 != "\r" && $0 != "\n" && $0 != "\0" }) }
        var head = "HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(status))\r\n"
        for h in headers { head += "\(clean(h.name)): \(clean(h.value))\r\n" }
        head += "Content-Length: \(body.count)\r\n"
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        return Array(head.utf8) + body
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 303: return "See Other"
        case 307: return "Temporary Redirect"
        case 308: return "Permanent Redirect"
        case 204: return "No Content"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 413: return "Content Too Large"
        case 429: return "Too Many Requests"
        case 431: return "Request Header Fields Too Large"
        case 500: return "Internal Server Error"
        case 501: return "Not Implemented"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status"
        }
    }
}

/// What the server does with a request: answer, answer late, or drop the connection unanswered
/// (the last two exist for fault injection).
package enum HTTPServerReply: Sendable {
    case respond(HTTPResponse)
    case respondAfter(milliseconds: Int, HTTPResponse)
    case dropConnection
    /// These bytes as they are, then close the connection (for malformed or oversized answers).
    case raw([UInt8])
}
