"""The ``.xlsx``/``.xlsm`` reader: python-calamine for values, one pass over
each sheet's XML for what calamine does not give.

Values (cached results of formulas included) come from python-calamine
(Rust; about 20× faster than openpyxl). What calamine does not report is
read from the sheet XML in one pass of regular expressions over the
decompressed part (bounded: the workbook passed
:func:`kp2s_dashboard.sheets.uploads.check_zip`, so a part is at most
``max_unpacked`` bytes, and rows, columns and cells were bounded before
calamine builds its grid):

- formula text of every formula cell (shared formulas translated), and
  which formulas have no cached value (``<f>…</f><v/>``: written by a
  program that does not calculate, e.g. openpyxl) or an empty-text result
  (``<c t="str"><f>…</f><v></v></c>``: a blank, not uncached);
- error cells (``t="e"``), merged ranges, hidden rows and columns;
- the style index of cells whose number format matters (a real ``%`` or a
  fixed number of decimals); the number formats themselves come from
  openpyxl in read-only mode (the workbook's style table only: no sheet is
  parsed by openpyxl).

Rows and columns are 1-based.
"""

from __future__ import annotations

import operator
import re
import zipfile
from itertools import compress, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any, Iterable

from kp2s_dashboard.errors import DataError, Location
from kp2s_dashboard.sheets import uploads
from kp2s_dashboard.sheets.book import Book, Sheet, clean_value, format_decimals, is_percent_format

