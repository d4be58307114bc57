"""Finding tables in assessment sheets and telling their layout apart.

Three layouts are recognised (kp2s_framework.md §3):

``rekap``
    districts down (a ``Kabupaten/Kota`` column); ``Aksi 1`` … ``Aksi 8``
    and/or component columns (``Dokumen``, ``Paparan`` …, possibly split per
    panelist ``P1``, ``P2``) across; ``Jumlah``/``Total``, ``Rata-rata``,
    ``Nilai Akhir``, ``Peringkat``.
``matrix``
    like the national form: indicators down (codes ``1,1`` … ``1,10``),
    districts across under merged headers with ``Nilai | Keterangan`` pairs.
``assessor``
    one table per panelist (and district): ``No | Aksi | Indikator | Skor |
    Bobot | Nilai | Catatan``; district and panelist come from the title
    block (``Kabupaten/Kota : …``, ``Nama Penilai : …``) or the sheet name.

A table starts at its *key row* (the row holding ``Indikator`` or the
district column header) and its header band may reach two rows up (group
labels, district names over ``Nilai | Keterangan``) and three rows down
(sub-headers, a ``(1) (2) (3)`` numbering row). Headers merged over several
columns or rows give every covered column the same label. This module only
finds and describes tables; :mod:`kp2s_dashboard.assessment.loaders`
reads their rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any

from kp2s_dashboard.sheets.grid import Sheet, a1
from kp2s_dashboard.assessment.instruments import Instrument, Scale, range_scale
from kp2s_dashboard.assessment.values import (
    header_action,
    header_assessor,
    header_kind,
    header_range,
    header_weight,
    is_district_header,
    norm,
)
from kp2s_dashboard.errors import RegionNotFoundError
from kp2s_dashboard.regions import registry

INDICATOR_WORDS = ("indikator", "uraian indikator", "indikator kinerja", "nama indikator", "indikator penilaian")
SCORE_WORDS = ("skor", "score", "skor penilaian", "nilai skor")
WEIGHT_WORDS = ("bobot", "bobot (%)", "weight")
VALUE_WORDS = ("nilai", "nilai (skor x bobot)", "skor x bobot", "nilai tertimbang", "hasil")
CODE_WORDS = ("kode", "kode indikator", "no indikator", "no. indikator")
AKSI_WORDS = ("aksi", "aksi konvergensi", "nama aksi")
IGNORE_WORDS = (
    "kriteria", "rubrik", "kriteria penilaian", "bukti dukung", "data dukung", "dokumen pendukung",
    "link", "tautan", "sumber", "definisi operasional", "cara penilaian", "verifikasi", "bukti",
)


@dataclass
class Column:
    """One column of a table and what it holds.

    ``role``: ``district`` (names of districts), ``no``, ``code`` (indicator
    codes), ``text`` (indicator text), ``aksi`` (action labels), ``score``,
    ``weight`` (Bobot), ``weighted`` (Nilai = Skor × Bobot), ``note``,
    ``total`` (a total the file states; ``kind`` says which), ``ignore``
    (known, not needed) or ``unknown``.
    """

    col: int
    path: tuple[str, ...]
    role: str
    header_cell: str
    kind: str | None = None
    action: int | None = None
    component: str | None = None
    assessor: str | None = None
    district: str | None = None
    district_error: tuple[str, str, str] | None = None  # (value, suggestions, cell)
    scale: Scale | None = None
    weight: float | None = None
    weight_source: str | None = None


@dataclass
class Table:
    """A table found in a sheet; rows are 1-based, ``end`` is the last row
    that may belong to it (the row before the next table or the sheet end)."""

    sheet: Sheet
    layout: str
    key_row: int
    top: int
    bottom: int
    first_col: int
    last_col: int
    end: int
    columns: list[Column] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)

    def by_role(self, role: str) -> list[Column]:
        """Columns with ``role``, left to right."""
        return [c for c in self.columns if c.role == role]

    def first(self, role: str) -> Column | None:
        """The leftmost column with ``role``, or None."""
        found = self.by_role(role)
        return found[0] if found else None


# -- districts in text -------------------------------------------------------------------
def district_code(value: Any) -> str | None:
    """BPS code of a kabupaten/kota written in any registry spelling, else None
    (also None for the province and Indonesia)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float, str)):
        return _district_code(value)
    return None


