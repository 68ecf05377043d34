#!/usr/bin/env python3
"""Checks of bench/clean_eval.py's pure functions (run by tests/it/bench_harness.rs)."""
import importlib.util
import unittest
from pathlib import Path

SPEC = importlib.util.spec_from_file_location(
    "clean_eval", Path(__file__).with_name("clean_eval.py"))
ev = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(ev)


class Scores(unittest.TestCase):
    def test_words_are_bags(self):
        p, r, f1 = ev.word_scores(ev.words("the pier the pier closed"), ev.words("The pier closed."))
        self.assertAlmostEqual(p, 3 / 5)
        self.assertAlmostEqual(r, 1.0)
        self.assertAlmostEqual(f1, 2 * 0.6 / 1.6)
        self.assertEqual(ev.word_scores([], []), (1.0, 1.0, 1.0))

    def test_snippets_of_three_words_or_more(self):
        lines = ["Share", "The pier closed today", "More from Local news here", "Rates stay low"]
        truth = "The pier closed today. Rates stay low for now."
        kept = "The pier closed today. More from Local news here."
        # article: 2 snippets (one kept); clutter: 1 (kept); "Share" is too short.
        self.assertEqual(ev.snippet_counts(lines, kept, truth), (1, 1, 1))

    def test_titles_compare_without_quotes_case_or_spacing(self):
        self.assertEqual(ev.normal_title("\u2018We  had\u2019 Issues"), ev.normal_title("'we had' issues"))

    def test_body_parser_reads_the_blocks_and_credits(self):
        parser = ev.BodyParser()
        parser.feed('<h1>T</h1><div class="prose body"><p id="p1">One &amp; two</p>'
                    '<figure><figcaption>Pier <span class="credit">Photo: A. Lens</span></figcaption></figure>'
                    '</div><p>aside</p>')
        self.assertEqual(parser.blocks, ["One & two", "Pier A. Lens"])


if __name__ == "__main__":
    unittest.main()
