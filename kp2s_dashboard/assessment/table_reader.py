"""Reading one table of an assessment workbook: what every layout shares.

:class:`TableReader` holds the state of one table being read (file, sheet,
table, instrument, years, report and the records collected in
:class:`_Out`) and the reading every layout uses: the scale, one score cell
into ``scores`` or ``rejected`` (:meth:`TableReader.record`), a total-like
cell and its check against its parts (:meth:`TableReader.total`), hidden
rows and columns, unknown columns, and indicator codes. The layouts' rows
are read by its subclasses in :mod:`~kp2s_dashboard.assessment.rekap_reader`,
:mod:`~kp2s_dashboard.assessment.matrix_reader` and
:mod:`~kp2s_dashboard.assessment.assessor_reader`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kp2s_dashboard.sheets.grid import Sheet, a1
from kp2s_dashboard.assessment.instruments import Instrument, Scale
from kp2s_dashboard.assessment.layouts import Column, Table, classify_label, title_pairs
from kp2s_dashboard.assessment.model import SCORE_COLUMNS, Records, ValidationReport
from kp2s_dashboard.assessment.values import (
    format_raw,
    is_not_scored,
    looks_like_signature,
    norm,
    parse_indicator_code,
    parse_number,
    parse_score,
)
from kp2s_dashboard.errors import Location


@dataclass
class _Out:
    #: score rows, column by column (:data:`~kp2s_dashboard.assessment.model.SCORE_COLUMNS`)
    scores: Records = field(default_factory=lambda: Records(SCORE_COLUMNS))
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


# -- reading one table ----------------------------------------------------------------------------
class TableReader:
    """One table of one sheet being read; a subclass per layout reads its rows."""

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

    def reject(self, row: int, col: int, key: str, code: str | None = None) -> None:
        """List a cell that cannot be used; ``code``: the district whose score it was, when known."""
        self.out.rejected.append(
            {
                "file": self.file,
                "sheet": self.sheet.name,
                "cell": a1(row, col),
                "raw": format_raw(self.sheet.get(row, col)),
                "key": key,
                "code": code,
                "year_assessed": self.years.year_assessed if code is not None else None,
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
        value = self.sheet.values.get(key)
        percent = key in self.sheet.percent
        raw = format_raw(value, "%" if percent else None)
        kind = type(value)
        if (kind is int or kind is float) and scale.kind != "letter" and value == value:
            # the common number cell, read as parse_score reads it
            number = float(value)
            if percent and scale.max == 100:
                number *= 100
            number = round(number, 10)
            if number < scale.min or number > scale.max:
                return "invalid", number, raw, "err.asm_out_of_scale"
            return "scored", number, raw, ""
        parsed = parse_score(value, scale, percent_format=percent)
        if parsed.status == "invalid":
            return "invalid", parsed.score, raw, "err.asm_out_of_scale" if parsed.reason == "out_of_scale" else "err.asm_not_a_score"
        return parsed.status, parsed.score, raw, ""

    def record(self, row: int, column: Column, scale: Scale, **keys: Any) -> dict[str, Any] | None:
        """Read one score cell into ``scores`` (or ``rejected`` with its problem);
        the row added to ``scores`` (a copy), or None when rejected."""
        rec = self.score_record(row, column, scale, **keys)
        if rec is not None:
            self.out.scores.append(rec)
        return rec

    def score_record(self, row: int, column: Column, scale: Scale, **keys: Any) -> dict[str, Any] | None:
        """:meth:`record` without adding the row to ``scores``: the caller
        adds it (after setting ``weighted``, say)."""
        status, score, raw, problem = self.read_score(row, column, scale)
        if status == "invalid":
            params: dict[str, Any] = {"value": raw}
            if problem == "err.asm_out_of_scale":
                params["expected"] = scale.expected()
            elif problem == "err.asm_not_a_score":
                params["expected"] = scale.expected()
            elif problem == "err.asm_formula_uncached":
                params["formula"] = raw
            self.add(problem, row, column.col, "error", **params)
            self.reject(row, column.col, problem, keys.get("code"))
            if problem == "err.asm_out_of_scale" and score is not None:
                self.raw_numbers[(row, column.col)] = score
                self.out.out_of_scale[(self.file, self.sheet.name)].append(a1(row, column.col))
            return None
        get = keys.get
        rec = {
            "year_assessed": self.years.year_assessed,
            "period": self.years.period,
            "code": get("code"),
            "action": get("action"),
            "indicator": get("indicator"),
            "component": get("component"),
            "assessor": get("assessor"),
            "level": get("level"),
            "raw": raw,
            "score": score if status == "scored" else math.nan,
            "status": status,
            "scale": scale.name,
            "scale_min": scale.min,
            "scale_max": scale.max,
            "weight": get("weight", math.nan),
            "weighted": get("weighted", math.nan),
            "note": get("note", "") or "",
            "layout": self.table.layout,
            "file": self.file,
            "sheet": self.sheet.name,
            "cell": a1(row, column.col),
        }
        return rec

    def score_index(self, cell: str) -> int | None:
        """Index in ``scores`` of the first row read from ``cell`` of this
        sheet, or None."""
        data = self.out.scores.data
        name = self.sheet.name
        for index, (sheet, at) in enumerate(zip(data["sheet"], data["cell"])):
            if at == cell and sheet == name:
                return index
        return None

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
        value = self.sheet.values.get(key)
        kind = type(value)
        if (kind is int or kind is float) and value == value:  # the common number cell
            percent = key in self.sheet.percent
            raw = format_raw(value, "%" if percent else None)
            return (float(value) * 100 if percent else float(value)), raw, True
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
                self.add("err.asm_total_mismatch", row, column.col, "error", value=shown_number(raw, value),
                         expected=float(expected), parts=parts)
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
        """Read the table's rows (:meth:`read_rows` of the layout's reader),
        then report its hidden rows and columns."""
        self.read_rows()
        self.report_hidden()

    def read_rows(self) -> None:
        raise NotImplementedError

    # indicator codes (matrix and per assessor) ---------------------------------------------------
    def indicator_code(self, row: int, columns: list[Column | None]):
        values = self.sheet.values
        for column in columns:
            if column is None:
                continue
            value = values.get((row, column.col))
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
        actions = self.__dict__.get("_actions")
        if actions is None:
            actions = self._actions = frozenset(self.instrument.action_numbers())
        if parsed.action not in actions:
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


# -- small helpers ------------------------------------------------------------------------------------------
def shown_number(raw: str, number: float) -> float | str:
    """A cell's figure for a message: ``number`` (a float, written in the UI
    language when the message is rendered: ``81,5`` / ``81.5``) when ``raw`` is
    just that number as an Indonesian-locale Excel shows it; else ``raw`` as
    written (``85%``, ``83,10``, a formula), quoted from the file."""
    return float(number) if raw == format_raw(float(number)) or raw == format_raw(number) else raw


@lru_cache(maxsize=65536)
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


def weighted_agrees(weighted: float, product: float, tol: float) -> bool:
    """Whether a ``Nilai`` cell agrees with Skor × Bobot (``product``): within
    ``tol`` (:func:`_tolerance` of the cell) of the product, or of its
    hundredth (Bobot in percent and Nilai as a fraction: 3 × 2,5 → 0,075).
    A stored 0 never agrees with a product that is not 0: it is not 10 or
    0,1 shown rounded (the cell would hold 10 or 0,1), it is a 0, and a
    ``Jumlah`` that adds the Nilai would miss that indicator."""
    if weighted == 0 and product != 0:
        return False
    return abs(weighted - product) <= tol or abs(weighted - product / 100) <= tol


def _range_text(numbers: list[int]) -> str:
    return f"{numbers[0]}–{numbers[-1]}" if numbers else "–"

