"""Stunting prevalence tables: one tidy long format, read from long or wide files.

The tidy table (:data:`COLUMNS`), one row per published figure:

=========== ======== ==========================================================
column      dtype    meaning
=========== ======== ==========================================================
code        str      BPS code (``"6301"``; province ``"63"``; Indonesia ``"00"``)
year        int64    survey year (not publication year; SSGI 2024 was
                     published in May 2025)
source      str      ``riskesdas`` | ``ssgbi`` | ``ssgi`` | ``ski`` | ``eppgbm``
indicator   str      ``stunting`` (HAZ < −2 SD, the headline), or
                     ``severely_stunted`` / ``moderately_stunted``
value_pct   float64  prevalence in percent, 0–100
source_url  str      where the figure was published ("" when not given)
note        str      remarks as written (English in ``data/``), including conflicting
                     figures ("" when none); from a column ``note`` (``catatan``,
                     ``keterangan``)
note_id     str      the same remarks in Bahasa Indonesia ("" when none); from a
                     column ``note_id`` (or ``catatan_id``/``keterangan_id``), optional.
                     Shown by :func:`kp2s_dashboard.i18n.source_note`
origin      str      where the row was read: ``file!C5`` or ``file:line 7``
=========== ======== ==========================================================

Surveys (Riskesdas, SSGBI, SSGI, SKI) and the e-PPGBM register are
different measurements: :data:`SURVEY_SOURCES` and :data:`REGISTER_SOURCES`
keep them apart, and nothing here joins them into one series. The surveys
are one series with one figure per region and year: a file with two
surveys for the same region and year is refused, naming both rows.

Two file layouts are read, CSV or spreadsheet, detected automatically:

* **long**: the columns above (``code`` may instead be a name column such as
  ``kabupaten/kota``; ``indicator`` defaults to ``stunting``);
* **wide** (as offices keep them): one row per region, one column per
  source and year, headed e.g. ``SSGI 2022`` or ``2022`` under a merged
  ``SSGI`` header; a bare year needs ``default_source``.

Values may be written ``24,6``, ``24,6%``, as percent-formatted Excel cells
(stored 0.246), or ``-``/blank (missing, never zero). Indicator texts may use
the usual spellings (``Stunting (%)``, ``sangat pendek``, ``pendek``; see
:data:`INDICATOR_SPELLINGS`). Every visible sheet holding a table is read;
hidden sheets and sheets without a table are skipped with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kp2s_dashboard.sheets.cells import Grid, is_missing, read_grids
from kp2s_dashboard.sheets.columns import read_columns
from kp2s_dashboard.sheets.formulas import group_by_column
from kp2s_dashboard.errors import DataError, Location, Problem
from kp2s_dashboard.regions import registry
from kp2s_dashboard.prevalence.fields import INDICATOR_SPELLINGS  # noqa: F401  (re-exported)
from kp2s_dashboard.prevalence.layout import _plan
from kp2s_dashboard.prevalence.load_warnings import _fraction_warnings, _survey_conflicts
from kp2s_dashboard.prevalence.rows import _Part, _read_rows
from kp2s_dashboard.prevalence.columnar import finish_columns, read_long_columns

# The tidy table's names are re-exported here: many modules and pages import them from the loader.
from kp2s_dashboard.prevalence.tidy import (  # noqa: F401
    COLUMNS,
    HEADLINE,
    REGISTER_SOURCES,
    SOURCE_LABELS,
    SOURCES,
    SURVEY_SOURCES,
    _typed,
    empty_table,
    headline,
    latest_survey,
    register,
    rounds,
    survey,
    values_for,
)


@dataclass
class PrevalenceLoad:
    """What a load produced.

    ``table`` has :data:`COLUMNS`; ``warnings`` lists non-fatal findings
    (ignored footnotes, hidden problems worth seeing); the counts say how
    many data rows were read, how many figures were used, and how many cells
    were empty/``-`` (missing, not zero).
    """

    table: pd.DataFrame
    layout: str
    warnings: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    values_used: int = 0
    values_missing: int = 0
    #: how the file was read: ``"columns"`` (column-wise,
    #: :mod:`kp2s_dashboard.prevalence.columnar`) or ``"cells"`` (one cell
    #: object per value, :func:`~kp2s_dashboard.sheets.cells.read_grids`).
    reader: str = "cells"


def load_prevalence(
    path: str | Path,
    *,
    display_name: str | None = None,
    default_source: str | None = None,
    default_indicator: str = HEADLINE,
    reader: str = "auto",
) -> PrevalenceLoad:
    """Read a prevalence file in the long or the wide layout.

    Every visible sheet that holds a prevalence table is read (e.g. an
    ``SSGI`` sheet and an ``EPPGBM`` sheet); sheets without one (a cover or
    metadata sheet) are skipped with a warning, hidden sheets are skipped
    with a warning, and duplicates across sheets are errors.

    Args:
        path: ``.csv``, ``.xlsx``, ``.xlsm``, ``.xls`` or ``.ods``.
        display_name: name used in messages (an upload's original name).
        default_source: source for wide columns headed by a bare year
            (``"2022"``); one of :data:`SOURCES`. Headers with other words
            (``Target 2024``) never take it.
        default_indicator: indicator for files without an indicator column.
        reader: ``"auto"`` reads a ``.csv``/``.xlsx`` column-wise
            (:func:`~kp2s_dashboard.sheets.columns.read_columns`; long-layout
            sheets checked on whole columns by
            :mod:`kp2s_dashboard.prevalence.columnar`) unless the file needs
            the cell reader (``.xls``/``.ods``, formulas without a stored
            result, ranges merged over several rows); ``"cells"`` always uses
            the cell reader. Same table, problems and warnings either way;
            ``PrevalenceLoad.reader`` says which was used.

    Returns:
        :class:`PrevalenceLoad` with the tidy table (see module docstring).
        ``warnings`` include values that look like fractions (all values of
        a column below 1 and none percent-formatted), missing values of the long
        layout (by row), skipped sheets and columns.

    Raises:
        DataError: with every problem found (file, sheet, cell or row, and
            what was expected): unreadable file, no recognisable header (the
            first sheet's reason when no sheet is usable), rows with more
            cells than the header (unquoted decimal commas), formulas
            without a saved result, code and name that disagree, two
            columns with the same role, unknown region names (with the
            closest names), values that are not numbers or outside 0–100,
            bad years, sources or indicators, duplicates, and two survey
            figures for one region, year and indicator from different
            surveys are NOT an error: they are a warning
            (``warn.survey_conflict``, naming both rows: SSGI 2023 and SKI
            2023 for one district) and both rows are kept, so the other
            regions are used as usual while that region's rate and status
            say they cannot be judged (see
            :func:`kp2s_dashboard.prevalence.series.series_conflicts`).
    """
    tables = read_columns(path, display_name) if reader == "auto" else None
    grids = [t.grid() for t in tables] if tables is not None else read_grids(path, display_name)
    name = display_name or Path(path).name
    warnings: list[Problem] = []
    with_data = [g for g in grids if any(not is_missing(c.value) or c.formula for row in g.rows for c in row)]
    candidates = []
    for grid in grids:
        if grid.truncated_at is not None:
            warnings.append(Problem("warn.sheet_truncated", {"row": grid.truncated_at},
                                    Location(file=name, sheet=grid.sheet), "warning"))
    for grid in with_data:
        if grid.hidden:
            warnings.append(Problem("warn.sheet_hidden", {"sheet": grid.sheet}, Location(file=name, sheet=grid.sheet), "warning"))
        else:
            candidates.append(grid)
    if not candidates:
        if with_data:
            raise DataError("err.only_hidden_sheets", Location(file=name), sheets=", ".join(str(g.sheet) for g in with_data))
        raise DataError("err.file_empty", Location(file=name))
    first_error: DataError | None = None
    parts: list[_Part] = []
    skipped: list[Grid] = []
    for grid in candidates:
        try:
            plan = _plan(grid, default_source, default_indicator)
        except DataError as exc:  # header-level: not (or not a readable) prevalence table
            first_error = first_error or exc
            skipped.append(grid)
            continue
        if getattr(grid, "columns", None) is not None and plan.layout == "long":
            parts.append(read_long_columns(grid, plan))
        else:
            parts.append(_read_rows(grid, plan))
        warnings.extend(_hidden_rows_read(grid, name))
    if not parts:
        assert first_error is not None
        raise first_error
    for grid in skipped:
        warnings.append(Problem("warn.sheet_skipped", {"sheet": grid.sheet}, Location(file=name, sheet=grid.sheet), "warning"))
    if tables is not None:
        return finish_columns(name, parts, warnings)
    return _finish(name, parts, warnings)


def _hidden_rows_read(grid: Grid, name: str) -> list[Problem]:
    """``warn.rows_hidden`` for the rows of ``grid`` hidden in the workbook
    that hold a value: they are read like any other row (hiding a row does
    not leave it out), which whoever hid an old figure may not expect. At
    most one warning per sheet, naming up to 20 rows."""
    rows = grid.rows
    hidden = [r for r in sorted(grid.hidden_rows)
              if r <= len(rows) and any(not is_missing(c.value) for c in rows[r - 1])]
    if not hidden:
        return []
    shown = ", ".join(map(str, hidden[:20])) + (" …" if len(hidden) > 20 else "")
    return [Problem("warn.rows_hidden", {"rows": shown, "n": len(hidden)}, Location(file=name, sheet=grid.sheet),
                    "warning")]


def _finish(name: str, parts: list[_Part], warnings: list[Problem]) -> PrevalenceLoad:
    # formulas without a saved result: one finding per sheet and column, not one per cell
    problems: list[Problem] = group_by_column([p for part in parts for p in part.problems])
    for part in parts:
        warnings.extend(part.warnings)
    records = [rec for part in parts for rec in part.records]
    seen: dict[tuple, str] = {}
    for rec in records:
        key = (rec["code"], rec["year"], rec["source"], rec["indicator"])
        if key in seen:
            problems.append(
                Problem(
                    "err.duplicate",
                    {
                        "region": registry().short_name(rec["code"]),
                        "source": SOURCE_LABELS.get(rec["source"], rec["source"]),
                        "year": rec["year"],
                        "indicator": rec["indicator"],
                        "other": seen[key],
                    },
                    rec["_loc"],
                )
            )
        else:
            seen[key] = rec["_loc"]  # the first row's place, written in the UI language by Problem
    warnings.extend(_survey_conflicts(records))
    if problems:
        raise DataError.from_problems(problems)
    if not records:
        _raise_no_values(parts)
    warnings.extend(_fraction_warnings(name, records))
    table = _typed(pd.DataFrame.from_records([{k: v for k, v in rec.items() if not k.startswith("_")} for rec in records]))
    return _result(table, parts, warnings, "cells")


def _raise_no_values(parts: list[_Part]) -> None:
    """Raise for a file that gave no value: ``err.all_values_missing`` when
    values were missing, else ``err.file_empty`` (first sheet named)."""
    grid = parts[0].grid
    missing = sum(p.missing for p in parts)
    if missing:
        raise DataError("err.all_values_missing", Location(file=grid.file, sheet=grid.sheet), missing=missing)
    raise DataError("err.file_empty", Location(file=grid.file, sheet=grid.sheet))


def _result(table: pd.DataFrame, parts: list[_Part], warnings: list[Problem], reader: str) -> PrevalenceLoad:
    """The :class:`PrevalenceLoad` of a tidy ``table`` read from ``parts``
    (layout, counts) by ``reader`` (``"cells"`` or ``"columns"``)."""
    layouts = {part.layout for part in parts}
    return PrevalenceLoad(
        table=table,
        layout=layouts.pop() if len(layouts) == 1 else "mixed",
        warnings=warnings,
        rows_read=sum(p.rows_read for p in parts),
        values_used=len(table),
        values_missing=sum(p.missing for p in parts),
        reader=reader,
    )
