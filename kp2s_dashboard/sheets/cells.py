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
from typing import Any

from openpyxl.utils import get_column_letter

from kp2s_dashboard.errors import DataError, Location

#: Cell texts that mean "no value" (missing, not zero).
MISSING_TOKENS = frozenset(
    {"", "-", "–", "—", "--", "n/a", "na", "nan", "none", "null", "tidak ada data", "t.a.d", "tad", "td", "x", "?"}
)

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TABLE_SUFFIXES = (".csv", *SPREADSHEET_SUFFIXES)


@dataclass(frozen=True)
class Cell:
    """One cell: its value as read, whether Excel formatted it as a percent
    (:func:`is_percent_format`: a real ``%`` placeholder, not a literal
    ``"%"``), and its address. ``row`` and ``col`` are 1-based."""

    value: Any
    row: int
    col: int
    percent_format: bool = False
    #: formula text when the cell holds a formula without a saved (cached)
    #: result; ``value`` is then ``None``.
    formula: str | None = None

    @property
    def a1(self) -> str:
        """Address in A1 notation, e.g. ``"C5"``."""
        return f"{get_column_letter(self.col)}{self.row}"


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


# Parts of a number format that print text rather than format the number:
# quoted text ("%"), an escaped character (\%), a bracketed colour, condition
# or locale ([Red], [>=100], [$-421]), and the _x (space as wide as x) and *x
# (repeat x) directives.
_FORMAT_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


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


def read_grids(path: str | Path, display_name: str | None = None) -> list[Grid]:
    """Every sheet of a spreadsheet, or the one table of a CSV, as grids.

    Args:
        path: ``.csv`` (UTF-8 or Latin-1, comma or semicolon separated),
            ``.xlsx``/``.xlsm`` (read with openpyxl in read-only mode to see
            percent formats; formulas give their cached values, and formula
            cells without one get ``Cell.formula``; reading a sheet stops
            after :data:`EMPTY_ROW_STOP` empty rows), ``.xls``/``.ods``
            (python-calamine; number formats unknown). Merged ranges and
            hidden sheets come from python-calamine.
        display_name: the file name to show in messages (e.g. an upload's
            original name); defaults to the file's name.

    Raises:
        DataError: unsupported suffix (``err.file_format``) or unreadable
            file (``err.file_unreadable``), naming the file.
    """
    path = Path(path)
    name = display_name or path.name
    suffix = path.suffix.lower()
    loc = Location(file=name)
    if suffix not in TABLE_SUFFIXES:
        raise DataError("err.file_format", loc, suffix=suffix or "?", expected=", ".join(TABLE_SUFFIXES))
    try:
        if suffix == ".csv":
            return [_read_csv(path, name)]
        if suffix in (".xlsx", ".xlsm"):
            return _read_openpyxl(path, name)
        return _read_calamine(path, name)
    except DataError:
        raise
    except Exception as exc:  # any parser failure becomes one clear message
        raise DataError("err.file_unreadable", loc, detail=f"{type(exc).__name__}: {exc}") from exc


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
    for r, record in enumerate(csv.reader(uploads.iter_lines(text), delimiter=delimiter), start=1):
        # bounded: refuse at the first row/column/cell over the limits, never read on to the end
        uploads.check_extent(name, None, r, len(record), lim)
        cells += len(record)
        if cells > lim.max_cells:
            raise DataError("err.sheet_cells", Location(file=name), limit=lim.max_cells)
        rows.append([Cell(value=v, row=r, col=c) for c, v in enumerate(record, start=1)])
    return Grid(file=name, sheet=None, rows=rows, is_csv=True, delimiter=delimiter)


