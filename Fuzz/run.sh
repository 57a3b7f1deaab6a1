#!/usr/bin/env bash
# Builds the libFuzzer targets (ASan + libFuzzer, release) and runs each one, failing on the
# first crash, trap, leak, hang (> 10 s per input) or memory blow-up (> 2 GB).
#
# usage: Fuzz/run.sh [--time SECONDS | --runs N] [--no-build] [TARGET...]
#   default: every target for 25 s each. Targets: see FuzzTarget.swift (or run with a bad name).
#   Corpora live in .build-fuzz/corpus/<target> (seeded from Vectors/, grown by each run);
#   crashing inputs are saved as .build-fuzz/artifacts/<target>/crash-*; turn each into a
#   regression test in the normal suite.
set -euo pipefail
cd "$(dirname "$0")/.."

limit=(-max_total_time=25)
build=1
targets=()
while [ $# -gt 0 ]; do
    case "$1" in
        --time) limit=(-max_total_time="$2"); shift 2 ;;
        --runs) limit=(-runs="$2"); shift 2 ;;
        --no-build) build=0; shift ;;
        *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=(key key-passphrase der jwk jws base64 box-config token-response http-request scrypt-params url-policy response-limit emulator-exchange)

scratch=.build-fuzz
if [ "$build" = 1 ]; then
    # The combined -sanitize=fuzzer,address matters: two separate flags lose the coverage hooks.
    swift build -c release --scratch-path "$scratch" --product purejwt-fuzz \
        --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
fi
python3 Fuzz/seed-corpora.py "$scratch/corpus" > /dev/null

status=0
for target in "${targets[@]}"; do
    mkdir -p "$scratch/corpus/$target" "$scratch/artifacts/$target"
    log="$scratch/artifacts/$target/last.log"
    if PUREJWT_FUZZ_TARGET="$target" SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=Fuzz/lsan.supp \
        "$scratch/release/purejwt-fuzz" \
        "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
        -artifact_prefix="$scratch/artifacts/$target/" "$scratch/corpus/$target" > "$log" 2>&1; then
        runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
        echo "fuzz $target: ok, $runs executions"
    else
        echo "fuzz $target: FAILED (log: $log)"; tail -40 "$log"; status=1
    fi
done
exit $status
