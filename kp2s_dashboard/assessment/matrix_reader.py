"""Reading the rows of a matrix table: indicators down, kabupaten/kota across.

:class:`MatrixReader` reads the national form's layout: one row per
indicator, one score column (and possibly a note column) per district;
it reports unknown and repeated district columns and checks ``Jumlah`` /
``Rata-rata`` rows against their columns.
"""

from __future__ import annotations

from kp2s_dashboard.sheets.grid import a1
from kp2s_dashboard.assessment.layouts import Column, classify_label, title_pairs
from kp2s_dashboard.assessment.table_reader import TableReader
from kp2s_dashboard.assessment.values import format_raw, header_kind, looks_like_signature, norm, parse_number
from kp2s_dashboard.errors import Location


class MatrixReader(TableReader):
    """The rows of a matrix table."""

    def read_rows(self) -> None:
        t, sheet = self.table, self.sheet
        code_col = t.first("code")
        text_col = t.first("text")
        no_col = t.first("no")
        score_cols = [c for c in t.by_role("score") if c.district or c.district_error]
        note_cols = {c.district: c for c in t.by_role("note") if c.district}
        default_scale = self.default_scale("matrix")
        assessor = None  # the national form is the panel's; a "Nama Penilai" above the table names one panelist
        for label, value, _ in title_pairs(self.sheet, 1, t.top - 1):
            if classify_label(label) == "assessor" and value is not None and str(value).strip():
                assessor = str(value).strip()
        valid_cols = self.district_columns(score_cols)
        codes_seen: dict[str, tuple[int, bool]] = {}
        data_rows: list[int] = []
        present: set[int] = set()
        for row in range(t.bottom + 1, t.end + 1):
            parsed, source_col = self.indicator_code(row, [code_col, no_col, text_col])
            if parsed is None:
                label = next(
                    (sheet.get(row, c.col, fill=True) for c in (text_col, code_col, no_col) if c and sheet.get(row, c.col) is not None),
                    None,
                )
                if (label is not None and looks_like_signature(label)) or self.row_is_signature(row):
                    break
                if label is not None and header_kind(norm(label)) in ("total", "mean", "final"):
                    self.matrix_total_row(row, header_kind(norm(label)), valid_cols, data_rows)
                    continue
                if self.row_has_values(row, valid_cols):
                    self.report.counts["rows_read"] += 1
                    self.add("err.asm_row_no_key", row, (code_col or text_col or t.columns[0]).col, "error", expected="1,1")
                    for column in valid_cols + [c for c in score_cols if c.district_error]:
                        if self.row_has_values(row, [column]):
                            self.reject(row, column.col, "err.asm_row_no_key")
                continue
            self.report.counts["rows_read"] += 1
            if not self.indicator_ok(parsed, row, source_col, codes_seen, valid_cols + [c for c in score_cols if c.district_error]):
                continue
            data_rows.append(row)
            self.last_data_row = row
            present.add(parsed.action)
            for column in score_cols:
                if column.district_error:
                    self.reject(row, column.col, "err.asm_district_unknown")
                    continue
                note_col = note_cols.get(column.district)
                note = sheet.get(row, note_col.col) if note_col else None
                self.record(
                    row,
                    column,
                    column.scale or default_scale,
                    code=column.district,
                    action=parsed.action,
                    indicator=parsed.code,
                    assessor=column.assessor or assessor,
                    level="indicator",
                    note=format_raw(note),
                )
        self.report_unknown_columns(data_rows)
        self.missing_actions_block(present, None, set(codes_seen))

    def district_columns(self, score_cols: list[Column]) -> list[Column]:
        """Report district columns whose header names no known district and
        districts with two columns (the second one is marked unusable);
        return the usable score columns."""
        reported_districts: set[str] = set()
        for column in score_cols:
            if column.district_error and column.district_error[2] not in reported_districts:
                value, suggestions, cell = column.district_error
                reported_districts.add(cell)
                self.report.add(
                    "err.asm_district_unknown",
                    Location(file=self.file, sheet=self.sheet.name, cell=cell),
                    "error",
                    value=value,
                    suggestions=suggestions or "–",
                )
        districts_seen: dict[str, str] = {}
        valid_cols = []
        for column in score_cols:
            if column.district_error:
                continue
            if column.district in districts_seen and districts_seen[column.district] != column.header_cell:
                self.report.add(
                    "err.asm_duplicate_district",
                    Location(file=self.file, sheet=self.sheet.name, cell=column.header_cell),
                    "error",
                    value=" / ".join(column.path[:-1]) or column.path[0],
                    other=districts_seen[column.district],
                )
                column.district_error = ("", "", column.header_cell)
                continue
            districts_seen.setdefault(column.district, column.header_cell)  # type: ignore[arg-type]
            valid_cols.append(column)
        return valid_cols

    def matrix_total_row(self, row: int, kind: str | None, columns: list[Column], data_rows: list[int]) -> None:
        for column in columns:
            number, raw, ok = self.number_cell(row, column.col, kind or "total")
            if not ok:
                continue
            cells = {a1(d, column.col) for d in data_rows}
            data = self.out.scores.data
            recs = [
                (raw, status, score)
                for sheet, cell, raw, status, score in zip(data["sheet"], data["cell"], data["raw"], data["status"], data["score"])
                if sheet == self.sheet.name and cell in cells
            ]
            numeric = all(parse_number(raw) is not None or status == "not_scored" for raw, status, _ in recs)
            expected = None
            values = [score for _, status, score in recs if status == "scored"]
            values += [self.raw_numbers[(d, column.col)] for d in data_rows if (d, column.col) in self.raw_numbers]
            if numeric and values:
                expected = sum(values) if kind == "total" else (sum(values) / len(values) if kind == "mean" else None)
            self.total(
                row,
                Column(col=column.col, path=column.path, role="total", header_cell=column.header_cell, kind=kind),
                column.district,
                number,  # type: ignore[arg-type]
                raw,
                expected,
                parts=f"{a1(data_rows[0], column.col)}:{a1(data_rows[-1], column.col)}" if data_rows else "",
            )

