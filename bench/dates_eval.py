#!/usr/bin/env python3
"""Scores Backstory's date finder on TimeML news (issue #26, point 5).

    python3 bench/dates_eval.py CORPUS [--binary target/release/backstory]
        [--seeds] [--details FILE] [--json FILE] [--keep DIR]

CORPUS is a folder searched recursively for `.tml` files: the TempEval-3
training data "TBAQ-cleaned" (TimeBank and AQUAINT). The corpus is not in the
repository (its licence is unclear); fetch a public copy and pass its path.
Never pass the TempEval-3 platinum test set (te3-platinum): it is held out for
checks that must not be tuned on, and the script refuses a path naming it.

For each document the plain text of <TEXT> becomes a Backstory source
(content/sources/NAME.txt, under a headline line of its own so the cleaner
never takes the article's first sentence for the title) with a sidecar
NAME.toml whose `date` is the document creation time (<DCT>). One site holds
every document; `backstory build --no-search` builds it into a temporary
folder and the found dates are read from `data/timeline.json`: one record per
citation, with the source's id, the calendar value (`date`), its
`precision` and the words (`text`). Editorial records are skipped.

What is compared: the set of (source, value) pairs, as in issue #26.
Gold: every TIMEX3 inside <TEXT> with type="DATE" whose value a timeline can
place, and every TIME or DATE whose value starts with a day ("Thursday
night", "10 p.m. Wednesday": that day). Values with unknown finer digits
count at the part that is known ("1994-XX-XX" is the year 1994). Durations,
sets, PRESENT_REF/PAST_REF/FUTURE_REF, values with an unknown year
(XXXX-...), quarters, halves and weekends are left out. The DCT itself is not gold (it is not in the text).

Value formats (TIMEX3 on the left; Backstory's `date` and `precision`):

    precision  TIMEX3 value   Backstory date, precision     compared as
    day        1998-01-08     "1998-01-08", "day"           1998-01-08
    week       1998-W02       "1998-W02",   "week"          1998-W02
    month      1998-01        "1998-01",    "month"         1998-01
    season     1998-SU        (not produced yet; "1998-SU", "season" expected;
                              a date such as "1998-06" with precision
                              "season" is read by its month: SP 3-5, SU 6-8,
                              FA 9-11, WI 12-2, December counting towards
                              the next year's winter as in TIMEX3)
    year       1998           "1998",       "year"          1998
    decade     199            (not produced yet; "199", "199X", "1990s" or
                              "1990" with precision "decade")  199
    century    19             (not produced yet; "19", "19XX" or "1900"
                              with precision "century")     19

TIMEX3's variants "199X" (a decade), "19XX" (a century) and "1998-W2" (a
week) are read as "199", "19" and "1998-W02".

Entry values and mention values: a timeline.json record's `date` is its
entry's value, and an entry keeps the finest value of the mentions it
groups, so "last month" grouped with a dated week is exported as that week.
The main score brings such a value back to the unit the mention's words name
("month", a month's name, "week", "year", a season, a decade, a century; not
counted phrases such as "two weeks ago") by taking the period of that unit
that holds it (a week by its Thursday; a week across two months may give
the wrong one). Where a record carries `mention_date` and
`mention_precision` (the citation's own value, which Backstory exports when
it differs from the entry's), that value is scored instead, exactly. The
entry values as exported are scored too, on the line "entry values as
exported".

A modifier (Backstory's "early"/"mid"/"late", TIMEX3's mod="START"/...) is
not compared: "early 1998" is 1998 on both sides.

The timeline leaves out datelines, edition notes and captions (the
publication date of the page itself), so a date found only there counts as
missed: the score is of what a reader sees on the timeline.

--seeds also scores the five seed texts in content/sources/ against the hand
annotation tests/fixtures/dates/seeds.toml (values already in Backstory's
format). That annotation lists every date, datelines included, and the Rust
test `seeds_match_the_hand_annotation` scores the finder's raw mentions, so
its 0.938 is not this script's timeline score.
"""
import argparse
import datetime
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PRECISIONS = ["day", "week", "month", "season", "year", "decade", "century"]

