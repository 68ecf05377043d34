#!/usr/bin/env python3
"""Memory of `backstory serve` against the build's, on one site.

Builds SITE twice, with `--no-search` and with the search index, each with
`--timings` into an emptied output folder, and takes the highest of the
stages' peaks (the build resets the kernel's high-water mark at each stage,
so what `wait4` reports would be the last stage's only). Then starts
`backstory serve` on the same site, waits until it has used no CPU for five
seconds (the first build and its search index are done) and reads VmRSS
(idle) and VmHWM (peak) from /proc. Sizes are in MiB.

Usage: python3 bench/serve_memory.py SITE_DIR [BINARY=target/release/backstory]
"""
import os, shutil, subprocess, sys, time

site = sys.argv[1]
binary = sys.argv[2] if len(sys.argv) > 2 else "target/release/backstory"
output = os.path.join(site, "public")


def build_peak(extra):
    shutil.rmtree(output, ignore_errors=True)
    run = subprocess.run([binary, "build", "--timings", "--root", site] + extra,
                         capture_output=True, text=True, check=True)
    peaks = []
    for line in (run.stdout + run.stderr).splitlines():
        fields = line.split("\t")
        if len(fields) == 4 and fields[0] != "stage":
            peaks.append(float(fields[3]))
    return max(peaks)


def status(pid):
    with open(f"/proc/{pid}/status") as f:
        fields = dict(line.split(":", 1) for line in f)
    return {key: value.strip() for key, value in fields.items()}


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        parts = f.read().rsplit(")", 1)[1].split()
    return int(parts[11]) + int(parts[12])


def mib(value):
    return int(value.split()[0]) / 1024


for extra in (["--no-search"], []):
    print(f"build {' '.join(extra) or '(search)'}: peak {build_peak(extra):.0f} MiB", flush=True)

shutil.rmtree(output, ignore_errors=True)
started = time.time()
server = subprocess.Popen([binary, "serve", "--port", "0", "--root", site],
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    while not server.stdout.readline().startswith("serving"):
        pass
    last, quiet_since = cpu_ticks(server.pid), time.time()
    while time.time() - quiet_since < 5:
        time.sleep(0.5)
        now = cpu_ticks(server.pid)
        if now != last:
            last, quiet_since = now, time.time()
    s = status(server.pid)
    print(f"serve idle after {time.time() - started:.0f} s: VmRSS {mib(s['VmRSS']):.0f} MiB, "
          f"VmHWM {mib(s['VmHWM']):.0f} MiB, {s['Threads']} threads")
finally:
    server.terminate()
    server.wait()
