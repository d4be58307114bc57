"""Downloads and user-file checks: bytes in, bytes or tables out. No Streamlit.

Every table download carries where its figures come from and when it was
exported: the XLSX gets an extra sheet ``Keterangan`` (``Notes`` in English),
the CSV two closing lines that start with ``Sumber``/``Source`` and
``Keterangan``/``Note``, after one ``Catatan``/``Note`` line per note
(the project's own prevalence reader skips such footnote rows, so a
downloaded CSV can be checked again on the Data page).

No download carries a live formula (OWASP "CSV injection"): every text cell
and header that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return (:data:`FORMULA_TRIGGERS`) is written as inert text — in a CSV with a
single quote in front (``'=HYPERLINK(…)``, ``'-3 SD <= HAZ < -2 SD``; also a
part after a ``;``, the list separator Excel splits a CSV on in Indonesia), in an
XLSX as a string cell with Excel's "quote prefix" (the cell shows the text
unchanged and no spreadsheet evaluates it; openpyxl on its own would store a
string beginning with ``=`` as a formula). Numbers stay numbers: a negative
number is not text, and a text that is only a number (``-3``, ``+1,5``)
cannot carry a formula and is left as it is. Every table writer of the app
(:func:`to_csv_bytes`, :func:`to_xlsx_bytes`) applies this, and every
download button goes through them.

Static images of plotly figures (PNG, SVG) need a Chrome/Chromium that
kaleido drives (:func:`image_engine`); without one, :func:`figure_image`
raises :class:`ImageEngineError` and callers fall back (the PowerPoint
export then uses native charts only). No browser is ever downloaded here.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from kp2s_dashboard import i18n, paths
from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.i18n import fmt_date, t
from kp2s_dashboard.prevalence.upload import check_prevalence_upload  # noqa: F401  (the Data page calls it here)

#: Names tried on ``PATH`` for the image engine, in order.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "chrome")
#: Image formats :func:`figure_image` writes.
IMAGE_FORMATS = ("png", "svg")
_MIME = {"png": "image/png", "svg": "image/svg+xml"}

#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: A text that is only a number (sign, digits, one decimal mark, exponent): no formula can hide in it.
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


class ImageEngineError(KP2SError, RuntimeError):
    """No browser engine for static images (``exp.err.no_engine``), or the
    engine failed to draw a figure (``exp.err.render_failed`` with
    ``detail``)."""


# -----------------------------------------------------------------------------
# dates and source lines
# -----------------------------------------------------------------------------
def exported_line(day: _dt.date | None = None, lang: str = i18n.DEFAULT_LANGUAGE) -> str:
    """``Diekspor 30 November 2025 dari KP2S Dashboard`` (today by default)."""
    return t("exp.exported_on", lang, date=fmt_date(day or _dt.date.today(), lang))


def source_urls(frame: pd.DataFrame) -> list[str]:
    """The distinct non-empty links in ``frame``'s source-link column (any
    language's header, or ``source_url``), in order of appearance."""
    names = {"source_url"} | {t("col.source_url", lang) for lang in i18n.LANGUAGES}
    out: list[str] = []
    for column in frame.columns:
        if str(column) in names:
            for value in frame[column].dropna().astype(str):
                value = value.strip()
                if value and value not in out:
                    out.append(value)
    return out


def about_frame(
    frames: dict[str, pd.DataFrame],
    lang: str = i18n.DEFAULT_LANGUAGE,
    *,
    sources: Iterable[str] = (),
    notes: Iterable[str] = (),
    exported: _dt.date | None = None,
) -> pd.DataFrame:
    """The ``Keterangan`` sheet: what the workbook holds, where its figures
    come from, and when it was exported.

    Returns two ``str`` columns (``Keterangan``/``Item`` and ``Isi``/``Value``):
    one row per table (sheet name and row count), the export date, each
    line of ``notes`` (e.g. "Data contoh — bukan hasil resmi"), each of
    ``sources`` (free text) and then every distinct link found in the
    tables' source-link columns.
    """
    rows: list[tuple[str, str]] = [(t("exp.about_app", lang), t("exp.about_app_value", lang))]
    rows.append((t("exp.about_exported", lang), fmt_date(exported or _dt.date.today(), lang)))
    for name, frame in frames.items():
        rows.append((t("exp.about_table", lang), t("exp.about_table_value", lang, name=name, n=len(frame))))
    for note in notes:
        rows.append((t("exp.about_note", lang), str(note)))
    for source in sources:
        rows.append((t("exp.about_source", lang), str(source)))
    seen = set()
    for frame in frames.values():
        for url in source_urls(frame):
            if url not in seen:
                seen.add(url)
                rows.append((t("exp.about_link", lang), url))
    if not seen and not list(sources):
        rows.append((t("exp.about_source", lang), t("exp.about_source_default", lang)))
    return pd.DataFrame(rows, columns=[t("exp.about_col_item", lang), t("exp.about_col_value", lang)], dtype="str")


