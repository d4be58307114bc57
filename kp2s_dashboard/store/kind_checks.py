"""The five kinds of the store, registered in
:data:`kp2s_dashboard.store.kinds.REGISTRY`: each upload is read by that
kind's own loader (after the upload guard), and its figures per district
and year make the preview.

=========== ============================================ =====================================
kind        loader                                       figures (item, value)
=========== ============================================ =====================================
assessment  :func:`kp2s_dashboard.assessment.load_workbook` ``score`` and ``rank`` per district and
            on the whole new set, then                   assessment year from
            :func:`~kp2s_dashboard.assessment.in_force`   :func:`kp2s_dashboard.assessment.district_result`
prevalence  :func:`kp2s_dashboard.prevalence.loader.load_prevalence` ``SSGI · stunting`` … in percent
targets     :func:`kp2s_dashboard.prevalence.targets.load_targets`    the plan (``RPJMN 2025–2029``), percent
published   :func:`kp2s_dashboard.assessment.load_published_results`  ``rank``, ``score``; ``national: …``
boundaries  :func:`kp2s_dashboard.geo.load_boundaries`   ``area_km2`` (UTM 50S), no year
=========== ============================================ =====================================

**Assessment workbooks are a set.** The version in force of ``assessment``
is every workbook of the set (the Aksi and Validasi pages read them all,
:func:`kp2s_dashboard.store.datastore.current_files`). Publishing one
workbook makes a new version holding the set in force with that workbook
*added*, or *replacing* the workbook of the same file name. When nothing is
published yet, the set in force is the embedded demonstration workbooks
(``data/demo``, synthetic); they are not official data, so the first
published workbook starts a new set without them. Removing a workbook is
restoring an older version.
"""

from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from kp2s_dashboard.errors import KP2SError, Location, Problem
from kp2s_dashboard.store.content import _check_name
from kp2s_dashboard.store.errors import PublishError
from kp2s_dashboard.store.kinds import Candidate, Context, KindSpec, empty_figures, register, typed_figures

SHEETS = (".csv", ".xlsx", ".xlsm", ".xls", ".ods")
BOUNDARY_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip")


