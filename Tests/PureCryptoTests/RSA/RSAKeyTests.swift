import XCTest
@testable import PureCrypto
import PureKeys

/// Import checks of RSA keys: the generated rsa2048/rsa1024 numbers load, recovery from (n, e, d)
/// finds the same primes, every inconsistent variant is `invalid_key`, and the size policy holds.
final class RSAKeyTests: XCTestCase {
    func testGeneratedKeysLoadAndExportTheirNumbers() throws {
        for name in ["rsa2048", "rsa1024"] {
            let k = try RSAFixtures.numbers(name)
            let key = try RSAFixtures.privateKey(name)
            XCTAssertEqual(key.modulusBitCount, k.bits, "\(name)/key_numbers.json: size")
            let exported = key.numbers
            XCTAssertEqual(RSAFixtures.hex(exported.n), RSAFixtures.norm(k.n), "\(name)/key_numbers.json: n")
            XCTAssertEqual(RSAFixtures.hex(exported.d!), RSAFixtures.norm(k.d), "\(name)/key_numbers.json: d")
            XCTAssertEqual(RSAFixtures.hex(exported.crt!.qInv), RSAFixtures.norm(k.qi), "\(name)/key_numbers.json: qi")
            XCTAssertEqual(exported.e, RSAFixtures.eBytes(k.e), "\(name)/key_numbers.json: e")
            XCTAssertEqual(key.publicKey.numbers.n, exported.n, "\(name)/key_numbers.json: public n")
            XCTAssertEqual(key.description, "RSAPrivateKey(\(k.bits) bits)")
            XCTAssertEqual(key.publicKey.description, "RSAPublicKey(\(k.bits) bits)")
        }
    }

    func testRecoveryFromNEDFindsThePrimes() throws {
        for name in ["rsa2048", "rsa1024"] {
            let k = try RSAFixtures.numbers(name)
            let key = try RSAPrivateKey(n: RSAFixtures.bytes(k.n), e: RSAFixtures.eBytes(k.e), d: RSAFixtures.bytes(k.d),
                                        options: .unsafeAllowSmallKeys)
            let got = key.numbers.crt!
            // The file's primes in either order; we put the larger first.
            XCTAssertEqual(Set([RSAFixtures.hex(got.p), RSAFixtures.hex(got.q)]), Set([RSAFixtures.norm(k.p), RSAFixtures.norm(k.q)]), "\(name)/key_numbers.json: p, q")
            let pIsFilesP = RSAFixtures.hex(got.p) == RSAFixtures.norm(k.p)
            XCTAssertEqual(RSAFixtures.hex(got.dP), pIsFilesP ? RSAFixtures.norm(k.dp) : RSAFixtures.norm(k.dq), "\(name)/key_numbers.json: dP")
            XCTAssertEqual(RSAFixtures.hex(got.dQ), pIsFilesP ? RSAFixtures.norm(k.dq) : RSAFixtures.norm(k.dp), "\(name)/key_numbers.json: dQ")
            if pIsFilesP { XCTAssertEqual(RSAFixtures.hex(got.qInv), RSAFixtures.norm(k.qi), "\(name)/key_numbers.json: qInv") }
        }
    }

