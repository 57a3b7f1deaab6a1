// Box's `config.json` for a server-authentication (JWT) app, as the developer console writes it:
//
//   { "boxAppSettings": { "clientID": "...", "clientSecret": "...",
//       "appAuth": { "publicKeyID": "...", "privateKey": "-----BEGIN ...", "passphrase": "..." } },
//     "enterpriseID": "...", "userID": "..." }
//
// `userID` is optional (newer SDKs accept it); `enterpriseID` may be absent for apps used only
// for user tokens. IDs are accepted as JSON strings or integers, since both occur in the wild.

import Foundation

/// A parsed `config.json`. The secrets (client secret, private key, passphrase) are kept but never
/// shown: `description` lists only the public identifiers.
public struct BoxConfig: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var clientID: String
    public var clientSecret: String
    public var publicKeyID: String
    /// The PEM text of the (usually encrypted) private key.
    public var privateKeyPEM: String
    /// The key's passphrase as stored in the file; nil when the file has none.
    public var passphrase: String?
    public var enterpriseID: String?
    public var userID: String?

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

    /// Reads and parses a config file.
    public init(contentsOf url: URL) throws(BoxAuthError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw BoxAuthError(.configUnreadable, "cannot read the Box config file at \(url.path): check the path and its permissions")
        }
        try self.init(json: data)
    }

    /// Parses the bytes of a config file.
    public init(json data: Data) throws(BoxAuthError) {
        let root: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw BoxAuthError(.configInvalid, "the Box config is not a JSON object: download config.json again from the Box developer console")
            }
            root = object
        } catch let error as BoxAuthError {
            throw error
        } catch {
            throw BoxAuthError(.configInvalid, "the Box config is not valid JSON: download config.json again from the Box developer console")
        }
        guard let settings = root["boxAppSettings"] as? [String: Any] else {
            throw Self.missing("boxAppSettings")
        }
        guard let appAuth = settings["appAuth"] as? [String: Any] else {
            throw Self.missing("boxAppSettings.appAuth")
        }
        clientID = try Self.requiredID(settings["clientID"], "boxAppSettings.clientID")
        clientSecret = try Self.requiredString(settings["clientSecret"], "boxAppSettings.clientSecret")
        publicKeyID = try Self.requiredID(appAuth["publicKeyID"], "boxAppSettings.appAuth.publicKeyID")
        privateKeyPEM = try Self.requiredString(appAuth["privateKey"], "boxAppSettings.appAuth.privateKey")
        passphrase = try Self.optionalString(appAuth["passphrase"], "boxAppSettings.appAuth.passphrase")
        enterpriseID = try Self.optionalID(root["enterpriseID"], "enterpriseID")
        userID = try Self.optionalID(root["userID"], "userID")
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

    private static func requiredString(_ value: Any?, _ path: String) throws(BoxAuthError) -> String {
        guard let value, !(value is NSNull) else { throw missing(path) }
        guard let s = value as? String else { throw wrongType(path, "a string") }
        guard !s.isEmpty else { throw missing(path) }
        return s
    }

    private static func optionalString(_ value: Any?, _ path: String) throws(BoxAuthError) -> String? {
        guard let value, !(value is NSNull) else { return nil }
        guard let s = value as? String else { throw wrongType(path, "a string") }
        return s
    }

    /// IDs: a non-empty string, or a non-negative integer written as a JSON number.
    private static func optionalID(_ value: Any?, _ path: String) throws(BoxAuthError) -> String? {
        guard let value, !(value is NSNull) else { return nil }
        if let s = value as? String {
            guard !s.isEmpty else { return nil }
            return s
        }
        let isBoolean = type(of: value) == type(of: NSNumber(value: true) as Any)
        if !isBoolean, let n = value as? Int64, n >= 0 {
            return String(n)
        }
        throw wrongType(path, "a string or a whole number")
    }

    private static func requiredID(_ value: Any?, _ path: String) throws(BoxAuthError) -> String {
        guard let id = try optionalID(value, path) else { throw missing(path) }
        return id
    }
}