_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # optional namespace prefix
#: a formula cell: attributes of <c>, attributes of <f>, formula text, cached value
_FORMULA_CELL = re.compile(
    rb"<" + _P + rb"c\b([^>]*?)>\s*<" + _P + rb"f\b([^>]*?)(?:/>|>(.*?)</" + _P + rb"f>)\s*(?:<" + _P
    + rb"v\s*/>|<" + _P + rb"v>(.*?)</" + _P + rb"v>)?",
    re.S,
)
_ERROR_CELL = re.compile(rb"<" + _P + rb"c\b([^>]*?\bt=\"e\"[^>]*?)>.*?<" + _P + rb"v>(.*?)</" + _P + rb"v>", re.S)
_ROW = re.compile(rb"<" + _P + rb"row\b([^>]*)>")
_COL = re.compile(rb"<" + _P + rb"col\b([^>]*?)/?>")
_MERGE = re.compile(rb"<" + _P + rb'mergeCell\b[^>]*?\bref="([A-Za-z]+\d+)(?::([A-Za-z]+\d+))?"')
_REF_ATTR = re.compile(rb'\br="([A-Za-z]{1,3})(\d+)"')
_ATTR = re.compile(rb'\b([\w:]+)="([^"]*)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_CELL_TAG = re.compile(rb"<" + _P + rb"c[\s>]")
#: a cell reference beyond column GR (200): three letters, or two from GS on
_WIDE_REF = re.compile(rb' r="(?:[A-Z]{3}|[H-Z][A-Z]|G[S-Z])\d')
_ROW_NUMBER = re.compile(rb'\br="(\d+)"')

class _ColumnNumbers(dict):
    """Column letters → number, computed on first use (``b"AB"`` → 28)."""

    def __missing__(self, key: bytes) -> int:
        found = 0
        for ch in key.upper():
            found = found * 26 + ch - 64
        self[key] = found
        return found


_COLUMNS: dict[bytes, int] = _ColumnNumbers()


def col_index(letters: bytes | str) -> int:
    """``b"A"`` → 1, ``"AB"`` → 28 (cached)."""
    key = letters.encode() if isinstance(letters, str) else letters
    found = _COLUMNS.get(key)
    if found is None:
        found = 0
        for ch in key.upper():
            found = found * 26 + ch - 64
        _COLUMNS[key] = found
    return found


def ref_tuple(ref: bytes | str) -> tuple[int, int]:
    """``b"F7"`` → ``(7, 6)``."""
    raw = ref.encode() if isinstance(ref, str) else ref
    i = 0
    while i < len(raw) and raw[i] > 57:  # letters
        i += 1
    return int(raw[i:]), col_index(raw[:i])


def _unescape(text: bytes) -> str:
    out = text.decode("utf-8", "replace")
    if "&" in out:
        out = out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
        out = out.replace("&amp;", "&")
    return out


class _Styles:
    """Number format per cell style index, document properties and sheet
    states, read with openpyxl's own parsers of ``xl/styles.xml``,
    ``docProps/core.xml`` and ``xl/workbook.xml`` (no sheet is parsed)."""

    def __init__(self, zf: zipfile.ZipFile, members: set[str]):
        from openpyxl.packaging.core import DocumentProperties
        from openpyxl.packaging.workbook import WorkbookPackage
        from openpyxl.styles.numbers import BUILTIN_FORMATS
        from openpyxl.styles.stylesheet import Stylesheet
        from openpyxl.xml.functions import fromstring

        self.formats: list[str] = []
        if "xl/styles.xml" in members:
            sheet = Stylesheet.from_tree(fromstring(zf.read("xl/styles.xml")))
            custom = list(sheet.number_formats)
            for style in sheet.cell_styles:
                fid = style.numFmtId
                fmt = BUILTIN_FORMATS.get(fid) if fid < 164 else (custom[fid - 164] if fid - 164 < len(custom) else None)
                self.formats.append(fmt or "General")
        self.keywords = self.subject = ""
        if "docProps/core.xml" in members:
            props = DocumentProperties.from_tree(fromstring(zf.read("docProps/core.xml")))
            self.keywords, self.subject = props.keywords or "", props.subject or ""
        self.states: dict[str, str] = {}
        package = WorkbookPackage.from_tree(fromstring(zf.read("xl/workbook.xml")))
        for entry in package.sheets:
            self.states[entry.name] = entry.state or "visible"
        self.percent = {i for i, f in enumerate(self.formats) if is_percent_format(f)}
        self.decimals = {i: d for i, f in enumerate(self.formats) if (d := format_decimals(f)) is not None}

    def pattern(self) -> re.Pattern | None:
        """A regex finding cells whose style is in :attr:`percent` or :attr:`decimals`."""
        wanted = sorted(self.percent | set(self.decimals))
        if not wanted:
            return None
        ids = b"|".join(str(i).encode() for i in wanted)
        return re.compile(rb"<" + _P + rb'c\b([^>]*?\bs="(?:' + ids + rb')"[^>]*?)>')


def read_xlsx(path: Path, name: str) -> Book:
    """Read every sheet of an ``.xlsx``/``.xlsm`` into a :class:`Book`, the
    simple formulas without a cached value computed
    (:func:`kp2s_dashboard.sheets.formulas.compute_uncached`).

    Raises:
        DataError: ``err.sheet_rows`` / ``err.sheet_cols`` / ``err.sheet_cells``
            and the zip limits of :func:`~kp2s_dashboard.sheets.uploads.check_zip`
            (file and sheet named); any other failure propagates (the caller
            turns it into ``err.file_unreadable``).
    """
    from python_calamine import CalamineWorkbook

    from kp2s_dashboard.sheets.formulas import compute_uncached

    styles, xml = _open_parts(path, name)
    calamine = CalamineWorkbook.from_path(str(path))
    book = Book(file=name, sheets=[], keywords=styles.keywords, subject=styles.subject, reader="calamine")
    style_re = styles.pattern()
    try:
        visible = {m.name: str(m.visible).rsplit(".", 1)[-1].lower() for m in calamine.sheets_metadata}
        for title in calamine.sheet_names:
            state = styles.states.get(title) or ("visible" if visible.get(title, "visible") == "visible" else "hidden")
            sheet = Sheet(name=title, state=state)
            data = xml.get(title, b"")
            _scan(sheet, data, styles, style_re)
            calamine_sheet = calamine.get_sheet_by_name(title)
            if tuple(calamine_sheet.start or (0, 0)) == (0, 0):
                # the same rows as to_python(skip_empty_area=False), one at a time: a row's
                # list is gone before the next is built (fewer objects for the garbage collector)
                values = calamine_sheet.iter_rows()
            else:
                values = calamine_sheet.to_python(skip_empty_area=False)
            index = _fill_values(sheet, values)
            compute_uncached(sheet)  # before the row index is built: it then takes the computed cells once
            _install_rows(sheet, index)
            book.sheets.append(sheet)
    finally:
        calamine.close()
    return book


def _open_parts(path: Path, name: str) -> tuple["_Styles", dict[str, bytes]]:
    """The styles and the XML of every sheet (title → bytes) of the ``.xlsx``
    at ``path``, after the zip limits (:func:`uploads.check_zip`) and the
    stored extent (:func:`_check_bounds`) were checked.

    Raises:
        zipfile.BadZipFile: not a zip file (the caller names it unreadable).
        DataError: a limit exceeded, file and sheet named.
    """
    from kp2s_dashboard.sheets.xlsxcache import _sheet_paths

    lim = uploads.limits()
    try:
        uploads.check_zip(path, name, lim)
    except DataError as exc:
        if exc.key == "err.upload_corrupt":
            raise zipfile.BadZipFile("not a zip file") from None
        raise
    with zipfile.ZipFile(path) as zf:
        parts = _sheet_paths(zf)
        members = set(zf.namelist())
        styles = _Styles(zf, members)
        xml = {title: zf.read(member) for title, member in parts.items() if member in members}
    _check_bounds(path, name, xml, lim)
    return styles, xml


def _check_bounds(path: Path, name: str, xml: dict[str, bytes], lim: uploads.Limits) -> None:
    """Refuse the workbook before calamine builds its (dense) grids: more
    cell elements than ``max_cells``, or a row/column past the bounds. Cheap
    counts first (C-speed searches); the exact streaming scan of
    :func:`~kp2s_dashboard.sheets.uploads.scan_xlsx` only when a bound may
    be crossed (it tells styled empty cells, which do not count, apart)."""
    cells = 0  # at least the cell elements (<c …> and <c>): every "<c" counts, <col and <cfRule too
    suspicious = False
    for data in xml.values():
        cells += data.count(b"<c") if b":c " not in data[:4096] else len(_CELL_TAG.findall(data))
        last = data.rfind(b"<row ")
        if last < 0:
            last = max(data.rfind(b":row "), 0)
        tail = _ROW_NUMBER.search(data, last)
        if tail and int(tail.group(1)) > lim.max_rows:
            suspicious = True
        if lim.max_cols < 200 or _WIDE_REF.search(data):
            suspicious = True
    if cells > lim.max_cells and not suspicious:  # the bound is passed: count the cell elements exactly
        cells = sum(
            data.count(b"<c ") + data.count(b"<c>") if b":c " not in data[:4096] else len(_CELL_TAG.findall(data))
            for data in xml.values()
        )
    if suspicious or cells > lim.max_cells:
        uploads.scan_xlsx(path, name, lim)


def _scan(sheet: Sheet, data: bytes, styles: _Styles, style_re: re.Pattern | None) -> None:
    """Formulas, errors, styles, merges, hidden rows/columns of one sheet's XML."""
    shared: dict[bytes, tuple[tuple[int, int], str]] = {}
    empty_text: set[tuple[int, int]] = set()
    found = _PLAIN_FORMULA_CELL.findall(data) if b"<f" in data else None
    cells = () if found is not None and _plain_formulas(sheet, found, empty_text) else _formula_cells(data, found)
    for key, cattrs, fattrs, text, value in cells:
        formula = _unescape(text) if text else ""
        if b"shared" in fattrs:
            fa = dict(_ATTR.findall(fattrs))
            si = fa.get(b"si")
            if formula and si is not None:
                shared[si] = (key, formula)
            elif not formula and si in shared:
                formula = _translate(shared[si][1], shared[si][0], key)
        if not formula:
            continue
        sheet.formulas[key] = formula
        if value is not None and value.strip():
            continue  # a cached result: calamine gives it
        if value is not None and b't="str"' in cattrs:
            empty_text.add(key)  # =IF(…;"";…) computed to empty text: a blank
        else:
            sheet.uncached.add(key)
    if b't="e"' in data:
        for match in _ERROR_CELL.finditer(data):
            ref = _REF_ATTR.search(match.group(1))
            if ref is not None:
                key = int(ref.group(2)), col_index(ref.group(1))
                sheet.errors[key] = _unescape(match.group(2)).strip()
                sheet.uncached.discard(key)
    if style_re is not None:
        for match in style_re.finditer(data):
            attrs = match.group(1)
            ref = _REF_ATTR.search(attrs)
            s = re.search(rb'\bs="(\d+)"', attrs)
            if ref is None or s is None:
                continue
            key = int(ref.group(2)), col_index(ref.group(1))
            sid = int(s.group(1))
            if sid in styles.percent:
                sheet.percent.add(key)
            if sid in styles.decimals:
                sheet.decimals[key] = styles.decimals[sid]
    if b"hidden=" in data:
        for match in _ROW.finditer(data):
            attrs = match.group(1)
            if _HIDDEN.search(attrs):
                ref = re.search(rb'\br="(\d+)"', attrs)
                if ref:
                    sheet.hidden_rows.add(int(ref.group(1)))
        for match in _COL.finditer(data):
            attrs = dict(_ATTR.findall(match.group(1)))
            if attrs.get(b"hidden") in (b"1", b"true") and b"min" in attrs:
                lo, hi = int(attrs[b"min"]), int(attrs.get(b"max", attrs[b"min"]))
                sheet.hidden_cols.update(range(lo, min(hi, lo + 16384) + 1))
    first_merge = data.find(b"mergeCell")
    if first_merge >= 0:
        # the merged ranges follow the cells: search from the tag holding the first one
        for match in _MERGE.finditer(data, max(data.rfind(b"<", 0, first_merge), 0)):
            r1, c1 = ref_tuple(match.group(1))
            r2, c2 = ref_tuple(match.group(2)) if match.group(2) else (r1, c1)
            sheet.merged.append((r1, c1, r2, c2))
    sheet._empty_text = empty_text  # type: ignore[attr-defined]


#: a formula cell of a sheet without namespace prefixes, in one match: the
#: ``<c>`` tag right before ``<f`` (its attributes, with the reference), the
#: ``<f>`` attributes, the formula text unless ``<f …/>``, the ``<v>`` after it.
#: Two shortcuts that change no match: the lookahead drops at once a ``<c``
#: whose next tag is not ``<f`` (most cells), and the atomic group takes the
#: first ``r="…"`` of the tag for good (the rest of the match does not depend
#: on which one) instead of retrying the search for ``r=`` at every position.
_PLAIN_FORMULA_CELL = re.compile(
    rb"<c(?=[^<]*+<f)((?>[^<]*?\br=\"([A-Za-z]{1,3})(\d+)\")[^<]*>)\s*<f(?=[\s>/])([^>]*?)(/)?>(?(5)|(.*?)</f>)"
    rb"(\s*<(?:[A-Za-z_][\w.-]*:)?v(?:\s*/>|>(.*?)</(?:[A-Za-z_][\w.-]*:)?v>))?",
    re.S,
)


def _plain_formulas(sheet: Sheet, found: list[tuple[bytes, ...]], empty_text: set[tuple[int, int]]) -> bool:
    """The formula cells ``found`` by :data:`_PLAIN_FORMULA_CELL` into
    ``sheet.formulas`` / ``sheet.uncached`` / ``empty_text`` a column of the
    matches at a time, when they are all plain (``<f>`` without attributes:
    no shared formula; formula text present and without an entity). Same
    result as the per-cell loop of :func:`_scan`; False (nothing done) when
    a match is not plain."""
    if not found:
        return True
    cattrs, letters, numbers, fattrs, _slash, texts, v_blocks, v_texts = zip(*found)
    if any(fattrs) or not all(texts) or b"&" in b"".join(texts):
        return False
    keys = list(zip(map(int, numbers), map(_COLUMNS.__getitem__, letters)))
    sheet.formulas.update(zip(keys, map(bytes.decode, texts, repeat("utf-8"), repeat("replace"))))
    blank = list(map(operator.not_, map(bytes.strip, v_texts)))  # no <v>, <v/>, or only spaces: no cached value
    if any(blank):
        if b't="str"' not in b"".join(cattrs):
            sheet.uncached.update(compress(keys, blank))
        else:
            for key, attrs, v_block in compress(zip(keys, cattrs, v_blocks), blank):
                if v_block and b't="str"' in attrs:
                    empty_text.add(key)  # =IF(…;"";…) computed to empty text: a blank
                else:
                    sheet.uncached.add(key)
    return True


def _formula_cells(data: bytes, found: list[tuple[bytes, ...]] | None = None):
    """(key, <c> attributes, <f> attributes, formula text, cached value or
    None) of every formula cell: a ``<c>`` tag followed by ``<f``, found by
    one expression (:data:`_PLAIN_FORMULA_CELL`, or its matches ``found``);
    a namespaced sheet (``<x:f>``) goes through the general expression."""
    if b"<f" not in data:
        if b":f" in data:
            for match in _FORMULA_CELL.finditer(data):
                cattrs, fattrs, text, value = match.groups()
                ref = _REF_ATTR.search(cattrs)
                if ref is not None:
                    yield (int(ref.group(2)), col_index(ref.group(1))), cattrs, fattrs, text, value
        return
    columns = _COLUMNS
    for cattrs, ref_col, ref_row, fattrs, _slash, text, v_block, v_text in (
        _PLAIN_FORMULA_CELL.findall(data) if found is None else found
    ):
        # findall gives b"" for a group that did not take part: <v> absent has v_block == b""
        col = columns.get(ref_col) or col_index(ref_col)
        yield (int(ref_row), col), cattrs, fattrs, text, (None if not v_block else v_text)


def _translate(formula: str, origin: tuple[int, int], target: tuple[int, int]) -> str:
    """A shared formula's text at ``target`` (relative references moved)."""
    from openpyxl.formula.translate import Translator
    from openpyxl.utils import get_column_letter

    try:
        src = f"{get_column_letter(origin[1])}{origin[0]}"
        dst = f"{get_column_letter(target[1])}{target[0]}"
        return Translator("=" + formula, origin=src).translate_formula(dst).lstrip("=")
    except Exception:  # an unusual formula: name it as the master's text
        return formula


_ABSENT = object()


def _fill_values(sheet: Sheet, rows: Iterable[list[Any]]) -> dict[int, tuple[tuple[int, Any], ...]]:
    """Calamine's values into ``sheet.values`` (text stripped, empty text
    dropped, whole floats as int); formula cells without a cached value and
    error cells stay out; then the extent, merges (clipped) and hidden rows
    and columns are bounded by it. Returns the row index of
    :meth:`Sheet.rows` for these values (rows ascending, (col, value) left
    to right, tuples): :func:`_install_rows` adds the computed cells to it."""
    values = sheet.values
    skip = sheet.uncached | set(sheet.errors) | getattr(sheet, "_empty_text", set())
    index: dict[int, tuple[tuple[int, Any], ...]] = {}
    for r, row in enumerate(rows, 1):
        cells: list[tuple[int, Any]] = []
        for c, value in enumerate(row, 1):
            kind = type(value)
            if kind is str:
                if not value:
                    continue
                if "\u00a0" in value:
                    value = value.replace("\u00a0", " ")
                value = value.strip()
                if not value:
                    continue
            elif kind is float:
                if value.is_integer() and -1e15 < value < 1e15:
                    value = int(value)
            elif value is None or value == "":
                continue
            values[r, c] = value
            cells.append((c, value))
        if cells:
            index[r] = tuple(cells)  # tuples: see Sheet.rows
    for key in [key for key in skip if key in values]:
        del values[key]
        kept = tuple(cell for cell in index[key[0]] if cell[0] != key[1])
        if kept:
            index[key[0]] = kept
        else:
            del index[key[0]]
    formulas, errors = sheet.formulas, sheet.errors
    sheet.max_row = max(max(index, default=0), max(formulas, default=(0,))[0], max(errors, default=(0,))[0])
    sheet.max_col = max(
        max([cells[-1][0] for cells in index.values()], default=0),
        max(map(itemgetter(1), formulas), default=0),
        max(map(itemgetter(1), errors), default=0),
    )
    sheet.merged = [
        (r1, c1, min(r2, sheet.max_row), min(c2, sheet.max_col))
        for r1, c1, r2, c2 in sheet.merged
        if r1 <= sheet.max_row and c1 <= sheet.max_col
    ]
    sheet.hidden_rows = {r for r in sheet.hidden_rows if r <= sheet.max_row}
    sheet.hidden_cols = {c for c in sheet.hidden_cols if c <= sheet.max_col}
    sheet.percent = {k for k in sheet.percent if k in values and isinstance(values[k], (int, float))}
    sheet.decimals = {k: d for k, d in sheet.decimals.items() if isinstance(values.get(k), float)}
    if hasattr(sheet, "_empty_text"):
        del sheet._empty_text  # type: ignore[attr-defined]
    sheet.index_merges()
    return index


def _install_rows(sheet: Sheet, index: dict[int, tuple[tuple[int, Any], ...]]) -> None:
    """Install the row index of :meth:`Sheet.rows`: ``index`` from
    :func:`_fill_values` plus the cells computed since (``sheet.computed``,
    their values in ``sheet.values``, none of them in ``index``): every cell
    of ``values``, rows ascending, columns ascending within a row."""
    values = sheet.values
    new_row = False
    for key in sheet.computed:
        r, c = key
        cells = index.get(r)
        if cells is None:
            index[r] = ((c, values[key]),)
            new_row = True
        elif c > cells[-1][0]:
            index[r] = cells + ((c, values[key]),)
        else:  # columns are unique within a row: values are never compared
            index[r] = tuple(sorted(cells + ((c, values[key]),)))
    sheet.set_rows(dict(sorted(index.items())) if new_row else index)


def unreadable(name: str, exc: Exception) -> DataError:
    """``err.file_unreadable`` naming the file and the reader's message."""
    return DataError("err.file_unreadable", Location(file=name), detail=f"{type(exc).__name__}: {exc}")
