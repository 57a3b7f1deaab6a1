import Foundation
import PureCrypto
import PureKeys
import TestSupport
import XCTest

/// Loading encrypted key vectors: one place that knows where the passphrases live.
enum EncryptedKeyVectors {
    /// An encrypted key file from a manifest, with its passphrase and expected numbers.
    struct Entry {
        var id: String
        var path: String
        var passphrase: [UInt8]
        var keyNumbers: KeyVectors.Numbers
        var iterations: Int?
    }

    /// Every entry with a passphrase in generated/keys/rsa2048 and rsa1024 MANIFEST.json.
    static func generatedEntries() throws -> [Entry] {
        var entries: [Entry] = []
        for folder in ["generated/keys/rsa2048", "generated/keys/rsa1024"] {
            let manifest = "\(folder)/MANIFEST.json"
            let files = (try Vectors.jsonObject(manifest) as! [String: Any])["files"] as! [[String: Any]]
            for file in files {
                guard let hex = file["passphrase_utf8_hex"] as? String else { continue }
                let name = file["name"] as! String
                let encryption = file["encryption"] as? [String: Any]
                entries.append(Entry(id: "\(manifest) file \(name)", path: "\(folder)/\(name)", passphrase: hexBytes(hex),
                                     keyNumbers: try KeyVectors.numbers(file["key_numbers"] as! String),
                                     iterations: encryption?["iterations"] as? Int))
            }
        }
        return entries
    }

    /// Loads `entry` and compares its numbers; returns failure descriptions.
    static func check(_ entry: Entry) -> [String] {
        do {
            let material = try RSAKeyMaterial(decoding: try Vectors.bytes(entry.path), passphrase: entry.passphrase)
            return compare(material, entry.keyNumbers, expectPrivate: true).map { "\(entry.id): \($0)" }
        } catch {
            return ["\(entry.id): \(error)"]
        }
    }

    /// Work above this many iterations is for the optimized (Heavy) test step.
    static let debugIterationLimit = 10_000
}
