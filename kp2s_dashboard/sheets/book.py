"""Workbooks as sheets of cells that remember what Excel knows about them.

:func:`read_book` is the one workbook reader (every loader goes through it,
directly or through :func:`kp2s_dashboard.sheets.cells.read_grids`):

- ``.xlsx``/``.xlsm``: values from python-calamine, formulas, errors,
  number formats, merged ranges and hidden rows/columns from one pass over
  the sheet XML (:mod:`kp2s_dashboard.sheets.xlsx`);
- ``.xls``: xlrd with ``formatting_info=True`` (merged cells, hidden rows
  and columns, number formats; xlrd sees cached values only);
- ``.ods``: python-calamine (values only: no merged cells, hidden rows or
  formulas).

Every read is bounded (rows, columns, cells: :mod:`kp2s_dashboard.sheets.uploads`)
before cells are built. Simple formulas without a cached value are computed
(:mod:`kp2s_dashboard.sheets.formulas`). Rows and columns are 1-based as a
spreadsheet program shows them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from kp2s_dashboard.errors import DataError, Location

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


# Parts of a number format that print text rather than format the number:
# quoted text ("%"), an escaped character (\%), a bracketed colour, condition
# or locale ([Red], [>=100], [$-421]), and the _x (space as wide as x) and *x
# (repeat x) directives.
_FORMAT_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


@lru_cache(maxsize=4096)
def is_percent_format(number_format: str | None) -> bool:
    """True when an Excel number format scales the stored number by 100.

    Only a real ``%`` placeholder does (``0.0%``: 0.132 is shown as
    ``13.2%``); a percent sign written as literal text (``0.0"%"``,
    ``0.0\\%``) just prints after the stored number (13.2 is shown as
    ``13.2%``), so the stored number is already in percent. Sections
    (``;``) are all looked at. Source of the syntax: Microsoft, "Number
    format codes" (Excel help). ``None``/``""``/``General`` → False.

    The one rule used by every cell reader (prevalence grids here and the
    assessment workbooks in :mod:`kp2s_dashboard.sheets.grid`).
    """
    if not number_format:
        return False
    return "%" in _FORMAT_LITERAL.sub("", str(number_format))


def a1(row: int, col: int) -> str:
    """A1 address of (row, col), e.g. ``a1(5, 3) == "C5"``."""
    return f"{_letter(col)}{row}"


@lru_cache(maxsize=None)
def _letter(col: int) -> str:
    return get_column_letter(col)


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
    #: formula cells without a cached value whose value the reader computed
    #: (:mod:`kp2s_dashboard.sheets.formulas`); they are in ``values``.
    computed: set[tuple[int, int]] = field(default_factory=set)
    max_row: int = 0
    max_col: int = 0

    def __post_init__(self) -> None:
        self._origin: dict[tuple[int, int], tuple[int, int]] = {}

    def index_merges(self) -> None:
        """Build the cell → merge-origin index (call after filling ``merged``)."""
        self._origin = {}
        for r1, c1, r2, c2 in self.merged:  # a later range wins where two overlap, as before
            self._origin.update(dict.fromkeys(product(range(r1, r2 + 1), range(c1, c2 + 1)), (r1, c1)))

    def get(self, row: int, col: int, fill: bool = False) -> Any:
        """The value at (row, col); with ``fill`` a cell inside a merged range
        gives the value of the range's top-left cell."""
        if fill and self._origin:
            origin = self._origin.get((row, col))
            if origin is not None:
                return self.values.get(origin)
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

    def rows(self) -> dict[int, tuple[tuple[int, Any], ...]]:
        """Row number → its non-empty (col, value) pairs, left to right, for
        every row holding a value (rows ascending). Built once and rebuilt
        when ``values`` grows or shrinks. Rows are tuples: a tuple of tuples
        of plain values is left alone by Python's garbage collector, where
        one list per row (33,000 in a large workbook) made it walk the whole
        heap two or three times a read."""
        index = self.__dict__.get("_rows")
        if index is None or self.__dict__.get("_rows_size") != len(self.values):
            lists: dict[int, list[tuple[int, Any]]] = {}
            get = lists.get
            for (r, c), value in self.values.items():
                cells = get(r)
                if cells is None:
                    lists[r] = [(c, value)]
                else:
                    cells.append((c, value))
            ordered = True
            previous = 0
            for r, cells in lists.items():
                if r < previous:
                    ordered = False
                previous = r
                if len(cells) > 1:
                    cells.sort()  # columns are unique within a row: values are never compared
            index = {r: tuple(cells) for r, cells in (lists.items() if ordered else sorted(lists.items()))}
            self._rows, self._rows_size = index, len(self.values)
        return index

    def set_rows(self, index: dict[int, tuple[tuple[int, Any], ...]]) -> None:
        """Install the row index of :meth:`rows` built by a reader while it
        filled ``values`` (same content: every cell of ``values``, rows
        ascending, columns ascending within a row, each row a tuple)."""
        self._rows, self._rows_size = index, len(self.values)

    def add_values(self, cells: dict[tuple[int, int], Any]) -> None:
        """Set ``cells`` into ``values``, keeping the row index current."""
        values = self.values
        index = self.__dict__.get("_rows")
        if index is None or self.__dict__.get("_rows_size") != len(values):
            values.update(cells)
            return
        changed: dict[int, list[tuple[int, Any]]] = {}
        reorder = False
        for key, value in cells.items():
            r, c = key
            row = changed.get(r)
            if row is None:
                old = index.get(r)
                if old is None:
                    reorder = True
                row = changed[r] = list(old or ())
            if key in values:
                row[:] = [(c, value) if cell[0] == c else cell for cell in row]
            else:
                row.append((c, value))
            values[key] = value
        for r, row in changed.items():
            row.sort()  # columns are unique within a row: values are never compared
            index[r] = tuple(row)
        if reorder:
            index = dict(sorted(index.items()))
        self.set_rows(index)

    def row_values(self, row: int, first: int = 1, last: int | None = None) -> list[tuple[int, Any]]:
        """Non-empty (col, value) pairs of ``row`` between ``first`` and ``last``."""
        last = last or self.max_col
        cells = self.rows().get(row)
        if not cells:
            return []
        if first <= cells[0][0] and cells[-1][0] <= last:
            return list(cells)
        return [(c, v) for c, v in cells if first <= c <= last]

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
            from kp2s_dashboard.sheets.xlsx import read_xlsx

            book = read_xlsx(path, name)
        elif suffix == ".xls":
            book = _read_xlrd(path, name)
        else:
            book = _read_calamine(path, name)
    except DataError:
        raise
    except Exception as exc:  # any reader failure becomes a located, typed error
        raise DataError("err.file_unreadable", Location(file=name), detail=f"{type(exc).__name__}: {exc}") from None
    if suffix not in (".xlsx", ".xlsm"):  # read_xlsx computed them before building its row index
        from kp2s_dashboard.sheets.formulas import compute_uncached

        for sheet in book.sheets:
            compute_uncached(sheet)
    return book


def clean_value(value: Any) -> Any:
    if isinstance(value, str):
        value = value.replace("\u00a0", " ").strip()
        return value or None
    return value


_DECIMALS = re.compile(r"0[.,](0+)")


def format_decimals(number_format: str) -> int | None:
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
                value = clean_value(value)
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
                value = clean_value(value)
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
