// libFuzzer entry point for every parser that takes untrusted bytes. One executable, one target
// per run, chosen by the environment variable PUREJWT_FUZZ_TARGET (see `FuzzTarget`), so the
// package has a single fuzz product and one sanitized build serves all targets.
//
// Build and run (see Docs/SECURITY.md; `Fuzz/run.sh` does both for every target):
//   swift build -c release --scratch-path .build-fuzz --product purejwt-fuzz \
//       --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
//   PUREJWT_FUZZ_TARGET=jws SWIFT_BACKTRACE=enable=no .build-fuzz/release/purejwt-fuzz corpus/jws
//
// Built without the sanitizer flags (a plain `swift build`) this file has no top-level code,
// so the executable does nothing; the fuzz entry point is only called by libFuzzer.

/// Called by libFuzzer once, before the first input: picks the target and builds its fixed
/// state now (its one-time allocations are exempt from leak reports: Fuzz/lsan.supp).
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    FuzzTarget.selected.prepare()
    return 0
}

/// Called by libFuzzer once per input. Every input must return normally: a crash, a trap
/// (overflow, out-of-bounds, failed precondition), a leak or a hang is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzTarget.selected.run(bytes)
    return 0
}
