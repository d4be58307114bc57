"""Reading spreadsheet cells as people fill them in.

Shared by every tabular loader: a grid reader that keeps cell addresses
(so messages can name ``C5``) and knows which Excel cells were formatted as
percent, and value parsers for decimal commas, percent strings and the many
ways of writing "no data".
"""

from __future__ import annotations

import csv
import itertools
import math
import re
from dataclasses import dataclass, field
from numbers import Number
from pathlib import Path
from typing import Any, NamedTuple

from openpyxl.utils import get_column_letter

from kp2s_dashboard.errors import DataError, Location
from kp2s_dashboard.sheets.book import _letter, is_percent_format  # noqa: F401  (one rule, re-exported)

#: Cell texts that mean "no value" (missing, not zero).
MISSING_TOKENS = frozenset(
    {"", "-", "–", "—", "--", "n/a", "na", "nan", "none", "null", "tidak ada data", "t.a.d", "tad", "td", "x", "?"}
)

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TABLE_SUFFIXES = (".csv", *SPREADSHEET_SUFFIXES)


class Cell(NamedTuple):
    """One cell: its value as read, whether Excel formatted it as a percent
    (:func:`is_percent_format`: a real ``%`` placeholder, not a literal
    ``"%"``), and its address. ``row`` and ``col`` are 1-based. Immutable
    (a named tuple: a 100,000-row table makes 600,000 of them, and a tuple
    is built five times faster than a frozen dataclass)."""

    value: Any
    row: int
    col: int
    percent_format: bool = False
    #: formula text when the cell holds a formula without a saved (cached)
    #: result; ``value`` is then ``None``.
    formula: str | None = None
    #: for a cell inside a merged range read with the range's value: the
    #: range's top-left cell (``"A5"``); ``None`` otherwise.
    merged_from: str | None = None

    @property
    def a1(self) -> str:
        """Address in A1 notation, e.g. ``"C5"``."""
        return f"{_letter(self.col)}{self.row}"


@dataclass
class Grid:
    """A sheet (or CSV) as rows of :class:`Cell`, with where it came from."""

    file: str
    sheet: str | None
    rows: list[list[Cell]]
    is_csv: bool = False
    #: merged ranges as ``(min_row, min_col, max_row, max_col)``, 1-based
    #: inclusive (empty for CSV and for formats whose merges are unknown).
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    #: the sheet is hidden in the workbook.
    hidden: bool = False
    #: ``True`` when percent number formats were read (``.xlsx``/``.xlsm``);
    #: ``False`` for ``.xls``/``.ods``, whose formats are not read.
    formats_known: bool = False
    #: ``True`` when merged ranges were read (.xlsx/.xls); ``False`` for
    #: CSV and .ods, where a blank cell may or may not belong to a merge.
    merges_known: bool = False
    #: for CSV: the field delimiter detected.
    delimiter: str | None = None
    #: reading stopped after a long run of empty rows (row number of the stop).
    truncated_at: int | None = None
    #: rows hidden in the workbook (1-based; empty for CSV and .ods, whose hidden rows are not read).
    hidden_rows: frozenset = frozenset()

    def merged_range(self, cell: Cell) -> tuple[int, int, int, int] | None:
        """The merged range whose top-left cell is ``cell``, or ``None``."""
        for rng in self.merged:
            if rng[0] == cell.row and rng[1] == cell.col:
                return rng
        return None

    def location(self, cell: Cell | None = None, row: int | None = None) -> Location:
        """A :class:`Location` for ``cell`` (or a whole ``row``) of this grid.
        CSV files get a row (line) number; spreadsheets get the A1 cell."""
        if cell is not None:
            if self.is_csv:
                return Location(file=self.file, row=cell.row, column=get_column_letter(cell.col))
            return Location(file=self.file, sheet=self.sheet, cell=cell.a1)
        return Location(file=self.file, sheet=self.sheet, row=row)


