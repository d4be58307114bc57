"""Reading the rows of a per-assessor table: one block per district and assessor.

:class:`AssessorReader` finds the block's district and assessor (title
pairs above it or the sheet name), reads one row per indicator (codes
derived from ``Aksi n`` headings when the file has none), checks each
``Nilai`` against Skor × Bobot and the block's total rows against their
parts.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from typing import Any

from kp2s_dashboard.sheets.grid import a1
from kp2s_dashboard.assessment.assessor_cells import _CellReader
from kp2s_dashboard.assessment.assessor_runs import PlainRuns
from kp2s_dashboard.assessment.layouts import (
    Column,
    classify_label,
    district_code,
    district_suggestions,
    find_district_in_text,
    title_pairs,
)
from kp2s_dashboard.assessment.table_reader import TableReader, _tolerance, shown_number, weighted_agrees
from kp2s_dashboard.assessment.values import (
    CodeParse,
    format_raw,
    header_action,
    header_assessor,
    header_kind,
    looks_like_signature,
    norm,
    parse_number,
)
from kp2s_dashboard.errors import Location


_UNPARSED = object()


class AssessorReader(TableReader):
    """The blocks of a per-assessor table."""

    def block_context(self) -> tuple[str | None, str | None, str | None]:
        """(district code, assessor, problem cell) for this block from the title
        pairs above it (since the previous table) or the sheet name. A table
        with a district column (``Kabupaten/Kota`` naming the district on every
        row, several districts on one sheet) takes the district from that
        column, row by row (:meth:`row_district`): only the assessor is
        looked for here."""
        t = self.table
        if t.first("district") is not None:
            assessor = None
            for label, value, _cell in title_pairs(self.sheet, 1, t.top - 1):
                if classify_label(label) == "assessor" and value is not None and str(value).strip():
                    assessor = str(value).strip()
            if assessor is None:
                code, rest = find_district_in_text(self.sheet.name)
                assessor = _original_rest(self.sheet.name, rest) if code else _sheet_assessor(self.sheet.name)
            return None, assessor, None
        district = assessor = None
        bad: tuple[str, str] | None = None
        for label, value, cell in title_pairs(self.sheet, 1, t.top - 1):
            kind = classify_label(label)
            if kind == "district" and value is not None:
                code = district_code(value)
                if code:
                    district, bad = code, None
                else:
                    bad = (format_raw(value), cell)
            elif kind == "assessor" and value is not None and str(value).strip():
                assessor = str(value).strip()
        sheet_unknown = False
        if district is None and bad is None:
            code, rest = find_district_in_text(self.sheet.name)
            if code and _is_assessor_rest(rest):
                district = code
                if assessor is None:
                    assessor = _original_rest(self.sheet.name, rest)
            elif code:
                # "P1 Banjar Baru": a district inside the name, but the rest is
                # not an assessor label: the district is not known
                sheet_unknown = True
            elif assessor is None:
                assessor = _sheet_assessor(self.sheet.name)
        elif assessor is None:
            code, rest = find_district_in_text(self.sheet.name)
            assessor = _original_rest(self.sheet.name, rest) if code else _sheet_assessor(self.sheet.name)
        if sheet_unknown:
            words = [w for w in re.split(r"[\s_\-]+", self.sheet.name) if w and header_assessor(w) is None]
            self.report.add(
                "err.asm_district_sheet_unknown",
                Location(file=self.file, sheet=self.sheet.name),
                "error",
                value=self.sheet.name,
                suggestions=", ".join(district_suggestions(" ".join(words) or self.sheet.name)) or "–",
            )
            return None, assessor, "sheet"
        if bad is not None:
            value, cell = bad
            self.report.add(
                "err.asm_district_unknown",
                Location(file=self.file, sheet=self.sheet.name, cell=cell),
                "error",
                value=value,
                suggestions=", ".join(district_suggestions(value)) or "–",
            )
            return None, assessor, cell
        return district, assessor, None

    def row_district(self, row: int, column: Column, reported: set[str]) -> tuple[str | None, str | None]:
        """(district code, None) from the district column at ``row`` (a name
        merged over several rows names each of them), or (None, cell) when
        the cell is empty or names no kabupaten/kota (reported once per cell:
        ``err.asm_district_unknown``, or ``err.asm_no_district`` when empty)."""
        value = self.sheet.get(row, column.col, fill=True)
        cell = a1(row, column.col)
        code = district_code(value) if value is not None else None
        if code is not None:
            return code, None
        if cell not in reported:
            reported.add(cell)
            if value is None:
                self.add("err.asm_no_district", row, column.col, "error")
            else:
                self.add("err.asm_district_unknown", row, column.col, "error", value=format_raw(value),
                         suggestions=", ".join(district_suggestions(format_raw(value))) or "–")
        return None, cell

    def read_rows(self) -> None:
        t, sheet = self.table, self.sheet
        district, assessor, bad_cell = self.block_context()
        district_col = t.first("district")
        district_reported: set[str] = set()
        code_col, no_col, text_col, aksi_col = t.first("code"), t.first("no"), t.first("text"), t.first("aksi")
        score_cols = t.by_role("score")
        weight_col = t.first("weight")
        weighted_col = t.first("weighted")
        note_col = t.first("note")
        default_scale = self.default_scale("assessor")
        if district is None and bad_cell is None and district_col is None and not any(c.district for c in score_cols):
            self.report.add("err.asm_no_district", Location(file=self.file, sheet=sheet.name, cell=a1(t.key_row, t.first_col)), "error")
            bad_cell = "?"
        codes_seen: dict[str, tuple[int, bool]] = {}
        codes_by_district: dict[str, dict[str, tuple[int, bool]]] = {}
        after_total = False
        action_ctx: int | None = None
        action_at: tuple[int, int] | None = None  # the cell that named action_ctx (its merged range's origin)
        per_action_count: dict[int, int] = defaultdict(int)
        data_rows: list[int] = []
        present: set[int] = set()
        derived = False
        # this table's score rows are scores[block_start:]; a total row per
        # district checks the rows since the previous one (segment_start)
        scores = self.out.scores
        block_start = segment_start = len(scores)
        weighted_recs: list[tuple[int, float]] = []
        weighted_start = 0
        key_cols = [code_col, no_col, text_col]
        label_cols = [c for c in (no_col, code_col, aksi_col, text_col) if c is not None]
        values = sheet.values
        get = values.get
        aksi = aksi_col.col if aksi_col is not None else 0
        aksi_merged = self.merged_actions(aksi) if aksi_col is not None else {}
        with_weighted = weighted_col is not None and len(score_cols) == 1
        cells = [
            _CellReader(self, column, column.scale or default_scale, assessor, weighted_col if with_weighted else None, weighted_recs)
            for column in score_cols
        ]
        one_cell = cells[0].read if len(cells) == 1 else None
        # runs of plain rows at once (same rows, same findings: assessor_runs)
        runs = (
            PlainRuns(self, cells[0], key_cols, weight_col, note_col, aksi, aksi_merged, district, t.bottom + 1, t.end)
            if one_cell is not None and district is not None and bad_cell is None and district_col is None
            else None
        )
        skip_to = 0
        rows_read = 0
        for row in range(t.bottom + 1, t.end + 1):
            if row < skip_to:
                continue
            if runs is not None:
                taken, action_ctx, named_at = runs.take(row, t.end, action_ctx, codes_seen, per_action_count, data_rows,
                                                        present)
                if named_at is not None:
                    action_at = (named_at, aksi)
                if taken:
                    rows_read += taken
                    skip_to = row + taken
                    continue
            if aksi:
                action_here = aksi_merged.get(row, _UNPARSED)
                if action_here is _UNPARSED:
                    aksi_value = get((row, aksi))
                    action_here = header_action(str(aksi_value)) if aksi_value is not None else None
                if action_here:
                    action_ctx, action_at = action_here, (row, aksi)
            parsed, source_col = self.indicator_code(row, key_cols)
            if parsed is None:
                label = None
                for c in label_cols:
                    label = get((row, c.col))
                    if label is not None:
                        break
                row_text = " ".join(str(v) for _, v in sheet.row_values(row, t.first_col, t.last_col) if isinstance(v, str))
                if header_action(row_text) and not self.row_has_values(row, score_cols):
                    action_ctx = header_action(row_text)
                    action_at = next(((row, c) for c, v in sheet.row_values(row, t.first_col, t.last_col)
                                      if isinstance(v, str) and v.strip()), (row, t.first_col))
                    continue
                if (label is not None and looks_like_signature(label)) or self.row_is_signature(row):
                    break
                kinds = [header_kind(norm(v)) for _, v in sheet.row_values(row, t.first_col, t.last_col) if isinstance(v, str)]
                kind = next((k for k in kinds if k in ("total", "mean", "final")), None)
                if kind:
                    if district_col is not None:  # a total row per district: the rows since the previous one
                        after_total = True
                        self.assessor_total_row(row, kind, district, assessor, segment_start, weighted_recs[weighted_start:])
                    else:
                        self.assessor_total_row(row, kind, district, assessor, block_start, weighted_recs)
                    continue
                text_value = sheet.get(row, text_col.col) if text_col else None
                if text_value is not None and action_ctx and self.row_has_values(row, score_cols):
                    per_action_count[action_ctx] += 1
                    parsed = CodeParse(f"{action_ctx}.{per_action_count[action_ctx]}", action_ctx)
                    source_col = text_col
                    derived = True
                elif self.row_has_values(row, score_cols):
                    rows_read += 1
                    self.add("err.asm_row_no_key", row, (code_col or no_col or text_col or t.columns[0]).col, "error", expected="1.1")
                    for column in score_cols:
                        if self.row_has_values(row, [column]):
                            self.reject(row, column.col, "err.asm_row_no_key")
                    continue
                else:
                    continue
            else:
                if aksi_col is not None and action_ctx is not None and parsed.action != action_ctx:
                    self.add(
                        "err.asm_action_mismatch",
                        row,
                        source_col.col,
                        "warning",
                        code=parsed.code,
                        action=action_ctx,
                        cell=a1(*sheet.origin(*(action_at or (row, aksi_col.col)))),
                    )
                per_action_count[parsed.action] += 1
            rows_read += 1
            if bad_cell is not None:
                for column in score_cols:
                    self.reject(row, column.col, "err.asm_district_unknown" if bad_cell != "?" else "err.asm_no_district")
                continue
            if district_col is not None:
                district, row_bad = self.row_district(row, district_col, district_reported)
                if row_bad is not None:
                    empty = sheet.get(row, district_col.col, fill=True) is None
                    for column in score_cols:
                        self.reject(row, column.col, "err.asm_no_district" if empty else "err.asm_district_unknown")
                    continue
                seen_here = codes_by_district.setdefault(district, {})
            else:
                seen_here = codes_seen
            if not self.indicator_ok(parsed, row, source_col, seen_here, score_cols):
                continue
            if district_col is not None:
                codes_seen[parsed.code] = seen_here[parsed.code]  # only its codes are used (missing indicators)
            if after_total:
                segment_start, weighted_start, after_total = len(scores), len(weighted_recs), False
            data_rows.append(row)
            present.add(parsed.action)
            weight = math.nan
            if weight_col is not None:
                w = get((row, weight_col.col))
                kind_w = type(w)
                if kind_w is float:
                    if w == w:
                        weight = w
                elif kind_w is int:
                    weight = float(w)
                elif w is not None:
                    w = parse_number(w)
                    if w is not None:
                        weight = w
            note = ""
            if note_col is not None:
                note_value = get((row, note_col.col))
                if note_value is not None:
                    note = format_raw(note_value)
            if one_cell is not None:
                one_cell(row, district, parsed, weight, note)
            else:
                for cell in cells:
                    cell.read(row, district, parsed, weight, note)
        self.report.counts["rows_read"] += rows_read
        if data_rows:
            self.last_data_row = data_rows[-1]
        if derived:
            self.report.add("asm.note_codes_derived", Location(file=self.file, sheet=sheet.name), "info")
        self.report_unknown_columns(data_rows)
        self.missing_actions_block(present, self.sheet.name, set(codes_seen))

    def merged_actions(self, col: int) -> dict[int, int | None]:
        """Row → action number (:func:`header_action`, or None) of column
        ``col`` for the rows where it lies in a merged range: the range's
        value, as ``sheet.get(row, col, fill=True)`` gives it."""
        sheet = self.sheet
        out: dict[int, int | None] = {}
        for r1, c1, r2, c2 in sheet.merged:  # a later range wins where two overlap, as in Sheet.index_merges
            if c1 <= col <= c2:
                value = sheet.values.get((r1, c1))
                out.update(dict.fromkeys(range(r1, r2 + 1), header_action(str(value)) if value is not None else None))
        return out

    def check_weighted(self, row: int, rec: dict[str, Any], weighted_col: Column, weighted_recs: list[tuple[int, float]]) -> None:
        if rec["status"] != "scored":
            return
        number, raw, present = self.number_cell(row, weighted_col.col, "weighted")
        if not present:
            return
        rec["weighted"] = number
        weighted_recs.append((row, number))  # type: ignore[arg-type]
        if rec["status"] != "scored" or math.isnan(rec["weight"]):
            return
        product = rec["score"] * rec["weight"]
        tol = _tolerance(raw, self.sheet.decimals.get((row, weighted_col.col)))
        if not weighted_agrees(number, product, tol):  # type: ignore[arg-type]
            self.weighted_mismatch(row, weighted_col, shown_number(raw, number), product,
                                   shown_number(rec["raw"], rec["score"]), rec["weight"])

    def weighted_mismatch(self, row: int, weighted_col: Column, raw: float | str, product: float, score_raw: float | str,
                          weight: float) -> None:
        self.add(
            "err.asm_weighted_mismatch",
            row,
            weighted_col.col,
            "error",
            value=raw,
            expected=float(product),
            score=score_raw,
            weight=float(weight),
        )

    def assessor_total_row(
        self,
        row: int,
        kind: str,
        district: str | None,
        assessor: str | None,
        first: int,
        weighted_recs: list[tuple[int, float]],
    ) -> None:
        """Check a ``Jumlah``/``Rata-rata`` row against the score rows read
        since ``scores[first]`` (and their weighted values ``weighted_recs``)."""
        t = self.table
        data = self.out.scores.data
        statuses = data["status"][first:]
        if "scored" not in statuses:
            return  # nothing scored in this block: its total formulas have nothing to check
        weighted_col = t.first("weighted")
        score_cols = t.by_role("score")
        targets = ([weighted_col] if weighted_col else []) + score_cols
        for column in targets:
            number, raw, present = self.number_cell(row, column.col, kind)
            if not present:
                continue
            if column is weighted_col:
                values = [v for _, v in weighted_recs]
                first_last = (weighted_recs[0][0], weighted_recs[-1][0]) if weighted_recs else None
                what = "weighted"
            else:
                letter = a1(row, column.col).rstrip("0123456789")
                recs = [
                    (cell, status, score)
                    for cell, status, score in zip(data["cell"][first:], statuses, data["score"][first:])
                    if cell.rstrip("0123456789") == letter
                ]
                values = [score for _, status, score in recs if status == "scored"]
                rows = [int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) for cell, _, _ in recs]
                out_of_scale = [(r, v) for (r, c), v in self.raw_numbers.items() if c == column.col and r < row]
                values += [v for _, v in out_of_scale]
                rows += [r for r, _ in out_of_scale]
                first_last = (min(rows), max(rows)) if rows else None
                what = "score"
            expected = None
            if values and kind in ("total", "mean"):
                expected = sum(values) if kind == "total" else sum(values) / len(values)
            parts = f"{a1(first_last[0], column.col)}:{a1(first_last[1], column.col)}" if first_last else ""
            self.total(
                row,
                Column(col=column.col, path=column.path, role="total", header_cell=column.header_cell, kind=kind),
                column.district or district,
                number,  # type: ignore[arg-type]
                raw,
                expected,
                assessor=column.assessor or assessor,
                component="__weighted__" if what == "weighted" else column.component,
                parts=parts,
            )


# -- the sheet name as district and assessor -----------------------------------------------------------------
def _is_assessor_rest(rest: str) -> bool:
    """True when what is left of a sheet name once the district is removed is
    nothing or an assessor label (``P1``, ``Penilai 2``, ``Panelis A``)."""
    rest = re.sub(r"\s+", " ", rest).strip()
    return not rest or header_assessor(rest) is not None


def _original_rest(sheet_name: str, rest: str) -> str | None:
    """The part of a sheet name left once the district is removed, in its
    original spelling (``"P1 Tapin"`` → ``"P1"``)."""
    if not rest:
        return None
    words = [w for w in re.split(r"[\s_\-]+", sheet_name) if w]
    keep = [w for w in words if w.lower() in rest.split()]
    return " ".join(keep) or rest


def _sheet_assessor(sheet_name: str) -> str | None:
    """A sheet name used as the assessor label, unless it is a default name
    (``Sheet1``, ``Lembar1``)."""
    if re.fullmatch(r"(sheet|lembar|sheet\s*\d+|lembar\s*\d+)\s*\d*", sheet_name.strip().lower()):
        return None
    return sheet_name.strip()
