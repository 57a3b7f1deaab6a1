// The one place a JWS RSA algorithm name picks its signature scheme and hash: RS* is
// RSASSA-PKCS1-v1_5, PS* is RSASSA-PSS with MGF1 of the same hash and a salt of the hash's length
// (RFC 7518 §3.3, §3.5). The JWT signer and verifier and the CLI's `sign` and `verify` use it.

import PureCrypto

extension JWSAlgorithm {
    /// The RSA algorithms, in `allCases` order.
    package static let rsaAlgorithms = allCases.filter { $0.family == .rsa }

    /// The signature of `message` under this RSA algorithm. `invalid_argument` for an HMAC
    /// algorithm; otherwise the errors of `signPKCS1v15` / `signPSS`.
    package func rsaSignature(_ message: some ContiguousByteSource, with key: RSAPrivateKey) throws(CryptoError) -> [UInt8] {
        switch self {
        case .rs256: return try key.signPKCS1v15(message, hash: SHA256.self)
        case .rs384: return try key.signPKCS1v15(message, hash: SHA384.self)
        case .rs512: return try key.signPKCS1v15(message, hash: SHA512.self)
        case .ps256: return try key.signPSS(message, hash: SHA256.self)
        case .ps384: return try key.signPSS(message, hash: SHA384.self)
        case .ps512: return try key.signPSS(message, hash: SHA512.self)
        case .hs256, .hs384, .hs512: throw CryptoError(.invalidArgument, "\(rawValue) is an HMAC algorithm, not an RSA one")
        }
    }

    /// Whether `signature` is a valid signature of `message` under this RSA algorithm; false for
    /// an HMAC algorithm. Variable time in public data only.
    package func isValidRSASignature(_ signature: [UInt8], for message: some ContiguousByteSource, with key: RSAPublicKey) -> Bool {
        switch self {
        case .rs256: return key.isValidPKCS1v15Signature(signature, for: message, hash: SHA256.self)
        case .rs384: return key.isValidPKCS1v15Signature(signature, for: message, hash: SHA384.self)
        case .rs512: return key.isValidPKCS1v15Signature(signature, for: message, hash: SHA512.self)
        case .ps256: return key.isValidPSSSignature(signature, for: message, hash: SHA256.self)
        case .ps384: return key.isValidPSSSignature(signature, for: message, hash: SHA384.self)
        case .ps512: return key.isValidPSSSignature(signature, for: message, hash: SHA512.self)
        case .hs256, .hs384, .hs512: return false
        }
    }
}
