// Finding and reading the repository's test vectors. Every test target, the benchmark's
// self-checks, the fuzzer's fixed keys and ct-check read Vectors/ through this one type.

import Foundation

/// The repository's root folder, found from this file's path (`Tests/TestSupport/Vectors.swift`).
package enum Repository {
    package static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The URL of a file given by its path under the repository root.
    package static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// A file of the repository as UTF-8 text.
    package static func text(_ relativePath: String) throws -> String {
        do {
            return try String(contentsOf: url(relativePath), encoding: .utf8)
        } catch {
            throw VectorError("cannot read \(relativePath): \(error)")
        }
    }
}

/// The repository's `Vectors/` folder (third-party and generated vectors with their manifests;
/// Vectors/README.md says where each file comes from). One loader per vector format lives next
/// to the tests that use it; this type only finds and reads files.
package enum Vectors {
    /// `Vectors/` under the repository root.
    package static let root: URL = Repository.url("Vectors")

    /// The URL of a file given by its path under `Vectors/`.
    package static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// The file's bytes, as `Data`.
    package static func data(_ relativePath: String) throws -> Data {
        do {
            return try Data(contentsOf: url(relativePath))
        } catch {
            throw VectorError("cannot read Vectors/\(relativePath): \(error)")
        }
    }

    /// The file's bytes.
    package static func bytes(_ relativePath: String) throws -> [UInt8] { [UInt8](try data(relativePath)) }

    /// The file as UTF-8 text.
    package static func text(_ relativePath: String) throws -> String {
        guard let s = String(data: try data(relativePath), encoding: .utf8) else {
            throw VectorError("Vectors/\(relativePath) is not UTF-8")
        }
        return s
    }

    /// A JSON vector file decoded with `Codable` (Foundation's decoder: an oracle independent of
    /// the library's own JSON).
    package static func json<T: Decodable>(_ type: T.Type, _ relativePath: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: try data(relativePath))
        } catch {
            throw VectorError("Vectors/\(relativePath): cannot decode as \(T.self): \(error)")
        }
    }

    /// A JSON vector file parsed by Foundation (`[String: Any]`, arrays, numbers, strings), for
    /// loosely structured files.
    package static func jsonObject(_ relativePath: String) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: try data(relativePath))
        } catch let error as VectorError {
            throw error
        } catch {
            throw VectorError("Vectors/\(relativePath) is not JSON: \(error)")
        }
    }

    /// A JSON vector file whose top level is an object.
    package static func object(_ relativePath: String) throws -> [String: Any] {
        guard let object = try jsonObject(relativePath) as? [String: Any] else {
            throw VectorError("Vectors/\(relativePath) is not a JSON object")
        }
        return object
    }
}

/// A vector file that cannot be read or is not what its loader expects.
package struct VectorError: Error, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}