@lru_cache(maxsize=4096)
def _district_code(value: int | float | str) -> str | None:
    try:
        code = registry().to_code(value)
    except RegionNotFoundError:
        return None
    return code if len(code) == 4 else None


def district_suggestions(value: Any) -> list[str]:
    """Closest district names to ``value`` (may be empty)."""
    if not isinstance(value, str):
        return []
    return registry().suggest(value)


def _spellings() -> list[tuple[str, str]]:
    out = []
    for region in registry().districts():
        names = {region.name, region.short_name, *region.aliases}
        for name in names:
            key = re.sub(r"\s+", " ", re.sub(r"[.,_\-/()]+", " ", name.lower())).strip()
            if key:
                out.append((key, region.code))
    return sorted(out, key=lambda item: -len(item[0]))


def find_district_in_text(text: str) -> tuple[str | None, str]:
    """A district named inside ``text`` (e.g. sheet name ``"P1 Tapin"``) as
    whole words; returns (code or None, the text without it)."""
    key = re.sub(r"\s+", " ", re.sub(r"[.,_\-/()]+", " ", str(text).lower())).strip()
    code = district_code(text)
    if code:
        return code, ""
    for spelling, code in _spellings():
        match = re.search(rf"(?<![a-z0-9]){re.escape(spelling)}(?![a-z0-9])", key)
        if match:
            rest = (key[: match.start()] + " " + key[match.end():]).strip()
            rest = re.sub(r"^(kab|kabupaten|kota)\s+|\s+(kab|kabupaten|kota)$", "", rest).strip()
            return code, rest
    return None, key


# -- title block --------------------------------------------------------------------------
def title_pairs(sheet: Sheet, first_row: int, last_row: int) -> list[tuple[str, Any, str]]:
    """``label : value`` pairs written in rows ``first_row``..``last_row``:
    one cell ``"Periode yang dinilai : 2020"``, or a label cell followed by
    ``":"`` and a value cell, or a label cell ending in ``:`` and a value cell.
    Returns (normalised label, value, A1 cell of the value)."""
    pairs = []
    for r in range(max(1, first_row), last_row + 1):
        cells = sheet.row_values(r)
        i = 0
        while i < len(cells):
            c, v = cells[i]
            if not isinstance(v, str):
                i += 1
                continue
            text = v.strip()
            nxt = cells[i + 1] if i + 1 < len(cells) else None
            if ":" in text and not text.startswith(":"):
                label, _, rest = text.partition(":")
                rest = rest.strip()
                if rest:
                    pairs.append((norm(label), rest, a1(r, c)))
                    i += 1
                    continue
                if nxt is not None:
                    pairs.append((norm(label), nxt[1], a1(r, nxt[0])))
                    i += 2
                    continue
            elif nxt is not None and isinstance(nxt[1], str) and nxt[1].strip().startswith(":"):
                rest = nxt[1].strip()[1:].strip()
                if rest:
                    pairs.append((norm(text), rest, a1(r, nxt[0])))
                    i += 2
                    continue
                after = cells[i + 2] if i + 2 < len(cells) else None
                if after is not None:
                    pairs.append((norm(text), after[1], a1(r, after[0])))
                    i += 3
                    continue
            i += 1
    return pairs


def classify_label(label: str) -> str | None:
    """What a title-block label gives: ``period``, ``year_assessed``,
    ``date``, ``province``, ``district``, ``assessor``, ``panel``, ``scale``
    or None."""
    label = norm(label)
    if label.startswith("periode") or label in ("tahun kinerja", "tahun yang dinilai", "kinerja tahun", "periode kinerja"):
        return "period"
    if label in ("tahun penilaian", "tahun pelaksanaan", "tahun pelaksanaan penilaian", "penilaian tahun", "tahun dinilai oleh provinsi"):
        return "year_assessed"
    if label.startswith("tanggal"):
        return "date"
    if label == "provinsi":
        return "province"
    if is_district_header(label) or label in ("kabupaten/kota yang dinilai", "nama kabupaten/kota"):
        return "district"
    if label in ("penilai", "nama penilai", "panelis", "nama panelis", "assessor", "penilai/panelis", "nama penilai/panelis"):
        return "assessor"
    if label == "ketua" or re.fullmatch(r"anggota\s*\d*", label):
        return "panel"
    if label in ("skala", "skala nilai", "skala skor"):
        return "scale"
    return None


# -- finding key rows -------------------------------------------------------------------------
_second = itemgetter(1)


