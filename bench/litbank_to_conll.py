#!/usr/bin/env python3
"""Person names of LitBank (dbamman/litbank, CC BY 4.0) as CoNLL lines for
the person tagger's trainer (examples/train_person_tagger.rs).

LitBank marks every mention of a person, names and phrases alike ("the
printer", "James Stevenson , Esq. of South Park"). The tagger reads names
only, so each PER mention is cut to its first run of capitalised words
("James Stevenson"; "the second Sir Walter" -> "Sir Walter"), and a lone
capitalised title or kinship word ("Miss", "the Captain") is no name.

    python3 bench/litbank_to_conll.py /work/.mirror/dbamman+litbank/repo \
        > /work/corpus/litbank/litbank-per.conll

Reads the bare clone with `git show`; writes "word<TAB>tag" lines, a blank
line between the lines of the brat text (LitBank's sentences).
"""
import subprocess
import sys

DETERMINERS = {"the", "a", "an", "his", "her", "my", "their", "our", "your",
               "this", "that", "its", "poor", "old", "young", "dear", "little"}
TITLES = {"miss", "mr", "mr.", "mrs", "mrs.", "sir", "lady", "lord", "madam",
          "madame", "sister", "brother", "captain", "doctor", "dr.", "colonel",
          "major", "general", "professor", "father", "mother", "uncle", "aunt",
          "king", "queen", "prince", "princess", "master", "mistress",
          "monsieur", "mademoiselle", "ma'am", "mamma", "papa", "granny",
          "grandmother", "grandfather", "judge", "governor", "president",
          "senator", "emperor", "duke", "duchess", "count", "countess",
          "baron", "lieutenant", "sergeant", "squire", "parson", "vicar"}


def git_show(repo, path):
    out = subprocess.run(["git", "--git-dir", repo, "show", f"HEAD:{path}"],
                         capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def capitalised(word):
    return word[:1].isupper()


def name_tokens(tokens):
    """Indices (into tokens) of the name in one PER mention, or []."""
    # "the Lord Chancellor", "the second Sir Walter": a phrase, not a name.
    if not tokens or not capitalised(tokens[0][0]) or tokens[0][0].lower() in DETERMINERS:
        return []
    end = 0
    while end < len(tokens) and capitalised(tokens[end][0]):
        end += 1
    # "Foot passengers": the capitals must end the mention or meet its
    # apposition ("James Stevenson , Esq. of South Park").
    if end < len(tokens) and tokens[end][0] not in {",", "of", "(", "--"}:
        return []
    run = list(range(0, end))
    if len(run) == 1 and tokens[run[0]][0].lower().rstrip(".") in {t.rstrip(".") for t in TITLES}:
        return []
    return run


def convert(repo, path, out):
    text = git_show(repo, path.replace(".ann", ".txt"))
    ann = git_show(repo, path)
    # Token offsets: the brat text is tokenised with single spaces.
    tokens = []
    at = 0
    for line_no, line in enumerate(text.split("\n")):
        for word in line.split(" "):
            if word:
                tokens.append((word, at, line_no))
            at += len(word) + 1
    starts = {t[1]: i for i, t in enumerate(tokens)}
    tags = ["O"] * len(tokens)
    for row in ann.splitlines():
        parts = row.split("\t")
        if len(parts) < 2 or not parts[1].startswith("PER "):
            continue
        _, begin, end = parts[1].split()[:3]
        begin, end = int(begin), int(end)
        if begin not in starts:
            continue
        first = starts[begin]
        last = first
        while last < len(tokens) and tokens[last][1] < end:
            last += 1
        mention = tokens[first:last]
        run = name_tokens(mention)
        for n, index in enumerate(run):
            at_token = first + index
            if tags[at_token] == "O":
                tags[at_token] = ("B-PER" if n == 0 else "I-PER")
    line_before = None
    for (word, _, line_no), tag in zip(tokens, tags):
        if line_before is not None and line_no != line_before:
            out.write("\n")
        out.write(f"{word}\t{tag}\n")
        line_before = line_no
    out.write("\n")


def main():
    repo = sys.argv[1]
    files = subprocess.run(["git", "--git-dir", repo, "ls-tree", "-r", "--name-only", "HEAD",
                            "entities/brat/"], capture_output=True, check=True, text=True).stdout.split()
    for path in sorted(f for f in files if f.endswith(".ann")):
        convert(repo, path, sys.stdout)


if __name__ == "__main__":
    main()
