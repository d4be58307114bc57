"""The guard every uploaded file passes before anything parses it.

Pure (no Streamlit). :func:`check_upload` looks at the bytes an upload
widget received and refuses, with a :class:`~kp2s_dashboard.errors.DataError`
naming the file and what to do, everything that could hurt the server or
that the readers would misread:

- a file over the size limit (default 20 MB; Streamlit's
  ``server.maxUploadSize`` in ``.streamlit/config.toml`` is set to the same
  figure, so the HTTP upload is cut off there too);
- for ``.xlsx``/``.xlsm``/``.ods`` (zip containers): too many parts, too
  many bytes once unpacked, a part compressed far more than a spreadsheet
  ever is (a zip bomb), oversized shared strings or other parts, all read
  from the zip's central directory without decompressing anything; then a
  streaming scan of each sheet's XML (bounded memory, stops at the first
  bound crossed) for rows, columns and cells over the bounds; formulas
  taking values from other workbooks (``xl/externalLinks``);
- damaged or truncated zips, password-protected (encrypted) workbooks
  (an OLE2/CFB container holding an ``EncryptionInfo`` stream), ``.xls``
  files that are not real Excel 97–2003 workbooks (a CSV, a web page or a
  PDF named ``.xls``/``.xlsx``), and the reverse (a workbook named ``.csv``);
- CSV text that is not text; UTF-8 (with or without BOM), UTF-16 (with a
  BOM, or recognisable by its zero bytes) and Windows-1252 are decoded by
  :func:`decode_text`, which says what it found.

The cell reader (:mod:`kp2s_dashboard.sheets.xlsx` through
:mod:`kp2s_dashboard.sheets.book`) calls :func:`check_zip`, :func:`scan_xlsx`
(when a cheap count says a bound may be crossed), :func:`scan_ods` and
:func:`check_extent` itself too, so files in force are bounded the same
way. Limits come from :func:`limits` (environment variables
``KP2S_UPLOAD_MAX_MB``, ``KP2S_MAX_ROWS``, ``KP2S_MAX_COLS``,
``KP2S_MAX_CELLS``, ``KP2S_MAX_UNPACKED_MB``).
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import column_index_from_string, get_column_letter

from kp2s_dashboard.errors import DataError, Location, Problem

MB = 1024 * 1024

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
SPREADSHEET_ZIPS = (".xlsx", ".xlsm", ".ods")


@dataclass(frozen=True)
class Limits:
    """Bounds applied to uploads and to the cell readers.

    Sizes in bytes. ``max_ratio`` is unpacked ÷ packed size of one zip part,
    checked for parts larger than ``ratio_floor`` unpacked (spreadsheet XML
    packs 5–30×; a zip bomb 150–1000×). ``max_cells`` counts the
    cell elements of a whole workbook (each becomes an object in the
    readers: about 400 bytes apiece, read twice for assessment workbooks).
    """

    max_bytes: int = 20 * MB
    max_entries: int = 1000
    max_unpacked: int = 64 * MB
    max_part: int = 16 * MB
    max_shared_strings: int = 8 * MB
    max_ratio: float = 100.0
    ratio_floor: int = 1 * MB
    max_rows: int = 50_000
    max_cols: int = 200
    max_cells: int = 250_000


def _env_int(name: str, default: int, scale: int = 1) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        value = int(float(raw) * scale) if raw else default
    except ValueError:
        return default
    return value if value > 0 else default


def limits() -> Limits:
    """The limits in force: :class:`Limits` defaults, overridden by the
    environment (``KP2S_UPLOAD_MAX_MB``, ``KP2S_MAX_UNPACKED_MB``,
    ``KP2S_MAX_ROWS``, ``KP2S_MAX_COLS``, ``KP2S_MAX_CELLS``; positive
    numbers, anything else is ignored)."""
    d = Limits()
    return Limits(
        max_bytes=_env_int("KP2S_UPLOAD_MAX_MB", d.max_bytes, MB),
        max_unpacked=_env_int("KP2S_MAX_UNPACKED_MB", d.max_unpacked, MB),
        max_rows=_env_int("KP2S_MAX_ROWS", d.max_rows),
        max_cols=_env_int("KP2S_MAX_COLS", d.max_cols),
        max_cells=_env_int("KP2S_MAX_CELLS", d.max_cells),
    )


@dataclass
class Checked:
    """What the guard found in an accepted upload.

    ``kind`` is the real format (``csv``, ``xlsx``, ``xls``, ``ods``);
    ``encoding`` the text encoding of a CSV (else ``None``); ``notes``
    warnings worth showing (e.g. a CSV read as Windows-1252).
    """

    name: str
    kind: str
    size: int
    encoding: str | None = None
    notes: list[Problem] = field(default_factory=list)


def _mb(n: int) -> float:
    """``n`` bytes in MB to one decimal, a number: the message writes it in the
    UI language (``1,5`` / ``1.5``, :meth:`kp2s_dashboard.errors.Problem.message`)."""
    return round(n / MB, 1)


def check_size(name: str, size: int, lim: Limits | None = None) -> None:
    """Refuse an upload of ``size`` bytes over ``lim.max_bytes``, before its
    bytes are read (pass the widget's ``UploadedFile.size``).

    Raises:
        DataError: ``err.upload_too_large`` (file, size and limit in MB).
    """
    lim = lim or limits()
    if size > lim.max_bytes:
        raise DataError("err.upload_too_large", Location(file=name), size=_mb(size), limit=_mb(lim.max_bytes))


def sniff(data: bytes) -> str:
    """The format the first bytes show: ``zip``, ``cfb`` (OLE2: ``.xls`` or
    an encrypted OOXML workbook), ``pdf``, ``html``, ``xml``, ``empty`` or
    ``text`` (anything else, decided later by :func:`decode_text`)."""
    if not data:
        return "empty"
    if data.startswith(CFB_MAGIC):
        return "cfb"
    if data[:4] in ZIP_MAGICS:
        return "zip"
    if data.startswith(b"%PDF"):
        return "pdf"
    head = data[:2048]
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(codec, "ignore").encode("ascii", "ignore")
            break
    lowered = head.lstrip().lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<head", b"<body", b"<meta")):
        return "html"
    if lowered.startswith(b"<?xml"):
        return "html" if b"<html" in lowered else "xml"
    return "text"


_LONE_CR = re.compile(r"\r(?!\n)")


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """CSV bytes as text, and the encoding found.

    Order: a BOM (UTF-8, UTF-16 LE/BE); UTF-16 without BOM when every other
    byte of the start is zero; strict UTF-8; Windows-1252 (what Excel's
    "CSV" writes on Indonesian Windows); Latin-1 for the five bytes
    Windows-1252 leaves undefined. Returns ``(text, encoding)`` with
    ``encoding`` one of ``UTF-8``, ``UTF-8 (BOM)``, ``UTF-16``,
    ``Windows-1252``, ``Latin-1``. A line ending in a lone CR (old Mac
    line ends) ends in LF in ``text``; CRLF is kept.

    Raises:
        DataError: ``err.upload_not_text`` when the result holds NUL bytes
            (binary content: not a CSV).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text, enc = data[3:].decode("utf-8", "replace"), "UTF-8 (BOM)"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, enc = data.decode("utf-16", "replace"), "UTF-16"
    elif _looks_utf16(data):
        codec = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        text, enc = data.decode(codec, "replace"), "UTF-16"
    else:
        try:
            text, enc = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            try:
                text, enc = data.decode("cp1252"), "Windows-1252"
            except UnicodeDecodeError:
                text, enc = data.decode("latin-1"), "Latin-1"
    if "\x00" in text:
        raise DataError("err.upload_not_text", Location(file=name), encoding=enc)
    if "\r" in text:
        # old Mac line ends (a lone CR, as some exports still write them): the readers split lines at LF only
        text = _LONE_CR.sub("\n", text)
    return text, enc


def iter_lines(text: str):
    """The lines of ``text`` one at a time, each with its ``\\n`` (what
    ``csv.reader`` expects), without copying the text: ``io.StringIO(text)``
    holds four bytes per character (76 MB for a 19 MB CSV) and
    ``text.splitlines()`` one object per line."""
    start, end = 0, len(text)
    while start < end:
        stop = text.find("\n", start)
        if stop < 0:
            yield text[start:]
            return
        yield text[start:stop + 1]
        start = stop + 1


def check_csv_extent(text: str, name: str, lim: Limits | None = None) -> None:
    """Refuse CSV text with more records, fields or cells than the bounds,
    counting records as ``csv.reader`` splits them (quoted line breaks
    included) with the delimiter the reader will use, one record at a time:
    a 19 MB CSV of 900,000 rows is refused after 50,001 records, before any
    reader builds a cell (measured: +147 MB and 4.4 s before, +19 MB and
    0.6 s after: the decoded text).

    Raises:
        DataError: ``err.sheet_rows``, ``err.sheet_cols``, ``err.sheet_cells``
            (file named), as the cell reader raises them.
    """
    import csv

    from kp2s_dashboard.sheets.cells import detect_delimiter

    lim = lim or limits()
    cells = 0
    try:
        for r, record in enumerate(csv.reader(iter_lines(text), delimiter=detect_delimiter(text)), start=1):
            check_extent(name, None, r, len(record), lim)
            cells += len(record)
            if cells > lim.max_cells:
                raise DataError("err.sheet_cells", Location(file=name), limit=lim.max_cells)
    except csv.Error:
        return  # the reader reports what is wrong with it, with its row


def _looks_utf16(data: bytes) -> bool:
    head = data[:4096]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return (odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even)) or (
        even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd))


