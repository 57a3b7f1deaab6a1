// Measures PureJWT beside its peers in the same run and prints the ratios: RSA and modular
// exponentiation beside swift-crypto's `_RSA.Signing` (BoringSSL) and attaswift/BigInt
// (RSAComparison.swift), JWS beside jwt-kit (JWTComparison.swift), encrypted key loading beside
// swift-crypto (KeyLoadComparison.swift).
//
//   swift build -c release --package-path Benchmarks/Compare
//   Benchmarks/Compare/.build/release/Compare [ROW...]        # rows whose name contains a ROW
//   Benchmarks/Compare/.build/release/Compare --list
//   Benchmarks/Compare/.build/release/Compare --run ours|theirs --iterations N ROW
//
// `--run` times nothing: it sets up the row's group (including its cross-check) and makes exactly
// N calls of one side, for an instruction counter (Benchmarks/icount.sh runs two counts under
// callgrind and divides the difference, so set-up cancels).
import BigInt
import Crypto
import Foundation
@_spi(Hazmat) import PureCrypto
import PureKeys
import _CryptoExtras

let vectors = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Vectors")

func hex(_ s: String) -> [UInt8] {
    let s = s.count % 2 == 1 ? "0" + s : s
    var out = [UInt8]()
    var i = s.startIndex
    while i < s.endIndex {
        let j = s.index(i, offsetBy: 2)
        out.append(UInt8(s[i..<j], radix: 16)!)
        i = j
    }
    return out
}

/// CPU time of this thread in nanoseconds: on a shared machine, wall time mostly measures the
/// neighbours; both sides are single-threaded, so thread CPU time compares them fairly.
func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// One side of a comparison: `run(n)` makes `n` calls, and `clock` is the CPU clock that sees
/// their work (this thread's for synchronous code; the process's for async code, which runs on the
/// concurrency pool's threads).
struct Side {
    let clock: () -> UInt64
    let run: (Int) throws -> Void

    static func sync(_ body: @escaping () throws -> Void) -> Side {
        Side(clock: now, run: { n in for _ in 0..<n { try body() } })
    }

    func nanosecondsPerCall(_ n: Int) throws -> Double {
        let start = clock()
        try run(n)
        return Double(clock() - start) / Double(n)
    }

    /// Calls per trial so that a trial takes at least 60 ms.
    func calibrated() throws -> Int {
        var n = 1
        while true {
            let start = clock()
            try run(n)
            let elapsed = clock() - start
            if elapsed > 60_000_000 { return n }
            n *= elapsed < 10_000_000 ? 10 : 2
        }
    }
}

/// One comparison: the same work done by PureJWT (`ours`) and by a peer (`theirs`).
struct Row {
    let name: String
    let peer: String
    let ours: Side
    let theirs: Side
}

/// Rows under one title. Each row's `build` does its set-up (keys, inputs, the cross-check that
/// both sides agree) only when the row is selected; rows that share a set-up share a lazy global.
struct RowGroup: Sendable {
    let title: String
    let rows: [(name: String, build: @Sendable () throws -> Row)]
    var names: [String] { rows.map(\.name) }
}

/// Times both sides in alternating trials (ours, theirs, ours, …; 15 rounds of at least 60 ms
/// each) and prints the medians and the median of the per-round ratios. This machine's speed
/// drifts by tens of percent over seconds (a shared host); pairing the trials cancels most of the
/// drift, which two separately measured medians do not.
func compare(_ row: Row) throws {
    let ours = row.ours, theirs = row.theirs
    let ourCalls = try ours.calibrated(), theirCalls = try theirs.calibrated()
    var ourTimes: [Double] = [], theirTimes: [Double] = [], ratios: [Double] = []
    for _ in 0..<15 {
        let a = try ours.nanosecondsPerCall(ourCalls), b = try theirs.nanosecondsPerCall(theirCalls)
        ourTimes.append(a); theirTimes.append(b); ratios.append(a / b)
    }
    func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    func f(_ ns: Double) -> String { String(format: "%10.1f µs", ns / 1000) }
    let sorted = ratios.sorted()
    let who = row.peer.padding(toLength: 12, withPad: " ", startingAt: 0)
    print("\(row.name.padding(toLength: 22, withPad: " ", startingAt: 0)) ours \(f(median(ourTimes)))   \(who) \(f(median(theirTimes)))   ratio \(String(format: "%.2f", median(ratios)))× (rounds \(String(format: "%.2f", sorted.first!))–\(String(format: "%.2f", sorted.last!)))")
}

let groups = [rsaGroup, jwtGroup, keyLoadGroup]

func usage() -> Never {
    print("usage: Compare [ROW...] | --list | --run ours|theirs --iterations N ROW")
    exit(2)
}

var arguments = CommandLine.arguments.dropFirst()
var side: String? = nil, iterations: Int? = nil, filters: [String] = []
while let argument = arguments.popFirst() {
    switch argument {
    case "--list":
        for group in groups { for name in group.names { print(name) } }
        exit(0)
    case "--run":
        guard let value = arguments.popFirst(), value == "ours" || value == "theirs" else { usage() }
        side = value
    case "--iterations":
        guard let value = arguments.popFirst(), let n = Int(value), n >= 0 else { usage() }
        iterations = n
    default:
        if argument.hasPrefix("-") { usage() }
        filters.append(argument)
    }
}

if let side {
    // Fixed work for an instruction counter: exactly one row, named exactly.
    guard let iterations, filters.count == 1,
          let spec = groups.lazy.flatMap(\.rows).first(where: { $0.name == filters[0] }) else { usage() }
    let row = try spec.build()
    try (side == "ours" ? row.ours : row.theirs).run(iterations)
    exit(0)
}
if iterations != nil { usage() }

let selected = { (name: String) in filters.isEmpty || filters.contains { name.contains($0) } }
for group in groups where group.names.contains(where: selected) {
    print(group.title)
    for spec in group.rows where selected(spec.name) { try compare(spec.build()) }
}
