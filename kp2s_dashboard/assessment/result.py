"""The district's score and rank for an assessment year — the one definition.

Every view that shows an assessment score or rank (the Aksi ranking, its map
and downloads, Profil, the presentation deck and its PowerPoint) calls
:func:`district_result` on the result that :func:`in_force` returns, so the
same files give the same numbers everywhere.

Which files are in force (:func:`in_force`)
    Files of one assessment year are never pooled across kinds (layouts: a
    rekap of official totals, a matrix of consensus scores, one sheet per
    assessor). For each year one kind is in force: the kind named in the
    URL when the year has it; otherwise the kind whose own totals cover the
    most districts, then the one that also states ranks, then a rekap, then
    the one with the most districts scored, then by file name. Files of the
    kind in force are combined (e.g. one file per panelist; a score given
    twice is an ``err.asm_duplicate`` error). Every district that another
    kind also scores for that year is a conflict, reported as a warning
    (``asm.conflict_sources``) naming both files.

The score and rank (:func:`district_result`)
    One basis per year, the same for every district (never a 0–200 sum
    ranked against a 0–100 score):

    1. the file's own totals: ``final`` (Nilai Akhir), ``total`` (Jumlah)
       or ``mean`` (Rata-rata). When the file states ranks, the kind whose
       values give those ranks is the basis
       (:func:`~kp2s_dashboard.assessment.ranks.explaining_kind`); without
       ranks the first kind present in that order. A district the file
       gives no value of that kind is not ranked (note ``asm.result.no_value``);
    2. else the total computed from weights the file or instrument states
       (:func:`~kp2s_dashboard.assessment.scoring.district_totals`'s
       ``total_computed``), which exists only when every part is scored;
    3. else the mean of the district's action scores shown in the heatmap
       (:func:`~kp2s_dashboard.assessment.scoring.action_scores` of the
       component shown), only for a district whose every action item is
       scored; labelled as an unweighted mean, not an official score.

    A district without the basis value has rank ``<NA>`` and a note
    (``k of n scored`` for an incomplete one). Ranks: descending score,
    ties share the best rank (Excel's ``RANK``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kp2s_dashboard.assessment import scoring as sc
from kp2s_dashboard.assessment.model import AssessmentResult, ValidationReport
from kp2s_dashboard.assessment.published import sample_kept_apart
from kp2s_dashboard.assessment.ranks import RANK_KINDS, explaining_kind
from kp2s_dashboard.errors import Location
from kp2s_dashboard.regions import registry

#: Bases a year's ranking can have (see the module docstring).
BASES = ("final", "total", "mean", "computed", "action_mean", "none")

#: Columns of :func:`district_result` and their dtypes.
RESULT_COLUMNS: dict[str, str] = {
    "year_assessed": "Int64",
    "period": "Int64",
    "code": "str",
    "name": "str",
    "score": "float64",
    "basis": "str",
    "rank": "Int64",
    "rank_workbook": "Int64",
    "action_mean": "float64",
    "n_parts": "Int64",
    "n_scored": "Int64",
    "complete": "bool",
    "note": "str",
    "previous_year_assessed": "Int64",
    "rank_previous": "Int64",
    "rank_change": "Int64",
    "previous_source": "str",
}


def file_kind(result: AssessmentResult) -> str:
    """The kind of a loaded file: its layout (``rekap`` | ``matrix`` |
    ``assessor``), layouts joined with ``+`` for a file mixing them,
    ``none`` without any table."""
    layouts = sorted(result.meta.get("layouts") or [])
    return "+".join(layouts) or "none"


def years_of(result: AssessmentResult) -> list[int]:
    """Assessment years in ``result.scores`` or ``result.totals``, newest first."""
    values = pd.concat([result.scores["year_assessed"], result.totals["year_assessed"]]).dropna()
    return sorted({int(v) for v in values}, reverse=True)


def combine_how(result: AssessmentResult) -> str:
    """How assessors are combined: the instrument's ``combine`` (``mean`` by default)."""
    return getattr(result.instrument, "combine", None) or "mean"


