"""Formulas without a cached value computed a group at a time (issue 11):
``=D7*E7`` cells of one form down a column and SUM/PRODUCT over plain numbers
take a faster path than one cell at a time. They must give exactly what the
per-cell path gives: same values (and int/float), same cells computed or left
uncached, same order effects (a formula above the column, a chain deeper than
50 formulas). The per-cell path is reached here with the same formulas
written in lower case (read the same; only the grouped path wants them as a
program writes them)."""

from __future__ import annotations

import re
import zipfile

import openpyxl

from kp2s_dashboard.sheets.book import Sheet, read_book
from kp2s_dashboard.sheets.formulas import compute_uncached
from kp2s_dashboard.sheets.xlsx import _scan


def _sheet(formulas: dict[str, str], values: dict[str, object], errors: dict[str, str], lower: bool) -> Sheet:
    def key(ref: str) -> tuple[int, int]:
        letters, digits = re.match(r"([A-Z]+)(\d+)", ref).groups()
        col = 0
        for ch in letters:
            col = col * 26 + ord(ch) - 64
        return int(digits), col

    sheet = Sheet(name="s")
    sheet.values = {key(k): v for k, v in values.items()}
    sheet.formulas = {key(k): (f.lower() if lower else f) for k, f in formulas.items()}
    sheet.uncached = set(sheet.formulas)
    sheet.errors = {key(k): e for k, e in errors.items()}
    return sheet


def _case():
    formulas: dict[str, str] = {}
    values: dict[str, object] = {}
    for r in range(3, 9):
        formulas[f"F{r}"] = f"D{r}*E{r}"  # one group
        formulas[f"I{r}"] = f"B{r}+E{r}"  # a text in B6: the group is left to the per-cell path
        formulas[f"J{r}"] = f"$D$3*E{r}"  # absolute row
        formulas[f"K{r}"] = f"D{r}*K{r + 1}"  # refers to the uncached cell below
        formulas[f"L{r}"] = f"M{r}*M{r}"  # products of 1e16: not a small whole number
        formulas[f"N{r}"] = f"O{r}*E{r}"  # O5 is an error
        values[f"E{r}"] = 2.5
        values[f"M{r}"] = 100_000_000
        values[f"O{r}"] = r
        values[f"B{r}"] = 1
    values["B6"] = "x"
    values.update({"D3": 4, "D4": 3, "D6": 2, "D7": 0.1, "D8": 1})  # D5 blank: counts 0
    values["E7"] = 0.2  # 0.1 * 0.2 rounded to 10 decimals
    formulas["K9"] = "D9*E9"
    formulas["F10"] = "SUM(F3:F8)"
    formulas["F11"] = "PRODUCT(F3:F4)"
    formulas["F12"] = "SUM(F3:F8,I3:I8)"  # I6 cannot be computed: nor can this
    formulas["G2"] = "F3+F4+F5"  # above the group: computed on the way
    formulas["G1"] = "SUM(F3:F8)"
    formulas["P1"] = "SUM(P2:P2)"
    for r in range(2, 52):  # a chain of 51 formulas ending on the group: J8 is 51 deep
        formulas[f"H{r}"] = f"H{r + 1}+Z1"
    formulas["H52"] = "J8+Z1"
    for r in range(2, 41):  # 40 deep: computed
        formulas[f"Q{r}"] = f"Q{r + 1}+Z1"
    formulas["Q41"] = "J7+Z1"
    formulas["R20"] = "J8+R21"  # below J8: the loop has reached J8 and computed it
    formulas["R21"] = "SUM(Z1:Z2)"
    formulas["P2"] = "F4*F5"  # two grouped cells below: not a pair of plain numbers
    return formulas, values, {"O5": "#DIV/0!"}


def _computed(sheet: Sheet) -> tuple:
    compute_uncached(sheet)
    typed = sorted((k, type(v).__name__, v) for k, v in sheet.values.items())
    return typed, sorted(sheet.uncached), sorted(sheet.computed)


def test_grouped_formulas_compute_what_the_per_cell_path_computes():
    formulas, values, errors = _case()
    grouped = _computed(_sheet(formulas, values, errors, lower=False))
    one_by_one = _computed(_sheet(formulas, values, errors, lower=True))
    assert grouped == one_by_one
    got = {k: v for k, _, v in grouped[0]}
    assert [got.get((r, 6)) for r in range(3, 9)] == [10, 7.5, 0, 5, 0.02, 2.5]
    assert type(got[(3, 6)]) is int and type(got[(4, 6)]) is float
    assert got[(10, 6)] == 25.02 and got[(11, 6)] == 75 and got[(2, 7)] == 17.5 and got[(1, 7)] == 25.02
    assert [got.get((r, 9)) for r in range(3, 9)] == [3.5, 3.5, 3.5, None, 1.2, 3.5]  # =B6+E6 with text in B6
    assert (6, 9) in grouped[1] and (12, 6) in grouped[1]  # nor the SUM over it
    assert [got.get((r, 10)) for r in range(3, 9)] == [10, 10, 10, 10, 0.8, 10]
    assert [got.get((r, 11)) for r in range(3, 10)] == [0] * 7
    assert got[(3, 12)] == 10_000_000_000_000_000 and type(got[(3, 12)]) is int
    assert [got.get((r, 14)) for r in range(3, 9)] == [7.5, 10, None, 15, 1.4, 20]
    assert got[(1, 16)] == 0 and got[(2, 16)] == 0
    # the chains: J8 more than 50 formulas deep is not computable for the chain
    # reaching it first (J8 itself is), as one at a time; J7 40 deep is
    assert all((r, 8) in grouped[1] for r in range(2, 53)) and got[(8, 10)] == 10
    assert [got.get((r, 17)) for r in (2, 20, 41)] == [0.8, 0.8, 0.8]
    assert got[(20, 18)] == 10


