#!/usr/bin/env python3
"""Benchmark Backstory on the shared synthetic corpus (and Zola/Hugo when installed).

Generates the corpus with ../shared/bench/gen_corpus.py (N articles, seed 42) once per
size, builds each layout RUNS times from a cold process into an emptied output folder,
and prints, per size and layout, the median of every stage's wall time, CPU time and
peak resident memory (from `backstory build --timings`) plus the whole process's
(from wait4). For backstory-txt it also scores person detection against truth.json.

    python3 bench/run.py                          # 1,000 and 10,000, 3 runs each
    python3 bench/run.py --sizes 1000,10000,100000 --runs 5
    python3 bench/run.py --sizes 10000 --layouts txt --peers zola,hugo

Peers are looked up on PATH or given as --zola PATH / --hugo PATH; they build the same
articles from their own trees in the corpus (search off, as the corpus configures them).
Run it on a quiet machine: every build uses all cores, so other work skews the numbers.

Before each tool's builds at each size (Backstory's and each peer's alike) the harness
deletes the other builds' outputs, so that no earlier site holds memory, and runs one
build it does not count, which reads the input and the program into the page cache.
`--no-settle` skips both. `--probe-memory` also times writing 1 GiB and 8 GiB into the
outputs folder at the start and at the end: on a VM that hands freed memory back to its
host, memory touched again costs far more than memory still held, and a large build
pays that on every page beyond what the guest kept (see bench/README.md).
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GENERATOR_CANDIDATES = [REPO.parent / "shared/bench/gen_corpus.py", Path("/work/shared/bench/gen_corpus.py")]
STAGES = ["load", "clean", "extract", "link", "render", "write", "search"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated article counts")
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement; the median is reported")
    parser.add_argument("--layouts", default="txt,md", help="txt (raw sources), md (editorial Markdown)")
    parser.add_argument("--corpus", default="/tmp/backstory-bench", help="where corpora and outputs go")
    parser.add_argument("--outputs", help="where the built sites go (default: --corpus); "
                        "a tmpfs such as /dev/shm takes the disk out of the comparison")
    parser.add_argument("--binary", help="a built backstory; default: cargo build --release")
    parser.add_argument("--generator", help="path of gen_corpus.py")
    parser.add_argument("--peers", default="", help="comma-separated: zola, hugo")
    parser.add_argument("--zola", default=shutil.which("zola"))
    parser.add_argument("--hugo", default=shutil.which("hugo"))
    parser.add_argument("--json", help="also write every measurement to this file")
    parser.add_argument("--compare", action="append", default=[], metavar="FILE",
                        help="a --json file of an earlier run whose builds the targets may use "
                             "(for example the 10,000 run, when 100,000 is run on its own); repeatable")
    parser.add_argument("--no-settle", dest="settle", action="store_false",
                        help="keep other outputs and skip the uncounted build before each tool and size")
    parser.add_argument("--probe-memory", action="store_true",
                        help="time writing 1 and 8 GiB into the outputs folder at start and end")
    parser.add_argument("--modes", default="search,no-search",
                        help="Backstory builds to time: search (the default build, search index on) "
                             "and/or no-search (`--no-search`)")
    return parser.parse_args()


def run_measured(command, cwd=None):
    """Runs a command; returns (wall s, (user s, kernel s), peak RSS MiB, stderr text)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    # Read stderr before waiting so a chatty child cannot block on a full pipe.
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(map(str, command))} failed ({process.returncode}):\n{stderr}")
    return wall, (usage.ru_utime, usage.ru_stime), usage.ru_maxrss / 1024, stderr


def parse_timings(stderr):
    """Reads the table `backstory build --timings` prints: stage -> (wall ms, cpu ms, peak MiB)."""
    stages = {}
    for line in stderr.splitlines():
        fields = line.split("\t")
        if len(fields) == 4 and fields[0] != "stage":
            name, wall, cpu, peak = fields
            number = lambda text: float(text) if text != "-" else None
            stages[name] = (number(wall), number(cpu), number(peak))
    return stages


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def generate(size, corpus, generator):
    target = corpus / f"n{size}"
    if not (target / "MANIFEST.txt").exists():
        print(f"generating {size} articles into {target} ...", file=sys.stderr)
        subprocess.run([sys.executable, str(generator), str(size), "42", str(target)], check=True,
                       stdout=subprocess.DEVNULL)
    return target


