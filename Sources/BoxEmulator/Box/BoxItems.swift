// Folders and files as Box's API writes them: mini objects in listings, full objects from
// /folders/ID and /files/ID, and offset-paged collections (`total_count`, `entries`, `offset`,
// `limit`), the shape Box's SDKs read into their `Items` type.

import BoxAuth
import PureCrypto
import PureKeys

enum BoxItems {
    /// Box's default and largest page sizes for folder items.
    static let defaultLimit = 100
    static let maxLimit = 1000

    /// `offset` and `limit` from a query. Box clamps `limit` to 1...1000 and refuses a value
    /// that is not a non-negative integer.
    struct Page {
        var offset = 0
        var limit = BoxItems.defaultLimit

        init() {}

        static func parse(query: String?) -> Result<Page, BoxEmulator.APIFailure> {
            var page = Page()
            guard let query, !query.isEmpty else { return .success(page) }
            guard let fields = FormEncoding.decode(Array(query.utf8)) else {
                return .failure(.badRequest("The query string is not valid."))
            }
            for (name, value) in fields where name == "offset" || name == "limit" {
                guard value.utf8.count <= 9, !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(value) else {
                    return .failure(.badRequest("Invalid value '\(Echo.escaped(value, maxBytes: 32))' for query parameter '\(name)'."))
                }
                if name == "offset" { page.offset = n } else { page.limit = min(max(n, 1), BoxItems.maxLimit) }
            }
            return .success(page)
        }
    }

    /// The items directly inside folder `ref` of `user`'s tree (only folder "0" holds any).
    static func children(_ ref: ItemRef, of user: EmulatedUser) -> [EmulatedItem] {
        ref == .root ? user.rootItems : []
    }

    /// `{"total_count","entries","offset","limit"}` for one page of `items`.
    static func collection(_ items: [EmulatedItem], _ page: Page) -> JSONObject {
        let start = min(page.offset, items.count)
        let entries = items[start..<min(items.count, start + page.limit)].map { JSONValue.object(mini($0)) }
        return ["total_count": .number(JSONNumber(items.count)), "entries": .array(entries),
                "offset": .number(JSONNumber(page.offset)), "limit": .number(JSONNumber(page.limit))]
    }

    /// The mini form: what a listing, a `parent` or a `path_collection` holds. Folder "0" has
    /// no `sequence_id` or `etag` (null), as at Box.
    static func mini(_ item: EmulatedItem) -> JSONObject {
        let isRoot = item.ref == .root
        return ["type": .string(item.kind.rawValue), "id": .string(item.id),
                "sequence_id": isRoot ? .null : .string("0"), "etag": isRoot ? .null : .string("0"), "name": .string(item.name)]
    }

    /// The full form of an item `user` reaches (checked by the caller).
    static func full(_ ref: ItemRef, of user: EmulatedUser) -> JSONObject {
        let item = user.item(ref) ?? EmulatedItem(ref.kind, id: ref.id, name: "")
        let root = user.item(.root).map(mini) ?? [:]
        let path: [JSONValue] = ref == .root ? [] : [.object(root)]
        var object = mini(item)
        object["path_collection"] = ["total_count": .number(JSONNumber(path.count)), "entries": .array(path)]
        object["parent"] = ref == .root ? .null : .object(root)
        object["owned_by"] = .object(BoxEmulator.userJSON(user))
        object["item_status"] = .string("active")
        if ref.kind == .folder {
            object["item_collection"] = .object(collection(children(ref, of: user), Page()))
        } else {
            object["size"] = .number(JSONNumber(0))
        }
        return object
    }
}
