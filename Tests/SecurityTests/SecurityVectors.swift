import Foundation
import PureCrypto
import PureKeys
import TestSupport

/// Finds Vectors/ and collects, from every file in it, the secrets no output may ever show.
enum SecurityVectors {
    static let root: URL = Vectors.root

    /// Every file under Vectors/, as paths relative to it, sorted.
    static let allFiles: [String] = {
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
        var out: [String] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            out.append(String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
        }
        return out.sorted()
    }()

    static func bytes(_ path: String) -> [UInt8] { [UInt8]((try? Data(contentsOf: root.appendingPathComponent(path))) ?? Data()) }

    /// Key files: PEM, DER and JWK JSON anywhere in Vectors/.
    static var keyFiles: [String] {
        allFiles.filter { $0.hasSuffix(".pem") || $0.hasSuffix(".der") || ($0.hasSuffix(".json") && $0.split(separator: "/").last!.hasPrefix("jwk")) }
    }

    /// Box config files.
    static var boxConfigs: [String] { allFiles.filter { $0.hasPrefix("generated/box/") && !$0.hasSuffix("MANIFEST.json") } }

    /// Every JSON document in Vectors/, parsed.
    nonisolated(unsafe) static let jsonDocuments: [(path: String, value: Any)] = allFiles.filter { $0.hasSuffix(".json") }.compactMap { path in
        guard let value = try? JSONSerialization.jsonObject(with: Data(bytes(path))) else { return nil }
        return (path, value)
    }

    /// Every dictionary inside every JSON document, with the document's path.
    nonisolated(unsafe) static let jsonDictionaries: [(path: String, dict: [String: Any])] = jsonDocuments.flatMap { doc in
        var out: [(String, [String: Any])] = []
        func walk(_ v: Any) {
            if let d = v as? [String: Any] { out.append((doc.path, d)); d.values.forEach(walk) }
            else if let a = v as? [Any] { a.forEach(walk) }
        }
        walk(doc.value)
        return out
    }

    /// The passphrases named in the manifests, by file (a file may be listed with several).
    static let passphrases: [String: [String]] = {
        var out: [String: [String]] = [:]
        for (_, d) in jsonDictionaries {
            if let file = d["file"] as? String, let p = d["passphrase"] as? String { out[file, default: []].append(p) }
            if let files = d["name"] as? String, let p = d["passphrase"] as? String { out[files, default: []].append(p) }
        }
        return out
    }()

    /// A secret and the places it may be recognized in text.
    struct Secret {
        var what: String
        var forms: [String]
    }

    /// How a secret byte string could appear: hex (both cases), base64 and base64url at each of
    /// the three alignments (a prefix long enough to be unique), and Swift's default rendering
    /// of a `[UInt8]` (which a derived `description` would print).
    static func forms(of secret: [UInt8]) -> [String] {
        guard secret.count >= 12 else { return [] }
        let head = Array(secret.prefix(32))
        var out = [Hex.encode(head), Hex.encode(head).uppercased()]
        for shift in 0..<3 {
            let tail = Array(secret.dropFirst(shift))
            out.append(String(Base64.encode(tail).dropFirst(shift == 0 ? 0 : 4).prefix(24)))
            out.append(String(Base64URL.encode(tail).dropFirst(shift == 0 ? 0 : 4).prefix(24)))
        }
        out.append(head.prefix(12).dropFirst().map(String.init).joined(separator: ", "))
        return out.filter { $0.count >= 16 }
    }

    /// Every secret found in Vectors/.
    static let secrets: [Secret] = {
        var out: [Secret] = []
        // Private key numbers (key_numbers.json files and pyca's expected numbers).
        for (path, d) in jsonDictionaries {
            for name in ["d", "p", "q", "dp", "dq", "qi"] {
                if let hex = d[name] as? String, hex.count >= 24, let b = try? Hex.decode(hex.count % 2 == 0 ? hex : "0" + hex) {
                    out.append(Secret(what: "\(path): private number \(name)", forms: forms(of: b)))
                }
            }
            // HMAC secrets and JWK private members (base64url).
            if let hex = d["secret_hex"] as? String, let b = try? Hex.decode(hex) {
                out.append(Secret(what: "\(path): HMAC secret", forms: forms(of: b) + [d["secret_utf8"] as? String].compactMap { $0 }))
            }
            if d["kty"] as? String == "oct", let k = d["k"] as? String, let b = try? Base64URL.decode(k) {
                out.append(Secret(what: "\(path): oct JWK k", forms: forms(of: b) + [k]))
            }
            for name in ["d", "p", "q", "dp", "dq", "qi"] where d["kty"] as? String == "RSA" {
                if let v = d[name] as? String, v.count >= 16 { out.append(Secret(what: "\(path): JWK \(name)", forms: [String(v.prefix(32))])) }
            }
            // Passphrases long enough not to be ordinary words of a message.
            if let p = d["passphrase"] as? String, p.utf8.count >= 9 {
                out.append(Secret(what: "\(path): passphrase", forms: [p]))
            }
            if let s = d["clientSecret"] as? String {
                out.append(Secret(what: "\(path): Box client secret", forms: [s]))
            }
            // Tokens and their signatures.
            if let t = d["token"] as? String, t.count > 40 {
                out.append(Secret(what: "\(path): token", forms: [t]))
            }
        }
        // PEM bodies of private keys (plain and encrypted), line by line.
        for path in keyFiles where path.hasSuffix(".pem") {
            let text = String(decoding: bytes(path), as: UTF8.self)
            guard text.contains("PRIVATE KEY-----") else { continue }
            let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
                .filter { !$0.hasPrefix("-----") && !$0.contains(":") && $0.count >= 40 }
            // The second half only: the first lines of a private key's body encode the public
            // modulus, which a public JWK or SPKI legitimately shows in the same base64 alignment.
            let privatePart = lines.suffix(lines.count / 2)
            if !privatePart.isEmpty { out.append(Secret(what: "\(path): PEM body", forms: privatePart.map { String($0.prefix(40)) })) }
        }
        return out
    }()

    /// The secrets `text` contains, by name; empty when it is clean.
    static func leaks(in text: String) -> [String] {
        secrets.filter { $0.forms.contains(where: { text.contains($0) }) }.map(\.what)
    }
}
