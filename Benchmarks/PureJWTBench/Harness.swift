// purejwt-bench: the benchmark harness.
//
// HOW TO ADD ROWS (other teams: read this, then touch only your own file and one registry line)
//
// 1. Write `Benchmarks/PureJWTBench/<Topic>Rows.swift` declaring a `BenchGroup`:
//
//        enum RSARows {
//            static let group = BenchGroup(
//                name: "RSA",
//                selfCheck: { () -> [String] in
//                    // Run the primitives you time on KNOWN vectors (published ones, written out
//                    // here, never outputs of our own code). Return one message per mismatch.
//                    var failures: [String] = []
//                    expectBytes(someResult, hex: "…published…", "RSA-2048 PKCS#1 v1.5 sign, RFC xxxx", &failures)
//                    return failures
//                },
//                rows: [
//                    BenchRow(key: "rsa2048.sign", bytes: nil) {
//                        // Setup here (keys, buffers) is not timed. Return the timed body,
//                        // which runs the operation `iterations` times.
//                        let key = …
//                        var message = SecureRandom.bytes(count: 32)
//                        return { iterations in
//                            for _ in 0..<iterations {
//                                let signature = key.sign(message)
//                                message[0] ^= signature[0]   // chain: iteration i depends on i-1
//                                blackHole(signature)
//                            }
//                        }
//                    },
//                ])
//        }
//
// 2. Add `RSARows.group,` to `benchGroups` in `Registry.swift`.
//
// Rules for rows:
// - `key` is `<operation>.<size or variant>`, lower case, stable (CI and scripts filter on it).
// - `bytes` is the payload size of one operation when MB/s makes sense (hashing), else nil.
// - Feed every result to `blackHole` AND make each iteration depend on the previous one (XOR a
//   result byte into the input): otherwise the optimizer may hoist or delete the work.
// - A group's `selfCheck` runs before any row of the group is timed; if it reports anything,
//   the harness prints the messages and exits with status 1 without printing a single figure.
//
// What the harness does: parses `[--tsv] [--quick] [--list] [FILTER...]` (a row runs when its
// key contains any FILTER), runs the self-checks of every group with a selected row, then for
// each row calibrates an iteration count so one trial lasts at least 200 ms (20 ms with
// `--quick`), runs 5 trials (each re-run with more iterations if it came in under the target),
// and reports the median and the minimum time per operation, measured with `ContinuousClock`
// (monotonic), plus the median of the thread's CPU time per operation (`CLOCK_THREAD_CPUTIME_ID`),
// which stays comparable with `openssl speed` when the machine is shared.

import PureCrypto

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One timed operation.
struct BenchRow: Sendable {
    /// Stable identifier, e.g. `sha256.16KiB`.
    let key: String
    /// Bytes processed by one operation, for the MB/s column; nil when throughput is meaningless.
    let bytes: Int?
    /// Untimed setup; returns the timed body, which performs the operation `iterations` times.
    let prepare: @Sendable () -> (_ iterations: Int) -> Void

    init(key: String, bytes: Int?, prepare: @escaping @Sendable () -> (_ iterations: Int) -> Void) {
        self.key = key
        self.bytes = bytes
        self.prepare = prepare
    }
}

/// Rows that share one self-check (typically: one primitive at several sizes).
struct BenchGroup: Sendable {
    let name: String
    /// Checks the timed primitives against known vectors; returns failure messages (empty: OK).
    let selfCheck: @Sendable () -> [String]
    let rows: [BenchRow]
}

// MARK: - Black hole

/// Everything given to `blackHole` is folded in here; it is printed when the environment has
/// `PUREJWT_BENCH_SINK` set, so the compiler must assume the work it depends on is observable.
nonisolated(unsafe) var blackHoleSink: UInt64 = 0

/// Consumes a result so the optimizer cannot delete the work that produced it.
@inline(never)
func blackHole(_ bytes: [UInt8]) {
    blackHoleSink = blackHoleSink &* 31 &+ UInt64(bytes.first ?? 0) &+ UInt64(bytes.count)
}

/// Consumes a result so the optimizer cannot delete the work that produced it.
@inline(never)
func blackHole(_ value: UInt64) {
    blackHoleSink = blackHoleSink &* 31 &+ value
}

