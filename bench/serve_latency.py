#!/usr/bin/env python3
"""Edit-to-served latency of `backstory serve`.

Starts the release binary on a copy-free site folder (the site is edited in
place and restored at the end), then N times: rewrites one word of a source,
waits for the server to announce the finished rebuild on its event stream
(every dependent page is written by then), fetches the source page and checks
that it shows the edit. Prints each latency and the median.

Between edits the server is left idle for PAUSE seconds (default 1), as an
editor's saves are seconds apart; the JSON exports and the search index are
brought up to date in that time, after the reload.

`KIND` says what each edit does to the source (default `word`):
- `word`: a new word in a sentence (the page changes, no person or date does);
- `date`: a new date in a sentence ("on 12 May 2011"), so its timeline entry,
  year page and the people named beside it change too;
- `name`: a newly named person ("said Maria Quistgaard"), which changes who
  the source names: the whole site is linked again;
- `page`: a sentence added to the home page's editorial text
  (`content/_index.md`), the way an editor works on the explainer itself.

Usage: [KIND=word|date|name] python3 bench/serve_latency.py SITE_DIR [EDITS=20] [BINARY=target/release/backstory]
"""
import http.client, json, os, shutil, statistics, subprocess, sys, tempfile, time

site = sys.argv[1]
edits = int(sys.argv[2]) if len(sys.argv) > 2 else 20
binary = sys.argv[3] if len(sys.argv) > 3 else "target/release/backstory"
pause = float(os.environ.get("PAUSE", "1"))
kind = os.environ.get("KIND", "word")
inserts = {
    "word": "{marker}",
    "date": "{marker} on 12 May 2011",
    "name": "{marker}, said Maria Quistgaard,",
}
if kind not in inserts and kind != "page":
    sys.exit(f"KIND must be one of {', '.join(inserts)}")
output = tempfile.mkdtemp(prefix="backstory-bench-")
server = subprocess.Popen(
    [binary, "serve", "--port", "0", "--root", site, "--output", output + "/public"],
    stdout=subprocess.PIPE, text=True)
try:
    for line in server.stdout:
        if line.startswith("serving http://"):
            host, port = line.split("//")[1].split("/")[0].split(":")
            break
    # Show the server's own per-stage timings (stdout) on stderr as they come.
    import threading
    threading.Thread(target=lambda: [print("  server:", l.strip(), file=sys.stderr) for l in server.stdout],
                     daemon=True).start()
    events = http.client.HTTPConnection(host, int(port))
    events.request("GET", "/__backstory/events")
    stream = events.getresponse()

    def next_state():
        while True:
            line = stream.readline().decode()
            if line.startswith("data: "):
                return json.loads(line[6:])

    generation = next_state()["generation"]
    sources = sorted(f for f in os.listdir(os.path.join(site, "content/sources")) if f.endswith(".txt"))
    if kind == "page":
        sources = ["../_index.md"]
    times = []
    for n in range(edits):
        name = sources[(n * 7919) % len(sources)]
        path = os.path.join(site, "content/sources", name)
        original = open(path, encoding="utf-8").read()
        marker = f"benchedit{n}x"
        if kind == "page":
            edited = original.rstrip("\n") + f"\n\nThe editors checked {marker} again.\n"
        elif " the " in original:
            edited = original.replace(" the ", " the " + inserts[kind].format(marker=marker) + " ", 1)
        else:
            continue
        started = time.perf_counter()
        with open(path, "w", encoding="utf-8") as f:
            f.write(edited)
        while True:
            state = next_state()
            if state["generation"] != generation:
                generation = state["generation"]
                break
        page = http.client.HTTPConnection(host, int(port))
        page.request("GET", "/" if kind == "page" else f"/sources/{name[:-4]}/")
        body = page.getresponse().read().decode()
        took = (time.perf_counter() - started) * 1000
        assert marker in body, f"{name}: the served page does not show the edit"
        times.append(took)
        print(f"edit {n + 1}: {took:.0f} ms", flush=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        while True:  # wait for the restore to be built too
            state = next_state()
            if state["generation"] != generation:
                generation = state["generation"]
                break
        # Each edit is timed from an idle server, as an editor's saves are
        # seconds apart: let the work done after a reload (JSON exports,
        # search index) finish first.
        time.sleep(pause)
    print(f"median over {len(times)} edits ({kind}): {statistics.median(times):.0f} ms")
finally:
    server.terminate()
    server.wait()
    # A 10,000-source output is close to a gigabyte: do not leave it behind.
    shutil.rmtree(output, ignore_errors=True)
