// The fuzz targets: each feeds one input to one parser of untrusted bytes and checks the few
// properties that must hold for every input (no trap, and round trips where decoding is strict).

import BoxAuth
import BoxEmulator
import Foundation
import PureCrypto
import PureKeys
import PureJWT
import TestSupport

enum FuzzTarget: String, CaseIterable {
    /// `RSAKey.load` (PEM, DER or JWK, detected) without a passphrase.
    case key
    /// `RSAPrivateKey(importing:passphrase:)`: the first byte is the passphrase length,
    /// the passphrase follows, the rest is the key file.
    case keyPassphrase = "key-passphrase"
    /// The DER reader: `DER.validate` and `RSAKeyMaterial(der:)`.
    case der
    /// `RSAJWK(jsonBytes:)` and `JWTKeySet(jwks:)`.
    case jwk
    /// `JWTVerifier.verify` with fixed HMAC and RSA keys from Vectors/.
    case jws
    /// `Base64.decode` (padded, unpadded, PEM whitespace) and `Base64URL.decode`; strict decoding
    /// means any accepted text re-encodes to itself.
    case base64
    /// `BoxConfig(jsonBytes:)`.
    case boxConfig = "box-config"
    /// `AccessToken(responseBody:requestedAt:)`.
    case tokenResponse = "token-response"
    /// The emulator's `HTTPRequestParser.parse`.
    case httpRequest = "http-request"
    /// scrypt's limit checks on hostile N, r and p: accepted exactly when the parameters are in
    /// RFC 7914's domain and N·r·p and the memory they need are within the (small) limits, by
    /// exact arithmetic; accepted ones are derived.
    case scryptParameters = "scrypt-params"
    /// The client's URL rules on arbitrary URL text: https unless loopback (`URLPolicy.check`),
    /// loopback addresses cross-checked against `inet_pton`, and the origin and redirect error
    /// texts (never a path, query or control character).
    case urlPolicy = "url-policy"
    /// The response size rule (`ResponseBodyLimit`) on hostile declared lengths and chunk
    /// sequences: never holds more than its cap, refuses exactly when the body would pass it.
    case responseLimit = "response-limit"
    /// The emulator answering a parsed request with a redirect (Location from the input) or
    /// raw-bytes fault: every answer it serializes is one well-framed response.
    case emulatorExchange = "emulator-exchange"

    /// The target named by PUREJWT_FUZZ_TARGET; exits with the list of names when unset or unknown.
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["PUREJWT_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: " ")
            FileHandle.standardError.write(Data("purejwt-fuzz: set PUREJWT_FUZZ_TARGET to one of: \(names)\n".utf8))
            exit(2)
        }
        return target
    }()

    /// Builds the target's fixed state (the jws target's keys) before fuzzing starts.
    func prepare() {
        if self == .jws { _ = FuzzKeys.verifier }
    }

    func run(_ bytes: [UInt8]) {
        switch self {
        case .key:
            _ = try? RSAKey.load(bytes)
        case .keyPassphrase:
            guard let first = bytes.first else { return }
            let length = min(Int(first), bytes.count - 1)
            let passphrase = Array(bytes[1 ..< 1 + length])
            // Small KDF limits: the fuzzer reaches the refusals, and an accepted file derives fast.
            _ = try? RSAPrivateKey(importing: Array(bytes[(1 + length)...]), passphrase: passphrase,
                                   decryptionLimits: FuzzLimits.keyDecryption)
        case .der:
            try? DER.validate(bytes)
            _ = try? RSAKeyMaterial(der: bytes)
        case .jwk:
            _ = try? RSAJWK(jsonBytes: bytes)
            _ = try? JWTKeySet(jwks: bytes)
        case .jws:
            _ = try? FuzzKeys.verifier.verify(bytes)
        case .base64:
            Self.checkBase64(bytes)
        case .boxConfig:
            _ = try? BoxConfig(jsonBytes: bytes)
        case .tokenResponse:
            _ = try? AccessToken(responseBody: Data(bytes), requestedAt: Date(timeIntervalSince1970: 1_700_000_000))
        case .httpRequest:
            _ = HTTPRequestParser.parse(bytes)
        case .scryptParameters:
            FuzzChecks.scryptParameters(bytes)
        case .urlPolicy:
            FuzzChecks.urlPolicy(bytes)
        case .responseLimit:
            FuzzChecks.responseLimit(bytes)
        case .emulatorExchange:
            FuzzChecks.emulatorExchange(bytes)
        }
    }

    /// Strict base64 has one encoding per byte string: whatever decodes must re-encode to the
    /// same text. A mismatch is a finding (it traps, so libFuzzer saves the input).
    private static func checkBase64(_ bytes: [UInt8]) {
        if let decoded = try? Base64.decode(bytes) {
            precondition(Base64.encodedBytes(decoded) == bytes, "padded base64 accepted a non-canonical encoding")
        }
        if let decoded = try? Base64.decode(bytes, padding: .unpadded) {
            precondition(Base64.encodedBytes(decoded, padding: .unpadded) == bytes, "unpadded base64 accepted a non-canonical encoding")
        }
        if let decoded = try? Base64URL.decode(bytes) {
            precondition(Base64URL.encodedBytes(decoded) == bytes, "base64url accepted a non-canonical encoding")
        }
        _ = try? Base64.decode(bytes, ignoringWhitespace: true)
    }
}

/// The fixed keys of the `jws` target: the HMAC secret and RSA-2048 key of the JWT vectors, so
/// seed tokens from Vectors/generated/jwt reach signature and claim checks.
enum FuzzKeys {
    static let verifier: JWTVerifier = {
        do {
            let pem = try Data(contentsOf: Vectors.url("generated/keys/rsa2048/spki.pem"))
            let rsa = try RSAPublicKey(importing: Array(pem))
            let tokens = try JSONSerialization.jsonObject(
                with: Data(contentsOf: Vectors.url("generated/jwt/hs_tokens.json"))) as! [String: Any]
            let first = (tokens["tokens"] as! [[String: Any]])[0]
            let secret = try Hex.decode(first["secret_hex"] as! String)
            let keys = JWTKeySet([
                try JWTVerificationKey.rsa(rsa, keyID: "vgk1shrd"),
                try JWTVerificationKey.hmac(secret),
            ])
            return JWTVerifier(algorithms: JWSAlgorithm.allCases, keySet: keys, validation: .at(1_700_000_000))
        } catch {
            fatalError("purejwt-fuzz: cannot load the jws target's keys from \(Vectors.root.path): \(error)")
        }
    }()
}
