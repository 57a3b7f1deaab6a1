#!/usr/bin/env python3
"""Prints an Embedded image's size against the targets of Docs/PORTABILITY.md.

    image-size.py IMAGE [OBJDUMP]

wasm module: its file size (the module is what ships). Cortex-M4 ELF: flash = every section
loaded from flash (vectors, code, read-only data, .data's initial values); static RAM = .data +
.bss + the stack region (the heap arena is the rest of RAM; its high-water mark comes from the
program's `--memory` report).
"""
import os
import subprocess
import sys

KIB = 1024
FLASH_TARGET = 256 * KIB
RAM_TARGET = 64 * KIB
WASM_TARGET = 256 * KIB

def against(size, target):
    if size <= target:
        return f"{size} bytes ({size / KIB:.1f} KiB), within the {target // KIB} KiB target"
    return f"{size} bytes ({size / KIB:.1f} KiB), OVER the {target // KIB} KiB target by {size - target} bytes ({(size - target) / KIB:.1f} KiB)"

def main():
    image = sys.argv[1]
    objdump = sys.argv[2] if len(sys.argv) > 2 else "llvm-objdump"
    name = os.path.basename(image)
    if image.endswith(".wasm"):
        print(f"image-size: {name}: {against(os.path.getsize(image), WASM_TARGET)}")
        return
    flash = ram = 0
    parts = {}
    for line in subprocess.run([objdump, "-h", image], check=True, capture_output=True, text=True).stdout.splitlines():
        fields = line.split()
        # "Idx Name Size VMA LMA Type"
        if len(fields) < 5 or not fields[0].isdigit() or not fields[1].startswith("."):
            continue
        section, size, vma = fields[1], int(fields[2], 16), int(fields[3], 16)
        if size == 0 or section.startswith((".debug", ".comment", ".symtab", ".strtab", ".shstrtab", ".ARM.attributes", ".heap")):
            continue
        parts[section] = size
        if vma < 0x2000_0000 or section == ".data":
            flash += size
        if vma >= 0x2000_0000:
            ram += size
    detail = ", ".join(f"{s} {n}" for s, n in parts.items())
    print(f"image-size: {name}: flash {against(flash, FLASH_TARGET)}")
    print(f"image-size: {name}: static RAM (stack region, .data, .bss) {ram} bytes of {RAM_TARGET}; the heap arena has the other {RAM_TARGET - ram}")
    print(f"image-size: {name}: sections: {detail}")

main()
