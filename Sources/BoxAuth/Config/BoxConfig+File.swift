// Reading `config.json` from a file or `Data`: Foundation conveniences over the Embedded-clean
// parser `BoxConfig(jsonBytes:)`.

import Foundation
import BoxJWT

extension BoxConfig {
    /// Reads and parses a config file (`config_unreadable` when it cannot be read).
    public init(contentsOf url: URL) throws(BoxAuthError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw BoxAuthError(.configUnreadable, "cannot read the Box config file at \(url.path): check the path and its permissions")
        }
        try self.init(jsonBytes: [UInt8](data))
    }

    /// Parses the bytes of a config file (see `init(jsonBytes:)`).
    public init(json data: Data) throws(BoxAuthError) {
        try self.init(jsonBytes: [UInt8](data))
    }
}
