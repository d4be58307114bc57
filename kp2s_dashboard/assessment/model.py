"""The tidy assessment table, the workbook's own totals and the validation report.

``scores`` — one row per score cell read (:data:`SCORE_COLUMNS`)::

    column         dtype    meaning
    year_assessed  Int64    year the provincial assessment was held
    period         Int64    performance year it scored (normally year_assessed − 1)
    code           str      BPS code of the kabupaten/kota ("6301" … "6372")
    action         Int64    Aksi number 1–8 (<NA> for a component-only column)
    indicator      str      indicator code as text, "1.1" … "1.10" (<NA> above indicator level)
    component      str      component code (dokumen, paparan, lapangan, inovasi) or <NA>
    assessor       str      assessor/panelist label when the file has one per panelist, else <NA>
    level          str      "indicator" | "action" | "component"
    raw            str      the cell as written ("83,33", "A", "3", "-")
    score          float64  numeric score on the cell's scale; NaN when not scored
    status         str      "scored" | "not_scored" ("-" or blank: missing, never zero)
    scale          str      scale name ("0-100", "1-4", "huruf", …)
    scale_min      float64  lowest value of the scale
    scale_max      float64  highest value of the scale
    weight         float64  weight given in the file or instrument (Bobot), NaN if unknown
    weighted       float64  the file's own weighted value (Nilai = Skor × Bobot), NaN if none
    note           str      Keterangan/Catatan text of the cell, "" if none
    layout         str      "rekap" | "matrix" | "assessor"
    file, sheet, cell str   where the value came from (cell in A1 notation)

``totals`` — totals the workbook itself states (:data:`TOTAL_COLUMNS`)::

    year_assessed, period Int64; code str; component str|<NA>; assessor str|<NA>;
    kind str ("total" | "mean" | "final" | "rank"); value float64; raw str;
    expected float64 (what the parts give, NaN when not checkable);
    agrees boolean (<NA> when not checked); file, sheet, cell str.

``rejected`` — cells that could not be used (:data:`REJECTED_COLUMNS`):
``file, sheet, cell, raw, key`` (str), the message key of the problem;
``code`` (str or None) and ``year_assessed`` (Int64) of the district whose
score cell it is, when the row was a known district's (an unreadable or
out-of-scale score), else None/<NA>.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

import numpy as np
import pandas as pd

from kp2s_dashboard.errors import Location, Problem

SCORE_COLUMNS: dict[str, str] = {
    "year_assessed": "Int64",
    "period": "Int64",
    "code": "str",
    "action": "Int64",
    "indicator": "str",
    "component": "str",
    "assessor": "str",
    "level": "str",
    "raw": "str",
    "score": "float64",
    "status": "str",
    "scale": "str",
    "scale_min": "float64",
    "scale_max": "float64",
    "weight": "float64",
    "weighted": "float64",
    "note": "str",
    "layout": "str",
    "file": "str",
    "sheet": "str",
    "cell": "str",
}

TOTAL_COLUMNS: dict[str, str] = {
    "year_assessed": "Int64",
    "period": "Int64",
    "code": "str",
    "component": "str",
    "assessor": "str",
    "kind": "str",
    "value": "float64",
    "raw": "str",
    "expected": "float64",
    "agrees": "boolean",
    "file": "str",
    "sheet": "str",
    "cell": "str",
}

REJECTED_COLUMNS: dict[str, str] = {"file": "str", "sheet": "str", "cell": "str", "raw": "str", "key": "str",
                                    "code": "object", "year_assessed": "Int64"}

SEVERITIES = ("error", "warning", "info")


def frame(records: list[dict[str, Any]], columns: dict[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly ``columns`` in order and their dtypes."""
    df = pd.DataFrame.from_records(records, columns=list(columns))
    for name, dtype in columns.items():
        df[name] = df[name].astype(object).astype(dtype)
    return df


