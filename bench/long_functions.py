#!/usr/bin/env python3
"""Lists Rust functions longer than a limit: `src/` paths in, `lines file:line name` out.

    python3 bench/long_functions.py [--limit 100] [PATH ...]

A function runs from its `fn` line to the line of the brace that closes its
body, found by counting braces outside strings, chars and comments (good
enough for this code base's formatting, which rustfmt keeps regular).
Exits 1 when any function is over the limit, so it can gate a commit.
"""
import argparse
import os
import re
import sys

FN = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)")


def strip(line):
    """The line without comments and string or char literals, for brace counting."""
    out, i, n = [], 0, len(line)
    while i < n:
        c = line[i]
        if line.startswith("//", i):
            break
        if c == '"':
            i += 1
            while i < n and line[i] != '"':
                i += 2 if line[i] == "\\" else 1
            i += 1
            continue
        if c == "'" and i + 2 < n and (line[i + 2] == "'" or line[i + 1] == "\\"):
            end = line.find("'", i + 2)
            i = end + 1 if end > 0 else i + 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def functions(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    for start, line in enumerate(lines):
        match = FN.match(line)
        if not match:
            continue
        depth, opened = 0, False
        for end in range(start, len(lines)):
            code = strip(lines[end])
            if not opened and ";" in code and "{" not in code:
                break  # a declaration without a body
            depth += code.count("{") - code.count("}")
            opened = opened or "{" in code
            if opened and depth <= 0:
                yield match.group(6), start + 1, end - start + 1
                break


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("paths", nargs="*", default=["src"])
    args = parser.parse_args()
    found = []
    for root in args.paths:
        files = [root] if root.endswith(".rs") else [
            os.path.join(d, f) for d, _, fs in os.walk(root) for f in fs if f.endswith(".rs")
        ]
        for path in sorted(files):
            for name, line, length in functions(path):
                if length > args.limit:
                    found.append((length, f"{path}:{line}", name))
    for length, where, name in sorted(found, reverse=True):
        print(f"{length:5} {where} {name}")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
