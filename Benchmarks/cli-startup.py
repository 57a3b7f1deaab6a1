#!/usr/bin/env python3
"""Whole-process time of `purejwt` against `openssl` on the same key and file, and where the
instructions of one `purejwt` process go (the dynamic loader's share).

Usage:
  Benchmarks/cli-startup.py [--runs N] [--purejwt PATH] [--instructions]

PATH defaults to .build/release/purejwt (build it first: `swift build -c release --product
purejwt`, or the static build of Docs/PERFORMANCE.md). A fresh RSA-2048 key (openssl genrsa) and
a 4 KiB file are made in a temporary folder; `purejwt sign` must produce openssl's signature
byte for byte before anything is timed.

Each row pairs one `purejwt` command with the `openssl` command doing the same work. The two
alternate, N rounds (default 50), the order swapped every round, so that the drift of a shared
machine falls on both; the row reports each side's median wall-clock time with its quartiles,
and the median of the per-round ratios. Rows without an openssl counterpart (`jwt sign`,
`jwt verify`) report ours alone.

--instructions also runs each `purejwt` command once under callgrind (a stripped copy: valgrind
gives up on the debug info of Swift release binaries) and prints its total instructions and
the share spent in each shared object, the dynamic loader's first among them.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(argv, **kw):
    return subprocess.run(argv, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def wall(argv):
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def quartiles(values):
    q = statistics.quantiles(values, n=4)
    return q[0], q[2]


def paired(ours, theirs, runs):
    """Alternating trials; per-side times and the per-round ratios."""
    mine, peer, ratios = [], [], []
    for i in range(runs):
        if i % 2 == 0:
            a = wall(ours); b = wall(theirs)
        else:
            b = wall(theirs); a = wall(ours)
        mine.append(a); peer.append(b); ratios.append(a / b)
    return mine, peer, ratios


def objects(callgrind_file):
    """Self cost (instructions) per shared object in a callgrind output file."""
    names, obj, skip, cost = {}, None, False, Counter()
    for line in open(callgrind_file):
        line = line.rstrip("\n")
        m = re.match(r"^(c?ob)=\((\d+)\)(?: (.*))?$", line)
        if m:
            if m.group(3):
                names[m.group(2)] = m.group(3)
            if m.group(1) == "ob":
                obj = names[m.group(2)]
            continue
        if line.startswith("ob="):
            obj = line[3:]
            continue
        if line.startswith("calls="):
            skip = True  # the next cost line is the call's inclusive cost, not self cost
            continue
        if line and (line[0].isdigit() or line[0] in "+-*"):
            if skip:
                skip = False
                continue
            parts = line.split()
            if len(parts) >= 2:
                cost[obj] += int(parts[1])
    return cost


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--purejwt", default=os.path.join(ROOT, ".build/release/purejwt"))
    parser.add_argument("--instructions", action="store_true")
    args = parser.parse_args()
    purejwt = os.path.abspath(args.purejwt)
    if not os.access(purejwt, os.X_OK):
        sys.exit(f"cli-startup.py: {purejwt} is not built (swift build -c release --product purejwt)")
    for tool in ("openssl",) + (("valgrind",) if args.instructions else ()):
        if shutil.which(tool) is None:
            sys.exit(f"cli-startup.py: {tool} is not installed (apt-get install {tool})")

    scratch = tempfile.mkdtemp(prefix="cli-startup-")
    try:
        key, pub, data = (os.path.join(scratch, n) for n in ("key.pem", "pub.pem", "data.bin"))
        run(["openssl", "genrsa", "-out", key, "2048"])
        run(["openssl", "rsa", "-in", key, "-pubout", "-out", pub])
        with open(data, "wb") as f:
            f.write(os.urandom(4096))
        theirs = run(["openssl", "dgst", "-sha256", "-sign", key, data]).stdout
        ours = run([purejwt, "sign", "--alg", "RS256", "--key", key, "--hex", data]).stdout.decode().strip()
        if ours != theirs.hex():
            sys.exit("cli-startup.py: purejwt sign and openssl dgst -sign disagree; nothing timed")
        signature = ours
        claims = os.path.join(scratch, "claims.json")
        with open(claims, "w") as f:
            f.write('{"iss":"bench","sub":"cli","exp":4102444800}')
        token = run([purejwt, "jwt", "sign", "--alg", "RS256", "--key", key, "--claims", claims]).stdout.decode().strip()
        sigfile = os.path.join(scratch, "sig.bin")
        with open(sigfile, "wb") as f:
            f.write(theirs)

        rows = [
            ("sign (RS256, RSA-2048, 4 KiB)",
             [purejwt, "sign", "--alg", "RS256", "--key", key, data],
             ["openssl", "dgst", "-sha256", "-sign", key, "-out", os.devnull, data]),
            ("verify (RS256, RSA-2048, 4 KiB)",
             [purejwt, "verify", "--alg", "RS256", "--key", pub, "--hex", "--signature", signature, data],
             ["openssl", "dgst", "-sha256", "-verify", pub, "-signature", sigfile, data]),
            ("hash (SHA-256, 4 KiB)",
             [purejwt, "hash", "--alg", "sha256", data],
             ["openssl", "dgst", "-sha256", data]),
            ("jwt sign (RS256)",
             [purejwt, "jwt", "sign", "--alg", "RS256", "--key", key, "--claims", claims], None),
            ("jwt verify (RS256)",
             [purejwt, "jwt", "verify", "--alg", "RS256", "--key", pub, "--now", "1700000000", token], None),
        ]
        print(f"{purejwt}: {args.runs} alternating rounds per row; ms = wall-clock per process, median [quartiles]")
        print(f"| command | purejwt ms | openssl ms | ratio (median of rounds) |")
        print(f"| --- | ---: | ---: | ---: |")
        for name, mine_cmd, peer_cmd in rows:
            if peer_cmd is None:
                mine = [wall(mine_cmd) for _ in range(args.runs)]
                lo, hi = quartiles(mine)
                print(f"| {name} | {1e3 * statistics.median(mine):.1f} [{1e3 * lo:.1f}–{1e3 * hi:.1f}] | | |")
                continue
            mine, peer, ratios = paired(mine_cmd, peer_cmd, args.runs)
            mlo, mhi = quartiles(mine)
            plo, phi = quartiles(peer)
            rlo, rhi = quartiles(ratios)
            print(f"| {name} | {1e3 * statistics.median(mine):.1f} [{1e3 * mlo:.1f}–{1e3 * mhi:.1f}] "
                  f"| {1e3 * statistics.median(peer):.1f} [{1e3 * plo:.1f}–{1e3 * phi:.1f}] "
                  f"| {statistics.median(ratios):.2f}× [{rlo:.2f}–{rhi:.2f}] |")

        if args.instructions:
            stripped = os.path.join(scratch, os.path.basename(purejwt))
            run(["strip", "-o", stripped, purejwt])
            for other in ("purejwt-box",):  # keep the box tool beside the copy, as installed
                if os.path.exists(os.path.join(os.path.dirname(purejwt), other)):
                    shutil.copy(os.path.join(os.path.dirname(purejwt), other), scratch)
            print()
            print("| command | instructions | dynamic loader | purejwt | libc | Swift runtime libraries | other |")
            print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
            for name, mine_cmd, _ in rows:
                out = os.path.join(scratch, "callgrind.out")
                subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", stripped] + mine_cmd[1:],
                               check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                cost = objects(out)
                total = sum(cost.values())
                groups = Counter()
                for obj, n in cost.items():
                    base = os.path.basename(obj or "")
                    if base.startswith("ld-linux"):
                        groups["loader"] += n
                    elif obj == stripped:
                        groups["self"] += n
                    elif base.startswith("libc.so"):
                        groups["libc"] += n
                    elif "/swift/" in (obj or ""):
                        groups["swift"] += n
                    else:
                        groups["other"] += n
                share = lambda g: f"{100 * groups[g] / total:.1f} %"
                print(f"| {name} | {total:,} | {share('loader')} | {share('self')} | {share('libc')} | {share('swift')} | {share('other')} |")
    finally:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    main()
