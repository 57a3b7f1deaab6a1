#!/usr/bin/env bash
# Builds the libFuzzer targets (ASan + libFuzzer, release) and runs each one, failing on the
# first crash, trap, leak, hang (> 10 s per input) or memory blow-up (> 2 GB).
#
# usage: Fuzz/run.sh [--time SECONDS | --runs N] [--jobs N] [--no-build | --build-only] [TARGET...]
#   default: every target for 25 s each, one at a time; --jobs N runs N targets at once (each
#   fuzzer is one process on one core). Targets: see FuzzTarget.swift (or run with a bad name).
#   Corpora live in .build-fuzz/corpus/<target> (seeded from Vectors/, grown by each run);
#   crashing inputs are saved as .build-fuzz/artifacts/<target>/crash-*; turn each into a
#   regression test in the normal suite.
set -euo pipefail
cd "$(dirname "$0")/.."

limit=(-max_total_time=25)
build=1
jobs=1
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --time) limit=(-max_total_time="$2"); shift 2 ;;
        --runs) limit=(-runs="$2"); shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --build-only) build=2; shift ;;
        *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(key key-passphrase der jwk jws base64 box-config token-response http-request scrypt-params url-policy response-limit emulator-exchange)

scratch=.build-fuzz
if [ "$build" != 0 ]; then
    # The combined -sanitize=fuzzer,address matters: two separate flags lose the coverage hooks.
    swift build -c release --scratch-path "$scratch" --product purejwt-fuzz \
        --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
fi
[ "$build" = 2 ] && exit 0
python3 Fuzz/seed-corpora.py "$scratch/corpus" > /dev/null

# One target: its result line goes to $scratch/artifacts/TARGET/result, its exit status is the
# function's, so targets can run side by side and report in order afterwards.
fuzz_one() {
    local target="$1" runs log="$scratch/artifacts/$1/last.log" result="$scratch/artifacts/$1/result"
    if PUREJWT_FUZZ_TARGET="$target" SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=Fuzz/lsan.supp \
        "$scratch/release/purejwt-fuzz" \
        "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
        -artifact_prefix="$scratch/artifacts/$target/" "$scratch/corpus/$target" > "$log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
        echo "fuzz $target: ok, $runs executions" > "$result"
    else
        { echo "fuzz $target: FAILED (log: $log)"; tail -40 "$log"; } > "$result"
        return 1
    fi
}

running=0
for target in "${targets[@]}"; do
    mkdir -p "$scratch/corpus/$target" "$scratch/artifacts/$target"
    rm -f "$scratch/artifacts/$target/result"
    if [ "$running" -ge "$jobs" ]; then
        wait -n || true
        running=$((running - 1))
    fi
    fuzz_one "$target" &
    running=$((running + 1))
done
wait || true

# The verdict comes from the result files, not from the jobs' exit statuses (collected above
# only to free a slot): a target without an "ok" line failed, whatever the reason.
status=0
for target in "${targets[@]}"; do
    result="$scratch/artifacts/$target/result"
    if [ -f "$result" ]; then cat "$result"; else echo "fuzz $target: FAILED (no result)"; status=1; fi
    grep -q ': ok, ' "$result" 2>/dev/null || status=1
done
exit $status