def test_grouped_formula_column_read_from_a_workbook(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No", "Skor", "Bobot", "Nilai"])
    for r in range(2, 32):
        ws.append([r - 1, (r % 4) + 1, 2.5, f"=B{r}*C{r}"])
    ws["B17"] = "belum"  # a broken row in the middle
    ws["D32"] = "=SUM(D2:D31)"
    ws["E2"] = "=D2+D3"  # refers to two computed cells
    path = tmp_path / "nilai.xlsx"
    wb.save(path)
    sheet = read_book(path).sheets[0]
    expected = {r: ((r % 4) + 1) * 2.5 for r in range(2, 32) if r != 17}
    got = {r: sheet.values.get((r, 4)) for r in range(2, 32)}
    assert got == {r: (int(v) if float(v).is_integer() else v) for r, v in expected.items()} | {17: None}
    assert (17, 4) in sheet.uncached and (32, 4) in sheet.uncached  # the SUM of a broken column is not computed
    assert sheet.values[(2, 5)] == expected[2] + expected[3]
    assert sheet.rows()[2] == ((1, 1), (2, 3), (3, 2.5), (4, 7.5), (5, 17.5))


def _with_shared_formulas(path, sheet_part="xl/worksheets/sheet1.xml") -> None:
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    xml = parts[sheet_part].decode()
    xml = xml.replace("<f>B2*C2</f>", '<f t="shared" ref="D2:D6" si="0">B2*C2</f>')
    for r in range(3, 7):
        xml = xml.replace(f"<f>B{r}*C{r}</f>", '<f t="shared" si="0"/>')
    parts[sheet_part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def test_shared_formulas_are_translated_and_computed(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["No", "Skor", "Bobot", "Nilai"])
    for r in range(2, 7):
        ws[f"A{r}"], ws[f"B{r}"], ws[f"C{r}"], ws[f"D{r}"] = r - 1, r, 0.5, f"=B{r}*C{r}"
    ws["D7"] = "=SUM(D2:D6)"
    path = tmp_path / "bersama.xlsx"
    wb.save(path)
    _with_shared_formulas(path)
    with zipfile.ZipFile(path) as zf:
        assert b'<f t="shared" si="0"/>' in zf.read("xl/worksheets/sheet1.xml")
    sheet = read_book(path).sheets[0]
    assert [sheet.formulas[(r, 4)] for r in range(2, 7)] == [f"B{r}*C{r}" for r in range(2, 7)]
    assert [sheet.values[(r, 4)] for r in range(2, 8)] == [1, 1.5, 2, 2.5, 3, 10]
    assert sheet.uncached == set() and len(sheet.computed) == 6


def test_formula_cells_of_the_sheet_xml_cached_uncached_and_empty_text():
    cells = (
        '<c r="A1"><f>B1*C1</f><v>6</v></c>'  # cached
        '<c r="A2"><f>B2*C2</f><v></v></c>'  # openpyxl: no cached value
        '<c r="A3"><f>B3*C3</f><v/></c>'
        '<c r="A4"><f>B4*C4</f></c>'
        '<c r="A5" t="str"><f>IF(B5,"",1)</f><v></v></c>'  # computed to empty text: a blank
        '<c r="A6" s="1"><f>B6+C6</f><v>  </v></c>'  # only spaces: no cached value
        '<c r="A7"><f>B7*C7</f><v>0</v></c>'
    )
    plain = Sheet(name="p")
    _scan(plain, f"<worksheet><sheetData><row r=\"1\">{cells}</row></sheetData></worksheet>".encode(), None, None)
    assert plain.formulas == {(r, 1): f for r, f in zip(range(1, 8), [
        "B1*C1", "B2*C2", "B3*C3", "B4*C4", 'IF(B5,"",1)', "B6+C6", "B7*C7"])}
    assert plain.uncached == {(2, 1), (3, 1), (4, 1), (6, 1)}
    assert plain._empty_text == {(5, 1)}
    # an entity in one formula: the cells are read one at a time, with the same result
    escaped = Sheet(name="e")
    xml = cells.replace('IF(B5,"",1)', "IF(B5,&quot;&quot;,1)")
    _scan(escaped, f"<worksheet><sheetData><row r=\"1\">{xml}</row></sheetData></worksheet>".encode(), None, None)
    assert (escaped.formulas, escaped.uncached, escaped._empty_text) == (
        plain.formulas, plain.uncached, plain._empty_text)


def test_a_sum_over_many_ranges_counts_them_together():
    """Each range within the bound, but 200,000 cells together: not computed (the cells are listed before
    they are read, so the bound holds for the whole formula), left as a formula without a stored value."""
    many = ",".join(["A1:A50000"] * 4)
    sheet = _sheet({"B1": f"SUM({many})", "B2": "SUM(A1:A50000,A1:A50000)"}, {"A1": 2, "A3": 5}, {}, lower=False)
    compute_uncached(sheet)
    assert sheet.uncached == {(1, 2)}
    assert sheet.values[(2, 2)] == 14  # 100,000 cells together: within the bound, computed