    func testEveryAlteredNumberIsInvalidKey() throws {
        let k = try RSAFixtures.numbers("rsa2048")
        let fields: [String: [UInt8]] = [
            "n": RSAFixtures.bytes(k.n), "e": RSAFixtures.eBytes(k.e), "d": RSAFixtures.bytes(k.d), "p": RSAFixtures.bytes(k.p),
            "q": RSAFixtures.bytes(k.q), "dP": RSAFixtures.bytes(k.dp), "dQ": RSAFixtures.bytes(k.dq), "qInv": RSAFixtures.bytes(k.qi),
        ]
        func load(_ f: [String: [UInt8]]) throws(CryptoError) -> RSAPrivateKey {
            try RSAPrivateKey(n: f["n"]!, e: f["e"]!, d: f["d"]!, p: f["p"]!, q: f["q"]!,
                              dP: f["dP"]!, dQ: f["dQ"]!, qInv: f["qInv"]!)
        }
        XCTAssertNoThrow(try load(fields))
        for name in ["d", "p", "q", "dP", "dQ", "qInv"] {
            for change in ["add 2 to the low byte", "flip a middle bit"] {
                var altered = fields
                var bytes = altered[name]!
                if change.hasPrefix("add") { bytes[bytes.count - 1] &+= 2 } else { bytes[bytes.count / 2] ^= 0x10 }
                altered[name] = bytes
                XCTAssertThrowsError(try load(altered), "\(name): \(change)") { error in
                    XCTAssertEqual((error as? CryptoError)?.code, .invalidKey, "\(name): \(change): \(error)")
                }
            }
        }
        // p and q swapped: qInv no longer inverts q mod p.
        var swapped = fields
        (swapped["p"], swapped["q"]) = (fields["q"], fields["p"])
        (swapped["dP"], swapped["dQ"]) = (fields["dQ"], fields["dP"])
        XCTAssertThrowsError(try load(swapped)) { XCTAssertEqual(($0 as? CryptoError)?.code, .invalidKey) }
        // n even, e = 65539 (d no longer inverts it), e even, e = 1, e ≥ 2^32: invalid_key.
        for (name, value) in [("n even", "n"), ("e=65539", "e"), ("e even", "e"), ("e=1", "e"), ("e=2^32+1", "e")] {
            var altered = fields
            switch name {
            case "n even": altered["n"]![altered["n"]!.count - 1] ^= 1
            case "e=65539": altered["e"] = [0x01, 0x00, 0x03]
            case "e even": altered["e"] = [0x01, 0x00, 0x02]
            case "e=1": altered["e"] = [0x01]
            default: altered["e"] = [0x01, 0x00, 0x00, 0x00, 0x01]
            }
            XCTAssertThrowsError(try load(altered), name) { XCTAssertEqual(($0 as? CryptoError)?.code, .invalidKey, "\(name) (\(value))") }
        }
    }

    func testRecoveryRejectsAWrongPrivateExponent() throws {
        let k = try RSAFixtures.numbers("rsa2048")
        var d = RSAFixtures.bytes(k.d)
        d[d.count - 1] ^= 0x02
        XCTAssertThrowsError(try RSAPrivateKey(n: RSAFixtures.bytes(k.n), e: RSAFixtures.eBytes(k.e), d: d)) {
            XCTAssertEqual(($0 as? CryptoError)?.code, .invalidKey)
        }
    }

    func testSizePolicy() throws {
        let k = try RSAFixtures.numbers("rsa1024")
        XCTAssertThrowsError(try RSAPublicKey(n: RSAFixtures.bytes(k.n), e: RSAFixtures.eBytes(k.e))) {
            XCTAssertEqual(($0 as? CryptoError)?.code, .keySizeNotAllowed, "1024-bit key without the unsafe option")
        }
        XCTAssertNoThrow(try RSAPublicKey(n: RSAFixtures.bytes(k.n), e: RSAFixtures.eBytes(k.e), options: .unsafeAllowSmallKeys))
        // 1023 bits: below the unsafe floor too.
        var small = [UInt8](repeating: 0xff, count: 128)
        small[0] = 0x7f
        XCTAssertThrowsError(try RSAPublicKey(n: small, e: [3], options: .unsafeAllowSmallKeys)) {
            XCTAssertEqual(($0 as? CryptoError)?.code, .keySizeNotAllowed, "1023-bit modulus")
        }
        // 16385 bits: above the ceiling.
        var huge = [UInt8](repeating: 0xff, count: 2049)
        huge[0] = 0x01
        XCTAssertThrowsError(try RSAPublicKey(n: huge, e: [3])) {
            XCTAssertEqual(($0 as? CryptoError)?.code, .keySizeNotAllowed, "16385-bit modulus")
        }
        // A leading zero byte (DER's sign byte) does not change the size.
        let withZero = try RSAPublicKey(n: [0] + RSAFixtures.bytes(k.n), e: RSAFixtures.eBytes(k.e), options: .unsafeAllowSmallKeys)
        XCTAssertEqual(withZero.modulusBitCount, 1024)
    }
}