def _texts(sheet: Sheet, row: int) -> list[tuple[int, str]]:
    return [(c, norm(v)) for c, v in sheet.row_values(row) if isinstance(v, str)]


@lru_cache(maxsize=65536)
def _is_indicator_header(text: str) -> bool:
    """``Indikator``, ``Uraian Indikator``, ``Indikator Kinerja`` … (a header,
    not an indicator's own text: short and without digits)."""
    return text in INDICATOR_WORDS or bool(re.fullmatch(r"(uraian |nama )?indikator( [a-z/ ]{1,20})?", text))


@lru_cache(maxsize=65536)
def _key_flags(value: str) -> int:
    """1 when the text is an indicator header (:func:`_is_indicator_header`),
    2 when it is a district header (what :func:`_is_rekap_key` looks for)."""
    return (1 if _is_indicator_header(norm(value)) else 0) | (2 if is_district_header(value) else 0)


def _is_indicator_key(texts: list[tuple[int, str]]) -> bool:
    return any(_is_indicator_header(t) for _, t in texts)


def _header_token(text: str, instrument: Instrument) -> bool:
    return bool(
        header_action(text)
        or header_kind(text) in ("total", "mean", "final", "rank")
        or instrument.match_component(text)
        or header_assessor(text)
    )


def _is_rekap_key(sheet: Sheet, row: int, instrument: Instrument, cells: list[tuple[int, Any]] | None = None) -> bool:
    if cells is None:
        cells = sheet.row_values(row)
    for i, (c, v) in enumerate(cells):
        if not isinstance(v, str) or not is_district_header(v) or ":" in v:
            continue
        nxt = cells[i + 1][1] if i + 1 < len(cells) else None
        if isinstance(nxt, str) and nxt.strip().startswith(":"):
            continue
        for r in range(row, min(row + 3, sheet.max_row) + 1):
            if any(_header_token(t, instrument) for _, t in _texts(sheet, r)):
                return True
    return False


def find_tables(sheet: Sheet, instrument: Instrument) -> list[Table]:
    """Every table in ``sheet`` with its layout, header band and columns."""
    keys: list[tuple[int, str]] = []
    max_row = sheet.max_row
    rows = sheet.rows()
    # the texts that can make a key row, found among the sheet's distinct values
    # (a few hundred) instead of cell by cell; a row without any is skipped whole
    keyed = {v for v in set(map(_second, chain.from_iterable(rows.values()))) if isinstance(v, str) and _key_flags(v)}
    if not keyed:
        return []
    no_key = keyed.isdisjoint
    for r, cells in rows.items():  # rows holding a value, ascending
        if r > max_row:
            break
        if no_key(map(_second, cells)):
            continue
        if r < 1 or cells[0][0] < 1 or cells[-1][0] > sheet.max_col:
            if r < 1:
                continue
            cells = sheet.row_values(r)  # a sheet whose extent was set by hand
        flags = 0
        for _, v in cells:
            if isinstance(v, str):
                flags |= _key_flags(v)
        if flags & 1:
            keys.append((r, "indicator"))
        elif flags & 2 and _is_rekap_key(sheet, r, instrument, cells):
            keys.append((r, "rekap"))
    tables: list[Table] = []
    last_band_end = 0
    for index, (key_row, kind) in enumerate(keys):
        if key_row <= last_band_end:
            continue
        table = _build_table(sheet, key_row, kind, instrument, floor=last_band_end)
        next_key = next((k for k, _ in keys[index + 1:] if k > table.bottom), None)
        table.end = (next_key - 1) if next_key else sheet.max_row
        tables.append(table)
        last_band_end = table.bottom
    # a table ends where the next one's header band starts
    for current, following in zip(tables, tables[1:]):
        current.end = min(current.end, following.top - 1)
    return tables


def _row_extent(sheet: Sheet, row: int) -> tuple[int, int] | None:
    cols = [c for c, _ in sheet.row_values(row)]
    for r1, c1, r2, c2 in sheet.merged:
        if r1 <= row <= r2 and sheet.get(r1, c1) is not None:
            cols += [c1, c2]
    if not cols:
        return None
    return min(cols), max(cols)


