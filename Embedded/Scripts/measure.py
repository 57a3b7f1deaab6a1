#!/usr/bin/env python3
"""Measures the two box-assertion builds; prints the table of Docs/PORTABILITY.md.

    Embedded/Scripts/measure.py BOX-ASSERTION.wasm BOX-ASSERTION.elf CONFIG.json [RUNS]

Signs `user 1001` assertions with CONFIG.json (an encrypted key makes PBKDF2 part of the cost)
and reads the program's `--memory` report (heap and stack high-water marks; on the Cortex-M4
also the mps2-an386 timer). Under QEMU with `-icount shift=0` each instruction advances virtual
time by exactly 1 ns, so 25 MHz timer ticks x 40 is the instruction count (to within 40), the
same on every run. The wasm time is the CPU time (user + system) and the wall time of `wasmkit
run` (module load included), medians of RUNS runs; on a busy machine the CPU time is the steadier.
"""
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

def report(stderr):
    m = re.search(r"heap_high_water=(\d+).*?stack_high_water=(\d+)(?:.*?timer_ticks_25mhz=(\d+))?", stderr)
    if not m:
        sys.exit(f"measure: no memory report in: {stderr}")
    return int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None

def sections(elf, objdump):
    out = {}
    for line in subprocess.run([objdump, "-h", elf], check=True, capture_output=True, text=True).stdout.splitlines():
        f = line.split()
        if len(f) >= 5 and f[0].isdigit() and f[1].startswith("."):
            out[f[1]] = int(f[2], 16)
    return out

def main():
    wasm, elf, config = sys.argv[1:4]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    objdump = os.path.join(os.path.dirname(shutil.which("swift")), "llvm-objdump")
    config_bytes = open(config, "rb").read()

    times, cpu_times = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        r = subprocess.run(["wasmkit", "run", wasm, "user", "1001", "--memory"], input=config_bytes, capture_output=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_times.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        if r.returncode != 0:
            sys.exit(f"measure: wasm run failed: {r.stderr.decode()}")
    wasm_heap, wasm_stack, _ = report(r.stderr.decode())

    with tempfile.TemporaryDirectory() as folder:
        shutil.copy(config, os.path.join(folder, "config.json"))
        r = subprocess.run(["qemu-system-arm", "-M", "mps2-an386", "-nographic", "-monitor", "none",
                            "-semihosting-config", "enable=on,target=native", "-icount", "shift=0",
                            "-kernel", os.path.abspath(elf), "-append", "user 1001 --memory"],
                           cwd=folder, capture_output=True)
        if r.returncode != 0:
            sys.exit(f"measure: QEMU run failed: {r.stderr.decode()}")
    m4_heap, m4_stack, ticks = report(r.stderr.decode())

    s = sections(elf, objdump)
    flash = sum(s.get(n, 0) for n in (".vectors", ".semihosting", ".got", ".text", ".rodata", ".ARM.exidx", ".data"))
    kib = lambda n: f"{n / 1024:.1f} KiB"
    print("| Figure | wasm32 (WasmKit) | Cortex-M4 (QEMU mps2-an386) | Target |")
    print("|---|---|---|---|")
    print(f"| image | {kib(os.path.getsize(wasm))} module | {kib(flash)} flash: text {kib(s['.text'])}, rodata {kib(s['.rodata'])}, data {kib(s.get('.data', 0))}, other {flash - s['.text'] - s['.rodata'] - s.get('.data', 0)} B | 256 KiB |")
    print(f"| static RAM | — | {kib(s.get('.data', 0) + s.get('.bss', 0))} (.data {s.get('.data', 0)} B + .bss {s.get('.bss', 0)} B) | |")
    print(f"| heap high-water | {kib(wasm_heap)} | {kib(m4_heap)} | |")
    print(f"| stack high-water | {kib(wasm_stack)} | {kib(m4_stack)} (of a {kib(s.get('.stack', 0))} region) | |")
    print(f"| RAM in use (data + bss + heap + stack high-water) | — | {kib(s.get('.data', 0) + s.get('.bss', 0) + m4_heap + m4_stack)} | 64 KiB |")
    print(f"| one assertion | {statistics.median(cpu_times) * 1000:.0f} ms CPU, {statistics.median(times) * 1000:.0f} ms wall (medians of {runs} `wasmkit run`s, module load included) | {ticks * 40 / 1e6:.1f} M instructions (-icount) | |")

main()
