// Claims to and from `Codable` types, through `JSONValueEncoder` and `JSONValueDecoder`. Kept out
// of PureJWT so that signing and verifying need neither Foundation nor Codable (Embedded Swift).

import PureKeys
import PureJWT

extension JWTClaims {
    /// Claims from an `Encodable` value (a struct of custom and registered claims), members in the
    /// order the type encodes them. The value must encode as a JSON object.
    public init(encoding value: some Encodable) throws(JWTError) {
        let json = try JSONValueEncoder().encode(value)
        guard let object = json.objectValue else {
            throw JWTError(.claimsCoding, "claims must encode as a JSON object, not a \(json.typeName)")
        }
        self.init(object)
    }

    /// The claims decoded into a `Decodable` type, strictly (wrong types are errors).
    public func decode<T: Decodable>(as type: T.Type) throws(JWTError) -> T {
        try JSONValueDecoder().decode(type, from: .object(object))
    }
}
