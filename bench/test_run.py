#!/usr/bin/env python3
"""Checks of bench/run.py's targets table (run by tests/it/bench_harness.rs)."""
import importlib.util
import os
import stat
import tempfile
import unittest
from pathlib import Path

SPEC = importlib.util.spec_from_file_location("run", Path(__file__).with_name("run.py"))
run = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(run)


def builds(*walls, rss=400.0):
    """Samples as run.py records them, one per wall time."""
    return [{"wall": w, "cpu": w, "user": w, "sys": 0.0, "rss": rss, "stages": {}} for w in walls]


def rows_by_check(report):
    return {check: (measured, target, met) for check, measured, target, met in run.target_rows(report)}


class TargetRows(unittest.TestCase):
    def test_the_share_of_zolas_time_is_judged_against_half(self):
        rows = rows_by_check({
            "10000/backstory-txt": builds(3.0, 3.2, 9.0),
            "10000/zola": builds(7.0, 6.0, 8.0),
            "versions": {"zola": "zola 0.22.1"},
        })
        self.assertEqual(rows["10,000: time against zola 0.22.1"], ("46%", "at most 50%", True))
        slower = rows_by_check({"10000/backstory-txt": builds(3.2), "10000/zola": builds(6.0)})
        self.assertEqual(slower["10,000: time against zola"][2], False)

    def test_hugo_is_shown_but_not_judged(self):
        rows = rows_by_check({"10000/backstory-txt": builds(3.0), "10000/hugo": builds(5.0)})
        self.assertEqual(rows["10,000: time against hugo"], ("60%", "-", None))

    def test_memory_is_judged_in_decimal_megabytes(self):
        # 572 MiB is 599.8 MB; 573 MiB is 600.8 MB.
        under = rows_by_check({"10000/backstory-txt": builds(3.0, rss=572.0)})
        over = rows_by_check({"10000/backstory-txt": builds(3.0, rss=573.0)})
        self.assertEqual(under["10,000: peak memory"], ("600 MB", "at most 600 MB", True))
        self.assertEqual(over["10,000: peak memory"][2], False)

    def test_the_ratio_needs_both_sizes(self):
        alone = rows_by_check({"100000/backstory-txt": builds(40.0)})
        self.assertNotIn("100,000: time against 10,000", alone)
        both = rows_by_check({"10000/backstory-txt": builds(3.0), "100000/backstory-txt": builds(33.3, 34.0, 30.0)})
        self.assertEqual(both["100,000: time against 10,000"], ("11.10 times", "at most 11 times", False))

    def test_nothing_to_judge_prints_nothing(self):
        self.assertEqual(run.target_rows({"1000/backstory-txt": builds(0.4)}), [])


class PeerVersion(unittest.TestCase):
    def test_the_build_suffix_is_dropped(self):
        with tempfile.TemporaryDirectory() as folder:
            peer = Path(folder) / "peer"
            peer.write_text("#!/bin/sh\necho 'hugo v0.168.0-e27a6760+extended linux/amd64'\n")
            peer.chmod(peer.stat().st_mode | stat.S_IXUSR)
            self.assertEqual(run.peer_version(str(peer)), "hugo v0.168.0")

    def test_a_missing_peer_is_named_by_its_path(self):
        missing = os.path.join(tempfile.gettempdir(), "no-such-peer-here")
        self.assertEqual(run.peer_version(missing), missing)


if __name__ == "__main__":
    unittest.main()