def check_upload(name: str, data: bytes, lim: Limits | None = None,
                 suffixes: tuple[str, ...] = (".csv", ".xlsx", ".xlsm", ".xls", ".ods")) -> Checked:
    """Check an upload's bytes before any parser sees them.

    Args:
        name: the upload's file name (its suffix says what the user thinks it is).
        data: the bytes.
        lim: limits (default :func:`limits`).
        suffixes: suffixes this widget accepts.

    Returns:
        :class:`Checked` (real kind, CSV encoding, notes).

    Raises:
        DataError: naming the file and what to do, with key
            ``err.file_format`` (suffix not accepted), ``err.upload_too_large``,
            ``err.upload_empty``, ``err.upload_encrypted``,
            ``err.upload_is_<kind>`` (the content is another format than the
            name says: ``csv``, ``xls``, ``xlsx``, ``ods``, ``pdf``, ``html``,
            ``xml``, ``zip``, ``binary``), ``err.upload_corrupt``,
            ``err.upload_zip_entries``, ``err.upload_zip_unpacked``,
            ``err.upload_zip_ratio``, ``err.upload_part_size``,
            ``err.upload_shared_strings``, ``err.upload_external_links``,
            ``err.sheet_rows``, ``err.sheet_cols``, ``err.sheet_cells``,
            ``err.upload_not_text``.
    """
    lim = lim or limits()
    suffix = Path(name).suffix.lower()
    loc = Location(file=name)
    if suffix not in suffixes:
        raise DataError("err.file_format", loc, suffix=suffix or "?", expected=", ".join(suffixes))
    check_size(name, len(data), lim)
    found = sniff(data)
    if found == "empty":
        raise DataError("err.upload_empty", loc)
    if found in ("pdf", "html", "xml"):
        raise DataError(f"err.upload_is_{found}", loc, suffix=suffix)
    if found == "cfb":
        kind = _cfb_kind(data)
        if kind == "encrypted":
            raise DataError("err.upload_encrypted", loc)
        if kind != "xls":
            raise DataError("err.upload_is_binary", loc, suffix=suffix)
        if suffix != ".xls":
            raise DataError("err.upload_is_xls", loc, suffix=suffix)
        _check_xls(data, name)
        return Checked(name=name, kind="xls", size=len(data))
    if found == "zip":
        kind = check_zip(data, name, lim)
        if suffix == ".csv" or suffix == ".xls" or (kind == "ods") != (suffix == ".ods"):
            raise DataError(f"err.upload_is_{kind}", loc, suffix=suffix)
        if kind == "xlsx":
            scan_xlsx(io.BytesIO(data), name, lim)
        else:
            scan_ods(io.BytesIO(data), name, lim)
        return Checked(name=name, kind=kind, size=len(data))
    # text
    if suffix != ".csv":
        text_kind = "csv"
        try:
            decode_text(data[:65536], name)
        except DataError:
            text_kind = "binary"
        raise DataError(f"err.upload_is_{text_kind}", loc, suffix=suffix)
    text, enc = decode_text(data, name)
    check_csv_extent(text, name, lim)
    del text
    notes = []
    if enc in ("UTF-16", "Windows-1252", "Latin-1"):
        notes.append(Problem(key="warn.csv_encoding", params={"encoding": enc}, location=loc, severity="warning"))
    return Checked(name=name, kind="csv", size=len(data), encoding=enc, notes=notes)


