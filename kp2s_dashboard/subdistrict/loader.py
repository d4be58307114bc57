"""e-PPGBM aggregates per kecamatan, puskesmas and desa: one tidy table.

An export is a long table (CSV or spreadsheet; every visible sheet with such
a header is read, e.g. a ``Desa`` and a ``Kecamatan`` sheet), one row per
area and measurement round. Header words (any case; see
:mod:`kp2s_dashboard.subdistrict.columns`): the area (``Desa``/``Kelurahan``,
``Puskesmas``, ``Kecamatan``, or ``Tingkat`` + ``Nama wilayah``), optionally
``Kabupaten/Kota`` and ``Kode wilayah``; ``Tahun`` and/or ``Periode``/
``Bulan``; ``Balita diukur``; ``Stunting`` (= pendek + sangat pendek) or the
two counts ``Pendek`` and ``Sangat pendek``; optionally ``Sasaran``/
``Terdaftar`` (children registered). Rows above the header (a title) are
allowed; a title containing *data contoh*/*sintetis* marks the file as
synthetic. A row whose area cell says ``Jumlah``/``Total`` is a total: of
its kecamatan when one is given, else of its district; it is checked
against the sum of its rows, not kept.

:attr:`AreaLoad.table` (:data:`COLUMNS`), one row per (level, area, period):

============== ======= ========================================================
column         dtype   meaning
============== ======= ========================================================
level          str     ``kecamatan`` | ``puskesmas`` | ``desa`` (a kelurahan
                       is ``desa``)
kode_wilayah   str     Kemendagri code, ``"63.03.01"`` (kecamatan),
                       ``"63.03.01.2001"`` (desa, as ``kode`` in
                       ``kalsel_desa.geojson``); ``""`` for a puskesmas
name           str     the registry's name (a puskesmas: as written)
district_code  str     the district's Kemendagri code, ``"63.03"``
kecamatan_code str     ``"63.03.01"``; ``""`` when unknown (a puskesmas
                       without a kecamatan column)
year           int64   year of the measurement round
period         str     ``"2024-08"`` (``"2024"`` when only a year is given)
measured       int64   children under five measured (the denominator)
stunted        int64   of them stunted (HAZ < −2 SD: pendek + sangat pendek)
registered     Int64   children registered (sasaran); NA when not given
prevalence     float64 ``100 · stunted / measured`` (NaN when 0 measured)
ci_low/ci_high float64 Wilson 95% interval in percent
                       (:func:`kp2s_dashboard.subdistrict.rates.wilson_interval`)
coverage       float64 ``100 · measured / registered``; NaN without registered
small_n        bool    ``measured < min_children``: the rate is too imprecise
                       to be coloured as if it were precise
origin         str     where the row was read, ``file!Desa!C5`` / ``file:line 7``
============== ======= ========================================================

This is the e-PPGBM register (routine weighing), never a survey: nothing here
is joined to the survey series of :mod:`kp2s_dashboard.prevalence`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kp2s_dashboard.errors import DataError, KP2SError, Location, Problem
from kp2s_dashboard.subdistrict.areas import AreaRegistry, area_registry, district_kode, name_key
from kp2s_dashboard.subdistrict.columns import header_key, is_total, parse_period, parse_year
from kp2s_dashboard.subdistrict.headers import SYNTHETIC_MARKS, code_depth, find_header, marks_synthetic  # noqa: F401
from kp2s_dashboard.subdistrict.rates import prevalence_pct, wilson_interval
from kp2s_dashboard.subdistrict.reading import Cell, Grid, cell_percent, is_missing, parse_number, read_tables

#: Default minimum number of children measured for a rate to be shown as a
#: precise colour. At 30 children and a true rate of 20% the Wilson 95%
#: interval is about 9.5–37% (±14 percentage points).
MIN_CHILDREN = 30
LEVELS = ("kecamatan", "puskesmas", "desa")
COLUMNS = ["level", "kode_wilayah", "name", "district_code", "kecamatan_code", "year", "period", "measured",
           "stunted", "registered", "prevalence", "ci_low", "ci_high", "coverage", "small_n", "origin"]
#: Cells where a total row says ``Jumlah``/``Total`` (often in the ``No`` column, merged across the names).
_TOTAL_ROLES = ("number", "district", "kecamatan", "puskesmas", "desa", "name")
_LEVEL_WORDS = {"kecamatan": "kecamatan", "kec": "kecamatan", "puskesmas": "puskesmas", "pkm": "puskesmas",
                "desa": "desa", "kelurahan": "desa", "desa kelurahan": "desa", "kel": "desa"}


@dataclass
class AreaLoad:
    """What :func:`load_areas` produced.

    ``table`` has :data:`COLUMNS` (rows with an error are left out and
    listed in ``problems``); ``problems`` lists every finding as
    :class:`~kp2s_dashboard.errors.Problem` (severity ``error`` or
    ``warning``, with file, sheet and cell); ``unmatched`` lists the areas
    that match nothing (columns ``level``, ``value``, ``district_code``,
    ``rows``: the cells where they were read, comma-separated);
    ``synthetic`` is True for demonstration data (the UI must show
    ``wil.synthetic_banner``).
    """

    table: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    unmatched: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["level", "value", "district_code", "rows"]))
    synthetic: bool = False
    file: str = ""
    min_children: int = MIN_CHILDREN

    @property
    def errors(self) -> list[Problem]:
        """The problems of severity ``error``."""
        return [p for p in self.problems if p.severity == "error"]

    def raise_for_errors(self) -> None:
        """Raise :class:`DataError` carrying every error, if there is any
        (what a publish check calls: a file with errors is not published)."""
        if self.errors:
            raise DataError.from_problems(self.errors)


def empty_table() -> pd.DataFrame:
    """An empty table with :data:`COLUMNS` and their dtypes."""
    return _typed(pd.DataFrame({c: [] for c in COLUMNS}))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    df = df[COLUMNS].copy()
    for c in ("level", "kode_wilayah", "name", "district_code", "kecamatan_code", "period", "origin"):
        df[c] = df[c].astype(str)
    for c in ("year", "measured", "stunted"):
        df[c] = df[c].astype("int64")
    df["registered"] = df["registered"].astype("Int64")
    for c in ("prevalence", "ci_low", "ci_high", "coverage"):
        df[c] = df[c].astype("float64")
    df["small_n"] = df["small_n"].astype(bool)
    return df.reset_index(drop=True)


def with_rates(df: pd.DataFrame, min_children: int = MIN_CHILDREN) -> pd.DataFrame:
    """``df`` (with ``measured``, ``stunted``, ``registered``) plus
    ``prevalence``, ``ci_low``, ``ci_high``, ``coverage`` and ``small_n``
    computed from the counts: the one definition of a sub-district rate,
    used by the loader and by every aggregate in
    :mod:`kp2s_dashboard.subdistrict.views`."""
    out = df.copy()
    out["prevalence"] = prevalence_pct(out["stunted"], out["measured"])
    low, high = wilson_interval(out["stunted"], out["measured"])
    out["ci_low"], out["ci_high"] = low, high
    registered = pd.to_numeric(out["registered"], errors="coerce").astype("float64")
    out["coverage"] = prevalence_pct(out["measured"], registered) if len(out) else np.array([], dtype=float)
    out["small_n"] = out["measured"].astype("int64") < int(min_children)
    return out


def load_areas(path: str | Path, *, name: str | None = None, min_children: int = MIN_CHILDREN,
               district: str | None = None, registry: AreaRegistry | None = None) -> AreaLoad:
    """Read an e-PPGBM aggregate export per kecamatan, puskesmas and desa.

    Args:
        path: ``.csv``, ``.xlsx``, ``.xlsm``, ``.xls`` or ``.ods``.
        name: file name used in messages (an upload's original name).
        min_children: children measured below which ``small_n`` is True.
        district: the district of a one-district file without a
            kabupaten/kota column (name or code, e.g. ``"Banjar"``).
        registry: the area registry (default: ``data/wilayah_kode.csv``).

    Returns:
        :class:`AreaLoad`; its ``table`` has :data:`COLUMNS` (module docstring).

    Row errors (in ``problems``, naming file, sheet and cell; the row is left
    out): unknown area (``err.wil_unknown_area``, with the closest names of
    the district; also listed in ``unmatched``), a name found in two
    districts while the district is not given (``err.wil_name_two_districts``)
    or in two kecamatan (``err.wil_name_two_kecamatan``), a code of another
    district or level, a count that is not a whole number
    (``err.wil_not_count``) or negative (``err.wil_negative``), stunted above
    measured (``err.wil_stunted_over_measured``) or measured above registered
    (``err.wil_measured_over_registered``),
    ``Stunting`` disagreeing with ``Pendek + Sangat pendek``
    (``err.wil_parts_disagree``), a missing or unreadable year/period, two
    rows for one area and period (``err.wil_duplicate``, naming both). File
    errors (rows kept): a total row, or a kecamatan row, that disagrees with
    the sum of its desa rows (``err.wil_total_disagrees``). Warnings: a
    stated prevalence column disagreeing with the counts by more than 0.15
    points (``warn.wil_stated_rate``; the rate is always computed), hidden
    sheets and sheets without a header skipped, a sheet cut off after many
    empty rows.

    Raises:
        DataError: unreadable file, or no sheet with a recognisable header
            (``err.wil_no_header``: the columns expected).
    """
    grids = read_tables(path, name)
    file = name or Path(path).name
    reg = registry or area_registry()
    problems: list[Problem] = []
    dist_given = None
    if district is not None:
        try:
            dist_given = district_kode(district)
        except KP2SError as exc:
            raise DataError(exc.key, Location(file=file), **exc.params) from None
    reader = _Reader(file, reg, dist_given, problems)
    synthetic = False
    found_header = False
    for grid in grids:
        if grid.truncated_at is not None:
            problems.append(Problem("warn.sheet_truncated", {"row": grid.truncated_at},
                                    Location(file=file, sheet=grid.sheet), "warning"))
        has_data = any(not is_missing(c.value) for row in grid.rows for c in row)
        if grid.hidden:
            if has_data:
                problems.append(Problem("warn.sheet_hidden", {"sheet": grid.sheet},
                                        Location(file=file, sheet=grid.sheet), "warning"))
            continue
        header = find_header(grid)
        if header is None:
            synthetic = synthetic or marks_synthetic(grid.rows)
            if has_data and len(grids) > 1:
                problems.append(Problem("warn.wil_sheet_skipped", {"sheet": grid.sheet},
                                        Location(file=file, sheet=grid.sheet), "warning"))
            continue
        found_header = True
        data_start, roles = header
        synthetic = synthetic or marks_synthetic(grid.rows[:data_start - 1])
        reader.read(grid, data_start, roles)
    if not found_header:
        raise DataError("err.wil_no_header", Location(file=file),
                        expected="Desa/Kecamatan/Puskesmas, Tahun/Periode, Balita diukur, Stunting")
    records = reader.finish()
    table = empty_table() if not records else _typed(with_rates(pd.DataFrame.from_records(records), min_children))
    return AreaLoad(table=table, problems=problems, unmatched=reader.unmatched_frame(), synthetic=synthetic,
                    file=file, min_children=min_children)


class _Reader:
    """Reads data rows of one file into records, collecting problems."""

    def __init__(self, file: str, reg: AreaRegistry, district: str | None, problems: list[Problem]):
        self.file, self.reg, self.district, self.problems = file, reg, district, problems
        self.records: list[dict[str, Any]] = []
        self.totals: list[dict[str, Any]] = []
        self.unmatched: dict[tuple[str, str, str], list[str]] = {}
        self.seen: dict[tuple[str, str, str, str], str] = {}
        self.headers: dict[str, str] = {}
        #: tables (sheets) with a row left out for an error: their totals cannot be checked
        self.rejected: set[tuple[str, str | None]] = set()

    # -- helpers -------------------------------------------------------------------------------
    def _err(self, key: str, loc: Location, **params: Any) -> None:
        self.problems.append(Problem(key, params, loc, "error"))

    def _origin(self, grid: Grid, cell: Cell) -> str:
        if grid.is_csv:
            return f"{self.file}:line {cell.row}"
        return f"{self.file}!{grid.sheet}!{cell.a1}"

    def _count(self, grid: Grid, cells: dict[str, Cell], role: str, required: bool) -> tuple[int | None, bool]:
        """(value, ok): a whole non-negative count from the row's cell of ``role``."""
        cell = cells.get(role)
        if cell is None or is_missing(cell.value):
            if required and cell is not None:
                self._err("err.wil_count_missing", grid.location(cell), column=self.headers.get(role, role))
                return None, False
            return None, True
        try:
            number = parse_number(cell.value)
        except ValueError:
            number = None
        if number is None or not float(number).is_integer():
            self._err("err.wil_not_count", grid.location(cell), value=str(cell.value))
            return None, False
        if number < 0:
            self._err("err.wil_negative", grid.location(cell), value=int(number))
            return None, False
        return int(number), True

    # -- rows ----------------------------------------------------------------------------------
    def read(self, grid: Grid, data_start: int, roles: dict[str, Cell]) -> None:
        cols = {role: cell.col for role, cell in roles.items()}
        self.headers = {role: " ".join(str(cell.value).split()) for role, cell in roles.items()}
        if "year" not in cols and "period" not in cols:
            self._err("err.wil_no_period_column", grid.location(row=data_start))
            return
        for row in grid.rows[data_start:]:
            by_col = {c.col: c for c in row}
            cells = {role: by_col.get(col, Cell(None, row[0].row if row else 0, col)) for role, col in cols.items()}
            if all(is_missing(c.value) for c in row):
                continue
            before = sum(p.severity == "error" for p in self.problems)
            self._row(grid, cells)
            if sum(p.severity == "error" for p in self.problems) > before:
                self.rejected.add(self._table_id(grid))

    def _row(self, grid: Grid, cells: dict[str, Cell]) -> None:
        total_cell = next((cells[r] for r in _TOTAL_ROLES if r in cells and is_total(cells[r].value)), None)
        if total_cell is not None:
            self._total(grid, cells, total_cell)
            return
        level, name_cell = self._level(cells)
        if level is None:
            first = next(iter(cells.values()))
            self._err("err.wil_no_area", grid.location(row=first.row))
            return
        # district
        district = self.district
        dcell = cells.get("district")
        if dcell is not None and not is_missing(dcell.value):
            try:
                district = district_kode(dcell.value, grid.location(dcell))
            except KP2SError as exc:
                self._err("err.wil_unknown_district", grid.location(dcell), value=str(dcell.value))
                return
        period = self._period(grid, cells)
        counts = self._counts(grid, cells)
        area = self._area(grid, cells, level, district, name_cell)
        if period is None or counts is None or area is None:
            return
        year, period_text = period
        measured, stunted, registered = counts
        key = (level, area["kode_wilayah"] or f"{area['district_code']}|{name_key(area['name'], 'puskesmas')}",
               period_text, "")
        origin = self._origin(grid, name_cell)
        if key in self.seen:
            self._err("err.wil_duplicate", grid.location(name_cell), name=area["name"], period=period_text,
                      other=self.seen[key])
            return
        self.seen[key] = origin
        self._stated_rate(grid, cells, measured, stunted)
        self.records.append({**area, "level": level, "year": year, "period": period_text, "measured": measured,
                             "stunted": stunted, "registered": registered, "origin": origin,
                             "_loc": grid.location(name_cell), "_grid": grid, "_cells": cells,
                             "_headers": dict(self.headers), "_table": self._table_id(grid)})

    def _stated_rate(self, grid: Grid, cells: dict[str, Cell], measured: int, stunted: int) -> None:
        """A prevalence written in the file is not used (the rate is computed
        from the counts), but one that disagrees with them is worth a warning."""
        cell = cells.get("prevalence")
        if cell is None or is_missing(cell.value) or measured == 0:
            return
        try:
            stated = cell_percent(cell)
        except ValueError:
            stated = None
        if stated is None:
            return
        computed = 100.0 * stunted / measured
        fraction = stated <= 1.0 and not cell.percent_format and computed > 1.0 and abs(stated * 100 - computed) < 0.15
        if abs(stated - computed) > 0.15 and not fraction:
            self.problems.append(Problem("warn.wil_stated_rate", {"stated": str(cell.value),
                                                                  "computed": round(computed, 1)},
                                         grid.location(cell), "warning"))

    def _level(self, cells: dict[str, Cell]) -> tuple[str | None, Cell]:
        """The row's level and the cell naming its area (a level column
        first, else the most detailed filled name column, else a code)."""
        def filled(role: str) -> Cell | None:
            c = cells.get(role)
            return c if c is not None and not is_missing(c.value) else None

        lcell = filled("level")
        if lcell is not None:
            level = _LEVEL_WORDS.get(header_key(lcell.value))
            target = filled(level or "") or filled("name") or filled("code")
            if level and target is not None:
                return level, target
        for role in ("desa", "puskesmas"):
            if filled(role) is not None:
                return role, filled(role)
        code = filled("code")
        if code is not None:
            level = {2: "kecamatan", 3: "desa"}.get(code_depth(code.value))
            if level:
                return level, code
        if filled("kecamatan") is not None:
            return "kecamatan", filled("kecamatan")
        return None, next(iter(cells.values()))

    def _period(self, grid: Grid, cells: dict[str, Cell]) -> tuple[int, str] | None:
        ycell, pcell = cells.get("year"), cells.get("period")
        year = None
        if ycell is not None and not is_missing(ycell.value):
            year = parse_year(ycell.value)
            if year is None:
                self._err("err.wil_bad_year", grid.location(ycell), value=str(ycell.value))
                return None
        if pcell is not None and not is_missing(pcell.value):
            parsed = parse_period(pcell.value, year)
            if parsed is None:
                self._err("err.wil_bad_period", grid.location(pcell), value=str(pcell.value))
                return None
            if year is not None and parsed[0] != year:
                self._err("err.wil_bad_period", grid.location(pcell), value=str(pcell.value))
                return None
            return parsed
        if year is None:
            cell = ycell or pcell
            self._err("err.wil_period_missing", grid.location(cell))
            return None
        return year, str(year)

    def _counts(self, grid: Grid, cells: dict[str, Cell]) -> tuple[int, int, int | None] | None:
        measured, ok_m = self._count(grid, cells, "measured", True)
        stunted, ok_s = self._count(grid, cells, "stunted", "pendek" not in cells)
        pendek, ok_p = self._count(grid, cells, "pendek", "stunted" not in cells)
        sangat, ok_sp = self._count(grid, cells, "sangat_pendek", False)
        registered, ok_r = self._count(grid, cells, "registered", False)
        if not (ok_m and ok_s and ok_p and ok_sp and ok_r) or measured is None:
            return None
        parts = None if pendek is None and sangat is None else (pendek or 0) + (sangat or 0)
        if stunted is None:
            stunted = parts
        elif parts is not None and parts != stunted:
            self._err("err.wil_parts_disagree", grid.location(cells["stunted"]), stunted=stunted, parts=parts)
            return None
        if stunted is None:
            self._err("err.wil_count_missing", grid.location(cells.get("stunted") or cells["pendek"]),
                      column=self.headers.get("stunted") or self.headers.get("pendek", "stunting"))
            return None
        bad = False
        if stunted > measured:
            cell = cells.get("stunted") or cells.get("pendek")
            self._err("err.wil_stunted_over_measured", grid.location(cell), count=stunted, denominator=measured)
            bad = True
        if registered is not None and measured > registered:
            self._err("err.wil_measured_over_registered", grid.location(cells["measured"]), count=measured,
                      denominator=registered)
            bad = True
        return None if bad else (measured, stunted, registered)

    def _kecamatan(self, grid: Grid, cells: dict[str, Cell], district: str | None) -> tuple[str | None, bool]:
        """(kecamatan code or None, ok) from the row's kecamatan columns."""
        code_cell, name_cell = cells.get("kecamatan_code"), cells.get("kecamatan")
        try:
            if code_cell is not None and not is_missing(code_cell.value):
                area = self.reg.match("kecamatan", code=code_cell.value, district=district,
                                      location=grid.location(code_cell))
                return area.kode, True
            if name_cell is not None and not is_missing(name_cell.value):
                area = self.reg.match("kecamatan", name=name_cell.value, district=district,
                                      location=grid.location(name_cell))
                return area.kode, True
        except KP2SError as exc:
            self.problems.append(exc.problem)
            cell = code_cell if code_cell is not None and not is_missing(code_cell.value) else name_cell
            self._unmatched("kecamatan", str(cell.value).strip(), district or "", grid, cell, exc)
            return None, False
        return None, True

    def _unmatched(self, level: str, value: str, district: str, grid: Grid, cell: Cell, exc: KP2SError) -> None:
        if exc.key == "err.wil_unknown_area":
            self.unmatched.setdefault((level, value, district), []).append(self._origin(grid, cell))

    def _area(self, grid: Grid, cells: dict[str, Cell], level: str, district: str | None,
              name_cell: Cell) -> dict[str, str] | None:
        kec, ok = (None, True) if level == "kecamatan" else self._kecamatan(grid, cells, district)
        if not ok:
            return None
        if level == "puskesmas":
            if district is None:
                self._err("err.wil_puskesmas_district", grid.location(name_cell), value=str(name_cell.value))
                return None
            shown = " ".join(str(name_cell.value).split())
            return {"kode_wilayah": "", "name": shown, "district_code": district, "kecamatan_code": kec or ""}
        code_cell = cells.get("code")
        use_code = code_cell is not None and not is_missing(code_cell.value)
        cell = code_cell if use_code else name_cell
        try:
            area = self.reg.match(level, name=None if use_code else name_cell.value,
                                  code=code_cell.value if use_code else None, district=district, kecamatan=kec,
                                  location=grid.location(cell))
        except KP2SError as exc:
            self.problems.append(exc.problem)
            self._unmatched(level, str(cell.value).strip(), district or "", grid, cell, exc)
            return None
        if use_code and name_cell is not code_cell and not is_missing(name_cell.value) \
                and name_key(name_cell.value, level) != name_key(area.name, level):
            self._err("err.wil_code_name_disagree", grid.location(name_cell), code=area.kode, name=area.name,
                      value=str(name_cell.value).strip())
            return None
        if kec is not None and area.kecamatan_code != kec:
            self._err("err.wil_code_other_kecamatan", grid.location(cell), value=area.kode, kecamatan=kec)
            return None
        return {"kode_wilayah": area.kode, "name": area.name, "district_code": area.district_code,
                "kecamatan_code": area.kecamatan_code}

    def _table_id(self, grid: Grid) -> tuple[str, str | None]:
        return (grid.file, grid.sheet)

    def _total(self, grid: Grid, cells: dict[str, Cell], total_cell: Cell) -> None:
        """A ``Jumlah``/``Total`` row: of its kecamatan when the row names one,
        else of its district (named, or the file's), else of the whole table."""
        scope = {r: c for r, c in cells.items() if not is_total(c.value)}
        district = self.district
        dcell = scope.get("district")
        if dcell is not None and not is_missing(dcell.value):
            try:
                district = district_kode(dcell.value, grid.location(dcell))
            except KP2SError:
                self._err("err.wil_unknown_district", grid.location(dcell), value=str(dcell.value))
                return
        period = self._period(grid, cells)
        counts = self._counts(grid, cells)
        kec, ok = self._kecamatan(grid, scope, district)
        if period is None or counts is None or not ok:
            return
        self.totals.append({"district_code": district, "kecamatan_code": kec, "period": period[1],
                            "measured": counts[0], "stunted": counts[1], "registered": counts[2],
                            "_loc": grid.location(total_cell), "_cells": cells, "_grid": grid,
                            "_headers": dict(self.headers), "_table": self._table_id(grid)})

    # -- after all rows --------------------------------------------------------------------------
    def finish(self) -> list[dict[str, Any]]:
        self._check_totals()
        return [{k: v for k, v in rec.items() if not k.startswith("_")} for rec in self.records]

    def _check_totals(self) -> None:
        """A total row against the rows of its own table in its scope; a
        kecamatan row against the sum of its desa rows (any sheet). Not
        checked where a row of the table was left out for an error."""
        for total in self.totals:
            if total["_table"] in self.rejected:
                continue
            rows = [r for r in self.records if r["_table"] == total["_table"] and r["period"] == total["period"]
                    and (total["district_code"] is None or r["district_code"] == total["district_code"])
                    and (total["kecamatan_code"] is None or r["kecamatan_code"] == total["kecamatan_code"])]
            self._compare(total, rows, total["_grid"], total["_cells"])
        if self.rejected:
            return
        by_kec: dict[tuple[str, str], list[dict]] = {}
        for r in self.records:
            if r["level"] == "desa":
                by_kec.setdefault((r["kecamatan_code"], r["period"]), []).append(r)
        for rec in self.records:
            if rec["level"] != "kecamatan":
                continue
            rows = by_kec.get((rec["kode_wilayah"], rec["period"]))
            if rows:
                self._compare(rec, rows, rec["_grid"], rec["_cells"])

    def _compare(self, total: dict, rows: list[dict], grid: Grid, cells: dict) -> None:
        if not rows:
            return
        for column in ("measured", "stunted", "registered"):
            if total[column] is None:
                continue
            values = [r[column] for r in rows]
            if any(v is None for v in values):
                continue
            expected = int(sum(values))
            if expected != total[column]:
                cell = cells.get(column) or (cells.get("pendek") if column == "stunted" else None)
                loc = grid.location(cell) if cell is not None else total["_loc"]
                heads = total["_headers"]
                header = heads.get(column) or (" + ".join(heads[r] for r in ("pendek", "sangat_pendek") if r in heads)
                                               if column == "stunted" else "") or column
                self._err("err.wil_total_disagrees", loc, column=header, value=total[column], expected=expected,
                          rows=len(rows), period=total["period"])

    def unmatched_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [{"level": k[0], "value": k[1], "district_code": k[2], "rows": ", ".join(v)}
             for k, v in self.unmatched.items()],
            columns=["level", "value", "district_code", "rows"])