def _is_numbering_row(sheet: Sheet, row: int, first: int, last: int) -> bool:
    """A ``(1) (2) (3) …`` row numbering the columns of the whole table (not
    ``1 … 8`` under an ``Aksi`` group, which covers only part of it)."""
    values = [v for _, v in sheet.row_values(row, first, last)]
    if len(values) < 3 or len(values) < 0.8 * (last - first + 1):
        return False
    numbers = []
    for v in values:
        text = str(v).strip().strip("()")
        if not re.fullmatch(r"\d{1,2}", text):
            return False
        numbers.append(int(text))
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _build_table(sheet: Sheet, key_row: int, kind: str, instrument: Instrument, floor: int) -> Table:
    extent = _row_extent(sheet, key_row) or (1, sheet.max_col)
    first, last = extent
    key_cols = [c for c, t in _texts(sheet, key_row) if _is_indicator_header(t) or is_district_header(t)]
    key_col = key_cols[0] if key_cols else first
    key_merge = sheet.merge_of(key_row, key_col)
    bottom = key_row
    for r in range(key_row + 1, min(key_row + 3, sheet.max_row) + 1):
        if key_merge and key_merge[0] <= r <= key_merge[2]:
            bottom = r
            continue
        texts = _texts(sheet, r)
        values = sheet.row_values(r, first, last)
        if not values:
            break
        if _is_numbering_row(sheet, r, first, last):
            bottom = r
            continue
        if sheet.get(r, key_col) is not None:
            break
        if any(m[0] <= r <= m[2] and m[3] - m[1] + 1 >= 0.8 * (last - first + 1) for m in sheet.merged):
            break  # a section label across the table ("AKSI 1 ANALISIS SITUASI")
        tokens = [t for _, t in texts]
        if tokens and all(_subheader(t, instrument) for t in tokens) and len(tokens) == len(values):
            bottom = r
            continue
        break
    # numbering row right below the band
    if bottom + 1 <= sheet.max_row and _is_numbering_row(sheet, bottom + 1, first, last):
        bottom += 1
    top = key_row
    for r in range(key_row - 1, max(floor, key_row - 3), -1):
        if _is_group_row(sheet, r, first, last, instrument):
            top = r
        else:
            break
    for r in range(top, bottom + 1):
        ext = _row_extent(sheet, r)
        if ext:
            first, last = min(first, ext[0]), max(last, ext[1])
    table = Table(sheet=sheet, layout=kind, key_row=key_row, top=top, bottom=bottom, first_col=first, last_col=last, end=sheet.max_row)
    table.columns = [_column(sheet, table, c, instrument) for c in range(first, last + 1)]
    if kind == "indicator":
        table.layout = "matrix" if any(c.district or c.district_error for c in table.columns) else "assessor"
    if table.layout == "matrix":
        _matrix_roles(table, instrument)
    elif table.layout == "assessor":
        _assessor_roles(table, instrument)
    return table


def _subheader(text: str, instrument: Instrument) -> bool:
    return bool(
        _header_token(text, instrument)
        or text in SCORE_WORDS + WEIGHT_WORDS + VALUE_WORDS + ("keterangan", "ket", "ket.", "catatan")
        or header_kind(text)
        or re.match(r"^(skor|nilai|bobot)\b", text)
    )


def _is_group_row(sheet: Sheet, row: int, first: int, last: int, instrument: Instrument) -> bool:
    values = sheet.row_values(row, first, last)
    if not values:
        return False
    for c, v in values:
        if isinstance(v, str) and (":" in v):
            return False
    tokens = [norm(v) for _, v in values if isinstance(v, str)]
    if any(district_code(v) for _, v in values):
        return True
    if any(_header_token(t, instrument) for t in tokens):
        return True
    width = last - first + 1
    for c, _ in values:
        merge = sheet.merge_of(row, c)
        if merge is None or merge[3] - merge[1] + 1 >= width or merge[1] <= first:
            return False
    return True


def _path(sheet: Sheet, table: Table, col: int) -> tuple[tuple[str, ...], str]:
    parts: list[str] = []
    header_cell = a1(table.key_row, col)
    for r in range(table.top, table.bottom + 1):
        value = sheet.get(r, col, fill=True)
        if value is None:
            continue
        text = str(value).strip()
        if _is_numbering_row(sheet, r, table.first_col, table.last_col):
            continue
        if not parts or parts[-1] != text:
            parts.append(text)
            origin = sheet.origin(r, col)
            header_cell = a1(*origin)
    return tuple(parts), header_cell