# -- OLE2 / CFB ------------------------------------------------------------------------------
def _cfb_kind(data: bytes) -> str:
    """``encrypted`` (an OOXML workbook saved with a password: the CFB holds
    ``EncryptionInfo`` and ``EncryptedPackage``), ``xls`` (a ``Workbook`` or
    ``Book`` stream) or ``other`` (e.g. a Word 97 document).

    Looks for the stream names (UTF-16LE in the directory sectors) in the
    bytes; no CFB parser is needed to tell these apart."""
    def has(stream: str) -> bool:
        return stream.encode("utf-16-le") + b"\x00\x00" in data

    if has("EncryptionInfo") or has("EncryptedPackage"):
        return "encrypted"
    if has("Workbook") or has("Book"):
        return "xls"
    return "other"


def _check_xls(data: bytes, name: str) -> None:
    """Open an ``.xls`` on demand (the workbook globals only, not the
    sheets) to see that it is readable and not encrypted."""
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise DataError("err.upload_encrypted", Location(file=name)) from None
        raise DataError("err.upload_corrupt", Location(file=name)) from None
    except Exception:
        raise DataError("err.upload_corrupt", Location(file=name)) from None
    book.release_resources()


# -- zip containers ---------------------------------------------------------------------------
def check_zip(data: bytes | io.BytesIO | str | Path, name: str, lim: Limits | None = None) -> str:
    """Check a zip container from its central directory only (nothing is
    decompressed) and say what it holds: ``xlsx`` (also ``.xlsm``),
    ``ods``, ``docx`` (another Office document) or ``zip``.

    Raises:
        DataError: ``err.upload_corrupt`` (damaged or cut off),
            ``err.upload_zip_entries``, ``err.upload_zip_unpacked``,
            ``err.upload_zip_ratio``, ``err.upload_part_size``,
            ``err.upload_shared_strings``, ``err.upload_external_links``.
    """
    lim = lim or limits()
    loc = Location(file=name)
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    try:
        with zipfile.ZipFile(source) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError):
        raise DataError("err.upload_corrupt", loc) from None
    if len(infos) > lim.max_entries:
        raise DataError("err.upload_zip_entries", loc, n=len(infos), limit=lim.max_entries)
    total = sum(i.file_size for i in infos)
    if total > lim.max_unpacked:
        raise DataError("err.upload_zip_unpacked", loc, size=_mb(total), limit=_mb(lim.max_unpacked))
    names = {i.filename for i in infos}
    for info in infos:
        if info.file_size > lim.ratio_floor and info.file_size > lim.max_ratio * max(info.compress_size, 1):
            raise DataError("err.upload_zip_ratio", loc, part=info.filename,
                            ratio=int(info.file_size / max(info.compress_size, 1)), limit=int(lim.max_ratio))
        lower = info.filename.lower()
        if lower.endswith("sharedstrings.xml") and info.file_size > lim.max_shared_strings:
            raise DataError("err.upload_shared_strings", loc, size=_mb(info.file_size),
                            limit=_mb(lim.max_shared_strings))
        if info.file_size > lim.max_part and not _is_sheet_part(lower):
            raise DataError("err.upload_part_size", loc, part=info.filename, size=_mb(info.file_size),
                            limit=_mb(lim.max_part))
    if "xl/workbook.xml" in names or any(n.lower() == "xl/workbook.xml" for n in names):
        links = sorted(n for n in names if n.lower().startswith("xl/externallinks/") and n.lower().endswith(".xml"))
        if links:
            raise DataError("err.upload_external_links", loc, n=len(links))
        return "xlsx"
    if "mimetype" in names or "content.xml" in names:
        try:
            with zipfile.ZipFile(source) as zf:
                mime = zf.read("mimetype")[:200] if "mimetype" in names else b""
        except Exception:
            raise DataError("err.upload_corrupt", loc) from None
        if b"spreadsheet" in mime or (not mime and "content.xml" in names):
            return "ods"
        return "docx"
    if "[Content_Types].xml" in names:
        return "docx"
    return "zip"


