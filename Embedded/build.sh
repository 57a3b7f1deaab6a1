#!/usr/bin/env bash
# Builds an Embedded Swift program for a bare target; the artifact's path is the last line printed.
#
#   Embedded/build.sh wasm32|armv7em [--program box-assertion|embedded-check] [--debug]
#
#   wasm32   PROGRAM.wasm, a WASI preview 1 module:     wasmkit run PROGRAM.wasm ARGS < INPUT
#   armv7em  PROGRAM.elf, a Cortex-M4 image for QEMU's mps2-an386 board (Arm semihosting)
#
# SwiftPM compiles the modules of Embedded/Package.swift for the target; this script links them
# with the toolchain's own linkers (wasm-ld, ld.lld) and nothing else: no C library, no crt0.
# Then it checks that no C-runtime function in the image calls itself. See Docs/PORTABILITY.md.
set -euo pipefail
cd "$(dirname "$0")"

usage() { echo "usage: Embedded/build.sh wasm32|armv7em [--program box-assertion|embedded-check] [--debug]" >&2; exit 2; }

target="${1:-}"
[ $# -gt 0 ] && shift
program="box-assertion"
configuration="release"
while [ $# -gt 0 ]; do
    case "$1" in
        --program) [ $# -ge 2 ] || usage; program="$2"; shift 2 ;;
        --debug) configuration="debug"; shift ;;
        *) usage ;;
    esac
done

case "$target" in
    wasm32) triple="wasm32-unknown-none-wasm" ;;
    armv7em) triple="armv7em-none-none-eabi" ;;
    *) usage ;;
esac

# The program's module first, then every module it needs (the link fails if one is missing).
case "$program" in
    box-assertion) modules="BoxAssertionProgram EmbeddedRuntime BoxJWT PureJWT PureKeys PureCrypto" ;;
    embedded-check) modules="EmbeddedCheck EmbeddedRuntime PureCrypto" ;;
    *) usage ;;
esac
main_module="${modules%% *}"
# The Cortex-M4 start-up module is linked in, never imported.
[ "$target" = armv7em ] && modules="$modules EmbeddedStartup"

# -Osize: the targets are 256 KiB of flash and of wasm (Docs/PORTABILITY.md). -function-sections:
# every function in its own section, so the link keeps only what the program reaches.
# -disable-stack-protector: the canary and its failure handler are libc symbols, and on
# wasm return addresses are not in linear memory anyway (Docs/PORTABILITY.md).
# Each target has its own build folder (Embedded/.build-wasm32, .build-armv7em), so builds for
# the two targets, and the host's in Embedded/.build, can run at the same time.
scratch=".build-$target"
flags=(-c "$configuration" --triple "$triple" --scratch-path "$scratch" -Xswiftc -Osize
       -Xswiftc -Xfrontend -Xswiftc -function-sections
       -Xswiftc -Xfrontend -Xswiftc -disable-stack-protector)
swift build "${flags[@]}" --target "$main_module" >&2
[ "$target" = armv7em ] && swift build "${flags[@]}" --target EmbeddedStartup >&2

bin="$scratch/$triple/$configuration"
# One object per source file that SwiftPM compiled for the module now (not stale ones).
objects=()
for module in $modules; do
    while read -r source; do
        objects+=("$bin/$module.build/$(basename "$source").o")
    done < "$bin/$module.build/sources"
done

# The Embedded standard library's Unicode tables (String comparison and hashing normalize
# non-ASCII text), shipped with the toolchain; the linker takes only the tables that are used.
tools="$(dirname "$(command -v swift)")"
objects+=("$tools/../lib/swift/embedded/$triple/libswiftUnicodeDataTables.a")

case "$target" in
    wasm32)
        artifact="$bin/$program.wasm"
        # Stack first (an overflow runs below address 0 and traps), 64 KiB of it; 2 MiB of linear
        # memory in all, fixed: the heap is what lies between the data and the end.
        wasm-ld "${objects[@]}" -o "$artifact" --entry=_start --stack-first -z stack-size=65536 \
            --initial-memory=2097152 --max-memory=2097152 --gc-sections
        ;;
    armv7em)
        artifact="$bin/$program.elf"
        # --icf=all folds functions whose code is identical (generic specializations often are).
        ld.lld -T Platform/armv7em.ld --gc-sections --icf=all "${objects[@]}" -o "$artifact"
        ;;
esac

# No C-runtime memory function may call itself or another of them (an idiom-recognized loop
# turned back into a call): that would be endless recursion at run time.
Scripts/check-runtime-calls.py "$artifact" "$tools/llvm-objdump" >&2

# The wasm module ships without its name and producer sections (the ELF keeps its symbols; they
# are not loaded into flash).
[ "$target" = wasm32 ] && "$tools/llvm-objcopy" --strip-all "$artifact"

# Its size against the targets of Docs/PORTABILITY.md (flash and RAM, or the module's size).
Scripts/image-size.py "$artifact" "$tools/llvm-objdump" >&2

echo "$(pwd)/$artifact"
