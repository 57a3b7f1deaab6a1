import XCTest
import Foundation
import PureCrypto
@testable import PureJWT

enum JWTVectors {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Vectors")

    static func object(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent(path))) as! [String: Any]
    }

    /// Hex to bytes; an odd number of digits is read as a number (a leading zero is implied),
    /// as key_numbers.json writes its integers.
    static func hex(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        var it = (s.utf8.count % 2 == 1 ? "0" + s : s).utf8.makeIterator()
        func v(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : (c | 0x20) - 87 }
        while let a = it.next(), let b = it.next() { out.append(v(a) << 4 | v(b)) }
        return out
    }
}
