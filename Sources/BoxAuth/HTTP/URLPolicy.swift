// Which URLs may carry secrets, and how an origin is shown: https anywhere, plain http only to
// the local machine (the emulator, a test server), unless the caller explicitly opts in.

import Foundation
import BoxJWT
import PureCrypto

/// The rules every request of a `BoxAuthClient` goes through: the scheme rule here, the
/// redirect and size rules in `HTTPTransport`.
package enum URLPolicy {
    /// Whether `host` is the local machine: `localhost` (ASCII case-insensitive, one trailing dot
    /// allowed; not its subdomains, which DNS may send anywhere), an IPv4 address in 127.0.0.0/8
    /// written as four decimal octets without leading zeros, or the IPv6 loopback address `::1`
    /// in any spelling (brackets allowed), including the IPv4-mapped `::ffff:127.x.y.z`.
    package static func isLoopback(host: String) -> Bool {
        var h = Substring(host)
        if h.hasPrefix("["), h.hasSuffix("]") { h = h.dropFirst().dropLast() }
        if h.last == "." { h = h.dropLast() }
        if asciiLowercased(h) == "localhost" { return true }
        if let v4 = ipv4(h) { return v4[0] == 127 }
        if let v6 = ipv6(h) {
            if v6 == [UInt8](repeating: 0, count: 15) + [1] { return true }
            return v6[0..<10].allSatisfy { $0 == 0 } && v6[10] == 0xFF && v6[11] == 0xFF && v6[12] == 127
        }
        return false
    }

    /// The URL's origin, `scheme://host[:port]`, made printable: what an error may show of a URL
    /// (never its path, query or user information).
    package static func origin(_ url: URL) -> String {
        let scheme = url.scheme.map { asciiLowercased(Substring($0)) } ?? "unknown"
        let host = url.host ?? "unknown"
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return Echo.escaped(scheme + "://" + shownHost + (url.port.map { ":\($0)" } ?? ""), maxBytes: 128)
    }

    /// Whether two URLs have the same origin (scheme, host, port; RFC 6454), comparing scheme
    /// and host without ASCII case and with default ports filled in.
    static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        func parts(_ u: URL) -> (String, String, Int?) {
            let scheme = asciiLowercased(Substring(u.scheme ?? ""))
            let port = u.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : nil)
            return (scheme, asciiLowercased(Substring(u.host ?? "")), port)
        }
        let (s1, h1, p1) = parts(a), (s2, h2, p2) = parts(b)
        return s1 == s2 && h1 == h2 && p1 == p2 && !h1.isEmpty
    }

    /// Refuses a URL that would carry secrets in clear: anything but https, except http to a
    /// loopback host, or any http when `allowPlainHTTP` (the explicit opt-in) is set.
    package static func check(_ url: URL, allowPlainHTTP: Bool, what: String) throws(BoxAuthError) {
        let scheme = url.scheme.map { asciiLowercased(Substring($0)) }
        guard url.host.map({ !$0.isEmpty }) == true else {
            throw BoxAuthError(.insecureURL, "\(what) \(origin(url)) has no host")
        }
        switch scheme {
        case "https"?:
            return
        case "http"? where allowPlainHTTP || isLoopback(host: url.host!):
            return
        case "http"?:
            throw BoxAuthError(.insecureURL, "\(what) \(origin(url)) is plain http, which would send the client secret, assertion and tokens in clear: use https (plain http is allowed only to loopback hosts: 127.0.0.0/8, ::1, localhost; other test setups opt in with BoxAuthOptions.insecureAllowPlainHTTP or --insecure-http)")
        default:
            throw BoxAuthError(.insecureURL, "\(what) \(origin(url)) is not an https URL")
        }
    }

    static func isHexDigit(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
    }

    static func asciiLowercased(_ s: Substring) -> String {
        String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Four decimal octets, no leading zeros (some resolvers read them as octal), or nil.
    package static func ipv4(_ s: Substring) -> [UInt8]? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard (1...3).contains(p.utf8.count), p.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  p.utf8.count == 1 || p.utf8.first != 0x30, let v = UInt8(p) else { return nil }
            out.append(v)
        }
        return out
    }

    /// An IPv6 address (RFC 4291 §2.2: hex groups, one `::`, an optional trailing IPv4) as 16
    /// bytes, or nil. Zone identifiers are refused.
    package static func ipv6(_ s: Substring) -> [UInt8]? {
        guard s.contains(":"), !s.contains("%") else { return nil }
        let halves = s.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        // An embedded IPv4 address may only end the whole address.
        func groups(_ text: String, endsAddress: Bool) -> [UInt8]? {
            guard !text.isEmpty else { return [] }
            var out: [UInt8] = []
            let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if endsAddress, i == pieces.count - 1, piece.contains(".") {
                    guard let v4 = ipv4(piece) else { return nil }
                    out += v4
                } else {
                    // Hex digits only: UInt16(_:radix:) alone would take a leading '+'.
                    guard (1...4).contains(piece.utf8.count), piece.utf8.allSatisfy(isHexDigit),
                          let v = UInt16(piece, radix: 16) else { return nil }
                    out += [UInt8(v >> 8), UInt8(v & 0xFF)]
                }
            }
            return out
        }
        guard let head = groups(halves[0], endsAddress: halves.count == 1) else { return nil }
        if halves.count == 1 { return head.count == 16 ? head : nil }
        guard let tail = groups(halves[1], endsAddress: true), head.count + tail.count <= 14 else { return nil }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