def _column(sheet: Sheet, table: Table, col: int, instrument: Instrument) -> Column:
    path, cell = _path(sheet, table, col)
    column = Column(col=col, path=path, role="unknown", header_cell=cell)
    if not path:
        column.role = "empty"
        return column
    normed = [norm(p) for p in path]
    for part in path:
        code = district_code(part)
        if code:
            column.district = code
        elif column.action is None and header_action(part):
            column.action = header_action(part)
        component = instrument.match_component(part)
        if component is not None:
            column.component = component.code
            w = header_weight(part)
            if w is not None:
                column.weight, column.weight_source = w, "workbook"
        assessor = header_assessor(part)
        if assessor:
            column.assessor = assessor
        rng = header_range(part)
        if rng:
            column.scale = range_scale(*rng)
    if column.action is None:
        for part in normed:
            number = instrument.action_by_name(part)
            if number is not None:
                column.action = number
    if column.action is None:
        match = next((re.fullmatch(r"a\s?(\d)", p) for p in normed if re.fullmatch(r"a\s?(\d)", p)), None)
        if match:
            column.action = int(match.group(1))
    if column.action is None and len(normed) > 1 and re.fullmatch(r"\d{1,2}", normed[-1]):
        # "1" … "8" under a group header such as "Aksi" or "Nilai per Aksi"
        if any(re.search(r"\baksi\b", p) for p in normed[:-1]):
            column.action = int(normed[-1])
    kinds = [header_kind(p) for p in reversed(path)]
    kind = next((k for k in kinds if k), None)
    if any(is_district_header(p) for p in path):
        column.role = "district"
    elif kind == "no":
        column.role = "no"
    elif kind == "note":
        column.role = "note"
    elif kind in ("total", "mean", "final", "rank"):
        column.role, column.kind = "total", kind
    elif column.action or column.component or column.assessor:
        column.role = "score"
    elif any(p in IGNORE_WORDS or any(p.startswith(w) for w in IGNORE_WORDS) for p in normed):
        column.role = "ignore"
    if column.role == "score" and column.component and column.weight is None:
        component = instrument.component(column.component)
        if component is not None and component.weight is not None:
            column.weight, column.weight_source = component.weight, "instrument"
    if table.layout == "indicator" and column.district is None:
        # a district header that does not resolve (misspelt) over Nilai/Keterangan
        for r in range(table.top, table.bottom + 1):
            value = sheet.get(r, col, fill=True)
            if not isinstance(value, str) or _subheader(norm(value), instrument):
                continue
            low = norm(value)
            if _is_indicator_header(low) or low in ("no", "no.", "kode") or low in AKSI_WORDS:
                continue
            if is_district_header(value) or any(low.startswith(w) for w in IGNORE_WORDS):
                continue
            suggestions = district_suggestions(value)
            if suggestions and norm(path[-1]) in ("nilai", "keterangan", "ket", "ket.", "skor") + VALUE_WORDS:
                column.district_error = (value, ", ".join(suggestions), a1(*sheet.origin(r, col)))
    return column


def _matrix_roles(table: Table, instrument: Instrument) -> None:
    for column in table.columns:
        last = norm(column.path[-1]) if column.path else ""
        first = norm(column.path[0]) if column.path else ""
        if column.district or column.district_error:
            if last in ("keterangan", "ket", "ket.", "catatan"):
                column.role = "note"
            elif column.role == "total":
                pass
            else:
                column.role = "score"
            continue
        if last in CODE_WORDS or first in CODE_WORDS:
            column.role = "code"
        elif _is_indicator_header(last):
            column.role = "text"
        elif last in AKSI_WORDS:
            column.role = "aksi"
        elif column.role == "score":
            column.role = "unknown"


def _assessor_roles(table: Table, instrument: Instrument) -> None:
    has_score_col = any(
        norm(c.path[-1]) in SCORE_WORDS or re.match(r"^(skor|score)\b", norm(c.path[-1])) for c in table.columns if c.path
    )
    for column in table.columns:
        if not column.path:
            continue
        last = norm(column.path[-1])
        if last in CODE_WORDS:
            column.role = "code"
        elif _is_indicator_header(last) or last.startswith("uraian"):
            column.role = "text"
        elif last in AKSI_WORDS:
            column.role = "aksi"
        elif last in SCORE_WORDS or re.match(r"^(skor|score)\b", last):
            column.role = "score"
        elif last in WEIGHT_WORDS or last.startswith("bobot"):
            column.role = "weight"
        elif last in VALUE_WORDS or re.match(r"^nilai\b", last):
            column.role = "weighted" if has_score_col else "score"
        elif column.role == "score" and column.assessor is None and column.district is None:
            column.role = "unknown"
