"""Store cached values for formula cells of an ``.xlsx`` written by openpyxl.

openpyxl writes formulas without a cached value (``<f>SUM(C5:J5)</f><v/>``),
so a reader that does not compute formulas sees an empty cell. Excel and
LibreOffice store the last computed value next to the formula. The demo
workbooks and the tests need files of both kinds; :func:`set_cached_values`
writes the values into the sheet XML inside the zip, exactly where Excel
keeps them, and leaves every other part of the file untouched.
"""

from __future__ import annotations

import posixpath
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

_NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → path of its XML part inside the zip."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    targets = {}
    for match in re.finditer(r"<Relationship\b([^>]*)/?>", rels):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
        if "Id" in attrs and "Target" in attrs:
            target = attrs["Target"]
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[attrs["Id"]] = target
    out = {}
    for match in re.finditer(r"<sheet\b([^>]*)/?>", workbook):
        attrs = dict(re.findall(r'([\w:]+)="([^"]*)"', match.group(1)))
        rid = attrs.get("r:id")
        if rid in targets:
            name = attrs["name"].replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            out[name] = targets[rid]
    return out


def set_cached_values(
    path: str | Path,
    values: dict[str, dict[str, object]],
    date_time: tuple[int, int, int, int, int, int] | None = None,
) -> None:
    """Write ``values[sheet][cell]`` as the cached value of formula cells.

    Args:
        path: an ``.xlsx`` file written by openpyxl; changed in place.
        values: sheet name → {A1 cell → number or text}.
        date_time: when given, every zip entry and the document's
            "modified" property get this timestamp, so the same input gives
            a byte-identical file.

    Raises:
        KeyError: an unknown sheet, or a cell that is not a formula cell
            in the file (so a typo cannot pass unnoticed).
    """
    path = Path(path)
    with zipfile.ZipFile(path) as archive:
        parts = _sheet_paths(archive)
        contents = {name: archive.read(name) for name in archive.namelist()}
        infos = {info.filename: info for info in archive.infolist()}
    for sheet, cells in values.items():
        if sheet not in parts:
            raise KeyError(f"no sheet {sheet!r}")
        part = parts[sheet]
        xml = contents[part].decode("utf-8")
        for cell, value in cells.items():
            pattern = re.compile(rf'<c r="{cell}"([^>]*)>(<f>.*?</f>|<f\b[^>]*>.*?</f>|<f\b[^>]*/>)(?:<v\s*/>|<v>.*?</v>)?</c>', re.S)
            match = pattern.search(xml)
            if match is None:
                raise KeyError(f"{sheet}!{cell} is not a formula cell")
            attrs = re.sub(r'\s+t="[^"]*"', "", match.group(1))
            if isinstance(value, str):
                attrs += ' t="str"'
                text = escape(value)
            elif isinstance(value, bool):
                attrs += ' t="b"'
                text = "1" if value else "0"
            else:
                text = repr(float(value)) if not float(value).is_integer() else str(int(value))  # type: ignore[arg-type]
            replacement = f'<c r="{cell}"{attrs}>{match.group(2)}<v>{text}</v></c>'
            xml = xml[: match.start()] + replacement + xml[match.end():]
        contents[part] = xml.encode("utf-8")
    if date_time is not None and "docProps/core.xml" in contents:
        stamp = "%04d-%02d-%02dT%02d:%02d:%02dZ" % date_time
        core = contents["docProps/core.xml"].decode("utf-8")
        core = re.sub(r"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{stamp}\g<2>", core)
        contents["docProps/core.xml"] = core.encode("utf-8")
    with tempfile.NamedTemporaryFile(delete=False, dir=path.parent, suffix=".xlsx") as handle:
        tmp = Path(handle.name)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in contents.items():
                info = infos[name]
                if date_time is not None:
                    info = zipfile.ZipInfo(name, date_time=date_time)
                out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        shutil.move(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
