#!/usr/bin/env python3
"""Fails when a C-runtime function in a linked image can reach itself through calls.

LLVM turns byte loops into calls to memcpy/memset; inside memcpy or memset that is endless
recursion. Embedded/Sources/EmbeddedRuntime/MemoryFunctions.swift prevents it with volatile
stores; this check proves it on the image: it disassembles the ELF (Arm) or wasm module, builds
the call graph (direct calls and branches; wasm `call` by function index) and looks for a cycle
through any of the functions below.

    check-runtime-calls.py IMAGE [OBJDUMP]
"""
import re
import subprocess
import sys

RUNTIME = {
    "memcpy", "memmove", "memset", "memcmp", "posix_memalign", "free", "putchar",
    "__aeabi_memcpy", "__aeabi_memcpy4", "__aeabi_memcpy8",
    "__aeabi_memmove", "__aeabi_memmove4", "__aeabi_memmove8",
    "__aeabi_memset", "__aeabi_memset4", "__aeabi_memset8",
    "__aeabi_memclr", "__aeabi_memclr4", "__aeabi_memclr8",
    "__aeabi_uldivmod", "__multi3", "__aeabi_llsl", "__aeabi_llsr", "__aeabi_lasr",
    "__aeabi_dmul", "__aeabi_ddiv", "__aeabi_i2d", "__aeabi_ui2d", "__aeabi_d2iz",
    "__aeabi_dcmpeq", "__aeabi_dcmplt", "__aeabi_dcmple", "__aeabi_dcmpgt", "__aeabi_dcmpge",
    "__aeabi_dcmpun", "ceil",
}

def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout

def main():
    image = sys.argv[1]
    objdump = sys.argv[2] if len(sys.argv) > 2 else "llvm-objdump"
    disassembly = run(objdump, "-d", "--no-show-raw-insn", image)
    is_wasm = "file format wasm" in disassembly
    functions_by_index = []
    if is_wasm:
        for line in run(objdump, "-t", image).splitlines():
            # Functions in index order, imports first: "ADDR [l] F SECTION SIZE NAME".
            if " F " in line:
                functions_by_index.append(line.split()[-1])
    calls = {}
    current = None
    header = re.compile(r"^[0-9a-f]+ <(.+)>:$")
    arm_target = re.compile(r"\s(?:bl|blx|b|b\.w)(?:\.w)?\s.*<([^>+]+)(\+0x[0-9a-f]+)?>")
    wasm_call = re.compile(r"\bcall\s+(\d+)\b")
    for line in disassembly.splitlines():
        m = header.match(line)
        if m:
            current = m.group(1)
            calls.setdefault(current, set())
            continue
        if current is None:
            continue
        if is_wasm:
            c = wasm_call.search(line)
            if c and int(c.group(1)) < len(functions_by_index):
                calls[current].add(functions_by_index[int(c.group(1))])
        else:
            c = arm_target.search(line)
            # A branch into the function's own body (an offset) is a loop, not a call.
            if c and not (c.group(1) == current and c.group(2)):
                calls[current].add(c.group(1))
    failures = []
    checked = sorted(name for name in calls if name in RUNTIME)
    for root in checked:
        # Depth-first search keeping the path, so a failure shows the whole cycle.
        seen, stack = set(), [(name, [root, name]) for name in calls.get(root, ())]
        while stack:
            name, path = stack.pop()
            if name == root:
                failures.append(" -> ".join(path))
                break
            if name in seen:
                continue
            seen.add(name)
            stack.extend((callee, path + [callee]) for callee in calls.get(name, ()))
    if failures:
        print("check-runtime-calls: these functions can call themselves:", file=sys.stderr)
        for cycle in failures:
            print("  " + cycle, file=sys.stderr)
        sys.exit(1)
    print(f"check-runtime-calls: {len(checked)} runtime functions in {image.split('/')[-1]}, none reaches itself ({', '.join(checked) or 'none linked'})")

main()