def _is_sheet_part(lower: str) -> bool:
    return lower.startswith("xl/worksheets/") or lower == "content.xml"


#: a row or cell start tag; group 3 is set when the cell closes at once
#: (``<c r="AZ9" s="1"></c>``: a styled empty cell, as openpyxl writes it).
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s>/])([^>]*)>(</(?:[A-Za-z_][\w.-]*:)?c>)?")
_REF = re.compile(rb'\br="([A-Za-z]{1,4})?(\d+)"')
_CHUNK = 1 << 20


def _stream_tags(handle, pattern: re.Pattern):
    """Matches of ``pattern`` in a binary stream read in 1 MB chunks (a tag
    cut by a chunk end is read whole with the next chunk)."""
    tail = b""
    while True:
        chunk = handle.read(_CHUNK)
        if not chunk:
            break
        buf = tail + chunk
        cut = buf.rfind(b"<")
        if cut > 0 and buf[cut:cut + 2] == b"</":  # keep a start tag with its closing tag
            cut = max(buf.rfind(b"<", 0, cut), 0)
        if cut < 0:
            tail = b""
            body = buf
        else:
            body, tail = buf[:cut], buf[cut:]
            if len(tail) > _CHUNK:  # a single tag over 1 MB: not a spreadsheet
                body, tail = buf, b""
        yield from pattern.finditer(body)
    if tail:
        yield from pattern.finditer(tail)