def fresh(folder):
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def memory_free_mib():
    """MemFree from /proc/meminfo, in MiB: memory a build gets without reclaiming any."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemFree:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def settle(outputs):
    """Empties `outputs` of earlier builds."""
    for old in outputs.glob("out-*"):
        shutil.rmtree(old, ignore_errors=True)


def probe_memory(outputs):
    """Times writing 1 GiB, then 8 GiB, into a file in `outputs` (removed after each)."""
    block = b"\0" * (1 << 20)
    speeds = []
    for gib in (1, 8):
        probe = outputs / "probe.bin"
        started = time.perf_counter()
        with open(probe, "wb") as out:
            for _ in range(gib * 1024):
                out.write(block)
        seconds = time.perf_counter() - started
        probe.unlink()
        speeds.append(f"{gib} GiB in {seconds:.1f} s ({gib / seconds:.2f} GiB/s)")
    return ", ".join(speeds)


def measure(command, output):
    """One counted build into an emptied `output`: its sample (no stages yet) and stderr."""
    fresh(output)
    free = memory_free_mib()
    wall, (user, kernel), rss, stderr = run_measured(command)
    sample = {"wall": wall, "cpu": user + kernel, "user": user, "sys": kernel, "rss": rss,
              "stages": {}, "free_mib": free}
    return sample, stderr


def backstory_command(binary, site, output, search):
    command = [binary, "build", "--timings", "--root", site, "--output", output]
    return command if search else command + ["--no-search"]


def backstory_sample(sample, stderr):
    """Adds the stages `--timings` printed to a sample of a Backstory build."""
    stages = parse_timings(stderr)
    # `--timings` resets the kernel's high-water mark at each stage to see
    # that stage's own peak, which lowers what wait4 reports for the
    # process: its real peak is the highest of the two.
    sample["rss"] = max([sample["rss"]] + [peak for _, _, peak in stages.values() if peak is not None])
    sample["stages"] = stages
    return sample


def output_size(folder):
    """(files, bytes, largest file's bytes) of a built site."""
    files, total, largest = 0, 0, 0
    for path in Path(folder).rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            files, total, largest = files + 1, total + size, max(largest, size)
    return files, total, largest


def bench_interleaved(builds, runs, outputs, settle_first, on_output=None):
    """Times every build `runs` times, one run of each tool after another,
    so that a slow spell of the host hits every tool alike. `builds` maps a
    name to (command, output folder, is_backstory); `on_output(name, output,
    sample)` may read each output before it is deleted. Returns name -> samples."""
    samples = {name: [] for name in builds}
    for name, (command, output, _) in builds.items():
        if settle_first:
            settle(outputs)
            run_measured(command)  # uncounted: reads the input and program into the page cache
    for _ in range(runs):
        for name, (command, output, is_backstory) in builds.items():
            if settle_first:
                settle(outputs)  # no earlier site holds memory
            sample, stderr = measure(command, output)
            sample = backstory_sample(sample, stderr) if is_backstory else sample
            # Measured now: the next tool's settle deletes this output.
            files, total, largest = output_size(output)
            sample.update(files=files, bytes=total, largest=largest)
            if on_output:
                on_output(name, output, sample)
            samples[name].append(sample)
    return samples


def summary_rows(samples):
    rows = []
    names = [s for s in STAGES if any(s in sample["stages"] for sample in samples)]
    names += sorted({s for sample in samples for s in sample["stages"]} - set(names))
    for name in names:
        pick = lambda i: median([sample["stages"].get(name, (None,) * 3)[i] for sample in samples])
        rows.append((name, pick(0), pick(1), pick(2)))
    rows.append(("total (process)", median([s["wall"] * 1000 for s in samples]),
                 median([s["cpu"] * 1000 for s in samples]), median([s["rss"] for s in samples])))
    return rows


def print_table(title, samples):
    print(f"\n### {title} (median of {len(samples)})\n")
    print("| stage | wall ms | cpu ms | peak RSS MiB |")
    print("| --- | ---: | ---: | ---: |")
    show = lambda v, fmt: "-" if v is None else format(v, fmt)
    for name, wall, cpu, rss in summary_rows(samples):
        print(f"| {name} | {show(wall, '.0f')} | {show(cpu, '.0f')} | {show(rss, '.0f')} |")
    walls = sorted(s["wall"] for s in samples)
    print(f"\nwall s per run: {', '.join(f'{w:.2f}' for w in walls)}")
    print(f"CPU s, user + kernel, median: {median([s['user'] for s in samples]):.2f} + "
          f"{median([s['sys'] for s in samples]):.2f}")
    free = [s["free_mib"] for s in samples if s.get("free_mib") is not None]
    if free:
        print(f"free memory before each run: {', '.join(f'{f / 1024:.1f}' for f in free)} GiB "
              f"(MemFree)")


# The issue's targets: full build, search off, from a cold process.
MEMORY_LIMITS_MB = {10000: 600, 100000: 4000}  # decimal megabytes, as the targets give them
PEER_SHARE = 0.5  # at most half of each peer's time, at 10,000 articles
SCALE_LIMIT = 11  # 100,000 articles: at most 11 times the 10,000 time


def peer_version(path):
    """The first line a peer prints for `--version` (`hugo version`), or its path."""
    for flag in (["--version"], ["version"]):
        try:
            done = subprocess.run([path, *flag], capture_output=True, text=True, timeout=60)
        except OSError:
            break
        # Wrappers print a banner first ("Running Hugo … via …", in colour):
        # the version line is the first that starts "name v1.2.3" or "name 1.2.3".
        lines = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in done.stdout.splitlines()]
        versioned = [l.split()[:2] for l in lines if re.match(r"\S+ v?\d+\.\d+", l)]
        words = versioned[0] if versioned else []
        if done.returncode == 0 and words:
            # "hugo v0.168.0-e27a676…+extended" -> "hugo v0.168.0"
            return " ".join([words[0], *(w.split("-")[0] for w in words[1:])])
    return str(path)


