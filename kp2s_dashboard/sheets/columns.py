"""Large tables read column-wise: the same cells as :func:`~kp2s_dashboard.sheets.cells.read_grids`,
kept as one list per column instead of one :class:`~kp2s_dashboard.sheets.cells.Cell` per value.

:func:`read_columns` ``(path, display_name=None) -> list[Columns] | None``
    One :class:`Columns` per sheet (one for a CSV). ``table.column(c)`` is
    column ``c`` (1-based) as a list with one entry per sheet row (``None``
    where :func:`read_grids` has no cell); ``table.cells(i)`` rebuilds row
    ``i`` (0-based) exactly as ``read_grids(...)[k].rows[i]``, and
    ``table.grid()`` is a :class:`~kp2s_dashboard.sheets.cells.Grid` whose
    rows are built on demand, for the header and for the rows a loader
    wants to read cell by cell. ``table.location(row, col)`` gives the same
    :class:`~kp2s_dashboard.errors.Location` as ``Grid.location(cell)``.

    Returns ``None`` when a file needs what only the cell reader does, and
    the caller then reads it with :func:`read_grids` (same results, slower):
    ``.xls``/``.ods``; an ``.xlsx`` with a formula without a stored result
    (computed or reported cell by cell), a range merged over several rows
    (read in every row of the range), or a sheet whose reading stops after
    :data:`~kp2s_dashboard.sheets.cells.EMPTY_ROW_STOP` empty rows.

Values are what :func:`read_grids` gives: for a CSV the field texts as
written (not stripped; ``""`` kept), for an ``.xlsx`` calamine's values
with text stripped (no-break spaces as spaces), empty text dropped and
whole floats as ``int``, an error cell as its text (``#DIV/0!``). Bounds
(:func:`~kp2s_dashboard.sheets.uploads.limits`) are the same, refused with
the same errors.

Why: a 100,000-row table is 600,000 cells; one Python object per cell
took most of the reading time (``benchmarks/README.md``).
"""

from __future__ import annotations

import csv
import itertools
import operator
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import Any, Sequence

from kp2s_dashboard.errors import DataError, Location
from kp2s_dashboard.sheets.book import _letter
from kp2s_dashboard.sheets.cells import EMPTY_ROW_STOP, Cell, Grid, detect_delimiter

_new = object.__new__

#: CSV records checked against the bounds at a time.
CHUNK = 8192


@dataclass
class Columns:
    """One sheet (or the CSV) column-wise.

    ``columns[c - 1][i]`` is the value at sheet row ``i + 1``, column ``c``
    (``None``: no cell there); every column has ``n_rows`` entries.
    ``percent`` holds the (row, col) of number cells formatted as percent
    (:func:`~kp2s_dashboard.sheets.book.is_percent_format`). ``records``
    (CSV only) are the records as the csv module split them, so a row is
    rebuilt with its exact fields. The other fields are those of
    :class:`~kp2s_dashboard.sheets.cells.Grid`.
    """

    file: str
    sheet: str | None
    columns: list[Sequence[Any]]
    n_rows: int
    is_csv: bool = False
    percent: set[tuple[int, int]] = field(default_factory=set)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False
    formats_known: bool = False
    merges_known: bool = False
    delimiter: str | None = None
    records: list[list[str]] | None = None
    #: rows hidden in the workbook (1-based; empty for a CSV), as ``Grid.hidden_rows``
    hidden_rows: frozenset = frozenset()

    @property
    def width(self) -> int:
        """Number of columns (the last one holding a cell)."""
        return len(self.columns)

    def column(self, col: int | None, start: int = 0) -> list[Any]:
        """Column ``col`` (1-based) from 0-based row ``start`` on; all
        ``None`` for a column past the last one (or ``col`` None)."""
        if col is None or not 1 <= col <= len(self.columns):
            return [None] * max(self.n_rows - start, 0)
        values = self.columns[col - 1]
        return list(values[start:]) if start else list(values)

    def cells(self, i: int) -> list[Cell]:
        """Row ``i`` (0-based) as :func:`read_grids` gives it."""
        r = i + 1
        if self.records is not None:
            return [Cell(v, r, c) for c, v in enumerate(self.records[i], start=1)]
        percent = self.percent
        out = []
        for c, values in enumerate(self.columns, start=1):
            value = values[i]
            if value is not None:
                out.append(Cell(value, r, c, (r, c) in percent if percent else False))
        return out

    def grid(self) -> Grid:
        """A :class:`Grid` over this table whose rows are built when read
        (``grid.columns`` is this table)."""
        grid = Grid(file=self.file, sheet=self.sheet, rows=_Rows(self), is_csv=self.is_csv,  # type: ignore[arg-type]
                    merged=list(self.merged), hidden=self.hidden, formats_known=self.formats_known,
                    merges_known=self.merges_known, delimiter=self.delimiter, hidden_rows=self.hidden_rows)
        grid.columns = self  # type: ignore[attr-defined]
        return grid

    def location(self, row: int, col: int) -> Location:
        """What ``Grid.location(cell)`` gives for the cell at (row, col), 1-based."""
        loc = _new(Location)  # a frozen dataclass: its __init__ sets each field through object.__setattr__
        if self.is_csv:
            loc.__dict__.update(file=self.file, sheet=None, cell=None, row=row, column=_letter(col))
        else:
            loc.__dict__.update(file=self.file, sheet=self.sheet, cell=f"{_letter(col)}{row}", row=None, column=None)
        return loc


