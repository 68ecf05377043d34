#!/usr/bin/env python3
"""Checks of bench/dates_eval.py's pure functions (run by tests/it/bench_harness.rs)."""
import importlib.util
import unittest
from pathlib import Path

SPEC = importlib.util.spec_from_file_location(
    "dates_eval", Path(__file__).with_name("dates_eval.py"))
ev = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(ev)

# A made-up TimeML document in the shape of the TempEval-3 files.
DOCUMENT = """<?xml version="1.0" ?>
<TimeML>
<DOCID>XYZ20010203.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-02-03" temporalFunction="false"
 functionInDocument="CREATION_TIME">20010203</TIMEX3></DCT>
<TITLE>Made up</TITLE>
<TEXT>
The mill <EVENT eid="e1" class="OCCURRENCE">closed</EVENT> on
<TIMEX3 tid="t1" type="DATE" value="2001-02-02">Friday</TIMEX3> after
<TIMEX3 tid="t2" type="DURATION" value="P30Y">thirty years</TIMEX3>.
It opened in <TIMEX3 tid="t3" type="DATE" value="1971">1971</TIMEX3>,
<TIMEX3 tid="t4" type="DATE" value="PRESENT_REF">now</TIMEX3> a memory, and
<TIMEX3 tid="t5" type="DATE" value="2001-Q1">this quarter</TIMEX3> it sold
out; <TIMEX3 tid="t6" type="TIME" value="2001-02-02T09:00">9 a.m.</TIMEX3>
<TIMEX3 tid="t7" type="DATE" value="197X">the 1970s</TIMEX3> and
<TIMEX3 tid="t8" type="DATE" value="2000-SU">last summer</TIMEX3>.
</TEXT>
</TimeML>
"""


class TimeML(unittest.TestCase):
    def test_the_dct_text_and_placeable_dates_are_read(self):
        dct, text, dates = ev.parse_timeml(DOCUMENT)
        self.assertEqual(dct, "2001-02-03")
        self.assertIn("The mill closed on\nFriday after\nthirty years.", text)
        self.assertNotIn("Made up", text)
        self.assertEqual(dates, [
            ("Friday", "2001-02-02", "day"),
            ("1971", "1971", "year"),
            ("9 a.m.", "2001-02-02", "day"),
            ("the 1970s", "197", "decade"),
            ("last summer", "2000-SU", "season"),
        ])

    def test_a_document_without_text_has_no_dates(self):
        dct, text, dates = ev.parse_timeml(
            '<TimeML><DCT><TIMEX3 type="DATE" value="1999-01-01" '
            'functionInDocument="CREATION_TIME">x</TIMEX3></DCT></TimeML>')
        self.assertEqual((dct, text, dates), ("1999-01-01", "", []))

    def test_source_names_and_texts(self):
        self.assertEqual(ev.source_name("a/APW19980807.0261.tml"), "apw19980807-0261")
        self.assertEqual(ev.source_name("wsj_0026.tml"), "wsj-0026")
        text = ev.as_source_text("x", "\nFirst line.  \nSecond.\n\n")
        self.assertEqual(text, "Development document x\n\nFirst line.\nSecond.\n")