# The shapes of a placeable TIMEX3 value, by precision.
SHAPES = [
    ("day", re.compile(r"^\d{4}-\d{2}-\d{2}$")),
    ("week", re.compile(r"^\d{4}-W\d{2}$")),
    ("month", re.compile(r"^\d{4}-\d{2}$")),
    ("season", re.compile(r"^\d{4}-(SP|SU|FA|WI)$")),
    ("year", re.compile(r"^\d{4}$")),
    ("decade", re.compile(r"^\d{3}$")),
    ("century", re.compile(r"^\d{2}$")),
]


def precision_of(value):
    """The precision a placeable value's shape says, else None."""
    for name, shape in SHAPES:
        if shape.match(value):
            return name
    return None


def gold_value(timex_type, value):
    """A TIMEX3's value if a timeline can place it, else None.

    A DATE or TIME whose value names a day and then a part of it or a clock
    time ("1998-01-08TNI", "1998-01-08T09:00") is placed on that day, as a
    timeline places "Thursday night"; a value whose finer digits are
    unknown ("1994-XX-XX", "1998-XX") is placed at the part that is known.
    """
    if timex_type not in ("DATE", "TIME") or value is None:
        return None
    value = normalise_timex(value.strip())
    day = re.match(r"^(\d{4}-\d{2}-\d{2})T", value)
    if day:
        value = day[1]
    elif timex_type == "TIME":
        return None
    value = re.sub(r"^(\d{4}(?:-\d{2})?)(?:-XX)+$", r"\1", value)
    return value if precision_of(value) else None


def normalise_timex(value):
    """The annotators' variants of a value in one form: a decade "199X" is
    "199", a century "19XX" is "19", a week "1998-W2" is "1998-W02"."""
    if re.match(r"^\d{3}X$", value):
        return value[:3]
    if re.match(r"^\d{2}XX$", value):
        return value[:2]
    week = re.match(r"^(\d{4})-W(\d)$", value)
    if week:
        return f"{week[1]}-W0{week[2]}"
    return value


def season_of(year, month):
    """TIMEX3's season of a month: December is the next year's winter."""
    if month in (3, 4, 5):
        return f"{year:04d}-SP"
    if month in (6, 7, 8):
        return f"{year:04d}-SU"
    if month in (9, 10, 11):
        return f"{year:04d}-FA"
    return f"{year + 1 if month == 12 else year:04d}-WI"


def backstory_value(date, precision):
    """Backstory's `date` and `precision` in TIMEX3's form, else None."""
    if not date:
        return None
    date = date.strip()
    precision = (precision or "").lower()
    if precision in ("day", "week", "month", "year"):
        return date if precision_of(date) == precision else None
    if precision == "season":
        if precision_of(date) == "season":
            return date
        found = re.match(r"^(\d{4})-(\d{2})", date)
        return season_of(int(found[1]), int(found[2])) if found else None
    if precision == "decade":
        found = re.match(r"^(\d{3})(\d|X|\d?0s)?$", date)
        return found[1] if found else None
    if precision == "century":
        found = re.match(r"^(\d{2})(XX|\d\d)?$", date)
        return found[1] if found else None
    # No precision given: the shape decides.
    return date if precision_of(date) else None


def parse_timeml(xml_text):
    """A TimeML document: (dct, text, [(words, value, precision)]).

    `text` is the plain text of <TEXT>; the list holds its placeable DATE
    values in text order. `dct` is the DCT's value (YYYY-MM-DD) or None.
    """
    root = ET.fromstring(xml_text)
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = (timex.get("value") or "")[:10] or None
            break
    if dct is None:
        for element in root.iter("DCT"):
            for timex in element.iter("TIMEX3"):
                dct = (timex.get("value") or "")[:10] or None
    body = root.find("TEXT")
    if body is None:
        return dct, "", []
    text = "".join(body.itertext())
    dates = []
    for timex in body.iter("TIMEX3"):
        value = gold_value(timex.get("type"), timex.get("value"))
        if value is not None:
            words = " ".join("".join(timex.itertext()).split())
            dates.append((words, value, precision_of(value)))
    return dct, text, dates


def source_name(path):
    """A source file name from a document's: lower case, digits and dashes."""
    stem = Path(path).name
    if stem.endswith(".tml"):
        stem = stem[: -len(".tml")]
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", stem.lower())).strip("-")


def as_source_text(name, text):
    """The source text: a headline of its own, then the document's lines."""
    lines = [line.rstrip() for line in text.strip("\n").splitlines()]
    return f"Development document {name}\n\n" + "\n".join(lines) + "\n"