# -- which files are in force --------------------------------------------------------------
@dataclass
class InForce:
    """What :func:`in_force` decided.

    Attributes:
        result: the files in force combined (one kind per year), with the
            conflicts added to its report; None without any file.
        kinds: kinds available to choose from, the default's first.
        files: kind → file names of that kind.
        chosen: year → kind in force.
        rule: year → why: ``choice`` (named in the URL), ``only`` (one kind
            that year) or ``default`` (the preference of :func:`in_force`).
        choice: the requested kind when it exists, else None.
        conflicts: year → list of ``(kind, files, districts)`` of the kinds
            not in force that also score districts of the kind in force.
    """

    result: AssessmentResult | None
    kinds: list[str] = field(default_factory=list)
    files: dict[str, list[str]] = field(default_factory=dict)
    chosen: dict[int, str] = field(default_factory=dict)
    rule: dict[int, str] = field(default_factory=dict)
    choice: str | None = None
    conflicts: dict[int, list[tuple[str, list[str], list[str]]]] = field(default_factory=dict)

    def files_in_force(self, year: int | None = None) -> list[str]:
        """File names in force for ``year`` (all years when None)."""
        years = [year] if year is not None else list(self.chosen)
        kinds = {self.chosen[y] for y in years if y in self.chosen}
        return [f for k in self.kinds if k in kinds for f in self.files.get(k, [])]


def _of_year(result: AssessmentResult, year: int, keep_report: bool) -> AssessmentResult:
    return AssessmentResult(
        scores=result.scores[result.scores["year_assessed"] == year].reset_index(drop=True),
        totals=result.totals[result.totals["year_assessed"] == year].reset_index(drop=True),
        rejected=result.rejected if keep_report else result.rejected.iloc[0:0],
        report=result.report if keep_report else ValidationReport(counts={}),
        meta=result.meta,
        synthetic=result.synthetic,
        instrument=result.instrument,
    )


def _districts(result: AssessmentResult, year: int) -> set[str]:
    s = result.scores[(result.scores["year_assessed"] == year) & (result.scores["status"] == "scored")]
    t = result.totals[(result.totals["year_assessed"] == year) & result.totals["value"].notna()]
    return {str(c) for c in pd.concat([s["code"], t["code"]]).dropna()}


def _preference(results: list[AssessmentResult], year: int, kind: str) -> tuple:
    totals = pd.concat([r.totals[r.totals["year_assessed"] == year] for r in results])
    has = totals["value"].notna()
    n_total = totals.loc[has & totals["kind"].isin(["total", "final", "mean"]), "code"].nunique()
    n_rank = totals.loc[has & (totals["kind"] == "rank"), "code"].nunique()
    n_scored = len(set().union(*(_districts(r, year) for r in results)))
    first = min(str(r.meta.get("file") or "") for r in results)
    return (-int(n_total), -int(n_rank), kind != "rekap", -n_scored, first)


