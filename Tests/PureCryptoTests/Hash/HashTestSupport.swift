import PureCrypto
import TestSupport
import XCTest

/// The hashes under test, by the names the vector files use, as plain functions so one table
/// drives every loader.
struct HashUnderTest: Sendable {
    let name: String
    let blockByteCount: Int
    let digestByteCount: Int
    /// `hashlib` / `openssl` spelling, for oracle tests.
    let oracleName: String
    /// One-shot digest.
    let oneShot: @Sendable ([UInt8]) -> [UInt8]
    /// Incremental digest over the given pieces.
    let pieces: @Sendable ([ArraySlice<UInt8>]) -> [UInt8]
    /// HMAC under `key` of `message`.
    let hmac: @Sendable (_ key: [UInt8], _ message: [UInt8]) -> [UInt8]

    init<H: HashFunction>(_ type: H.Type, oracleName: String) {
        name = H.name
        blockByteCount = H.blockByteCount
        digestByteCount = H.digestByteCount
        self.oracleName = oracleName
        oneShot = { H.hash($0) }
        pieces = { parts in
            var h = H()
            for part in parts { h.update(part) }
            return h.finalize()
        }
        hmac = { key, message in HMAC<H>.authenticationCode(for: message, using: key) }
    }

    static let all: [HashUnderTest] = [
        HashUnderTest(Insecure.MD5.self, oracleName: "md5"),
        HashUnderTest(Insecure.SHA1.self, oracleName: "sha1"),
        HashUnderTest(SHA224.self, oracleName: "sha224"),
        HashUnderTest(SHA256.self, oracleName: "sha256"),
        HashUnderTest(SHA384.self, oracleName: "sha384"),
        HashUnderTest(SHA512.self, oracleName: "sha512"),
    ]

    /// Looks a hash up by the name used in vector files ("SHA-256", "MD5"...).
    static func named(_ name: String) -> HashUnderTest? { all.first { $0.name == name } }
}

/// A small seeded generator (SplitMix64) so a failing random case can be replayed from the seed
/// printed in its message.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e3779b97f4a7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
}

func randomBytes(_ count: Int, using rng: inout SplitMix64) -> [UInt8] {
    (0 ..< count).map { _ in UInt8.random(in: 0 ... 255, using: &rng) }
}

/// Lengths that matter for a block size: empty, around the padding boundary (block − 9/8/…),
/// around one and two blocks, plus `extra` random lengths up to four blocks.
func interestingLengths(blockByteCount b: Int, extra: Int, using rng: inout SplitMix64) -> [Int] {
    let lengthField = b == 128 ? 16 : 8
    var lengths = [0, 1, 2, b - lengthField - 2, b - lengthField - 1, b - lengthField, b - 1, b, b + 1,
                   2 * b - lengthField - 1, 2 * b - lengthField, 2 * b - 1, 2 * b, 2 * b + 1, 3 * b + 7]
    for _ in 0 ..< extra { lengths.append(Int.random(in: 0 ... 4 * b, using: &rng)) }
    return lengths
}

/// generated/hash/md5_boundaries.json and sha2_padding_boundaries.json: messages around the
/// padding boundaries. An MD5 case names its digest `md5_hex`; a SHA-2 case says which hash in
/// `hash` and names its digest `digest_hex`.
private struct PaddingBoundaryFile: Decodable {
    struct Case: Decodable {
        let id: String?
        let hash: String?
        let length: Int
        let message_hex: String
        let md5_hex: String?
        let digest_hex: String?
    }
    let tests: [Case]
}

/// Every case of a padding-boundary `file` hashes to its digest in one shot, and with its bytes
/// fed one at a time (which crosses every boundary inside the buffer).
func checkPaddingBoundaries(_ file: String, file callerFile: StaticString = #filePath, line: UInt = #line) throws {
    let cases = try Vectors.json(PaddingBoundaryFile.self, file).tests
    XCTAssertFalse(cases.isEmpty, "\(file): no cases", file: callerFile, line: line)
    for (index, c) in cases.enumerated() {
        let name = c.hash ?? "MD5"
        let id = "\(file) case \(c.id ?? "#\(index)") (\(name), length \(c.length))"
        guard let hash = HashUnderTest.named(name), let digest = (c.digest_hex ?? c.md5_hex)?.lowercased() else {
            XCTFail("\(id): unknown hash or no digest", file: callerFile, line: line)
            continue
        }
        let message = hexBytes(c.message_hex)
        XCTAssertEqual(message.count, c.length, "\(id): message length", file: callerFile, line: line)
        XCTAssertEqual(hexString(hash.oneShot(message)), digest, id, file: callerFile, line: line)
        let bytewise = hash.pieces(message.indices.map { message[$0 ..< $0 + 1] })
        XCTAssertEqual(hexString(bytewise), digest, "\(id), byte-at-a-time", file: callerFile, line: line)
    }
}
