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
keep them apart, and nothing here joins them into one series.

Two file layouts are read, CSV or spreadsheet, detected automatically:

* **long**: the columns above (``code`` may instead be a name column such as
  ``kabupaten/kota``; ``indicator`` defaults to ``stunting``);
* **wide** (as offices keep them): one row per region, one column per
  source and year, headed e.g. ``SSGI 2022`` or ``2022`` under a merged
  ``SSGI`` header; a bare year needs ``default_source``.

Values may be written ``24,6``, ``24,6%``, as percent-formatted Excel cells
(stored 0.246), or ``-``/blank (missing, never zero).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kp2s_dashboard.cells import Cell, Grid, cell_percent, is_missing, read_grids
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

_FOOTNOTE = re.compile(r"^\s*(sumber|keterangan|catatan|source|note|\*)", re.IGNORECASE)
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
    return re.sub(r"\s+", " ", str(value or "").strip().lower().replace("_", " ")).strip()


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

    Args:
        path: ``.csv``, ``.xlsx``, ``.xlsm``, ``.xls`` or ``.ods``.
        display_name: name used in messages (an upload's original name).
        default_source: source for wide columns headed by a bare year
            (``"2022"``); one of :data:`SOURCES`.
        default_indicator: indicator for files without an indicator column.

    Returns:
        :class:`PrevalenceLoad` with the tidy table (see module docstring).

    Raises:
        DataError: with every problem found (file, sheet, cell or row, and
            what was expected): unreadable file, no recognisable header,
            unknown region names (with the closest names), values that are
            not numbers or outside 0–100, bad years or sources, duplicates.
    """
    grids = read_grids(path, display_name)
    name = display_name or Path(path).name
    candidates = [g for g in grids if any(not is_missing(c.value) for row in g.rows for c in row)]
    if not candidates:
        raise DataError("err.file_empty", Location(file=name))
    first_error: DataError | None = None
    for grid in candidates:
        try:
            return _load_grid(grid, default_source, default_indicator)
        except DataError as exc:
            if exc.key not in ("err.no_region_column", "err.no_value_columns"):
                raise
            first_error = first_error or exc
    assert first_error is not None
    raise first_error


def _header_row(grid: Grid) -> int | None:
    """Index (0-based) of the header row: the first of the top 15 rows with a
    region or code column."""
    for i, row in enumerate(grid.rows[:15]):
        roles = {_role(c.value) for c in row if not is_missing(c.value)}
        if roles & {"code", "region"}:
            return i
    return None


def _load_grid(grid: Grid, default_source: str | None, default_indicator: str) -> PrevalenceLoad:
    h = _header_row(grid)
    if h is None:
        seen = [str(c.value) for row in grid.rows[:5] for c in row if not is_missing(c.value)]
        raise DataError("err.no_region_column", grid.location(row=1), columns=", ".join(seen[:12]) or "–")
    header = grid.rows[h]
    roles = {c.col: _role(c.value) for c in header if not is_missing(c.value)}
    if {"year", "value_pct"} <= set(roles.values()):
        return _load_long(grid, h, roles, default_indicator)
    return _load_wide(grid, h, roles, default_source, default_indicator)


def _region_code(grid: Grid, cells: dict[str, Cell], problems: list[Problem]) -> str | None:
    cell = cells.get("code") or cells.get("region")
    if cell is None or is_missing(cell.value):
        cell = cells.get("region") if cells.get("region") is not None else cell
    if cell is None or is_missing(cell.value):
        problems.append(Problem("err.region_empty", location=grid.location(cell) if cell else Location()))
        return None
    try:
        return registry().to_code(cell.value, grid.location(cell))
    except KP2SError as exc:
        problems.append(exc.problem)
        return None


def _load_long(grid: Grid, h: int, roles: dict[int, str | None], default_indicator: str) -> PrevalenceLoad:
    by_role = {role: col for col, role in roles.items() if role}
    missing = [r for r in ("year", "source", "value_pct") if r not in by_role]
    if missing:
        raise DataError("err.missing_columns", grid.location(row=h + 1), missing=", ".join(missing))
    problems: list[Problem] = []
    warnings: list[Problem] = []
    records = []
    rows_read = missing_values = 0
    for row in grid.rows[h + 1:]:
        cells = {role: _cell_at(row, col) for role, col in by_role.items()}
        values = [c for c in cells.values() if c is not None and not is_missing(c.value)]
        if not values:
            _skip_note_row(grid, row, None, warnings)
            continue
        lead = cells.get("code") or cells.get("region")
        if len(values) == 1 and lead in values and _skip_note_row(grid, row, lead, warnings):
            continue
        rows_read += 1
        code = _region_code(grid, cells, problems)
        year = _year(grid, cells.get("year"), problems)
        source = _source(grid, cells.get("source"), problems)
        value_cell = cells["value_pct"]
        value = _percent(grid, value_cell, problems)
        if value is None and value_cell is not None and not problems_for(value_cell, grid, problems):
            missing_values += 1
            continue
        indicator_cell = cells.get("indicator")
        indicator = (
            str(indicator_cell.value).strip().lower()
            if indicator_cell is not None and not is_missing(indicator_cell.value)
            else default_indicator
        )
        if None in (code, year, source, value):
            continue
        records.append(
            {
                "code": code,
                "year": year,
                "source": source,
                "indicator": indicator,
                "value_pct": value,
                "source_url": _text(cells.get("source_url")),
                "note": _text(cells.get("note")),
                "origin": _origin(grid, value_cell),
            }
        )
    return _finish(grid, records, problems, warnings, "long", rows_read, missing_values)


def _skip_note_row(grid: Grid, row: list[Cell], lead: Cell | None, warnings: list[Problem]) -> bool:
    """Decide about a row without figures. Blank rows are skipped. A row
    whose only text is a note (``Sumber: …``, ``Keterangan``) is skipped with
    a warning naming it; returns False when the row must be read as data
    (its region cell holds something that is not a note)."""
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


def problems_for(cell: Cell, grid: Grid, problems: list[Problem]) -> bool:
    """True if ``problems`` already holds a finding at ``cell``."""
    loc = grid.location(cell)
    return any(p.location == loc for p in problems)


def _load_wide(
    grid: Grid, h: int, roles: dict[int, str | None], default_source: str | None, default_indicator: str
) -> PrevalenceLoad:
    header = grid.rows[h]
    above = grid.rows[h - 1] if h > 0 else []
    below = grid.rows[h + 1] if h + 1 < len(grid.rows) else []
    header_years = any(_YEAR.search(_header_text(c)) for c in header if not roles.get(c.col))
    if not header_years and any(_YEAR.search(_header_text(c)) for c in below):
        # two-row header: "SSGI" (merged) above "2021 | 2022": read years from the row below
        above, header, h = header, below, h + 1
    # A merged "SSGI" above "2021 | 2022 | 2024": carry the last source word rightwards.
    carried: dict[int, str] = {}
    current = None
    for cell in above:
        if not is_missing(cell.value):
            current = _source_in(str(cell.value))
        if current:
            carried[cell.col] = current
    value_cols: dict[int, tuple[str, int]] = {}
    problems: list[Problem] = []
    for cell in header:
        if is_missing(cell.value) or roles.get(cell.col):
            continue
        text = _header_text(cell)
        match = _YEAR.search(text)
        if not match:
            continue
        source = _source_in(text) or carried.get(cell.col) or default_source
        if source is None:
            problems.append(
                Problem("err.wide_needs_source", {"header": text, "year": match.group(1)}, grid.location(cell))
            )
            continue
        value_cols[cell.col] = (source, int(match.group(1)))
    if not value_cols and not problems:
        raise DataError(
            "err.no_value_columns",
            grid.location(row=h + 1),
            columns=", ".join(str(c.value) for c in header if not is_missing(c.value)),
        )
    key_col = next((col for col, role in roles.items() if role == "code"), None)
    name_col = next((col for col, role in roles.items() if role == "region"), None)
    url_col = next((col for col, role in roles.items() if role == "source_url"), None)
    note_col = next((col for col, role in roles.items() if role == "note"), None)
    records = []
    warnings: list[Problem] = []
    rows_read = missing_values = 0
    for row in grid.rows[h + 1:]:
        cells = {"code": _cell_at(row, key_col), "region": _cell_at(row, name_col)}
        data = {col: _cell_at(row, col) for col in value_cols}
        filled = [c for c in data.values() if c is not None and not is_missing(c.value)]
        lead = next((c for c in cells.values() if c is not None and not is_missing(c.value)), None)
        if not filled and _skip_note_row(grid, row, lead, warnings):
            continue
        rows_read += 1
        code = _region_code(grid, {k: v for k, v in cells.items() if v is not None}, problems)
        for col, (source, year) in value_cols.items():
            cell = data[col]
            if cell is None or is_missing(cell.value):
                missing_values += 1
                continue
            value = _percent(grid, cell, problems)
            if code is None or value is None:
                continue
            records.append(
                {
                    "code": code,
                    "year": year,
                    "source": source,
                    "indicator": default_indicator,
                    "value_pct": value,
                    "source_url": _text(_cell_at(row, url_col)),
                    "note": _text(_cell_at(row, note_col)),
                    "origin": _origin(grid, cell),
                }
            )
    return _finish(grid, records, problems, warnings, "wide", rows_read, missing_values)


def _finish(grid, records, problems, warnings, layout, rows_read, missing_values) -> PrevalenceLoad:
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
                    _location_from_origin(grid, rec["origin"]),
                )
            )
        else:
            seen[key] = rec["origin"]
    if problems:
        raise DataError.from_problems(problems)
    if not records:
        raise DataError("err.file_empty", Location(file=grid.file, sheet=grid.sheet))
    table = _typed(pd.DataFrame.from_records(records))
    return PrevalenceLoad(
        table=table,
        layout=layout,
        warnings=warnings,
        rows_read=rows_read,
        values_used=len(table),
        values_missing=missing_values,
    )


def _location_from_origin(grid: Grid, origin: str) -> Location:
    if grid.is_csv:
        return Location(file=grid.file, row=int(origin.rsplit(" ", 1)[-1]))
    return Location(file=grid.file, sheet=grid.sheet, cell=origin.rsplit("!", 1)[-1])


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


def _year(grid: Grid, cell: Cell | None, problems: list[Problem]) -> int | None:
    if cell is None or is_missing(cell.value):
        if cell is not None:
            problems.append(Problem("err.bad_year", {"value": ""}, grid.location(cell)))
        return None
    text = str(cell.value).strip()
    if isinstance(cell.value, float) and cell.value.is_integer():
        text = str(int(cell.value))
    if not re.fullmatch(r"\d{4}", text) or not 1990 <= int(text) <= 2100:
        problems.append(Problem("err.bad_year", {"value": text}, grid.location(cell)))
        return None
    return int(text)


def _source(grid: Grid, cell: Cell | None, problems: list[Problem]) -> str | None:
    if cell is None or is_missing(cell.value):
        problems.append(
            Problem("err.unknown_source", {"value": "", "expected": ", ".join(SOURCES)}, grid.location(cell) if cell else Location())
        )
        return None
    text = str(cell.value).strip()
    source = _source_in(text) if text.lower() not in SOURCES else text.lower()
    if source is None:
        problems.append(Problem("err.unknown_source", {"value": text, "expected": ", ".join(SOURCES)}, grid.location(cell)))
    return source


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
