"""Reading runs of plain rows of a per-assessor table at once.

Most rows of a per-assessor table say nothing worth a finding: an indicator
code, a score in scale or a blank, a number as Bobot, the Nilai that is
Skor × Bobot. :class:`PlainRuns` works out which rows are plain a column
at a time, over the distinct values of each column, and takes them a run
at a time, with the result the row-by-row reading
(:meth:`~kp2s_dashboard.assessment.assessor_reader.AssessorReader.read_rows`
with :class:`~kp2s_dashboard.assessment.assessor_cells._CellReader`) gives
them: the same score rows, in the same order, and no finding. A run stops
at the first row that is not plain (a row without a code, an action heading
or total, a code out of the instrument, repeated or stored as a number, an
action that disagrees with its Aksi cell, a score out of scale or not a
number, a Nilai that is not Skor × Bobot, any error, percent or uncached
cell): the row-by-row reading takes that row, with its findings, and the
next run starts after it (tests/test_assessment_fast_rows.py compares both).
"""

from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache
from itertools import repeat
from typing import TYPE_CHECKING, Any

from kp2s_dashboard.assessment.layouts import Column
from kp2s_dashboard.assessment.table_reader import _tolerance, weighted_agrees
from kp2s_dashboard.assessment.values import format_raw, header_action, parse_indicator_code

if TYPE_CHECKING:
    from kp2s_dashboard.assessment.assessor_cells import _CellReader
    from kp2s_dashboard.assessment.assessor_reader import AssessorReader

_NAN = math.nan


