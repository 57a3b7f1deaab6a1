import TestSupport
import XCTest
@_spi(Hazmat) import PureCrypto

/// DES and Triple DES: every record of the NIST TDES CBC MMT files (keying options 1 and 3), and
/// DES-CBC and two-key DES-EDE-CBC against `openssl enc`.
final class DESTests: XCTestCase {
    /// Both files give KEY1, KEY2, KEY3 (a `KEYs` line is also accepted). TCBCMMT3 has three
    /// independent keys; TCBCMMT1 has KEY1 = KEY2 = KEY3, which is single DES, so its records
    /// also test `DES` directly.
    func testNISTTDESCBCMMT() throws {
        var total = 0
        for file in ["TCBCMMT1", "TCBCMMT3"] {
            let path = "nist/tdes_cbc/\(file).rsp"
            let records = parseCAVP(try Vectors.text(path))
            XCTAssertFalse(records.isEmpty, path)
            for r in records {
                let section = r.section[""] ?? "?"
                let id = "\(path) line \(r.line) [\(section)] COUNT \(r["COUNT"] ?? "?")"
                let keyHex: String
                if let k = r["KEYs"] {
                    keyHex = k + k + k
                } else if let k1 = r["KEY1"], let k2 = r["KEY2"], let k3 = r["KEY3"] {
                    keyHex = k1 + k2 + k3
                } else {
                    XCTFail("\(id): no key"); continue
                }
                guard let iv = r["IV"].map(hexBytes), let pt = r["PLAINTEXT"], let ct = r["CIPHERTEXT"] else {
                    XCTFail("\(id): missing field"); continue
                }
                let key = hexBytes(keyHex)
                let tdes = try TripleDES(key: key)
                let singleKey = key[0..<8] == key[8..<16] && key[8..<16] == key[16..<24]
                switch section {
                case "ENCRYPT":
                    XCTAssertEqual(hexString(try CBC.encryptWithoutPadding(hexBytes(pt), using: tdes, iv: iv)), ct, id)
                    if singleKey {
                        let des = try DES(key: key[0..<8])
                        XCTAssertEqual(hexString(try CBC.encryptWithoutPadding(hexBytes(pt), using: des, iv: iv)), ct, "\(id) as DES")
                    }
                case "DECRYPT":
                    XCTAssertEqual(hexString(try CBC.decryptWithoutPadding(hexBytes(ct), using: tdes, iv: iv)), pt, id)
                    if singleKey {
                        let des = try DES(key: key[0..<8])
                        XCTAssertEqual(hexString(try CBC.decryptWithoutPadding(hexBytes(ct), using: des, iv: iv)), pt, "\(id) as DES")
                    }
                default:
                    XCTFail("\(id): unknown section")
                }
                total += 1
            }
        }
        XCTAssertEqual(total, 40, "records in TCBCMMT1 + TCBCMMT3")
    }

    func testRejectsBadKeyLengths() {
        for n in [0, 7, 9, 16] {
            XCTAssertThrowsError(try DES(key: [UInt8](repeating: 1, count: n)), "DES key of \(n)") { e in
                XCTAssertEqual((e as? CryptoError)?.code, .invalidArgument)
            }
        }
        for n in [0, 8, 15, 23, 25, 32] {
            XCTAssertThrowsError(try TripleDES(key: [UInt8](repeating: 1, count: n)), "3DES key of \(n)") { e in
                XCTAssertEqual((e as? CryptoError)?.code, .invalidArgument)
            }
        }
    }

    /// No vector file covers single DES-CBC with random keys or two-key Triple DES.
    func testDESAndTwoKeyTripleDESAgainstOpenSSL() throws {
        var rng = SystemRandomNumberGenerator()
        func random(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) } }
        for trial in 0..<6 {
            for (name, keyLength) in [("des-cbc", 8), ("des-ede-cbc", 16), ("des-ede3-cbc", 24)] {
                let key = random(keyLength), iv = random(8)
                let msg = random(Int.random(in: 0...100, using: &rng))
                var args = ["enc", "-\(name)", "-K", hexString(key), "-iv", hexString(iv)]
                if name == "des-cbc" { args += ["-provider", "legacy", "-provider", "default"] }
                let oracle = try ProcessRunner.oracle("openssl", args, stdin: msg)
                XCTAssertEqual(oracle.status, 0, String(decoding: oracle.stderr, as: UTF8.self))
                let id = "\(name) trial \(trial) key \(hexString(key)) iv \(hexString(iv)) msg \(hexString(msg))"
                if keyLength == 8 {
                    let des = try DES(key: key)
                    XCTAssertEqual(hexString(try CBC.encrypt(msg, using: des, iv: iv)), hexString(oracle.stdout), id)
                    XCTAssertEqual(try CBC.decrypt(oracle.stdout, using: des, iv: iv), msg, id)
                } else {
                    let tdes = try TripleDES(key: key)
                    XCTAssertEqual(hexString(try CBC.encrypt(msg, using: tdes, iv: iv)), hexString(oracle.stdout), id)
                    XCTAssertEqual(try CBC.decrypt(oracle.stdout, using: tdes, iv: iv), msg, id)
                }
            }
        }
    }
}