# -----------------------------------------------------------------------------
# formula safety
# -----------------------------------------------------------------------------
def formula_like(value: object) -> bool:
    """Whether a spreadsheet could read ``value`` as a formula: a ``str``
    starting with one of :data:`FORMULA_TRIGGERS` that is not just a number
    (``-3`` and ``+1,5`` are numbers, ``-3 SD`` and ``=1+1`` are not).
    Anything that is not a ``str`` (numbers, dates, missing) is never."""
    return (isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)
            and _PLAIN_NUMBER.fullmatch(value) is None)


def safe_text(value: object) -> object:
    """``value`` made inert for a CSV cell: a :func:`formula_like` text gets
    a single quote in front (``'=HYPERLINK("http://x","klik")``); every
    other value is returned unchanged (numbers stay numbers).

    So does each part of a text after a semicolon that starts with one of
    :data:`FORMULA_TRIGGERS` (after any double quotes), a number too: Excel
    opens a CSV with the list separator of the computer's region, ``;`` in
    Indonesia, where ``Tapin;=cmd|' /C calc'!A0`` is two cells, the second
    a formula (written ``Tapin;'=cmd|' /C calc'!A0``), and such a cell runs
    on into the next fields of the line (``1;-2`` is written ``1;'-2``).
    ``a; -3 SD`` stays as it is."""
    if not isinstance(value, str):
        return value
    text = "'" + value if formula_like(value) else value
    if ";" in text:
        head, *parts = text.split(";")
        text = ";".join([head, *("'" + p if p.lstrip('"').startswith(FORMULA_TRIGGERS) else p for p in parts)])
    return text


def _needs_quote(value: object) -> bool:
    """Whether :func:`safe_text` changes ``value``."""
    return isinstance(value, str) and safe_text(value) != value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose headers and text cells went through
    :func:`safe_text`. Only cells holding a ``str`` change; number, date
    and boolean columns, and numbers inside text columns, keep their
    values and dtypes."""
    out = frame.copy()
    out.columns = [safe_text(c) for c in out.columns]
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)
        elif not (column.dtype == object or pd.api.types.is_string_dtype(column.dtype)):
            continue
        if column.map(_needs_quote, na_action="ignore").fillna(False).astype(bool).any():
            out.isetitem(i, column.map(safe_text, na_action="ignore"))
    return out


def _xml_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (a copy when something changes) with every text cell and
    header through :func:`kp2s_dashboard.safetext.xml_text`."""
    from kp2s_dashboard import safetext

    out = None
    for i in range(frame.shape[1]):
        column = frame.iloc[:, i]
        if not (column.dtype == object or pd.api.types.is_string_dtype(column.dtype)):
            continue
        cleaned = column.map(safetext.xml_text, na_action="ignore")
        if not cleaned.equals(column):
            out = frame.copy() if out is None else out
            out.isetitem(i, cleaned)
    headers = [safetext.xml_text(c) for c in frame.columns]
    if headers != list(frame.columns):
        out = frame.copy() if out is None else out
        out.columns = headers
    return frame if out is None else out


def inert_cells(ws) -> int:
    """Make every text cell of an openpyxl sheet that a spreadsheet could
    evaluate (:func:`formula_like`, or stored as a formula) a string cell
    with the quote prefix. Returns how many cells changed. Only for sheets
    that hold data, not formulas of their own (a template's ``=SUM`` would
    become text)."""
    changed = 0
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and (cell.data_type == "f" or formula_like(cell.value)):
                cell.data_type = "s"
                cell.quotePrefix = True
                changed += 1
    return changed


# -----------------------------------------------------------------------------
# tables
# -----------------------------------------------------------------------------
def to_csv_bytes(
    frame: pd.DataFrame,
    lang: str = i18n.DEFAULT_LANGUAGE,
    *,
    sources: Iterable[str] = (),
    notes: Iterable[str] = (),
    exported: _dt.date | None = None,
) -> bytes:
    """``frame`` as UTF-8 CSV with a BOM (so Excel opens accents right),
    comma separated, CRLF line ends, dot decimals, no index, then an empty line and the
    footnote lines: one ``Catatan: …`` per item of ``notes`` (e.g. "Data
    contoh — bukan hasil resmi"), ``Sumber: …`` (``sources``, else the links
    in the frame's source-link column, else a pointer to the Data page) and
    ``Keterangan: Diekspor … dari KP2S Dashboard``.

    Headers and text cells are written formula-safe (:func:`safe_frame`)."""
    # CRLF line ends (RFC 4180): the writer then quotes a field holding a lone CR, which readers split on otherwise.
    body = safe_frame(frame).to_csv(index=False, lineterminator="\r\n")
    given = [str(s) for s in sources]
    urls = given or source_urls(frame)
    source_text = "; ".join(urls) if urls else t("exp.about_source_default", lang)
    lines = [t("exp.csv_extra_note", lang, note=str(note)) for note in notes]
    lines += [t("exp.csv_source", lang, sources=source_text),
              t("exp.csv_note", lang, exported=exported_line(exported, lang))]
    tail = safe_frame(pd.DataFrame({"x": lines})).to_csv(index=False, header=False, lineterminator="\r\n")
    return (body + "\r\n" + tail).encode("utf-8-sig")


