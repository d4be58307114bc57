"""The benchmark harness runs and prints its table; timings are never asserted
(they depend on the machine and its load)."""

import math

from benchmarks import run as harness
from benchmarks import bench_pages


def test_harness_finds_the_benchmarks_and_prints_one_table(capsys):
    names = harness.discover()
    assert "benchmarks.bench_pages" in names and "benchmarks.bench_browser" in names
    assert harness.discover(["pages"]) == ["benchmarks.bench_pages"]
    rows = [{"figure": "page x warm rerun", "value": 123.4, "unit": "ms", "target": "≤ 100 ms", "ok": False,
             "ratio": 1.234},
            {"figure": "map", "value": float("nan"), "unit": "KB", "target": "≤ 40 KB", "ok": False, "note": "no chromium"}]
    table = harness.format_table(rows).splitlines()
    assert table[0].startswith("| figure | measured | target | ratio | ok |")
    assert table[2] == "| page x warm rerun | 123 ms | ≤ 100 ms | 1.23 | NO |  |"
    assert table[3] == "| map | — | ≤ 40 KB |  | NO | no chromium |"


def test_a_broken_benchmark_becomes_a_row_not_a_crash(monkeypatch):
    rows = harness.run_module("benchmarks.bench_does_not_exist")
    assert len(rows) == 1 and rows[0]["ok"] is False and "ModuleNotFoundError" in rows[0]["note"]


def test_page_benchmark_runs_on_a_tiny_option():
    rows = bench_pages.run(quick=True)
    assert len(rows) == 1
    row = rows[0]
    assert set(harness.KEYS) <= set(row) and row["unit"] == "ms" and row["target"] == "≤ 100 ms"
    assert row["figure"].startswith("page ringkasan warm rerun")
    assert not math.isnan(row["value"]) and row["value"] > 0, row.get("note")
    assert row["ok"] == (row["value"] <= bench_pages.TARGET_MS)
