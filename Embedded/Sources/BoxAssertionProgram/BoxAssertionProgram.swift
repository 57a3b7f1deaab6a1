// `box-assertion`: one signed Box JWT assertion from an app's config.json, as an Embedded Swift
// program for wasm32 (WASI) and the Cortex-M4 (Arm semihosting). One source set, two targets.
//
//   box-assertion user ID | box-assertion enterprise
//
// The config comes from standard input under WASI and from `config.json` in the host's working
// directory under semihosting. Its `privateKey` is loaded with its `passphrase` (encrypted PKCS#8,
// PBES2 with PBKDF2 and AES-CBC as the Box console writes it; unencrypted PKCS#8 and PKCS#1 too).
// The assertion is BoxJWT's: RS256, `kid` = publicKeyID, `iss` = clientID, `sub`/`box_sub_type`
// from the arguments (`enterprise` takes the config's enterpriseID), `aud` = Box's token URL,
// `jti` = 64 random bytes base64url, `exp` = now + 30 to 45 s. It prints the JWT and a newline
// and exits 0; on failure, one line `box-assertion: error[CODE]: reason` on standard error, with
// the code `purejwt` prints for the same failure, and exit status 1 (2 for a wrong command line).
//
// Time and randomness come through `WallClock` and `EntropySource` (EmbeddedRuntime), so a board
// puts its RTC and TRNG behind the same two protocols (Docs/PORTABILITY.md).

#if arch(wasm32) || arch(arm)
import BoxJWT
import EmbeddedRuntime
import PureCrypto
import PureJWT
import PureKeys

#if arch(wasm32)
typealias ProgramEntropy = WASIRandom
typealias ProgramClock = WASIClock
#else
typealias ProgramEntropy = SemihostingEntropy
typealias ProgramClock = SemihostingClock
#endif

@_cdecl("embedded_main")
public func embeddedMain() -> Int32 {
    var arguments = Platform.arguments().map { Array($0.utf8) }
    // `--memory` (last) adds the heap and stack high-water marks on standard error.
    let reportMemory = arguments.last == Array("--memory".utf8)
    if reportMemory { arguments.removeLast() }
    let status: Int32
    switch BoxAssertionProgram<ProgramEntropy, ProgramClock>.run(arguments: arguments) {
    case .success(let jwt):
        Platform.writeStandardOutput(jwt + "\n")
        status = 0
    case .failure(let failure):
        Platform.writeStandardError("box-assertion: error[" + failure.code + "]: " + Echo.printable(failure.reason, maxBytes: 2048) + "\n")
        status = failure.status
    }
    if reportMemory { Platform.writeStandardError(Platform.memoryReport() + "\n") }
    return status
}

/// A failure: the code `purejwt` would print (Docs/ERRORS.md), a reason, the exit status.
struct ProgramFailure: Error {
    var code: String
    var reason: String
    var status: Int32

    /// Rejected input: exit status 1, like `purejwt`.
    static func rejected(_ code: String, _ reason: String) -> ProgramFailure { ProgramFailure(code: code, reason: reason, status: 1) }
    /// A wrong command line: exit status 2, like `purejwt`.
    static func usage(_ code: String, _ reason: String) -> ProgramFailure { ProgramFailure(code: code, reason: reason, status: 2) }

    /// The most specific code of a Box error's chain, as `purejwt` prints it (`wrong_passphrase`,
    /// not `invalid_key`).
    init(_ error: BoxAuthError) { self.init(code: error.innermostCode, reason: error.reason, status: 1) }
    init(code: String, reason: String, status: Int32) {
        self.code = code
        self.reason = reason
        self.status = status
    }
}

enum SubjectKind { case user, enterprise }

enum BoxAssertionProgram<Entropy: EntropySource, Clock: WallClock> {
    static var usage: String { "usage: box-assertion user ID | box-assertion enterprise" }

    static func run(arguments: [[UInt8]]) -> Result<String, ProgramFailure> {
        do throws(ProgramFailure) {
            return .success(try assertion(arguments: arguments))
        } catch {
            return .failure(error)
        }
    }

    static func assertion(arguments: [[UInt8]]) throws(ProgramFailure) -> String {
        // Arguments are compared as UTF-8 bytes: String's == would bring Unicode normalization
        // tables into the image.
        let kind: SubjectKind
        switch arguments.first {
        case nil:
            throw .usage("missing_argument", "say whose assertion to sign. " + usage)
        case Array("user".utf8):
            kind = .user
            guard arguments.count >= 2 else { throw .usage("missing_argument", "'user' needs the user's ID. " + usage) }
            guard arguments.count == 2 else { throw .usage("unexpected_argument", "too many arguments. " + usage) }
        case Array("enterprise".utf8):
            kind = .enterprise
            guard arguments.count == 1 else { throw .usage("unexpected_argument", "'enterprise' takes no ID (it is config.json's enterpriseID). " + usage) }
        default:
            throw .usage("unexpected_argument", "the subject is 'user' or 'enterprise', not '" + Echo.escaped(String(decoding: arguments[0], as: UTF8.self)) + "'. " + usage)
        }

        guard var bytes = Platform.readInput(semihostingFile: "config.json", limit: BoxConfig.maximumByteCount) else {
            throw .rejected(BoxAuthError.Code.configUnreadable.rawValue, "cannot read config.json (standard input under WASI, ./config.json under semihosting), or it is over 1 MiB")
        }
        defer { SecretWipe.wipe(&bytes, "config.json") }
        let config: BoxConfig
        do throws(BoxAuthError) { config = try BoxConfig(jsonBytes: bytes) } catch { throw ProgramFailure(error) }

        let subject: BoxSubject
        switch kind {
        case .user:
            let id = String(decoding: arguments[1], as: UTF8.self)
            guard !id.isEmpty else { throw .usage("missing_argument", "the user ID is empty. " + usage) }
            subject = .user(id)
        case .enterprise:
            guard let id = config.enterpriseID else {
                throw .rejected(BoxAuthError.Code.configInvalid.rawValue, "config.json has no enterpriseID, needed for an enterprise assertion")
            }
            subject = .enterprise(id)
        }

        guard let now = Clock.secondsSince1970() else {
            throw .rejected("clock_unavailable", "this platform has no wall clock: the assertion's exp needs the time")
        }
        // 64 bytes of jti, one byte for the lifetime (30 + 0...15 seconds: 256 is a multiple of
        // 16, so each lifetime is equally likely).
        var random = [UInt8](repeating: 0, count: 65)
        let filled = random.withUnsafeMutableBytes { Entropy.fill($0) }
        guard filled else { throw .rejected("entropy_unavailable", "this platform has no source of secure random bytes for the jti") }
        let jwtID = Base64URL.encode(random[0..<64])
        let lifetime = 30 + Int64(random[64] & 15)

        do throws(BoxAuthError) {
            let signer = try BoxAssertion(privateKey: config.privateKey(), keyID: config.publicKeyID)
            return try signer.sign(clientID: config.clientID, subject: subject, jwtID: jwtID, expiration: now + lifetime)
        } catch {
            throw ProgramFailure(error)
        }
    }
}
#endif