def to_xlsx_bytes(
    frames: dict[str, pd.DataFrame],
    lang: str = i18n.DEFAULT_LANGUAGE,
    *,
    sources: Iterable[str] = (),
    notes: Iterable[str] = (),
    exported: _dt.date | None = None,
) -> bytes:
    """An .xlsx workbook with one sheet per item of ``frames`` (sheet names
    cut to Excel's 31 characters), header row frozen, columns sized, and a
    last sheet ``Keterangan`` (``Notes``) from :func:`about_frame` (with
    ``sources``, ``notes`` and the export date). Every sheet prints one page
    wide with its header row repeated on each page, across (landscape) when
    its columns are wider than :data:`PORTRAIT_MAX_WIDTH` characters.

    Numbers are number cells; every text cell is a string cell, never a
    formula, and one a spreadsheet could evaluate (:func:`formula_like`)
    carries the quote prefix (shown unchanged, never evaluated). Characters
    XML cannot hold (a control character from a file) are replaced
    (:func:`kp2s_dashboard.safetext.xml_text`)."""
    sources, notes = list(sources), list(notes)
    buffer = io.BytesIO()
    about_name = t("exp.about_sheet", lang)
    sheets = dict(frames)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in [*sheets.items(), (about_name, about_frame(frames, lang, sources=sources, notes=notes,
                                                                      exported=exported))]:
            sheet = name[:31]
            frame = _xml_frame(frame)  # a control character from a file would make openpyxl refuse the workbook
            frame.to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            inert_cells(ws)
            ws.freeze_panes = "A2"
            total = 0
            for i, col in enumerate(frame.columns, start=1):
                width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200)])
                width = min(max(width + 2, 8), 60)
                ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = width
                total += width
            _print_setup(ws, landscape=total > PORTRAIT_MAX_WIDTH)
    return buffer.getvalue()


#: Column widths (characters, as sized by :func:`to_xlsx_bytes`) that still
#: print upright on A4; a wider sheet prints across.
PORTRAIT_MAX_WIDTH = 90


def _print_setup(ws, *, landscape: bool) -> None:
    """Print ``ws`` one page wide (as many pages down as needed) with row 1
    repeated on every page; across when ``landscape``."""
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if landscape:
        ws.page_setup.orientation = "landscape"
    ws.print_title_rows = "1:1"


# -----------------------------------------------------------------------------
# static images
# -----------------------------------------------------------------------------
def image_engine() -> str | None:
    """Path of the browser kaleido drives for static images, or ``None``.

    Looks at ``KP2S_BROWSER`` then ``BROWSER_PATH`` (kaleido's own variable)
    and then for :data:`BROWSER_NAMES` on ``PATH`` (Debian's ``chromium``
    package installs ``/usr/bin/chromium``). ``None`` also when kaleido is
    not installed. Never downloads a browser.
    """
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return None
    for variable in ("KP2S_BROWSER", "BROWSER_PATH"):
        value = os.environ.get(variable)
        if value:
            return value if Path(value).is_file() and os.access(value, os.X_OK) else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def image_mime(fmt: str) -> str:
    """MIME type of an image format of :data:`IMAGE_FORMATS`."""
    return _MIME[fmt]


def figure_image(fig, fmt: str = "png", *, width: int = 1600, height: int = 900, scale: float = 1.0,
                 timeout: float = 90.0) -> bytes:
    """A plotly figure as PNG or SVG bytes, drawn by kaleido in the browser
    of :func:`image_engine`.

    Maps need the world topology plotly.js asks for even with the base map
    hidden; the engine is pointed at the app's ``static/`` folder (the same
    empty topology the pages use), so no internet is needed. MathJax is off.

    Args:
        fig: a ``go.Figure`` (or its dict).
        fmt: ``"png"`` or ``"svg"``.
        width, height: size in layout pixels; ``scale`` multiplies the PNG's
            pixels (2 gives a sharp 3200×1800 image for 1600×900).
        timeout: seconds before kaleido gives up.

    Raises:
        ImageEngineError: no engine (``exp.err.no_engine``) or drawing
            failed (``exp.err.render_failed``).
        ValueError: an unknown ``fmt``.
    """
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"fmt must be one of {IMAGE_FORMATS}")
    browser = image_engine()
    if browser is None:
        raise ImageEngineError("exp.err.no_engine")
    import kaleido

    spec = fig.to_plotly_json() if hasattr(fig, "to_plotly_json") else dict(fig)
    try:
        data = kaleido.calc_fig_sync(
            spec,
            opts={"format": fmt, "width": int(width), "height": int(height), "scale": float(scale)},
            topojson=paths.STATIC_DIR.as_uri() + "/",
            kopts={"mathjax": False, "path": browser, "timeout": timeout},
        )
    except Exception as exc:  # kaleido/choreographer raise many kinds; the user needs one message
        raise ImageEngineError("exp.err.render_failed", detail=f"{type(exc).__name__}: {exc}") from None
    if isinstance(data, str):
        data = data.encode("utf-8")
    return bytes(data)