class Records:
    """Rows of a table kept column by column: one list per column of
    ``columns`` (name → dtype, e.g. :data:`SCORE_COLUMNS`).

    Readers append a row as a dict (:meth:`append`); a fast writer appends
    value by value into :meth:`lists` and may hold back columns that are
    constant over its run (:meth:`hold`), filled in by its flush before
    anything else reads or writes (:attr:`data`, :meth:`append`, ``len``).
    :meth:`frame` gives the same DataFrame as :func:`frame` on the same rows
    as dicts, without one dict per row (33,000 score cells in a large
    per-assessor workbook).
    """

    def __init__(self, columns: dict[str, str]):
        self.columns = columns
        self._data: dict[str, list[Any]] = {name: [] for name in columns}
        #: the flush of the writer holding back values, or None
        self.held: Callable[[], None] | None = None

    @property
    def data(self) -> dict[str, list[Any]]:
        """Column name → its values in row order (every column as long)."""
        if self.held is not None:
            self.flush()
        return self._data

    def lists(self) -> dict[str, list[Any]]:
        """The column lists for a writer that appends to them itself (every
        list must grow by one per row, or be filled by its :meth:`hold` flush)."""
        return self._data

    def hold(self, flush: Callable[[], None]) -> None:
        """A writer is holding back values: ``flush`` appends them. Another
        writer's held values are flushed first."""
        if self.held is not flush:
            self.flush()
            self.held = flush

    def flush(self) -> None:
        """Let the writer holding back values append them."""
        held, self.held = self.held, None
        if held is not None:
            held()

    def __len__(self) -> int:
        data = self.data
        return len(next(iter(data.values()))) if data else 0

    def append(self, rec: dict[str, Any]) -> None:
        """Add one row given as a dict holding every column."""
        for name, values in self.data.items():
            values.append(rec[name])

    def extend(self, recs: Iterable[dict[str, Any]]) -> None:
        """Add rows given as dicts."""
        for rec in recs:
            self.append(rec)

    def row(self, index: int) -> dict[str, Any]:
        """Row ``index`` as a dict (a copy: changing it changes nothing)."""
        return {name: values[index] for name, values in self.data.items()}

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """The rows as dicts (copies), in order."""
        data = self.data
        names = list(data)
        for values in zip(*data.values()):
            yield dict(zip(names, values))

    def keep(self, indices: list[int]) -> None:
        """Keep only the rows at ``indices`` (ascending), in place."""
        for values in self.data.values():
            values[:] = [values[i] for i in indices]

    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame with exactly ``columns`` and their dtypes
        (what :func:`frame` gives for the same rows)."""
        data = self.data
        return pd.DataFrame({name: _column_array(data[name], dtype) for name, dtype in self.columns.items()})


def _column_array(values: list[Any], dtype: str) -> Any:
    """``values`` as a column of ``dtype``, converted as :func:`frame`
    converts an object column (``astype(object).astype(dtype)``)."""
    n = len(values)
    if dtype == "Int64" and n:
        first = values[0]
        if type(first) is int and values.count(first) == n:
            # one year for the whole table: equal values give equal Int64s
            # (a 2025.0 or True among them too)
            return pd.arrays.IntegerArray(np.full(n, first, dtype=np.int64), np.zeros(n, dtype=bool))
        if None not in values and set(map(type, values)) == {int}:
            return pd.arrays.IntegerArray(np.array(values, dtype=np.int64), np.zeros(n, dtype=bool))
    if dtype == "str" and n > 1:
        first = values[0]
        if (first is None or type(first) is str) and values.count(first) == n:
            # one value all along (file, layout, level …): converted once
            return pd.Series([first], dtype=object).astype(dtype).array.take(np.zeros(n, dtype=np.intp))
    return pd.Series(values, dtype=object).astype(dtype).array


def empty(columns: dict[str, str]) -> pd.DataFrame:
    """An empty DataFrame with ``columns`` and their dtypes."""
    return frame([], columns)


@dataclass
class ValidationReport:
    """Everything found while reading one or more workbooks.

    ``problems`` holds errors and warnings (each a
    :class:`~kp2s_dashboard.errors.Problem` with file, sheet and cell);
    ``notes`` holds information the user should see (severity ``info``),
    e.g. that weights are unknown and the workbook's own totals are shown.

    ``counts`` (ints):

    - ``rows_read``: table rows looked at (districts or indicators);
    - ``cells_read``: score cells read; always equals
      ``cells_scored + cells_not_scored + cells_rejected``;
    - ``cells_scored`` / ``cells_not_scored``: rows of ``scores``;
    - ``cells_rejected``: cells in ``rejected`` (never silently dropped).
    """

    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: {
            "rows_read": 0,
            "cells_read": 0,
            "cells_scored": 0,
            "cells_not_scored": 0,
            "cells_rejected": 0,
        }
    )

    def add(self, key: str, location: Location, severity: str = "error", **params: Any) -> Problem:
        """Record a finding; ``severity`` is error, warning or info."""
        if severity not in SEVERITIES:
            raise ValueError(severity)
        problem = Problem(key=key, params=params, location=location, severity=severity)
        (self.notes if severity == "info" else self.problems).append(problem)
        return problem

    @property
    def errors(self) -> list[Problem]:
        """Problems with severity ``error``."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems with severity ``warning``."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    @property
    def clean(self) -> bool:
        """True when there is neither an error nor a warning."""
        return not self.problems

    def keys(self) -> list[str]:
        """Message keys of all problems, in order (handy in tests)."""
        return [p.key for p in self.problems]

    def find(self, key: str) -> list[Problem]:
        """Problems (and notes) with message ``key``."""
        return [p for p in self.problems + self.notes if p.key == key]

    def merge(self, other: "ValidationReport") -> None:
        """Append ``other``'s findings and add its counts."""
        self.problems.extend(other.problems)
        self.notes.extend(other.notes)
        for name, value in other.counts.items():
            self.counts[name] = self.counts.get(name, 0) + value

    def frame(self, lang: str = "id", include_notes: bool = True) -> pd.DataFrame:
        """The findings as a table for the Validasi view.

        Columns (all str except ``row`` Int64): ``severity``, ``key``,
        ``message`` (in ``lang``, without the location), ``file``,
        ``sheet``, ``cell``, ``row``, ``column``. Errors first, then
        warnings, then notes; otherwise in reading order.
        """
        order = {"error": 0, "warning": 1, "info": 2}
        items = self.problems + (self.notes if include_notes else [])
        items = sorted(enumerate(items), key=lambda pair: (order[pair[1].severity], pair[0]))
        records = []
        for _, p in items:
            loc = p.location
            records.append(
                {
                    "severity": p.severity,
                    "key": p.key,
                    "message": p.message(lang),
                    "file": loc.file,
                    "sheet": loc.sheet,
                    "cell": loc.cell,
                    "row": loc.row,
                    "column": loc.column,
                }
            )
        cols = {
            "severity": "str",
            "key": "str",
            "message": "str",
            "file": "str",
            "sheet": "str",
            "cell": "str",
            "row": "Int64",
            "column": "str",
        }
        return frame(records, cols)


@dataclass
class AssessmentResult:
    """What :func:`kp2s_dashboard.assessment.load_workbook` returns.

    Attributes:
        scores: tidy table (see the module docstring).
        totals: the workbook's own totals, ranks and their checks.
        rejected: cells not used, each with the key of its problem.
        report: the validation report; show it before any result.
        meta: ``file``, ``layouts`` (list of str), ``year_assessed``,
            ``period`` (int or None), ``province`` (str), ``panel``
            (list of names from the title block), ``sheets`` (dict sheet →
            layout or None), ``instrument_year`` (int).
        synthetic: True for demonstration data; the app must then show the
            banner ``asm.synthetic_banner`` ("Data contoh — bukan hasil resmi").
    """

    scores: pd.DataFrame
    totals: pd.DataFrame
    rejected: pd.DataFrame
    report: ValidationReport
    meta: dict[str, Any] = field(default_factory=dict)
    synthetic: bool = False
    instrument: Any = None

    @property
    def year_assessed(self) -> int | None:
        """Year the assessment was held (None if unknown)."""
        return self.meta.get("year_assessed")

    @property
    def period(self) -> int | None:
        """Performance year scored (None if unknown)."""
        return self.meta.get("period")
