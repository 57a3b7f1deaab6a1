@_spi(Hazmat) import PureCrypto

/// PKCS#12 password-based encryption, pbeWithSHAAnd3-KeyTripleDES-CBC (RFC 7292 Appendix C),
/// with the PKCS#12 key derivation of RFC 7292 Appendix B.2 and its BMPString password
/// encoding (B.1). What `openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES` (and OpenSSL 1.x's
/// `-topk8` default) writes. Decryption only.
///
/// ```
/// pkcs-12PbeParams ::= SEQUENCE {
///     salt       OCTET STRING,
///     iterations INTEGER }
/// ```
struct PKCS12PBEParameters: Sendable, Equatable {
    var salt: [UInt8]
    var iterations: Int64

    init(derEncoded parameters: [UInt8]?) throws(CryptoError) {
        (salt, iterations) = try PBES1Parameters.saltAndCount(parameters, scheme: "PKCS#12 PBE")
    }

    /// Derives the 24-byte Triple DES key (ID 1) and 8-byte IV (ID 2), decrypts and checks the
    /// padding (`padding_invalid` otherwise).
    func decrypt(_ ciphertext: [UInt8], passphrase: [UInt8], limits: KeyDecryptionLimits) throws(CryptoError) -> [UInt8] {
        let iterations = try KeyDecryptionLimits.checkIterations(iterations, limits: limits, kdf: "PKCS#12 KDF")
        var password = PKCS12KDF.bmpStringVarTime(passphrase)
        defer { SecretWipe.wipe(&password, "passphrase copy") }
        var key = PKCS12KDF.deriveSHA1(password: password, salt: salt, id: 1, iterations: iterations, byteCount: 24)
        defer { SecretWipe.wipe(&key, "derived key") }
        let iv = PKCS12KDF.deriveSHA1(password: password, salt: salt, id: 2, iterations: iterations, byteCount: 8)
        return try CBC.decrypt(ciphertext, using: try TripleDES(key: key), iv: iv)
    }
}

/// The PKCS#12 key derivation function (RFC 7292 Appendix B.2) with SHA-1 (u = 20, v = 64).
enum PKCS12KDF {
    /// Derives `byteCount` bytes for purpose `id` (1 key, 2 IV, 3 MAC key) from the
    /// BMPString-encoded `password` (see `bmpStringVarTime`). The iteration count must already
    /// be checked. Time depends only on the lengths and the iteration count.
    static func deriveSHA1(password: [UInt8], salt: [UInt8], id: UInt8, iterations: Int, byteCount: Int) -> [UInt8] {
        let u = Insecure.SHA1.digestByteCount, v = Insecure.SHA1.blockByteCount
        // Steps 1-4: D = v copies of ID; I = S ‖ P, each repeated to a multiple of v bytes
        // (an empty salt or password contributes nothing).
        let diversifier = [UInt8](repeating: id, count: v)
        var i = repeatedToBlocks(salt, v) + repeatedToBlocks(password, v)
        var out: [UInt8] = []
        out.reserveCapacity(byteCount + u)
        while out.count < byteCount {
            // Step 6a: A = H^r(D ‖ I).
            var h = Insecure.SHA1()
            h.update(diversifier)
            h.update(i)
            var a = h.finalize()
            for _ in 1..<iterations { a = Insecure.SHA1.hash(a) }
            out.append(contentsOf: a)
            guard out.count < byteCount else { break }
            // Steps 6b-6c: B = A repeated to v bytes; each v-byte block I_j = (I_j + B + 1) mod 2^(8v).
            var blockStart = 0
            while blockStart < i.count {
                var carry: UInt16 = 1
                var k = v - 1
                while k >= 0 {
                    let sum = UInt16(i[blockStart + k]) + UInt16(a[k % u]) + carry
                    i[blockStart + k] = UInt8(truncatingIfNeeded: sum)
                    carry = sum >> 8
                    k -= 1
                }
                blockStart += v
            }
        }
        out.removeLast(out.count - byteCount)
        return out
    }

    /// `bytes` repeated (and cut) to the smallest multiple of `v` that holds it.
    static func repeatedToBlocks(_ bytes: [UInt8], _ v: Int) -> [UInt8] {
        guard !bytes.isEmpty else { return [] }
        let count = v * ((bytes.count + v - 1) / v)
        var out = [UInt8]()
        out.reserveCapacity(count)
        for k in 0..<count { out.append(bytes[k % bytes.count]) }
        return out
    }

    /// The passphrase as a BMPString with its two-byte terminator (RFC 7292 B.1): UTF-8 decoded
    /// to code points, then big-endian UTF-16 (with surrogate pairs above U+FFFF, as OpenSSL
    /// does). Bytes that are not valid UTF-8 are taken one per character (Latin-1), as OpenSSL
    /// falls back to. An empty passphrase is just the terminator.
    ///
    /// Variable-time: branches on the passphrase bytes (their UTF-8 sequence lengths leak to a
    /// timing observer). The passphrase is run once per load, before hundreds of thousands of
    /// constant-time hash calls.
    static func bmpStringVarTime(_ passphrase: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(2 * passphrase.count + 2)
        func append(_ unit: UInt32) {
            out.append(UInt8(truncatingIfNeeded: unit >> 8))
            out.append(UInt8(truncatingIfNeeded: unit))
        }
        guard let scalars = decodeUTF8VarTime(passphrase) else {
            for b in passphrase { append(UInt32(b)) }
            append(0)
            return out
        }
        for c in scalars {
            if c >= 0x10000 {
                let x = c - 0x10000
                append(0xD800 | (x >> 10))
                append(0xDC00 | (x & 0x3FF))
            } else {
                append(c)
            }
        }
        append(0)
        return out
    }

    /// Strict UTF-8 decoding (no overlongs, no surrogates, at most U+10FFFF); nil when invalid.
    static func decodeUTF8VarTime(_ bytes: [UInt8]) -> [UInt32]? {
        var scalars: [UInt32] = []
        var k = 0
        while k < bytes.count {
            let b0 = UInt32(bytes[k])
            let length: Int, minimum: UInt32
            var c: UInt32
            switch b0 {
            case 0x00...0x7F: length = 1; minimum = 0; c = b0
            case 0xC0...0xDF: length = 2; minimum = 0x80; c = b0 & 0x1F
            case 0xE0...0xEF: length = 3; minimum = 0x800; c = b0 & 0x0F
            case 0xF0...0xF7: length = 4; minimum = 0x10000; c = b0 & 0x07
            default: return nil
            }
            guard k + length <= bytes.count else { return nil }
            for j in 1..<length {
                let b = UInt32(bytes[k + j])
                guard b & 0xC0 == 0x80 else { return nil }
                c = c << 6 | (b & 0x3F)
            }
            guard c >= minimum, c <= 0x10FFFF, !(0xD800...0xDFFF).contains(c) else { return nil }
            scalars.append(c)
            k += length
        }
        return scalars
    }
}
