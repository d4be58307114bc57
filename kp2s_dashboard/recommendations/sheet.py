"""A round of recommendations from the spreadsheet the assessment team keeps,
and its template.

The sheet has a header row (within its first :data:`HEADER_SCAN_ROWS` rows)
with the columns, in any order and case: ``kabupaten/kota`` (also
``kab/kota``, ``kabupaten``, ``district``), ``aksi``, ``rekomendasi``,
``penanggung jawab``, ``tenggat``, and optionally ``prioritas`` and ``no``.
Every non-empty row below it is one recommendation. The first sheet with
such a header is read (``Rekomendasi`` in the template).

Values as people write them: the district in any spelling
(:func:`kp2s_dashboard.regions.to_code`); the action as ``3``, ``Aksi 3``,
``Aksi 3 Rembuk stunting`` or ``Umum``/empty for a general one; the due date
as a date cell or ``31/03/2026``, ``31-03-2026``, ``2026-03-31``.

Findings (:class:`kp2s_dashboard.errors.Problem`, with file, sheet and cell):
a hidden row or a hidden sheet is read with a warning;
errors drop the row (unknown district or action, no text, no responsible
or one longer than the store keeps, an unreadable date or priority); warnings keep it (a due date before
``today``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from kp2s_dashboard import i18n
from kp2s_dashboard.errors import DataError, KP2SError, Location, Problem
from kp2s_dashboard.regions import registry
from kp2s_dashboard.sheets.cells import Cell, Grid, is_missing, read_grids
from kp2s_dashboard.store.schema import PRIORITIES, recommendation

#: The longest ``responsible`` the store keeps (see :data:`kp2s_dashboard.recommendations.model.RESPONSIBLE_MAX`).
RESPONSIBLE_MAX = recommendation.c.responsible.type.length

HEADER_SCAN_ROWS = 15
SHEET_NAME = "Rekomendasi"
LIST_SHEET = "Daftar"
#: Header spellings (lower case, spaces collapsed) → field.
HEADERS = {
    "kabupaten/kota": "district", "kab/kota": "district", "kabupaten": "district", "kab./kota": "district",
    "district": "district", "wilayah": "district",
    "aksi": "action", "aksi konvergensi": "action", "action": "action",
    "rekomendasi": "text", "recommendation": "text",
    "penanggung jawab": "responsible", "penanggungjawab": "responsible", "perangkat daerah": "responsible",
    "responsible": "responsible",
    "tenggat": "due_date", "tenggat waktu": "due_date", "batas waktu": "due_date", "due date": "due_date",
    "prioritas": "priority", "priority": "priority",
    "no": "no", "no.": "no", "nomor": "no",
}
REQUIRED = ("district", "action", "text", "responsible", "due_date")
GENERAL = ("umum", "general", "semua aksi")
#: Columns of :attr:`Round.rows`.
ROW_COLUMNS = ["no", "district_code", "action", "text", "responsible", "priority", "due_date", "source_row"]


@dataclass
class Round:
    """A parsed round: ``rows`` (DataFrame with :data:`ROW_COLUMNS`:
    ``no`` Int64 (the ``no`` column or <NA>), ``district_code`` str,
    ``action`` Int64 (<NA> general), ``text``/``responsible`` str,
    ``priority`` str or None, ``due_date`` ``datetime.date`` or None,
    ``source_row`` int, the sheet row) and ``problems`` (errors and
    warnings in sheet order). ``file``/``sheet`` name the source."""

    file: str
    sheet: str | None
    rows: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def report(self, lang: str = "en") -> list[str]:
        """Every finding as text with its location (file, sheet, cell)."""
        return [p.render(lang) for p in self.problems]

    def to_records(self, year_assessed: int, period: str = "") -> list[dict]:
        """The rows as keyword dicts for
        :func:`kp2s_dashboard.recommendations.model.add_many`."""
        out = []
        for r in self.rows.itertuples(index=False):
            out.append(dict(year_assessed=year_assessed, period=period, district_code=r.district_code,
                            action=None if pd.isna(r.action) else int(r.action), text=r.text,
                            responsible=r.responsible, priority=r.priority, due_date=r.due_date))
        return out


def _norm(value) -> str:
    return re.sub(r"\s+", " ", str(value or "")).strip().lower()


def _find_header(grid: Grid) -> tuple[int, dict[str, int]] | None:
    for i, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        found = {}
        for cell in row:
            name = HEADERS.get(_norm(cell.value))
            if name and name not in found:
                found[name] = cell.col
        if all(k in found for k in REQUIRED):
            return i, found
    return None


_ACTION = re.compile(r"^(?:aksi\s*(?:ke[- ]?)?)?(\d+)(?:[\s.:\-–].*)?$", re.IGNORECASE)
_DATE_FORMS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y")


def parse_action(value) -> int | None:
    """``3``, ``3.0``, ``"Aksi 3"``, ``"Aksi 3 Rembuk stunting"`` → 3;
    ``None``, ``""``, ``"Umum"`` → ``None`` (general).

    Raises:
        ValueError: anything else, or a number outside 1–8.
    """
    if is_missing(value) or _norm(value) in GENERAL:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= int(value) <= 8:
            return int(value)
        raise ValueError(value)
    match = _ACTION.match(str(value).strip())
    if match and 1 <= int(match.group(1)) <= 8:
        return int(match.group(1))
    raise ValueError(value)


def parse_date(value) -> date | None:
    """A date cell or text in :data:`_DATE_FORMS` → ``datetime.date``;
    empty → ``None``. Raises ValueError otherwise."""
    if is_missing(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for form in _DATE_FORMS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise ValueError(value)


def _cell(by_col: dict[int, Cell], col: int, row_number: int) -> Cell:
    """The cell in column ``col`` (1-based); rows are sparse, so a blank
    cell is made with its address."""
    return by_col.get(col) or Cell(value=None, row=row_number, col=col)


def read_round(path: str | Path, today: date, display_name: str | None = None) -> Round:
    """Read a round from ``path`` (xlsx, xls, ods or csv).

    ``today`` is the date against which due dates are checked (a due date
    before it is a warning). Returns a :class:`Round`; bad rows are left
    out of ``rows`` and named in ``problems``.

    Raises:
        DataError: unreadable file, or no sheet has the header row
            (``rekomendasi.imp.no_header`` naming the columns expected).
    """
    grids = read_grids(path, display_name)
    for grid in sorted(grids, key=lambda g: g.hidden):  # a visible sheet first; a hidden one is read with a warning
        found = _find_header(grid)
        if found is not None:
            break
    else:
        raise DataError("rekomendasi.imp.no_header", Location(file=grids[0].file if grids else str(path)),
                        expected="kabupaten/kota | aksi | rekomendasi | penanggung jawab | tenggat")
    header_index, cols = found
    problems: list[Problem] = []
    rows: list[dict] = []
    first_rows: dict[tuple, int] = {}  # (district, action, text as written, case and spacing aside) → first row
    reg = registry()

    def problem(key: str, cell: Cell, severity: str = "error", **params) -> None:
        problems.append(Problem(key=key, params=params, location=grid.location(cell), severity=severity))

    if grid.hidden:
        problems.append(Problem("rekomendasi.imp.hidden_sheet", location=Location(file=grid.file, sheet=grid.sheet),
                                severity="warning"))

    for i in range(header_index + 1, len(grid.rows)):
        by_col = {c.col: c for c in grid.rows[i]}
        row_number = grid.rows[i][0].row if grid.rows[i] else None
        if row_number is None:
            continue
        cells = {name: _cell(by_col, col, row_number) for name, col in cols.items()}
        if all(is_missing(c.value) for name, c in cells.items() if name != "no"):
            continue
        if row_number in grid.hidden_rows:  # read, as every row; the editor should know it was hidden
            problem("rekomendasi.imp.hidden_row", cells["district"], severity="warning", row=row_number)
        ok = True
        district = cells["district"]
        try:
            code = reg.to_code(district.value, grid.location(district))
            if not reg.get(code).is_district:
                problem("rekomendasi.err.not_district", district, value=str(district.value))
                ok = False
        except KP2SError as err:
            problems.append(err.problem)
            ok = False
        try:
            action = parse_action(cells["action"].value)
        except ValueError:
            problem("rekomendasi.err.action", cells["action"], value=str(cells["action"].value))
            ok = False
        text = "" if is_missing(cells["text"].value) else str(cells["text"].value).strip()
        if not text:
            problem("rekomendasi.err.no_text", cells["text"])
            ok = False
        responsible = "" if is_missing(cells["responsible"].value) else str(cells["responsible"].value).strip()
        if not responsible:
            problem("rekomendasi.err.no_responsible", cells["responsible"])
            ok = False
        elif len(responsible) > RESPONSIBLE_MAX:
            problem("rekomendasi.err.responsible_too_long", cells["responsible"], n=len(responsible),
                    max=RESPONSIBLE_MAX)
            ok = False
        due = None
        try:
            due = parse_date(cells["due_date"].value)
        except ValueError:
            problem("rekomendasi.imp.bad_date", cells["due_date"], value=str(cells["due_date"].value))
            ok = False
        if due is not None and due < today:
            problem("rekomendasi.imp.past_date", cells["due_date"], severity="warning",
                    value=due.isoformat(), today=today.isoformat())
        priority = None
        if "priority" in cells and not is_missing(cells["priority"].value):
            priority = _norm(cells["priority"].value)
            if priority not in PRIORITIES:
                problem("rekomendasi.err.priority", cells["priority"], value=str(cells["priority"].value),
                        expected=", ".join(PRIORITIES))
                ok = False
        no = None
        if "no" in cells and isinstance(cells["no"].value, (int, float)) and not isinstance(cells["no"].value, bool):
            no = int(cells["no"].value)
        if ok:
            same = (code, action, " ".join(text.casefold().split()))
            if same in first_rows:  # a row copied twice would become two recommendations to follow up
                problem("rekomendasi.imp.duplicate", cells["text"], severity="warning", other=first_rows[same])
            else:
                first_rows[same] = row_number
            rows.append({"no": no, "district_code": code, "action": action, "text": text,
                         "responsible": responsible, "priority": priority, "due_date": due, "source_row": row_number})
    frame = pd.DataFrame(rows, columns=ROW_COLUMNS)
    frame["no"] = frame["no"].astype("Int64")
    frame["action"] = frame["action"].astype("Int64")
    frame["source_row"] = frame["source_row"].astype("int64")
    for name in ("priority", "due_date"):
        frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    return Round(file=grid.file, sheet=grid.sheet, rows=frame, problems=problems)


BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_ROW = 4
TEMPLATE_HEADERS = ("No", "Kabupaten/Kota", "Aksi", "Rekomendasi", "Penanggung jawab", "Tenggat", "Prioritas")
ACTION_CHOICES = ("Umum", *(f"Aksi {n}" for n in range(1, 9)))


def write_template(path: str | Path, year_assessed: int, n_rows: int = 100, banner: str | None = None,
                   rows: list[tuple] | None = None) -> Path:
    """Write :func:`template_workbook` to ``path``; returns ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    template_workbook(year_assessed, n_rows, banner, rows).save(path)
    return path