def target_rows(report):
    """(check, measured, target, met) for every target the builds in `report` can judge."""
    wall = lambda key: median([s["wall"] for s in report[key]])
    rss_mb = lambda key: median([s["rss"] for s in report[key]]) * 1.048576
    rows = []
    txt = lambda size: f"{size}/backstory-txt"
    for peer in ("zola", "hugo"):
        if txt(10000) in report and f"10000/{peer}" in report:
            share = wall(txt(10000)) / wall(f"10000/{peer}")
            version = report.get("versions", {}).get(peer, peer)
            # Only Zola's time is a target; Hugo's is shown beside it.
            target, met = (f"at most {PEER_SHARE:.0%}", share <= PEER_SHARE) if peer == "zola" else ("-", None)
            rows.append((f"10,000: time against {version}", f"{share:.0%}", target, met))
    for size, limit in MEMORY_LIMITS_MB.items():
        if txt(size) in report:
            peak = rss_mb(txt(size))
            rows.append((f"{size:,}: peak memory", f"{peak:,.0f} MB", f"at most {limit:,} MB", peak <= limit))
    if txt(10000) in report and txt(100000) in report:
        ratio = wall(txt(100000)) / wall(txt(10000))
        rows.append(("100,000: time against 10,000", f"{ratio:.2f} times", f"at most {SCALE_LIMIT} times",
                     ratio <= SCALE_LIMIT))
    return rows


def print_targets(report):
    rows = target_rows(report)
    if not rows:
        return
    print("\n### Targets (medians; txt layout)\n")
    print("| check | measured | target | met |")
    print("| --- | ---: | ---: | --- |")
    for check, measured, target, met in rows:
        verdict = "-" if met is None else "yes" if met else "no"
        print(f"| {check} | {measured} | {target} | {verdict} |")


def print_outputs(size, measured):
    """Files and bytes of each tool's output (the same articles for every tool)."""
    print(f"\n### {size} articles: outputs\n")
    print("| build | files | MB | largest file MB |")
    print("| --- | ---: | ---: | ---: |")
    for name, samples in measured.items():
        sample = samples[-1]
        print(f"| {name} | {sample['files']:,} | {sample['bytes'] / 1e6:,.1f} | {sample['largest'] / 1e6:,.1f} |")