def in_force(results: list[AssessmentResult], choice: str | None = None) -> InForce:
    """Which of several loaded files are in force, year by year, and their
    result (see the module docstring for the rule).

    Args:
        results: loaded files (:func:`~kp2s_dashboard.assessment.load_workbook`).
        choice: a kind (``rekap`` | ``matrix`` | ``assessor`` …) asked for,
            e.g. from the URL; an unknown kind is ignored.

    Returns:
        :class:`InForce`. Its ``result`` is never a blend of kinds; each
        conflict is a warning ``asm.conflict_sources`` in its report (file =
        the file not in force).
    """
    from kp2s_dashboard.assessment.loaders import combine_results

    if not results:
        return InForce(result=None)
    kinds_of = [file_kind(r) for r in results]
    files: dict[str, list[str]] = {}
    for r, k in zip(results, kinds_of):
        files.setdefault(k, []).append(str(r.meta.get("file") or ""))
    by_year: dict[int, dict[str, list[int]]] = {}
    for i, r in enumerate(results):
        for y in years_of(r):
            by_year.setdefault(y, {}).setdefault(kinds_of[i], []).append(i)
    choice = choice if choice in files else None
    chosen: dict[int, str] = {}
    rule: dict[int, str] = {}
    conflicts: dict[int, list] = {}
    overall: dict[str, tuple] = {}
    for y, groups in by_year.items():
        prefs = {k: _preference([results[i] for i in idx], y, k) for k, idx in groups.items()}
        for k, p in prefs.items():
            overall[k] = min(overall.get(k, p), p)
        if choice in groups:
            chosen[y], rule[y] = choice, "choice"
        else:
            chosen[y] = min(groups, key=lambda k: prefs[k])
            rule[y] = "only" if len(groups) == 1 else "default"
        mine = set().union(*(_districts(results[i], y) for i in groups[chosen[y]]))
        for k, idx in groups.items():
            if k == chosen[y]:
                continue
            theirs = set().union(*(_districts(results[i], y) for i in idx))
            both = [c for c in registry().district_codes() if c in mine & theirs]
            if both:
                conflicts.setdefault(y, []).append((k, [files_name(results[i]) for i in idx], both))
    kinds = sorted(files, key=lambda k: overall.get(k, (math.inf,)))
    pieces: list[AssessmentResult] = []
    reported: set[int] = set()
    for y in sorted(by_year):
        for i in by_year[y][chosen[y]]:
            pieces.append(_of_year(results[i], y, i not in reported))
            reported.add(i)
    for i, r in enumerate(results):  # files without any year keep their findings
        if not years_of(r):
            pieces.append(r)
    if len(pieces) == 1:  # a copy: the conflicts must not go into the file's own (cached) report
        one = pieces[0]
        combined = AssessmentResult(scores=one.scores, totals=one.totals, rejected=one.rejected,
                                    report=_copy_report(one.report), meta=one.meta, synthetic=one.synthetic,
                                    instrument=one.instrument)
    else:
        combined = combine_results(pieces) if pieces else None
    if combined is not None:
        combined.meta = dict(combined.meta)
        combined.meta["files"] = [files_name(results[i]) for i in sorted(reported)] or [files_name(r) for r in results]
        combined.meta["in_force"] = {int(y): k for y, k in chosen.items()}
        for y, items in sorted(conflicts.items()):
            for kind, other_files, codes in items:
                add_conflict(combined.report, y, chosen[y], [files_name(results[i]) for i in by_year[y][chosen[y]]],
                             kind, other_files, codes)
    return InForce(result=combined, kinds=kinds, files=files, chosen=chosen, rule=rule, choice=choice,
                   conflicts=conflicts)


def files_name(result: AssessmentResult) -> str:
    """The file name a result was read from."""
    return str(result.meta.get("file") or ", ".join(result.meta.get("files") or []))


def _copy_report(report: ValidationReport) -> ValidationReport:
    out = ValidationReport(problems=list(report.problems), notes=list(report.notes), counts=dict(report.counts))
    return out


def add_conflict(report: ValidationReport, year: int, kind: str, files: list[str], other_kind: str,
                 other_files: list[str], codes: list[str]) -> None:
    """Record that ``other_files`` (of ``other_kind``) also score ``codes``
    for ``year`` while ``files`` (of ``kind``) are in force: a warning
    ``asm.conflict_sources`` located at the first other file."""
    reg = registry()
    report.add(
        "asm.conflict_sources",
        Location(file=other_files[0] if other_files else None),
        "warning",
        year=year,
        districts=", ".join(reg.short_name(c) for c in codes),
        n=len(codes),
        other=", ".join(other_files),
        other_kind=other_kind,
        files=", ".join(files),
        kind=kind,
    )


def conflict_report(results: list[AssessmentResult], choice: str | None = None) -> ValidationReport:
    """The conflicts between kinds of files of the same year (the warnings
    :func:`in_force` adds, with ``choice`` — the kind named in the URL, the
    same as on Aksi, Profil and the deck — or the default rule), for a
    combined validation report."""
    report = ValidationReport(counts={})
    decided = in_force(results, choice)
    if decided.result is None:
        return report
    return ValidationReport(problems=[p for p in decided.result.report.problems if p.key == "asm.conflict_sources"],
                            counts={})


# -- the district's score and rank -----------------------------------------------------------
def _first_by_code(frame: pd.DataFrame, column: str = "value") -> dict[str, float]:
    out: dict[str, float] = {}
    for code, value in zip(frame["code"], frame[column]):
        if isinstance(code, str) and code not in out and pd.notna(value):
            out[code] = float(value)
    return out


