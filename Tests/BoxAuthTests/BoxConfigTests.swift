import TestSupport
import XCTest
import Foundation
@testable import BoxAuth

final class BoxConfigTests: XCTestCase {
    static let vectorDir = Vectors.url("generated/box")

    /// Every config in Vectors/generated/box parses to the values its own JSON holds.
    func testLoadsEveryGeneratedConfig() throws {
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.vectorDir.appendingPathComponent("MANIFEST.json"))) as! [String: Any]
        let files = (manifest["files"] as! [[String: Any]]).map { $0["name"] as! String }.filter { $0.hasSuffix(".json") }
        XCTAssertFalse(files.isEmpty)
        for name in files {
            let url = Self.vectorDir.appendingPathComponent(name)
            let raw = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
            let settings = raw["boxAppSettings"] as! [String: Any]
            let auth = settings["appAuth"] as! [String: Any]
            let config = try BoxConfig(contentsOf: url)
            XCTAssertEqual(config.clientID, settings["clientID"] as? String, name)
            XCTAssertEqual(config.clientSecret, settings["clientSecret"] as? String, name)
            XCTAssertEqual(config.publicKeyID, auth["publicKeyID"] as? String, name)
            XCTAssertEqual(config.privateKeyPEM, auth["privateKey"] as? String, name)
            XCTAssertEqual(config.passphrase, auth["passphrase"] as? String, name)
            XCTAssertEqual(config.enterpriseID, "\(raw["enterpriseID"]!)", name)
            XCTAssertNil(config.userID, name)
            for secret in [config.clientSecret, config.privateKeyPEM, config.passphrase!] {
                XCTAssertFalse("\(config)".contains(secret), "\(name): description shows a secret")
                XCTAssertFalse(String(reflecting: config).contains(secret), "\(name): debugDescription shows a secret")
            }
        }
    }

    private func config(_ mutate: (inout [String: Any]) -> Void) throws -> BoxConfig {
        var root: [String: Any] = [
            "boxAppSettings": ["clientID": "cid", "clientSecret": "csecret",
                               "appAuth": ["publicKeyID": "kid1", "privateKey": "-----BEGIN X-----", "passphrase": "pw"]],
            "enterpriseID": "42",
        ]
        mutate(&root)
        return try BoxConfig(json: JSONSerialization.data(withJSONObject: root))
    }

    func testOptionalUserIDAndNumericIDs() throws {
        let c = try config { $0["userID"] = 777; $0["enterpriseID"] = 42 }
        XCTAssertEqual(c.userID, "777")
        XCTAssertEqual(c.enterpriseID, "42")
        let noEnterprise = try config { $0["enterpriseID"] = nil }
        XCTAssertNil(noEnterprise.enterpriseID)
    }

    func testMissingOrWrongFieldsNameThePath() {
        let cases: [(String, (inout [String: Any]) -> Void)] = [
            ("boxAppSettings", { $0["boxAppSettings"] = nil }),
            ("boxAppSettings.clientID", { r in var s = r["boxAppSettings"] as! [String: Any]; s["clientID"] = nil; r["boxAppSettings"] = s }),
            ("boxAppSettings.clientSecret", { r in var s = r["boxAppSettings"] as! [String: Any]; s["clientSecret"] = ""; r["boxAppSettings"] = s }),
            ("boxAppSettings.appAuth", { r in var s = r["boxAppSettings"] as! [String: Any]; s["appAuth"] = "x"; r["boxAppSettings"] = s }),
            ("boxAppSettings.appAuth.privateKey", { r in
                var s = r["boxAppSettings"] as! [String: Any]; var a = s["appAuth"] as! [String: Any]
                a["privateKey"] = nil; s["appAuth"] = a; r["boxAppSettings"] = s }),
            ("boxAppSettings.appAuth.publicKeyID", { r in
                var s = r["boxAppSettings"] as! [String: Any]; var a = s["appAuth"] as! [String: Any]
                a["publicKeyID"] = true; s["appAuth"] = a; r["boxAppSettings"] = s }),
            ("enterpriseID", { $0["enterpriseID"] = 1.5 }),
            ("userID", { $0["userID"] = ["x"] }),
        ]
        for (path, mutate) in cases {
            XCTAssertThrowsError(try config(mutate), path) { error in
                let e = error as! BoxAuthError
                XCTAssertEqual(e.code, .configInvalid, path)
                XCTAssertTrue(e.reason.contains("'\(path)'"), "\(path): \(e.reason)")
                XCTAssertFalse(e.reason.contains("csecret"), path)
            }
        }
    }

    func testNotJSONAndUnreadableFile() {
        XCTAssertThrowsError(try BoxConfig(json: Data("{".utf8))) { XCTAssertEqual(($0 as! BoxAuthError).code, .configInvalid) }
        XCTAssertThrowsError(try BoxConfig(json: Data("[1]".utf8))) { XCTAssertEqual(($0 as! BoxAuthError).code, .configInvalid) }
        XCTAssertThrowsError(try BoxConfig(contentsOf: URL(fileURLWithPath: "/nonexistent/config.json"))) {
            XCTAssertEqual(($0 as! BoxAuthError).code, .configUnreadable)
        }
    }
}
