"""Finding the header of an e-PPGBM wilayah table: one row, or two under
merged headings; the words of each column are read by
:func:`kp2s_dashboard.subdistrict.columns.header_role`."""

from __future__ import annotations

from typing import Any

from kp2s_dashboard.subdistrict.columns import header_role
from kp2s_dashboard.subdistrict.reading import Cell, Grid, is_missing, parse_number

#: Rows searched for the header (a title and notes may come first).
HEADER_SEARCH = 25
#: Texts in rows above the header that mark demonstration data.
SYNTHETIC_MARKS = ("sintetis", "synthetic", "data contoh", "kp2s:synthetic")


def code_depth(value: Any) -> int:
    text = str(value).strip()
    if text.isdigit():
        return {6: 2, 10: 3}.get(len(text), 0)
    return text.count(".")


def marks_synthetic(rows: list[list[Cell]]) -> bool:
    return any(isinstance(c.value, str) and any(m in c.value.lower() for m in SYNTHETIC_MARKS)
               for row in rows for c in row)


def find_header(grid: Grid) -> tuple[int, dict[str, Cell]] | None:
    """``(index of the first data row, role → header cell)``, or None.

    The header is one row, or two when the office's export groups columns
    under a merged heading (``Jumlah balita`` over ``Sasaran``/``Diukur``;
    ``Stunting`` over ``n``/``%``): each column's text is then its heading
    and its sub-heading joined (a ``%`` column is a stated rate, not a count).
    """
    for index, row in enumerate(grid.rows[:HEADER_SEARCH]):
        single = _roles([(c, c.value) for c in row if not is_missing(c.value)])
        below = grid.rows[index + 1] if index + 1 < len(grid.rows) else []
        sub_header = any(not is_missing(c.value) for c in below) and not any(_is_number(c.value) for c in below)
        if _is_header(single) and not sub_header:
            return index + 1, single
        combined = _roles(_joined(grid, row, below)) if sub_header else {}
        if _is_header(combined):
            return index + 2, combined
        if _is_header(single):
            return index + 1, single
    return None


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or is_missing(value):
        return False
    try:
        return parse_number(value) is not None
    except ValueError:
        return False


def _roles(texts: list[tuple[Cell, Any]]) -> dict[str, Cell]:
    roles: dict[str, Cell] = {}
    for cell, text in texts:
        role = header_role(text)
        if role and role not in roles:
            roles[role] = cell if cell.value == text else Cell(text, cell.row, cell.col)
    return roles


def _is_header(roles: dict[str, Cell]) -> bool:
    has_area = bool({"desa", "kecamatan", "puskesmas", "name", "code"} & set(roles))
    return has_area and "measured" in roles and ("stunted" in roles or "pendek" in roles)


def _joined(grid: Grid, top: list[Cell], below: list[Cell]) -> list[tuple[Cell, Any]]:
    """Per column, the heading of ``top`` (spread over its merged columns;
    without known merges, carried right over the sub-headings of its group)
    joined with the sub-heading in ``below``; the cell is the lower one when
    it has text, else the upper one."""
    heading: dict[int, Any] = {c.col: c.value for c in top if not is_missing(c.value)}
    for rng in grid.merged:
        if top and rng[0] == top[0].row and rng[1] in heading:
            for col in range(rng[1] + 1, rng[3] + 1):
                heading.setdefault(col, heading[rng[1]])
    # a heading merged down over the sub-heading row (``Kecamatan`` over A2:A3) is read into the lower cell too
    # (the reader fills vertical merges, ``Cell.merged_from``): it is the same heading, not a sub-heading
    sub = {c.col: c for c in below if not is_missing(c.value) and not getattr(c, "merged_from", None)}
    if not grid.merges_known:
        last = None
        for col in sorted(set(heading) | set(sub)):
            if col in heading:
                last = heading[col]
            elif col in sub and last is not None and (col - 1) in sub:
                heading[col] = last
    by_col = {c.col: c for c in top}
    out = []
    for col in sorted(set(heading) | set(sub)):
        parts = [str(heading[col]) if col in heading else "", str(sub[col].value) if col in sub else ""]
        text = " ".join(p for p in parts if p).strip()
        cell = sub.get(col) or by_col.get(col) or Cell(None, (below or top)[0].row, col)
        out.append((cell, text))
    return out