def _workbook_values(totals: pd.DataFrame, how: str) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """Per kind (final, total, mean) code → the file's stated overall value
    (per-assessor ``Jumlah`` rows combined with ``how`` count as ``total``
    where no overall one is given), and the stated ranks."""
    overall = totals[totals["component"].isna() & totals["assessor"].isna()]
    values = {kind: _first_by_code(overall[overall["kind"] == kind]) for kind in RANK_KINDS}
    per_assessor = totals[(totals["component"] == "__weighted__") & (totals["kind"] == "total") & totals["value"].notna()]
    if len(per_assessor):
        combined = per_assessor.groupby("code", sort=False)["value"].agg(lambda v: sc._agg(v, how))
        for code, value in combined.items():
            values["total"].setdefault(str(code), float(value))
    ranks = {c: int(v) for c, v in _first_by_code(overall[overall["kind"] == "rank"]).items()}
    return values, ranks


def _action_cells(scores: pd.DataFrame, component: str | None, how: str) -> tuple[pd.DataFrame, str | None]:
    components = sc.action_components(scores)
    if component not in components:
        component = components[0] if components else None
    if not components:
        return sc.action_scores(scores.iloc[0:0], None, how), None
    rows = scores[scores["component"].isna()] if component is None else scores
    return sc.action_scores(rows, component, how), component


def _one_year(result: AssessmentResult, year: int, component: str | None, how: str) -> pd.DataFrame:
    scores = result.scores[result.scores["year_assessed"] == year].reset_index(drop=True)
    totals = result.totals[result.totals["year_assessed"] == year].reset_index(drop=True)
    tot = sc.district_totals(scores, totals, how)
    tot = tot.groupby("code", sort=False).agg(
        period=("period", "first"), name=("name", "first"), total_computed=("total_computed", "first"),
        rank_workbook=("rank_workbook", "first"), n_scored=("n_scored", "sum"), n_not_scored=("n_not_scored", "sum"),
    ).reset_index()
    cells, _ = _action_cells(scores, component, how)
    n_actions = cells["action"].nunique() if len(cells) else 0
    by_code = {}
    for code, part in cells.groupby("code", sort=False):
        full = bool((part["n_scored"] == part["n_items"]).all()) and part["action"].nunique() == n_actions
        by_code[str(code)] = (float(part["score_pct"].mean()) if part["score_pct"].notna().any() else math.nan, full)
    values, stated = _workbook_values(totals, how)
    present = [k for k in RANK_KINDS if values[k]]
    n = len(tot)
    score = np.full(n, math.nan)
    notes = [""] * n
    codes = [str(c) for c in tot["code"]]
    # score cells of a district that could not be read (a word, an out-of-scale number) are parts it lacks:
    # the district is incomplete, as with a cell left blank, never ranked on the cells that remain
    rej = result.rejected
    if {"code", "year_assessed"} <= set(rej.columns):  # results built without them (older caches) have none
        rej = rej[rej["year_assessed"].eq(year).fillna(False).astype(bool) & rej["code"].notna()]
        n_rejected = rej["code"].astype(str).value_counts().reindex(codes, fill_value=0).to_numpy(dtype="int64")
    else:
        n_rejected = np.zeros(n, dtype="int64")
    complete = (tot["n_not_scored"].fillna(0).to_numpy() == 0) & (n_rejected == 0)
    if present:
        basis = explaining_kind(stated, values)[0] if stated else None
        basis = basis or present[0]
        for i, c in enumerate(codes):
            if c in values[basis]:
                score[i] = values[basis][c]
            else:
                notes[i] = "asm.result.no_value"
    elif tot["total_computed"].notna().any():
        basis = "computed"
        score = tot["total_computed"].to_numpy(dtype="float64", na_value=math.nan).copy()
        score[n_rejected > 0] = math.nan
        for i in range(n):
            if math.isnan(score[i]):
                notes[i] = "asm.result.incomplete" if not complete[i] else "asm.result.no_weights"
    elif by_code:
        basis = "action_mean"
        for i, c in enumerate(codes):
            mean, full = by_code.get(c, (math.nan, False))
            if full and complete[i] and not math.isnan(mean):
                score[i] = mean
            else:
                notes[i] = "asm.result.incomplete" if not math.isnan(mean) else "asm.result.no_value"
    else:
        basis = "none"
        notes = ["asm.result.no_total"] * n
    n_scored = tot["n_scored"].fillna(0).to_numpy(dtype="int64")
    n_parts = n_scored + tot["n_not_scored"].fillna(0).to_numpy(dtype="int64") + n_rejected
    return pd.DataFrame({
        "year_assessed": year,
        "period": tot["period"],
        "code": codes,
        "name": tot["name"],
        "score": score,
        "basis": basis,
        "total_source": "workbook" if basis in RANK_KINDS else ("weights" if basis == "computed" else "none"),
        "rank_workbook": [stated.get(c, pd.NA) for c in codes],
        "action_mean": [by_code.get(c, (math.nan, False))[0] for c in codes],
        "n_parts": n_parts,
        "n_scored": n_scored,
        "complete": complete,
        "note": notes,
    })