@contextmanager
def _as_file(name: str, content: bytes):
    """The bytes in a temporary file with the upload's own name, so the
    loaders' messages name it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(content)
        yield path


def _problems(exc: KP2SError) -> list[Problem]:
    return list(getattr(exc, "problems", None) or [exc.problem])


def _safe_name(candidate: Candidate) -> bool:
    try:
        candidate.name = _check_name(candidate.name)
    except PublishError as exc:
        candidate.errors = [exc.problem]
        return False
    return True


# -- prevalence ---------------------------------------------------------------------------------
def _check_prevalence(name: str, content: bytes, ctx: Context) -> Candidate:
    from kp2s_dashboard.prevalence.loader import HEADLINE
    from kp2s_dashboard.prevalence.upload import check_prevalence_upload

    c = Candidate(kind="prevalence", name=name, content=content)
    if not _safe_name(c):
        return c
    source = ctx.options.get("source") or None
    indicator = ctx.options.get("indicator") or HEADLINE
    try:
        loaded = check_prevalence_upload(name, content, default_source=source, default_indicator=indicator)
    except KP2SError as exc:
        problems = _problems(exc)
        if source is None and problems and all(p.key == "err.wide_needs_source" for p in problems):
            c.needs = "source"  # the page asks the editor instead of refusing
            c.warnings = problems
        else:
            c.errors = problems
        return c
    if source is not None:
        c.options = {"source": source, "indicator": indicator}
    c.warnings = list(loaded.warnings) + round_warnings(name, loaded.table)
    c.tables = {"prevalence": loaded.table}
    c.files = [(c.name, content)]
    c.summary = ("kelola.read_ok_prevalence", {"rows": len(loaded.table)})
    return c


def round_warnings(name: str, table: pd.DataFrame) -> list[Problem]:
    """A warning for every (source, year) of ``table`` in which that source
    had no round (:mod:`kp2s_dashboard.prevalence.survey_rounds`), naming
    the survey of that year when there was one (SSGI 2023 → SKI 2023)."""
    from kp2s_dashboard.prevalence.loader import SOURCE_LABELS
    from kp2s_dashboard.prevalence.survey_rounds import had_round, round_that_year

    out = []
    pairs = sorted({(str(s), int(y)) for s, y in zip(table["source"], table["year"])}, key=lambda p: (p[1], p[0]))
    for source, year in pairs:
        if had_round(source, year):
            continue
        that_year = ", ".join(f"{SOURCE_LABELS[s]} {year}" for s in round_that_year(year)) or "–"
        n = int(((table["source"] == source) & (table["year"] == year)).sum())
        out.append(Problem("kelola.no_round", {"source": SOURCE_LABELS.get(source, source), "year": year, "n": n,
                                               "instead": that_year}, Location(file=name), "warning"))
    return out


def _prevalence_figures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    from kp2s_dashboard.prevalence.loader import SOURCE_LABELS

    t = tables.get("prevalence")
    if t is None or t.empty:
        return empty_figures()
    item = [f"{SOURCE_LABELS.get(s, s)} · {i}" for s, i in zip(t["source"], t["indicator"])]
    return typed_figures(pd.DataFrame({"code": t["code"], "year": t["year"], "item": item, "value": t["value_pct"]}))


def _read_prevalence(paths: list[Path], options: dict[str, Any]) -> dict[str, pd.DataFrame]:
    from kp2s_dashboard.prevalence.loader import HEADLINE, load_prevalence

    loaded = load_prevalence(paths[0], default_source=options.get("source") or None,
                             default_indicator=options.get("indicator") or HEADLINE)
    return {"prevalence": loaded.table}


# -- targets ------------------------------------------------------------------------------------
def _check_targets(name: str, content: bytes, ctx: Context) -> Candidate:
    from kp2s_dashboard.prevalence.targets import load_targets
    from kp2s_dashboard.sheets import uploads

    c = Candidate(kind="targets", name=name, content=content)
    if not _safe_name(c):
        return c
    try:
        checked = uploads.check_upload(name, content, suffixes=(".csv",))
        with _as_file(name, content) as path:
            table = load_targets(path)
    except KP2SError as exc:
        c.errors = _problems(exc)
        return c
    c.warnings = list(checked.notes)
    c.tables = {"targets": table}
    c.files = [(c.name, content)]
    c.summary = ("kelola.read_ok_targets", {"rows": len(table)})
    return c


def _targets_figures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    t = tables.get("targets")
    if t is None or t.empty:
        return empty_figures()
    return typed_figures(pd.DataFrame({"code": t["code"], "year": t["year"], "item": t["label"],
                                       "value": t["target_pct"]}))


def _read_targets(paths: list[Path], options: dict[str, Any]) -> dict[str, pd.DataFrame]:
    from kp2s_dashboard.prevalence.targets import load_targets

    return {"targets": load_targets(paths[0])}


# -- published results --------------------------------------------------------------------------
def _check_published(name: str, content: bytes, ctx: Context) -> Candidate:
    from kp2s_dashboard.assessment import load_published_results
    from kp2s_dashboard.sheets import uploads

    c = Candidate(kind="published", name=name, content=content)
    if not _safe_name(c):
        return c
    try:
        checked = uploads.check_upload(name, content, suffixes=(".csv",))
        with _as_file(name, content) as path:
            loaded = load_published_results(path)
    except KP2SError as exc:
        c.errors = _problems(exc)
        return c
    c.errors = list(loaded.report.errors)
    c.warnings = list(checked.notes) + list(loaded.report.warnings)
    c.tables = {"published": loaded.table}
    c.files = [(c.name, content)]
    c.summary = ("kelola.read_ok_published", {"rows": len(loaded.table)})
    return c


def _published_figures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    t = tables.get("published")
    if t is None or t.empty:
        return empty_figures()
    prov = t[t["scope"] == "provincial"]
    nat = t[t["scope"] == "national"]
    parts = [
        pd.DataFrame({"code": prov["code"], "year": prov["year_assessed"], "item": "rank",
                      "value": prov["rank"].astype("Float64").astype(float)}),
        pd.DataFrame({"code": prov["code"], "year": prov["year_assessed"], "item": "score", "value": prov["score"]}),
        pd.DataFrame({"code": nat["code"], "year": nat["year_assessed"],
                      "item": [f"national: {n}" for n in nat["note"]], "value": float("nan")}),
    ]
    return typed_figures(pd.concat([p for p in parts if len(p)], ignore_index=True))


def _read_published(paths: list[Path], options: dict[str, Any]) -> dict[str, pd.DataFrame]:
    from kp2s_dashboard.assessment import load_published_results

    return {"published": load_published_results(paths[0]).table}


# -- boundaries ---------------------------------------------------------------------------------
def _boundary_table(gdf) -> pd.DataFrame:
    area = gdf.to_crs(32750).area / 1e6
    return pd.DataFrame({"code": gdf["code"].astype(str), "name": gdf["name"].astype(str),
                         "area_km2": area.astype(float).round(1).to_numpy()})


def _check_boundaries(name: str, content: bytes, ctx: Context) -> Candidate:
    from kp2s_dashboard.geo import load_boundaries
    from kp2s_dashboard.regions import registry
    from kp2s_dashboard.sheets import uploads

    c = Candidate(kind="boundaries", name=name, content=content)
    if not _safe_name(c):
        return c
    if Path(name).suffix.lower() not in BOUNDARY_SUFFIXES:
        c.errors = [Problem("err.file_format", {"suffix": Path(name).suffix, "expected": ", ".join(BOUNDARY_SUFFIXES)},
                            Location(file=name))]
        return c
    try:
        uploads.check_size(name, len(content))
        if Path(name).suffix.lower() == ".zip":  # a zipped Shapefile: entries, unpacked size and ratio bounded
            uploads.check_zip(content, name)
        with _as_file(name, content) as path:
            gdf = load_boundaries(path)
    except KP2SError as exc:
        c.errors = _problems(exc)
        return c
    missing = [registry().short_name(code) for code in registry().district_codes() if code not in set(gdf["code"])]
    if missing:
        c.warnings.append(Problem("kelola.geo_missing", {"districts": ", ".join(missing)}, Location(file=name),
                                  "warning"))
    for item in gdf.attrs.get("dropped", [])[:20]:
        c.warnings.append(Problem("kelola.geo_dropped", {"feature": str(item)}, Location(file=name), "warning"))
    table = _boundary_table(gdf)
    c.tables = {"boundaries": table}
    c.files = [(c.name, content)]
    c.summary = ("kelola.read_ok_boundaries", {"n": len(table)})
    return c


def _boundaries_figures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    t = tables.get("boundaries")
    if t is None or t.empty:
        return empty_figures()
    return typed_figures(pd.DataFrame({"code": t["code"], "year": [pd.NA] * len(t), "item": "area_km2",
                                       "value": t["area_km2"]}))


def _read_boundaries(paths: list[Path], options: dict[str, Any]) -> dict[str, pd.DataFrame]:
    from kp2s_dashboard.geo import load_boundaries

    return {"boundaries": _boundary_table(load_boundaries(paths[0]))}


# -- assessment workbooks (a set) ---------------------------------------------------------------
def _results_table(results: list) -> tuple[pd.DataFrame, Any]:
    """Score and rank per district and assessment year of a set of loaded
    workbooks: :func:`~kp2s_dashboard.assessment.in_force` then
    :func:`~kp2s_dashboard.assessment.district_result` for each year (the one
    definition the Aksi page, Profil and the deck use). Columns
    ``year_assessed`` Int64, ``code``/``name`` str, ``score`` float (the
    basis' units), ``basis`` str, ``rank`` Int64 and ``kind`` str, the kind
    of file in force that year (``rekap``, ``assessor``, …): a summary's
    Jumlah (0–200) and a per-assessor sheet's Jumlah (Σ skor × bobot) are both
    basis ``total`` but not one figure."""
    from kp2s_dashboard.assessment import district_result, in_force
    from kp2s_dashboard.assessment.result import years_of

    chosen = in_force(results)
    frames = []
    if chosen.result is not None:
        for year in years_of(chosen.result):
            r = district_result(chosen.result, year)[["year_assessed", "code", "name", "score", "basis", "rank"]]
            frames.append(r.assign(kind=chosen.chosen.get(int(year), "")))
    if not frames:
        return pd.DataFrame({"year_assessed": pd.Series(dtype="Int64"), "code": pd.Series(dtype=str),
                             "name": pd.Series(dtype=str), "score": pd.Series(dtype=float),
                             "basis": pd.Series(dtype=str), "rank": pd.Series(dtype="Int64"),
                             "kind": pd.Series(dtype=str)}), chosen
    return pd.concat(frames, ignore_index=True), chosen


def _check_assessment(name: str, content: bytes, ctx: Context) -> Candidate:
    from kp2s_dashboard.assessment import load_workbook
    from kp2s_dashboard.assessment.checking import UPLOAD_TYPES, check_upload

    c = Candidate(kind="assessment", name=name, content=content)
    if not _safe_name(c):
        return c
    if Path(name).suffix.lower().lstrip(".") not in UPLOAD_TYPES:
        c.errors = [Problem("err.file_format", {"suffix": Path(name).suffix,
                                                 "expected": ", ".join(f".{s}" for s in UPLOAD_TYPES)},
                            Location(file=name))]
        return c
    try:
        uploaded = check_upload(name, content)
    except KP2SError as exc:
        c.errors = _problems(exc)
        return c
    c.errors = list(uploaded.report.errors)
    c.warnings = list(uploaded.report.warnings)
    if c.errors:
        return c
    kept = [f for f in ctx.files if not f.is_default and f.name != c.name]
    c.replaces = c.name if any(not f.is_default and f.name == c.name for f in ctx.files) else None
    try:
        others = [load_workbook(f.path) for f in kept]
        files = [(f.name, Path(f.path).read_bytes()) for f in kept]
    except (KP2SError, OSError) as exc:
        c.errors = _problems(exc) if isinstance(exc, KP2SError) else [
            Problem("err.file_unreadable", {"detail": str(exc)}, Location(file=str(exc.filename or "")))]
        return c
    table, chosen = _results_table([*others, uploaded])
    if chosen.result is not None:  # the conflicts between kinds of files in the new set
        c.warnings += [p for p in chosen.result.report.warnings if p.key == "asm.conflict_sources"]
    c.files = sorted([*files, (c.name, content)], key=lambda f: f[0])
    c.tables = {"results": table}
    c.summary = ("kelola.read_ok_assessment", {"rows": len(table), "files": len(c.files),
                                               "names": ", ".join(n for n, _ in c.files)})
    return c


def _assessment_figures(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    t = tables.get("results")
    if t is None or t.empty:
        return empty_figures()
    # the basis (Nilai Akhir, Jumlah, a total computed from weights, …) goes with both: the same district's score
    # on another basis is not the same figure changed (the preview says so)
    # and so does the kind of file (``total@rekap``): tables stored before the kind was kept have none
    basis = t["basis"].astype(str)
    if "kind" in t.columns:
        kind = t["kind"].fillna("").astype(str)
        basis = basis.where(kind == "", basis + "@" + kind)
    parts = [pd.DataFrame({"code": t["code"], "year": t["year_assessed"], "item": "score", "value": t["score"],
                           "basis": basis}),
             pd.DataFrame({"code": t["code"], "year": t["year_assessed"], "item": "rank",
                           "value": t["rank"].astype("Float64").astype(float), "basis": basis})]
    return typed_figures(pd.concat(parts, ignore_index=True))


def _read_assessment(paths: list[Path], options: dict[str, Any]) -> dict[str, pd.DataFrame]:
    from kp2s_dashboard.assessment import load_workbook

    table, _ = _results_table([load_workbook(p) for p in paths])
    return {"results": table}


register(KindSpec("prevalence", "kelola.kind_prevalence", SHEETS, _check_prevalence, _prevalence_figures,
                  _read_prevalence, asks_source=True, columns_key="notes.columns_prevalence"))
register(KindSpec("assessment", "kelola.kind_assessment", (".xlsx", ".xlsm", ".xls", ".ods"), _check_assessment,
                  _assessment_figures, _read_assessment, multi_file=True))
register(KindSpec("targets", "kelola.kind_targets", (".csv",), _check_targets, _targets_figures, _read_targets,
                  columns_key="notes.columns_targets"))
register(KindSpec("published", "kelola.kind_published", (".csv",), _check_published, _published_figures,
                  _read_published, columns_key="notes.columns_published"))
register(KindSpec("boundaries", "kelola.kind_boundaries", BOUNDARY_SUFFIXES, _check_boundaries,
                  _boundaries_figures, _read_boundaries))

__all__ = ["round_warnings"]