def scores(gold, found):
    """Precision, recall, F1 and counts of two sets of pairs."""
    hits = len(gold & found)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": len(gold), "found": len(found), "hits": hits,
            "precision": precision, "recall": recall, "f1": f1}


def score_by_precision(gold, found):
    """`scores` overall and for each precision of the values."""
    result = {"all": scores(gold, found)}
    for name in PRECISIONS:
        g = {pair for pair in gold if precision_of(pair[1]) == name}
        f = {pair for pair in found if precision_of(pair[1]) == name}
        if g or f:
            result[name] = scores(g, f)
    return result


MONTHS = ("january february march april may june july august september october "
          "november december jan feb mar apr jun jul aug sep sept oct nov dec").split()
WEEKDAYS = ("monday tuesday wednesday thursday friday saturday sunday "
            "mon tue tues wed thu thur thurs fri sat sun").split()
SEASONS = "spring summer autumn fall winter".split()


def kind_of(words):
    """The form of a date expression: its words with months, weekdays,
    seasons and numbers replaced ("last Friday" -> "last <weekday>")."""
    out = []
    for token in re.findall(r"\d+s\b|[A-Za-z]+|\d+|[^\sA-Za-z\d]", words.lower()):
        if token.endswith("s") and token[0].isdigit():
            out.append("<decade>")
        elif token.isdigit():
            out.append("<year>" if len(token) == 4 else "<n>")
        elif token in MONTHS:
            out.append("<month>")
        elif token in WEEKDAYS:
            out.append("<weekday>")
        elif token in SEASONS:
            out.append("<season>")
        else:
            out.append(token)
    text = " ".join(out)
    return re.sub(r" ([.,'])", r"\1", text)


RANK = {name: rank for rank, name in enumerate(PRECISIONS)}


def named_precision(words):
    """The unit a date expression's words name, when they name one coarser
    than a day and no day within it, else None: "last month" -> month,
    "this week" -> week, "December" -> month, "1998" -> year. Counted
    phrases ("two weeks ago") name no unit here: their value is the finder's
    to choose."""
    text = words.lower()
    tokens = re.findall(r"\d+s\b|[a-z]+|\d+", text)
    if "ago" in tokens or any(t in WEEKDAYS for t in tokens) or any(
            t in ("today", "yesterday", "tomorrow", "day", "morning", "night",
                  "evening", "afternoon", "tonight") for t in tokens):
        return None
    if "century" in tokens:
        return "century"
    if "decade" in tokens or any(t[0].isdigit() and t.endswith("s") for t in tokens):
        return "decade"
    if any(t.isdigit() and len(t) <= 2 for t in tokens):
        return None
    if any(t in SEASONS for t in tokens):
        return "season"
    if "week" in tokens:
        return "week"
    if "month" in tokens or any(t in MONTHS for t in tokens):
        return "month"
    if "year" in tokens or any(t.isdigit() and len(t) == 4 for t in tokens):
        return "year"
    return None


def coarsen(value, precision):
    """A placeable value at a coarser precision: the period of that
    precision that holds it (a week by its Thursday, as ISO weeks are
    numbered). The value itself when it is not finer."""
    have = precision_of(value)
    if have is None or precision is None or RANK[have] >= RANK[precision]:
        return value
    if have == "day":
        day = datetime.date.fromisoformat(value)
    elif have == "week":
        day = datetime.date.fromisocalendar(int(value[:4]), int(value[6:]), 4)
    elif have == "month":
        day = datetime.date(int(value[:4]), int(value[5:7]), 15)
    elif have == "season":
        return {"decade": value[:3], "century": value[:2]}.get(precision, value[:4])
    else:  # year, decade: only coarser by digits
        return value[:3] if precision == "decade" else value[:2]
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "season":
        return season_of(day.year, day.month)
    return {"year": f"{day.year:04d}", "decade": f"{day.year:04d}"[:3],
            "century": f"{day.year:04d}"[:2]}[precision]


