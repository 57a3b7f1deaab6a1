import Foundation
import TestSupport
import XCTest

/// The vectors' RSA-2048 PKCS#1 v1.5 signatures, made again by the wasm32 build of the core
/// (`embedded-check rsa-sign` under WasmKit), so its 32-bit limbs are checked against known
/// answers: Wycheproof rsa_pkcs1_2048_sig_gen_test.json and NIST CAVP SigGen15_186-2.txt's
/// [mod = 2048] section, every case whose hash the core signs with (SHA-256, SHA-384, SHA-512).
///
/// The artifact is what `Embedded/build.sh wasm32 --program embedded-check` prints last, given in
/// PUREJWT_EMBEDDED_CHECK_WASM; `.ci/run` builds it and sets it.
final class EmbeddedRSAVectorTests: XCTestCase {
    static let hashes = ["SHA-256", "SHA-384", "SHA-512"]
    /// Wycheproof's "short signature" and "close to n" keys: their primes have 684 and 1364 bits
    /// (factored from n, e, d), which the import policy refuses as factoring easily (one prime
    /// must have at least half the modulus's bits less 16; Docs/SECURITY.md). The known answer is
    /// that refusal, as on the host.
    static let refused = Set(["154", "155", "158"].map { "wycheproof/rsa_pkcs1_2048_sig_gen_test.json#" + $0 })

    struct WycheproofSignFile: Decodable {
        struct Group: Decodable {
            struct Key: Decodable { let modulus: String; let publicExponent: String; let privateExponent: String }
            let privateKey: Key
            let keySize: Int
            let sha: String
            let tests: [Case]
        }
        struct Case: Decodable { let tcId: Int; let msg: String; let sig: String }
        let testGroups: [Group]
    }

    /// "ID HASH N E D MESSAGE SIGNATURE" lines, the input of `embedded-check rsa-sign`.
    static func cases() throws -> [String] {
        var lines: [String] = []
        let wycheproof = "wycheproof/rsa_pkcs1_2048_sig_gen_test.json"
        for group in try Vectors.json(WycheproofSignFile.self, wycheproof).testGroups where hashes.contains(group.sha) {
            XCTAssertEqual(group.keySize, 2048, wycheproof)
            let key = group.privateKey
            for c in group.tests {
                lines.append("\(wycheproof)#\(c.tcId) \(group.sha) \(key.modulus) \(key.publicExponent) \(key.privateExponent) \(c.msg.isEmpty ? "-" : c.msg) \(c.sig)")
            }
        }
        let nist = "nist/rsa/SigGen15_186-2.txt"
        // The key's n, then e and d, are records of their own ahead of the cases that use them.
        var (n, e, d) = ("", "", "")
        for record in parseCAVP(try Vectors.text(nist)) where record.section["mod"] == "2048" {
            if let value = record["n"] { n = value }
            if let value = record["e"] { e = value }
            if let value = record["d"] { d = value }
            // The SHA-1 and SHA-224 cases need a hash the core does not sign with.
            guard let alg = record["SHAAlg"], let msg = record["Msg"], let sig = record["S"] else { continue }
            XCTAssertFalse(n.isEmpty || e.isEmpty || d.isEmpty, "\(nist):\(record.line): no key before the case")
            let hash = alg.replacingOccurrences(of: "SHA", with: "SHA-")
            guard hashes.contains(hash) else { continue }
            lines.append("\(nist):\(record.line) \(hash) \(n) \(e) \(d) \(msg) \(sig)")
        }
        return lines
    }

    func testRSA2048SignaturesOnWasm32() throws {
        let variable = "PUREJWT_EMBEDDED_CHECK_WASM"
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty else {
            throw XCTSkip("\(variable) is not set: build with `Embedded/build.sh wasm32 --program embedded-check` and set it to the path printed last (.ci/run does both)")
        }
        let lines = try Self.cases()
        // Wycheproof: 10 SHA-256, 8 SHA-384, 9 SHA-512; NIST: 10 each for SHA-256/384/512.
        XCTAssertEqual(lines.count, 57, "the vector files changed: recount")
        let result = try ProcessRunner.oracle("timeout", ["600", "wasmkit", "run", path, "rsa-sign"],
                                              stdin: Array((lines.joined(separator: "\n") + "\n").utf8))
        XCTAssertEqual(result.status, 0, result.stderrText)
        let answers = result.stdoutText.split(separator: "\n").map(String.init)
        XCTAssertEqual(answers.count, lines.count, result.stdoutText + result.stderrText)
        for (line, answer) in zip(lines, answers) {
            let id = String(line.prefix { $0 != " " })
            let expected = Self.refused.contains(id) ? id + " error key_primes_unbalanced" : id + " ok"
            XCTAssertEqual(answer, expected, "\(id): the wasm32 build answered '\(answer)'")
        }
    }
}