def _calamine_meta(path: Path) -> tuple[dict[str, bool], dict[str, list[tuple[int, int, int, int]]]]:
    """Hidden flag and merged ranges (1-based, inclusive) per sheet name, as
    python-calamine reports them (merges are known for .xlsx and .xls)."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    hidden = {m.name: str(m.visible).rsplit(".", 1)[-1].lower() != "visible" for m in book.sheets_metadata}
    merged: dict[str, list[tuple[int, int, int, int]]] = {}
    for sheet_name in book.sheet_names:
        ranges = book.get_sheet_by_name(sheet_name).merged_cell_ranges
        if ranges is None:  # merges not known for this format (.ods)
            continue
        merged[sheet_name] = [(r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in ranges]
    book.close()
    return hidden, merged


def _read_openpyxl(path: Path, name: str) -> list[Grid]:
    """Read-only openpyxl pass for values (cached results of formulas) and
    percent formats; a second pass without ``data_only`` only when blank
    cells were seen, to find formulas that have no saved result."""
    from openpyxl import load_workbook

    from kp2s_dashboard.sheets import uploads

    lim = uploads.limits()
    # rows, columns and cells bounded (streaming) before any reader loads the sheets
    uploads.scan_xlsx(path, name, lim, skip_unreadable=True)
    try:
        hidden, merged = _calamine_meta(path)
    except Exception:  # merges unknown; openpyxl still reads values, formats and sheet states
        hidden, merged = {}, {}
    book = load_workbook(path, data_only=True, read_only=True)
    grids = []
    blanks = False
    for sheet in book.worksheets:
        sheet.reset_dimensions()  # ignore a wrong <dimension>; read what is there
        rows: list[list[Cell]] = []  # rows[i] is sheet row i + 1 (possibly empty)
        empty_run = 0
        truncated = None
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                if getattr(cell, "value", None) is None:
                    blanks = True
                    if getattr(cell, "column", None) is None:
                        continue  # filler for a cell absent from the file
                elif cell.row > lim.max_rows or cell.column > lim.max_cols:
                    uploads.check_extent(name, sheet.title, cell.row, cell.column, lim)
                fmt = getattr(cell, "number_format", None) or ""
                cells.append(Cell(value=cell.value, row=cell.row, col=cell.column, percent_format=is_percent_format(fmt)))
            rows.append(cells)
            if any(c.value is not None for c in cells):
                empty_run = 0
            else:
                empty_run += 1
                if empty_run >= EMPTY_ROW_STOP:
                    truncated = len(rows)
                    break
        while rows and all(c.value is None for c in rows[-1]):
            rows.pop()
        grids.append(
            Grid(
                file=name,
                sheet=sheet.title,
                rows=rows,
                merged=merged.get(sheet.title, []),
                merges_known=sheet.title in merged,
                hidden=hidden.get(sheet.title, sheet.sheet_state != "visible"),
                formats_known=True,
                truncated_at=truncated,
            )
        )
    book.close()
    if blanks:
        _mark_uncached_formulas(path, grids)
    return grids


def _mark_uncached_formulas(path: Path, grids: list[Grid]) -> None:
    """Set ``Cell.formula`` on blank cells that hold a formula (a formula
    without a cached result: the file was written by a program that does
    not calculate, and never opened and saved in Excel)."""
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=False, read_only=True)
    try:
        for grid in grids:
            if not grid.rows:
                continue
            sheet = book[grid.sheet]
            sheet.reset_dimensions()
            last = len(grid.rows)
            formulas: dict[tuple[int, int], str] = {}
            for row in sheet.iter_rows(max_row=last):
                for cell in row:
                    value = getattr(cell, "value", None)
                    if isinstance(value, str) and value.startswith("=") and getattr(cell, "data_type", "") == "f":
                        formulas[(cell.row, cell.column)] = value
            if not formulas:
                continue
            for i, row_cells in enumerate(grid.rows):
                grid.rows[i] = [
                    Cell(c.value, c.row, c.col, c.percent_format, formulas[(c.row, c.col)])
                    if c.value is None and (c.row, c.col) in formulas
                    else c
                    for c in row_cells
                ]
    finally:
        book.close()


def _read_calamine(path: Path, name: str) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    from kp2s_dashboard.sheets import uploads

    lim = uploads.limits()
    if path.suffix.lower() == ".ods":
        uploads.scan_ods(path, name, lim, skip_unreadable=True)
    hidden, merged = _calamine_meta(path)
    book = CalamineWorkbook.from_path(str(path))
    grids = []
    for sheet_name in book.sheet_names:
        sheet = book.get_sheet_by_name(sheet_name)
        uploads.check_extent(name, sheet_name, sheet.height, sheet.width, lim)  # before building Python rows
        data = sheet.to_python(skip_empty_area=False)
        rows = [[Cell(value=v if v != "" else None, row=r, col=c) for c, v in enumerate(rec, start=1)]
                for r, rec in enumerate(data, start=1)]
        grids.append(
            Grid(file=name, sheet=sheet_name, rows=rows, merged=merged.get(sheet_name, []),
                 merges_known=sheet_name in merged, hidden=hidden.get(sheet_name, False))
        )
    return grids
