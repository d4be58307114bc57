"""Reader benchmarks (issue 11, items 1–2): the one spreadsheet reader against
the plain openpyxl/pandas reading of the same large files, side by side in
one run.

Files come from :mod:`benchmarks.make_large_files` (written on first use
into ``benchmarks/generated/``, git-ignored). Times are CPU seconds of this
process (``time.process_time``), best of ``REPEAT`` runs: the machine is
shared, and CPU time is what a wall clock shows on an idle machine (every
reader compared here runs on one thread). Wall-clock seconds are reported
alongside.

Run on its own::

    python -m benchmarks.bench_reader

or through the harness, which imports :func:`run`.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from typing import Any, Callable

REPEAT = 2
TARGET_RATIO = 5.0


@contextmanager
def _limits(**env: str):
    """Raise the reader's bounds for the 100,000-row tables (the defaults stop
    a sheet at 50,000 rows and a workbook at 250,000 cells)."""
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _time(fn: Callable[[], Any], repeat: int = REPEAT) -> tuple[float, float, Any]:
    """(best CPU seconds, wall seconds of that run, last result)."""
    best_cpu, best_wall, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        result = fn()
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        if cpu < best_cpu:
            best_cpu, best_wall = cpu, wall
    return best_cpu, best_wall, result


def _rows_for(name: str, ours: tuple[float, float], plain: tuple[float, float], plain_label: str) -> list[dict]:
    ratio = plain[0] / ours[0] if ours[0] else float("inf")
    return [
        {"figure": f"{name}: one reader", "value": round(ours[0], 3), "unit": "s CPU",
         "target": f"(measured; wall {ours[1]:.2f} s)", "ok": True},
        {"figure": f"{name}: {plain_label}", "value": round(plain[0], 3), "unit": "s CPU",
         "target": f"(reference; wall {plain[1]:.2f} s)", "ok": True},
        {"figure": f"{name}: speed-up over {plain_label}", "value": round(ratio, 2), "unit": "×",
         "target": f"≥ {TARGET_RATIO:g}×", "ok": ratio >= TARGET_RATIO},
    ]


def run() -> list[dict]:
    """Measure and return the rows: ``figure``, ``value``, ``unit``,
    ``target`` (text), ``ok``."""
    import pandas as pd

    from benchmarks.make_large_files import make_all
    from kp2s_dashboard.assessment.loaders import load_workbook
    from kp2s_dashboard.sheets.cells import read_grids
    from kp2s_dashboard.sheets.columns import read_columns

    files = make_all()
    rows: list[dict] = []

    # the per-assessor workbook: 104 sheets, 33,280 indicator rows, formulas without cached values
    path = files["assessor"]
    load_workbook(path)  # warm imports and caches, as a running server has them
    ours = _time(lambda: load_workbook(path))
    plain = _time(lambda: pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl"), repeat=1)
    rows += _rows_for("per-assessor workbook (33,280 rows)", ours[:2], plain[:2], "pd.read_excel(openpyxl)")
    # what reading the values alone costs through the same Rust library: no formulas, formats,
    # merges, layouts or checks; the floor under any loader built on calamine
    bare = _time(lambda: pd.read_excel(path, sheet_name=None, header=None, engine="calamine"))
    rows.append({"figure": "per-assessor workbook: pd.read_excel(calamine), values only, no checks",
                 "value": round(bare[0], 3), "unit": "s CPU",
                 "target": f"(for comparison; {plain[0] / bare[0]:.2f}× pd.read_excel(openpyxl); wall {bare[1]:.2f} s)",
                 "ok": True})
    result = ours[2]
    keys = ("err.asm_formula_uncached", "err.asm_formula_uncached_total",
            "err.asm_formula_uncached_cells", "err.asm_formula_uncached_total_cells")
    findings = sum(len(result.report.find(k)) for k in keys)
    sheets = len(result.meta.get("sheets", {}))
    rows.append({"figure": "per-assessor workbook: uncached-formula findings", "value": float(findings),
                 "unit": "findings", "target": f"≤ 1 per sheet and column (≤ {2 * sheets}); was 33,280",
                 "ok": findings <= 2 * sheets})
    rows.append({"figure": "per-assessor workbook: scores read", "value": float(len(result.scores)),
                 "unit": "rows", "target": "33,280", "ok": len(result.scores) == 33_280})

    with _limits(KP2S_MAX_ROWS="200000", KP2S_MAX_CELLS="2000000"):
        for key, label, plain_fn, plain_label, plain_repeat in (
            ("prevalence_xlsx", "prevalence XLSX (100,000 rows)",
             lambda p: pd.read_excel(p, sheet_name=None, header=None, engine="openpyxl"), "pd.read_excel(openpyxl)", 1),
            ("prevalence_csv", "prevalence CSV (100,000 rows)",
             lambda p: pd.read_csv(p, header=None, dtype=str), "pd.read_csv", REPEAT),
        ):
            path = files[key]
            # the reader the prevalence loader uses for a .csv/.xlsx: column-wise (sheets.columns)
            ours = _time(lambda: read_columns(path))
            plain = _time(lambda: plain_fn(path), repeat=plain_repeat)
            rows += _rows_for(label, ours[:2], plain[:2], plain_label)
            cells = _time(lambda: read_grids(path))
            rows.append({"figure": f"{label}: cell reader (read_grids, one object per cell)",
                         "value": round(cells[0], 3), "unit": "s CPU",
                         "target": f"(for comparison; wall {cells[1]:.2f} s)", "ok": True})
            # the whole prevalence load, checks and messages included: this file names an unknown
            # source on every row and an unknown indicator on three rows in four (174,997 problems)
            for reader in ("auto", "cells"):
                load = _time(lambda: _load(path, reader))
                rows.append({"figure": f"{label}: load_prevalence(reader={reader!r}), {load[2]} problems",
                             "value": round(load[0], 3), "unit": "s CPU",
                             "target": f"(measured; wall {load[1]:.2f} s)", "ok": True})
    return rows


def _load(path, reader: str) -> int:
    """Problems found by ``load_prevalence`` (0 when it loads)."""
    from kp2s_dashboard.errors import DataError
    from kp2s_dashboard.prevalence.loader import load_prevalence

    try:
        load_prevalence(path, reader=reader)
    except DataError as exc:
        return len(exc.problems)
    return 0


def _print(rows: list[dict]) -> None:
    width = max(len(r["figure"]) for r in rows)
    for r in rows:
        mark = "ok" if r["ok"] else "NOT MET"
        print(f"{r['figure']:<{width}}  {r['value']:>10g} {r['unit']:<9} target {r['target']:<32} {mark}")


if __name__ == "__main__":
    _print(run())
