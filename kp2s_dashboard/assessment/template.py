"""Empty assessment workbooks that teams fill in, in layouts the loader reads.

    python -m kp2s_dashboard.assessment.template --year 2025 --layout rekap --out rekap_2025.xlsx
    python -m kp2s_dashboard.assessment.template --year 2025 --layout assessor --assessors 3 --out penilai_2025.xlsx

``rekap``: districts down (names pre-filled, each cell a drop-down of the
13 registry names), ``Aksi 1`` … ``Aksi 8`` across (optionally one group
per component), ``Jumlah`` (a ``SUM`` formula; only without components,
because component weights are unknown), ``Nilai Akhir``, ``Peringkat``,
``Keterangan``.

``assessor``: one sheet per panelist and district (``P1 Tapin``) with
``No | Aksi | Indikator | Skor (a–b) | Bobot (%) | Nilai | Catatan``; the
instrument's indicators, or placeholder codes ``1.1`` … when it lists
none; ``Nilai = Skor × Bobot`` and a ``Jumlah`` row as formulas.

Every score cell has a drop-down (letters, whole numbers of a short scale)
or an input rule (0–100) that also accepts ``-`` for "not scored".
Indicator codes are written as text so Excel cannot turn ``1,10`` into
``1,1``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from kp2s_dashboard import i18n
from kp2s_dashboard.assessment.instruments import Instrument, Scale, load_instrument
from kp2s_dashboard.regions import registry

LAYOUTS = ("rekap", "assessor")
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
WRAP = Alignment(wrap_text=True, vertical="center", horizontal="center")
LIST_SHEET = "Daftar"


def _district_list(wb: openpyxl.Workbook) -> str:
    """A hidden sheet with the 13 names; returns the range for drop-downs."""
    ws = wb.create_sheet(LIST_SHEET)
    ws.cell(1, 1, "Kabupaten/Kota")
    names = [r.name for r in registry().districts()]
    for i, name in enumerate(names, start=2):
        ws.cell(i, 1, name)
    ws.sheet_state = "hidden"
    return f"{LIST_SHEET}!$A$2:$A${len(names) + 1}"


def _score_validation(scale: Scale, first_cell: str) -> DataValidation:
    """Drop-down or rule for score cells on ``scale``; ``-`` always allowed."""
    if scale.kind == "letter":
        items = ",".join(list(scale.grades) + ["-"])
        dv = DataValidation(type="list", formula1=f'"{items}"', allow_blank=True)
    elif scale.max - scale.min <= 10 and float(scale.min).is_integer() and float(scale.max).is_integer():
        items = ",".join(str(v) for v in range(int(scale.min), int(scale.max) + 1)) + ",-"
        dv = DataValidation(type="list", formula1=f'"{items}"', allow_blank=True)
    else:
        low, high = _num(scale.min), _num(scale.max)
        rule = f'OR({first_cell}="-",AND(ISNUMBER({first_cell}),{first_cell}>={low},{first_cell}<={high}))'
        dv = DataValidation(type="custom", formula1=rule, allow_blank=True)
    dv.error = f"Nilai harus {scale.describe()} atau '-' (tidak dinilai)"
    dv.errorTitle = "Nilai tidak valid"
    dv.prompt = f"Skala {scale.describe()}; '-' bila tidak dinilai"
    dv.showErrorMessage = True
    dv.showInputMessage = True
    return dv


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _title_block(ws, instrument: Instrument, year: int, last_col: int, extra: list[tuple[str, str]]) -> tuple[int, dict[str, str]]:
    """Title and ``label | : | value`` rows; returns the first free row (after a
    gap) and the value cell of each label."""
    ws.cell(1, 1, i18n.t("asm.tpl.title", "id").upper()).font = BOLD
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_col)
    period = instrument.period if instrument.year_assessed == year and instrument.period else year - 1
    rows = [("Tahun penilaian", str(year)), ("Periode yang dinilai", str(period)), ("Provinsi", "Kalimantan Selatan"), *extra]
    cells: dict[str, str] = {}
    r = 2
    for label, value in rows:
        ws.cell(r, 1, label)
        ws.cell(r, 2, ":")
        if value:
            ws.cell(r, 3, value)
        else:
            ws.cell(r, 3).fill = INPUT_FILL
        cells[label] = f"C{r}"
        r += 1
    ws.cell(r, 1, i18n.t("asm.tpl.instructions", "id")).font = Font(italic=True)
    return r + 2, cells


def _style_header(ws, rows: range, last_col: int) -> None:
    for r in rows:
        for c in range(1, last_col + 1):
            cell = ws.cell(r, c)
            cell.font, cell.fill, cell.alignment = BOLD, HEAD_FILL, WRAP


def write_rekap(path: str | Path, year: int, components: list[str] | None = None, instrument: Instrument | None = None) -> Path:
    """Write the rekap template; returns the path.

    Raises:
        KeyError: a component code the instrument does not know.
    """
    instrument = instrument or load_instrument(year)
    groups: list[str | None] = list(components) if components else [None]
    for code in groups:
        if code is not None and instrument.component(code) is None:
            raise KeyError(code)
    actions = instrument.action_numbers()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rekap"
    n_score = len(actions) * len(groups)
    first_score = 3
    after = first_score + n_score
    extra_cols = ["Jumlah"] if components is None else []
    extra_cols += ["Nilai Akhir", "Peringkat", "Keterangan"]
    last_col = after + len(extra_cols) - 1
    head, _ = _title_block(ws, instrument, year, last_col, [])
    scale = instrument.layout_scale("rekap")
    group_row, sub_row = head, head + 1
    for col, text in ((1, "No"), (2, "Kabupaten/Kota")):
        ws.cell(group_row, col, text)
        ws.merge_cells(start_row=group_row, start_column=col, end_row=sub_row, end_column=col)
    col = first_score
    for code in groups:
        label = instrument.component(code).name if code else "Nilai per Aksi"  # type: ignore[union-attr]
        ws.cell(group_row, col, f"{label} ({scale.describe().replace('–', '-')})")
        ws.merge_cells(start_row=group_row, start_column=col, end_row=group_row, end_column=col + len(actions) - 1)
        for number in actions:
            ws.cell(sub_row, col, f"Aksi {number} {instrument.action_name(number)}")
            col += 1
    for offset, text in enumerate(extra_cols):
        ws.cell(group_row, after + offset, text)
        ws.merge_cells(start_row=group_row, start_column=after + offset, end_row=sub_row, end_column=after + offset)
    _style_header(ws, range(group_row, sub_row + 1), last_col)
    ws.row_dimensions[sub_row].height = 60
    district_range = _district_list(wb)
    dv_district = DataValidation(type="list", formula1=f"={district_range}", allow_blank=False)
    dv_district.error = "Pilih nama kabupaten/kota dari daftar"
    dv_district.showErrorMessage = True
    ws.add_data_validation(dv_district)
    first_row = sub_row + 1
    districts = registry().districts()
    last_row = first_row + len(districts) - 1
    dv_score = _score_validation(scale, f"{get_column_letter(first_score)}{first_row}")
    ws.add_data_validation(dv_score)
    for i, region in enumerate(districts):
        r = first_row + i
        ws.cell(r, 1, i + 1)
        ws.cell(r, 2, region.name)
        for c in range(first_score, after):
            ws.cell(r, c).fill = INPUT_FILL
        if components is None:
            ws.cell(r, after, f"=SUM({get_column_letter(first_score)}{r}:{get_column_letter(after - 1)}{r})")
    dv_district.add(f"B{first_row}:B{last_row}")
    dv_score.add(f"{get_column_letter(first_score)}{first_row}:{get_column_letter(after - 1)}{last_row}")
    sign = last_row + 3
    ws.cell(sign, max(2, last_col - 3), "Banjarbaru, ……………… " + str(year))
    ws.cell(sign + 1, max(2, last_col - 3), "Ketua Tim Penilai")
    ws.column_dimensions["B"].width = 32
    path = Path(path)
    wb.save(path)
    return path


def write_assessor(
    path: str | Path,
    year: int,
    assessors: int = 3,
    indicators_per_action: int = 3,
    instrument: Instrument | None = None,
) -> Path:
    """Write the per-assessor template: one sheet per panelist and district."""
    instrument = instrument or load_instrument(year)
    if assessors < 1:
        raise ValueError("assessors must be at least 1")
    scale = instrument.layout_scale("assessor")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    district_range = _district_list(wb)
    headers = ("No", "Aksi", "Indikator", f"Skor ({scale.describe().replace('–', '-')})", "Bobot (%)", "Nilai", "Catatan")
    for a in range(1, assessors + 1):
        for region in registry().districts():
            title = f"P{a} {region.short_name}" if assessors > 1 else region.short_name
            ws = wb.create_sheet(title[:31])
            wb.move_sheet(ws, offset=-1)  # keep the list sheet last
            head, cells = _title_block(ws, instrument, year, len(headers), [("Nama Penilai", ""), ("Kabupaten/Kota", region.name)])
            dv_district = DataValidation(type="list", formula1=f"={district_range}", allow_blank=False)
            ws.add_data_validation(dv_district)
            dv_district.add(cells["Kabupaten/Kota"])
            for c, text in enumerate(headers, start=1):
                ws.cell(head, c, text)
            _style_header(ws, range(head, head + 1), len(headers))
            r = head + 1
            first = r
            dv_score = _score_validation(scale, f"D{first}")
            ws.add_data_validation(dv_score)
            for number in instrument.action_numbers():
                listed = [i for i in instrument.indicators if i.action == number]
                codes = [(i.code, i.text) for i in listed] or [(f"{number}.{k}", "") for k in range(1, indicators_per_action + 1)]
                start = r
                for code, text in codes:
                    ws.cell(r, 1, code).number_format = "@"
                    ws.cell(r, 3, text)
                    for c in (4, 5):
                        ws.cell(r, c).fill = INPUT_FILL
                    ws.cell(r, 6, f'=IF(ISNUMBER(D{r}),D{r}*E{r},"")')
                    r += 1
                ws.cell(start, 2, f"Aksi {number} {instrument.action_name(number)}").alignment = WRAP
                if r - 1 > start:
                    ws.merge_cells(start_row=start, start_column=2, end_row=r - 1, end_column=2)
            dv_score.add(f"D{first}:D{r - 1}")
            ws.cell(r, 3, "Jumlah").font = BOLD
            ws.cell(r, 5, f"=SUM(E{first}:E{r - 1})")
            ws.cell(r, 6, f"=SUM(F{first}:F{r - 1})")
            ws.cell(r + 3, 5, "Banjarbaru, ……………… " + str(year))
            ws.cell(r + 4, 5, "Penilai")
            ws.column_dimensions["B"].width = 24
            ws.column_dimensions["C"].width = 48
    path = Path(path)
    wb.save(path)
    return path


def write_template(path: str | Path, year: int, layout: str = "rekap", **options) -> Path:
    """Write an empty workbook in ``layout`` (``rekap`` | ``assessor``) for the
    assessment held in ``year``. Options: ``components`` (rekap),
    ``assessors`` and ``indicators_per_action`` (assessor).

    Raises:
        ValueError: unknown layout.
    """
    if layout == "rekap":
        return write_rekap(path, year, components=options.get("components"))
    if layout == "assessor":
        return write_assessor(
            path, year, assessors=options.get("assessors", 3), indicators_per_action=options.get("indicators_per_action", 3)
        )
    raise ValueError(f"layout must be one of {LAYOUTS}")


def main(argv: list[str] | None = None) -> int:
    """Command line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m kp2s_dashboard.assessment.template", description="Write an empty KP2S assessment workbook.")
    parser.add_argument("--year", type=int, required=True, help="year the assessment is held (tahun penilaian)")
    parser.add_argument("--layout", choices=LAYOUTS, default="rekap")
    parser.add_argument("--out", type=Path, required=True, help="output .xlsx file")
    parser.add_argument("--components", default="", help="rekap: comma-separated component codes, e.g. dokumen,paparan")
    parser.add_argument("--assessors", type=int, default=3, help="assessor: number of panelists")
    parser.add_argument("--indicators", type=int, default=3, help="assessor: placeholder indicators per action when the instrument lists none")
    args = parser.parse_args(argv)
    if args.out.suffix.lower() != ".xlsx":
        parser.error("--out must end in .xlsx")
    components = [c.strip() for c in args.components.split(",") if c.strip()] or None
    try:
        path = write_template(
            args.out, args.year, args.layout, components=components, assessors=args.assessors, indicators_per_action=args.indicators
        )
    except KeyError as exc:
        parser.error(f"unknown component {exc}")
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