def district_result(result: AssessmentResult, year_assessed: int | None = None, component: str | None = "",
                    previous: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every district's score and rank for one assessment year.

    Args:
        result: the files in force (:func:`in_force`), or one file.
        year_assessed: the year; default (or a year not in the data) the newest.
        component: the component of the per-action scores whose mean is
            ``action_mean`` (and the basis when nothing else is); ``""`` or
            an unknown one takes the first, as the Aksi page and the deck do.
        previous: earlier ranks to compare with (``year_assessed``, ``code``,
            ``rank``, ``source``; e.g. the published ranks); ranks of earlier
            years in ``result`` (each by its own basis) come first. Ignored
            for sample data (``result.synthetic``): a sample rank is never
            compared with a published one
            (:func:`~kp2s_dashboard.assessment.published.sample_kept_apart`).

    Returns:
        One row per district of that year, best first (unranked last), with
        :data:`RESULT_COLUMNS`: ``score`` float64 (the value ranked, in the
        basis' units: the file's own for ``final``/``total``/``mean``/
        ``computed``, 0–100 for ``action_mean``; NaN when the district has
        none), ``basis`` str (one of :data:`BASES`, the same on every row),
        ``rank`` Int64 (<NA> without a score), ``rank_workbook`` Int64 (as
        stated in the file), ``action_mean`` float64 (0–100, the mean of the
        action cells the heatmap shows for that district), ``n_parts`` /
        ``n_scored`` Int64 (score cells read / scored), ``complete`` bool,
        ``note`` str (message key: ``asm.result.no_value`` |
        ``asm.result.incomplete`` | ``asm.result.no_weights`` |
        ``asm.result.no_total``, "" when ranked), and the previous rank
        (``previous_year_assessed``, ``rank_previous``, ``rank_change`` =
        previous − rank, ``previous_source``), plus ``total`` (= ``score``)
        and ``total_source`` for the older tables.
    """
    if sample_kept_apart(bool(result.synthetic), previous):
        previous = None
    how = combine_how(result)
    years = years_of(result)
    columns = list(RESULT_COLUMNS) + ["total", "total_source"]
    if not years:
        return pd.DataFrame({c: pd.Series(dtype=d if d != "str" else object) for c, d in RESULT_COLUMNS.items()} |
                            {"total": pd.Series(dtype="float64"), "total_source": pd.Series(dtype=object)})[columns]
    year = year_assessed if year_assessed in years else years[0]
    frames = [_one_year(result, y, component, how) for y in years if y <= year]
    every = pd.concat(frames, ignore_index=True)
    every["total"] = every["score"]
    ranked = sc.ranking(every, int(year), previous=previous, by="total")
    this = every[every["year_assessed"] == year].set_index("code")
    for column in ("score", "basis", "action_mean", "n_parts", "n_scored", "complete", "note"):
        ranked[column] = [this.at[c, column] for c in ranked["code"]]
    out = ranked[columns].copy()
    for column, dtype in RESULT_COLUMNS.items():
        if column == "previous_source":
            continue  # None where there is no previous rank, as sc.ranking gives it
        out[column] = out[column].astype(object).astype(dtype) if dtype != "str" else out[column].astype("str")
    return out.reset_index(drop=True)


def note_text(row: pd.Series | dict, lang: str = "id") -> str:
    """The note of a :func:`district_result` row in ``lang`` ("" when ranked):
    ``2 dari 3 nilai terisi; tidak diperingkat`` etc."""
    from kp2s_dashboard.i18n import t

    key = row["note"]
    if not key:
        return ""
    return t(key, lang, k=int(row["n_scored"]), n=int(row["n_parts"]), basis=t(f"asm.basis_rank.{row['basis']}", lang))
