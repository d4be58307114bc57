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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

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
    cached value. ``merged`` lists ranges as (r1, c1, r2, c2).
    """

    name: str
    state: str = "visible"
    values: dict[tuple[int, int], Any] = field(default_factory=dict)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    uncached: set[tuple[int, int]] = field(default_factory=set)
    percent: set[tuple[int, int]] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
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

    values_wb = openpyxl.load_workbook(path, data_only=True)
    formula_wb = openpyxl.load_workbook(path, data_only=False)
    props = formula_wb.properties
    book = Book(file=name, sheets=[], keywords=props.keywords or "", subject=props.subject or "", reader="openpyxl")
    for ws_values in values_wb.worksheets:
        ws_formula = formula_wb[ws_values.title]
        sheet = Sheet(name=ws_values.title, state=ws_values.sheet_state)
        for row in ws_formula.iter_rows():
            for cell in row:
                raw = cell.value
                if raw is None:
                    continue
                key = (cell.row, cell.column)
                is_formula = cell.data_type == "f" or (isinstance(raw, str) and raw.startswith("="))
                if not isinstance(raw, (str, int, float, bool, dt.date, dt.datetime, dt.time)) and not is_formula:
                    # array formulas and rich text objects
                    raw = str(raw)
                if is_formula:
                    sheet.formulas[key] = raw if isinstance(raw, str) else getattr(raw, "text", str(raw))
        for row in ws_values.iter_rows():
            for cell in row:
                key = (cell.row, cell.column)
                value = _clean_value(cell.value)
                if cell.data_type == "e" and value is not None:
                    sheet.errors[key] = str(value)
                    value = None
                if value is None:
                    if key in sheet.formulas:
                        sheet.uncached.add(key)
                    continue
                sheet.values[key] = value
                if isinstance(value, (int, float)) and "%" in (cell.number_format or ""):
                    sheet.percent.add(key)
        sheet.merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws_values.merged_cells.ranges]
        sheet.hidden_rows = {r for r, dim in ws_values.row_dimensions.items() if dim.hidden}
        for dim in ws_values.column_dimensions.values():
            if dim.hidden and dim.min and dim.max:
                sheet.hidden_cols.update(range(dim.min, dim.max + 1))
        sheet.max_row = ws_values.max_row
        sheet.max_col = ws_values.max_column
        sheet.index_merges()
        book.sheets.append(sheet)
    return book


def _read_xlrd(path: Path, name: str) -> Book:
    import xlrd

    wb = xlrd.open_workbook(str(path), formatting_info=True)
    book = Book(file=name, sheets=[], reader="xlrd")
    for index in range(wb.nsheets):
        ws = wb.sheet_by_index(index)
        state = {0: "visible", 1: "hidden", 2: "veryHidden"}.get(ws.visibility, "visible")
        sheet = Sheet(name=ws.name, state=state)
        for r in range(ws.nrows):
            for c in range(ws.ncols):
                cell = ws.cell(r, c)
                key = (r + 1, c + 1)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
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
                    if fmt is not None and "%" in fmt.format_str:
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

    wb = CalamineWorkbook.from_path(str(path))
    book = Book(file=name, sheets=[], reader="calamine")
    for sheet_name in wb.sheet_names:
        rows = wb.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
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