def is_missing(value: Any) -> bool:
    """True for blank cells and the usual "no data" marks (``-``, ``–``, ``n/a``)."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if isinstance(value, str):
        return value.strip().lower() in MISSING_TOKENS
    return False


_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
# "1.234,5" or "1.234.567": thousands dots. A single dot group without a
# decimal comma ("24.612", "0.246") is a decimal point, never thousands.
_THOUSANDS_DOT = re.compile(r"^[+-]?[1-9]\d{0,2}(?:(?:\.\d{3}){2,}(?:,\d+)?|(?:\.\d{3})+,\d+)$")


def parse_number(value: Any) -> float | None:
    """A number from a cell, or ``None`` when the cell means "no data".

    Accepts numbers, ``"24,6"`` (decimal comma), ``"24.6"``, ``"24,6%"`` and
    ``"24,6 %"`` (percent sign dropped; the number is taken as already in
    percent), ``"1.234,5"`` (thousands dot; ``"0.246"`` and ``"24.612"``
    are decimals). Blanks (also no-break spaces)
    inside a number (``"24 6"``) are refused, never joined into ``246``.

    Raises:
        ValueError: the text is not a number (the caller adds the location).
    """
    if is_missing(value):
        return None
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, Number):
        return float(value)  # type: ignore[arg-type]
    text = str(value).replace("\u00a0", " ").strip()
    if text.endswith("%"):
        text = text[:-1].rstrip()
    if _THOUSANDS_DOT.match(text):
        text = text.replace(".", "")
    if not _NUMBER.match(text):
        raise ValueError(str(value))
    return float(text.replace(",", "."))


def cell_percent(cell: Cell) -> float | None:
    """A prevalence in percent (0–100) from a cell, or ``None`` for no data.

    Excel cells formatted as percent store a fraction (``0.246`` shown as
    ``24.6%``): those are multiplied by 100. Text with a ``%`` sign is
    already in percent.

    Raises:
        ValueError: not a number, or outside 0–100 (message names the value).
    """
    number = parse_number(cell.value)
    if number is None:
        return None
    if cell.percent_format and isinstance(cell.value, Number) and not isinstance(cell.value, bool):
        number = round(number * 100.0, 10)
    return number


def read_grids(path: str | Path, display_name: str | None = None, fill_merged: bool = True) -> list[Grid]:
    """Every sheet of a spreadsheet, or the one table of a CSV, as grids.

    The entry point for row-by-row loaders (prevalence, recommendations,
    e-PPGBM exports). Spreadsheets are read by
    :func:`kp2s_dashboard.sheets.book.read_book` (values from
    python-calamine; number formats, merged ranges, hidden sheets and
    formulas from the file itself), then laid out as rows of :class:`Cell`.

    Args:
        path: ``.csv`` (UTF-8, UTF-16 or Windows-1252; comma, semicolon or
            tab separated, detected), ``.xlsx``/``.xlsm``, ``.xls``, ``.ods``.
        display_name: the file name to show in messages (e.g. an upload's
            original name); defaults to the file's name.
        fill_merged: a value merged over several rows (a district name
            merged down its rows) is read in every row of the range, in the
            range's first column, as a person reads it (``Cell.merged_from``
            names the range's top-left cell). Merges within one row (a group
            header over year columns) are left to the layout, which reads
            them through :meth:`Grid.merged_range`.

    Returns:
        one :class:`Grid` per sheet in workbook order (hidden ones
        included, ``Grid.hidden`` set). ``grid.rows[i]`` is sheet row
        ``i + 1``: the cells holding a value, an error text, or a formula
        without a stored result (``Cell.formula``; ``value`` None), in
        column order. Simple formulas without a stored result are computed
        (:mod:`kp2s_dashboard.sheets.formulas`). Reading a sheet stops after
        :data:`EMPTY_ROW_STOP` empty rows (``Grid.truncated_at``).

    Raises:
        DataError: unsupported suffix (``err.file_format``), unreadable
            file (``err.file_unreadable``), or past the bounds of
            :func:`kp2s_dashboard.sheets.uploads.limits` (``err.sheet_rows``,
            ``err.sheet_cols``, ``err.sheet_cells``), naming the file (and sheet).
    """
    path = Path(path)
    name = display_name or path.name
    suffix = path.suffix.lower()
    loc = Location(file=name)
    if suffix not in TABLE_SUFFIXES:
        raise DataError("err.file_format", loc, suffix=suffix or "?", expected=", ".join(TABLE_SUFFIXES))
    if suffix == ".csv":
        try:
            return [_read_csv(path, name)]
        except DataError:
            raise
        except Exception as exc:  # any parser failure becomes one clear message
            raise DataError("err.file_unreadable", loc, detail=f"{type(exc).__name__}: {exc}") from exc
    from kp2s_dashboard.sheets.book import read_book

    book = read_book(path, name)
    formats_known = suffix in (".xlsx", ".xlsm")
    return [sheet_grid(sheet, name, formats_known=formats_known, merges_known=suffix != ".ods",
                       fill_merged=fill_merged) for sheet in book.sheets]


def sheet_grid(sheet: Any, name: str, *, formats_known: bool = True, merges_known: bool = True,
               fill_merged: bool = True) -> Grid:
    """A :class:`~kp2s_dashboard.sheets.book.Sheet` as a :class:`Grid` (see
    :func:`read_grids` for what its rows hold)."""
    values, formulas, errors, percent = sheet.values, sheet.uncached, sheet.errors, sheet.percent
    by_row: dict[int, list[Cell]] = {}
    unsorted: set[int] = set()  # rows whose cells were not added in column order
    make = tuple.__new__
    current_row, current, last_col = -1, [], 0
    for (r, c), value in values.items():  # row by row as read, except values computed later
        if r != current_row:
            current = by_row.get(r)
            if current is None:
                current = by_row[r] = []
                last_col = 0
            else:
                last_col = current[-1].col
            current_row = r
        if c < last_col:
            unsorted.add(r)
        last_col = c
        current.append(make(Cell, (value, r, c, (r, c) in percent if percent else False, None, None)))
    extra: list[Cell] = [Cell(text, r, c) for (r, c), text in errors.items()]
    extra += [Cell(None, r, c, False, "=" + sheet.formulas[(r, c)].lstrip("=")) for r, c in formulas]
    if fill_merged:
        for r1, c1, r2, _c2 in sheet.merged:
            if r2 <= r1 or (r1, c1) not in values:
                continue
            value = values[(r1, c1)]
            origin = f"{_letter(c1)}{r1}"
            pct = (r1, c1) in percent
            extra += [Cell(value, r, c1, pct, None, origin) for r in range(r1 + 1, r2 + 1) if (r, c1) not in values]
    for cell in extra:
        by_row.setdefault(cell.row, []).append(cell)
        unsorted.add(cell.row)
    for r in unsorted:
        by_row[r].sort(key=_col_of)
    rows: list[list[Cell]] = []
    truncated = None
    empty_run = 0
    for r in range(1, max(by_row, default=0) + 1):
        cells = by_row.get(r)
        if cells:
            if empty_run >= EMPTY_ROW_STOP:
                truncated = len(rows) - empty_run + EMPTY_ROW_STOP
                rows = rows[:truncated]
                break
            rows.append(cells)
            empty_run = 0
        else:
            rows.append([])
            empty_run += 1
    while rows and not rows[-1]:
        rows.pop()
    return Grid(file=name, sheet=sheet.name, rows=rows, merged=list(sheet.merged), merges_known=merges_known,
                hidden=sheet.state != "visible", formats_known=formats_known, truncated_at=truncated,
                hidden_rows=frozenset(sheet.hidden_rows))


def _col_of(cell: Cell) -> int:
    return cell.col


#: Delimiters a CSV may use, in order of preference on a tie.
CSV_DELIMITERS = (",", ";", "\t")
#: Lines looked at to detect the delimiter.
SNIFF_LINES = 20
#: Spreadsheet reading stops after this many empty rows in a row (a stray
#: formatted cell at ``AZ200000`` must not make a small file take minutes).
EMPTY_ROW_STOP = 1000


def detect_delimiter(text: str) -> str:
    """The CSV delimiter (``,``, ``;`` or tab) of ``text``.

    Looks at the first :data:`SNIFF_LINES` non-blank lines, not only the
    first (a title line such as ``Tabel 1 Prevalensi`` has no delimiter):
    the delimiter that splits the most lines into more than one field wins;
    on a tie, the one giving the most lines with the same number of fields,
    then the one giving more fields on those lines (``kode;nama;nilai``
    under a title ``Judul, dengan koma``), then the order of
    :data:`CSV_DELIMITERS`.
    """
    from kp2s_dashboard.sheets.uploads import iter_lines  # lazily: never every line of a large file

    lines = list(itertools.islice((line for piece in iter_lines(text) for line in piece.splitlines() if line.strip()),
                                  SNIFF_LINES))
    best, best_score = ",", (-1, -1, -1)
    for delimiter in CSV_DELIMITERS:
        try:
            counts = [len(rec) for rec in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:  # e.g. a whole 16,384-column line as one field: not this delimiter
            continue
        split = [n for n in counts if n > 1]
        modal, fields = max(((split.count(n), n) for n in set(split)), default=(0, 0))
        score = (len(split), modal, fields)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path, name: str) -> Grid:
    from kp2s_dashboard.sheets import uploads

    lim = uploads.limits()
    raw = path.read_bytes()
    text, _encoding = uploads.decode_text(raw, name)  # UTF-8 (BOM), UTF-16, Windows-1252
    del raw
    delimiter = detect_delimiter(text)
    rows = []
    cells = 0
    make = tuple.__new__
    for r, record in enumerate(csv.reader(uploads.iter_lines(text), delimiter=delimiter), start=1):
        # bounded: refuse at the first row/column/cell over the limits, never read on to the end
        uploads.check_extent(name, None, r, len(record), lim)
        cells += len(record)
        if cells > lim.max_cells:
            raise DataError("err.sheet_cells", Location(file=name), limit=lim.max_cells)
        rows.append([make(Cell, (v, r, c, False, None, None)) for c, v in enumerate(record, start=1)])
    if rows:
        uploads.check_quotes_closed(text, delimiter, len(rows), [c.value for c in rows[-1]], name)
    return Grid(file=name, sheet=None, rows=rows, is_csv=True, delimiter=delimiter)