class _Rows(Sequence):
    """``Grid.rows`` of a :class:`Columns`: each row built when indexed."""

    def __init__(self, table: Columns):
        self._table = table

    def __len__(self) -> int:
        return self._table.n_rows

    def __getitem__(self, key):  # type: ignore[override]
        n = self._table.n_rows
        if isinstance(key, slice):
            return [self._table.cells(i) for i in range(*key.indices(n))]
        if key < 0:
            key += n
        if not 0 <= key < n:
            raise IndexError(key)
        return self._table.cells(key)

    def __iter__(self):
        for i in range(self._table.n_rows):
            yield self._table.cells(i)


def read_columns(path: str | Path, display_name: str | None = None) -> list[Columns] | None:
    """Every sheet of a ``.csv``/``.xlsx``/``.xlsm`` column-wise (see the
    module docstring), or ``None`` when the file must be read by
    :func:`~kp2s_dashboard.sheets.cells.read_grids`.

    Raises:
        DataError: as :func:`read_grids` (``err.file_format``,
            ``err.file_unreadable``, ``err.sheet_rows``, ``err.sheet_cols``,
            ``err.sheet_cells``), file and sheet named.
    """
    path = Path(path)
    name = display_name or path.name
    suffix = path.suffix.lower()
    loc = Location(file=name)
    try:
        if suffix == ".csv":
            return [_csv_columns(path, name)]
        if suffix in (".xlsx", ".xlsm"):
            return _xlsx_columns(path, name)
    except DataError:
        raise
    except Exception as exc:  # any parser failure becomes one clear message, as read_grids says it
        raise DataError("err.file_unreadable", loc, detail=f"{type(exc).__name__}: {exc}") from None
    return None


def _csv_columns(path: Path, name: str) -> Columns:
    from kp2s_dashboard.sheets import uploads

    lim = uploads.limits()
    raw = path.read_bytes()
    text, _encoding = uploads.decode_text(raw, name)
    del raw
    delimiter = detect_delimiter(text)
    reader = csv.reader(uploads.iter_lines(text), delimiter=delimiter)
    records: list[list[str]] = []
    cells = 0
    while True:
        chunk = list(itertools.islice(reader, CHUNK))
        if not chunk:
            break
        lengths = list(map(len, chunk))
        start = len(records)
        total = cells + sum(lengths)
        if start + len(chunk) > lim.max_rows or max(lengths) > lim.max_cols or total > lim.max_cells:
            # a bound is crossed in this chunk: refuse at the same record, with the same error, as read_grids
            for r, n in enumerate(lengths, start=start + 1):
                uploads.check_extent(name, None, r, n, lim)
                cells += n
                if cells > lim.max_cells:
                    raise DataError("err.sheet_cells", Location(file=name), limit=lim.max_cells)
        cells = total
        records += chunk
    if records:
        uploads.check_quotes_closed(text, delimiter, len(records), records[-1], name)
    columns = [list(col) for col in zip_longest(*records)] if records else []
    return Columns(file=name, sheet=None, columns=columns, n_rows=len(records), is_csv=True,
                   delimiter=delimiter, records=records)


