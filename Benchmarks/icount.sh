#!/usr/bin/env bash
# Instructions per operation, under valgrind's callgrind: the steady figure beside the timings,
# which on a shared machine drift by tens of percent while instruction counts repeat.
#
#   Benchmarks/icount.sh [--bench] [--no-build] ROW...
#
# A row the comparison package has (Benchmarks/Compare, `Compare --list`) is counted on both sides,
# ours and the peer's, on the same inputs; any other row of `purejwt-bench --list` on ours only.
# `--bench` counts ours with purejwt-bench even where Compare has the row.
#
# Each side runs twice under callgrind, with N and N + k calls of the row (`purejwt-bench
# --iterations`, `Compare --run ours|theirs --iterations`); the difference of the two totals,
# divided by k, is the cost of one call with start-up, set-up and cross-checks cancelled. k is
# chosen so that the difference is at least ICOUNT_TARGET instructions (default 10^8).
# ICOUNT_BENCH and ICOUNT_COMPARE name other builds of the two programs (say, of an older commit)
# to count instead; --no-build is then implied for that program.
# Instruction counts are of the binary as built here and of the code paths valgrind's CPU model
# selects (it may hide CPU features a peer would use natively; see Docs/PERFORMANCE.md).
set -euo pipefail
cd "$(dirname "$0")/.."

bench_only=0 build=1 rows=()
for argument in "$@"; do
    case "$argument" in
        --bench) bench_only=1 ;;
        --no-build) build=0 ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "icount.sh: unknown option $argument" >&2; exit 2 ;;
        *) rows+=("$argument") ;;
    esac
done
[ ${#rows[@]} -gt 0 ] || { echo "usage: Benchmarks/icount.sh [--bench] [--no-build] ROW..." >&2; exit 2; }
command -v valgrind >/dev/null || { echo "icount.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }

target=${ICOUNT_TARGET:-100000000}
bench=${ICOUNT_BENCH:-.build/release/purejwt-bench}
compare=${ICOUNT_COMPARE:-Benchmarks/Compare/.build/release/Compare}
if [ "$build" = 1 ]; then
    [ -n "${ICOUNT_BENCH:-}" ] || swift build -c release --product purejwt-bench >&2
    [ -n "${ICOUNT_COMPARE:-}" ] || swift build -c release --package-path Benchmarks/Compare >&2
fi
compare_rows=$("$compare" --list)
bench_rows=$("$bench" --list)
# valgrind gives up on the debug info of Swift release binaries: count stripped copies.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
strip -o "$scratch/purejwt-bench" "$bench" && bench=$scratch/purejwt-bench
strip -o "$scratch/Compare" "$compare" && compare=$scratch/Compare

# Total instructions of one run: callgrind's "Collected" line.
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
        | sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p' | grep . \
        || { echo "icount.sh: callgrind failed on: $*" >&2; exit 1; }
}

# Instructions per call of one side: prints "PER_CALL K".
per_call() {  # per_call COMMAND... (with N last, replaced)
    local base k total diff
    base=$(count "$@" 1)
    k=1
    while :; do
        total=$(count "$@" $((1 + k)))
        diff=$((total - base))
        if [ "$diff" -ge "$target" ] || [ "$k" -ge 1000000 ]; then break; fi
        if [ "$diff" -le 0 ]; then k=$((k * 100)); continue; fi
        # Enough calls for the target, with a margin; at least twice as many as before.
        local next=$(( (target / (diff / k + 1)) * 12 / 10 + 1 ))
        k=$(( next > 2 * k ? next : 2 * k ))
    done
    echo "$((diff / k)) $k"
}

printf '%-24s %14s %14s %8s  %s\n' row ours peer ratio "(instructions per call; calls counted)"
for row in "${rows[@]}"; do
    if [ "$bench_only" = 0 ] && grep -qx -- "$row" <<<"$compare_rows"; then
        read -r ours k1 < <(per_call "$compare" --run ours "$row" --iterations)
        read -r theirs k2 < <(per_call "$compare" --run theirs "$row" --iterations)
        ratio=$(python3 -c "print(f'{$ours / $theirs:.2f}')")
        printf '%-24s %14d %14d %7s×  (Compare; %d and %d calls)\n' "$row" "$ours" "$theirs" "$ratio" "$k1" "$k2"
    elif grep -qx -- "$row" <<<"$bench_rows"; then
        read -r ours k1 < <(per_call "$bench" "$row" --iterations)
        printf '%-24s %14d %14s %8s  (purejwt-bench; %d calls)\n' "$row" "$ours" - - "$k1"
    else
        echo "icount.sh: no row $row (see purejwt-bench --list, Compare --list)" >&2
        exit 2
    fi
done
