// The properties the security fuzz targets check (issue 13): each traps (precondition) when one
// fails, so libFuzzer saves the input.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import BoxAuth
import BoxEmulator
import Foundation
import PureCrypto
import PureKeys
import PureJWT

/// KDF limits for the key-passphrase target: small enough that any accepted file derives in
/// milliseconds under ASan, so the fuzzer spends its time on the checks, not on KDF work.
enum FuzzLimits {
    static let keyDecryption = KeyDecryptionLimits(pbkdf2: PBKDF2Limits(maxIterations: 10_000),
                                                   scrypt: ScryptLimits(maxMemoryByteCount: 1 << 22, maxWork: 1 << 14))
}

enum FuzzChecks {
    /// Little-endian 32-bit word at `i` (zero past the end).
    private static func word(_ b: [UInt8], _ i: Int) -> UInt64 {
        (0..<4).reduce(UInt64(0)) { acc, k in i + k < b.count ? acc | UInt64(b[i + k]) << (8 * UInt64(k)) : acc }
    }

    /// a·b·c compared with `bound`, exactly (each below 2^32, so the product fits in 96 bits).
    private static func productAtMost(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ bound: UInt64) -> Bool {
        let ab = a * b  // < 2^64
        let (high, low) = ab.multipliedFullWidth(by: c)
        return high == 0 && low <= bound
    }

    static func scryptParameters(_ bytes: [UInt8]) {
        guard bytes.count >= 13 else { return }
        // N as a power of two most of the time, as a real file would have it.
        let nRaw = word(bytes, 0)
        let n: UInt64 = bytes[12] & 1 == 0 ? UInt64(1) << (nRaw % 40) : nRaw
        let r = word(bytes, 4) % (1 << 20), p = word(bytes, 8) % (1 << 31)
        let limits = ScryptLimits(maxMemoryByteCount: 1 << 22, maxWork: 1 << 14)
        var accepted = true
        do { try Scrypt.checkParameters(n: Int64(n), r: Int64(r), p: Int64(p), limits: limits) } catch { accepted = false }
        // The rules, restated independently: RFC 7914 §6's domain, then memory and work.
        let inDomain = n > 1 && n & (n - 1) == 0 && r >= 1 && p >= 1 && r * p < 1 << 30
            && !(r < 4 && UInt64(n.trailingZeroBitCount) >= 16 * r)
        let memoryOK = productAtMost(128, r, n + p + 2, UInt64(limits.maxMemoryByteCount))
        let workOK = productAtMost(n, r, p, UInt64(limits.maxWork))
        precondition(accepted == (inDomain && memoryOK && workOK), "scrypt limits: N=\(n) r=\(r) p=\(p) accepted=\(accepted)")
        if accepted {
            _ = try? Scrypt.deriveKey(password: [1, 2, 3], salt: [4, 5], n: Int(n), r: Int(r), p: Int(p), byteCount: 16, limits: limits)
        }
    }

