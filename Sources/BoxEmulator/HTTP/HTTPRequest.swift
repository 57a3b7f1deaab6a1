// A strict, bounded HTTP/1.1 request parser for the local Box emulator (RFC 9112 §2–§6).
//
// It accepts only what a well-behaved client (URLSession, curl) sends: CRLF line endings, a token
// method, an origin-form target, HTTP/1.0 or HTTP/1.1, no obsolete line folding, and bodies framed
// by `Content-Length`. Anything else is a 4xx/5xx, never a crash or an unbounded wait: every
// buffer it reads is capped by `HTTPParseLimits`.

/// One header field as received (name case preserved; look-ups are case-insensitive).
package struct HTTPHeader: Sendable, Equatable {
    package var name: String
    package var value: String

    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A parsed request.
package struct HTTPRequest: Sendable, Equatable {
    package var method: String
    /// The request target exactly as sent, e.g. `/2.0/folders/0?fields=id`.
    package var target: String
    package var version: String
    package var headers: [HTTPHeader]
    package var body: [UInt8]

    /// The target without its query.
    package var path: String {
        String(target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0])
    }

    /// The query (after `?`), or nil.
    package var query: String? {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 ? String(parts[1]) : nil
    }

    /// The first header with this name (ASCII case-insensitive, RFC 9110 §5.1), or nil.
    package func header(_ name: String) -> String? {
        headers.first { asciiCaseInsensitiveEquals($0.name, name) }?.value
    }

    /// Whether the client asked to keep the connection open after this request.
    package var keepAlive: Bool {
        let connection = header("Connection")
        if version == "HTTP/1.0" { return connection.map { asciiCaseInsensitiveEquals($0, "keep-alive") } ?? false }
        return !(connection.map { asciiCaseInsensitiveEquals($0, "close") } ?? false)
    }
}

/// Caps on what one request may occupy. Exceeding one is an error response, not a wait.
package struct HTTPParseLimits: Sendable {
    /// Request line plus headers, including the blank line.
    package var maxHeadBytes: Int
    package var maxHeaderCount: Int
    package var maxBodyBytes: Int

    package init(maxHeadBytes: Int = 16 * 1024, maxHeaderCount: Int = 100, maxBodyBytes: Int = 1 << 20) {
        self.maxHeadBytes = maxHeadBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }
}

/// Why a request was refused, with the status code the server answers.
package struct HTTPParseError: Error, Sendable, Equatable {
    package var status: Int
    package var reason: String

    package init(status: Int, reason: String) {
        self.status = status
        self.reason = reason
    }
}

/// The result of feeding buffered bytes to the parser.
package enum HTTPParseOutcome: Sendable, Equatable {
    /// The bytes so far are a valid prefix of a request; read more.
    case needMoreData
    /// A complete request, and how many bytes of the buffer it used (the rest belongs to the next
    /// request on a persistent connection).
    case request(HTTPRequest, consumed: Int)
    /// The bytes can never become a valid request.
    case invalid(HTTPParseError)
}

