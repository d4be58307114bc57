"""Reading assessment workbooks into the tidy table, with a validation report.

:func:`load_workbook` is the entry point. It detects the layout of every
table in every sheet (:mod:`kp2s_dashboard.assessment.layouts`), reads
cached values of formulas (and names the cells that have none), treats
``-``/blank as "not scored", reads decimal commas, keeps indicator codes as
text, maps district names in any registry spelling to BPS codes, and
records every problem with its file, sheet and cell. Nothing is dropped
silently: a cell that cannot be used is listed in ``rejected`` with the key
of its problem.

The rows of each table are read by the reader of its layout
(:mod:`~kp2s_dashboard.assessment.rekap_reader`,
:mod:`~kp2s_dashboard.assessment.matrix_reader`,
:mod:`~kp2s_dashboard.assessment.assessor_reader`, sharing
:mod:`~kp2s_dashboard.assessment.table_reader`); checks across tables
(duplicates, coverage, the rank check) are in
:mod:`~kp2s_dashboard.assessment.cross_checks`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from typing import Any

from kp2s_dashboard.sheets import grid as gridmod
from kp2s_dashboard.sheets.grid import Book, a1
from kp2s_dashboard.sheets.formulas import group_by_column
from kp2s_dashboard.assessment.assessor_reader import AssessorReader
from kp2s_dashboard.assessment.cross_checks import (
    _check_coverage,
    _check_duplicates,
    _check_ranks,
    _note_weights,
    _weights_meta,
)
from kp2s_dashboard.assessment.instruments import Instrument, load_instrument
from kp2s_dashboard.assessment.layouts import Table, classify_label, find_tables, title_pairs
from kp2s_dashboard.assessment.matrix_reader import MatrixReader
from kp2s_dashboard.assessment.model import (
    REJECTED_COLUMNS,
    TOTAL_COLUMNS,
    AssessmentResult,
    ValidationReport,
    frame,
)
from kp2s_dashboard.assessment.rekap_reader import RekapReader
from kp2s_dashboard.assessment.table_reader import TableReader, _Out, _Years
from kp2s_dashboard.assessment.values import format_raw
from kp2s_dashboard.errors import Location

SYNTHETIC_MARKS = ("sintetis", "synthetic", "data contoh", "kp2s:synthetic")
#: the reader of each layout; any other layout is read per assessor
READERS: dict[str, type[TableReader]] = {"rekap": RekapReader, "matrix": MatrixReader}


def load_workbook(
    path: str | Path,
    *,
    year_assessed: int | None = None,
    period: int | None = None,
    instrument: Instrument | None = None,
    display_name: str | None = None,
) -> AssessmentResult:
    """Read one assessment workbook (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``).

    Args:
        path: the file.
        year_assessed: year the assessment was held; overrides the title
            block (a different year written in the file is reported).
        period: performance year scored; same rules.
        instrument: the instrument to use; default: the one for the
            workbook's ``year_assessed`` from ``data/instruments``.
        display_name: file name used in messages (e.g. an upload's name).

    Returns:
        :class:`~kp2s_dashboard.assessment.model.AssessmentResult`:
        ``scores`` (tidy, columns and dtypes in
        :data:`~kp2s_dashboard.assessment.model.SCORE_COLUMNS`), ``totals``
        (the workbook's own totals and ranks, checked against their parts),
        ``rejected`` and ``report``. Scores are as written on their scale;
        :mod:`~kp2s_dashboard.assessment.scoring` normalises them to 0–100.

    Raises:
        DataError: ``err.file_format`` / ``err.file_unreadable`` when the
            file cannot be opened at all. Every other problem is in
            ``report`` (errors, warnings, notes), never raised.
    """
    book = gridmod.read_book(path, display_name)
    return read_book_result(book, year_assessed=year_assessed, period=period, instrument=instrument)


def read_book_result(
    book: Book,
    *,
    year_assessed: int | None = None,
    period: int | None = None,
    instrument: Instrument | None = None,
) -> AssessmentResult:
    """:func:`load_workbook` on an already-read :class:`~kp2s_dashboard.sheets.grid.Book`."""
    report = ValidationReport()
    out = _Out()
    file = book.file
    synthetic = _is_synthetic(book)
    base_instrument = instrument or load_instrument(year_assessed or (period + 1 if period else None))

    # 1. find tables (with the base instrument's vocabulary: component names etc.)
    sheet_tables: dict[str, list[Table]] = {}
    for sheet in book.sheets:
        sheet_tables[sheet.name] = find_tables(sheet, base_instrument)

    # 2. years, from arguments or title blocks
    years_by_sheet, panel, province = _years(book, sheet_tables, year_assessed, period, report)
    layouts: dict[str, str | None] = {}
    instruments: dict[int | None, Instrument] = {}

    def instrument_for(year: int | None) -> Instrument:
        if instrument is not None:
            return instrument
        if year not in instruments:
            instruments[year] = load_instrument(year)
        return instruments[year]

    any_table = False
    for sheet in book.sheets:
        tables = sheet_tables[sheet.name]
        layouts[sheet.name] = tables[0].layout if tables else None
        if not tables:
            if sheet.values:
                report.add("asm.note_sheet_skipped", Location(file=file, sheet=sheet.name), "info")
            continue
        any_table = True
        if sheet.state != "visible":
            report.add("err.asm_hidden_sheet", Location(file=file, sheet=sheet.name), "warning")
        years = years_by_sheet[sheet.name]
        inst = instrument_for(years.year_assessed)
        if inst.components != base_instrument.components or inst.actions != base_instrument.actions:
            tables = find_tables(sheet, inst)  # that year's vocabulary (component and action names)
        previous_end = 0
        for table in tables:
            reader = READERS.get(table.layout, AssessorReader)(file, sheet, table, inst, years, report, out, previous_end)
            rows_before = report.counts["rows_read"]
            reader.read()
            if report.counts["rows_read"] == rows_before:
                # a header and nothing under it (rows deleted, or hidden under a merged range): never an empty "ok"
                report.add("err.asm_table_empty", Location(file=file, sheet=sheet.name,
                                                           cell=a1(table.key_row, table.first_col), row=table.key_row),
                           "error")
            previous_end = table.end
    if not any_table:
        report.add("err.asm_no_table", Location(file=file), "error")

    # formulas without a stored value: one finding per sheet and column, not one per cell
    report.problems[:] = group_by_column(report.problems)
    _check_duplicates(out, report)
    _check_coverage(out, report, file, base_instrument)
    _check_ranks(out, report)
    _note_weights(out, report, file, base_instrument)

    scores = out.scores.frame()
    totals = frame(out.totals, TOTAL_COLUMNS)
    rejected = frame(out.rejected, REJECTED_COLUMNS)
    report.counts["cells_scored"] = out.scores.data["status"].count("scored")
    report.counts["cells_not_scored"] = out.scores.data["status"].count("not_scored")
    report.counts["cells_rejected"] = len(rejected)
    report.counts["cells_read"] = len(scores) + len(rejected)

    all_years = {y.year_assessed for y in years_by_sheet.values() if y.year_assessed}
    all_periods = {y.period for y in years_by_sheet.values() if y.period}
    inst_used = instrument_for(next(iter(all_years)) if len(all_years) == 1 else None) if any_table else base_instrument
    if inst_used.requested_year and inst_used.requested_year != inst_used.year_assessed:
        report.add(
            "asm.note_instrument_fallback",
            Location(file=file),
            "info",
            year=inst_used.requested_year,
            used=inst_used.year_assessed,
        )
    meta = {
        "file": file,
        "layouts": sorted({v for v in layouts.values() if v}),
        "sheets": layouts,
        "year_assessed": next(iter(all_years)) if len(all_years) == 1 else None,
        "period": next(iter(all_periods)) if len(all_periods) == 1 else None,
        "province": province,
        "panel": panel,
        "instrument_year": inst_used.year_assessed,
        "weights": _weights_meta(out),
    }
    return AssessmentResult(
        scores=scores,
        totals=totals,
        rejected=rejected,
        report=report,
        meta=meta,
        synthetic=synthetic,
        instrument=inst_used,
    )


# -- workbook-level facts -----------------------------------------------------------------
def _is_synthetic(book: Book) -> bool:
    props = f"{book.keywords} {book.subject}".lower()
    if any(mark in props for mark in SYNTHETIC_MARKS):
        return True
    try:  # distinct values first (in C), then their texts
        distinct = set().union(*(sheet.values.values() for sheet in book.sheets))
    except TypeError:  # an unhashable value
        distinct = [value for sheet in book.sheets for value in sheet.values.values()]
    texts = {value for value in distinct if isinstance(value, str)}
    # one search over all texts; a line break between them: no mark spans two texts
    joined = "\n".join(texts).lower()
    return any(mark in joined for mark in SYNTHETIC_MARKS)


def _year_from(value: Any) -> int | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 2000 <= float(value) <= 2100:
        return int(value)
    found = re.findall(r"(?<!\d)(20\d\d)(?!\d)", str(value))
    return int(found[-1]) if found else None


def _declared_years(
    book: Book,
    sheet_tables: dict[str, list[Table]],
    report: ValidationReport,
) -> tuple[dict[str, dict[str, tuple[int, str]]], list[str], str | None]:
    """What the title block above each sheet's first table states: per sheet
    the year assessed, period and date found (kind → (year, cell)), plus the
    panel's names and the province; unreadable years are reported."""
    declared: dict[str, dict[str, tuple[int, str]]] = {}
    panel: list[str] = []
    province: str | None = None
    for sheet in book.sheets:
        tables = sheet_tables[sheet.name]
        last = tables[0].top - 1 if tables else sheet.max_row
        found: dict[str, tuple[int, str]] = {}
        for label, value, cell in title_pairs(sheet, 1, last):
            kind = classify_label(label)
            if kind in ("period", "year_assessed") and kind not in found:
                year = _year_from(value)
                if year is not None:
                    found[kind] = (year, cell)
                elif value is not None and re.search(r"\d", str(value)):
                    # "2O24", "20245": a year was meant but cannot be read
                    report.add(
                        "err.asm_year_unreadable",
                        Location(file=book.file, sheet=sheet.name, cell=cell),
                        "warning",
                        value=format_raw(value),
                    )
            elif kind == "date" and "date" not in found:
                year = _year_from(value)
                if year is not None:
                    found["date"] = (year, cell)
            elif kind == "panel" and value is not None and str(value).strip() not in ("", ":"):
                panel.append(str(value).strip())
            elif kind == "province" and province is None:
                province = str(value).strip()
        declared[sheet.name] = found
    return declared, panel, province


def _years(
    book: Book,
    sheet_tables: dict[str, list[Table]],
    year_assessed: int | None,
    period: int | None,
    report: ValidationReport,
) -> tuple[dict[str, _Years], list[str], str | None]:
    declared, panel, province = _declared_years(book, sheet_tables, report)
    book_level: dict[str, tuple[int, str]] = {}
    for found in declared.values():
        for kind, item in found.items():
            book_level.setdefault(kind, item)
    out: dict[str, _Years] = {}
    reported_missing = False
    for sheet in book.sheets:
        # a sheet that states a year keeps to it (the other one is inferred);
        # only a sheet stating none takes the years of the workbook
        own = declared[sheet.name]
        found = own if any(k in own for k in ("year_assessed", "period", "date")) else dict(book_level)
        if (
            "year_assessed" in found
            and "period" in found
            and found["year_assessed"][0] == found["period"][0]
            and sheet_tables[sheet.name]
            and year_assessed is None
            and period is None
        ):
            report.add(
                "err.asm_year_equals_period",
                Location(file=book.file, sheet=sheet.name, cell=found["period"][1]),
                "warning",
                year=found["year_assessed"][0],
                cell_year=found["year_assessed"][1],
            )
        ya = found.get("year_assessed", (None, None))[0]
        pe = found.get("period", (None, None))[0]
        if ya is None and "date" in found:
            ya = found["date"][0]
        for given, kind in ((year_assessed, "year_assessed"), (period, "period")):
            if given is not None and kind in found and found[kind][0] != given:
                report.add(
                    "err.asm_year_conflict",
                    Location(file=book.file, sheet=sheet.name, cell=found[kind][1]),
                    "warning",
                    written=found[kind][0],
                    given=given,
                )
        ya = year_assessed if year_assessed is not None else ya
        pe = period if period is not None else pe
        inferred = False
        if ya is None and pe is not None:
            ya, inferred = pe + 1, True
        if pe is None and ya is not None:
            pe, inferred = ya - 1, True
        if inferred and sheet_tables[sheet.name]:
            report.add("asm.note_year_inferred", Location(file=book.file, sheet=sheet.name), "info", year_assessed=ya, period=pe)
        if ya is None and sheet_tables[sheet.name] and not reported_missing:
            report.add("err.asm_year_missing", Location(file=book.file, sheet=sheet.name), "error")
            reported_missing = True
        out[sheet.name] = _Years(ya, pe)
    return out, panel, province


def combine_results(results: list[AssessmentResult]) -> AssessmentResult:
    """Several loaded workbooks as one result (e.g. one file per panelist,
    or one per assessment year).

    Tables are concatenated; reports merged; a score that two files both
    give (same year, district, action, indicator, component, assessor) is
    reported as ``err.asm_duplicate`` and the later one moved to
    ``rejected``. ``synthetic`` is True when any input is synthetic (the
    banner must then be shown). ``meta["files"]`` lists the files.
    """
    report = ValidationReport()
    out = _Out()
    for result in results:
        report.merge(result.report)
        out.scores.extend(result.scores.astype(object).where(result.scores.notna(), None).to_dict("records"))
        out.totals.extend(result.totals.astype(object).where(result.totals.notna(), None).to_dict("records"))
        out.rejected.extend(result.rejected.astype(object).where(result.rejected.notna(), None).to_dict("records"))
    for column in ("score", "weight", "weighted"):
        values = out.scores.data[column]
        values[:] = [math.nan if value is None else value for value in values]
    before = len(out.rejected)
    _check_duplicates(out, report)
    moved = len(out.rejected) - before
    scores = out.scores.frame()
    report.counts["cells_scored"] = out.scores.data["status"].count("scored")
    report.counts["cells_not_scored"] = out.scores.data["status"].count("not_scored")
    report.counts["cells_rejected"] = report.counts.get("cells_rejected", 0) + moved
    years = {r.meta.get("year_assessed") for r in results}
    periods = {r.meta.get("period") for r in results}
    meta = {
        "files": [r.meta.get("file") for r in results],
        "layouts": sorted({layout for r in results for layout in r.meta.get("layouts", [])}),
        "year_assessed": next(iter(years)) if len(years) == 1 else None,
        "period": next(iter(periods)) if len(periods) == 1 else None,
        "panel": [name for r in results for name in r.meta.get("panel", [])],
        "weights": {k: v for r in results for k, v in r.meta.get("weights", {}).items()},
    }
    return AssessmentResult(
        scores=scores,
        totals=frame(out.totals, TOTAL_COLUMNS),
        rejected=frame(out.rejected, REJECTED_COLUMNS),
        report=report,
        meta=meta,
        synthetic=any(r.synthetic for r in results),
        instrument=results[0].instrument if results else None,
    )
