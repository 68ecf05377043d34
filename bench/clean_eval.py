#!/usr/bin/env python3
"""Scores the cleaner on real web text, through the real binary.

Each rendered page of the development corpus (bench/render_scrapinghub.mjs)
becomes a source of a throw-away site, which `backstory build` builds as an
editor's build would; the scores are read from what the build wrote: the body
blocks of each source page and the title, date and authors in
data/sources.json.

    node bench/render_scrapinghub.mjs BENCHMARK_GIT_DIR /work/corpus/scrapinghub-text
    python3 bench/clean_eval.py --binary target/release/backstory \\
        --texts /work/corpus/scrapinghub-text \\
        --meta bench/data/scrapinghub-meta/meta.json

Scores (all per page, then averaged over pages, except the snippet counts):

- body words: the kept body and the ground-truth articleBody as bags of
  lower-cased words (Unicode letters and digits); precision, recall and F1 of
  their overlap per page, averaged (the scrapinghub benchmark's own measure).
- body snippets: every line of the rendered text with at least 3 words is a
  snippet; it belongs to the article when its words, in order, occur in the
  ground truth, and it is kept when they occur in the kept body. Precision,
  recall and F1 over all snippets of all pages. Short lines are left out
  because "Share" or "Home" would be found inside any long article; they
  still count in the word scores.
- headline: the title equals the annotated headline (whitespace collapsed,
  curly quotes straightened, case ignored).
- date: the publication date equals the annotated one (both absent counts).
- authors: the set of author names equals the annotated set (case ignored);
  author precision and recall over all names are given too.

"keep every line" is the floor: the whole rendered text as the body and its
first line as the headline, no date, no authors.
"""

import argparse
import html
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return WORD.findall(unicodedata.normalize("NFKC", text).lower())


def word_scores(kept, truth):
    """Precision, recall and F1 of two bags of words."""
    kept_count, truth_count = {}, {}
    for word in kept:
        kept_count[word] = kept_count.get(word, 0) + 1
    for word in truth:
        truth_count[word] = truth_count.get(word, 0) + 1
    common = sum(min(n, truth_count.get(w, 0)) for w, n in kept_count.items())
    precision = common / len(kept) if kept else (1.0 if not truth else 0.0)
    recall = common / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def snippet_counts(lines, kept_text, truth_text):
    """(true positives, false positives, false negatives) over the page's snippets."""
    kept = " " + " ".join(words(kept_text)) + " "
    truth = " " + " ".join(words(truth_text)) + " "
    tp = fp = fn = 0
    for line in lines:
        tokens = words(line)
        if len(tokens) < 3:
            continue
        needle = " " + " ".join(tokens) + " "
        in_article = needle in truth
        is_kept = needle in kept
        tp += in_article and is_kept
        fp += (not in_article) and is_kept
        fn += in_article and not is_kept
    return tp, fp, fn


def normal_title(text):
    text = unicodedata.normalize("NFKC", text or "")
    for curly, straight in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        text = text.replace(curly, straight)
    return " ".join(text.split()).casefold()