class Values(unittest.TestCase):
    def test_gold_keeps_only_dates_a_timeline_can_place(self):
        keep = {"1998-01-08": "1998-01-08", "1998-01": "1998-01", "1998-W02": "1998-W02",
                "1998-W2": "1998-W02", "1998-SU": "1998-SU", "1998": "1998",
                "199": "199", "199X": "199", "19": "19", "19XX": "19"}
        for value, expected in keep.items():
            self.assertEqual(ev.gold_value("DATE", value), expected, value)
        for value in ["PRESENT_REF", "PAST_REF", "FUTURE_REF", "1998-Q3", "1998-H1",
                      "XXXX-01-08", "1998-W02-WE", "199X-XX-XX", "P1D", ""]:
            self.assertIsNone(ev.gold_value("DATE", value), value)
        for timex_type in ["DURATION", "TIME", "SET"]:
            self.assertIsNone(ev.gold_value(timex_type, "1998"), timex_type)
        self.assertIsNone(ev.gold_value("SET", "1998-01-08TNI"))

    def test_a_day_with_its_time_or_unknown_parts_is_placed(self):
        cases = [("TIME", "1998-01-08T09:00", "1998-01-08"),
                 ("TIME", "1998-01-08TNI", "1998-01-08"),
                 ("DATE", "1998-01-08TEV", "1998-01-08"),
                 ("DATE", "1994-XX-XX", "1994"), ("DATE", "1998-XX", "1998"),
                 ("DATE", "1998-10-XX", "1998-10")]
        for timex_type, value, expected in cases:
            self.assertEqual(ev.gold_value(timex_type, value), expected, value)

    def test_backstorys_values_in_timex3_form(self):
        cases = [
            (("2024-01-05", "day"), "2024-01-05"),
            (("2024-W01", "week"), "2024-W01"),
            (("2024-01", "month"), "2024-01"),
            (("2024", "year"), "2024"),
            (("2012-SU", "season"), "2012-SU"),
            (("2012-07", "season"), "2012-SU"),
            (("2012-12", "season"), "2013-WI"),
            (("2012-01", "season"), "2012-WI"),
            (("1930s", "decade"), "193"),
            (("1930", "decade"), "193"),
            (("193", "decade"), "193"),
            (("1900", "century"), "19"),
            (("19XX", "century"), "19"),
            (("2024-01", "day"), None),
            (("", "day"), None),
        ]
        for (date, precision), expected in cases:
            self.assertEqual(ev.backstory_value(date, precision), expected, (date, precision))

    def test_precision_of_a_value(self):
        self.assertEqual([ev.precision_of(v) for v in
                          ["2001-02-03", "2001-W05", "2001-02", "2001-FA", "2001", "200", "20"]],
                         ["day", "week", "month", "season", "year", "decade", "century"])
        self.assertIsNone(ev.precision_of("2001-Q1"))

    def test_kinds_of_expressions(self):
        self.assertEqual(ev.kind_of("last Friday"), "last <weekday>")
        self.assertEqual(ev.kind_of("Jan. 8, 1998"), "<month>. <n>, <year>")
        self.assertEqual(ev.kind_of("the summer of 1998"), "the <season> of <year>")
        self.assertEqual(ev.kind_of("the 1990s"), "the <decade>")

    def test_the_unit_the_words_name(self):
        cases = {"last month": "month", "this week": "week", "December": "month",
                 "late November": "month", "March 1996": "month", "1998": "year",
                 "last year": "year", "last summer": "season", "the 1930s": "decade",
                 "the 20th century": "century", "the last decade": "decade",
                 "Friday": None, "Dec. 5": None, "two weeks ago": None, "today": None,
                 "the week of March 6": None, "Thanksgiving Day": None, "now": None}
        for words, expected in cases.items():
            self.assertEqual(ev.named_precision(words), expected, words)

    def test_coarsening_a_value(self):
        cases = [
            (("2000-02-16", "month"), "2000-02"),
            (("2000-02-16", "week"), "2000-W07"),
            (("2000-W05", "month"), "2000-02"),   # Thursday 3 February
            (("1999-W52", "year"), "1999"),       # Thursday 30 December
            (("2012-07-04", "season"), "2012-SU"),
            (("1998-12-20", "season"), "1999-WI"),
            (("1998-10", "year"), "1998"),
            (("1998", "decade"), "199"),
            (("1998", "century"), "19"),
            (("1998", "month"), "1998"),          # never finer
            (("2000-02", "day"), "2000-02"),
            (("2000-02-16", None), "2000-02-16"),
        ]
        for (value, precision), expected in cases:
            self.assertEqual(ev.coarsen(value, precision), expected, (value, precision))


class Scoring(unittest.TestCase):
    def test_pairs_are_scored_as_sets(self):
        gold = {("a", "2001-02-02"), ("a", "1971"), ("b", "2001-02")}
        found = {("a", "2001-02-02"), ("b", "2001-02"), ("b", "2001-02-01")}
        s = ev.scores(gold, found)
        self.assertEqual((s["gold"], s["found"], s["hits"]), (3, 3, 2))
        self.assertAlmostEqual(s["precision"], 2 / 3)
        self.assertAlmostEqual(s["recall"], 2 / 3)
        self.assertAlmostEqual(s["f1"], 2 / 3)

    def test_scores_by_precision(self):
        gold = {("a", "2001-02-02"), ("a", "1971"), ("b", "2001-02")}
        found = {("a", "2001-02-02"), ("b", "2001-02-01")}
        by = ev.score_by_precision(gold, found)
        self.assertEqual(set(by), {"all", "day", "month", "year"})
        self.assertEqual((by["day"]["hits"], by["day"]["precision"], by["day"]["recall"]),
                         (1, 0.5, 1.0))
        self.assertEqual(by["year"]["f1"], 0.0)
        self.assertEqual(by["month"]["recall"], 0.0)

    def test_nothing_found_or_expected_scores_zero(self):
        self.assertEqual(ev.scores(set(), set())["f1"], 0.0)
        self.assertEqual(ev.scores({("a", "2001")}, set())["precision"], 0.0)


if __name__ == "__main__":
    unittest.main()
