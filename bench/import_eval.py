#!/usr/bin/env python3
"""Scores `backstory new source FILE.html` on real article pages (issue #24).

    python3 bench/import_eval.py [--benchmark REPO] [--meta FILE]
        [--binary target/debug/backstory] [--peer] [--limit N]
        [--details FILE] [--json FILE]

The pages and the article bodies come from scrapinghub's
article-extraction-benchmark (MIT licence), read straight from a git copy of
it (--benchmark, a bare repository or a checkout): `ground-truth.json` has
each page's `articleBody`, `html/ID.html.gz` the page as it was saved. The
headline, publication date and authors to compare against come from --meta,
a JSON file {ID: {"headline", "published": "YYYY-MM-DD", "authors": [..]}}
annotated page by page on the same pages (bench/data/scrapinghub-meta/, whose
README gives the rules); only pages it lists are scored for metadata.

Each page is written to a temporary file and imported into a fresh site with
the real binary; the source's text (without the headline line the importer
puts first) and its sidecar are read back.

What is scored:
- body: word-level precision, recall and F1 of the text against articleBody
  (words are lower-cased runs of letters and digits, compared as multisets),
  averaged over pages; a page the importer refuses scores 0.
- headline: exact after folding whitespace and typographic quotes/dashes.
- date: the sidecar's `date` equals the truth's day.
- author: the set of names equals the truth's (case-blind); a page whose
  truth has no person (an agency credit) is right when none is given.

--peer scores trafilatura (`pip install trafilatura`) on the same pages with
the same rules, as the peer. Its own evaluation data are never used.
"""

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from pathlib import Path

# Fetch it with `git clone https://github.com/scrapinghub/article-extraction-benchmark`
# and pass --benchmark; this default is where our machines keep a copy.
DEFAULT_REPO = "/work/.mirror/scrapinghub+article-extraction-benchmark/repo"
DEFAULT_META = str(Path(__file__).parent / "data" / "scrapinghub-meta" / "meta.json")


def git_show(repo, path):
    """A file of the benchmark, from a bare repository or a checkout."""
    checkout = Path(repo) / path
    if checkout.exists():
        return checkout.read_bytes()
    return subprocess.run(
        ["git", "-C", repo, "show", f"HEAD:{path}"], check=True, capture_output=True
    ).stdout


def words(text):
    return re.findall(r"\w+", (text or "").lower())


def prf(found, truth):
    """Word-level precision, recall and F1 of `found` against `truth`."""
    got, want = Counter(words(found)), Counter(words(truth))
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                      "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def same_headline(found, truth):
    fold = lambda s: " ".join((s or "").translate(FOLD).split())
    return bool(found) and fold(found) == fold(truth)


def same_authors(found, truth):
    fold = lambda names: sorted(" ".join(n.split()).lower() for n in names)
    return fold(found or []) == fold(truth or [])


def run_backstory(binary, html, workdir):
    """(text without its headline, sidecar dict) or (None, None) if refused."""
    page = workdir / "page.html"
    page.write_bytes(html)
    site = workdir / "site"
    subprocess.run(["rm", "-rf", str(site)], check=True)
    site.mkdir()
    done = subprocess.run(
        [binary, "new", "source", str(page), "--root", str(site), "--slug", "page"],
        capture_output=True, text=True, timeout=120,
    )
    if done.returncode != 0:
        return None, None, done.stderr.strip()
    text = (site / "content/sources/page.txt").read_text()
    sidecar = tomllib.loads((site / "content/sources/page.toml").read_text())
    title = sidecar.get("title")
    if title and text.startswith(title):
        text = text[len(title):]
    return text, sidecar, ""


def run_peer(html):
    import trafilatura
    doc = trafilatura.bare_extraction(html.decode("utf-8", "replace"), with_metadata=True)
    if doc is None:
        return None, {}
    doc = doc if isinstance(doc, dict) else doc.as_dict()
    authors = [a.strip() for a in (doc.get("author") or "").split(";") if a.strip()]
    return doc.get("text"), {"title": doc.get("title"), "date": doc.get("date"),
                             "authors": authors}


def score(pages, extract):
    """Per-page results of `extract(html) -> (text, sidecar)` and the totals."""
    rows, sums = [], Counter()
    for page in pages:
        text, sidecar = extract(page["html"])
        p, r, f = prf(text, page["body"]) if text is not None else (0.0, 0.0, 0.0)
        row = {"id": page["id"], "p": p, "r": r, "f1": f, "refused": text is None}
        meta = page.get("meta")
        if meta is not None:
            sidecar = sidecar or {}
            row["headline"] = same_headline(sidecar.get("title"), meta.get("headline"))
            row["date"] = str(sidecar.get("date") or "")[:10] == (meta.get("published") or "")
            row["author"] = same_authors(sidecar.get("authors"), meta.get("authors"))
            row["found"] = {k: str(sidecar.get(k)) for k in ("title", "date", "authors")}
            row["truth"] = meta
        rows.append(row)
    n = len(rows)
    with_meta = [row for row in rows if "headline" in row]
    totals = {
        "pages": n,
        "refused": sum(row["refused"] for row in rows),
        "precision": sum(row["p"] for row in rows) / n,
        "recall": sum(row["r"] for row in rows) / n,
        "f1": sum(row["f1"] for row in rows) / n,
        "meta_pages": len(with_meta),
    }
    for key in ("headline", "date", "author"):
        totals[key] = sum(row[key] for row in with_meta) / max(len(with_meta), 1)
    return rows, totals


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--benchmark", default=DEFAULT_REPO)
    parser.add_argument("--meta", default=DEFAULT_META)
    parser.add_argument("--binary", default="target/debug/backstory")
    parser.add_argument("--peer", action="store_true", help="also score trafilatura")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--details", help="write per-page rows (JSON) here")
    parser.add_argument("--json", help="write the totals (JSON) here")
    args = parser.parse_args()

    truth = json.loads(git_show(args.benchmark, "ground-truth.json"))
    meta = json.loads(Path(args.meta).read_text()) if Path(args.meta).exists() else {}
    ids = sorted(truth)[: args.limit or None]
    pages = [{"id": i, "body": truth[i]["articleBody"], "meta": meta.get(i),
              "html": gzip.decompress(git_show(args.benchmark, f"html/{i}.html.gz"))}
             for i in ids]

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        results["backstory"] = score(pages, lambda html: run_backstory(args.binary, html, work)[:2])
    if args.peer:
        results["trafilatura"] = score(pages, run_peer)

    print(f"{'system':<12} {'pages':>5} {'refused':>7} {'P':>6} {'R':>6} {'F1':>6} "
          f"{'meta':>5} {'headline':>8} {'date':>6} {'author':>6}")
    for name, (_, t) in results.items():
        print(f"{name:<12} {t['pages']:>5} {t['refused']:>7} {t['precision']:>6.3f} "
              f"{t['recall']:>6.3f} {t['f1']:>6.3f} {t['meta_pages']:>5} "
              f"{t['headline']:>8.1%} {t['date']:>6.1%} {t['author']:>6.1%}")
    if args.details:
        Path(args.details).write_text(json.dumps({k: v[0] for k, v in results.items()}, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps({k: v[1] for k, v in results.items()}, indent=1))


if __name__ == "__main__":
    sys.exit(main())
