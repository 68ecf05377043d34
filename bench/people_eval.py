#!/usr/bin/env python3
"""Scores Backstory's person pages on annotated text that is not ours.

Documents (a document is one source of the site):
  pud   UniversalNER English PUD (CC BY-SA), news and wiki documents
  ewt   UniversalNER English EWT dev+test (CC BY-SA), newsgroup, weblog
        and email documents (the news-like genres)
  own   bench/people_texts/*.txt, texts we wrote and annotated ourselves
  wnut  WNUT-17 dev+test (CC BY 4.0), tweets and comments (reported apart:
        social media, not the news Backstory is for)

The corpora are read from bare git snapshots (see bench/people.md for
where they come from); nothing of them is copied into the repository.

Every document becomes content/sources/ID.txt of one temporary site, built
by the real binary; the pages of data/people.json are scored. A mention is
matched to the gold person whose annotated span in the same document has
the same text. A page is right when all its mentions are one real person
and no other page has any of that person's mentions (the issue's measure:
"the only page of one real person"). Precision: right pages / pages;
recall: real people with a right page / real people.

    python3 bench/people_eval.py --binary target/debug/backstory [--sets pud,ewt,own]
        [--show-errors N] [--json FILE]
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict

# Bare clones of the GitHub repositories, as <owner>+<name>/repo.
MIRROR = os.environ.get("PEOPLE_CORPORA", "/work/.mirror")
UNER_EWT = f"{MIRROR}/UniversalNER+UNER_English-EWT/repo"
UNER_PUD = f"{MIRROR}/UniversalNER+UNER_English-PUD/repo"
WNUT = f"{MIRROR}/leondz+emerging_entities_17/repo"
KEEP_LINES = False
HERE = os.path.dirname(os.path.abspath(__file__))
OWN = os.path.join(HERE, "people_texts")


def git_show(repo, path):
    return subprocess.run(
        ["git", "-C", repo, "show", f"HEAD:{path}"],
        check=True, capture_output=True, text=True,
    ).stdout


def spans_from_tokens(text, tokens):
    """Character spans of PER entities from (token, tag) pairs placed in `text`."""
    spans, at, open_span = [], 0, None
    for word, tag in tokens:
        found = text.find(word, at)
        if found < 0:
            found, end = at, at
        else:
            end = found + len(word)
            at = end
        if tag.startswith("B-") and tag[2:].lower().startswith("per"):
            if open_span:
                spans.append(open_span)
            open_span = [found, end]
        elif tag.startswith("I-") and tag[2:].lower().startswith("per") and open_span:
            open_span[1] = end
        else:
            if open_span:
                spans.append(open_span)
            open_span = None
    if open_span:
        spans.append(open_span)
    return [(s, e) for s, e in spans]


def read_iob2(text, keep_doc):
    """UniversalNER .iob2: `# newdoc id`, `# text`, tab-separated tokens."""
    docs, doc, sentence, tokens = [], None, None, []

    def close_sentence():
        nonlocal sentence, tokens
        if doc is not None and sentence is not None:
            doc["units"].append((sentence, spans_from_tokens(sentence, tokens)))
        sentence, tokens = None, []

    for line in text.splitlines():
        if line.startswith("# newdoc id = "):
            close_sentence()
            doc_id = line.split("=", 1)[1].strip()
            doc = {"id": doc_id, "units": []} if keep_doc(doc_id) else None
            if doc is not None:
                docs.append(doc)
        elif line.startswith("# text = "):
            sentence = line.split("=", 1)[1].strip()
        elif line.startswith("#"):
            continue
        elif not line.strip():
            close_sentence()
        else:
            cols = line.split("\t")
            if len(cols) >= 3 and "-" not in cols[0] and "." not in cols[0]:
                tokens.append((cols[1], cols[2]))
    close_sentence()
    return docs


def load_pud():
    docs = read_iob2(git_show(UNER_PUD, "en_pud-ud-test.iob2"), lambda _: True)
    for doc in docs:
        doc["set"] = "pud"
    return docs


def safe_ids(docs):
    """Source ids as Backstory makes them from file names (lower case, dashes)."""
    for doc in docs:
        doc["id"] = re.sub(r"[^a-z0-9]+", "-", doc["id"].lower()).strip("-")
    return docs


def load_ewt():
    docs = []
    for name in ("en_ewt-ud-dev.iob2", "en_ewt-ud-test.iob2"):
        keep = lambda d: d.split("-")[0] in ("newsgroup", "weblog", "email")
        docs += read_iob2(git_show(UNER_EWT, name), keep)
    for doc in docs:
        doc["set"] = "ewt"
    return docs


def load_wnut():
    docs = []
    for name in ("emerging.dev.conll", "emerging.test.annotated"):
        tokens = []
        for line in git_show(WNUT, name).splitlines() + [""]:
            if line.strip():
                word, _, tag = line.partition("\t")
                tokens.append((word, tag.strip()))
            elif tokens:
                text = " ".join(word for word, _ in tokens)
                docs.append({
                    "id": f"wnut-{name.split('.')[1]}-{len(docs):04d}",
                    "set": "wnut",
                    "units": [(text, spans_from_tokens(text, tokens))],
                })
                tokens = []
    return docs


MARK = re.compile(r"\[([^\[\]]+?)\](?:\{([^{}]+)\})?")


def load_own():
    """Our texts: `[Name]` marks a person, `[Name]{key}` says which one."""
    docs = []
    if not os.path.isdir(OWN):
        return docs
    for name in sorted(os.listdir(OWN)):
        if not name.endswith(".txt"):
            continue
        raw = open(os.path.join(OWN, name), encoding="utf-8").read()
        units = []
        for paragraph in re.split(r"\n\s*\n", raw.strip()):
            text, spans, keys, at = "", [], [], 0
            for match in MARK.finditer(paragraph):
                text += paragraph[at:match.start()]
                start = len(text)
                text += match.group(1)
                spans.append((start, len(text)))
                keys.append(match.group(2))
                at = match.end()
            text += paragraph[at:]
            units.append((text, spans, keys))
        docs.append({"id": "own-" + name[:-4], "set": "own", "units": units})
    return docs


def fold(text):
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’]s$", "", text)
    text = re.sub(r"(?<=\w)[-'’](?=\w)", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def gold_people(docs):
    """Gives every annotated span a person key; returns {doc id: {surface: key}}.

    A full name's key is its first and last word; a lone word joins the
    full name of its document whose last (or first, for family-name-first
    names) word it is, else the only full name in all documents ending in
    it, else stands on its own.
    """
    full_by_last = defaultdict(set)
    per_doc = []
    for doc in docs:
        mentions = []
        for unit in doc["units"]:
            text, spans = unit[0], unit[1]
            keys = unit[2] if len(unit) > 2 else [None] * len(spans)
            for (s, e), key in zip(spans, keys):
                surface = text[s:e].strip()
                if fold(surface):
                    mentions.append((surface, key))
        per_doc.append(mentions)
        for surface, key in mentions:
            words = fold(surface).split()
            if len(words) >= 2 and not key:
                full_by_last[words[-1]].add(f"{words[0]} {words[-1]}")
    table = {}
    for doc, mentions in zip(docs, per_doc):
        local = {}
        fulls = {}
        for surface, key in mentions:
            words = fold(surface).split()
            if key:
                local[surface] = "key:" + key
            elif len(words) >= 2:
                local[surface] = f"{words[0]} {words[-1]}"
                fulls.setdefault(words[-1], set()).add(local[surface])
                fulls.setdefault(words[0], set()).add(local[surface])
        for surface, key in mentions:
            if surface in local:
                continue
            word = fold(surface)
            if len(fulls.get(word, ())) == 1:
                local[surface] = next(iter(fulls[word]))
            elif len(full_by_last.get(word, ())) == 1:
                local[surface] = next(iter(full_by_last[word]))
            else:
                local[surface] = word
        table[doc["id"]] = local
    return table


def write_site(root, docs):
    subprocess.run([BINARY, "init", root], check=True, capture_output=True)
    sources = os.path.join(root, "content", "sources")
    for name in os.listdir(sources):
        os.remove(os.path.join(sources, name))
    for doc in docs:
        sentences = [unit[0] for unit in doc["units"]]
        # Up to three sentences a paragraph; a line without a full stop (a
        # greeting, a signature) stays a paragraph of its own.
        paragraphs, current = [], []
        for sentence in sentences:
            if not re.search(r"[.!?\"”')]$", sentence):
                paragraphs += [" ".join(current)] if current else []
                paragraphs.append(sentence)
                current = []
                continue
            current.append(sentence)
            if len(current) == 3:
                paragraphs.append(" ".join(current))
                current = []
        paragraphs += [" ".join(current)] if current else []
        if doc["set"] == "own":
            paragraphs = sentences
        with open(os.path.join(sources, doc["id"] + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(paragraphs) + "\n")
        with open(os.path.join(sources, doc["id"] + ".toml"), "w", encoding="utf-8") as f:
            f.write(f'title = "Document {doc["id"]}"\npublication = "Dev set"\n'
                    f"date = 2020-01-01\n")
            if KEEP_LINES:
                # The documents are clean text, not pasted web pages: every
                # line is the author's (a greeting, a signature, a list of
                # names), so the cleaner is told to keep each one, as an
                # editor would. (A lone "*" is not a keep entry: it would
                # match every line, so the cleaner ignores it.)
                lines = [" ".join(p.split()) for p in paragraphs if p.strip()]
                entries = ", ".join(json.dumps(line, ensure_ascii=False) for line in lines)
                f.write(f"keep = [{entries}]\n")


def build(docs):
    with tempfile.TemporaryDirectory(prefix="people-eval-") as root:
        write_site(root, docs)
        out = os.path.join(root, "public")
        run = subprocess.run([BINARY, "build", "--root", root, "--output", out,
                              "--quiet", "--no-search"], capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit(f"build failed:\n{run.stderr}")
        with open(os.path.join(out, "data", "people.json"), encoding="utf-8") as f:
            return json.load(f)


def score(docs, pages, gold, show_errors):
    real = {key for doc in docs for key in gold[doc["id"]].values()}
    labelled = []
    pages_of = defaultdict(set)
    for index, page in enumerate(pages):
        labels = []
        for mention in page.get("mentions", []):
            table = gold.get(mention["source"], {})
            labels.append(table.get(mention["text"].strip()))
        if not page.get("mentions"):
            # A byline author or photographer: matched by name.
            for source in page.get("sources", []):
                labels.append(gold.get(source, {}).get(page["name"]))
        labelled.append(labels)
        for label in labels:
            if label:
                pages_of[label].add(index)
    right, found, errors = 0, set(), []
    for index, (page, labels) in enumerate(zip(pages, labelled)):
        distinct = set(labels)
        if len(distinct) == 1 and None not in distinct:
            person = next(iter(distinct))
            if pages_of[person] == {index}:
                right += 1
                found.add(person)
                continue
            errors.append(("split", page["name"], person))
        elif None in distinct:
            bad = [m["text"] for m, l in zip(page.get("mentions", []), labels) if l is None]
            errors.append(("not a person", page["name"], sorted(set(bad))[:3]))
        else:
            errors.append(("merged", page["name"], sorted(distinct)))
    missed = sorted(real - found - set(pages_of))
    result = {
        "pages": len(pages), "right": right, "people": len(real),
        "precision": right / len(pages) if pages else 1.0,
        "recall": len(found) / len(real) if real else 1.0,
    }
    if show_errors:
        for error in errors[:show_errors]:
            print("   ", *error)
        print("    missed:", missed[:show_errors])
    return result


def main():
    global BINARY
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default="target/release/backstory")
    parser.add_argument("--sets", default="pud,ewt,own,wnut")
    parser.add_argument("--show-errors", type=int, default=0)
    parser.add_argument("--json")
    parser.add_argument("--keep-lines", action="store_true",
                        help="keep every line of the documents (sidecar keep = [\"*\"]) "
                             "instead of letting the cleaner drop short ones")
    args = parser.parse_args()
    BINARY = os.path.abspath(args.binary)
    global KEEP_LINES
    KEEP_LINES = args.keep_lines
    loaders = {"pud": load_pud, "ewt": load_ewt, "own": load_own, "wnut": load_wnut}
    results = {}
    dev = []
    for name in args.sets.split(","):
        docs = safe_ids(loaders[name]())
        gold = gold_people(docs)
        pages = build(docs)
        print(f"{name}: {len(docs)} documents")
        results[name] = score(docs, pages, gold, args.show_errors)
        results[name]["docs"] = len(docs)
        if name != "wnut":
            dev += docs
    if len(dev) > 0 and any(n != "wnut" for n in results):
        gold = gold_people(dev)
        results["dev"] = score(dev, build(dev), gold, 0)
        results["dev"]["docs"] = len(dev)
    print(f"{'set':6} {'docs':>5} {'people':>6} {'pages':>6} {'right':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for name, r in results.items():
        p, rc = r["precision"], r["recall"]
        f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
        print(f"{name:6} {r['docs']:>5} {r['people']:>6} {r['pages']:>6} {r['right']:>6} "
              f"{p:6.3f} {rc:6.3f} {f1:6.3f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
