#!/usr/bin/env python3
"""Writes API/<Module>.txt: the public API of each library module, one declaration per line, as
the compiler sees it (swift-symbolgraph-extract over the built modules), so a change to the public
API shows in review as a change to these files.

Usage:
  swift build && Scripts/public-api.py            # rewrite API/*.txt from the debug build
  Scripts/public-api.py --check [--modules DIR]   # write nothing: exit 1 and print a diff for
                                                  # each module whose list differs
--modules DIR is the folder of built .swiftmodule files (default .build/debug/Modules). The test
PublicAPITests runs --check on the modules `swift test` built, so code and lists cannot drift.

Every public declaration must carry a doc comment: both modes list those without one and exit 1
(a declaration that only implements a documented protocol requirement inherits its comment).

Each line is `path: declaration`, sorted. `package`, `internal` and `@_spi` declarations are not
public API and never appear. Conformances are listed as `Type: Protocol` (the compiler-implied
Copyable, Escapable, BitwiseCopyable and SendableMetatype left out). Members of extensions with
constraints carry them (`[where Element == UInt8]`). Doc comments are not part of a line.
"""
import difflib
import json
import os
import platform
import subprocess
import sys
import tempfile

# The library modules, bottom layer first (README, "Layers").
MODULES = ["PureCrypto", "PureKeys", "PureJWT", "PureJWTCodable", "BoxJWT", "BoxAuth"]
IMPLIED = {"Swift.Copyable", "Swift.Escapable", "Swift.BitwiseCopyable", "Swift.SendableMetatype"}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def target_arguments():
    info = json.loads(subprocess.run(["swiftc", "-print-target-info"], check=True, capture_output=True, text=True).stdout)
    arguments = ["-target", info["target"]["triple"]]
    if platform.system() == "Darwin":
        sdk = subprocess.run(["xcrun", "--show-sdk-path"], check=True, capture_output=True, text=True).stdout.strip()
        arguments += ["-sdk", sdk]
    return arguments


def declaration(symbol):
    text = "".join(fragment["spelling"] for fragment in symbol.get("declarationFragments", []))
    constraints = symbol.get("swiftExtension", {}).get("constraints", [])
    if constraints:
        text += " [where " + ", ".join(f"{c['lhs']} {'==' if c['kind'] == 'sameType' else ':'} {c['rhs']}" for c in constraints) + "]"
    return " ".join(text.split())


def undocumented_of(graph):
    """The declarations of `graph` that have no doc comment of their own or inherited."""
    return [".".join(symbol["pathComponents"]) + " (" + symbol.get("location", {}).get("uri", "?").split("/Sources/")[-1] + ")"
            for symbol in graph["symbols"] if not symbol.get("docComment", {}).get("lines")]


def lines_of(graph, module):
    lines = []
    names = {symbol["identifier"]["precise"]: ".".join(symbol["pathComponents"]) for symbol in graph["symbols"]}
    for symbol in graph["symbols"]:
        lines.append(f"{names[symbol['identifier']['precise']]}: {declaration(symbol)}")
    for relation in graph["relationships"]:
        if relation["kind"] != "conformsTo" or relation["source"] not in names:
            continue
        target = names.get(relation["target"]) or relation.get("targetFallback") or relation["target"]
        if target in IMPLIED:
            continue
        lines.append(f"{names[relation['source']]}: conforms to {target}")
    return lines


def api_of(module, modules_dir, arguments):
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run(["swift-symbolgraph-extract", "-module-name", module, "-I", modules_dir,
                                 "-output-dir", out, "-minimum-access-level", "public", "-skip-synthesized-members"] + arguments,
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"public-api: swift-symbolgraph-extract failed for {module} (is it built in {modules_dir}?):\n{result.stderr}")
        lines, undocumented = [], []
        for name in sorted(os.listdir(out)):
            graph = json.load(open(os.path.join(out, name)))
            # Module.symbols.json, and Module@Other.symbols.json for extensions of other modules' types.
            lines += lines_of(graph, module)
            undocumented += undocumented_of(graph)
        return "".join(line + "\n" for line in sorted(set(lines))), sorted(set(undocumented))


def main():
    args = sys.argv[1:]
    check = "--check" in args
    modules_dir = os.path.join(ROOT, ".build", "debug", "Modules")
    if "--modules" in args:
        modules_dir = args[args.index("--modules") + 1]
    arguments = target_arguments()
    api_dir = os.path.join(ROOT, "API")
    os.makedirs(api_dir, exist_ok=True)
    differing, undocumented = [], []
    for module in MODULES:
        text, missing = api_of(module, modules_dir, arguments)
        undocumented += [f"{module}.{name}" for name in missing]
        path = os.path.join(api_dir, f"{module}.txt")
        old = open(path).read() if os.path.exists(path) else ""
        if text == old:
            continue
        if check:
            differing.append(module)
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), text.splitlines(True),
                                                       f"API/{module}.txt (checked in)", f"{module} (built)"))
        else:
            open(path, "w").write(text)
            print(f"public-api: wrote API/{module}.txt ({text.count(chr(10))} lines)")
    if undocumented:
        print(f"public-api: {len(undocumented)} public declaration(s) have no doc comment; write one (`///`) above each:")
        sys.stdout.writelines(f"  {name}\n" for name in undocumented)
    if differing:
        print(f"public-api: the public API of {', '.join(differing)} differs from API/: "
              "if the change is intended, run `swift build && Scripts/public-api.py` and commit API/")
    if differing or undocumented:
        sys.exit(1)


if __name__ == "__main__":
    main()
