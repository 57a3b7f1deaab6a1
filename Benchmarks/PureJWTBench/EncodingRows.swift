import PureCrypto

/// Base64 rows: PEM bodies and JWS segments go through these codecs.
enum EncodingRows {
    static let group = BenchGroup(
        name: "Base64",
        selfCheck: { () -> [String] in
            var failures: [String] = []
            // RFC 4648 section 10.
            let foobar = Array("foobar".utf8)
            expect(Base64.encode(foobar) == "Zm9vYmFy", "base64 encode \"foobar\" (RFC 4648 section 10)", &failures)
            expect(Base64.encode(foobar.prefix(4)) == "Zm9vYg==", "base64 encode \"foob\" (RFC 4648 section 10)", &failures)
            expect((try? Base64.decode("Zm9vYmE=")) == Array("fooba".utf8), "base64 decode \"Zm9vYmE=\" (RFC 4648 section 10)", &failures)
            // RFC 4648 section 9.
            expect((try? Base64.decode("FPucA9l+")) == [0x14, 0xfb, 0x9c, 0x03, 0xd9, 0x7e],
                   "base64 decode \"FPucA9l+\" (RFC 4648 section 9)", &failures)
            expect((try? Base64.decode("Zh==")) == nil, "base64 must reject non-zero unused bits \"Zh==\"", &failures)
            return failures
        },
        rows: [
            BenchRow(key: "base64.encode.16KiB", bytes: 16 * 1024) {
                var input = SecureRandom.bytes(count: 16 * 1024)
                return { iterations in
                    for _ in 0..<iterations {
                        let text = Base64.encodedBytes(input)
                        input[0] ^= text[0]
                        blackHole(text)
                    }
                }
            },
            BenchRow(key: "base64.decode.16KiB", bytes: 16 * 1024) {
                // Throughput is counted in decoded bytes.
                var text = Base64.encodedBytes(SecureRandom.bytes(count: 16 * 1024))
                let alternatives = Base64.encodedBytes([0x00, 0x10, 0x83])   // "ABCD": 4 valid characters
                return { iterations in
                    for _ in 0..<iterations {
                        let bytes = (try? Base64.decode(text)) ?? []
                        text[0] = alternatives[Int(bytes[0] & 3)]   // chained, stays valid
                        blackHole(bytes)
                    }
                }
            },
        ])
}