class PlainRuns:
    """The plain rows of one per-assessor table with one score column,
    read a run at a time by :meth:`take`.

    What a row needs to be plain by itself is worked out for every row of
    the table at once, a column at a time over the distinct values
    (:meth:`_static`); what depends on the rows read before it (codes
    already seen, the action context) is checked when a run is taken. Only
    for a table whose district is known for the whole block (no district
    column, no unknown district): the caller checks that.
    """

    def __init__(
        self,
        reader: AssessorReader,
        cell: _CellReader,
        key_cols: list[Column | None],
        weight_col: Column | None,
        note_col: Column | None,
        aksi: int,
        aksi_merged: dict[int, int | None],
        district: str,
        first: int,
        last: int,
    ):
        self.reader, self.cell = reader, cell
        self.code = cell.column.district or district
        self.first = first
        self.aksi = aksi
        n = max(last - first + 1, 0)
        self.plain: list[bool] = [False] * n
        if not cell.numbers or not n:
            return
        self._static(key_cols, weight_col, note_col, aksi_merged, first, last)

    def _static(self, key_cols, weight_col, note_col, aksi_merged, first: int, last: int) -> None:
        cell, reader = self.cell, self.reader
        sheet = reader.sheet
        get = sheet.values.get
        rows = range(first, last + 1)
        n = len(rows)

        def column(col: int) -> list[Any]:
            return list(map(get, zip(rows, repeat(col))))

        special = set(sheet.errors) | sheet.uncached | sheet.percent

        def special_rows(col: int) -> list[int]:
            return [r - first for r, c in special if c == col and first <= r <= last]

        # the indicator code (TableReader.indicator_code): the first key column that gives one
        actions = frozenset(reader.instrument.action_numbers())
        parsed: list[Any] = [None] * n
        for column_ in key_cols:
            if column_ is None:
                continue
            wanted = [i for i, p in enumerate(parsed) if p is None]
            if not wanted:
                break
            values = column(column_.col)
            if len(wanted) < n:
                values = [values[i] for i in wanted]
            found = list(map(_code, map(type, values), values, repeat(column_.role == "no")))
            if len(wanted) == n:
                parsed = found
            else:
                for i, p in zip(wanted, found):
                    parsed[i] = p
        ok = list(map(_plain_code, parsed, repeat(actions)))
        self.parsed = parsed
        self.codes = [p.code if p is not None else None for p in parsed]
        self.actions = [p.action if p is not None else None for p in parsed]

        # the action named by the Aksi cell of each row, a merged range giving its first cell's
        if self.aksi:
            texts = column(self.aksi)
            memo_a = {v: header_action(str(v)) if v is not None else None for v in set(texts)}
            here = list(map(memo_a.__getitem__, texts))
            if aksi_merged:
                here = list(map(aksi_merged.get, rows, here))
            self.here = here

        # Bobot: a number or a blank (a text weight is left to parse_number)
        weights: list[float] = [_NAN] * n
        if weight_col is not None:
            keys = _keys(column(weight_col.col))
            memo_w: dict[Any, Any] = {}
            for k in set(keys):
                w = _value(k)
                kind = type(w)
                if kind is float:
                    memo_w[k] = w if w == w else _NAN
                elif kind is int:
                    memo_w[k] = float(w)
                elif w is None:
                    memo_w[k] = _NAN
                else:
                    memo_w[k] = None
            weights = list(map(memo_w.__getitem__, keys))
            ok = [a and w is not None for a, w in zip(ok, weights)]
        self.weights = weights

        # the score: a number in scale or a blank, not an error, percent or uncached cell
        scale = cell.scale
        score_values = column(cell.col)
        keys = _keys(score_values)
        memo_s: dict[Any, Any] = {}
        for k in set(keys):
            v = _value(k)
            kind = type(v)
            if v is None:
                memo_s[k] = (_NAN, "", "not_scored")
            elif (kind is int or kind is float) and v == v:
                number = round(float(v), 10)
                memo_s[k] = (number, format_raw(v), "scored") if scale.min <= number <= scale.max else None
            else:
                memo_s[k] = None
        scores = list(map(memo_s.__getitem__, keys))
        ok = [a and s is not None for a, s in zip(ok, scores)]
        for i in special_rows(cell.col):
            ok[i] = False
        self.scores = scores

        # Nilai of a scored row: a number that is Skor × Bobot (or its hundredth) within what the file shows
        weighted: list[float] = [_NAN] * n
        if cell.weighted_col is not None:
            wcol = cell.weighted_col.col
            decimals = sheet.decimals
            shown = [decimals.get((r, wcol)) for r in rows] if decimals else repeat(None)
            # (score, Bobot, Nilai type, Nilai, decimals shown): the outcome depends on nothing else
            combos = list(zip([s[0] if s is not None else None for s in scores], weights,
                              map(type, nilai := column(wcol)), nilai, shown))
            memo_c: dict[tuple, Any] = {}
            for combo in set(combos):
                score, weight, kind, number, places = combo
                if score is None or weight is None or not ((kind is int or kind is float) and number == number):
                    memo_c[combo] = None
                    continue
                w = float(number)
                if weight == weight:
                    product = score * weight
                    tol = _tolerance(format_raw(number), places)
                    if not weighted_agrees(w, product, tol):
                        w = None  # a mismatch: reported by the row-by-row reading
                memo_c[combo] = w
            found = list(map(memo_c.__getitem__, combos))
            scored = [s is not None and s[2] == "scored" for s in scores]
            ok = [a and (not sc or w is not None) for a, sc, w in zip(ok, scored, found)]
            for i in special_rows(wcol):
                if scored[i]:
                    ok[i] = False
            weighted = [w if sc and w is not None else _NAN for sc, w in zip(scored, found)]
        self.weighted = weighted

        notes: list[str] = [""] * n
        if note_col is not None:
            keys = _keys(column(note_col.col))
            memo_n = {k: "" if (v := _value(k)) is None else format_raw(v) for k in set(keys)}
            notes = list(map(memo_n.__getitem__, keys))
        self.notes = notes
        self.plain = ok

    def take(self, start: int, end: int, action_ctx: int | None, codes_seen: dict[str, tuple[int, bool]],
             per_action_count: dict[int, int], data_rows: list[int], present: set[int]
             ) -> tuple[int, int | None, int | None]:
        """Read the plain rows from ``start`` on (at most to ``end``) into the
        score records and the reader's state (``codes_seen``,
        ``per_action_count``, ``data_rows``, ``present``, the weighted rows
        of the cell reader), as the row-by-row reading would. Returns (number
        of rows taken, the action context after them, the row of the Aksi
        cell that named it when one in the run did, else None);
        (0, ``action_ctx``, None) when the row at ``start`` is not plain."""
        i0 = start - self.first
        plain = self.plain
        if not plain[i0]:
            return 0, action_ctx, None
        stop = min(end - self.first + 1, len(plain))
        try:
            j = plain.index(False, i0, stop)
        except ValueError:
            j = stop
        acts = self.actions[i0:j]
        codes = self.codes[i0:j]
        ctx = action_ctx
        n = j - i0
        if self.aksi:
            here = self.here[i0:j]
            if all(here):  # every row names its action (a merged Aksi column): the codes must agree
                if acts != here:
                    n = next(k for k, (a, h) in enumerate(zip(acts, here)) if a != h)
            else:
                for k, (a, h) in enumerate(zip(acts, here)):
                    if h:
                        ctx = h
                    if ctx is not None and a != ctx:
                        n = k
                        break
        if len(set(codes[:n])) != n or not codes_seen.keys().isdisjoint(codes[:n]):
            seen: set[str] = set()
            for k, code in enumerate(codes[:n]):
                if code in codes_seen or code in seen:
                    n = k  # a repeated code: said by the row-by-row reading
                    break
                seen.add(code)
        if not n:
            return 0, action_ctx, None
        i = i0 + n
        named_at = None
        if self.aksi:  # the context after the run: the last action named, else the one before
            last = next((k for k in range(i - 1, i0 - 1, -1) if self.here[k]), None)
            if last is not None:
                ctx, named_at = self.here[last], self.first + last
            else:
                ctx = action_ctx
        rows = range(start, start + n)
        scores = self.scores[i0:i]
        weighted = self.weighted[i0:i]
        codes_seen.update(zip(self.codes[i0:i], zip(rows, repeat(False))))
        for action, count in Counter(self.actions[i0:i]).items():
            per_action_count[action] += count
        present.update(self.actions[i0:i])
        data_rows += rows
        cell = self.cell
        if cell.weighted_col is not None:
            cell.weighted_recs += [(r, w) for r, s, w in zip(rows, scores, weighted) if s[2] == "scored"]
        records = cell.records
        if records.held is not cell._flush:
            records.hold(cell._flush)
        codes, actions, indicators, raws, values, statuses, weights, weighteds, notes, cells = cell.columns
        codes.extend(repeat(self.code, n))
        actions.extend(self.actions[i0:i])
        indicators.extend(self.codes[i0:i])
        raws.extend([s[1] for s in scores])
        values.extend([s[0] for s in scores])
        statuses.extend([s[2] for s in scores])
        weights.extend(self.weights[i0:i])
        weighteds.extend(weighted)
        notes.extend(self.notes[i0:i])
        letter = cell.letter
        cells.extend([f"{letter}{r}" for r in rows])
        cell.pending += n
        return n, ctx, named_at