def scan_xlsx(source, name: str, lim: Limits | None = None, skip_unreadable: bool = False) -> None:
    """Stream every worksheet's XML (never holding more than a few MB) and
    refuse the workbook at the first bound crossed: a value below row
    ``max_rows``, right of column ``max_cols``, or more than ``max_cells``
    cell elements in the workbook. Styled empty cells (``<c r=".." s=".."/>``)
    count as cells but do not extend the rows and columns read.

    Args:
        source: a path or a binary file object of an ``.xlsx``/``.xlsm``.
        skip_unreadable: return quietly when the zip cannot be read (the
            reader that calls this then reports the file as unreadable).

    Raises:
        DataError: ``err.sheet_rows``, ``err.sheet_cols`` (file and sheet
            named), ``err.sheet_cells``; ``err.upload_corrupt`` when the zip
            or a part cannot be read.
    """
    from kp2s_dashboard.sheets.xlsxcache import _sheet_paths

    lim = lim or limits()
    loc = Location(file=name)
    cells = 0
    try:
        with zipfile.ZipFile(source) as zf:
            parts = _sheet_paths(zf)
            names = set(zf.namelist())
            for title, member in parts.items():
                if member not in names:
                    continue
                sheet_loc = Location(file=name, sheet=title)
                row = col = 0
                with zf.open(member) as handle:
                    for match in _stream_tags(handle, _TAG):
                        tag, attrs = match.group(1), match.group(2)
                        ref = _REF.search(attrs)
                        if tag == b"row":
                            row = int(ref.group(2)) if ref else row + 1
                            col = 0
                            continue
                        cells += 1
                        if ref:
                            col = column_index_from_string(ref.group(1).decode().upper()) if ref.group(1) else col + 1
                            row = int(ref.group(2)) if ref.group(2) else row
                        else:
                            col += 1
                        if cells > lim.max_cells:
                            raise DataError("err.sheet_cells", sheet_loc, limit=lim.max_cells)
                        if attrs.endswith(b"/") or match.group(3):
                            continue  # empty (styled) cell: not read as a value
                        check_extent(name, title, row, col, lim)
    except DataError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, KeyError, ValueError, zlib_error()):
        if skip_unreadable:
            return
        raise DataError("err.upload_corrupt", loc) from None


