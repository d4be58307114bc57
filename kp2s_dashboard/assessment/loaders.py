"""Reading assessment workbooks into the tidy table, with a validation report.

:func:`load_workbook` is the entry point. It detects the layout of every
table in every sheet (:mod:`kp2s_dashboard.assessment.layouts`), reads
cached values of formulas (and names the cells that have none), treats
``-``/blank as "not scored", reads decimal commas, keeps indicator codes as
text, maps district names in any registry spelling to BPS codes, and
records every problem with its file, sheet and cell. Nothing is dropped
silently: a cell that cannot be used is listed in ``rejected`` with the key
of its problem.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kp2s_dashboard.sheets import grid as gridmod
from kp2s_dashboard.sheets.grid import Book, Sheet, a1
from kp2s_dashboard.assessment.instruments import Instrument, Scale, load_instrument
from kp2s_dashboard.assessment.layouts import (
    Column,
    Table,
    classify_label,
    district_code,
    district_suggestions,
    find_district_in_text,
    find_tables,
    title_pairs,
)
from kp2s_dashboard.assessment.ranks import RANK_KINDS, explaining_kind
from kp2s_dashboard.assessment.model import (
    REJECTED_COLUMNS,
    SCORE_COLUMNS,
    TOTAL_COLUMNS,
    AssessmentResult,
    ValidationReport,
    frame,
)
from kp2s_dashboard.assessment.values import (
    CodeParse,
    format_raw,
    header_action,
    header_assessor,
    header_kind,
    is_not_scored,
    looks_like_signature,
    norm,
    parse_indicator_code,
    parse_number,
    parse_score,
)
from kp2s_dashboard.errors import Location, RegionNotFoundError
from kp2s_dashboard.regions import registry

SYNTHETIC_MARKS = ("sintetis", "synthetic", "data contoh", "kp2s:synthetic")
PROVINCE_ROW_WORDS = ("provinsi", "kalimantan selatan", "kalsel", "prov. kalsel", "rata-rata provinsi")


@dataclass
class _Out:
    scores: list[dict[str, Any]] = field(default_factory=list)
    totals: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    #: overall totals stated in rows that were not used (unknown or repeated
    #: district): they still take a place in the file's own ranking
    stated: list[dict[str, Any]] = field(default_factory=list)
    #: out-of-scale cells per (file, sheet): totals count them as written,
    #: so the file's ranks may or may not; those ranks are not checked
    out_of_scale: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class _Years:
    year_assessed: int | None
    period: int | None


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
            reader = _TableReader(file, sheet, table, inst, years, report, out, previous_end)
            reader.read()
            previous_end = table.end
    if not any_table:
        report.add("err.asm_no_table", Location(file=file), "error")

    _check_duplicates(out, report)
    _check_coverage(out, report, file, base_instrument)
    _check_ranks(out, report)
    _note_weights(out, report, file, base_instrument)

    scores = frame(out.scores, SCORE_COLUMNS)
    totals = frame(out.totals, TOTAL_COLUMNS)
    rejected = frame(out.rejected, REJECTED_COLUMNS)
    report.counts["cells_scored"] = int((scores["status"] == "scored").sum())
    report.counts["cells_not_scored"] = int((scores["status"] == "not_scored").sum())
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
    for sheet in book.sheets:
        for value in sheet.values.values():
            if isinstance(value, str) and any(mark in value.lower() for mark in SYNTHETIC_MARKS):
                return True
    return False


def _year_from(value: Any) -> int | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 2000 <= float(value) <= 2100:
        return int(value)
    found = re.findall(r"(?<!\d)(20\d\d)(?!\d)", str(value))
    return int(found[-1]) if found else None


def _years(
    book: Book,
    sheet_tables: dict[str, list[Table]],
    year_assessed: int | None,
    period: int | None,
    report: ValidationReport,
) -> tuple[dict[str, _Years], list[str], str | None]:
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


# -- reading one table ----------------------------------------------------------------------------
class _TableReader:
    def __init__(
        self,
        file: str,
        sheet: Sheet,
        table: Table,
        instrument: Instrument,
        years: _Years,
        report: ValidationReport,
        out: _Out,
        previous_end: int,
    ):
        self.file, self.sheet, self.table, self.instrument = file, sheet, table, instrument
        self.years, self.report, self.out = years, report, out
        self.previous_end = previous_end
        self.last_data_row = table.bottom
        self.declared_scale = self.scale_from_title()
        #: numbers of rejected out-of-scale cells, as written: Excel's SUM
        #: counts them, so the file's totals are checked with them
        self.raw_numbers: dict[tuple[int, int], float] = {}

    def scale_from_title(self) -> Scale | None:
        """A scale written above the table (``Skala : 1-4``, ``Skala : A-D``);
        it applies to score columns whose header states none."""
        found = None
        for label, value, cell in title_pairs(self.sheet, 1, self.table.top - 1):
            if classify_label(label) != "scale" or value is None:
                continue
            text = norm(value)
            if text in ("huruf", "a-d", "a–d", "a, b, c, d", "a,b,c,d", "a/b/c/d"):
                found = self.instrument.scale("huruf") if "huruf" in self.instrument.scales else None
            else:
                try:
                    found = self.instrument.scale(text)
                except KeyError:
                    found = None
            if found is None:
                self.report.add(
                    "err.asm_scale_unknown",
                    Location(file=self.file, sheet=self.sheet.name, cell=cell),
                    "warning",
                    value=format_raw(value),
                )
        return found

    def default_scale(self, layout: str) -> Scale:
        """The scale for score cells whose header states none."""
        return self.declared_scale or self.instrument.layout_scale(layout)

    # helpers -------------------------------------------------------------------------
    def loc(self, row: int, col: int) -> Location:
        return Location(file=self.file, sheet=self.sheet.name, cell=a1(row, col))

    def add(self, key: str, row: int, col: int, severity: str = "error", **params: Any) -> None:
        self.report.add(key, self.loc(row, col), severity, **params)

    def reject(self, row: int, col: int, key: str) -> None:
        self.out.rejected.append(
            {
                "file": self.file,
                "sheet": self.sheet.name,
                "cell": a1(row, col),
                "raw": format_raw(self.sheet.get(row, col)),
                "key": key,
            }
        )

    def row_is_signature(self, row: int) -> bool:
        """True when a text cell of the row belongs to a signature block."""
        t = self.table
        return any(looks_like_signature(v) for _, v in self.sheet.row_values(row, t.first_col, t.last_col) if isinstance(v, str))

    def row_has_values(self, row: int, columns: list[Column]) -> bool:
        for column in columns:
            key = (row, column.col)
            if key in self.sheet.uncached or key in self.sheet.errors:
                return True
            if not is_not_scored(self.sheet.get(row, column.col)):
                return True
        return False

    def read_score(self, row: int, column: Column, scale: Scale) -> tuple[str, float | None, str, str]:
        """(status, score, raw, problem key) for one score cell; status is
        scored / not_scored / invalid."""
        key = (row, column.col)
        if key in self.sheet.errors:
            return "invalid", None, self.sheet.errors[key], "err.asm_excel_error"
        if key in self.sheet.uncached:
            return "invalid", None, "=" + self.sheet.formulas[key].lstrip("="), "err.asm_formula_uncached"
        value = self.sheet.get(row, column.col)
        raw = format_raw(value, "%" if key in self.sheet.percent else None)
        parsed = parse_score(value, scale, percent_format=key in self.sheet.percent)
        if parsed.status == "invalid":
            return "invalid", parsed.score, raw, "err.asm_out_of_scale" if parsed.reason == "out_of_scale" else "err.asm_not_a_score"
        return parsed.status, parsed.score, raw, ""

    def record(self, row: int, column: Column, scale: Scale, **keys: Any) -> dict[str, Any] | None:
        """Read one score cell into ``scores`` (or ``rejected`` with its problem)."""
        status, score, raw, problem = self.read_score(row, column, scale)
        if status == "invalid":
            params: dict[str, Any] = {"value": raw}
            if problem == "err.asm_out_of_scale":
                params["expected"] = scale.describe()
            elif problem == "err.asm_not_a_score":
                params["expected"] = scale.describe()
            elif problem == "err.asm_formula_uncached":
                params["formula"] = raw
            self.add(problem, row, column.col, "error", **params)
            self.reject(row, column.col, problem)
            if problem == "err.asm_out_of_scale" and score is not None:
                self.raw_numbers[(row, column.col)] = score
                self.out.out_of_scale[(self.file, self.sheet.name)].append(a1(row, column.col))
            return None
        rec = {
            "year_assessed": self.years.year_assessed,
            "period": self.years.period,
            "code": keys.get("code"),
            "action": keys.get("action"),
            "indicator": keys.get("indicator"),
            "component": keys.get("component"),
            "assessor": keys.get("assessor"),
            "level": keys.get("level"),
            "raw": raw,
            "score": score if status == "scored" else math.nan,
            "status": status,
            "scale": scale.name,
            "scale_min": scale.min,
            "scale_max": scale.max,
            "weight": keys.get("weight", math.nan),
            "weighted": keys.get("weighted", math.nan),
            "note": keys.get("note", "") or "",
            "layout": self.table.layout,
            "file": self.file,
            "sheet": self.sheet.name,
            "cell": a1(row, column.col),
        }
        self.out.scores.append(rec)
        return rec

    def number_cell(self, row: int, col: int, kind: str) -> tuple[float | None, str, bool]:
        """(value, raw, present) of a total-like cell; reports uncached formulas
        and text that is not a number (as warnings: the parts still count)."""
        key = (row, col)
        if key in self.sheet.uncached:
            formula = "=" + self.sheet.formulas[key].lstrip("=")
            self.add("err.asm_formula_uncached_total", row, col, "warning", formula=formula)
            return None, formula, False
        if key in self.sheet.errors:
            self.add("err.asm_excel_error", row, col, "warning", value=self.sheet.errors[key])
            return None, self.sheet.errors[key], False
        value = self.sheet.get(row, col)
        if is_not_scored(value):
            return None, format_raw(value), False
        number = parse_number(value)
        raw = format_raw(value, "%" if key in self.sheet.percent else None)
        if number is None:
            self.add("err.asm_total_not_number", row, col, "warning", value=raw)
            return None, raw, False
        if key in self.sheet.percent and isinstance(value, (int, float)):
            number *= 100  # a cell formatted as percent: 0,85 shown as 85%
        return number, raw, True

    def total(self, row: int, column: Column, code: str | None, value: float, raw: str, expected: float | None, **keys: Any) -> bool | None:
        parts = keys.pop("parts", "")
        agrees = None
        if expected is not None and not math.isnan(expected):
            agrees = abs(value - expected) <= _tolerance(raw, self.sheet.decimals.get((row, column.col)))
            if not agrees:
                self.add("err.asm_total_mismatch", row, column.col, "error", value=raw, expected=_fmt(expected), parts=parts)
        if keys.get("store") is False:
            return agrees
        self.out.totals.append(
            {
                "year_assessed": self.years.year_assessed,
                "period": self.years.period,
                "code": code,
                "component": keys.get("component"),
                "assessor": keys.get("assessor"),
                "kind": column.kind or keys.get("kind"),
                "value": value,
                "raw": raw,
                "expected": expected if expected is not None else math.nan,
                "agrees": agrees,
                "file": self.file,
                "sheet": self.sheet.name,
                "cell": a1(row, column.col),
            }
        )
        return agrees

    def report_hidden(self) -> None:
        t = self.table
        for row in sorted(self.sheet.hidden_rows):
            if t.top <= row <= self.last_data_row:
                self.report.add(
                    "err.asm_hidden_row",
                    Location(file=self.file, sheet=self.sheet.name, cell=a1(row, t.first_col), row=row),
                    "warning",
                    row=row,
                )
        for col in sorted(self.sheet.hidden_cols):
            if t.first_col <= col <= t.last_col:
                column = next((c for c in t.columns if c.col == col), None)
                cell = column.header_cell if column else a1(t.key_row, col)
                self.report.add(
                    "err.asm_hidden_column",
                    Location(file=self.file, sheet=self.sheet.name, cell=cell, column=cell.rstrip("0123456789")),
                    "warning",
                    column=cell.rstrip("0123456789"),
                )

    def report_unknown_columns(self, rows: list[int]) -> None:
        for column in self.table.columns:
            if column.role != "unknown":
                continue
            if any(self.sheet.get(r, column.col) is not None for r in rows):
                self.report.add(
                    "err.asm_column_unknown",
                    Location(file=self.file, sheet=self.sheet.name, cell=column.header_cell),
                    "warning",
                    header=" / ".join(column.path),
                )

    # dispatch ------------------------------------------------------------------------------
    def read(self) -> None:
        if self.table.layout == "rekap":
            self.read_rekap()
        elif self.table.layout == "matrix":
            self.read_matrix()
        else:
            self.read_assessor()
        self.report_hidden()

    # rekap -------------------------------------------------------------------------------------
    def read_rekap(self) -> None:
        t, sheet = self.table, self.sheet
        district_col = t.first("district")
        scores = t.by_role("score")
        totals = t.by_role("total")
        default_scale = self.default_scale("rekap")
        seen: dict[str, str] = {}
        data_rows: list[int] = []
        for row in range(t.bottom + 1, t.end + 1):
            label = sheet.get(row, district_col.col, fill=True) if district_col else None
            if label is None:
                if self.row_is_signature(row):
                    break
                if self.row_has_values(row, scores):
                    self.report.counts["rows_read"] += 1
                    self.add("err.asm_row_no_key", row, district_col.col if district_col else t.first_col, "error", expected="kabupaten/kota")
                    for column in scores:
                        if self.row_has_values(row, [column]):
                            self.reject(row, column.col, "err.asm_row_no_key")
                continue
            if looks_like_signature(label):
                break
            text = norm(label)
            kind = header_kind(text)
            if kind in ("total", "mean") or (kind is None and text.startswith("rata-rata") and text not in PROVINCE_ROW_WORDS):
                self.rekap_summary_row(row, "mean" if kind is None else kind, label, data_rows)
                continue
            if kind == "final" or text in PROVINCE_ROW_WORDS:
                continue
            code = district_code(label)
            if code is None and _is_province(label):
                continue  # a province row (mean or total of the province)
            if code is None and not self.row_has_values(row, scores + totals):
                # text without any number below or inside the table (a note,
                # "Keterangan", an unfilled signature line): not a district
                self.report.add(
                    "asm.note_text_row",
                    Location(file=self.file, sheet=sheet.name, cell=a1(row, district_col.col), row=row),
                    "info",
                    value=format_raw(label),
                )
                continue
            self.report.counts["rows_read"] += 1
            if code is None:
                suggestions = district_suggestions(label)
                self.add(
                    "err.asm_district_unknown",
                    row,
                    district_col.col,
                    "error",
                    value=format_raw(label),
                    suggestions=", ".join(suggestions) or "–",
                )
                self.reject_row(row, scores, "err.asm_district_unknown")
                continue
            if code in seen:
                self.add("err.asm_duplicate_district", row, district_col.col, "error", value=format_raw(label), other=seen[code])
                self.reject_row(row, scores, "err.asm_duplicate_district")
                continue
            seen[code] = a1(row, district_col.col)
            data_rows.append(row)
            self.last_data_row = row
            cells: dict[int, dict[str, Any] | None] = {}
            for column in scores:
                scale = column.scale or default_scale
                level = "action" if column.action else "component"
                cells[column.col] = self.record(
                    row,
                    column,
                    scale,
                    code=code,
                    action=column.action,
                    component=column.component,
                    assessor=column.assessor,
                    level=level,
                    weight=column.weight if column.weight is not None else math.nan,
                )
            self.rekap_totals(row, code, cells)
        self.report_unknown_columns(data_rows)
        self.missing_actions_rekap()

    def reject_row(self, row: int, scores: list[Column], key: str) -> None:
        """Reject the score cells of an unusable row that hold something, and
        keep its stated overall totals for the rank check."""
        for column in scores:
            if self.row_has_values(row, [column]):
                self.reject(row, column.col, key)
        for column in self.table.by_role("total"):
            if column.component is not None or column.assessor is not None or column.kind not in ("final", "total", "mean"):
                continue
            key_ = (row, column.col)
            if key_ in self.sheet.uncached or key_ in self.sheet.errors:
                continue
            value = self.sheet.get(row, column.col)
            number = None if is_not_scored(value) else parse_number(value)
            if number is not None:
                self.out.stated.append({"file": self.file, "sheet": self.sheet.name, "kind": column.kind, "value": number})

    def rekap_summary_row(self, row: int, kind: str, label: Any, data_rows: list[int]) -> None:
        """A ``Jumlah``/``Rata-rata`` row below the districts: each of its
        numbers is checked against the sum or mean of its column (scores as
        written, the file's own totals); a note names the row."""
        t = self.table
        district_col = t.first("district")
        self.report.add(
            "asm.note_summary_row",
            Location(file=self.file, sheet=self.sheet.name, cell=a1(row, district_col.col if district_col else t.first_col), row=row),
            "info",
            value=format_raw(label),
        )
        if not data_rows:
            return
        for column in t.by_role("score") + [c for c in t.by_role("total") if c.kind in ("total", "mean", "final")]:
            key = (row, column.col)
            if key not in self.sheet.values and key not in self.sheet.uncached and key not in self.sheet.errors:
                continue
            number, raw, present = self.number_cell(row, column.col, kind)
            if not present:
                continue
            values: list[float] = []
            for data_row in data_rows:
                if column.role == "score":
                    rec = next((r for r in self.out.scores if r["sheet"] == self.sheet.name and r["cell"] == a1(data_row, column.col)), None)
                    if rec is not None and rec["status"] == "scored":
                        values.append(rec["score"])
                    elif (data_row, column.col) in self.raw_numbers:
                        values.append(self.raw_numbers[(data_row, column.col)])
                else:
                    rec = next((r for r in self.out.totals if r["sheet"] == self.sheet.name and r["cell"] == a1(data_row, column.col)), None)
                    if rec is not None:
                        values.append(rec["value"])
            if not values:
                continue
            expected = sum(values) if kind == "total" else sum(values) / len(values)
            parts = f"{a1(data_rows[0], column.col)}:{a1(data_rows[-1], column.col)}"
            self.total(row, Column(col=column.col, path=column.path, role="total", header_cell=column.header_cell, kind=kind),
                       None, number, raw, expected, parts=parts, store=False)  # type: ignore[arg-type]

    def missing_actions_rekap(self) -> None:
        t = self.table
        score_cols = t.by_role("score")
        if not any(c.action for c in score_cols):
            return
        groups: dict[tuple[str | None, str | None], set[int]] = defaultdict(set)
        for column in score_cols:
            if column.action:
                groups[(column.component, column.assessor)].add(column.action)
        expected = set(self.instrument.action_numbers())
        for (component, assessor), present in groups.items():
            missing = sorted(expected - present)
            if missing:
                self.report.add(
                    "err.asm_actions_missing_columns",
                    Location(file=self.file, sheet=self.sheet.name, cell=a1(t.key_row, t.first_col)),
                    "warning",
                    actions=", ".join(str(m) for m in missing),
                    group=" / ".join(x for x in (component, assessor) if x) or "–",
                )

    def rekap_totals(self, row: int, code: str, cells: dict[int, dict[str, Any] | None]) -> None:
        t = self.table
        scores = t.by_role("score")
        if scores and not any(
            (rec is not None and rec["status"] == "scored") or (row, col) in self.raw_numbers for col, rec in cells.items()
        ):
            return  # an unfilled row (e.g. a template): its total formulas have nothing to check

        def value_of(column: Column) -> float | None:
            rec = cells.get(column.col)
            if rec is None:
                return self.raw_numbers.get((row, column.col))
            if rec["status"] != "scored":
                return None
            return rec["score"]

        component_values: dict[str, float] = {}
        for column in t.by_role("total"):
            if column.kind == "rank":
                continue
            number, raw, present = self.number_cell(row, column.col, column.kind or "total")
            if not present:
                continue
            expected = None
            parts_desc = ""
            if column.kind in ("total", "mean"):
                chosen, from_totals = self.total_parts(column)
                if from_totals:
                    values = [component_values.get(c.component) for c in chosen]  # type: ignore[arg-type]
                else:
                    values = [value_of(c) for c in chosen]
                values = [v for v in values if v is not None]
                if chosen and values:
                    expected = sum(values) if column.kind == "total" else sum(values) / len(values)
                    parts_desc = _span(chosen, row)
            if column.component and column.kind in ("total", "mean"):
                component_values[column.component] = number  # type: ignore[assignment]
            if column.kind == "final":
                expected, parts_desc = self.final_expected(cells, component_values)
            self.total(row, column, code, number, raw, expected, component=column.component, assessor=column.assessor, parts=parts_desc)  # type: ignore[arg-type]
        for column in t.by_role("total"):
            if column.kind != "rank":
                continue
            number, raw, present = self.number_cell(row, column.col, "rank")
            if present:
                self.total(row, column, code, number, raw, None, kind="rank")  # type: ignore[arg-type]

    def total_parts(self, column: Column) -> tuple[list[Column], bool]:
        """The columns a total/mean column sums or averages, and whether they
        are the file's own component totals (read earlier in the row).

        Overall total: the component totals if the table has them, else the
        action columns without component, else the component columns.
        Component total: its action columns (or its panelist columns); a
        component mean: its panelist columns (or its action columns).
        """
        t = self.table
        scores = t.by_role("score")
        if column.component is None and column.assessor is None:
            comp_totals = [c for c in t.by_role("total") if c.component and c.kind in ("total", "mean") and c.col < column.col]
            if comp_totals:
                return comp_totals, True
            plain = [c for c in scores if c.action and not c.component]
            if plain:
                return plain, False
            return [c for c in scores if c.component and not c.action and not c.assessor], False
        own = [c for c in scores if c.component == column.component and (column.assessor is None or c.assessor == column.assessor)]
        by_action = [c for c in own if c.action]
        by_assessor = [c for c in own if c.assessor and not c.action]
        if column.kind == "mean" and by_assessor:
            return by_assessor, False
        return (by_action or by_assessor or own), False

    def final_expected(self, cells: dict[int, dict[str, Any] | None], component_values: dict[str, float]) -> tuple[float | None, str]:
        """Σ weight × component value when every component column has a weight
        (from its header or the instrument); otherwise not checkable."""
        t = self.table
        comp_cols = [c for c in t.by_role("score") if c.component and not c.action and not c.assessor]
        values: dict[str, tuple[float, float]] = {}
        for column in comp_cols:
            rec = cells.get(column.col)
            if column.weight is None:
                return None, ""
            if rec is None or rec["status"] != "scored":
                return None, ""
            values[column.component] = (column.weight, rec["score"])  # type: ignore[index]
        if not values:
            weights = {c.component: c.weight for c in t.by_role("total") if c.component and c.kind in ("total", "mean")}
            inst_weights = self.instrument.weights()
            if not component_values or inst_weights is None:
                return None, ""
            for comp, value in component_values.items():
                w = weights.get(comp) or inst_weights.get(comp)
                if w is None:
                    return None, ""
                values[comp] = (w, value)
        total_w = sum(w for w, _ in values.values())
        if not values or abs(total_w - 1) > 0.01:
            return None, ""
        expected = sum(w * v for w, v in values.values())
        desc = " + ".join(f"{_fmt(w)}×{comp}" for comp, (w, _) in values.items())
        return expected, desc

    # matrix ------------------------------------------------------------------------------------
    def read_matrix(self) -> None:
        t, sheet = self.table, self.sheet
        code_col = t.first("code")
        text_col = t.first("text")
        no_col = t.first("no")
        score_cols = [c for c in t.by_role("score") if c.district or c.district_error]
        note_cols = {c.district: c for c in t.by_role("note") if c.district}
        default_scale = self.default_scale("matrix")
        assessor = None  # the national form is the panel's; a "Nama Penilai" above the table names one panelist
        for label, value, _ in title_pairs(self.sheet, 1, t.top - 1):
            if classify_label(label) == "assessor" and value is not None and str(value).strip():
                assessor = str(value).strip()
        reported_districts: set[str] = set()
        for column in score_cols:
            if column.district_error and column.district_error[2] not in reported_districts:
                value, suggestions, cell = column.district_error
                reported_districts.add(cell)
                self.report.add(
                    "err.asm_district_unknown",
                    Location(file=self.file, sheet=self.sheet.name, cell=cell),
                    "error",
                    value=value,
                    suggestions=suggestions or "–",
                )
        districts_seen: dict[str, str] = {}
        valid_cols = []
        for column in score_cols:
            if column.district_error:
                continue
            if column.district in districts_seen and districts_seen[column.district] != column.header_cell:
                self.report.add(
                    "err.asm_duplicate_district",
                    Location(file=self.file, sheet=self.sheet.name, cell=column.header_cell),
                    "error",
                    value=" / ".join(column.path[:-1]) or column.path[0],
                    other=districts_seen[column.district],
                )
                column.district_error = ("", "", column.header_cell)
                continue
            districts_seen.setdefault(column.district, column.header_cell)  # type: ignore[arg-type]
            valid_cols.append(column)
        codes_seen: dict[str, tuple[int, bool]] = {}
        data_rows: list[int] = []
        present: set[int] = set()
        for row in range(t.bottom + 1, t.end + 1):
            parsed, source_col = self.indicator_code(row, [code_col, no_col, text_col])
            if parsed is None:
                label = next(
                    (sheet.get(row, c.col, fill=True) for c in (text_col, code_col, no_col) if c and sheet.get(row, c.col) is not None),
                    None,
                )
                if (label is not None and looks_like_signature(label)) or self.row_is_signature(row):
                    break
                if label is not None and header_kind(norm(label)) in ("total", "mean", "final"):
                    self.matrix_total_row(row, header_kind(norm(label)), valid_cols, data_rows)
                    continue
                if self.row_has_values(row, valid_cols):
                    self.report.counts["rows_read"] += 1
                    self.add("err.asm_row_no_key", row, (code_col or text_col or t.columns[0]).col, "error", expected="1,1")
                    for column in valid_cols + [c for c in score_cols if c.district_error]:
                        if self.row_has_values(row, [column]):
                            self.reject(row, column.col, "err.asm_row_no_key")
                continue
            self.report.counts["rows_read"] += 1
            if not self.indicator_ok(parsed, row, source_col, codes_seen, valid_cols + [c for c in score_cols if c.district_error]):
                continue
            data_rows.append(row)
            self.last_data_row = row
            present.add(parsed.action)
            for column in score_cols:
                if column.district_error:
                    self.reject(row, column.col, "err.asm_district_unknown")
                    continue
                note_col = note_cols.get(column.district)
                note = sheet.get(row, note_col.col) if note_col else None
                self.record(
                    row,
                    column,
                    column.scale or default_scale,
                    code=column.district,
                    action=parsed.action,
                    indicator=parsed.code,
                    assessor=column.assessor or assessor,
                    level="indicator",
                    note=format_raw(note),
                )
        self.report_unknown_columns(data_rows)
        self.missing_actions_block(present, None, set(codes_seen))

    def matrix_total_row(self, row: int, kind: str | None, columns: list[Column], data_rows: list[int]) -> None:
        for column in columns:
            number, raw, ok = self.number_cell(row, column.col, kind or "total")
            if not ok:
                continue
            recs = [r for r in self.out.scores if r["sheet"] == self.sheet.name and r["cell"] in {a1(d, column.col) for d in data_rows}]
            numeric = all(parse_number(r["raw"]) is not None or r["status"] == "not_scored" for r in recs)
            expected = None
            values = [r["score"] for r in recs if r["status"] == "scored"]
            values += [self.raw_numbers[(d, column.col)] for d in data_rows if (d, column.col) in self.raw_numbers]
            if numeric and values:
                expected = sum(values) if kind == "total" else (sum(values) / len(values) if kind == "mean" else None)
            self.total(
                row,
                Column(col=column.col, path=column.path, role="total", header_cell=column.header_cell, kind=kind),
                column.district,
                number,  # type: ignore[arg-type]
                raw,
                expected,
                parts=f"{a1(data_rows[0], column.col)}:{a1(data_rows[-1], column.col)}" if data_rows else "",
            )

    def indicator_code(self, row: int, columns: list[Column | None]):
        for column in columns:
            if column is None:
                continue
            value = self.sheet.get(row, column.col)
            if value is None:
                continue
            if column.role == "no" and isinstance(value, int):
                continue
            parsed = parse_indicator_code(value)
            if parsed is not None:
                return parsed, column
        return None, None

    def indicator_ok(self, parsed, row: int, source_col: Column, codes_seen: dict[str, tuple[int, bool]], columns: list[Column]) -> bool:
        """Reports bad, float-stored and repeated indicator codes; False when
        the row cannot be used (its score cells are then rejected)."""
        problem = None
        params: dict[str, Any] = {}
        if parsed.action not in self.instrument.action_numbers():
            problem = "err.asm_indicator_action"
            params = {"value": format_raw(self.sheet.get(row, source_col.col)), "actions": _range_text(self.instrument.action_numbers())}
        elif parsed.code in codes_seen:
            first_row, _ = codes_seen[parsed.code]
            problem = "err.asm_indicator_float" if parsed.from_float else "err.asm_duplicate_indicator"
            params = {"value": format_raw(self.sheet.get(row, source_col.col)), "code": parsed.code, "other": a1(first_row, source_col.col)}
        if problem:
            self.add(problem, row, source_col.col, "error", **params)
            for column in columns:
                if self.row_has_values(row, [column]) or self.table.layout == "matrix":
                    self.reject(row, column.col, problem)
            return False
        codes_seen[parsed.code] = (row, parsed.from_float)
        if parsed.from_float and not getattr(self, "_float_noted", False):
            self._float_noted = True
            self.add("err.asm_indicator_number", row, source_col.col, "warning", value=format_raw(self.sheet.get(row, source_col.col)))
        return True

    def missing_actions_block(self, present: set[int], context: str | None, codes: set[str] | None = None) -> None:
        """Warn about actions without any indicator in this table and, when
        the instrument lists its indicators, about listed ones not found."""
        if not present:
            return
        where = Location(file=self.file, sheet=self.sheet.name, cell=a1(self.table.key_row, self.table.first_col))
        missing = sorted(set(self.instrument.action_numbers()) - present)
        if missing:
            self.report.add(
                "err.asm_actions_missing",
                where,
                "warning",
                actions=", ".join(str(m) for m in missing),
                context=context or "–",
            )
        listed = [i.code for i in self.instrument.indicators if i.action in present]
        absent = [code for code in listed if codes is not None and code not in codes]
        if absent:
            self.report.add("err.asm_indicators_missing", where, "warning", codes=", ".join(absent), context=context or "–")

    # per assessor ------------------------------------------------------------------------------------
    def block_context(self) -> tuple[str | None, str | None, str | None]:
        """(district code, assessor, problem cell) for this block from the title
        pairs above it (since the previous table) or the sheet name."""
        t = self.table
        district = assessor = None
        bad: tuple[str, str] | None = None
        for label, value, cell in title_pairs(self.sheet, 1, t.top - 1):
            kind = classify_label(label)
            if kind == "district" and value is not None:
                code = district_code(value)
                if code:
                    district, bad = code, None
                else:
                    bad = (format_raw(value), cell)
            elif kind == "assessor" and value is not None and str(value).strip():
                assessor = str(value).strip()
        sheet_unknown = False
        if district is None and bad is None:
            code, rest = find_district_in_text(self.sheet.name)
            if code and _is_assessor_rest(rest):
                district = code
                if assessor is None:
                    assessor = _original_rest(self.sheet.name, rest)
            elif code:
                # "P1 Banjar Baru": a district inside the name, but the rest is
                # not an assessor label: the district is not known
                sheet_unknown = True
            elif assessor is None:
                assessor = _sheet_assessor(self.sheet.name)
        elif assessor is None:
            code, rest = find_district_in_text(self.sheet.name)
            assessor = _original_rest(self.sheet.name, rest) if code else _sheet_assessor(self.sheet.name)
        if sheet_unknown:
            words = [w for w in re.split(r"[\s_\-]+", self.sheet.name) if w and header_assessor(w) is None]
            self.report.add(
                "err.asm_district_sheet_unknown",
                Location(file=self.file, sheet=self.sheet.name),
                "error",
                value=self.sheet.name,
                suggestions=", ".join(district_suggestions(" ".join(words) or self.sheet.name)) or "–",
            )
            return None, assessor, "sheet"
        if bad is not None:
            value, cell = bad
            self.report.add(
                "err.asm_district_unknown",
                Location(file=self.file, sheet=self.sheet.name, cell=cell),
                "error",
                value=value,
                suggestions=", ".join(district_suggestions(value)) or "–",
            )
            return None, assessor, cell
        return district, assessor, None

    def read_assessor(self) -> None:
        t, sheet = self.table, self.sheet
        district, assessor, bad_cell = self.block_context()
        code_col, no_col, text_col, aksi_col = t.first("code"), t.first("no"), t.first("text"), t.first("aksi")
        score_cols = t.by_role("score")
        weight_col = t.first("weight")
        weighted_col = t.first("weighted")
        note_col = t.first("note")
        default_scale = self.default_scale("assessor")
        if district is None and bad_cell is None and not any(c.district for c in score_cols):
            self.report.add("err.asm_no_district", Location(file=self.file, sheet=sheet.name, cell=a1(t.key_row, t.first_col)), "error")
            bad_cell = "?"
        codes_seen: dict[str, tuple[int, bool]] = {}
        action_ctx: int | None = None
        per_action_count: dict[int, int] = defaultdict(int)
        data_rows: list[int] = []
        present: set[int] = set()
        derived = False
        block_recs: list[dict[str, Any]] = []
        weighted_recs: list[tuple[int, float]] = []
        for row in range(t.bottom + 1, t.end + 1):
            if aksi_col is not None:
                aksi_value = sheet.get(row, aksi_col.col, fill=True)
                if aksi_value is not None and header_action(str(aksi_value)):
                    action_ctx = header_action(str(aksi_value))
            parsed, source_col = self.indicator_code(row, [code_col, no_col, text_col])
            label = next(
                (sheet.get(row, c.col) for c in (no_col, code_col, aksi_col, text_col) if c is not None and sheet.get(row, c.col) is not None),
                None,
            )
            if parsed is None:
                row_text = " ".join(str(v) for _, v in sheet.row_values(row, t.first_col, t.last_col) if isinstance(v, str))
                if header_action(row_text) and not self.row_has_values(row, score_cols):
                    action_ctx = header_action(row_text)
                    continue
                if (label is not None and looks_like_signature(label)) or self.row_is_signature(row):
                    break
                kinds = [header_kind(norm(v)) for _, v in sheet.row_values(row, t.first_col, t.last_col) if isinstance(v, str)]
                kind = next((k for k in kinds if k in ("total", "mean", "final")), None)
                if kind:
                    self.assessor_total_row(row, kind, district, assessor, block_recs, weighted_recs)
                    continue
                text_value = sheet.get(row, text_col.col) if text_col else None
                if text_value is not None and action_ctx and self.row_has_values(row, score_cols):
                    per_action_count[action_ctx] += 1
                    parsed = CodeParse(f"{action_ctx}.{per_action_count[action_ctx]}", action_ctx)
                    source_col = text_col
                    derived = True
                elif self.row_has_values(row, score_cols):
                    self.report.counts["rows_read"] += 1
                    self.add("err.asm_row_no_key", row, (code_col or no_col or text_col or t.columns[0]).col, "error", expected="1.1")
                    for column in score_cols:
                        if self.row_has_values(row, [column]):
                            self.reject(row, column.col, "err.asm_row_no_key")
                    continue
                else:
                    continue
            else:
                if aksi_col is not None and action_ctx is not None and parsed.action != action_ctx:
                    self.add(
                        "err.asm_action_mismatch",
                        row,
                        source_col.col,
                        "warning",
                        code=parsed.code,
                        action=action_ctx,
                        cell=a1(*sheet.origin(row, aksi_col.col)),
                    )
                per_action_count[parsed.action] += 1
            self.report.counts["rows_read"] += 1
            if bad_cell is not None:
                for column in score_cols:
                    self.reject(row, column.col, "err.asm_district_unknown" if bad_cell != "?" else "err.asm_no_district")
                continue
            if not self.indicator_ok(parsed, row, source_col, codes_seen, score_cols):
                continue
            data_rows.append(row)
            self.last_data_row = row
            present.add(parsed.action)
            weight = math.nan
            if weight_col is not None:
                w = parse_number(sheet.get(row, weight_col.col))
                if w is not None:
                    weight = w
            note = format_raw(sheet.get(row, note_col.col)) if note_col else ""
            for column in score_cols:
                rec = self.record(
                    row,
                    column,
                    column.scale or default_scale,
                    code=column.district or district,
                    action=parsed.action,
                    indicator=parsed.code,
                    assessor=column.assessor or assessor,
                    component=column.component,
                    level="indicator",
                    weight=weight,
                    note=note,
                )
                if rec is not None:
                    block_recs.append(rec)
                    if weighted_col is not None and len(score_cols) == 1:
                        self.check_weighted(row, rec, weighted_col, weighted_recs)
        if derived:
            self.report.add("asm.note_codes_derived", Location(file=self.file, sheet=sheet.name), "info")
        self.report_unknown_columns(data_rows)
        self.missing_actions_block(present, self.sheet.name, set(codes_seen))

    def check_weighted(self, row: int, rec: dict[str, Any], weighted_col: Column, weighted_recs: list[tuple[int, float]]) -> None:
        if rec["status"] != "scored":
            return
        number, raw, present = self.number_cell(row, weighted_col.col, "weighted")
        if not present:
            return
        rec["weighted"] = number
        weighted_recs.append((row, number))  # type: ignore[arg-type]
        if rec["status"] != "scored" or math.isnan(rec["weight"]):
            return
        product = rec["score"] * rec["weight"]
        tol = _tolerance(raw, self.sheet.decimals.get((row, weighted_col.col)))
        if abs(number - product) > tol and abs(number - product / 100) > tol:  # type: ignore[operator]
            self.add(
                "err.asm_weighted_mismatch",
                row,
                weighted_col.col,
                "error",
                value=raw,
                expected=_fmt(product),
                score=rec["raw"],
                weight=_fmt(rec["weight"]),
            )

    def assessor_total_row(
        self,
        row: int,
        kind: str,
        district: str | None,
        assessor: str | None,
        block_recs: list[dict[str, Any]],
        weighted_recs: list[tuple[int, float]],
    ) -> None:
        t = self.table
        if not any(r["status"] == "scored" for r in block_recs):
            return  # nothing scored in this block: its total formulas have nothing to check
        weighted_col = t.first("weighted")
        score_cols = t.by_role("score")
        targets = ([weighted_col] if weighted_col else []) + score_cols
        for column in targets:
            number, raw, present = self.number_cell(row, column.col, kind)
            if not present:
                continue
            if column is weighted_col:
                values = [v for _, v in weighted_recs]
                first_last = (weighted_recs[0][0], weighted_recs[-1][0]) if weighted_recs else None
                what = "weighted"
            else:
                recs = [r for r in block_recs if r["cell"].rstrip("0123456789") == a1(row, column.col).rstrip("0123456789")]
                values = [r["score"] for r in recs if r["status"] == "scored"]
                rows = [int(r["cell"].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) for r in recs]
                out_of_scale = [(r, v) for (r, c), v in self.raw_numbers.items() if c == column.col and r < row]
                values += [v for _, v in out_of_scale]
                rows += [r for r, _ in out_of_scale]
                first_last = (min(rows), max(rows)) if rows else None
                what = "score"
            expected = None
            if values and kind in ("total", "mean"):
                expected = sum(values) if kind == "total" else sum(values) / len(values)
            parts = f"{a1(first_last[0], column.col)}:{a1(first_last[1], column.col)}" if first_last else ""
            self.total(
                row,
                Column(col=column.col, path=column.path, role="total", header_cell=column.header_cell, kind=kind),
                column.district or district,
                number,  # type: ignore[arg-type]
                raw,
                expected,
                assessor=column.assessor or assessor,
                component="__weighted__" if what == "weighted" else column.component,
                parts=parts,
            )


# -- checks across tables ----------------------------------------------------------------------------
def _check_duplicates(out: _Out, report: ValidationReport) -> None:
    """The same (district, action, indicator, component, assessor) read twice
    (e.g. two sheets for one panelist and district): the later cells are
    rejected, one message per sheet pair and district."""
    seen: dict[tuple, dict[str, Any]] = {}
    keep: list[dict[str, Any]] = []
    reported: set[tuple] = set()
    for rec in out.scores:
        key = (rec["year_assessed"], rec["code"], rec["action"], rec["indicator"], rec["component"], rec["assessor"], rec["level"])
        if rec["code"] is None:
            keep.append(rec)
            continue
        if key in seen:
            first = seen[key]
            group = (rec["sheet"], first["sheet"], rec["code"], rec["assessor"])
            if group not in reported:
                reported.add(group)
                report.add(
                    "err.asm_duplicate",
                    Location(file=rec["file"], sheet=rec["sheet"], cell=rec["cell"]),
                    "error",
                    other=f"{first['sheet']}!{first['cell']}",
                    district=_short(rec["code"]),
                )
            out.rejected.append({"file": rec["file"], "sheet": rec["sheet"], "cell": rec["cell"], "raw": rec["raw"], "key": "err.asm_duplicate"})
            continue
        seen[key] = rec
        keep.append(rec)
    out.scores[:] = keep


def _check_coverage(out: _Out, report: ValidationReport, file: str, instrument: Instrument) -> None:
    """Districts of the registry that the file does not contain (one warning);
    skipped for files about a single district."""
    codes = {r["code"] for r in out.scores if r["code"]}
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
    components = {r["component"] for r in out.scores if r["component"]}
    if not components:
        return
    weights = _weights_meta(out)
    if set(weights) != components:
        report.add("asm.note_weights_unknown", Location(file=file), "info")


def _weights_meta(out: _Out) -> dict[str, float]:
    weights: dict[str, float] = {}
    for rec in out.scores:
        if rec["component"] and rec["level"] == "component" and not math.isnan(rec["weight"]):
            weights[rec["component"]] = rec["weight"]
    return weights


# -- small helpers ------------------------------------------------------------------------------------------
def _tolerance(raw: str, shown: int | None = None) -> float:
    """Half a unit of the last digit the file shows: the decimals of the
    cell's number format when it has a fixed one (``0.00`` → 0.005, also
    for 83,10 whose text is ``83,1``), else of the text (``83,33`` → 0.005)."""
    text = str(raw).strip().rstrip("%")
    match = re.search(r"[.,](\d+)$", text)
    decimals = len(match.group(1)) if match else 0
    if shown is not None:
        decimals = max(decimals, shown)
    return 0.5 * 10 ** (-decimals) + 1e-9


def _fmt(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _span(columns: list[Column], row: int) -> str:
    """The cells of ``columns`` in ``row``: ``C8:J8`` when adjacent, else ``K8, O8``."""
    cols = sorted(c.col for c in columns)
    if cols == list(range(cols[0], cols[-1] + 1)) and len(cols) > 1:
        return f"{a1(row, cols[0])}:{a1(row, cols[-1])}"
    return ", ".join(a1(row, c) for c in cols)


def _range_text(numbers: list[int]) -> str:
    return f"{numbers[0]}–{numbers[-1]}" if numbers else "–"


def _short(code: str) -> str:
    try:
        return registry().short_name(code)
    except RegionNotFoundError:
        return code


def _is_province(label: Any) -> bool:
    """True for a row label naming the province or Indonesia (a summary row)."""
    try:
        return registry().to_code(label) in ("63", "00")
    except RegionNotFoundError:
        return False


def _is_assessor_rest(rest: str) -> bool:
    """True when what is left of a sheet name once the district is removed is
    nothing or an assessor label (``P1``, ``Penilai 2``, ``Panelis A``)."""
    rest = re.sub(r"\s+", " ", rest).strip()
    return not rest or header_assessor(rest) is not None


def _original_rest(sheet_name: str, rest: str) -> str | None:
    """The part of a sheet name left once the district is removed, in its
    original spelling (``"P1 Tapin"`` → ``"P1"``)."""
    if not rest:
        return None
    words = [w for w in re.split(r"[\s_\-]+", sheet_name) if w]
    keep = [w for w in words if w.lower() in rest.split()]
    return " ".join(keep) or rest


def _sheet_assessor(sheet_name: str) -> str | None:
    """A sheet name used as the assessor label, unless it is a default name
    (``Sheet1``, ``Lembar1``)."""
    if re.fullmatch(r"(sheet|lembar|sheet\s*\d+|lembar\s*\d+)\s*\d*", sheet_name.strip().lower()):
        return None
    return sheet_name.strip()


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
    for rec in out.scores:
        for column in ("score", "weight", "weighted"):
            if rec[column] is None:
                rec[column] = math.nan
    before = len(out.rejected)
    _check_duplicates(out, report)
    moved = len(out.rejected) - before
    scores = frame(out.scores, SCORE_COLUMNS)
    report.counts["cells_scored"] = int((scores["status"] == "scored").sum())
    report.counts["cells_not_scored"] = int((scores["status"] == "not_scored").sum())
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