class _Keyed(tuple):
    """A cell value made a dict key that tells apart what Python's equality
    joins: 1, 1.0 and True; 0.0 and -0.0 (they print apart)."""


def _keys(values: list[Any]) -> list[Any]:
    """``values`` as dict keys for a memo over the distinct values: the
    values themselves when no two of them are equal but read apart, else
    :class:`_Keyed` (type, value, repr) tuples."""
    kinds = set(map(type, values))
    if bool in kinds or {int, float} <= kinds or (float in kinds and 0.0 in values):
        return [_Keyed((type(v), v, repr(v))) for v in values]
    return values


def _value(key: Any) -> Any:
    """The cell value of a key made by :func:`_keys`."""
    return key[1] if type(key) is _Keyed else key


@lru_cache(maxsize=65536)
def _code(kind: type, value: Any, is_no: bool) -> Any:
    """The indicator code of a key cell (:func:`parse_indicator_code`), None
    for a blank or, in a ``No`` column, a whole number (a row number)."""
    if value is None or (is_no and issubclass(kind, int)):
        return None
    return parse_indicator_code(value)


def _plain_code(parsed: Any, actions: frozenset[int]) -> bool:
    """A code the row-by-row reading takes without a finding."""
    return parsed is not None and not parsed.from_float and parsed.action in actions