def read_found(site_output, mentions=True):
    """(source id, value) -> [words] from a built site's data/timeline.json.

    A record's `date` is its timeline entry's value, and an entry keeps the
    finest value among the mentions it groups: "last month" that joined a
    week's entry is exported with the week. With `mentions`, such a value is
    brought back to the unit the words name (`named_precision`, `coarsen`),
    which is the mention's own value whenever the words say its unit;
    without, the entry's value is scored (what the timeline shows)."""
    found = defaultdict(list)
    records = json.loads((site_output / "data" / "timeline.json").read_text("utf-8"))
    for record in records:
        if record.get("editorial"):
            continue
        words = record.get("text", "")
        if mentions and record.get("mention_date"):
            # The citation's own value, exported when it differs from the entry's.
            value = backstory_value(record["mention_date"], record.get("mention_precision"))
        else:
            value = backstory_value(record.get("date"), record.get("precision"))
            if mentions and value is not None:
                value = coarsen(value, named_precision(words))
        if value is None:
            continue
        found[(record["source"], value)].append(words)
    return found


def build(binary, site, output):
    """Builds the site; returns the wall time in seconds."""
    started = time.monotonic()
    run = subprocess.run([str(binary), "build", "--no-search", "--output", str(output)],
                         cwd=site, capture_output=True, text=True)
    wall = time.monotonic() - started
    if run.returncode != 0:
        sys.exit(f"backstory build failed ({run.returncode}):\n{run.stderr[-4000:]}")
    return wall


def make_site(folder, documents):
    """A minimal site with one source per document: name -> (dct, text)."""
    (folder / "content" / "sources").mkdir(parents=True)
    (folder / "site.toml").write_text('title = "Dates development set"\n', "utf-8")
    for name, (dct, text) in documents.items():
        sources = folder / "content" / "sources"
        (sources / f"{name}.txt").write_text(text, "utf-8")
        sidecar = f'title = "Development document {name}"\n'
        if dct:
            sidecar += f"date = {dct}\n"
        (sources / f"{name}.toml").write_text(sidecar, "utf-8")


def load_corpus(corpus):
    """name -> (dct, text, gold dates) for every .tml file under `corpus`."""
    documents = {}
    for path in sorted(Path(corpus).rglob("*.tml")):
        if path.name.startswith("._"):
            continue
        dct, text, dates = parse_timeml(path.read_text("utf-8", errors="replace"))
        if dct and not re.match(r"^\d{4}-\d{2}-\d{2}$", dct):
            dct = None
        name = source_name(path)
        if name in documents:
            sys.exit(f"two documents make the source name {name}")
        documents[name] = (dct, as_source_text(name, text), dates)
    return documents


def load_seeds():
    """name -> (date, text, gold dates) from the seeds' hand annotation."""
    import tomllib
    fixture = tomllib.loads((REPO / "tests/fixtures/dates/seeds.toml").read_text("utf-8"))
    documents = {}
    for seed in fixture["seed"]:
        name = seed["file"][: -len(".txt")]
        text = (REPO / "content/sources" / seed["file"]).read_text("utf-8")
        dates = [(d["text"], d["value"], precision_of(d["value"])) for d in seed["dates"]]
        documents[name] = (seed["published"], text, dates)
    return documents