/// Consumes a result so the optimizer cannot delete the work that produced it.
@inline(never)
func blackHole(_ value: Bool) {
    blackHoleSink = blackHoleSink &* 31 &+ (value ? 1 : 2)
}

// MARK: - Output

/// Writes `text` to a file descriptor at once (unbuffered, so each row shows as it is measured).
func writeOut(_ text: String, to fd: Int32 = 1) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if n <= 0 { return }
        offset += n
    }
    bytes.removeAll()
}

// MARK: - Self-check helpers

/// Appends a message to `failures` unless `got` equals the bytes of `hex` (a published value).
func expectBytes(_ got: [UInt8], hex: String, _ what: String, _ failures: inout [String]) {
    let expected: [UInt8]
    do {
        expected = try Hex.decode(hex)
    } catch {
        failures.append("\(what): the expected value in the harness is not hex (\(error.reason))")
        return
    }
    if got != expected {
        failures.append("\(what): got \(Hex.encode(got)), expected \(hex.lowercased())")
    }
}

/// Appends a message to `failures` unless `condition` holds.
func expect(_ condition: Bool, _ what: String, _ failures: inout [String]) {
    if !condition { failures.append(what) }
}

// MARK: - Measurement

struct Measurement {
    let row: BenchRow
    let iterations: Int
    /// Wall-clock (monotonic) nanoseconds per operation, one entry per trial, sorted ascending.
    let perOperationNs: [Double]
    /// CPU time of this thread in nanoseconds per operation, one entry per trial, sorted.
    let perOperationCPUNs: [Double]

    var medianNs: Double { median(perOperationNs) }
    var minNs: Double { perOperationNs[0] }
    var medianCPUNs: Double { median(perOperationCPUNs) }
    /// Decimal megabytes (10^6 bytes) per second, as `openssl speed` counts.
    func megabytesPerSecond(_ ns: Double) -> Double? { row.bytes.map { Double($0) / ns * 1e3 } }
}

func median(_ sorted: [Double]) -> Double {
    let n = sorted.count
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
}

struct BenchSettings {
    var trialTargetNs: Double = 200e6
    var trials = 5
}

func nanoseconds(_ d: Duration) -> Double {
    let (seconds, attoseconds) = d.components
    return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
}

/// CPU time consumed by the calling thread, in nanoseconds. On a machine shared with other
/// work the wall clock also counts time the thread waited for a core; CPU time does not (and is
/// what `openssl speed` divides by, unless given `-elapsed`).
func threadCPUNanoseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e9 + Double(ts.tv_nsec)
}

/// Calibrates and times one row.
func measure(_ row: BenchRow, _ settings: BenchSettings) -> Measurement {
    let body = row.prepare()
    let clock = ContinuousClock()
    func time(_ iterations: Int) -> (wall: Double, cpu: Double) {
        let cpuStart = threadCPUNanoseconds()
        let wall = nanoseconds(clock.measure { body(iterations) })
        return (wall, threadCPUNanoseconds() - cpuStart)
    }

    // Calibration (doubles as warm-up): grow the count until one run reaches the target.
    var iterations = 1
    while true {
        let elapsed = time(iterations).wall
        if elapsed >= settings.trialTargetNs { break }
        iterations = nextCount(iterations, elapsed, settings.trialTargetNs)
    }
    var wallSamples: [Double] = []
    var cpuSamples: [Double] = []
    while wallSamples.count < settings.trials {
        let (wall, cpu) = time(iterations)
        if wall < settings.trialTargetNs {
            // The machine got faster (turbo, less contention): redo with more iterations so
            // every recorded trial lasts at least the target.
            iterations = nextCount(iterations, wall, settings.trialTargetNs)
            continue
        }
        wallSamples.append(wall / Double(iterations))
        cpuSamples.append(cpu / Double(iterations))
    }
    return Measurement(row: row, iterations: iterations, perOperationNs: wallSamples.sorted(),
                       perOperationCPUNs: cpuSamples.sorted())
}

private func nextCount(_ iterations: Int, _ elapsed: Double, _ target: Double) -> Int {
    if elapsed < target / 100 { return iterations * 10 }
    return max(iterations + 1, Int((Double(iterations) * target / elapsed * 1.1).rounded(.up)))
}
