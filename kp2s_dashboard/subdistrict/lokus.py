"""Desa lokus lists (Aksi 1: the bupati/wali kota's SK lokus): which desa
each district chose as its stunting focus for a year.

A list is a table (CSV or spreadsheet, every visible sheet with a header;
a title above the header is allowed) with a desa column (``Desa``,
``Desa/Kelurahan``, ``Desa lokus``) or a code column (``Kode desa``,
``Kode wilayah``), a year (``Tahun``), and the district (``Kabupaten/Kota``)
unless the ``district`` argument gives it; a ``Kecamatan`` column is used
when present (a desa name repeated in two kecamatan of one district needs
it). Desa are matched as in :mod:`kp2s_dashboard.subdistrict.areas`.

:attr:`LokusLoad.table`, one row per district, year and desa:

============= ====== ========================================================
column        dtype  meaning
============= ====== ========================================================
district_code str    Kemendagri code of the district, ``"63.03"``
year          int64  the year of the SK lokus
kode_wilayah  str    the desa's Kemendagri code, ``"63.03.01.2001"``
name          str    the desa's name in the registry
origin        str    where the row was read, ``file!Sheet!D5``
============= ====== ========================================================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kp2s_dashboard.errors import DataError, KP2SError, Location, Problem
from kp2s_dashboard.subdistrict.areas import AreaRegistry, area_registry, district_kode
from kp2s_dashboard.subdistrict.columns import header_role, is_total, parse_year
from kp2s_dashboard.subdistrict.loader import SYNTHETIC_MARKS
from kp2s_dashboard.subdistrict.reading import Cell, Grid, is_missing, read_tables

COLUMNS = ["district_code", "year", "kode_wilayah", "name", "origin"]


@dataclass
class LokusLoad:
    """What :func:`load_lokus` produced: ``table`` (:data:`COLUMNS`; rows
    with an error left out), ``problems`` (each naming file, sheet and
    cell), ``unmatched`` (``value``, ``district_code``, ``rows``) and
    ``synthetic`` (demonstration data)."""

    table: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    unmatched: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["value", "district_code", "rows"]))
    synthetic: bool = False
    file: str = ""

    @property
    def errors(self) -> list[Problem]:
        """The problems of severity ``error``."""
        return [p for p in self.problems if p.severity == "error"]

    def raise_for_errors(self) -> None:
        """Raise :class:`DataError` with every error, if there is any."""
        if self.errors:
            raise DataError.from_problems(self.errors)


def empty_table() -> pd.DataFrame:
    """An empty lokus table with :data:`COLUMNS`."""
    return _typed(pd.DataFrame({c: [] for c in COLUMNS}))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    df = df[COLUMNS].copy()
    for c in ("district_code", "kode_wilayah", "name", "origin"):
        df[c] = df[c].astype(str)
    df["year"] = df["year"].astype("int64")
    return df.sort_values(["district_code", "year", "kode_wilayah"]).reset_index(drop=True)


def load_lokus(path: str | Path, *, name: str | None = None, district: str | None = None,
               year: int | None = None, registry: AreaRegistry | None = None) -> LokusLoad:
    """Read a desa lokus list.

    Args:
        path: ``.csv``, ``.xlsx``, ``.xlsm``, ``.xls`` or ``.ods``.
        name: file name used in messages.
        district: the district of a one-district list without a
            kabupaten/kota column (name or code).
        year: the year of a list without a ``Tahun`` column.
        registry: the area registry (default ``data/wilayah_kode.csv``).

    Returns:
        :class:`LokusLoad` (see the module docstring for the table).

    Row errors (in ``problems``, with the cell; the row is left out):
    unknown desa (``err.wil_unknown_area``, also in ``unmatched``), a desa
    name found in two districts while no district is given
    (``err.wil_name_two_districts``) or in two kecamatan
    (``err.wil_name_two_kecamatan``), an unknown district, a missing or bad
    year, and the same desa twice for one year (``err.wil_duplicate``).

    Raises:
        DataError: unreadable file, or no sheet with a desa (or code) column
            (``err.wil_lokus_no_header``).
    """
    grids = read_tables(path, name)
    file = name or Path(path).name
    reg = registry or area_registry()
    given = None
    if district is not None:
        try:
            given = district_kode(district)
        except KP2SError as exc:
            raise DataError(exc.key, Location(file=file), **exc.params) from None
    problems: list[Problem] = []
    records: list[dict] = []
    unmatched: dict[tuple[str, str], list[str]] = {}
    seen: dict[tuple[str, int, str], str] = {}
    synthetic = False
    found = False
    for grid in grids:
        if grid.hidden:
            continue
        header = _header(grid)
        if header is None:
            continue
        found = True
        index, cols = header
        synthetic = synthetic or any(isinstance(c.value, str) and any(m in c.value.lower() for m in SYNTHETIC_MARKS)
                                     for row in grid.rows[:index] for c in row)
        if "year" not in cols and year is None:
            problems.append(Problem("err.wil_lokus_no_year", {}, grid.location(row=index + 1)))
            continue
        for row in grid.rows[index + 1:]:
            if all(is_missing(c.value) for c in row):
                continue
            by_col = {c.col: c for c in row}
            cells = {role: by_col.get(col, Cell(None, row[0].row, col)) for role, col in cols.items()}
            _row(grid, file, cells, reg, given, year, problems, records, unmatched, seen)
    if not found:
        raise DataError("err.wil_lokus_no_header", Location(file=file), expected="Desa / Kode desa, Tahun")
    table = empty_table() if not records else _typed(pd.DataFrame.from_records(records))
    frame = pd.DataFrame([{"value": k[0], "district_code": k[1], "rows": ", ".join(v)} for k, v in unmatched.items()],
                         columns=["value", "district_code", "rows"])
    return LokusLoad(table=table, problems=problems, unmatched=frame, synthetic=synthetic, file=file)


def _header(grid: Grid) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(grid.rows[:25]):
        cols: dict[str, int] = {}
        for cell in row:
            if is_missing(cell.value):
                continue
            role = header_role(cell.value)
            if role == "name":
                role = "desa"
            if role and role not in cols:
                cols[role] = cell.col
        if "desa" in cols or "code" in cols:
            return index, cols
    return None


def _row(grid: Grid, file: str, cells: dict[str, Cell], reg: AreaRegistry, given: str | None, year: int | None,
         problems: list[Problem], records: list[dict], unmatched: dict, seen: dict) -> None:
    def filled(role: str) -> Cell | None:
        c = cells.get(role)
        return c if c is not None and not is_missing(c.value) else None

    desa, code = filled("desa"), filled("code")
    if (desa is None and code is None) or (desa is not None and is_total(desa.value)):
        return  # a blank desa cell beside a number column, or a "Jumlah" row: nothing to list
    district = given
    if filled("district") is not None:
        try:
            district = district_kode(cells["district"].value, grid.location(cells["district"]))
        except KP2SError:
            problems.append(Problem("err.wil_unknown_district", {"value": str(cells["district"].value)},
                                    grid.location(cells["district"])))
            return
    the_year = year
    if filled("year") is not None:
        the_year = parse_year(cells["year"].value)
        if the_year is None:
            problems.append(Problem("err.wil_bad_year", {"value": str(cells["year"].value)},
                                    grid.location(cells["year"])))
            return
    elif "year" in cells and year is None:
        problems.append(Problem("err.wil_period_missing", {}, grid.location(cells["year"])))
        return
    cell = code or desa
    try:
        kec = None
        if filled("kecamatan_code") is not None:
            kec = reg.match("kecamatan", code=cells["kecamatan_code"].value, district=district,
                            location=grid.location(cells["kecamatan_code"])).kode
        elif filled("kecamatan") is not None and code is None:
            kec = reg.match("kecamatan", name=cells["kecamatan"].value, district=district,
                            location=grid.location(cells["kecamatan"])).kode
        area = reg.match("desa", name=None if code else desa.value, code=code.value if code else None,
                         district=district, kecamatan=kec, location=grid.location(cell))
    except KP2SError as exc:
        problems.append(exc.problem)
        if exc.key == "err.wil_unknown_area":
            where = f"{file}:line {cell.row}" if grid.is_csv else f"{file}!{grid.sheet}!{cell.a1}"
            unmatched.setdefault((str(cell.value).strip(), district or ""), []).append(where)
        return
    origin = f"{file}:line {cell.row}" if grid.is_csv else f"{file}!{grid.sheet}!{cell.a1}"
    key = (area.district_code, int(the_year), area.kode)
    if key in seen:
        problems.append(Problem("err.wil_duplicate", {"name": area.name, "period": the_year, "other": seen[key]},
                                grid.location(cell)))
        return
    seen[key] = origin
    records.append({"district_code": area.district_code, "year": int(the_year), "kode_wilayah": area.kode,
                    "name": area.name, "origin": origin})
