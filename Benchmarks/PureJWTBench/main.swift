// purejwt-bench entry point: see Harness.swift for the harness and how to add rows.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

let usage = """
usage: purejwt-bench [--tsv] [--quick] [--list] [--iterations N] [FILTER...]

Checks every timed primitive against known vectors, then times each row: trials of at least
200 ms (calibrated iteration counts), 5 trials, median and minimum per operation.

  --tsv     tab-separated output under a header line: key, bytes, iterations, trials,
            median_ns, min_ns (wall clock), mb_per_s, best_mb_per_s (from median_ns and min_ns),
            median_cpu_ns, cpu_mb_per_s (this thread's CPU time, as `openssl speed` measures)
  --quick   5 trials of at least 20 ms: for CI, to run the self-checks and the table fast
  --list    print the row keys and exit
  --iterations N
            no timing: set up each selected row and run its body exactly N times, once, so that
            an instruction counter sees fixed work (Benchmarks/icount.sh runs two counts under
            callgrind and divides the difference); FILTERs are then exact row keys
  FILTER    run only rows whose key contains one of the FILTERs (e.g. sha256, 16KiB)

"""

func fail(_ status: Int32, _ message: String) -> Never {
    writeOut("purejwt-bench: \(message)\n", to: 2)
    exit(status)
}

/// Fixed-point formatting without Foundation.
func format(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = Int((value * scale).rounded())
    let whole = String(scaled / Int(scale))
    guard decimals > 0 else { return whole }
    let fraction = String(scaled % Int(scale))
    return "\(whole).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)"
}

func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return left ? text + fill : fill + text
}

func runBench(_ arguments: [String]) {
    var tsv = false
    var quick = false
    var list = false
    var settings = BenchSettings()
    var filters: [String] = []
    var fixedIterations: Int? = nil
    var pending = arguments[...]
    while let argument = pending.popFirst() {
        switch argument {
        case "--iterations":
            guard let value = pending.popFirst(), let n = Int(value), n >= 0 else {
                fail(2, "--iterations takes a count (see --help)")
            }
            fixedIterations = n
        case "--tsv": tsv = true
        case "--quick": quick = true; settings.trialTargetNs = 20e6
        case "--list": list = true
        case "--help", "-h": writeOut(usage); exit(0)
        default:
            if argument.hasPrefix("-") { fail(2, "unknown option \(argument) (see --help)") }
            filters.append(argument)
        }
    }
    let selected = { (row: BenchRow) in filters.isEmpty || filters.contains { row.key.contains($0) } }
    let rows = benchGroups.flatMap(\.rows).filter(selected)
    if list {
        writeOut(rows.map { $0.key + "\n" }.joined())
        exit(0)
    }
    if rows.isEmpty { fail(2, "no row matches \(filters.joined(separator: " ")) (see --list)") }
    let groups = benchGroups.filter { $0.rows.contains(where: selected) }

    if let fixedIterations {
        // Fixed work for an instruction counter: no self-check, no clock, no output per row.
        // Exact keys here: `sha256.64B` must not also run `hmac-sha256.64B`.
        let exact = benchGroups.flatMap(\.rows).filter { filters.contains($0.key) }
        if filters.isEmpty || exact.count != Set(filters).count {
            fail(2, "--iterations takes one or more exact row keys (see --list)")
        }
        for row in exact { row.prepare()(fixedIterations) }
        if getenv("PUREJWT_BENCH_SINK") != nil { writeOut("sink \(blackHoleSink)\n", to: 2) }
        return
    }

    // Self-checks first: not a single figure is printed if any timed primitive is wrong.
    var failures: [String] = []
    for group in groups {
        for message in group.selfCheck() { failures.append("self-check \(group.name): \(message)") }
    }
    if !failures.isEmpty {
        fail(1, "refusing to time wrong code:\n" + failures.joined(separator: "\n"))
    }

    let keyWidth = max(20, rows.map(\.key.count).max() ?? 0)
    if tsv {
        writeOut(["key", "bytes", "iterations", "trials", "median_ns", "min_ns", "mb_per_s", "best_mb_per_s",
                  "median_cpu_ns", "cpu_mb_per_s"]
            .joined(separator: "\t") + "\n")
    } else {
        let mode = quick ? "QUICK mode (\(settings.trials) trials of >= 20 ms, rough figures)"
            : "\(settings.trials) trials of >= 200 ms per row"
        writeOut("purejwt-bench: self-checks passed; \(mode); MB = 10^6 bytes\n")
        writeOut(pad("key", keyWidth, left: true) + pad("median ns/op", 16) + pad("min ns/op", 16)
            + pad("median MB/s", 14) + pad("best MB/s", 12) + pad("CPU MB/s", 11) + "\n")
    }
    var lowestCPUShare = 1.0
    for row in rows {
        let m = measure(row, settings)
        let mbMedian = m.megabytesPerSecond(m.medianNs).map { format($0, 1) }
        let mbBest = m.megabytesPerSecond(m.minNs).map { format($0, 1) }
        let mbCPU = m.megabytesPerSecond(m.medianCPUNs).map { format($0, 1) }
        lowestCPUShare = min(lowestCPUShare, m.medianCPUNs / m.medianNs)
        if tsv {
            writeOut([row.key, row.bytes.map(String.init) ?? "", String(m.iterations), String(settings.trials),
                      format(m.medianNs, 1), format(m.minNs, 1), mbMedian ?? "", mbBest ?? "",
                      format(m.medianCPUNs, 1), mbCPU ?? ""]
                .joined(separator: "\t") + "\n")
        } else {
            writeOut(pad(row.key, keyWidth, left: true) + pad(format(m.medianNs, 1), 16) + pad(format(m.minNs, 1), 16)
                + pad(mbMedian ?? "-", 14) + pad(mbBest ?? "-", 12) + pad(mbCPU ?? "-", 11) + "\n")
        }
    }
    if !tsv && lowestCPUShare < 0.9 {
        writeOut("note: this process got as little as \(Int(lowestCPUShare * 100))% of a core during a row: the machine "
            + "is busy, wall-clock figures are inflated; CPU MB/s is the figure comparable with `openssl speed`.\n")
    }
    if getenv("PUREJWT_BENCH_SINK") != nil { writeOut("sink \(blackHoleSink)\n", to: 2) }
}

runBench(Array(CommandLine.arguments.dropFirst()))
