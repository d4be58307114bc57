"""Workbooks as grids of cells that remember what Excel knows about them.

:func:`read_book` opens ``.xlsx``/``.xlsm`` with openpyxl **twice** (cached
values with ``data_only=True``, formulas with ``data_only=False``) so a
formula whose value was never cached is seen as such; ``.xls`` with xlrd
(``formatting_info=True`` for merged cells and hidden rows/columns; xlrd
sees cached values only); ``.ods`` with python-calamine (values only: no
merged cells, hidden rows or formulas).

Rows and columns are 1-based as a spreadsheet program shows them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from kp2s_dashboard.sheets.cells import is_percent_format
from kp2s_dashboard.errors import DataError, Location

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


def a1(row: int, col: int) -> str:
    """A1 address of (row, col), e.g. ``a1(5, 3) == "C5"``."""
    return f"{get_column_letter(col)}{row}"


@dataclass
class Sheet:
    """One worksheet.

    ``values`` maps (row, col) to the cell's value as Excel last computed
    it (text stripped; empty text dropped). ``formulas`` maps formula cells
    to their formula text. ``uncached`` holds the formula cells without a
    cached value (a formula whose stored result is empty text is neither in
    ``values`` nor in ``uncached``: a blank). ``decimals`` gives, for number
    cells with a fixed number format, the decimals shown (``0.00`` → 2).
    ``merged`` lists ranges as (r1, c1, r2, c2), clipped to the extent.
    ``max_row``/``max_col`` are the extent of the cells holding a value,
    formula or error (formatting alone does not extend it).
    """

    name: str
    state: str = "visible"
    values: dict[tuple[int, int], Any] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    uncached: set[tuple[int, int]] = field(default_factory=set)
    percent: set[tuple[int, int]] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    decimals: dict[tuple[int, int], int] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    max_row: int = 0
    max_col: int = 0

    def __post_init__(self) -> None:
        self._origin: dict[tuple[int, int], tuple[int, int]] = {}

    def index_merges(self) -> None:
        """Build the cell → merge-origin index (call after filling ``merged``)."""
        self._origin = {}
        for r1, c1, r2, c2 in self.merged:
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    self._origin[(r, c)] = (r1, c1)

    def get(self, row: int, col: int, fill: bool = False) -> Any:
        """The value at (row, col); with ``fill`` a cell inside a merged range
        gives the value of the range's top-left cell."""
        if fill:
            row, col = self._origin.get((row, col), (row, col))
        return self.values.get((row, col))

    def origin(self, row: int, col: int) -> tuple[int, int]:
        """Top-left cell of the merged range holding (row, col), or itself."""
        return self._origin.get((row, col), (row, col))

    def merge_of(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        """The merged range containing (row, col), or None."""
        origin = self._origin.get((row, col))
        if origin is None:
            return None
        for rng in self.merged:
            if (rng[0], rng[1]) == origin:
                return rng
        return None

    def row_values(self, row: int, first: int = 1, last: int | None = None) -> list[tuple[int, Any]]:
        """Non-empty (col, value) pairs of ``row`` between ``first`` and ``last``."""
        last = last or self.max_col
        return [(c, self.values[(row, c)]) for c in range(first, last + 1) if (row, c) in self.values]

    def is_formula(self, row: int, col: int) -> bool:
        """True when the cell holds a formula."""
        return (row, col) in self.formulas


@dataclass
class Book:
    """A workbook: its sheets in order plus document properties."""

    file: str
    sheets: list[Sheet]
    keywords: str = ""
    subject: str = ""
    reader: str = ""


def read_book(path: str | Path, display_name: str | None = None) -> Book:
    """Read every sheet of ``path``.

    Raises:
        DataError: ``err.file_format`` for other suffixes,
            ``err.file_unreadable`` when the reader fails.
    """
    path = Path(path)
    name = display_name or path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError("err.file_format", Location(file=name), suffix=suffix or "?", expected=", ".join(SUFFIXES))
    try:
        if suffix in (".xlsx", ".xlsm"):
            return _read_openpyxl(path, name)
        if suffix == ".xls":
            return _read_xlrd(path, name)
        return _read_calamine(path, name)
    except DataError:
        raise
    except Exception as exc:  # any reader failure becomes a located, typed error
        raise DataError("err.file_unreadable", Location(file=name), detail=f"{type(exc).__name__}: {exc}") from None


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        value = value.replace("\u00a0", " ").strip()
        return value or None
    return value


def _read_openpyxl(path: Path, name: str) -> Book:
    import openpyxl

    from kp2s_dashboard.sheets import uploads

    # Full (not read-only) loads build every cell: bound rows, columns and cells first, streaming.
    uploads.scan_xlsx(path, name, skip_unreadable=True)
    values_wb = openpyxl.load_workbook(path, data_only=True)
    formula_wb = openpyxl.load_workbook(path, data_only=False)
    try:
        empty_text = _empty_text_results(path)
    except Exception:  # a damaged part: treat such cells as uncached, as before
        empty_text = {}
    props = formula_wb.properties
    book = Book(file=name, sheets=[], keywords=props.keywords or "", subject=props.subject or "", reader="openpyxl")
    for ws_values in values_wb.worksheets:
        ws_formula = formula_wb[ws_values.title]
        sheet = Sheet(name=ws_values.title, state=ws_values.sheet_state)
        # Only cells that exist in the file are visited (``_cells`` holds them),
        # never the whole used range: a fill colour at XFD100000 makes that
        # range 1.6 billion cells while the table has a few hundred.
        for (r, c), cell in sorted(_stored_cells(ws_formula)):
            raw = cell.value
            if raw is None:
                continue
            key = (r, c)
            is_formula = cell.data_type == "f" or (isinstance(raw, str) and raw.startswith("="))
            if is_formula:
                sheet.formulas[key] = raw if isinstance(raw, str) else getattr(raw, "text", str(raw))
        for (r, c), cell in sorted(_stored_cells(ws_values)):
            key = (r, c)
            value = _clean_value(cell.value)
            if cell.data_type == "e" and value is not None:
                sheet.errors[key] = str(value)
                value = None
            if value is None:
                if key in sheet.formulas and key not in empty_text.get(ws_values.title, ()):
                    sheet.uncached.add(key)
                continue
            if not isinstance(value, (str, int, float, bool, dt.date, dt.datetime, dt.time)):
                value = str(value)  # rich text and other objects
            sheet.values[key] = value
            if isinstance(value, (int, float)) and is_percent_format(cell.number_format):
                sheet.percent.add(key)
            if isinstance(value, float) and cell.number_format:
                decimals = _format_decimals(cell.number_format)
                if decimals is not None:
                    sheet.decimals[key] = decimals
        used = set(sheet.values) | set(sheet.formulas) | set(sheet.errors)
        sheet.max_row = max((r for r, _ in used), default=0)
        sheet.max_col = max((c for _, c in used), default=0)
        sheet.merged = [
            (r.min_row, r.min_col, min(r.max_row, sheet.max_row), min(r.max_col, sheet.max_col))
            for r in ws_values.merged_cells.ranges
            if r.min_row <= sheet.max_row and r.min_col <= sheet.max_col
        ]
        sheet.hidden_rows = {r for r, dim in ws_values.row_dimensions.items() if dim.hidden and r <= sheet.max_row}
        for dim in ws_values.column_dimensions.values():
            if dim.hidden and dim.min and dim.max and dim.min <= sheet.max_col:
                sheet.hidden_cols.update(range(dim.min, min(dim.max, sheet.max_col) + 1))
        sheet.index_merges()
        book.sheets.append(sheet)
    return book


def _stored_cells(ws: Any) -> list[tuple[tuple[int, int], Any]]:
    """The (row, col) → cell pairs openpyxl read from the file (styled empty
    cells included, the used range's empty cells not)."""
    return list(getattr(ws, "_cells", {}).items())


_DECIMALS = re.compile(r"0[.,](0+)")


def _format_decimals(number_format: str) -> int | None:
    """Decimals a number format shows (``0.00`` → 2, ``#,##0`` → 0); None
    for ``General`` (the cell shows what it holds)."""
    fmt = number_format.split(";")[0]
    fmt = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", fmt)
    if fmt.strip().lower() in ("general", "@", ""):
        return None
    match = _DECIMALS.search(fmt)
    if match:
        return len(match.group(1))
    return 0 if "0" in fmt or "#" in fmt else None


def _empty_text_results(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Formula cells whose stored result is empty text (``<c t="str"><f>…</f>
    <v></v></c>``, what Excel writes for ``=IF(…;"";…)``), per sheet title.
    openpyxl reads those as None, like a formula never computed."""
    import zipfile
    from xml.etree import ElementTree as ET
    from openpyxl.utils.cell import coordinate_to_tuple

    from kp2s_dashboard.sheets.xlsxcache import _sheet_paths

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    out: dict[str, set[tuple[int, int]]] = {}
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        for title, member in _sheet_paths(zf).items():
            if member not in names:
                continue
            found: set[tuple[int, int]] = set()
            for _, el in ET.iterparse(zf.open(member)):
                if el.tag.endswith("}c"):
                    if el.get("t") == "str" and el.find("m:f", ns) is not None:
                        v = el.find("m:v", ns)
                        if v is not None and not (v.text or "").strip() and el.get("r"):
                            found.add(coordinate_to_tuple(el.get("r")))
                    el.clear()
                elif el.tag.endswith("}row"):
                    el.clear()
            if found:
                out[title] = found
    return out


def _read_xlrd(path: Path, name: str) -> Book:
    import xlrd

    from kp2s_dashboard.sheets import uploads

    lim = uploads.limits()
    wb = xlrd.open_workbook(str(path), formatting_info=True)
    book = Book(file=name, sheets=[], reader="xlrd")
    for index in range(wb.nsheets):
        ws = wb.sheet_by_index(index)
        state = {0: "visible", 1: "hidden", 2: "veryHidden"}.get(ws.visibility, "visible")
        sheet = Sheet(name=ws.name, state=state)
        # bounded: one row/column past the limits is looked at, to refuse a value there
        for r in range(min(ws.nrows, lim.max_rows + 1)):
            for c in range(min(ws.ncols, lim.max_cols + 1)):
                cell = ws.cell(r, c)
                key = (r + 1, c + 1)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                uploads.check_extent(name, ws.name, r + 1, c + 1, lim)
                if cell.ctype == xlrd.XL_CELL_ERROR:
                    sheet.errors[key] = xlrd.error_text_from_code.get(cell.value, "#ERR")
                    continue
                value: Any = cell.value
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value = xlrd.xldate.xldate_as_datetime(cell.value, wb.datemode)
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(cell.value)
                elif cell.ctype == xlrd.XL_CELL_NUMBER:
                    fmt = wb.format_map.get(wb.xf_list[cell.xf_index].format_key)
                    if fmt is not None and is_percent_format(fmt.format_str):
                        sheet.percent.add(key)
                    if float(value).is_integer():
                        value = int(value)
                value = _clean_value(value)
                if value is not None:
                    sheet.values[key] = value
        sheet.merged = [(r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in ws.merged_cells]
        sheet.hidden_rows = {r + 1 for r, info in ws.rowinfo_map.items() if info.hidden}
        sheet.hidden_cols = {c + 1 for c, info in ws.colinfo_map.items() if info.hidden}
        sheet.max_row = ws.nrows
        sheet.max_col = ws.ncols
        sheet.index_merges()
        book.sheets.append(sheet)
    return book


def _read_calamine(path: Path, name: str) -> Book:
    from python_calamine import CalamineWorkbook

    from kp2s_dashboard.sheets import uploads

    lim = uploads.limits()
    # repeated rows/cells expanded: bounded before calamine builds them
    uploads.scan_ods(path, name, lim, skip_unreadable=True)
    wb = CalamineWorkbook.from_path(str(path))
    book = Book(file=name, sheets=[], reader="calamine")
    for sheet_name in wb.sheet_names:
        calamine_sheet = wb.get_sheet_by_name(sheet_name)
        uploads.check_extent(name, sheet_name, calamine_sheet.height, calamine_sheet.width, lim)
        rows = calamine_sheet.to_python(skip_empty_area=False)
        sheet = Sheet(name=sheet_name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                value = _clean_value(value)
                if value is None or value == "":
                    continue
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                sheet.values[(r, c)] = value
        sheet.max_row = len(rows)
        sheet.max_col = max((len(r) for r in rows), default=0)
        sheet.index_merges()
        book.sheets.append(sheet)
    return book