def exported_people(output):
    """Every record of the people export, from its one file or its parts (data/index.json)."""
    index = output / "data/index.json"
    names = json.loads(index.read_text())["people"] if index.exists() else ["people.json"]
    return [person for name in names for person in json.loads((output / "data" / name).read_text())]


def person_quality(output, truth_file):
    """Precision and recall of (article, person) pairs found, against the generator's truth."""
    truth = json.loads(Path(truth_file).read_text())
    people = exported_people(output)
    expected = {(slug, name) for slug, names in truth.items() for name in names}
    found = set()
    for person in people:
        spellings = {person["name"], *person.get("aliases", [])}
        for source in person["sources"]:
            named = [n for n in truth.get(source, []) if n in spellings]
            if named:
                found.update((source, n) for n in named)
            else:
                found.add((source, person["name"]))
    hits = len(found & expected)
    return hits / max(len(found), 1), hits / max(len(expected), 1)


def main():
    args = parse_args()
    corpus = Path(args.corpus)
    corpus.mkdir(parents=True, exist_ok=True)
    generator = Path(args.generator) if args.generator else next(p for p in GENERATOR_CANDIDATES if p.exists())
    binary = args.binary
    if not binary:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        binary = str(REPO / "target/release/backstory")
    peers = [p for p in args.peers.split(",") if p]
    earlier = {}
    for path in args.compare:
        earlier.update(json.loads(Path(path).read_text()))
    report = {}
    outputs = Path(args.outputs) if args.outputs else corpus
    outputs.mkdir(parents=True, exist_ok=True)
    print(f"# outputs in {outputs}")
    if args.probe_memory:
        print(f"# writing into {outputs} at start: {probe_memory(outputs)}")

    def prepare(command):
        """Unless --no-settle: deletes other outputs, then runs `command` once, uncounted."""
        if args.settle:
            settle(outputs)
            run_measured(command)

    print(f"# Backstory benchmark: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    modes = [m for m in args.modes.split(",") if m]
    for size in [int(s) for s in args.sizes.split(",")]:
        tree = generate(size, corpus, generator)
        builds = {}
        for layout in args.layouts.split(","):
            site = tree / f"backstory-{layout}"
            for mode in modes:
                # The default build (search on) keeps the plain name the targets read.
                name = f"backstory-{layout}" + ("" if mode == "search" else "-nosearch")
                output = outputs / f"out-{size}-{name}"
                builds[name] = (backstory_command(binary, site, output, mode == "search"), output, True)
        for peer in peers:
            path = getattr(args, peer)
            if not path:
                print(f"\n{peer}: not installed, skipped")
                continue
            output = outputs / f"out-{size}-{peer}"
            command = {
                # The corpus names its config zola.toml, which Zola before
                # 0.22.1 does not look for by itself.
                "zola": [path, "--root", tree / "zola", "--config", tree / "zola" / "zola.toml",
                         "build", "--force", "--output-dir", output],
                "hugo": [path, "--quiet", "--source", tree / "hugo", "--destination", output],
            }[peer]
            builds[peer] = (command, output, False)
            report.setdefault("versions", {})[peer] = peer_version(path)
        def score_people(name, output, sample):
            if name.startswith("backstory-txt"):
                sample["people"] = person_quality(output, tree / "truth.json")

        measured = bench_interleaved(builds, args.runs, outputs, args.settle, score_people)
        for name, samples in measured.items():
            print_table(f"{size} articles, {name}", samples)
            report[f"{size}/{name}"] = samples
        print_outputs(size, measured)
        for name, samples in measured.items():
            if "people" in samples[-1]:
                precision, recall = samples[-1]["people"]
                print(f"{name}: people vs truth.json: precision {precision:.4f}, recall {recall:.4f}")
    print(f"\nload average at end {os.getloadavg()[0]:.2f}")
    if args.settle:
        print("before each tool and size: other outputs deleted, one uncounted build")
    else:
        print("--no-settle: other outputs kept, no uncounted build")
    if args.probe_memory:
        settle(outputs)  # the last site would hold memory the probe should find free
        print(f"writing into {outputs} at end: {probe_memory(outputs)}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    versions = {**earlier.get("versions", {}), **report.get("versions", {})}
    print_targets({**earlier, **report, "versions": versions})


if __name__ == "__main__":
    main()
