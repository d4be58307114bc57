"""Reading the header of a prevalence sheet: long or wide layout, columns by role.

:func:`_plan` finds the header row (the first of the top 15 rows with a
region or code column), the columns by role (code, region, year, source,
indicator, value, URL, note) and decides the layout: *long* when there are
year and value columns, else *wide*, whose value columns are headed by a
source and a year (``SSGI 2022``), or a year under a merged source header.
Header-level problems raise :class:`~kp2s_dashboard.errors.DataError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kp2s_dashboard.sheets.cells import Cell, Grid, is_missing
from kp2s_dashboard.errors import DataError, Problem
from kp2s_dashboard.prevalence.tidy import HEADLINE

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
    # the note as written (English in data/; the CONFLICT and month rules read it) and its Bahasa Indonesia
    # translation, optional (kp2s_dashboard.i18n.notes)
    "note": {"note", "notes", "catatan", "keterangan", "note_en"},
    "note_id": {"note_id", "notes_id", "catatan_id", "keterangan_id"},
}

_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")


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


def _sources_in(text: str) -> list[str]:
    """Every source a text names, once each, in order (``"SSGI/e-PPGBM"`` → ssgi, eppgbm)."""
    words = re.findall(r"[a-z]+", text.lower().replace("e-ppgbm", "eppgbm"))
    return list(dict.fromkeys(_SOURCE_WORDS[w] for w in words if w in _SOURCE_WORDS))


def _source_in(text: str) -> str | None:
    """The one source a text names; None when it names none or several (a
    survey and the register are never one series)."""
    found = _sources_in(text)
    return found[0] if len(found) == 1 else None


def _header_text(cell: Cell) -> str:
    if is_missing(cell.value):
        return ""
    if isinstance(cell.value, float) and cell.value.is_integer():
        return str(int(cell.value))
    return str(cell.value)


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
