"""Reading the data rows of one prevalence sheet into records, by the header's plan.

:func:`_read_rows` turns each row below the header of a
:class:`~kp2s_dashboard.prevalence.layout._Plan` into records (one per
figure, the tidy columns plus private ``_`` keys for the checks), skipping
blank and note rows with a warning, and collecting the row-level problems
(region, formulas, over-long CSV rows, and the cell problems of
:mod:`kp2s_dashboard.prevalence.fields`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kp2s_dashboard.sheets.cells import Cell, Grid, is_missing
from kp2s_dashboard.errors import KP2SError, Problem
from kp2s_dashboard.regions import registry
from kp2s_dashboard.prevalence.fields import _indicator, _percent, _source, _source_year, _text, _year
from kp2s_dashboard.prevalence.layout import _header_text, _Plan

_FOOTNOTE = re.compile(r"^\s*(sumber|keterangan|ket\b|catatan|source|note|\*)", re.IGNORECASE)


@dataclass
class _Part:
    """Rows read from one grid."""

    grid: Grid
    layout: str
    records: list[dict]
    problems: list[Problem]
    warnings: list[Problem]
    rows_read: int
    missing: int


def _row_number(grid: Grid, index: int, row: list[Cell]) -> int:
    return row[0].row if row else index + 1


def _cell_or_blank(row: list[Cell], col: int | None, r: int) -> Cell | None:
    """The cell at ``col``, or a blank cell there when the row is shorter."""
    if col is None:
        return None
    return _cell_at(row, col) or Cell(value=None, row=r, col=col)


def _too_long(grid: Grid, plan: _Plan, row: list[Cell], r: int, problems: list[Problem]) -> bool:
    """CSV rows with filled cells beyond the header's last column (typically
    ``24,6`` unquoted in a comma-separated file): an error naming the row."""
    if not grid.is_csv:
        return False
    extra = [c for c in row if c.col > plan.last_col and not is_missing(c.value)]
    if not extra:
        return False
    filled = [c for c in row if not is_missing(c.value)]
    problems.append(
        Problem(
            "err.row_too_long",
            {"cells": len(filled), "columns": plan.last_col, "delimiter": grid.delimiter or ","},
            grid.location(row=r),
        )
    )
    return True


def _read_rows(grid: Grid, plan: _Plan) -> _Part:
    part = _Part(grid, plan.layout, [], [], list(plan.warnings), 0, 0)
    headers = {c.col: _header_text(c) for c in grid.rows[plan.h]}
    for i, row in enumerate(grid.rows[plan.h + 1:], start=plan.h + 1):
        _read_row(grid, plan, i, row, headers, part)
    return part


def _read_row(grid: Grid, plan: _Plan, i: int, row: list[Cell], headers: dict[int, str], part: _Part) -> None:
    """Read row ``i`` (0-based) of ``grid`` into ``part``: its records,
    problems, warnings, and the counts of rows read and values missing."""
    problems, warnings, records = part.problems, part.warnings, part.records
    by_role = plan.by_role
    r = _row_number(grid, i, row)
    if plan.layout == "long":
        cells = {role: _cell_or_blank(row, col, r) for role, col in by_role.items()}
        data_cells = [cells["value_pct"]]
    else:
        roles = ("code", "region", "source_url", "note", "note_id")
        cells = {role: _cell_or_blank(row, by_role.get(role), r) for role in roles}
        cells = {k: v for k, v in cells.items() if v is not None}
        data_cells = [_cell_or_blank(row, col, r) for col in plan.value_cols]
    formulas = [c for c in row if c.formula]
    lead = next((cells[k] for k in ("code", "region") if k in cells and not is_missing(cells[k].value)), None)
    if plan.layout == "long":
        filled = [c for c in cells.values() if not is_missing(c.value)]
        if not filled and not formulas and _skip_note_row(grid, row, None, warnings):
            return
        if len(filled) == 1 and lead in filled and not formulas and _skip_note_row(grid, row, lead, warnings):
            return
    else:
        filled = [c for c in data_cells if not is_missing(c.value)]
        if not filled and not formulas and _skip_note_row(grid, row, lead, warnings):
            return
    part.rows_read += 1
    if _too_long(grid, plan, row, r, problems):
        return
    for cell in formulas:
        problems.append(Problem("err.formula_uncached", {"formula": cell.formula}, grid.location(cell)))
    if formulas and plan.layout == "long":
        return
    code = _region_code(grid, cells, r, problems)
    if plan.layout == "long":
        year = _year(grid, cells["year"], problems)
        source = _source(grid, cells["source"], problems)
        if None not in (year, source) and not _source_year(grid, cells["source"], year, problems):
            source = None
        indicator = _indicator(grid, cells.get("indicator"), plan.default_indicator, problems)
        value_cell = cells["value_pct"]
        if is_missing(value_cell.value):
            part.missing += 1
            if None not in (code, year, source):
                warnings.append(
                    Problem(
                        "warn.value_missing",
                        {"region": registry().short_name(code), "source": source, "year": year},
                        grid.location(row=r),
                        "warning",
                    )
                )
            return
        value = _percent(grid, value_cell, problems)
        if None in (code, year, source, value, indicator):
            return
        records.append(_record(grid, code, year, source, indicator, value, value_cell, cells, headers))
    else:
        for col, cell in zip(plan.value_cols, data_cells):
            source, year = plan.value_cols[col]
            if cell.formula:
                continue
            if is_missing(cell.value):
                part.missing += 1
                continue
            value = _percent(grid, cell, problems)
            if code is None or value is None:
                continue
            records.append(_record(grid, code, year, source, plan.default_indicator, value, cell, cells, headers))


def _record(grid, code, year, source, indicator, value, cell, cells, headers) -> dict:
    return {
        "code": code,
        "year": year,
        "source": source,
        "indicator": indicator,
        "value_pct": value,
        "source_url": _text(cells.get("source_url")),
        "note": _text(cells.get("note")),
        "note_id": _text(cells.get("note_id")),
        "origin": _origin(grid, cell),
        "_loc": grid.location(cell),
        "_column": (grid.sheet, cell.col),
        "_header": _column_name(cell.col, headers.get(cell.col, "")),
        "_marked": cell.percent_format or (isinstance(cell.value, str) and "%" in cell.value),
        "_formats_known": grid.formats_known or grid.is_csv,
    }


def _column_name(col: int, header: str) -> str:
    from openpyxl.utils import get_column_letter

    letter = get_column_letter(col)
    return f"{letter} '{header}'" if header else letter


def _skip_note_row(grid: Grid, row: list[Cell], lead: Cell | None, warnings: list[Problem]) -> bool:
    """Decide about a row without figures. Blank rows are skipped. A row
    whose only text is a note (``Sumber: …``, ``Keterangan``, ``Ket:``) is
    skipped with a warning naming it; returns False when the row must be
    read as data (its region cell holds something that is not a note)."""
    texts = [c for c in row if not is_missing(c.value)]
    if not texts:
        return True
    note = next((c for c in texts if isinstance(c.value, str) and _FOOTNOTE.match(c.value)), None)
    if note is not None and (lead is None or lead is note):
        warnings.append(Problem("warn.footnote_ignored", {"text": str(note.value)[:60]}, grid.location(note), "warning"))
        return True
    if lead is None:
        shown = " | ".join(str(c.value) for c in texts)[:60]
        warnings.append(Problem("warn.row_ignored", {"text": shown}, grid.location(texts[0]), "warning"))
        return True
    return False


def _region_code(grid: Grid, cells: dict[str, Cell], r: int, problems: list[Problem]) -> str | None:
    """The region code of a row from its code and/or name cell. When both
    are filled they must name the same region (``6303`` with
    ``Banjarmasin`` is an error naming both cells)."""
    given = [cells[k] for k in ("code", "region") if k in cells and not is_missing(cells[k].value)]
    if not given:
        first = next((cells[k] for k in ("code", "region") if k in cells), None)
        problems.append(Problem("err.region_empty", location=grid.location(first) if first else grid.location(row=r)))
        return None
    codes = []
    for cell in given:
        try:
            codes.append(registry().to_code(cell.value, grid.location(cell)))
        except KP2SError as exc:
            problems.append(exc.problem)
            return None
    if len(codes) == 2 and codes[0] != codes[1]:
        code_cell, name_cell = given
        problems.append(
            Problem(
                "err.code_name_conflict",
                {
                    "code": _header_text(code_cell),
                    "code_name": registry().short_name(codes[0]),
                    "name": str(name_cell.value).strip(),
                    "name_cell": name_cell.a1,
                    "name_code": codes[1],
                },
                grid.location(code_cell),
            )
        )
        return None
    return codes[0]


def _origin(grid: Grid, cell: Cell) -> str:
    if grid.is_csv:
        return f"{grid.file}:line {cell.row}"
    return f"{grid.file}[{grid.sheet}]!{cell.a1}"


def _cell_at(row: list[Cell], col: int | None) -> Cell | None:
    if col is None:
        return None
    for cell in row:
        if cell.col == col:
            return cell
    return None