def _xlsx_columns(path: Path, name: str) -> list[Columns] | None:
    """The sheets of an ``.xlsx`` as :class:`Columns`, read as
    :func:`kp2s_dashboard.sheets.xlsx.read_xlsx` reads them; ``None`` for
    the cases the module docstring lists."""
    from python_calamine import CalamineWorkbook

    from kp2s_dashboard.sheets.book import Sheet
    from kp2s_dashboard.sheets.xlsx import _open_parts, _scan

    styles, xml = _open_parts(path, name)
    style_re = styles.pattern()
    calamine = CalamineWorkbook.from_path(str(path))
    tables: list[Columns] = []
    try:
        visible = {m.name: str(m.visible).rsplit(".", 1)[-1].lower() for m in calamine.sheets_metadata}
        for title in calamine.sheet_names:
            state = styles.states.get(title) or ("visible" if visible.get(title, "visible") == "visible" else "hidden")
            sheet = Sheet(name=title, state=state)
            _scan(sheet, xml.get(title, b""), styles, style_re)
            if sheet.uncached:
                return None  # computed (or reported) cell by cell by the cell reader
            rows = calamine.get_sheet_by_name(title).to_python(skip_empty_area=False)
            table = _sheet_columns(sheet, rows, name)
            if table is None:
                return None
            tables.append(table)
    finally:
        calamine.close()
    return tables


def _clean(values: Sequence[Any]) -> list[Any]:
    """One column of calamine's values as ``_fill_values`` keeps them
    (text stripped, no-break spaces as spaces, empty text as ``None``,
    whole floats as ``int``)."""
    kinds = set(map(type, values))
    if kinds <= {str, type(None)}:
        if str in kinds:
            if type(None) not in kinds and "\u00a0" not in "".join(values):
                return [v.strip() or None for v in values]
        else:
            return list(values)
    elif kinds <= {float, int, type(None)} and type(None) not in kinds:
        return [int(v) if v.__class__ is float and v.is_integer() and -1e15 < v < 1e15 else v for v in values]
    out = []
    append = out.append
    for value in values:
        kind = type(value)
        if kind is str:
            if "\u00a0" in value:
                value = value.replace("\u00a0", " ")
            append(value.strip() or None)
        elif kind is float:
            append(int(value) if value.is_integer() and -1e15 < value < 1e15 else value)
        else:
            append(value)  # None, int, bool, dates and times as they are
    return out


def _sheet_columns(sheet: Any, rows: list[list[Any]], name: str) -> Columns | None:
    n = len(rows)
    columns = [_clean(col) for col in zip_longest(*rows)] if rows else []
    empty_text = getattr(sheet, "_empty_text", set())
    for r, c in empty_text:
        if r <= n and c <= len(columns):
            columns[c - 1][r - 1] = None
    for (r, c), text in sheet.errors.items():
        while c > len(columns):
            columns.append([None] * n)
        if r > n:
            for col in columns:
                col.extend([None] * (r - n))
            n = r
        columns[c - 1][r - 1] = text
    # extent of the values, formulas and errors (as _fill_values), for clipping merges
    max_row = max_col = 0
    for c, col in enumerate(columns, start=1):
        last = next((i for i in range(len(col) - 1, -1, -1) if col[i] is not None), -1)
        if last >= 0:
            max_col = c
            max_row = max(max_row, last + 1)
    for r, c in sheet.formulas:
        max_row, max_col = max(max_row, r), max(max_col, c)
    merged = [(r1, c1, min(r2, max_row), min(c2, max_col)) for r1, c1, r2, c2 in sheet.merged
              if r1 <= max_row and c1 <= max_col]
    for r1, c1, r2, _c2 in merged:
        if r2 > r1 and c1 <= len(columns) and r1 <= n and columns[c1 - 1][r1 - 1] is not None:
            return None  # read in every row of the range by the cell reader
    # rows holding a cell; the cell reader stops after EMPTY_ROW_STOP empty rows
    filled: set[int] = set()
    for col in columns:
        filled.update(itertools.compress(range(len(col)), map(operator.is_not, col, itertools.repeat(None))))
    occupied = sorted(filled)
    previous = -1
    for i in occupied:
        if i - previous - 1 >= EMPTY_ROW_STOP:
            return None
        previous = i
    n_rows = occupied[-1] + 1 if occupied else 0
    if n_rows < n:
        columns = [col[:n_rows] for col in columns]
    while columns and all(v is None for v in columns[-1]):
        columns.pop()
    percent = set()
    for r, c in sheet.percent:
        if c <= len(columns) and r <= n_rows and isinstance(columns[c - 1][r - 1], (int, float)) \
                and (r, c) not in sheet.errors:
            percent.add((r, c))
    return Columns(file=name, sheet=sheet.name, columns=columns, n_rows=n_rows, percent=percent,
                   merged=merged, hidden=sheet.state != "visible", formats_known=True, merges_known=True,
                   hidden_rows=frozenset(r for r in sheet.hidden_rows if r <= n_rows))
