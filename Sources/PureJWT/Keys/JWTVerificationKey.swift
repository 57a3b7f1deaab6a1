// A verification key bound, when it is made, to the algorithms of one family it may check.

import PureCrypto

/// A public key or HMAC secret, the algorithms it may verify (all of one family, so an RSA key
/// can never check an HS token), and an optional key ID for `kid` look-ups.
public struct JWTVerificationKey: Sendable, CustomStringConvertible {
    /// The algorithms this key may verify.
    public let algorithms: [JWSAlgorithm]
    /// The `kid` this key answers to, when it has one.
    public let keyID: String?
    let material: Material

    enum Material: Sendable {
        case hmac([JWSAlgorithm: KeyedHMAC])
        case rsa(RSAPublicKey)
    }

    /// An RSA public key for the given RS/PS algorithms (by default all six). Throws
    /// `invalid_key` if the list names an HS algorithm.
    public static func rsa(_ key: RSAPublicKey, algorithms: [JWSAlgorithm] = [.rs256, .rs384, .rs512, .ps256, .ps384, .ps512],
                           keyID: String? = nil) throws(JWTError) -> JWTVerificationKey {
        guard !algorithms.isEmpty else { throw JWTError(.keyInvalid, "a verification key needs at least one algorithm") }
        guard algorithms.allSatisfy({ $0.family == .rsa }) else {
            throw JWTError(.keyInvalid, "an RSA key can only verify RS256/384/512 and PS256/384/512")
        }
        return JWTVerificationKey(algorithms: algorithms, keyID: keyID, material: .rsa(key))
    }

    /// An HMAC secret for the given HS algorithms (by default all three it is long enough for).
    public static func hmac(_ secret: [UInt8], algorithms: [JWSAlgorithm] = [.hs256, .hs384, .hs512], keyID: String? = nil) throws(JWTError) -> JWTVerificationKey {
        guard !algorithms.isEmpty else { throw JWTError(.keyInvalid, "a verification key needs at least one algorithm") }
        var keyed: [JWSAlgorithm: KeyedHMAC] = [:]
        var lastError: JWTError? = nil
        for alg in algorithms {
            do throws(JWTError) {
                keyed[alg] = try KeyedHMAC(secret: secret, algorithm: alg)
            } catch {
                // An explicitly requested algorithm that cannot be served is an error; the
                // default list silently keeps what the secret's length allows.
                lastError = error
            }
        }
        if let lastError, keyed.isEmpty || algorithms != [.hs256, .hs384, .hs512] { throw lastError }
        return JWTVerificationKey(algorithms: algorithms.filter { keyed[$0] != nil }, keyID: keyID, material: .hmac(keyed))
    }

    /// Whether `signature` is valid for `signingInput` under `algorithm`. False (never an error)
    /// when this key does not serve `algorithm`; callers check `algorithms` first.
    func verify(_ algorithm: JWSAlgorithm, _ signingInput: ArraySlice<UInt8>, _ signature: [UInt8]) -> Bool {
        switch material {
        case .hmac(let keyed):
            guard let k = keyed[algorithm] else { return false }
            return k.isValid(signature, for: signingInput)
        case .rsa(let key):
            guard algorithms.contains(algorithm) else { return false }
            return algorithm.isValidRSASignature(signature, for: signingInput, with: key)
        }
    }

    public var description: String {
        "JWTVerificationKey(\(algorithms.map { $0.name }.joined(separator: ","))\(keyID.map { ", kid: \($0)" } ?? ""))"
    }
}