def zlib_error():
    import zlib

    return zlib.error


_ODS_TAG = re.compile(rb"<table:(table|table-row|table-cell|covered-table-cell)(?=[\s>/])([^>]*)>")
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_ODS_ROWS = re.compile(rb'table:number-rows-repeated="(\d+)"')
_ODS_COLS = re.compile(rb'table:number-columns-repeated="(\d+)"')


def scan_ods(source, name: str, lim: Limits | None = None, skip_unreadable: bool = False) -> None:
    """Stream ``content.xml`` of an ``.ods`` and refuse a sheet whose cells
    with content (repeats expanded: ``table:number-rows-repeated``,
    ``number-columns-repeated``) go past the bounds.

    Raises:
        DataError: as :func:`scan_xlsx`.
    """
    from xml.sax.saxutils import unescape

    lim = lim or limits()
    cells = 0
    try:
        with zipfile.ZipFile(source) as zf, zf.open("content.xml") as handle:
            title, row, col, repeat_rows = "?", 0, 0, 1
            for match in _stream_tags(handle, _ODS_TAG):
                tag, attrs = match.group(1), match.group(2)
                if tag == b"table":
                    found = _ODS_NAME.search(attrs)
                    title = unescape(found.group(1).decode("utf-8", "replace")) if found else "?"
                    row, col, repeat_rows = 0, 0, 1
                elif tag == b"table-row":
                    found = _ODS_ROWS.search(attrs)
                    row += repeat_rows  # the previous row's repeats
                    repeat_rows = int(found.group(1)) if found else 1
                    col = 0
                else:
                    found = _ODS_COLS.search(attrs)
                    repeat = int(found.group(1)) if found else 1
                    start = col + 1
                    col += repeat
                    if b"value-type" not in attrs:
                        continue  # empty cell (possibly repeated to the sheet's edge): no value type
                    cells += repeat * repeat_rows
                    if cells > lim.max_cells:
                        raise DataError("err.sheet_cells", Location(file=name, sheet=title), limit=lim.max_cells)
                    check_extent(name, title, row + repeat_rows - 1, max(col, start), lim)
    except DataError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, KeyError, ValueError, zlib_error()):
        if skip_unreadable:
            return
        raise DataError("err.upload_corrupt", Location(file=name)) from None


def check_quotes_closed(text: str, delimiter: str, records: int, last: list[str], name: str) -> None:
    """Refuse CSV text whose last quote is never closed. Python's ``csv``
    reader (not strict) then reads the rest of the file into one field of
    the record where the quote opened: every record after it would be lost
    without a word. Checked only when the last record (``last``, the
    ``records``-th) has a field holding a line break, by parsing again in
    strict mode, which stops with "unexpected end of data" in exactly that
    case.

    Raises:
        DataError: ``err.csv_quote_unclosed`` naming the file and the record
            (``row``) where the quote opened.
    """
    import csv

    if not any("\n" in field or "\r" in field for field in last):
        return
    try:
        for _record in csv.reader(iter_lines(text), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise DataError("err.csv_quote_unclosed", Location(file=name, row=records)) from None


def check_extent(name: str, sheet: str | None, row: int, col: int, lim: Limits | None = None) -> None:
    """Refuse a value at (``row``, ``col``) (1-based) beyond the bounds.

    Raises:
        DataError: ``err.sheet_rows`` / ``err.sheet_cols`` with file and
            sheet (``None`` for a CSV) and the limit.
    """
    lim = lim or limits()
    if row > lim.max_rows:
        raise DataError("err.sheet_rows", Location(file=name, sheet=sheet), limit=lim.max_rows)
    if col > lim.max_cols:
        raise DataError("err.sheet_cols", Location(file=name, sheet=sheet), column=get_column_letter(min(col, 16384)),
                        limit=lim.max_cols, last=get_column_letter(lim.max_cols))
