"""Checks across the tables of a workbook (or of several combined).

Scores read twice (:func:`_check_duplicates`), districts the file lacks
(:func:`_check_coverage`), the file's own ranks against its own totals
(:func:`_check_ranks`) and whether the components' weights are known
(:func:`_note_weights`, :func:`_weights_meta`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from kp2s_dashboard.assessment.instruments import Instrument
from kp2s_dashboard.assessment.model import ValidationReport
from kp2s_dashboard.assessment.ranks import RANK_KINDS, explaining_kind
from kp2s_dashboard.assessment.table_reader import _Out
from kp2s_dashboard.errors import Location, RegionNotFoundError
from kp2s_dashboard.regions import registry


def _check_duplicates(out: _Out, report: ValidationReport) -> None:
    """The same (district, action, indicator, component, assessor) read twice
    (e.g. two sheets for one panelist and district): the later cells are
    rejected, one message per sheet pair and district."""
    data = out.scores.data
    codes, sheets, cells = data["code"], data["sheet"], data["cell"]
    keys = list(zip(data["year_assessed"], codes, data["action"], data["indicator"], data["component"], data["assessor"], data["level"]))
    if len(set(keys)) == len(keys):
        return  # no key read twice
    seen: dict[tuple, int] = {}
    dropped: list[int] = []
    reported: set[tuple] = set()
    for index, key in enumerate(keys):
        if key[1] is None:
            continue
        first = seen.setdefault(key, index)
        if first == index:
            continue
        code, sheet, assessor = key[1], sheets[index], key[5]
        group = (sheet, sheets[first], code, assessor)
        if group not in reported:
            reported.add(group)
            report.add(
                "err.asm_duplicate",
                Location(file=data["file"][index], sheet=sheet, cell=cells[index]),
                "error",
                other=f"{sheets[first]}!{cells[first]}",
                district=_short(code),
            )
        out.rejected.append({"file": data["file"][index], "sheet": sheet, "cell": cells[index], "raw": data["raw"][index], "key": "err.asm_duplicate"})
        dropped.append(index)
    if dropped:
        gone = set(dropped)
        out.scores.keep([i for i in range(len(out.scores)) if i not in gone])


def _check_coverage(out: _Out, report: ValidationReport, file: str, instrument: Instrument) -> None:
    """Districts of the registry that the file does not contain (one warning);
    skipped for files about a single district."""
    codes = {code for code in set(out.scores.data["code"]) if code}
    if len(codes) < 2:
        return
    missing = [registry().short_name(c) for c in registry().district_codes() if c not in codes]
    if missing:
        report.add("err.asm_districts_missing", Location(file=file), "warning", districts=", ".join(missing), n=len(missing))


def _check_ranks(out: _Out, report: ValidationReport) -> None:
    """Ranks written in the file against the ranks its own stated totals
    give (ties share the best rank). The basis is the total that explains
    the stated ranks (``Nilai Akhir``, ``Jumlah`` or ``Rata-rata``, see
    :func:`~kp2s_dashboard.assessment.ranks.explaining_kind`); a mismatch
    is reported only when none does. A total that disagrees with its parts
    counts with the value of its parts."""
    by_sheet: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for rec in out.totals:
        if rec["assessor"] is None and rec["component"] is None:
            by_sheet[(rec["file"], rec["sheet"])].append(rec)
    stated: dict[tuple[str, str, str], list[float]] = defaultdict(list)
    for rec in out.stated:
        stated[(rec["file"], rec["sheet"], rec["kind"])].append(rec["value"])
    for (file, sheet), recs in by_sheet.items():
        recs = [r for r in recs if r["code"] is not None]
        ranks = {r["code"]: r for r in recs if r["kind"] == "rank"}
        if not ranks:
            continue
        if out.out_of_scale.get((file, sheet)):
            cells = out.out_of_scale[(file, sheet)]
            report.add(
                "asm.note_ranks_unchecked",
                Location(file=file, sheet=sheet, cell=cells[0]),
                "info",
                cells=", ".join(cells[:5]) + (" …" if len(cells) > 5 else ""),
            )
            continue
        # a total that disagrees with its parts is already reported; rank by
        # what the parts give, so one typo does not flag every rank below it
        by_kind = {
            kind: {
                r["code"]: (r["expected"] if r["agrees"] is False and not math.isnan(r["expected"]) else r["value"])
                for r in recs
                if r["kind"] == kind
            }
            for kind in RANK_KINDS
        }
        # rows that were not used (unknown or repeated district) keep their
        # place: the file ranked them too
        extra = {kind: stated.get((file, sheet, kind), []) for kind in RANK_KINDS}
        # the total that explains the stated ranks is their basis (Rata-rata
        # or Jumlah); a mismatch is reported only when no total explains them
        kind, expected_ranks = explaining_kind({c: int(r["value"]) for c, r in ranks.items()}, by_kind, extra)
        if kind is None:
            continue
        for code, rank_rec in ranks.items():
            if code not in expected_ranks:
                continue
            expected = expected_ranks[code]
            rank_rec["expected"] = float(expected)
            rank_rec["agrees"] = int(rank_rec["value"]) == expected
            if not rank_rec["agrees"]:
                report.add(
                    "err.asm_rank_mismatch",
                    Location(file=file, sheet=sheet, cell=rank_rec["cell"]),
                    "error",
                    value=rank_rec["raw"],
                    expected=expected,
                    basis=kind,
                )


def _note_weights(out: _Out, report: ValidationReport, file: str, instrument: Instrument) -> None:
    components = {c for c in set(out.scores.data["component"]) if c}
    if not components:
        return
    weights = _weights_meta(out)
    if set(weights) != components:
        report.add("asm.note_weights_unknown", Location(file=file), "info")


def _weights_meta(out: _Out) -> dict[str, float]:
    weights: dict[str, float] = {}
    data = out.scores.data
    for component, level, weight in zip(data["component"], data["level"], data["weight"]):
        if component and level == "component" and not math.isnan(weight):
            weights[component] = weight
    return weights

def _short(code: str) -> str:
    try:
        return registry().short_name(code)
    except RegionNotFoundError:
        return code
