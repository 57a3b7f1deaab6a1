import PureCrypto

/// The hash algorithms the verbs accept by name (`--alg sha256`), mapped to the core's types.
/// Hashing and HMAC go through generic helpers, so a verb never repeats a six-way switch.
enum DigestAlgorithm: String, CaseIterable, Sendable {
    case md5, sha1, sha224, sha256, sha384, sha512

    /// Parses `--NAME VALUE` among `allowed`; anything else is a usage error
    /// (`invalid_option_value`) listing the allowed names.
    static func parse(_ value: String, option: String, allowed: [DigestAlgorithm] = allCases) throws(CLIError) -> DigestAlgorithm {
        guard let algorithm = DigestAlgorithm(rawValue: value.lowercased()), allowed.contains(algorithm) else {
            let names = allowed.map(\.rawValue).joined(separator: "|")
            throw .usage(.invalidOptionValue, "--\(option) must be one of \(names), not \(Echo.quoted(value, maxBytes: 20))")
        }
        return algorithm
    }

    /// The digest of everything `input` yields, streamed chunk by chunk.
    func digest(of input: InputSource) throws(CLIError) -> [UInt8] {
        switch self {
        case .md5: try Self.digest(Insecure.MD5.self, input)
        case .sha1: try Self.digest(Insecure.SHA1.self, input)
        case .sha224: try Self.digest(SHA224.self, input)
        case .sha256: try Self.digest(SHA256.self, input)
        case .sha384: try Self.digest(SHA384.self, input)
        case .sha512: try Self.digest(SHA512.self, input)
        }
    }

    /// The HMAC of everything `input` yields under `key`, streamed chunk by chunk.
    func authenticationCode(of input: InputSource, key: [UInt8]) throws(CLIError) -> [UInt8] {
        switch self {
        case .md5: try Self.mac(Insecure.MD5.self, input, key)
        case .sha1: try Self.mac(Insecure.SHA1.self, input, key)
        case .sha224: try Self.mac(SHA224.self, input, key)
        case .sha256: try Self.mac(SHA256.self, input, key)
        case .sha384: try Self.mac(SHA384.self, input, key)
        case .sha512: try Self.mac(SHA512.self, input, key)
        }
    }

    private static func digest<H: HashFunction>(_: H.Type, _ input: InputSource) throws(CLIError) -> [UInt8] {
        var hash = H()
        try input.forEachChunk { hash.update($0) }
        return hash.finalize()
    }

    private static func mac<H: HashFunction>(_: H.Type, _ input: InputSource, _ key: [UInt8]) throws(CLIError) -> [UInt8] {
        var mac = HMAC<H>(key: key)
        try input.forEachChunk { mac.update($0) }
        return mac.finalize()
    }
}
