// Box's answer bodies: OAuth errors (`{"error","error_description"}`, texts from BOX.md) and the
// API's error objects.

import BoxAuth
import PureCrypto
import PureKeys

enum BoxResponses {
    static func oauthError(_ status: Int, _ error: String, _ description: String, date: Int64) -> HTTPResponse {
        json(status, ["error": .string(error), "error_description": .string(description)], date: date)
    }

    static func apiError(_ status: Int, code: String, message: String, date: Int64) -> HTTPResponse {
        json(status, ["type": "error", "status": .number(JSONNumber(status)), "code": .string(code), "message": .string(message)], date: date)
    }

    static func json(_ status: Int, _ object: JSONObject, date: Int64, extraHeaders: [HTTPHeader] = []) -> HTTPResponse {
        HTTPResponse(status: status,
                     headers: [HTTPHeader("Content-Type", "application/json"), HTTPHeader("Date", HTTPDate.format(date))] + extraHeaders,
                     body: JSONValue.object(object).serialized())
    }

    // The invalid_grant texts Box sends (see BOX.md).
    static let expTooFar = "Please check the 'exp' claim. The 'exp' value exceeds the maximum value of 60 seconds beyond the issue time."
    static let expPassed = "Current date time must be before the expiration date time listed in the 'exp' claim."
    static let expMissing = "Please check the 'exp' claim."
    static let notBefore = "Current date/time MUST be after or equal to the not-before date/time listed in the 'nbf' or 'iat' claim"
    static let jti = "Please check the 'jti' claim. A unique 'jti' value is required."
    static let sub = "Please check the 'sub' claim. The 'sub' specified is invalid."
    static let ccgInvalid = "Grant credentials are invalid"
    static let userTokensDisabled = "Cannot obtain user token based on the enterprise configuration for your app"
    static let notAuthorized = "This app is not authorized by the enterprise admin"
    static let invalidClient = "The client credentials are invalid."
    static let invalidTarget = "The target resource is invalid."
}
