"""Reading the rows of a rekap table: one row per kabupaten/kota.

:class:`RekapReader` reads the district rows (scores per action or
component, per assessor where the header says so), checks each row's
totals, final score and rank against their parts, checks ``Jumlah`` /
``Rata-rata`` rows below the districts, and names actions without a column.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from kp2s_dashboard.sheets.grid import a1
from kp2s_dashboard.assessment.layouts import Column, district_code, district_suggestions
from kp2s_dashboard.assessment.table_reader import TableReader
from kp2s_dashboard.assessment.values import format_raw, header_kind, is_not_scored, looks_like_signature, norm, parse_number
from kp2s_dashboard.errors import Location, RegionNotFoundError, WeightedSum
from kp2s_dashboard.regions import registry

PROVINCE_ROW_WORDS = ("provinsi", "kalimantan selatan", "kalsel", "prov. kalsel", "rata-rata provinsi")


class RekapReader(TableReader):
    """The rows of a rekap table."""

    def read_rows(self) -> None:
        t, sheet = self.table, self.sheet
        district_col = t.first("district")
        scores = t.by_role("score")
        totals = t.by_role("total")
        default_scale = self.default_scale("rekap")
        seen: dict[str, str] = {}
        data_rows: list[int] = []
        for row in range(t.bottom + 1, t.end + 1):
            label = sheet.get(row, district_col.col, fill=True) if district_col else None
            if label is None:
                if self.row_is_signature(row):
                    break
                if self.row_has_values(row, scores):
                    self.report.counts["rows_read"] += 1
                    self.add("err.asm_row_no_key", row, district_col.col if district_col else t.first_col, "error", expected="kabupaten/kota")
                    for column in scores:
                        if self.row_has_values(row, [column]):
                            self.reject(row, column.col, "err.asm_row_no_key")
                continue
            if looks_like_signature(label):
                break
            text = norm(label)
            kind = header_kind(text)
            if kind in ("total", "mean") or (kind is None and text.startswith("rata-rata") and text not in PROVINCE_ROW_WORDS):
                self.rekap_summary_row(row, "mean" if kind is None else kind, label, data_rows)
                continue
            if kind == "final" or text in PROVINCE_ROW_WORDS:
                continue
            code = district_code(label)
            if code is None and _is_province(label):
                continue  # a province row (mean or total of the province)
            if code is None and not self.row_has_values(row, scores + totals):
                # text without any number below or inside the table (a note,
                # "Keterangan", an unfilled signature line): not a district
                self.report.add(
                    "asm.note_text_row",
                    Location(file=self.file, sheet=sheet.name, cell=a1(row, district_col.col), row=row),
                    "info",
                    value=format_raw(label),
                )
                continue
            self.report.counts["rows_read"] += 1
            if code is None:
                suggestions = district_suggestions(label)
                self.add(
                    "err.asm_district_unknown",
                    row,
                    district_col.col,
                    "error",
                    value=format_raw(label),
                    suggestions=", ".join(suggestions) or "–",
                )
                self.reject_row(row, scores, "err.asm_district_unknown")
                continue
            if code in seen:
                self.add("err.asm_duplicate_district", row, district_col.col, "error", value=format_raw(label), other=seen[code])
                self.reject_row(row, scores, "err.asm_duplicate_district")
                continue
            seen[code] = a1(row, district_col.col)
            data_rows.append(row)
            self.last_data_row = row
            cells: dict[int, dict[str, Any] | None] = {}
            for column in scores:
                scale = column.scale or default_scale
                level = "action" if column.action else "component"
                cells[column.col] = self.record(
                    row,
                    column,
                    scale,
                    code=code,
                    action=column.action,
                    component=column.component,
                    assessor=column.assessor,
                    level=level,
                    weight=column.weight if column.weight is not None else math.nan,
                )
            self.rekap_totals(row, code, cells)
        self.report_unknown_columns(data_rows)
        self.missing_actions_rekap()

    def reject_row(self, row: int, scores: list[Column], key: str) -> None:
        """Reject the score cells of an unusable row that hold something, and
        keep its stated overall totals for the rank check."""
        for column in scores:
            if self.row_has_values(row, [column]):
                self.reject(row, column.col, key)
        for column in self.table.by_role("total"):
            if column.component is not None or column.assessor is not None or column.kind not in ("final", "total", "mean"):
                continue
            key_ = (row, column.col)
            if key_ in self.sheet.uncached or key_ in self.sheet.errors:
                continue
            value = self.sheet.get(row, column.col)
            number = None if is_not_scored(value) else parse_number(value)
            if number is not None:
                self.out.stated.append({"file": self.file, "sheet": self.sheet.name, "kind": column.kind, "value": number})

    def rekap_summary_row(self, row: int, kind: str, label: Any, data_rows: list[int]) -> None:
        """A ``Jumlah``/``Rata-rata`` row below the districts: each of its
        numbers is checked against the sum or mean of its column (scores as
        written, the file's own totals); a note names the row."""
        t = self.table
        district_col = t.first("district")
        self.report.add(
            "asm.note_summary_row",
            Location(file=self.file, sheet=self.sheet.name, cell=a1(row, district_col.col if district_col else t.first_col), row=row),
            "info",
            value=format_raw(label),
        )
        if not data_rows:
            return
        for column in t.by_role("score") + [c for c in t.by_role("total") if c.kind in ("total", "mean", "final")]:
            key = (row, column.col)
            if key not in self.sheet.values and key not in self.sheet.uncached and key not in self.sheet.errors:
                continue
            number, raw, present = self.number_cell(row, column.col, kind)
            if not present:
                continue
            values: list[float] = []
            scores = self.out.scores
            for data_row in data_rows:
                if column.role == "score":
                    index = self.score_index(a1(data_row, column.col))
                    if index is not None and scores.data["status"][index] == "scored":
                        values.append(scores.data["score"][index])
                    elif (data_row, column.col) in self.raw_numbers:
                        values.append(self.raw_numbers[(data_row, column.col)])
                else:
                    rec = next((r for r in self.out.totals if r["sheet"] == self.sheet.name and r["cell"] == a1(data_row, column.col)), None)
                    if rec is not None:
                        values.append(rec["value"])
            if not values:
                continue
            expected = sum(values) if kind == "total" else sum(values) / len(values)
            parts = f"{a1(data_rows[0], column.col)}:{a1(data_rows[-1], column.col)}"
            self.total(row, Column(col=column.col, path=column.path, role="total", header_cell=column.header_cell, kind=kind),
                       None, number, raw, expected, parts=parts, store=False)  # type: ignore[arg-type]

    def missing_actions_rekap(self) -> None:
        t = self.table
        score_cols = t.by_role("score")
        if not any(c.action for c in score_cols):
            return
        groups: dict[tuple[str | None, str | None], set[int]] = defaultdict(set)
        for column in score_cols:
            if column.action:
                groups[(column.component, column.assessor)].add(column.action)
        expected = set(self.instrument.action_numbers())
        for (component, assessor), present in groups.items():
            missing = sorted(expected - present)
            if missing:
                self.report.add(
                    "err.asm_actions_missing_columns",
                    Location(file=self.file, sheet=self.sheet.name, cell=a1(t.key_row, t.first_col)),
                    "warning",
                    actions=", ".join(str(m) for m in missing),
                    group=" / ".join(x for x in (component, assessor) if x) or "–",
                )

    def rekap_totals(self, row: int, code: str, cells: dict[int, dict[str, Any] | None]) -> None:
        t = self.table
        scores = t.by_role("score")
        if scores and not any(
            (rec is not None and rec["status"] == "scored") or (row, col) in self.raw_numbers for col, rec in cells.items()
        ):
            return  # an unfilled row (e.g. a template): its total formulas have nothing to check

        def value_of(column: Column) -> float | None:
            rec = cells.get(column.col)
            if rec is None:
                return self.raw_numbers.get((row, column.col))
            if rec["status"] != "scored":
                return None
            return rec["score"]

        component_values: dict[str, float] = {}
        for column in t.by_role("total"):
            if column.kind == "rank":
                continue
            number, raw, present = self.number_cell(row, column.col, column.kind or "total")
            if not present:
                continue
            expected = None
            parts_desc = ""
            if column.kind in ("total", "mean"):
                chosen, from_totals = self.total_parts(column)
                if from_totals:
                    values = [component_values.get(c.component) for c in chosen]  # type: ignore[arg-type]
                else:
                    values = [value_of(c) for c in chosen]
                values = [v for v in values if v is not None]
                if chosen and values:
                    expected = sum(values) if column.kind == "total" else sum(values) / len(values)
                    parts_desc = _span(chosen, row)
            if column.component and column.kind in ("total", "mean"):
                component_values[column.component] = number  # type: ignore[assignment]
            if column.kind == "final":
                expected, parts_desc = self.final_expected(cells, component_values)
            self.total(row, column, code, number, raw, expected, component=column.component, assessor=column.assessor, parts=parts_desc)  # type: ignore[arg-type]
        for column in t.by_role("total"):
            if column.kind != "rank":
                continue
            number, raw, present = self.number_cell(row, column.col, "rank")
            if present:
                self.total(row, column, code, number, raw, None, kind="rank")  # type: ignore[arg-type]

    def total_parts(self, column: Column) -> tuple[list[Column], bool]:
        """The columns a total/mean column sums or averages, and whether they
        are the file's own component totals (read earlier in the row).

        Overall total: the component totals if the table has them, else the
        action columns without component, else the component columns.
        Component total: its action columns (or its panelist columns); a
        component mean: its panelist columns (or its action columns).
        """
        t = self.table
        scores = t.by_role("score")
        if column.component is None and column.assessor is None:
            comp_totals = [c for c in t.by_role("total") if c.component and c.kind in ("total", "mean") and c.col < column.col]
            if comp_totals:
                return comp_totals, True
            plain = [c for c in scores if c.action and not c.component]
            if plain:
                return plain, False
            return [c for c in scores if c.component and not c.action and not c.assessor], False
        own = [c for c in scores if c.component == column.component and (column.assessor is None or c.assessor == column.assessor)]
        by_action = [c for c in own if c.action]
        by_assessor = [c for c in own if c.assessor and not c.action]
        if column.kind == "mean" and by_assessor:
            return by_assessor, False
        return (by_action or by_assessor or own), False

    def final_expected(self, cells: dict[int, dict[str, Any] | None],
                       component_values: dict[str, float]) -> tuple[float | None, WeightedSum | str]:
        """Σ weight × component value when every component column has a weight
        (from its header or the instrument); otherwise not checkable."""
        t = self.table
        comp_cols = [c for c in t.by_role("score") if c.component and not c.action and not c.assessor]
        values: dict[str, tuple[float, float]] = {}
        for column in comp_cols:
            rec = cells.get(column.col)
            if column.weight is None:
                return None, ""
            if rec is None or rec["status"] != "scored":
                return None, ""
            values[column.component] = (column.weight, rec["score"])  # type: ignore[index]
        if not values:
            weights = {c.component: c.weight for c in t.by_role("total") if c.component and c.kind in ("total", "mean")}
            inst_weights = self.instrument.weights()
            if not component_values or inst_weights is None:
                return None, ""
            for comp, value in component_values.items():
                w = weights.get(comp) or inst_weights.get(comp)
                if w is None:
                    return None, ""
                values[comp] = (w, value)
        total_w = sum(w for w, _ in values.values())
        if not values or abs(total_w - 1) > 0.01:
            return None, ""
        expected = sum(w * v for w, v in values.values())
        desc = WeightedSum(tuple((float(w), comp) for comp, (w, _) in values.items()))  # weights written per language
        return expected, desc


# -- small helpers ------------------------------------------------------------------------------------------
def _span(columns: list[Column], row: int) -> str:
    """The cells of ``columns`` in ``row``: ``C8:J8`` when adjacent, else ``K8, O8``."""
    cols = sorted(c.col for c in columns)
    if cols == list(range(cols[0], cols[-1] + 1)) and len(cols) > 1:
        return f"{a1(row, cols[0])}:{a1(row, cols[-1])}"
    return ", ".join(a1(row, c) for c in cols)


def _is_province(label: Any) -> bool:
    """True for a row label naming the province or Indonesia (a summary row)."""
    try:
        return registry().to_code(label) in ("63", "00")
    except RegionNotFoundError:
        return False


