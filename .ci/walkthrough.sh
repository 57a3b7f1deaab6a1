#!/usr/bin/env bash
# Runs the README's offline walkthrough exactly as written (the commands in the fenced block
# after the `<!-- offline-walkthrough -->` marker), in a scratch folder:
# the first `purejwt box emulator` command runs in the background (as it would in its own
# terminal), and every other command must exit 0. Fails if the root folder listing is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

commands=$(awk '/<!-- offline-walkthrough -->/{found=1; next} found && /^```sh/{inblock=1; next} inblock && /^```/{exit} inblock && NF && $1 !~ /^#/ {print}' README.md)
[ -n "$commands" ] || { echo "walkthrough: no commands found in README.md"; exit 1; }
echo "$commands" | sed 's/^/walkthrough> /'

work=$(mktemp -d)
emulator_pid=""
cleanup() { [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

output=""
while IFS= read -r line; do
  # Commands refer to .build/release/purejwt relative to the repository root.
  cmd="${line//.build\/release\/purejwt/$root/.build/release/purejwt}"
  if [[ "$line" == *"box emulator"* ]]; then
    (cd "$work" && exec bash -c "$cmd") > "$work/emulator.log" 2>&1 &
    emulator_pid=$!
    for _ in $(seq 1 120); do
      grep -q "listening on" "$work/emulator.log" 2>/dev/null && break
      kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log"; echo "walkthrough: the emulator exited"; exit 1; }
      sleep 0.5
    done
    grep -q "listening on" "$work/emulator.log" || { echo "walkthrough: the emulator did not start"; exit 1; }
    cat "$work/emulator.log"
  elif [[ "$line" == swift* ]]; then
    (cd "$root" && bash -c "$cmd")
  else
    out=$(cd "$work" && bash -c "$cmd")
    echo "$out"
    output+="$out"$'\n'
  fi
done <<< "$commands"

grep -q "Projects" <<< "$output" || { echo "walkthrough: the user's root folder was not listed"; exit 1; }
echo "walkthrough: OK"
