#!/usr/bin/env python3
"""Checks of how bench/run.py times tools side by side (run by tests/output_bench.rs):
runs interleaved tool by tool, every output measured in files and bytes, and the
people export read whole or from its parts."""
import importlib.util
import json
import sys
import tempfile
import unittest
from pathlib import Path

SPEC = importlib.util.spec_from_file_location("run", Path(__file__).with_name("run.py"))
run = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(run)


class Interleaved(unittest.TestCase):
    def test_runs_alternate_between_tools_and_outputs_are_counted(self):
        with tempfile.TemporaryDirectory() as temp:
            outputs, log = Path(temp), Path(temp) / "log.txt"

            def tool(name, files):
                # Appends its name to the log and writes `files` files of 10 bytes.
                script = (f"import pathlib,sys; pathlib.Path({str(log)!r}).open('a').write('{name} ');"
                          f"o=pathlib.Path(sys.argv[1]); o.mkdir(parents=True, exist_ok=True);"
                          f"[(o/f'f{{i}}').write_bytes(b'x'*10) for i in range({files})]")
                output = outputs / f"out-{name}"
                return [sys.executable, "-c", script, str(output)], output, False

            samples = run.bench_interleaved({"a": tool("a", 2), "b": tool("b", 3)}, 2, outputs, False)
            self.assertEqual(log.read_text().split(), ["a", "b", "a", "b"])
            self.assertEqual([(s["files"], s["bytes"], s["largest"]) for s in samples["b"]], [(3, 30, 10)] * 2)
            self.assertEqual(len(samples["a"]), 2)


    def test_each_output_is_measured_before_the_next_tool_deletes_it(self):
        with tempfile.TemporaryDirectory() as temp:
            outputs = Path(temp)

            def tool(name, files):
                script = (f"import pathlib,sys; o=pathlib.Path(sys.argv[1]); o.mkdir(parents=True, exist_ok=True);"
                          f"[(o/f'f{{i}}').write_bytes(b'x'*10) for i in range({files})]")
                output = outputs / f"out-{name}"
                return [sys.executable, "-c", script, str(output)], output, False

            seen = []
            on_output = lambda name, output, sample: seen.append((name, output.is_dir()))
            samples = run.bench_interleaved({"a": tool("a", 2), "b": tool("b", 3)}, 2, outputs, True, on_output)
            # Settling deletes every other output before each run: the sizes and
            # the hook must still see each tool's own output.
            self.assertEqual([s["files"] for s in samples["a"]], [2, 2])
            self.assertEqual([s["files"] for s in samples["b"]], [3, 3])
            self.assertEqual(seen, [("a", True), ("b", True)] * 2)


class People(unittest.TestCase):
    def test_the_export_is_read_from_its_parts_when_it_is_split(self):
        with tempfile.TemporaryDirectory() as temp:
            data = Path(temp) / "data"
            (data / "people").mkdir(parents=True)
            (data / "people/a.json").write_text(json.dumps([{"name": "A"}]))
            (data / "people/b.json").write_text(json.dumps([{"name": "B"}]))
            (data / "index.json").write_text(json.dumps({"people": ["people/a.json", "people/b.json"]}))
            self.assertEqual([p["name"] for p in run.exported_people(Path(temp))], ["A", "B"])
            (data / "index.json").unlink()
            (data / "people.json").write_text(json.dumps([{"name": "C"}]))
            self.assertEqual([p["name"] for p in run.exported_people(Path(temp))], ["C"])


if __name__ == "__main__":
    unittest.main()
