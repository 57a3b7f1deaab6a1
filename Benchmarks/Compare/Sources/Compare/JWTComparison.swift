// PureJWT's JWS rows beside vapor/jwt-kit 5.8.0 (on swift-crypto/BoringSSL), same run, same
// work: a Box assertion (iss, sub, box_sub_type, aud, jti of 64 random bytes base64url, exp;
// header alg, typ, kid) signed RS256 with RSA-2048, its verification with an exp check, and the
// same claims with HS256.
import Crypto
import Dispatch
import Foundation
import JWTKit
import PureCrypto
import PureJWT
import BoxJWT
import Synchronization

struct KitBoxAssertion: JWTPayload {
    var iss: IssuerClaim
    var sub: SubjectClaim
    var box_sub_type: String
    var aud: AudienceClaim
    var jti: IDClaim
    var exp: ExpirationClaim

    func verify(using algorithm: some JWTAlgorithm) async throws { try exp.verifyNotExpired() }

    static func fresh() -> KitBoxAssertion {
        var random = SystemRandomNumberGenerator()
        let jti = Data((0..<64).map { _ in UInt8.random(in: 0...255, using: &random) }).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return KitBoxAssertion(iss: "vgsharedclientid0123456789abcdef", sub: "8675309", box_sub_type: "enterprise",
                               aud: "https://api.box.com/oauth2/token", jti: IDClaim(value: jti),
                               exp: ExpirationClaim(value: Date().addingTimeInterval(45)))
    }
}

func ourBoxAssertion() -> JWTClaims {
    BoxAssertion.claims(clientID: "vgsharedclientid0123456789abcdef", subject: .enterprise("8675309"),
                        jwtID: BoxAssertion.newJWTID(), expiration: UnixClock.now() + 45)
}

/// Runs async work to completion from the synchronous timing loop.
func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let result = Mutex<Result<T, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
        let r: Result<T, any Error>
        do { r = .success(try await body()) } catch { r = .failure(error) }
        result.withLock { $0 = r }
        done.signal()
    }
    done.wait()
    return try result.withLock { $0! }.get()
}

/// CPU time of the whole process: jwt-kit's work runs on the concurrency pool's threads, not on
/// the thread that waits, so thread CPU time would miss it.
func processNow() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

extension Side {
    /// jwt-kit's calls are async (its key collection is an actor): `n` awaited calls inside one
    /// task, as a caller awaiting in a loop would pay them, in process CPU time.
    static func async(_ body: @escaping @Sendable () async throws -> Void) -> Side {
        Side(clock: processNow, run: { n in try blocking { for _ in 0..<n { try await body() } } })
    }
}

let jwtGroup = RowGroup(
    title: "PureJWT vs vapor/jwt-kit 5.8.0 (Box assertion, 64-byte jti, RSA-2048); CPU time, paired trials",
    rows: ["jwt.rs256.sign", "jwt.rs256.verify", "jwt.hs256.sign", "jwt.hs256.verify"].map { name in
        (name, { try jwtRows.get().first { $0.name == name }! })
    })

/// Both sides' keys and tokens, set up and cross-checked once.
nonisolated(unsafe) let jwtRows = Result { try makeJWTRows() }

func makeJWTRows() throws -> [Row] {
    let pem = try String(contentsOf: vectors.appendingPathComponent("generated/keys/rsa2048/pkcs8.pem"), encoding: .utf8)
    let ourKey = try RSAPrivateKey(pemRepresentation: pem)
    let kit = JWTKeyCollection()
    let secret = SecureRandom.bytes(count: 32)
    try blocking {
        await kit.add(rsa: try Insecure.RSA.PrivateKey(pem: pem), digestAlgorithm: .sha256, kid: "vgk1shrd")
        await kit.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256, kid: "hs")
    }
    let rsSigner = JWTSigner(key: try .rsa(ourKey, algorithm: .rs256, keyID: "vgk1shrd"))
    let hsSigner = JWTSigner(key: try .hmac(secret, algorithm: .hs256, keyID: "hs"))
    var validation = JWTValidation()
    validation.leeway = 0
    let rsVerifier = JWTVerifier(algorithms: [.rs256], key: try .rsa(ourKey.publicKey, keyID: "vgk1shrd"), validation: validation)
    let hsVerifier = JWTVerifier(algorithms: [.hs256], key: try .hmac(secret, algorithms: [.hs256], keyID: "hs"), validation: validation)

    // Cross-check before timing: each side verifies the other's tokens.
    let ourRS = try rsSigner.sign(ourBoxAssertion()), ourHS = try hsSigner.sign(ourBoxAssertion())
    let kitRS = try blocking { try await kit.sign(KitBoxAssertion.fresh(), kid: "vgk1shrd") }
    let kitHS = try blocking { try await kit.sign(KitBoxAssertion.fresh(), kid: "hs") }
    _ = try rsVerifier.verify(kitRS)
    _ = try hsVerifier.verify(kitHS)
    _ = try blocking { try await kit.verify(ourRS, as: KitBoxAssertion.self) }
    _ = try blocking { try await kit.verify(ourHS, as: KitBoxAssertion.self) }

    return [
        Row(name: "jwt.rs256.sign", peer: "jwt-kit", ours: .sync { _ = try rsSigner.sign(ourBoxAssertion()) },
            theirs: .async { _ = try await kit.sign(KitBoxAssertion.fresh(), kid: "vgk1shrd") }),
        Row(name: "jwt.rs256.verify", peer: "jwt-kit", ours: .sync { _ = try rsVerifier.verify(ourRS) },
            theirs: .async { _ = try await kit.verify(ourRS, as: KitBoxAssertion.self) }),
        Row(name: "jwt.hs256.sign", peer: "jwt-kit", ours: .sync { _ = try hsSigner.sign(ourBoxAssertion()) },
            theirs: .async { _ = try await kit.sign(KitBoxAssertion.fresh(), kid: "hs") }),
        Row(name: "jwt.hs256.verify", peer: "jwt-kit", ours: .sync { _ = try hsVerifier.verify(ourHS) },
            theirs: .async { _ = try await kit.verify(ourHS, as: KitBoxAssertion.self) }),
    ]
}
