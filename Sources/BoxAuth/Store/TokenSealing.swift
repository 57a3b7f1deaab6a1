// The bytes a file or Redis store keeps for one token: the token, its expiry and restrictions as
// JSON, encrypted with AES-256-CBC under a random IV and authenticated with HMAC-SHA256 over the
// version, the store key's name, the IV and the ciphertext (encrypt-then-MAC; the MAC is checked,
// in constant time, before anything is decrypted).
//
//   sealed = 0x01 ‖ IV (16) ‖ AES-256-CBC(PKCS#7(JSON)) ‖ HMAC-SHA256(macKey, 0x01 ‖ name ‖ IV ‖ ciphertext)
//   JSON   = {"access_token": …, "expires_at_ms": …, "token_type": …, "issued_token_type": …,
//             "restricted_to": [{"scope": …, "type": …, "id": …}]}

import Foundation
@_spi(Hazmat) import PureCrypto
import PureKeys

struct TokenSealing: Sendable {
    static let version: UInt8 = 1
    /// Sealed values longer than this are refused unread (a Box token response is under 2 KiB).
    static let maximumSealedByteCount = 64 * 1024

    private let cipher: AES
    private let macKey: [UInt8]

    init(encryptionKey: [UInt8], authenticationKey: [UInt8]) {
        cipher = try! AES(key: encryptionKey)  // 32 bytes by construction: an HMAC-SHA256 output
        macKey = authenticationKey
    }

    func seal(_ token: AccessToken, name: String) -> [UInt8] {
        let iv = SecureRandom.bytes(count: 16)
        let ciphertext = try! CBC.encrypt(Self.encode(token), using: cipher, iv: iv)  // the IV is one block by construction
        let body = [Self.version] + iv + ciphertext
        return body + HMAC<SHA256>.authenticationCode(for: [Self.version] + Array(name.utf8) + iv + ciphertext, using: macKey)
    }

    func open(_ sealed: [UInt8], name: String) throws(BoxAuthError) -> AccessToken {
        guard sealed.count >= 1 + 16 + 16 + 32, sealed.count <= Self.maximumSealedByteCount, sealed[0] == Self.version else {
            throw BoxAuthError(.tokenStoreInvalid, "a stored token has an unknown format; it will be fetched again")
        }
        let iv = Array(sealed[1..<17])
        let ciphertext = Array(sealed[17..<(sealed.count - 32)])
        let tag = sealed[(sealed.count - 32)...]
        guard HMAC<SHA256>.isValidAuthenticationCode(tag, for: [Self.version] + Array(name.utf8) + iv + ciphertext, using: macKey) else {
            throw BoxAuthError(.tokenStoreInvalid, "a stored token failed its integrity check (sealed with another client secret, for another subject, or altered); it will be fetched again")
        }
        let plaintext: [UInt8]
        do {
            plaintext = try CBC.decrypt(ciphertext, using: cipher, iv: iv)
        } catch {
            throw BoxAuthError(.tokenStoreInvalid, "a stored token passed its integrity check but does not decrypt", cause: .crypto(error))
        }
        return try Self.decode(plaintext)
    }

    static func encode(_ token: AccessToken) -> [UInt8] {
        var object: JSONObject = [
            "access_token": .string(token.value),
            "expires_at_ms": .number(JSONNumber(Int64((token.expiresAt.timeIntervalSince1970 * 1000).rounded(.down)))),
            "token_type": .string(token.tokenType),
        ]
        if let issued = token.issuedTokenType { object["issued_token_type"] = .string(issued) }
        object["restricted_to"] = .array(token.restrictedTo.map { r in
            var entry: JSONObject = ["scope": .string(r.scope)]
            if let type = r.objectType { entry["type"] = .string(type) }
            if let id = r.objectID { entry["id"] = .string(id) }
            return .object(entry)
        })
        return JSONValue.object(object).serialized()
    }

    static func decode(_ bytes: [UInt8]) throws(BoxAuthError) -> AccessToken {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: bytes, options: JSONParser.Options(maximumDepth: 4, maximumByteCount: maximumSealedByteCount))
        } catch {
            throw BoxAuthError(.tokenStoreInvalid, "a stored token is not the JSON this version writes", cause: .crypto(error))
        }
        guard let value = json["access_token"]?.stringValue, !value.isEmpty,
              let millis = json["expires_at_ms"]?.int64Value, let type = json["token_type"]?.stringValue,
              let restricted = json["restricted_to"]?.arrayValue else {
            throw BoxAuthError(.tokenStoreInvalid, "a stored token lacks a field this version writes")
        }
        var restrictions: [AccessToken.Restriction] = []
        for entry in restricted {
            guard let scope = entry["scope"]?.stringValue else {
                throw BoxAuthError(.tokenStoreInvalid, "a stored token has a restriction without a scope")
            }
            restrictions.append(.init(scope: scope, objectType: entry["type"]?.stringValue, objectID: entry["id"]?.stringValue))
        }
        return AccessToken(value: value, expiresAt: Date(timeIntervalSince1970: Double(millis) / 1000), tokenType: type,
                           issuedTokenType: json["issued_token_type"]?.stringValue, restrictedTo: restrictions)
    }
}
