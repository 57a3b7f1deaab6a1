import XCTest
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import BoxAuth
@testable import BoxEmulator

/// The server over real loopback sockets, driven by URLSession and by raw sockets.
final class HTTPServerTests: XCTestCase {
    private func makeServer(_ handler: @escaping HTTPServer.Handler) throws -> (HTTPServer, URL) {
        let server = HTTPServer(handler: handler)
        let port = try server.start()
        addTeardownBlock { server.stop() }
        return (server, URL(string: "http://127.0.0.1:\(port)")!)
    }

    private static func fetch(_ request: URLRequest, session: URLSession = .shared) async throws -> (Data, HTTPURLResponse) {
        let (data, response) = try await session.data(for: request)
        return (data, response as! HTTPURLResponse)
    }

    func testEchoesMethodPathAndBodyOverKeepAlive() async throws {
        let (_, base) = try makeServer { req in
            .respond(.json(200, #"{"m":"\#(req.method)","p":"\#(req.path)","n":\#(req.body.count)}"#))
        }
        for i in 0..<5 {
            var req = URLRequest(url: base.appendingPathComponent("oauth2/token"))
            req.httpMethod = "POST"
            req.httpBody = Data(repeating: 65, count: i * 1000)
            let (data, resp) = try await Self.fetch(req)
            XCTAssertEqual(resp.statusCode, 200)
            XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"m":"POST","p":"/oauth2/token","n":\#(i * 1000)}"#)
        }
    }

    func testDroppedConnectionSurfacesAsAClientError() async throws {
        let (_, base) = try makeServer { _ in .dropConnection }
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = 5
        let session = URLSession(configuration: config)
        do {
            _ = try await Self.fetch(URLRequest(url: base), session: session)
            XCTFail("a dropped connection must not produce a response")
        } catch {
            XCTAssertTrue(error is URLError, "got \(error)")
        }
    }

    func testDelayedResponseArrivesAfterTheDelay() async throws {
        let (_, base) = try makeServer { _ in .respondAfter(milliseconds: 300, .json(200, "{}")) }
        let start = ContinuousClock.now
        let (_, resp) = try await Self.fetch(URLRequest(url: base))
        XCTAssertEqual(resp.statusCode, 200)
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - start, .milliseconds(250))
    }

    func testMalformedRequestGetsAnErrorResponseAndClose() throws {
        let (server, _) = try makeServer { _ in .respond(.json(200, "{}")) }
        let reply = try rawExchange(port: server.port, Array("GET / HTTP/9.9\r\n\r\n".utf8))
        XCTAssertTrue(reply.hasPrefix("HTTP/1.1 505 "), reply)
        XCTAssertTrue(reply.contains("Connection: close"), reply)
    }

    func testManyConcurrentClients() async throws {
        let (_, base) = try makeServer { req in .respond(.json(200, #"{"q":"\#(req.query ?? "")"}"#)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<200 {
                group.addTask {
                    var comps = URLComponents(url: base, resolvingAgainstBaseURL: false)!
                    comps.path = "/2.0/users/me"
                    comps.query = "i=\(i)"
                    let (data, resp) = try await HTTPServerTests.fetch(URLRequest(url: comps.url!))
                    XCTAssertEqual(resp.statusCode, 200)
                    XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"q":"i=\#(i)"}"#)
                }
            }
            try await group.waitForAll()
        }
    }

    func testStopClosesTheListener() throws {
        let server = HTTPServer { _ in .respond(.json(200, "{}")) }
        let port = try server.start()
        server.stop()
        XCTAssertThrowsError(try rawExchange(port: port, Array("GET / HTTP/1.1\r\n\r\n".utf8)))
    }

    /// Sends bytes on a fresh TCP connection and reads until the server closes it.
    private func rawExchange(port: UInt16, _ bytes: [UInt8]) throws -> String {
        let fd = LoopbackSocket.connect(port)
        guard fd >= 0 else { throw VectorlessError.connectFailed }
        defer { close(fd) }
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            out += buf[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    private enum VectorlessError: Error { case connectFailed }
}

/// Finding 14: the server caps the connections it serves at once (a thread each); the rest wait
/// in the listen backlog and are served as slots free up.
final class HTTPServerConnectionCapTests: XCTestCase {
    func testConnectionsAreCapped() throws {
        let server = HTTPServer(readTimeoutSeconds: 30, maxConnections: 3) { _ in .respond(.json(200, "{}")) }
        let port = try server.start()
        addTeardownBlock { server.stop() }
        let idle = (0..<6).map { _ in LoopbackSocket.connect(port) }
        XCTAssertFalse(idle.contains(-1))
        // Wait (bounded) until the server has taken all it may.
        for _ in 0..<500 where server.peakConnections < 3 { usleep(10_000) }
        usleep(100_000)
        XCTAssertEqual(server.peakConnections, 3, "idle connections beyond the cap were accepted")
        for fd in idle { close(fd) }
        // The backlog drains as slots free up, and new requests are served.
        XCTAssertEqual(LoopbackSocket.get(port), "HTTP/1.1 200 OK")
        XCTAssertEqual(server.peakConnections, 3)
    }
}