def evaluate(label, documents, binary, keep=None, seeds=False):
    """Builds the documents as one site and scores it; returns a report."""
    work = Path(tempfile.mkdtemp(prefix="backstory-dates-"))
    try:
        site = work / "site"
        if seeds:
            # The seeds keep their own sidecars (outlet, dates); a sidecar
            # without a date gets the annotation's publication date.
            (site / "content" / "sources").mkdir(parents=True)
            (site / "site.toml").write_text('title = "Seeds"\n', "utf-8")
            for name, (dct, text, _) in documents.items():
                (site / "content/sources" / f"{name}.txt").write_text(text, "utf-8")
                sidecar = REPO / "content/sources" / f"{name}.toml"
                body = sidecar.read_text("utf-8") if sidecar.exists() else ""
                if not re.search(r"^date\s*=", body, re.M):
                    body += f"\ndate = {dct}\n"
                (site / "content/sources" / f"{name}.toml").write_text(body, "utf-8")
        else:
            make_site(site, {n: (d, t) for n, (d, t, _) in documents.items()})
        output = work / "public"
        wall = build(binary, site, output)
        found_texts = read_found(output)
        entry_found = set(read_found(output, mentions=False))
        if keep:
            shutil.copytree(site, Path(keep) / label, dirs_exist_ok=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    gold_texts = defaultdict(list)
    for name, (_, _, dates) in documents.items():
        for words, value, _ in dates:
            gold_texts[(name, value)].append(words)
    gold, found = set(gold_texts), set(found_texts)
    return {
        "label": label,
        "documents": len(documents),
        "build_seconds": wall,
        "scores": score_by_precision(gold, found),
        "entry_scores": scores(gold, entry_found),
        "missed": {p: gold_texts[p] for p in sorted(gold - found)},
        "spurious": {p: found_texts[p] for p in sorted(found - gold)},
        "found_texts": found_texts,
    }


def table(report):
    lines = [f"{report['label']}: {report['documents']} documents, "
             f"{report['scores']['all']['gold']} gold pairs, "
             f"build {report['build_seconds']:.2f} s",
             "  precision     gold  found   hits      P      R     F1"]
    entry = report["entry_scores"]
    for name, s in report["scores"].items():
        lines.append(f"  {name:<10} {s['gold']:>7} {s['found']:>6} {s['hits']:>6}"
                     f" {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}")
    lines.append(f"  entry values as exported (no words-named unit): P {entry['precision']:.3f}"
                 f" R {entry['recall']:.3f} F1 {entry['f1']:.3f}")
    return "\n".join(lines)


def miss_kinds(report):
    """Counter of the kinds of the missed expressions (one per pair)."""
    return Counter(kind_of(words[0]) for words in report["missed"].values())


def details(report, top=40):
    """The most frequent missed and spurious forms, and every pair."""
    out = [table(report), ""]
    for title, pairs in (("missed", report["missed"]), ("spurious", report["spurious"])):
        kinds = Counter(kind_of(words[0]) for words in pairs.values())
        out.append(f"## top {title} kinds ({len(pairs)} pairs)")
        out += [f"{count:>5}  {kind}" for kind, count in kinds.most_common(top)]
        values = Counter(value for (_, value) in pairs)
        out.append(f"## top {title} values")
        out += [f"{count:>5}  {value}" for value, count in values.most_common(top)]
        out.append(f"## every {title} pair (source, value: words; what the other side has)")
        for (source, value), words in pairs.items():
            if title == "missed":
                other = sorted({f"{w}={v}" for (s, v), ws in report["found_texts"].items()
                                if s == source for w in ws
                                if w and any(w in g or g in w for g in words)})
            else:
                other = []
            note = f"  [found as {'; '.join(other)}]" if other else ""
            out.append(f"{source}  {value}: {' | '.join(sorted(set(words)))}{note}")
        out.append("")
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", help="folder of TimeML .tml files (TBAQ-cleaned)")
    parser.add_argument("--binary", default=str(REPO / "target/release/backstory"))
    parser.add_argument("--seeds", action="store_true", help="also score the five seeds")
    parser.add_argument("--details", help="write the missed and spurious pairs here")
    parser.add_argument("--json", help="write the scores as JSON here")
    parser.add_argument("--keep", help="copy the generated sites into this folder")
    args = parser.parse_args(argv)
    if not args.corpus and not args.seeds:
        parser.error("give a corpus folder, --seeds, or both")
    reports = []
    if args.corpus:
        if "platinum" in str(Path(args.corpus).resolve()).lower():
            sys.exit("te3-platinum is the held-out test set: not scored here")
        started = time.monotonic()
        documents = load_corpus(args.corpus)
        if not documents:
            sys.exit(f"no .tml files under {args.corpus}")
        report = evaluate("development set", documents, args.binary, args.keep)
        report["total_seconds"] = time.monotonic() - started
        reports.append(report)
    if args.seeds:
        reports.append(evaluate("seeds", load_seeds(), args.binary, args.keep, seeds=True))
    for report in reports:
        print(table(report))
        print("  most frequent missed kinds: " + "; ".join(
            f"{kind} ({count})" for kind, count in miss_kinds(report).most_common(10)))
    if args.details:
        Path(args.details).write_text("\n\n".join(details(r) for r in reports), "utf-8")
    if args.json:
        Path(args.json).write_text(json.dumps(
            [{k: v for k, v in r.items() if k in ("label", "documents", "build_seconds",
                                                   "total_seconds", "scores",
                                                   "entry_scores")}
             for r in reports], indent=1), "utf-8")


if __name__ == "__main__":
    main()
