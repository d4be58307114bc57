"""Reading spreadsheet cells as people fill them in.

Shared by every tabular loader: a grid reader that keeps cell addresses
(so messages can name ``C5``) and knows which Excel cells were formatted as
percent, and value parsers for decimal commas, percent strings and the many
ways of writing "no data".
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
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
    """One cell: its value as read, whether Excel formatted it as a percent,
    and its address. ``row`` and ``col`` are 1-based."""

    value: Any
    row: int
    col: int
    percent_format: bool = False

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
_THOUSANDS_DOT = re.compile(r"^[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?$")


def parse_number(value: Any) -> float | None:
    """A number from a cell, or ``None`` when the cell means "no data".

    Accepts numbers, ``"24,6"`` (decimal comma), ``"24.6"``, ``"24,6%"`` and
    ``"24,6 %"`` (percent sign dropped; the number is taken as already in
    percent), ``"1.234,5"`` (thousands dot).

    Raises:
        ValueError: the text is not a number (the caller adds the location).
    """
    if is_missing(value):
        return None
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, Number):
        return float(value)  # type: ignore[arg-type]
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if text.endswith("%"):
        text = text[:-1]
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


def read_grids(path: str | Path, display_name: str | None = None) -> list[Grid]:
    """Every sheet of a spreadsheet, or the one table of a CSV, as grids.

    Args:
        path: ``.csv`` (UTF-8 or Latin-1, comma or semicolon separated),
            ``.xlsx``/``.xlsm`` (read with openpyxl to see percent formats;
            formulas give their cached values), ``.xls``/``.ods`` (python-calamine).
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


def _read_csv(path: Path, name: str) -> Grid:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = []
    for r, record in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        rows.append([Cell(value=v, row=r, col=c) for c, v in enumerate(record, start=1)])
    return Grid(file=name, sheet=None, rows=rows, is_csv=True)


def _read_openpyxl(path: Path, name: str) -> list[Grid]:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True, read_only=False)
    grids = []
    for sheet in book.worksheets:
        rows = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                if cell.__class__.__name__ == "MergedCell":
                    cells.append(Cell(value=None, row=cell.row, col=cell.column))
                    continue
                fmt = cell.number_format or ""
                cells.append(Cell(value=cell.value, row=cell.row, col=cell.column, percent_format="%" in fmt))
            rows.append(cells)
        grids.append(Grid(file=name, sheet=sheet.title, rows=rows))
    book.close()
    return grids


def _read_calamine(path: Path, name: str) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    grids = []
    for sheet_name in book.sheet_names:
        data = book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
        rows = [[Cell(value=v if v != "" else None, row=r, col=c) for c, v in enumerate(rec, start=1)]
                for r, rec in enumerate(data, start=1)]
        grids.append(Grid(file=name, sheet=sheet_name, rows=rows))
    return grids
