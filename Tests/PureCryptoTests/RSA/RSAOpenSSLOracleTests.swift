import Foundation
import TestSupport
import XCTest
@testable import PureCrypto

/// PSS (and PKCS#1 v1.5) against openssl as an oracle, with the generated rsa2048 key files:
/// our signatures must verify under `openssl pkeyutl -verify`, and openssl's must verify under
/// ours. Messages are generated here; openssl decides.
final class RSAOpenSSLOracleTests: XCTestCase {
    static let privatePEM = Vectors.url("generated/keys/rsa2048/pkcs8.pem").path
    static let publicPEM = Vectors.url("generated/keys/rsa2048/spki.pem").path
    let hashes = ["sha256", "sha384", "sha512"]

    func testOurPSSSignaturesVerifyInOpenSSL() throws {
        let key = try RSAFixtures.privateKey("rsa2048")
        for hash in hashes {
            for length in [0, 3, 200] {
                let msg = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
                let sig: [UInt8]
                switch hash {
                case "sha256": sig = try key.signPSS(msg, hash: SHA256.self)
                case "sha384": sig = try key.signPSS(msg, hash: SHA384.self)
                default: sig = try key.signPSS(msg, hash: SHA512.self)
                }
                let verdict = try opensslVerify(sig: sig, msg: msg, hash: hash, pss: true)
                XCTAssertTrue(verdict, "openssl rejects our PSS/\(hash) signature of a \(length)-byte message")
                var bad = sig
                bad[7] ^= 0x40
                XCTAssertFalse(try opensslVerify(sig: bad, msg: msg, hash: hash, pss: true),
                               "oracle sanity: openssl accepts an altered PSS/\(hash) signature")
            }
        }
    }

    func testOpenSSLPSSSignaturesVerifyInOurs() throws {
        let pub = try RSAFixtures.privateKey("rsa2048").publicKey
        for hash in hashes {
            for length in [0, 5, 300] {
                let msg = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 17 &+ 3) }
                let sig = try opensslSign(msg: msg, hash: hash, pss: true)
                let ok: Bool
                switch hash {
                case "sha256": ok = pub.isValidPSSSignature(sig, for: msg, hash: SHA256.self)
                case "sha384": ok = pub.isValidPSSSignature(sig, for: msg, hash: SHA384.self)
                default: ok = pub.isValidPSSSignature(sig, for: msg, hash: SHA512.self)
                }
                XCTAssertTrue(ok, "we reject openssl's PSS/\(hash) signature of a \(length)-byte message")
            }
        }
    }

    func testOurPKCS1v15SignaturesMatchOpenSSL() throws {
        let key = try RSAFixtures.privateKey("rsa2048")
        let msg = Array("deterministic".utf8)
        for hash in hashes {
            let theirs = try opensslSign(msg: msg, hash: hash, pss: false)
            let ours = try RSAHashName.signPKCS1(key, msg, hash)
            XCTAssertEqual(ours, theirs, "PKCS#1 v1.5/\(hash): differs from openssl byte for byte")
        }
    }

    private func temp(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rsa-oracle-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url
    }


    private func opensslVerify(sig: [UInt8], msg: [UInt8], hash: String, pss: Bool) throws -> Bool {
        let sigURL = try temp(sig), msgURL = try temp(msg)
        defer { try? FileManager.default.removeItem(at: sigURL); try? FileManager.default.removeItem(at: msgURL) }
        var args = ["dgst", "-\(hash)", "-verify", Self.publicPEM, "-signature", sigURL.path]
        if pss { args += ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest", "-sigopt", "rsa_mgf1_md:\(hash)"] }
        let r = try ProcessRunner.oracle("openssl", args + [msgURL.path])
        return r.status == 0
    }

    private func opensslSign(msg: [UInt8], hash: String, pss: Bool) throws -> [UInt8] {
        let msgURL = try temp(msg)
        defer { try? FileManager.default.removeItem(at: msgURL) }
        var args = ["dgst", "-\(hash)", "-sign", Self.privatePEM]
        if pss { args += ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest", "-sigopt", "rsa_mgf1_md:\(hash)"] }
        let r = try ProcessRunner.oracle("openssl", args + [msgURL.path])
        XCTAssertEqual(r.status, 0, "openssl dgst -sign failed: \(String(decoding: r.stderr, as: UTF8.self))")
        return r.stdout
    }
}
