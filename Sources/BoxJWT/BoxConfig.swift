// Box's `config.json` for a server-authentication (JWT) app, as the developer console writes it:
//
//   { "boxAppSettings": { "clientID": "...", "clientSecret": "...",
//       "appAuth": { "publicKeyID": "...", "privateKey": "-----BEGIN ...", "passphrase": "..." } },
//     "enterpriseID": "...", "userID": "..." }
//
// `userID` is optional (newer SDKs accept it); `enterpriseID` may be absent for apps used only
// for user tokens. IDs are accepted as JSON strings or integers, since both occur in the wild.
// Parsed with the strict `JSONValue` parser (duplicate members refused, size and depth capped),
// with no Foundation, so an Embedded Swift program reads the file exactly as the client does.

import PureCrypto
import PureKeys

/// A parsed `config.json`. The secrets (client secret, private key, passphrase) are kept but never
/// shown: `description` lists only the public identifiers.
public struct BoxConfig: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The app's client ID (`boxAppSettings.clientID`), also the assertion's `iss`.
    public var clientID: String
    /// The app's client secret (`boxAppSettings.clientSecret`). Secret.
    public var clientSecret: String
    /// The ID Box gave the app's public key (`appAuth.publicKeyID`), sent as `kid`.
    public var publicKeyID: String
    /// The PEM text of the (usually encrypted) private key.
    public var privateKeyPEM: String
    /// The key's passphrase as stored in the file; nil when the file has none.
    public var passphrase: String?
    /// The enterprise the service account belongs to (`enterpriseID`), when the file has one.
    public var enterpriseID: String?
    /// A user ID, for apps configured for one user, when the file has one.
    public var userID: String?

    /// A configuration from its fields, as `config.json` would give them.
    public init(clientID: String, clientSecret: String, publicKeyID: String, privateKeyPEM: String,
                passphrase: String?, enterpriseID: String?, userID: String? = nil) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.publicKeyID = publicKeyID
        self.privateKeyPEM = privateKeyPEM
        self.passphrase = passphrase
        self.enterpriseID = enterpriseID
        self.userID = userID
    }

    /// The largest config file accepted: 1 MiB (a real one, key included, is about 3 KB).
    public static let maximumByteCount = 1 << 20

    /// Parses the bytes of a config file. Throws `config_invalid` for anything that is not a
    /// well-formed config: not strict JSON (duplicate members included), not an object, a
    /// required field missing or of the wrong type.
    public init(jsonBytes bytes: [UInt8]) throws(BoxAuthError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes, options: JSONParser.Options(maximumByteCount: Self.maximumByteCount))
        } catch {
            throw BoxAuthError(.configInvalid, "the Box config is not valid JSON: download config.json again from the Box developer console")
        }
        guard let root = value.objectValue else {
            throw BoxAuthError(.configInvalid, "the Box config is not a JSON object: download config.json again from the Box developer console")
        }
        guard let settings = Self.object(root["boxAppSettings"]) else { throw Self.missing("boxAppSettings") }
        guard let appAuth = Self.object(settings["appAuth"]) else { throw Self.missing("boxAppSettings.appAuth") }
        clientID = try Self.requiredID(settings["clientID"], "boxAppSettings.clientID")
        clientSecret = try Self.requiredString(settings["clientSecret"], "boxAppSettings.clientSecret")
        publicKeyID = try Self.requiredID(appAuth["publicKeyID"], "boxAppSettings.appAuth.publicKeyID")
        privateKeyPEM = try Self.requiredString(appAuth["privateKey"], "boxAppSettings.appAuth.privateKey")
        passphrase = try Self.optionalString(appAuth["passphrase"], "boxAppSettings.appAuth.passphrase")
        enterpriseID = try Self.optionalID(root["enterpriseID"], "enterpriseID")
        userID = try Self.optionalID(root["userID"], "userID")
    }

    /// The app's private key: `privateKeyPEM` decrypted with `passphrase` when given, else with
    /// the config's own `passphrase` (an unencrypted key needs none). Throws `invalid_key` whose
    /// `cause` is the key layer's error (`wrong_passphrase`, `missing_passphrase`,
    /// `unsupported_algorithm`...); the message never includes the key or the passphrase.
    public func privateKey(passphrase: [UInt8]? = nil, options: RSAKeyOptions = [],
                           decryptionLimits: KeyDecryptionLimits = .default) throws(BoxAuthError) -> RSAPrivateKey {
        // The copy of the config's passphrase made here is wiped once the key is loaded.
        var fromConfig = passphrase == nil ? self.passphrase.map { Array($0.utf8) } : nil
        defer { SecretWipe.wipe(&fromConfig, "passphrase copy") }
        do {
            return try RSAPrivateKey(pemRepresentation: privateKeyPEM, passphrase: passphrase ?? fromConfig, options: options,
                                     decryptionLimits: decryptionLimits)
        } catch {
            throw BoxAuthError(.keyInvalid, "cannot load the private key from config.json: \(error.reason)", cause: .crypto(error))
        }
    }

    public var description: String {
        "BoxConfig(clientID: \(clientID), publicKeyID: \(publicKeyID), enterpriseID: \(enterpriseID ?? "none"), userID: \(userID ?? "none"), secrets redacted)"
    }

    public var debugDescription: String { description }

    private static func missing(_ path: String) -> BoxAuthError {
        BoxAuthError(.configInvalid, "the Box config has no '\(path)': download config.json again from the Box developer console, or fill it in")
    }

    private static func wrongType(_ path: String, _ expected: String) -> BoxAuthError {
        BoxAuthError(.configInvalid, "'\(path)' in the Box config must be \(expected)")
    }

    /// An object member; nil when absent, null or of another type.
    private static func object(_ value: JSONValue?) -> JSONObject? { value?.objectValue }

    private static func requiredString(_ value: JSONValue?, _ path: String) throws(BoxAuthError) -> String {
        guard let s = try optionalString(value, path), !s.isEmpty else { throw missing(path) }
        return s
    }

    private static func optionalString(_ value: JSONValue?, _ path: String) throws(BoxAuthError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard let s = value.stringValue else { throw wrongType(path, "a string") }
        return s
    }

    /// IDs: a non-empty string, or a non-negative integer written as a JSON number.
    private static func optionalID(_ value: JSONValue?, _ path: String) throws(BoxAuthError) -> String? {
        guard let value, !value.isNull else { return nil }
        if let s = value.stringValue { return s.isEmpty ? nil : s }
        if let n = value.int64Value, n >= 0 { return String(n) }
        throw wrongType(path, "a string or a whole number")
    }

    private static func requiredID(_ value: JSONValue?, _ path: String) throws(BoxAuthError) -> String {
        guard let id = try optionalID(value, path) else { throw missing(path) }
        return id
    }
}
