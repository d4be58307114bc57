"""Reading one score column of a per-assessor table without a dict per cell.

:class:`_CellReader` is used by
:class:`~kp2s_dashboard.assessment.assessor_reader.AssessorReader` for the
common score cell (a number in scale or a blank, and the row's ``Nilai``
when it is a number); every other cell goes through the general
:meth:`~kp2s_dashboard.assessment.table_reader.TableReader.record` path, so
both give the same rows and findings (tests/test_assessment_fast_rows.py).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from kp2s_dashboard.sheets.grid import a1
from kp2s_dashboard.assessment.instruments import Scale
from kp2s_dashboard.assessment.layouts import Column
from kp2s_dashboard.assessment.table_reader import _tolerance, shown_number, weighted_agrees
from kp2s_dashboard.assessment.values import CodeParse, format_raw

if TYPE_CHECKING:
    from kp2s_dashboard.assessment.assessor_reader import AssessorReader


class _CellReader:
    """One score column of a per-assessor table, read row by row into
    ``scores``: a number in scale or a blank (and the row's ``Nilai``, a
    number) as :meth:`TableReader.record` and
    :meth:`AssessorReader.check_weighted` read them, without building a
    dict per cell; any other cell (text, letter, percent, error, formula
    without a value, out of scale) through those methods.

    The columns that are the same for every cell of the column (years,
    component, assessor, scale, layout, file, sheet) are held back and
    appended per run (:meth:`~kp2s_dashboard.assessment.model.Records.hold`).
    """

    def __init__(
        self,
        reader: AssessorReader,
        column: Column,
        scale: Scale,
        assessor: str | None,
        weighted_col: Column | None,
        weighted_recs: list[tuple[int, float]],
    ):
        self.reader, self.column, self.scale = reader, column, scale
        self.weighted_col, self.weighted_recs = weighted_col, weighted_recs
        sheet = reader.sheet
        self.get = sheet.values.get
        self.errors, self.uncached, self.percent, self.decimals = sheet.errors, sheet.uncached, sheet.percent, sheet.decimals
        self.col = column.col
        self.letter = a1(1, column.col)[:-1]
        self.numbers = scale.kind != "letter"
        self.assessor = column.assessor or assessor
        #: number cell value → (score, raw, in scale) and Nilai value →
        #: (raw, tolerance); one dict per type: 1 and 1.0 are one key but
        #: may print apart
        self.seen: dict[type, dict[Any, tuple]] = {int: {}, float: {}}
        self.seen_weighted: dict[type, dict[Any, tuple]] = {int: {}, float: {}}
        self.records = records = reader.out.scores
        lists = records.lists()
        #: the score columns this reader appends to (code, action, indicator,
        #: raw, score, status, weight, weighted, note, cell), and their appends
        self.columns = tuple(
            lists[name] for name in ("code", "action", "indicator", "raw", "score", "status", "weight", "weighted", "note", "cell")
        )
        self.appends = tuple(values.append for values in self.columns)
        years = reader.years
        constant = {
            "year_assessed": years.year_assessed,
            "period": years.period,
            "component": column.component,
            "assessor": self.assessor,
            "level": "indicator",
            "scale": scale.name,
            "scale_min": scale.min,
            "scale_max": scale.max,
            "layout": reader.table.layout,
            "file": reader.file,
            "sheet": sheet.name,
        }
        self.constant = [(lists[name], value) for name, value in constant.items()]
        #: (score type, score, Nilai type, Nilai, Bobot) → (score, raw, weighted,
        #: mismatch params or None) for a scored cell whose Nilai is a number
        self.combos: dict[tuple, tuple] = {}
        self.pending = 0
        self._flush = self.flush

    def flush(self) -> None:
        """Append the held-back columns of the cells read since the last flush."""
        n, self.pending = self.pending, 0
        if n:
            for values, value in self.constant:
                values += [value] * n

    def read(self, row: int, district: str | None, parsed: CodeParse, weight: float, note: str) -> None:
        key = (row, self.col)
        value = self.get(key)
        kind = type(value)
        errors, uncached, percent = self.errors, self.uncached, self.percent
        if (errors and key in errors) or (uncached and key in uncached) or (percent and key in percent):
            return self.slow(row, district, parsed, weight, note)
        weighted_col = self.weighted_col
        combo = None
        if weighted_col is not None and (kind is int or kind is float) and value and weight:
            # a score, its Nilai and Bobot seen before (non-zero: 0.0 and -0.0 print apart)
            wkey = (row, weighted_col.col)
            number = self.get(wkey)
            wkind = type(number)
            if (
                (wkind is int or wkind is float)
                and number
                and not (uncached and wkey in uncached)
                and not (errors and wkey in errors)
                and not (percent and wkey in percent)
                and not (self.decimals and wkey in self.decimals)
            ):
                combo = (kind, value, wkind, number, weight)
                hit = self.combos.get(combo)
                if hit is not None:
                    score, raw, weighted, mismatch = hit
                    self.weighted_recs.append((row, weighted))
                    if mismatch is not None:
                        self.reader.weighted_mismatch(row, weighted_col, *mismatch)
                    self.append(row, district, parsed, raw, score, "scored", weight, weighted, note)
                    return
        if (kind is int or kind is float) and value == value and self.numbers:
            seen = self.seen[kind]
            hit = seen.get(value) if value else None
            if hit is None:
                number = round(float(value), 10)
                hit = (number, format_raw(value), self.scale.min <= number <= self.scale.max)
                if value:  # 0.0 and -0.0 are one key but print apart
                    seen[value] = hit
            score, raw, in_scale = hit
            if not in_scale:
                return self.slow(row, district, parsed, weight, note)
            status = "scored"
        elif value is None:
            score, raw, status = math.nan, "", "not_scored"
        else:
            return self.slow(row, district, parsed, weight, note)
        weighted = math.nan
        mismatch = None
        if weighted_col is not None and status == "scored":
            wkey = (row, weighted_col.col)
            number = self.get(wkey)
            kind = type(number)
            if (
                (kind is int or kind is float)
                and number == number
                and not (uncached and wkey in uncached)
                and not (errors and wkey in errors)
                and not (percent and wkey in percent)
            ):
                weighted = float(number)
                self.weighted_recs.append((row, weighted))
                if weight == weight:
                    product = score * weight
                    raw_w = format_raw(number)
                    tol = _tolerance(raw_w, self.decimals.get(wkey) if self.decimals else None)
                    if not weighted_agrees(weighted, product, tol):
                        mismatch = (float(number), product, shown_number(raw, score), weight)  # numbers: per language
                        self.reader.weighted_mismatch(row, weighted_col, *mismatch)
                if combo is not None:
                    self.combos[combo] = (score, raw, weighted, mismatch)
            else:
                rec = {"status": status, "score": score, "weight": weight, "raw": raw, "weighted": weighted}
                self.reader.check_weighted(row, rec, weighted_col, self.weighted_recs)
                weighted = rec["weighted"]
        self.append(row, district, parsed, raw, score, status, weight, weighted, note)

    def append(self, row: int, district: str | None, parsed: CodeParse, raw: str, score: float, status: str, weight: float,
               weighted: float, note: str) -> None:
        """One score row into ``scores`` (its constant columns held back)."""
        if self.records.held is not self._flush:
            self.records.hold(self._flush)
        add_code, add_action, add_indicator, add_raw, add_score, add_status, add_weight, add_weighted, add_note, add_cell = self.appends
        add_code(self.column.district or district)
        add_action(parsed.action)
        add_indicator(parsed.code)
        add_raw(raw)
        add_score(score)
        add_status(status)
        add_weight(weight)
        add_weighted(weighted)
        add_note(note)
        add_cell(f"{self.letter}{row}")
        self.pending += 1

    def slow(self, row: int, district: str | None, parsed: CodeParse, weight: float, note: str) -> None:
        """Any cell the fast reading does not take: as TableReader.record
        and AssessorReader.check_weighted read it."""
        reader, column = self.reader, self.column
        rec = reader.score_record(
            row,
            column,
            self.scale,
            code=column.district or district,
            action=parsed.action,
            indicator=parsed.code,
            assessor=self.assessor,
            component=column.component,
            level="indicator",
            weight=weight,
            note=note,
        )
        if rec is None:
            return
        if self.weighted_col is not None:
            reader.check_weighted(row, rec, self.weighted_col, self.weighted_recs)
        reader.out.scores.append(rec)
