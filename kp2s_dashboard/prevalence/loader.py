"""Stunting prevalence tables: one tidy long format, read from long or wide files.

The tidy table (:data:`COLUMNS`), one row per published figure:

=========== ======== ==========================================================
column      dtype    meaning
=========== ======== ==========================================================
code        str      BPS code (``"6301"``; province ``"63"``; Indonesia ``"00"``)
year        int64    survey year (not publication year; SSGI 2024 was
                     published in May 2025)
source      str      ``riskesdas`` | ``ssgbi`` | ``ssgi`` | ``ski`` | ``eppgbm``
indicator   str      ``stunting`` (HAZ < −2 SD, the headline), or
                     ``severely_stunted`` / ``moderately_stunted``
value_pct   float64  prevalence in percent, 0–100
source_url  str      where the figure was published ("" when not given)
note        str      remarks, including conflicting figures ("" when none)
origin      str      where the row was read: ``file!C5`` or ``file:line 7``
=========== ======== ==========================================================

Surveys (Riskesdas, SSGBI, SSGI, SKI) and the e-PPGBM register are
different measurements: :data:`SURVEY_SOURCES` and :data:`REGISTER_SOURCES`
keep them apart, and nothing here joins them into one series. The surveys
are one series with one figure per region and year: a file with two
surveys for the same region and year is refused, naming both rows.

Two file layouts are read, CSV or spreadsheet, detected automatically:

* **long**: the columns above (``code`` may instead be a name column such as
  ``kabupaten/kota``; ``indicator`` defaults to ``stunting``);
* **wide** (as offices keep them): one row per region, one column per
  source and year, headed e.g. ``SSGI 2022`` or ``2022`` under a merged
  ``SSGI`` header; a bare year needs ``default_source``.

Values may be written ``24,6``, ``24,6%``, as percent-formatted Excel cells
(stored 0.246), or ``-``/blank (missing, never zero). Indicator texts may use
the usual spellings (``Stunting (%)``, ``sangat pendek``, ``pendek``; see
:data:`INDICATOR_SPELLINGS`). Every visible sheet holding a table is read;
hidden sheets and sheets without a table are skipped with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kp2s_dashboard.sheets.cells import Cell, Grid, cell_percent, is_missing, read_grids
from kp2s_dashboard.errors import DataError, KP2SError, Location, Problem
from kp2s_dashboard.regions import registry

COLUMNS = ["code", "year", "source", "indicator", "value_pct", "source_url", "note", "origin"]
SURVEY_SOURCES = ("riskesdas", "ssgbi", "ssgi", "ski")
REGISTER_SOURCES = ("eppgbm",)
SOURCES = SURVEY_SOURCES + REGISTER_SOURCES
HEADLINE = "stunting"

#: Display labels of the sources (proper names, the same in both languages).
SOURCE_LABELS = {
    "riskesdas": "Riskesdas",
    "ssgbi": "SSGBI",
    "ssgi": "SSGI",
    "ski": "SKI",
    "eppgbm": "e-PPGBM",
}

_SOURCE_WORDS = {
    "riskesdas": "riskesdas",
    "ssgbi": "ssgbi",
    "ssgi": "ssgi",
    "ski": "ski",
    "eppgbm": "eppgbm",
    "ppgbm": "eppgbm",
    "epgbm": "eppgbm",
}

_HEADER_SYNONYMS = {
    "code": {"code", "kode", "kode wilayah", "kode bps", "bps code", "bps_code", "kode kemendagri", "kode_bps"},
    "region": {
        "region", "wilayah", "kabupaten kota", "kabupaten/kota", "kab/kota", "kab kota", "kabupaten", "kota",
        "nama", "nama wilayah", "district", "district_name", "daerah", "provinsi/kabupaten/kota",
    },
    "year": {"year", "tahun"},
    "source": {"source", "sumber", "survei", "survey", "sumber data"},
    "indicator": {"indicator", "indikator"},
    "value_pct": {"value_pct", "value", "nilai", "prevalensi", "prevalensi (%)", "prevalence", "persen", "%"},
    "source_url": {"source_url", "url", "tautan", "link", "sumber url", "url sumber"},
    "note": {"note", "notes", "catatan", "keterangan"},
}

_FOOTNOTE = re.compile(r"^\s*(sumber|keterangan|ket\b|catatan|source|note|\*)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")


@dataclass
class PrevalenceLoad:
    """What a load produced.

    ``table`` has :data:`COLUMNS`; ``warnings`` lists non-fatal findings
    (ignored footnotes, hidden problems worth seeing); the counts say how
    many data rows were read, how many figures were used, and how many cells
    were empty/``-`` (missing, not zero).
    """

    table: pd.DataFrame
    layout: str
    warnings: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    values_used: int = 0
    values_missing: int = 0


def _norm_header(value: object) -> str:
    text = str(value or "").replace("\u00a0", " ").strip().lower().replace("_", " ")
    text = re.sub(r"\s*/\s*", "/", text)  # "Kabupaten / Kota" -> "kabupaten/kota"
    return re.sub(r"\s+", " ", text).strip()


def _role(header: object) -> str | None:
    key = _norm_header(header)
    for role, words in _HEADER_SYNONYMS.items():
        if key in words or key.replace(" ", "_") in words:
            return role
    return None


def _source_in(text: str) -> str | None:
    words = re.findall(r"[a-z]+", text.lower().replace("e-ppgbm", "eppgbm"))
    for word in words:
        if word in _SOURCE_WORDS:
            return _SOURCE_WORDS[word]
    return None


def empty_table() -> pd.DataFrame:
    """A tidy table with no rows and the right dtypes."""
    return _typed(pd.DataFrame({c: [] for c in COLUMNS}))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame[COLUMNS].copy()
    for col in ("code", "source", "indicator", "source_url", "note", "origin"):
        frame[col] = frame[col].astype(str)
    frame["year"] = frame["year"].astype("int64")
    frame["value_pct"] = frame["value_pct"].astype("float64")
    return frame.sort_values(["code", "source", "year", "indicator"], kind="stable").reset_index(drop=True)


def load_prevalence(
    path: str | Path,
    *,
    display_name: str | None = None,
    default_source: str | None = None,
    default_indicator: str = HEADLINE,
) -> PrevalenceLoad:
    """Read a prevalence file in the long or the wide layout.

    Every visible sheet that holds a prevalence table is read (e.g. an
    ``SSGI`` sheet and an ``EPPGBM`` sheet); sheets without one (a cover or
    metadata sheet) are skipped with a warning, hidden sheets are skipped
    with a warning, and duplicates across sheets are errors.

    Args:
        path: ``.csv``, ``.xlsx``, ``.xlsm``, ``.xls`` or ``.ods``.
        display_name: name used in messages (an upload's original name).
        default_source: source for wide columns headed by a bare year
            (``"2022"``); one of :data:`SOURCES`. Headers with other words
            (``Target 2024``) never take it.
        default_indicator: indicator for files without an indicator column.

    Returns:
        :class:`PrevalenceLoad` with the tidy table (see module docstring).
        ``warnings`` include values that look like fractions (all values of
        a column below 1 and none percent-formatted), missing values of the long
        layout (by row), skipped sheets and columns.

    Raises:
        DataError: with every problem found (file, sheet, cell or row, and
            what was expected): unreadable file, no recognisable header (the
            first sheet's reason when no sheet is usable), rows with more
            cells than the header (unquoted decimal commas), formulas
            without a saved result, code and name that disagree, two
            columns with the same role, unknown region names (with the
            closest names), values that are not numbers or outside 0–100,
            bad years, sources or indicators, duplicates, and two survey
            figures for one region, year and indicator from different
            surveys are NOT an error: they are a warning
            (``warn.survey_conflict``, naming both rows: SSGI 2023 and SKI
            2023 for one district) and both rows are kept, so the other
            regions are used as usual while that region's rate and status
            say they cannot be judged (see
            :func:`kp2s_dashboard.prevalence.series.series_conflicts`).
    """
    grids = read_grids(path, display_name)
    name = display_name or Path(path).name
    warnings: list[Problem] = []
    with_data = [g for g in grids if any(not is_missing(c.value) or c.formula for row in g.rows for c in row)]
    candidates = []
    for grid in grids:
        if grid.truncated_at is not None:
            warnings.append(Problem("warn.sheet_truncated", {"row": grid.truncated_at},
                                    Location(file=name, sheet=grid.sheet), "warning"))
    for grid in with_data:
        if grid.hidden:
            warnings.append(Problem("warn.sheet_hidden", {"sheet": grid.sheet}, Location(file=name, sheet=grid.sheet), "warning"))
        else:
            candidates.append(grid)
    if not candidates:
        if with_data:
            raise DataError("err.only_hidden_sheets", Location(file=name), sheets=", ".join(str(g.sheet) for g in with_data))
        raise DataError("err.file_empty", Location(file=name))
    first_error: DataError | None = None
    parts: list[_Part] = []
    skipped: list[Grid] = []
    for grid in candidates:
        try:
            plan = _plan(grid, default_source, default_indicator)
        except DataError as exc:  # header-level: not (or not a readable) prevalence table
            first_error = first_error or exc
            skipped.append(grid)
            continue
        parts.append(_read_rows(grid, plan))
    if not parts:
        assert first_error is not None
        raise first_error
    for grid in skipped:
        warnings.append(Problem("warn.sheet_skipped", {"sheet": grid.sheet}, Location(file=name, sheet=grid.sheet), "warning"))
    return _finish(name, parts, warnings)


@dataclass
class _Plan:
    """What the header says: layout, header row index, columns by role and,
    for the wide layout, the value columns with their (source, year)."""

    layout: str
    h: int
    by_role: dict[str, int]
    last_col: int
    value_cols: dict[int, tuple[str, int]] = field(default_factory=dict)
    default_indicator: str = HEADLINE
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class _Part:
    """Rows read from one grid."""

    grid: Grid
    layout: str
    records: list[dict]
    problems: list[Problem]
    warnings: list[Problem]
    rows_read: int
    missing: int


def _header_row(grid: Grid) -> int | None:
    """Index (0-based) of the header row: the first of the top 15 rows with a
    region or code column."""
    for i, row in enumerate(grid.rows[:15]):
        roles = {_role(c.value) for c in row if not is_missing(c.value)}
        if roles & {"code", "region"}:
            return i
    return None


def _plan(grid: Grid, default_source: str | None, default_indicator: str) -> _Plan:
    """Read the header of ``grid``. Raises DataError (header-level)."""
    h = _header_row(grid)
    if h is None:
        seen = [str(c.value) for row in grid.rows[:5] for c in row if not is_missing(c.value)]
        raise DataError("err.no_region_column", grid.location(row=1), columns=", ".join(seen[:12]) or "–")
    header = grid.rows[h]
    roles = {c.col: _role(c.value) for c in header if not is_missing(c.value)}
    seen_role: dict[str, Cell] = {}
    problems: list[Problem] = []
    for cell in header:
        role = roles.get(cell.col)
        if not role:
            continue
        if role in seen_role:
            other = seen_role[role]
            problems.append(
                Problem(
                    "err.duplicate_column",
                    {"first": str(other.value), "first_cell": other.a1, "second": str(cell.value), "role": role},
                    grid.location(cell),
                )
            )
        else:
            seen_role[role] = cell
    if problems:
        raise DataError.from_problems(problems)
    by_role = {role: cell.col for role, cell in seen_role.items()}
    last_col = max((c.col for c in header if not is_missing(c.value)), default=0)
    if {"year", "value_pct"} <= set(by_role):
        missing = [r for r in ("year", "source", "value_pct") if r not in by_role]
        if missing:
            raise DataError("err.missing_columns", grid.location(row=h + 1), missing=", ".join(missing))
        return _Plan("long", h, by_role, last_col, default_indicator=default_indicator)
    return _plan_wide(grid, h, roles, by_role, last_col, default_source, default_indicator)


def _plan_wide(grid, h, roles, by_role, last_col, default_source, default_indicator) -> _Plan:
    header = grid.rows[h]
    above_i = h - 1 if h > 0 else None
    below = grid.rows[h + 1] if h + 1 < len(grid.rows) else []
    header_years = any(_YEAR.search(_header_text(c)) for c in header if not roles.get(c.col))
    if not header_years and any(_YEAR.search(_header_text(c)) for c in below):
        # two-row header: "SSGI" (merged) above "2021 | 2022": read years from the row below
        above_i, h = h, h + 1
        header = below
        last_col = max([last_col] + [c.col for c in header if not is_missing(c.value)])
    above = grid.rows[above_i] if above_i is not None else []
    role_cols = {col for col, role in roles.items() if role}
    value_cols: dict[int, tuple[str, int]] = {}
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for cell in header:
        if is_missing(cell.value) or cell.col in role_cols:
            continue
        text = _header_text(cell)
        parsed = _value_header(text)
        if parsed is None:
            if _YEAR.search(text):
                warnings.append(Problem("warn.column_ignored", {"header": text}, grid.location(cell), "warning"))
            continue
        source, year = parsed
        source = source or _group_source(grid, above, cell.col, role_cols) or default_source
        if source is None:
            problems.append(Problem("err.wide_needs_source", {"header": text, "year": year}, grid.location(cell)))
            continue
        value_cols[cell.col] = (source, year)
    if problems:
        raise DataError.from_problems(problems)
    if not value_cols:
        raise DataError(
            "err.no_value_columns",
            grid.location(row=h + 1),
            columns=", ".join(str(c.value) for c in header if not is_missing(c.value)),
        )
    return _Plan("wide", h, by_role, last_col, value_cols, default_indicator, warnings)


_HEADER_FILLER = {"tahun", "th", "prevalensi", "prevalence", "stunting", "persen", "pct", "survei", "survey"}


def _value_header(text: str) -> tuple[str | None, int] | None:
    """``(source or None, year)`` when a header is a bare year or a source and
    a year (``2022``, ``Tahun 2022``, ``SSGI 2022``, ``e-PPGBM 2022 (%)``);
    ``None`` for anything else (``Target 2024``, ``SSGI 2021 dan 2022``)."""
    tokens = re.findall(r"[a-z]+|\d+", text.lower().replace("e-ppgbm", "eppgbm"))
    years = [t for t in tokens if _YEAR.fullmatch(t)]
    sources = {_SOURCE_WORDS[t] for t in tokens if t in _SOURCE_WORDS}
    rest = [t for t in tokens if t not in years and t not in _SOURCE_WORDS and t not in _HEADER_FILLER]
    if len(years) != 1 or len(sources) > 1 or rest:
        return None
    return (next(iter(sources)) if sources else None), int(years[0])


def _pure_source(value: object) -> str | None:
    """The source named by a group header such as ``SSGI`` or ``e-PPGBM``;
    ``None`` when the text says anything else (a title such as
    ``Data e-PPGBM dan SSGI Kalsel``, or a year)."""
    if is_missing(value):
        return None
    tokens = re.findall(r"[a-z]+|\d+", str(value).lower().replace("e-ppgbm", "eppgbm"))
    sources = {_SOURCE_WORDS[t] for t in tokens if t in _SOURCE_WORDS}
    rest = [t for t in tokens if t not in _SOURCE_WORDS and t not in _HEADER_FILLER]
    return next(iter(sources)) if len(sources) == 1 and not rest else None


def _group_source(grid: Grid, above: list[Cell], col: int, role_cols: set[int]) -> str | None:
    """Source of a year column from the group header in the row above: the
    cell right above it, or a merged cell whose range covers the column
    (and no region/code column). Without merge information (CSV, .ods) the
    nearest filled cell to the left counts, unless a region/code column or
    another filled cell lies between."""
    for cell in above:
        if cell.col == col and not is_missing(cell.value):
            return _pure_source(cell.value)
    if grid.merges_known:
        for cell in above:
            rng = grid.merged_range(cell)
            if rng and rng[1] <= col <= rng[3] and not any(rng[1] <= c <= rng[3] for c in role_cols):
                return _pure_source(cell.value)
        return None
    left = [c for c in above if c.col < col and not is_missing(c.value)]
    if not left:
        return None
    anchor = max(left, key=lambda c: c.col)
    if any(anchor.col <= c <= col for c in role_cols):
        return None
    return _pure_source(anchor.value)


def _row_number(grid: Grid, index: int, row: list[Cell]) -> int:
    return row[0].row if row else index + 1


def _cell_or_blank(row: list[Cell], col: int | None, r: int) -> Cell | None:
    """The cell at ``col``, or a blank cell there when the row is shorter."""
    if col is None:
        return None
    return _cell_at(row, col) or Cell(value=None, row=r, col=col)


def _too_long(grid: Grid, plan: _Plan, row: list[Cell], r: int, problems: list[Problem]) -> bool:
    """CSV rows with filled cells beyond the header's last column (typically
    ``24,6`` unquoted in a comma-separated file): an error naming the row."""
    if not grid.is_csv:
        return False
    extra = [c for c in row if c.col > plan.last_col and not is_missing(c.value)]
    if not extra:
        return False
    filled = [c for c in row if not is_missing(c.value)]
    problems.append(
        Problem(
            "err.row_too_long",
            {"cells": len(filled), "columns": plan.last_col, "delimiter": grid.delimiter or ","},
            grid.location(row=r),
        )
    )
    return True


def _read_rows(grid: Grid, plan: _Plan) -> _Part:
    problems: list[Problem] = []
    warnings: list[Problem] = list(plan.warnings)
    records: list[dict] = []
    rows_read = missing = 0
    by_role = plan.by_role
    headers = {c.col: _header_text(c) for c in grid.rows[plan.h]}
    for i, row in enumerate(grid.rows[plan.h + 1:], start=plan.h + 1):
        r = _row_number(grid, i, row)
        if plan.layout == "long":
            cells = {role: _cell_or_blank(row, col, r) for role, col in by_role.items()}
            data_cells = [cells["value_pct"]]
        else:
            cells = {role: _cell_or_blank(row, by_role.get(role), r) for role in ("code", "region", "source_url", "note")}
            cells = {k: v for k, v in cells.items() if v is not None}
            data_cells = [_cell_or_blank(row, col, r) for col in plan.value_cols]
        formulas = [c for c in row if c.formula]
        lead = next((cells[k] for k in ("code", "region") if k in cells and not is_missing(cells[k].value)), None)
        if plan.layout == "long":
            filled = [c for c in cells.values() if not is_missing(c.value)]
            if not filled and not formulas and _skip_note_row(grid, row, None, warnings):
                continue
            if len(filled) == 1 and lead in filled and not formulas and _skip_note_row(grid, row, lead, warnings):
                continue
        else:
            filled = [c for c in data_cells if not is_missing(c.value)]
            if not filled and not formulas and _skip_note_row(grid, row, lead, warnings):
                continue
        rows_read += 1
        if _too_long(grid, plan, row, r, problems):
            continue
        for cell in formulas:
            problems.append(Problem("err.formula_uncached", {"formula": cell.formula}, grid.location(cell)))
        if formulas and plan.layout == "long":
            continue
        code = _region_code(grid, cells, r, problems)
        if plan.layout == "long":
            year = _year(grid, cells["year"], problems)
            source = _source(grid, cells["source"], problems)
            indicator = _indicator(grid, cells.get("indicator"), plan.default_indicator, problems)
            value_cell = cells["value_pct"]
            if is_missing(value_cell.value):
                missing += 1
                if None not in (code, year, source):
                    warnings.append(
                        Problem(
                            "warn.value_missing",
                            {"region": registry().short_name(code), "source": source, "year": year},
                            grid.location(row=r),
                            "warning",
                        )
                    )
                continue
            value = _percent(grid, value_cell, problems)
            if None in (code, year, source, value, indicator):
                continue
            records.append(_record(grid, code, year, source, indicator, value, value_cell, cells, headers))
        else:
            for col, cell in zip(plan.value_cols, data_cells):
                source, year = plan.value_cols[col]
                if cell.formula:
                    continue
                if is_missing(cell.value):
                    missing += 1
                    continue
                value = _percent(grid, cell, problems)
                if code is None or value is None:
                    continue
                records.append(_record(grid, code, year, source, plan.default_indicator, value, cell, cells, headers))
    return _Part(grid, plan.layout, records, problems, warnings, rows_read, missing)


def _record(grid, code, year, source, indicator, value, cell, cells, headers) -> dict:
    return {
        "code": code,
        "year": year,
        "source": source,
        "indicator": indicator,
        "value_pct": value,
        "source_url": _text(cells.get("source_url")),
        "note": _text(cells.get("note")),
        "origin": _origin(grid, cell),
        "_loc": grid.location(cell),
        "_column": (grid.sheet, cell.col),
        "_header": _column_name(cell.col, headers.get(cell.col, "")),
        "_marked": cell.percent_format or (isinstance(cell.value, str) and "%" in cell.value),
        "_formats_known": grid.formats_known or grid.is_csv,
    }


def _column_name(col: int, header: str) -> str:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(col)
    return f"{letter} '{header}'" if header else letter


def _skip_note_row(grid: Grid, row: list[Cell], lead: Cell | None, warnings: list[Problem]) -> bool:
    """Decide about a row without figures. Blank rows are skipped. A row
    whose only text is a note (``Sumber: …``, ``Keterangan``, ``Ket:``) is
    skipped with a warning naming it; returns False when the row must be
    read as data (its region cell holds something that is not a note)."""
    texts = [c for c in row if not is_missing(c.value)]
    if not texts:
        return True
    note = next((c for c in texts if isinstance(c.value, str) and _FOOTNOTE.match(c.value)), None)
    if note is not None and (lead is None or lead is note):
        warnings.append(Problem("warn.footnote_ignored", {"text": str(note.value)[:60]}, grid.location(note), "warning"))
        return True
    if lead is None:
        shown = " | ".join(str(c.value) for c in texts)[:60]
        warnings.append(Problem("warn.row_ignored", {"text": shown}, grid.location(texts[0]), "warning"))
        return True
    return False


def _region_code(grid: Grid, cells: dict[str, Cell], r: int, problems: list[Problem]) -> str | None:
    """The region code of a row from its code and/or name cell. When both
    are filled they must name the same region (``6303`` with
    ``Banjarmasin`` is an error naming both cells)."""
    given = [cells[k] for k in ("code", "region") if k in cells and not is_missing(cells[k].value)]
    if not given:
        first = next((cells[k] for k in ("code", "region") if k in cells), None)
        problems.append(Problem("err.region_empty", location=grid.location(first) if first else grid.location(row=r)))
        return None
    codes = []
    for cell in given:
        try:
            codes.append(registry().to_code(cell.value, grid.location(cell)))
        except KP2SError as exc:
            problems.append(exc.problem)
            return None
    if len(codes) == 2 and codes[0] != codes[1]:
        code_cell, name_cell = given
        problems.append(
            Problem(
                "err.code_name_conflict",
                {
                    "code": _header_text(code_cell),
                    "code_name": registry().short_name(codes[0]),
                    "name": str(name_cell.value).strip(),
                    "name_cell": name_cell.a1,
                    "name_code": codes[1],
                },
                grid.location(code_cell),
            )
        )
        return None
    return codes[0]


def _finish(name: str, parts: list[_Part], warnings: list[Problem]) -> PrevalenceLoad:
    problems: list[Problem] = [p for part in parts for p in part.problems]
    for part in parts:
        warnings.extend(part.warnings)
    records = [rec for part in parts for rec in part.records]
    seen: dict[tuple, str] = {}
    for rec in records:
        key = (rec["code"], rec["year"], rec["source"], rec["indicator"])
        if key in seen:
            problems.append(
                Problem(
                    "err.duplicate",
                    {
                        "region": registry().short_name(rec["code"]),
                        "source": rec["source"],
                        "year": rec["year"],
                        "indicator": rec["indicator"],
                        "other": seen[key],
                    },
                    rec["_loc"],
                )
            )
        else:
            seen[key] = rec["origin"]
    warnings.extend(_survey_conflicts(records))
    if problems:
        raise DataError.from_problems(problems)
    if not records:
        grid = parts[0].grid
        missing = sum(p.missing for p in parts)
        if missing:
            raise DataError("err.all_values_missing", Location(file=grid.file, sheet=grid.sheet), missing=missing)
        raise DataError("err.file_empty", Location(file=grid.file, sheet=grid.sheet))
    warnings.extend(_fraction_warnings(name, records))
    table = _typed(pd.DataFrame.from_records([{k: v for k, v in rec.items() if not k.startswith("_")} for rec in records]))
    layouts = {part.layout for part in parts}
    return PrevalenceLoad(
        table=table,
        layout=layouts.pop() if len(layouts) == 1 else "mixed",
        warnings=warnings,
        rows_read=sum(p.rows_read for p in parts),
        values_used=len(table),
        values_missing=sum(p.missing for p in parts),
    )


def _survey_conflicts(records: list[dict]) -> list[Problem]:
    """A warning per region, year and indicator with figures from two
    different surveys (SSGI 2023 and SKI 2023 for Tanah Laut), naming both
    rows and both figures.

    Riskesdas, SSGBI, SSGI and SKI form one survey series with one figure
    per region and year (:mod:`kp2s_dashboard.prevalence.progress`); two figures for one
    year would make the trend, the rate and the status depend on which row
    is read first. Nothing is chosen silently: both rows are kept, the
    progress analytics leave that region and year out of its rate and say
    why, and the other regions are not affected. The message says to keep
    the survey published for that year and to write the other figure in its
    note after ``CONFLICT:``, where it is shown as an alternative figure.
    """
    groups: dict[tuple, list[dict]] = {}
    for rec in records:
        if rec["source"] in SURVEY_SOURCES:
            groups.setdefault((rec["code"], rec["year"], rec["indicator"]), []).append(rec)
    out = []
    for (code, year, indicator), recs in groups.items():
        by_source = {}
        for rec in recs:
            by_source.setdefault(rec["source"], rec)
        if len(by_source) < 2:
            continue
        first, *others = by_source.values()
        for other in others:
            out.append(
                Problem(
                    "warn.survey_conflict",
                    {
                        "region": registry().short_name(code),
                        "year": year,
                        "indicator": indicator,
                        "first": f"{SOURCE_LABELS[first['source']]} {first['value_pct']:g}",
                        "first_at": first["origin"],
                        "second": f"{SOURCE_LABELS[other['source']]} {other['value_pct']:g}",
                    },
                    other["_loc"],
                    severity="warning",
                )
            )
    return out


def _fraction_warnings(name: str, records: list[dict]) -> list[Problem]:
    """A warning per value column whose values are all below 1 (and not all 0)
    with none percent-formatted or written with ``%``: probably fractions
    (0.246 for 24.6 %). For .xls/.ods, whose number formats are not read,
    the warning says so."""
    by_col: dict[tuple, list[dict]] = {}
    for rec in records:
        by_col.setdefault(rec["_column"], []).append(rec)
    out = []
    for recs in by_col.values():
        values = [rec["value_pct"] for rec in recs]
        if max(values) >= 1 or max(values) == 0 or any(rec["_marked"] for rec in recs):
            continue
        key = "warn.fractions" if recs[0]["_formats_known"] else "warn.fractions_format_unknown"
        example = next(v for v in values if v > 0)
        out.append(
            Problem(
                key,
                {"column": recs[0]["_header"], "example": f"{example:g}", "pct": f"{example * 100:g}"},
                Location(file=name, sheet=recs[0]["_column"][0]),
                "warning",
            )
        )
    return out


def _origin(grid: Grid, cell: Cell) -> str:
    if grid.is_csv:
        return f"{grid.file}:line {cell.row}"
    return f"{grid.file}[{grid.sheet}]!{cell.a1}"


def _header_text(cell: Cell) -> str:
    if is_missing(cell.value):
        return ""
    if isinstance(cell.value, float) and cell.value.is_integer():
        return str(int(cell.value))
    return str(cell.value)


def _cell_at(row: list[Cell], col: int | None) -> Cell | None:
    if col is None:
        return None
    for cell in row:
        if cell.col == col:
            return cell
    return None


def _text(cell: Cell | None) -> str:
    if cell is None or is_missing(cell.value):
        return ""
    return str(cell.value).strip()


def _percent(grid: Grid, cell: Cell | None, problems: list[Problem]) -> float | None:
    if cell is None:
        return None
    try:
        value = cell_percent(cell)
    except ValueError:
        problems.append(Problem("err.not_a_number", {"value": str(cell.value)}, grid.location(cell)))
        return None
    if value is not None and not 0.0 <= value <= 100.0:
        problems.append(Problem("err.pct_out_of_range", {"value": value}, grid.location(cell)))
        return None
    return value


def _year(grid: Grid, cell: Cell, problems: list[Problem]) -> int | None:
    text = "" if is_missing(cell.value) else str(cell.value).strip()
    if isinstance(cell.value, float) and cell.value.is_integer():
        text = str(int(cell.value))
    if re.fullmatch(r"\d{4}\.0", text):  # "2022.0": a year written out from a float column
        text = text[:-2]
    if not re.fullmatch(r"\d{4}", text) or not 1990 <= int(text) <= 2100:
        problems.append(Problem("err.bad_year", {"value": text}, grid.location(cell)))
        return None
    return int(text)


def _source(grid: Grid, cell: Cell, problems: list[Problem]) -> str | None:
    text = "" if is_missing(cell.value) else str(cell.value).strip()
    source = text.lower() if text.lower() in SOURCES else _source_in(text)
    if source is None:
        problems.append(Problem("err.unknown_source", {"value": text, "expected": ", ".join(SOURCES)}, grid.location(cell)))
    return source


#: Indicator spellings (normalised: lower case, ``(%)``/``%``/``prevalensi``
#: dropped, punctuation to spaces). Riskesdas/SSGI categories of
#: height-for-age (WHO 2006 standard): *pendek* (moderately stunted,
#: −3 SD ≤ HAZ < −2 SD) and *sangat pendek* (severely stunted, HAZ < −3 SD);
#: stunting is both together (Kemenkes, *Situasi Balita Pendek*, 2016).
INDICATOR_SPELLINGS = {
    "stunting": {"stunting", "stunted", "total stunting", "stunting total", "pendek dan sangat pendek",
                 "pendek sangat pendek", "sangat pendek dan pendek", "balita stunting"},
    "severely_stunted": {"severely stunted", "severe stunting", "sangat pendek", "stunting berat",
                         "balita sangat pendek"},
    "moderately_stunted": {"moderately stunted", "moderate stunting", "pendek", "stunting sedang", "balita pendek"},
}


def _norm_indicator(text: str) -> str:
    text = text.lower().replace("(%)", " ").replace("%", " ").replace("&", " dan ").replace("+", " dan ")
    text = re.sub(r"[_\-/(),.:]+", " ", text)
    words = [w for w in text.split() if w not in ("prevalensi", "prevalence", "of", "persen")]
    return " ".join(words)


def _indicator(grid: Grid, cell: Cell | None, default: str, problems: list[Problem]) -> str | None:
    """The indicator key of a long-layout row (``default`` when the column is
    absent or the cell blank); unknown texts are errors naming the cell and
    the accepted spellings."""
    if cell is None or is_missing(cell.value):
        return default
    key = _norm_indicator(str(cell.value))
    for indicator, spellings in INDICATOR_SPELLINGS.items():
        if key == indicator.replace("_", " ") or key in spellings:
            return indicator
    accepted = "; ".join(f"{k}: {', '.join(sorted(v))}" for k, v in INDICATOR_SPELLINGS.items())
    problems.append(Problem("err.unknown_indicator", {"value": str(cell.value).strip(), "expected": accepted}, grid.location(cell)))
    return None


def headline(table: pd.DataFrame) -> pd.DataFrame:
    """Rows of the headline indicator (``stunting``) only; same columns."""
    return table[table["indicator"] == HEADLINE]


def survey(table: pd.DataFrame) -> pd.DataFrame:
    """Survey rows (Riskesdas, SSGBI, SSGI, SKI) of the headline indicator."""
    t = headline(table)
    return t[t["source"].isin(SURVEY_SOURCES)]


def register(table: pd.DataFrame) -> pd.DataFrame:
    """e-PPGBM register rows of the headline indicator."""
    t = headline(table)
    return t[t["source"].isin(REGISTER_SOURCES)]


def rounds(table: pd.DataFrame, sources: tuple[str, ...] = SOURCES) -> list[tuple[str, int]]:
    """Available (source, year) pairs of the headline indicator, newest first,
    restricted to ``sources``."""
    t = headline(table)
    t = t[t["source"].isin(sources)]
    pairs = {(s, int(y)) for s, y in zip(t["source"], t["year"])}
    return sorted(pairs, key=lambda p: (p[1], SOURCES.index(p[0])), reverse=True)


def values_for(table: pd.DataFrame, source: str, year: int, indicator: str = HEADLINE) -> pd.DataFrame:
    """Rows for one round (``source``, ``year``), one per region code."""
    mask = (table["source"] == source) & (table["year"] == year) & (table["indicator"] == indicator)
    return table[mask]


def latest_survey(table: pd.DataFrame, code: str) -> pd.Series | None:
    """The newest survey row (headline) for ``code``, or ``None``."""
    t = survey(table)
    t = t[t["code"] == code]
    if t.empty:
        return None
    return t.sort_values("year").iloc[-1]