def template_workbook(year_assessed: int, n_rows: int = 100, banner: str | None = None,
                      rows: list[tuple] | None = None) -> openpyxl.Workbook:
    """Write the round template: sheet ``Rekomendasi`` with a title, an
    instruction line (or ``banner``, e.g. the demo mark), the header row
    :data:`TEMPLATE_HEADERS` at row :data:`HEADER_ROW` and ``n_rows`` input
    rows with drop-down lists (district names from a hidden ``Daftar``
    sheet, ``Umum``/``Aksi 1``…``Aksi 8``, priorities) and a date rule on
    *Tenggat*. ``rows`` (tuples in header order) are filled in first (used
    by the demo script); their texts are string cells, never formulas
    (:func:`kp2s_dashboard.export.tables.inert_cells`). Returns the
    workbook."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = SHEET_NAME
    ws.cell(1, 1, i18n.t("rekomendasi.tpl.title", "id", year=year_assessed)).font = Font(bold=True, size=13)
    ws.cell(2, 1, banner or i18n.t("rekomendasi.tpl.instructions", "id")).font = Font(
        italic=True, bold=banner is not None, color="C00000" if banner else None)
    for j, text in enumerate(TEMPLATE_HEADERS, start=1):
        c = ws.cell(HEADER_ROW, j, text)
        c.font, c.fill = BOLD, HEAD_FILL
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for letter, width in zip("ABCDEFG", (5, 22, 12, 60, 22, 13, 11)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    lists = wb.create_sheet(LIST_SHEET)
    names = [r.name for r in registry().districts()]
    for i, name in enumerate(names, start=1):
        lists.cell(i, 1, name)
    for i, choice in enumerate(ACTION_CHOICES, start=1):
        lists.cell(i, 2, choice)
    for i, p in enumerate(PRIORITIES, start=1):
        lists.cell(i, 3, p)
    lists.sheet_state = "hidden"
    filled = list(rows or [])
    last = HEADER_ROW + max(n_rows, len(filled))
    first = HEADER_ROW + 1
    validations = [
        ("B", f"={LIST_SHEET}!$A$1:$A${len(names)}", "rekomendasi.tpl.pick_district"),
        ("C", f"={LIST_SHEET}!$B$1:$B${len(ACTION_CHOICES)}", "rekomendasi.tpl.pick_action"),
        ("G", f"={LIST_SHEET}!$C$1:$C${len(PRIORITIES)}", "rekomendasi.tpl.pick_priority"),
    ]
    for col, formula, key in validations:
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.error, dv.showErrorMessage = i18n.t(key, "id"), True
        ws.add_data_validation(dv)
        dv.add(f"{col}{first}:{col}{last}")
    dv_date = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True)
    dv_date.error, dv_date.showErrorMessage = i18n.t("rekomendasi.tpl.pick_date", "id"), True
    ws.add_data_validation(dv_date)
    dv_date.add(f"F{first}:F{last}")
    for i in range(first, last + 1):
        for j in range(2, 8):
            ws.cell(i, j).fill = INPUT_FILL
        ws.cell(i, 6).number_format = "DD/MM/YYYY"
        ws.cell(i, 4).alignment = Alignment(wrap_text=True, vertical="top")
    for i, values in enumerate(filled, start=first):
        for j, value in enumerate(values, start=1):
            ws.cell(i, j, value)
    from kp2s_dashboard.export.tables import inert_cells  # the one formula-safety rule of every download

    inert_cells(ws)  # a recommendation text "=HYPERLINK(…)" in ``rows`` stays text
    return wb
