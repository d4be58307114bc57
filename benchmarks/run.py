"""Run every benchmark and print one table: figure, measured, target, ratio, ok.

    .venv/bin/python -m benchmarks.run            # every benchmarks/bench_*.py
    .venv/bin/python -m benchmarks.run pages      # only bench_pages.py
    .venv/bin/python -m benchmarks.run --quick    # a tiny run of each (checks the harness works)

Each module ``benchmarks/bench_<name>.py`` exposes ``run() -> list[dict]``
(``run(quick=True)`` when it supports a tiny run), one dict per figure with
the keys ``figure`` (str), ``value`` (float), ``unit`` (str), ``target``
(str, human-readable, e.g. ``"≤ 100 ms"``), ``ok`` (bool); optionally
``ratio`` (float: measured ÷ target, or the speed-up asked for) and
``note`` (str). A benchmark that cannot run on this machine (no Chromium, no
boundaries) returns rows with ``ok`` False and a ``note`` saying why, or
raises: the harness reports the error as a row and goes on.

The benchmarks are never part of the tests' pass/fail: timings depend on the
machine and its load. The tests only check that the harness runs.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import platform
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
KEYS = ("figure", "value", "unit", "target", "ok")


def prepare_environment() -> None:
    """Point the app at a throw-away store and at the boundaries the tests
    would use (``KP2S_GEO_DIR`` when set, else ``geo/`` when fetched, else
    ``../shared/geo``), so a benchmark never writes the user's store."""
    import tempfile

    if "KP2S_STORE" not in os.environ:
        os.environ["KP2S_STORE"] = str(Path(tempfile.mkdtemp(prefix="kp2s-bench-store-")) / "kp2s.sqlite")
    if "KP2S_GEO_DIR" not in os.environ:
        for folder in (PROJECT / "geo", PROJECT.parent / "shared" / "geo"):
            if (folder / "kalsel_kabupaten.geojson").is_file():
                os.environ["KP2S_GEO_DIR"] = str(folder)
                break


def discover(only: list[str] | None = None) -> list[str]:
    """Module names ``benchmarks.bench_*`` (all, or those named in ``only``)."""
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if only:
        wanted = {n if n.startswith("bench_") else f"bench_{n}" for n in only}
        names = [n for n in names if n in wanted]
    return [f"benchmarks.{n}" for n in names]


def run_module(name: str, quick: bool = False) -> list[dict]:
    """The rows of one benchmark module; an error becomes one row (``ok`` False)."""
    try:
        module = importlib.import_module(name)
        params = inspect.signature(module.run).parameters
        rows = module.run(quick=quick) if "quick" in params else module.run()
        for row in rows:
            missing = [k for k in KEYS if k not in row]
            if missing:
                raise ValueError(f"row {row!r} lacks {missing}")
        return rows
    except Exception as exc:  # a benchmark that breaks must not hide the others
        traceback.print_exc(file=sys.stderr)
        return [{"figure": name.split(".")[-1], "value": float("nan"), "unit": "", "target": "runs",
                 "ok": False, "note": f"{type(exc).__name__}: {exc}"}]


def _fmt_value(row: dict) -> str:
    value = row["value"]
    if value != value:  # NaN
        return "—"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{text} {row['unit']}".strip()


def format_table(rows: list[dict]) -> str:
    """The rows as a Markdown table (figure | measured | target | ratio | ok | note)."""
    lines = ["| figure | measured | target | ratio | ok | note |", "|---|---:|---|---:|:-:|---|"]
    for row in rows:
        row = {**row, "note": " ".join(str(row.get("note", "")).split()).replace("|", "/")[:160]}
        ratio = row.get("ratio")
        ratio_text = "" if ratio is None or ratio != ratio else f"{ratio:.2f}"
        lines.append(f"| {row['figure']} | {_fmt_value(row)} | {row['target']} | {ratio_text} | "
                     f"{'yes' if row['ok'] else 'NO'} | {row['note']} |")
    return "\n".join(lines)


def machine() -> str:
    """One line describing this machine (CPU count, processor, Python)."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu or platform.processor()}, {platform.system()}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="benchmark names (pages, browser, reader, server); all when none")
    parser.add_argument("--quick", action="store_true", help="a tiny run of each: checks the harness, not timings")
    args = parser.parse_args(argv)
    prepare_environment()
    sys.path.insert(0, str(PROJECT))
    os.chdir(PROJECT)
    rows: list[dict] = []
    started = time.perf_counter()
    for name in discover(args.only):
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows.extend(run_module(name, quick=args.quick))
    print(f"{time.strftime('%Y-%m-%d %H:%M %Z')} · {machine()} · {time.perf_counter() - started:.0f} s")
    print(format_table(rows))
    return 0  # never a failure: the table says what is met


if __name__ == "__main__":
    raise SystemExit(main())
