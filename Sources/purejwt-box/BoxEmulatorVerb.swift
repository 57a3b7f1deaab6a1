#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import BoxEmulator
import PureCrypto
import PureKeys
import PureJWT
import PureJWTCLI

/// The work of `purejwt box emulator` (declared in PureJWTCLI's BoxVerbs): a local Box on loopback,
/// with a config.json to go with it.
enum BoxEmulatorVerb {
    static let enterpriseID = "8675309"
    static let serviceAccount = EmulatedUser(id: "9000", name: "Emulator Service Account", login: "AutomationUser_emulator@boxdevedition.com")
    static let users = [
        EmulatedUser(id: "1001", name: "Alice Example", login: "alice@example.com",
                     rootItems: [EmulatedItem(.folder, id: "11", name: "Projects"), EmulatedItem(.folder, id: "12", name: "Photos"),
                                 EmulatedItem(.file, id: "13", name: "welcome.txt")]),
        EmulatedUser(id: "1002", name: "Bob Example", login: "bob@example.com",
                     rootItems: [EmulatedItem(.file, id: "21", name: "notes.md")]),
    ]

    static func run(_ args: ParsedArguments) throws(CLIError) {
        var port: UInt16 = 0
        if let text = args.value("port") {
            guard let p = UInt16(text) else { throw .usage(.invalidOptionValue, "--port takes 0...65535") }
            port = p
        }
        let path = args.value("config-out") ?? "config.json"
        try refuseToOverwriteARealConfig(path)

        let key: RSAPrivateKey
        let encryptedPEM: String
        let passphrase = Base64URL.encode(SecureRandom.bytes(count: 24))
        do {
            key = try RSAPrivateKey.generate(modulusBitCount: 2048)
            // 2048 iterations: what Box's own key instructions (openssl genrsa -des3) produce.
            encryptedPEM = try key.encryptedPKCS8PEMRepresentation(passphrase: Array(passphrase.utf8), iterations: 2048)
        } catch {
            throw CLIError(error, context: "generating the emulator's key")
        }
        let clientID = "emulator-" + Hex.encode(SecureRandom.bytes(count: 12))
        let clientSecret = Base64URL.encode(SecureRandom.bytes(count: 24))
        let keyID = "emulator-key-1"
        let verificationKey: JWTVerificationKey
        do {
            verificationKey = try .rsa(key.publicKey, algorithms: [.rs256, .rs384, .rs512], keyID: keyID)
        } catch {
            throw CLIError(error)
        }
        let emulator = BoxEmulator(.init(enterpriseID: enterpriseID, serviceAccount: serviceAccount, users: users,
                                         apps: [EmulatedApp(clientID: clientID, clientSecret: clientSecret, publicKeys: [keyID: verificationKey])]))
        let base: String
        do {
            base = try emulator.start(port: port)
        } catch {
            throw .rejected(.listenFailed, "\(error); is another process using --port \(port)?")
        }
        // Members in lexicographic order, as a file people may open.
        let config: JSONValue = [
            "boxAppSettings": [
                "appAuth": ["passphrase": .string(passphrase), "privateKey": .string(encryptedPEM), "publicKeyID": .string(keyID)],
                "clientID": .string(clientID),
                "clientSecret": .string(clientSecret),
            ],
            "enterpriseID": .string(enterpriseID),
        ]
        let url = URL(fileURLWithPath: path)
        // The config holds the key and its passphrase: 0600 from creation, never through a link.
        try KeyFile.write(Array(config.indentedJSONText.utf8), to: path, secret: true, overwrite: true)
        var text = "Box emulator listening on \(base)\n"
        text += "  enterprise \(enterpriseID), service account user \(serviceAccount.id)\n"
        for u in users { text += "  user \(u.id): \(u.name) <\(u.login)>, \(u.rootItems.count) item\(u.rootItems.count == 1 ? "" : "s") in folder 0\n" }
        text += "  config: \(url.standardizedFileURL.path) (app \(clientID), key generated now, encrypted with the config's passphrase)\n"
        text += "Use it with: purejwt box token --config \(path) --auth-url \(base) [--user-id 1001]\n"
        text += "Stop with Ctrl-C.\n"
        try Output.emit(text)
        while true { sleep(3600) }
    }

    /// Only an emulator config (client ID `emulator-…`) may be replaced.
    static func refuseToOverwriteARealConfig(_ path: String) throws(CLIError) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let clientID = (try? JSONValue(parsing: [UInt8](data)))?["boxAppSettings"]?["clientID"]?.stringValue
        guard clientID?.hasPrefix("emulator-") == true else {
            throw .rejected(.outputExists, "\(path) exists and is not an emulator config; pass --config-out FILE to write elsewhere")
        }
    }
}