package enum HTTPRequestParser {
    /// Parses the first request in `buffer`.
    package static func parse(_ buffer: [UInt8], limits: HTTPParseLimits = HTTPParseLimits()) -> HTTPParseOutcome {
        guard let headEnd = findHeadEnd(buffer, limit: limits.maxHeadBytes) else {
            if buffer.count > limits.maxHeadBytes {
                return .invalid(HTTPParseError(status: 431, reason: "request head exceeds \(limits.maxHeadBytes) bytes"))
            }
            // A bare LF inside the head can never become valid: fail now rather than wait.
            if firstBareLF(buffer) != nil {
                return .invalid(HTTPParseError(status: 400, reason: "line ending without CR"))
            }
            return .needMoreData
        }
        let lines = splitLines(buffer[0..<headEnd])
        guard let requestLine = lines.first else {
            return .invalid(HTTPParseError(status: 400, reason: "empty request line"))
        }
        let parts = requestLine.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            return .invalid(HTTPParseError(status: 400, reason: "request line is not METHOD SP TARGET SP VERSION"))
        }
        guard !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte) else {
            return .invalid(HTTPParseError(status: 400, reason: "invalid method"))
        }
        guard parts[1].first == UInt8(ascii: "/"), parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .invalid(HTTPParseError(status: 400, reason: "request target must be origin-form"))
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            return .invalid(HTTPParseError(status: 505, reason: "only HTTP/1.0 and HTTP/1.1 are supported"))
        }

        var headers: [HTTPHeader] = []
        for line in lines.dropFirst() {
            guard headers.count < limits.maxHeaderCount else {
                return .invalid(HTTPParseError(status: 431, reason: "more than \(limits.maxHeaderCount) header fields"))
            }
            guard let first = line.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\t") else {
                return .invalid(HTTPParseError(status: 400, reason: "obsolete line folding is not accepted"))
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
                return .invalid(HTTPParseError(status: 400, reason: "header line without ':'"))
            }
            let name = line[line.startIndex..<colon]
            guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
                return .invalid(HTTPParseError(status: 400, reason: "invalid header name"))
            }
            let value = trimOWS(line[(colon + 1)...])
            guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
                return .invalid(HTTPParseError(status: 400, reason: "control character in a header value"))
            }
            headers.append(HTTPHeader(String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }

        var request = HTTPRequest(
            method: String(decoding: parts[0], as: UTF8.self),
            target: String(decoding: parts[1], as: UTF8.self),
            version: version, headers: headers, body: [])

        if request.header("Transfer-Encoding") != nil {
            return .invalid(HTTPParseError(status: 501, reason: "Transfer-Encoding is not supported; send Content-Length"))
        }
        let lengths = headers.filter { asciiCaseInsensitiveEquals($0.name, "content-length") }.map(\.value)
        var bodyLength = 0
        if let first = lengths.first {
            guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.count <= 18,
                  first.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(first) else {
                return .invalid(HTTPParseError(status: 400, reason: "invalid Content-Length"))
            }
            bodyLength = n
        }
        guard bodyLength <= limits.maxBodyBytes else {
            return .invalid(HTTPParseError(status: 413, reason: "body exceeds \(limits.maxBodyBytes) bytes"))
        }
        let bodyStart = headEnd + 4
        guard buffer.count - bodyStart >= bodyLength else { return .needMoreData }
        request.body = Array(buffer[bodyStart..<(bodyStart + bodyLength)])
        return .request(request, consumed: bodyStart + bodyLength)
    }

    /// Index of the CRLFCRLF that ends the head, searched within the first `limit` bytes.
    private static func findHeadEnd(_ buffer: [UInt8], limit: Int) -> Int? {
        let end = min(buffer.count, limit)
        var i = 0
        while i + 3 < end {
            if buffer[i] == 13, buffer[i + 1] == 10, buffer[i + 2] == 13, buffer[i + 3] == 10 { return i }
            i += 1
        }
        return nil
    }

    private static func firstBareLF(_ buffer: [UInt8]) -> Int? {
        for i in buffer.indices where buffer[i] == 10 && (i == 0 || buffer[i - 1] != 13) { return i }
        return nil
    }

    /// Splits the head on CRLF. A bare CR or LF inside a line makes it invalid downstream
    /// (they fail the token and value checks).
    private static func splitLines(_ head: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = head.startIndex
        var i = head.startIndex
        while i < head.endIndex {
            if head[i] == 13, i + 1 < head.endIndex, head[i + 1] == 10 {
                lines.append(head[start..<i])
                i += 2
                start = i
            } else {
                i += 1
            }
        }
        lines.append(head[start..<head.endIndex])
        return lines
    }

    private static func trimOWS(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = bytes
        while let f = s.first, f == 0x20 || f == 0x09 { s = s.dropFirst() }
        while let l = s.last, l == 0x20 || l == 0x09 { s = s.dropLast() }
        return s
    }

    /// RFC 9110 §5.6.2 `tchar`.
    private static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(b)
        }
    }
}

/// Equality ignoring ASCII case only: `String.lowercased()` folds Unicode too ("\u{212A}" KELVIN
/// SIGN becomes "k"), which HTTP field names and tokens never do.
func asciiCaseInsensitiveEquals(_ a: String, _ b: String) -> Bool {
    func fold(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
    return a.utf8.count == b.utf8.count && zip(a.utf8, b.utf8).allSatisfy { fold($0) == fold($1) }
}