class BodyParser(html.parser.HTMLParser):
    """The text of each block in a source page's `<div class="prose body">`."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.in_credit = 0
        self.blocks = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            if tag == "div":
                self.depth += 1
            if tag in ("p", "figcaption"):
                self.blocks.append("")
            if attrs.get("class") == "credit":
                self.in_credit = 1
        elif tag == "div" and attrs.get("class") == "prose body":
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag == "div":
            self.depth -= 1
        if tag == "span":
            self.in_credit = 0

    def handle_data(self, data):
        if self.depth and self.blocks:
            if self.in_credit:
                data = data.replace("Photo: ", "", 1)
            self.blocks[-1] += data


def build_site(binary, texts, ids, site):
    sources = os.path.join(site, "content", "sources")
    os.makedirs(sources)
    with open(os.path.join(site, "site.toml"), "w") as f:
        f.write('title = "Cleaner evaluation"\n')
    for page_id in ids:
        shutil.copy(os.path.join(texts, page_id + ".txt"), os.path.join(sources, page_id + ".txt"))
    run = subprocess.run(
        [binary, "build", "--root", site, "--quiet", "--no-search"],
        capture_output=True,
        text=True,
    )
    if not os.path.exists(os.path.join(site, "public", "data", "sources.json")):
        sys.exit(f"the build failed:\n{run.stderr[-3000:]}")
    with open(os.path.join(site, "public", "data", "sources.json")) as f:
        records = {record["id"]: record for record in json.load(f)}
    read = {}
    for page_id in ids:
        record = records.get(page_id, {})
        parser = BodyParser()
        page = os.path.join(site, "public", "sources", page_id, "index.html")
        if os.path.exists(page):
            with open(page, encoding="utf-8") as f:
                parser.feed(f.read())
        read[page_id] = {
            "title": record.get("title"),
            "date": record.get("date"),
            "authors": record.get("authors", []),
            "publication": record.get("publication"),
            "body": "\n".join(html.unescape(b) for b in parser.blocks),
        }
    return read


def floor(text):
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return {
        "title": lines[0] if lines else None,
        "date": None,
        "authors": [],
        "publication": None,
        "body": text,
    }


def score(read, texts, truth, meta, ids):
    totals = {"p": 0.0, "r": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 0}
    right = {"headline": 0, "date": 0, "authors": 0, "meta_pages": 0}
    names = {"found": 0, "right": 0, "truth": 0}
    per_page = {}
    for page_id in ids:
        got = read[page_id]
        body = truth[page_id]["articleBody"]
        p, r, f1 = word_scores(words(got["body"]), words(body))
        tp, fp, fn = snippet_counts(texts[page_id].splitlines(), got["body"], body)
        for key, value in zip(("p", "r", "f1", "tp", "fp", "fn"), (p, r, f1, tp, fp, fn)):
            totals[key] += value
        page = {"p": round(p, 3), "r": round(r, 3), "f1": round(f1, 3)}
        annotated = meta.get(page_id)
        if annotated is not None:
            right["meta_pages"] += 1
            headline = normal_title(got["title"]) == normal_title(annotated.get("headline"))
            date = (got["date"] or None) == (annotated.get("published") or None)
            got_names = {normal_title(a) for a in got["authors"]}
            want_names = {normal_title(a) for a in annotated.get("authors", [])}
            right["headline"] += headline
            right["date"] += date
            right["authors"] += got_names == want_names
            names["found"] += len(got_names)
            names["truth"] += len(want_names)
            names["right"] += len(got_names & want_names)
            page.update(headline=headline, date=date, authors=got_names == want_names)
            page.update(title=got["title"], got_date=got["date"], got_authors=got["authors"])
        per_page[page_id] = page
    n = len(ids)
    tp, fp, fn = totals["tp"], totals["fp"], totals["fn"]
    sp = tp / (tp + fp) if tp + fp else 0.0
    sr = tp / (tp + fn) if tp + fn else 0.0
    m = right["meta_pages"] or 1
    return {
        "pages": n,
        "words": {k: round(totals[k] / n, 3) for k in ("p", "r", "f1")},
        "snippets": {
            "p": round(sp, 3),
            "r": round(sr, 3),
            "f1": round(2 * sp * sr / (sp + sr), 3) if sp + sr else 0.0,
            "count": tp + fp + fn,
        },
        "annotated_pages": right["meta_pages"],
        "headline": round(right["headline"] / m, 3),
        "date": round(right["date"] / m, 3),
        "authors": round(right["authors"] / m, 3),
        "author_names": {
            "p": round(names["right"] / names["found"], 3) if names["found"] else 0.0,
            "r": round(names["right"] / names["truth"], 3) if names["truth"] else 0.0,
        },
        "per_page": per_page,
    }


def table(label, s):
    w, sn = s["words"], s["snippets"]
    return (
        f"| {label} | {w['p']:.3f} | {w['r']:.3f} | {w['f1']:.3f} | {sn['p']:.3f} | {sn['r']:.3f} "
        f"| {sn['f1']:.3f} | {s['headline']:.1%} | {s['date']:.1%} | {s['authors']:.1%} |"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default="target/release/backstory")
    parser.add_argument("--texts", default="/work/corpus/scrapinghub-text")
    parser.add_argument("--truth", help="ground-truth.json [default: TEXTS/ground-truth.json]")
    parser.add_argument(
        "--meta",
        default=os.path.join(os.path.dirname(__file__), "data", "scrapinghub-meta", "meta.json"),
    )
    parser.add_argument("--json", help="write every score and the per-page scores here")
    parser.add_argument("--keep-site", help="build the site here and keep it")
    args = parser.parse_args()
    with open(args.truth or os.path.join(args.texts, "ground-truth.json")) as f:
        truth = json.load(f)
    meta = {}
    if os.path.exists(args.meta):
        with open(args.meta) as f:
            meta = json.load(f)
    ids = sorted(i for i in truth if os.path.exists(os.path.join(args.texts, i + ".txt")))
    texts = {}
    for page_id in ids:
        with open(os.path.join(args.texts, page_id + ".txt"), encoding="utf-8") as f:
            texts[page_id] = f.read()
    site = args.keep_site or tempfile.mkdtemp(prefix="clean-eval-")
    if args.keep_site and os.path.exists(site):
        shutil.rmtree(site)
    try:
        read = build_site(os.path.abspath(args.binary), args.texts, ids, site)
    finally:
        if not args.keep_site:
            shutil.rmtree(site, ignore_errors=True)
    result = score(read, texts, truth, meta, ids)
    base = score({i: floor(texts[i]) for i in ids}, texts, truth, meta, ids)
    print(f"{len(ids)} pages, {result['annotated_pages']} with headline/date/author truth")
    print("| system | word P | word R | word F1 | snippet P | snippet R | snippet F1 "
          "| headline | date | authors |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(table("Backstory", result))
    print(table("keep every line", base))
    names = result["author_names"]
    print(f"author names: precision {names['p']:.3f}, recall {names['r']:.3f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"backstory": result, "floor": base}, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
