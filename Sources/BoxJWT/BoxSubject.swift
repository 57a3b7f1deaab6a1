// Who a Box token acts for.

/// The subject of a token request: the app's service account (the enterprise) or one user
/// (a managed user or an app user).
public enum BoxSubject: Sendable, Hashable, CustomStringConvertible {
    /// The service account, `box_sub_type: enterprise` / `box_subject_type=enterprise`.
    case enterprise(String)
    /// A user: `box_sub_type: user` / `box_subject_type=user`. This is an "as-user" token.
    case user(String)

    /// `enterprise` or `user`, as Box spells it.
    public var typeName: String {
        switch self {
        case .enterprise: return BoxProtocol.SubjectType.enterprise
        case .user: return BoxProtocol.SubjectType.user
        }
    }

    /// The enterprise or user ID, the assertion's `sub`.
    public var id: String {
        switch self {
        case .enterprise(let id), .user(let id): return id
        }
    }

    public var description: String { "\(typeName) \(id)" }
}