    /// inet_pton's reading of `host` for `family`, or nil.
    private static func pton(_ family: Int32, _ host: Substring) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let ok = String(host).withCString { text in buffer.withUnsafeMutableBytes { inet_pton(family, text, $0.baseAddress) } }
        return ok == 1 ? Array(buffer.prefix(family == AF_INET ? 4 : 16)) : nil
    }

    static func urlPolicy(_ bytes: [UInt8]) {
        // NUL would end the C library's reading of the text early: not a comparable input.
        guard !bytes.contains(0) else { return }
        let text = String(decoding: bytes, as: UTF8.self)
        // The address parsers against the C library's.
        let host = Substring(text)
        if let mine = URLPolicy.ipv4(host) { precondition(pton(AF_INET, host) == mine, "ipv4 disagrees with inet_pton: \(text)") }
        if pton(AF_INET, host) != nil { precondition(URLPolicy.ipv4(host) != nil, "inet_pton reads an IPv4 address we refuse: \(text)") }
        if let mine = URLPolicy.ipv6(host) { precondition(pton(AF_INET6, host) == mine, "ipv6 disagrees with inet_pton: \(text)") }
        if URLPolicy.isLoopback(host: text) {
            var h = host
            if h.hasPrefix("["), h.hasSuffix("]") { h = h.dropFirst().dropLast() }
            if h.last == "." { h = h.dropLast() }
            let v4 = pton(AF_INET, h), v6 = pton(AF_INET6, h)
            let loop6 = v6 == [UInt8](repeating: 0, count: 15) + [1]
                || (v6.map { $0[0..<10].allSatisfy { $0 == 0 } && $0[10] == 0xFF && $0[11] == 0xFF && $0[12] == 127 } ?? false)
            precondition(h.lowercased() == "localhost" || v4?.first == 127 || loop6, "loopback claimed for \(text)")
        }
        guard let url = URL(string: text) else { return }
        for allow in [false, true] {
            if (try? URLPolicy.check(url, allowPlainHTTP: allow, what: "url")) != nil {
                let scheme = url.scheme?.lowercased()
                precondition(scheme == "https" || (scheme == "http" && (allow || URLPolicy.isLoopback(host: url.host ?? ""))),
                             "accepted \(text) (plain http allowed: \(allow))")
            }
        }
        // What errors show of a URL: its origin, printable, never its path or query (unless that
        // text is also part of the host, which Foundation percent-decodes).
        let origin = URLPolicy.origin(url)
        let refused = TokenRequester.redirectRefused(status: 302, location: text, from: URL(string: "https://api.box.com/oauth2/token")!)
        let resolved = URL(string: text, relativeTo: URL(string: "https://api.box.com/oauth2/token")!)?.absoluteURL
        for shown in [origin, refused.reason] {
            precondition(!shown.unicodeScalars.contains(where: Echo.needsEscape), "not printable: \(shown)")
        }
        for (u, shown) in [(url, origin), (resolved, refused.reason)] {
            guard let u else { continue }
            // The origins an error may show are taken out first; what is left must not hold the
            // path or query.
            var rest = shown
            for allowed in [URLPolicy.origin(u), URLPolicy.origin(URL(string: "https://api.box.com/oauth2/token")!)] {
                rest = rest.replacingOccurrences(of: allowed, with: "")
            }
            for part in [u.query, Optional(u.path)] as [String?] {
                guard let part, part.utf8.count >= 6, !(u.host ?? "").contains(part) else { continue }
                precondition(!rest.contains(part), "\(shown) shows \(part) of \(text)")
            }
        }
    }

    static func responseLimit(_ bytes: [UInt8]) {
        guard bytes.count >= 3 else { return }
        let max = Int(bytes[0]) * 16
        let declared: Int64? = bytes[1] & 1 == 1 ? Int64(bytes[2]) * 32 : nil
        var limit = ResponseBodyLimit(max: max)
        var expected: [UInt8] = []
        var over = declared.map { $0 > Int64(max) } ?? false
        precondition(limit.accept(declaredLength: declared) == !over, "declared \(String(describing: declared)) against \(max)")
        var i = 3
        while i < bytes.count {
            let length = Int(bytes[i]) % 97
            let chunk = bytes[(i + 1)..<min(bytes.count, i + 1 + length)]
            i += 1 + length
            let kept = limit.append(chunk)
            if !over && expected.count + chunk.count <= max { expected += chunk } else { over = true }
            precondition(kept == !over && limit.exceeded == over, "chunk of \(chunk.count) at \(expected.count) of \(max)")
            precondition(limit.body.count <= max, "held \(limit.body.count) > \(max)")
        }
        if !over { precondition(limit.body == expected, "body differs") }
    }

    static func emulatorExchange(_ bytes: [UInt8]) {
        guard bytes.count >= 2 else { return }
        let split = min(bytes.count, 1 + Int(bytes[1]) % 96)
        let location = String(decoding: bytes[2..<max(2, split)], as: UTF8.self)
        guard case .request(let request, _) = HTTPRequestParser.parse(Array(bytes[split...])) else { return }
        let emulator = FuzzEmulator.make()
        let statuses = [301, 302, 303, 307, 308]
        let fault: EmulatedFault = bytes[0] < 200 ? .redirect(status: statuses[Int(bytes[0]) % statuses.count], location: location)
            : .raw(Array(location.utf8))
        for route in [EmulatedRoute.token, .revoke, .api] { emulator.injectFaults([fault], on: route) }
        guard case .respond(let response) = emulator.handle(request) else { return }
        let wire = response.serialized(keepAlive: false)
        // One head: the status line, the response's headers, Content-Length, Connection, then the body.
        let crlf: [UInt8] = [0x0D, 0x0A]
        var lines = 0, i = 0
        while i + 1 < wire.count {
            if wire[i] == crlf[0] && wire[i + 1] == crlf[1] {
                if i + 3 < wire.count && wire[i + 2] == crlf[0] && wire[i + 3] == crlf[1] { break }
                lines += 1
                i += 2
            } else {
                precondition(wire[i] != 0x0A && wire[i] != 0x0D, "bare CR or LF in the head")
                i += 1
            }
        }
        precondition(lines == response.headers.count + 2, "the head has \(lines + 1) lines for \(response.headers.count) headers: header injection")
        precondition(wire.count - (i + 4) == response.body.count, "Content-Length does not frame the body")
    }
}

/// One emulator per input (faults are consumed per request), sharing a fixed app key.
enum FuzzEmulator {
    static let key: JWTVerificationKey = {
        let k = FuzzKeys.verifier.keySet.keys.first { $0.algorithms.contains(.rs256) }!
        return k
    }()

    static func make() -> BoxEmulator {
        BoxEmulator(.init(enterpriseID: "1", serviceAccount: EmulatedUser(id: "9", name: "sa", login: "sa@example.com"),
                          users: [EmulatedUser(id: "1001", name: "a", login: "a@example.com")],
                          apps: [EmulatedApp(clientID: "c", clientSecret: "s", publicKeys: ["k": key])]))
    }
}
