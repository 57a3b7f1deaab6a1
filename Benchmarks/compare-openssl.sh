#!/usr/bin/env bash
# Compares our SHA-256 throughput on 16 KiB messages with OpenSSL's own scalar code, in the same
# run on the same machine. SHA-NI is masked off in OpenSSL (OPENSSL_ia32cap bit 29 of the
# extended features) so both sides run plain x86-64 code. The product never calls openssl: only
# this script does.
#
# usage: Benchmarks/compare-openssl.sh
# prints: our MB/s, OpenSSL's MB/s, and ours / OpenSSL's. MB = 10^6 bytes on both sides (openssl
# speed reports 1000s of bytes per second).
#
# Like for like: `openssl speed` divides by the CPU time it was given (user time; `-elapsed`
# would switch to the wall clock), so the ratio uses purejwt-bench's CPU-time column
# (cpu_mb_per_s). Its wall-clock median (mb_per_s) is printed too; on a busy machine it is lower
# because it also counts time spent waiting for a core.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v openssl >/dev/null || { echo "compare-openssl: openssl not found" >&2; exit 1; }

echo "== purejwt-bench (release) --tsv sha256" >&2
ours_tsv=$(swift run -c release purejwt-bench --tsv sha256)
printf '%s\n' "$ours_tsv" >&2

echo "== OPENSSL_ia32cap=\":~0x20000000\" openssl speed -evp sha256 -bytes 16384" >&2
openssl_out=$(OPENSSL_ia32cap=":~0x20000000" openssl speed -evp sha256 -bytes 16384 2>/dev/null)
printf '%s\n' "$openssl_out" | tail -n 2 >&2
echo "== the same with -elapsed (wall clock, like purejwt-bench's mb_per_s)" >&2
openssl_wall_out=$(OPENSSL_ia32cap=":~0x20000000" openssl speed -elapsed -evp sha256 -bytes 16384 2>/dev/null)
printf '%s\n' "$openssl_wall_out" | tail -n 1 >&2

# Our figure: the mb_per_s column of row sha256.16KiB, found by header name.
field() {
    printf '%s\n' "$ours_tsv" | awk -F'\t' -v want="$1" '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $col["key"] == "sha256.16KiB" { print $col[want] }'
}
ours=$(field cpu_mb_per_s)
ours_wall=$(field mb_per_s)
# OpenSSL's figure: the last line starting with the algorithm name, e.g. "sha256  308366.74k".
theirs_k=$(printf '%s\n' "$openssl_out" | awk '/^sha256[ \t]/ { v = $NF } END { print v }')
theirs_k=${theirs_k%k}
theirs_wall_k=$(printf '%s\n' "$openssl_wall_out" | awk '/^sha256[ \t]/ { v = $NF } END { print v }')
theirs_wall_k=${theirs_wall_k%k}

if [ -z "$ours" ] || [ -z "$theirs_k" ]; then
    echo "compare-openssl: could not read one of the figures (ours='$ours', openssl='$theirs_k')" >&2
    exit 1
fi

awk -v ours="$ours" -v ours_wall="$ours_wall" -v theirs_k="$theirs_k" -v theirs_wall_k="$theirs_wall_k" 'BEGIN {
    theirs = theirs_k / 1000
    theirs_wall = theirs_wall_k / 1000
    printf "SHA-256, 16 KiB messages, MB/s (10^6 bytes/s)\n"
    printf "  purejwt, CPU time (median)             %8.1f\n", ours
    printf "  purejwt, wall clock (median)           %8.1f\n", ours_wall
    printf "  OpenSSL scalar (SHA-NI off), CPU time  %8.1f\n", theirs
    printf "  OpenSSL scalar, wall clock (-elapsed)  %8.1f\n", theirs_wall
    printf "  ratio purejwt / OpenSSL (CPU time)     %8.2f   (target >= 0.75)\n", ours / theirs
    if (theirs_wall > 0) printf "  ratio purejwt / OpenSSL (wall clock)   %8.2f\n", ours_wall / theirs_wall
}'
