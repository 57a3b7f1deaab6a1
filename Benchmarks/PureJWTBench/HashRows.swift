import PureCrypto

/// SHA-256 and HMAC-SHA256 rows. Self-checked against FIPS 180-2 appendix B (SHA-256) and
/// RFC 4231 (HMAC-SHA256) before any figure is printed.
enum HashRows {
    static let sha256 = BenchGroup(
        name: "SHA-256",
        selfCheck: { () -> [String] in
            var failures: [String] = []
            // FIPS 180-2 appendix B.1, B.2, B.3.
            expectBytes(SHA256.hash(Array("abc".utf8)),
                        hex: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                        "SHA-256(\"abc\"), FIPS 180-2 B.1", &failures)
            expectBytes(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                        hex: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                        "SHA-256 of the 448-bit message, FIPS 180-2 B.2", &failures)
            // One million 'a', hashed in uneven pieces so the streaming path is checked too.
            var h = SHA256()
            let chunk = [UInt8](repeating: 0x61, count: 1000)
            var fed = 0
            var step = 1
            while fed < 1_000_000 {
                let n = min(step, 1_000_000 - fed, chunk.count)
                h.update(chunk[0..<n])
                fed += n
                step = step * 7 % 997 + 1
            }
            expectBytes(h.finalize(),
                        hex: "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
                        "SHA-256 of one million 'a', FIPS 180-2 B.3", &failures)
            return failures
        },
        rows: [64, 16 * 1024, 1024 * 1024].map { size in
            let label = size >= 1 << 20 ? "\(size >> 20)MiB" : size >= 1 << 10 ? "\(size >> 10)KiB" : "\(size)B"
            return BenchRow(key: "sha256.\(label)", bytes: size) {
                var input = SecureRandom.bytes(count: size)
                return { iterations in
                    for _ in 0..<iterations {
                        let digest = SHA256.hash(input)
                        input[0] ^= digest[0]
                        blackHole(digest)
                    }
                }
            }
        })

    static let hmacSHA256 = BenchGroup(
        name: "HMAC-SHA256",
        selfCheck: { () -> [String] in
            var failures: [String] = []
            // RFC 4231 test case 2 (key shorter than the block) and 6 (key longer than the block).
            expectBytes(HMAC<SHA256>.authenticationCode(for: Array("what do ya want for nothing?".utf8), using: Array("Jefe".utf8)),
                        hex: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                        "HMAC-SHA256, RFC 4231 test case 2", &failures)
            expectBytes(HMAC<SHA256>.authenticationCode(
                            for: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                            using: [UInt8](repeating: 0xaa, count: 131)),
                        hex: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                        "HMAC-SHA256, RFC 4231 test case 6", &failures)
            return failures
        },
        rows: [
            // One complete MAC with a 32-byte key, key schedule included (an HS256 JWT signature).
            BenchRow(key: "hmac-sha256.64B", bytes: 64) {
                var message = SecureRandom.bytes(count: 64)
                let key = SecureRandom.bytes(count: 32)
                return { iterations in
                    for _ in 0..<iterations {
                        let mac = HMAC<SHA256>.authenticationCode(for: message, using: key)
                        message[0] ^= mac[0]
                        blackHole(mac)
                    }
                }
            },
        ])
}
