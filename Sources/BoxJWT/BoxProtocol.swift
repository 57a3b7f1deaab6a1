// The names and limits of Box's OAuth 2.0 wire protocol that more than one layer relies on: the
// token client, the assertion builder and the local emulator all read them from here, so the
// three can never disagree. Docs/BOX.md says where each comes from.

/// Box's wire constants: endpoints, the assertion audience, grant and token-type URNs, subject
/// types and header names.
public enum BoxProtocol {
    /// The origin of Box's OAuth and API endpoints.
    public static let defaultAuthBaseURL = "https://api.box.com"
    /// The base URL of Box's API as Box's SDKs take it (`baseUrl`): clients add `apiVersionPath`.
    public static let defaultAPIBaseURL = "https://api.box.com"
    /// The API version's path segment, added to the API base URL unless the base ends in it.
    public static let apiVersionPath = "2.0"
    /// The token endpoint, relative to the auth base URL.
    public static let tokenPath = "oauth2/token"
    /// The revocation endpoint, relative to the auth base URL.
    public static let revokePath = "oauth2/revoke"

    /// The `aud` every JWT assertion must carry: Box's token URL, whatever host the request goes
    /// to.
    public static let assertionAudience = "https://api.box.com/oauth2/token"
    /// The longest an assertion may live: Box refuses an `exp` more than 60 seconds ahead.
    public static let maximumAssertionLifetime = 60
    /// The assertion claim that says what `sub` names (`enterprise` or `user`).
    public static let subjectTypeClaim = "box_sub_type"

    /// `grant_type` values of the token endpoint.
    public enum GrantType {
        /// The JWT grant (RFC 7523): a signed assertion for a token.
        public static let jwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer"
        /// The client-credentials grant, with `box_subject_type` and `box_subject_id`.
        public static let clientCredentials = "client_credentials"
        /// Token exchange (RFC 8693): a down-scoped token from another token.
        public static let tokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange"
    }

    /// Token type URNs of token exchange (RFC 8693 §3).
    public enum TokenType {
        /// `subject_token_type` of an access token, and the `issued_token_type` Box answers with.
        public static let accessToken = "urn:ietf:params:oauth:token-type:access_token"
        /// `actor_token_type` of an annotator's JWT.
        public static let idToken = "urn:ietf:params:oauth:token-type:id_token"
    }

    /// The values of `box_sub_type` (assertions) and `box_subject_type` (client credentials).
    public enum SubjectType {
        /// The app's service account, `sub` being the enterprise ID.
        public static let enterprise = "enterprise"
        /// A managed user or app user, `sub` being the user ID.
        public static let user = "user"
    }

    /// The API header that makes a service-account token act as another user.
    public static let asUserHeader = "As-User"
}
