"""The three synthetic demonstration workbooks in data/demo."""

from __future__ import annotations

import importlib.util

import pytest

from kp2s_dashboard import paths
from kp2s_dashboard.assessment import load_workbook
from kp2s_dashboard.assessment import comparisons as cmp
from kp2s_dashboard.assessment import scoring as sc

DEMO = paths.PROJECT_DIR / "data" / "demo"
SCRIPT = paths.PROJECT_DIR / "scripts" / "make_demo_workbooks.py"


def _script():
    spec = importlib.util.spec_from_file_location("make_demo_workbooks", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_script_reproduces_the_shipped_files(tmp_path):
    written = _script().make_all(tmp_path)
    assert [p.name for p in written] == ["contoh_rekap_2024.xlsx", "contoh_matriks_2024.xlsx", "contoh_penilai_2024.xlsx"]
    for path in written:
        # Compare content, not bytes: openpyxl stamps the save time into the zip and docProps.
        assert _cells(path) == _cells(DEMO / path.name), path.name


def _cells(path):
    from openpyxl import load_workbook as open_xlsx

    book = open_xlsx(path)
    out = {}
    for ws in book.worksheets:
        out[ws.title] = (
            [[c.value for c in row] for row in ws.iter_rows()],
            sorted(str(r) for r in ws.merged_cells.ranges),
            ws.sheet_state,
        )
    out["_keywords"] = book.properties.keywords
    return out


@pytest.mark.parametrize(
    ("name", "layout", "cells", "not_scored"),
    [
        ("contoh_rekap_2024.xlsx", "rekap", 13 * (8 + 3), 1),
        ("contoh_matriks_2024.xlsx", "matrix", 13 * 30, 0),
        ("contoh_penilai_2024.xlsx", "assessor", 3 * 13 * 30, 0),
    ],
)
def test_demo_workbooks_load_clean_and_synthetic(name, layout, cells, not_scored):
    result = load_workbook(DEMO / name)
    assert result.report.clean, [p.render("en") for p in result.report.problems]
    assert result.synthetic is True
    assert result.meta["layouts"] == [layout]
    assert (result.meta["year_assessed"], result.meta["period"]) == (2024, 2023)
    counts = result.report.counts
    assert counts["cells_read"] == cells
    assert counts["cells_not_scored"] == not_scored and counts["cells_rejected"] == 0
    assert sorted(set(result.scores["code"])) == sorted(
        ["6301", "6302", "6303", "6304", "6305", "6306", "6307", "6308", "6309", "6310", "6311", "6371", "6372"]
    )
    assert result.totals["agrees"].dropna().all()


def test_demo_rekap_ranks_follow_its_totals():
    result = load_workbook(DEMO / "contoh_rekap_2024.xlsx")
    totals = sc.district_totals(result)
    assert set(totals["total_source"]) == {"workbook"}
    ranked = sc.ranking(totals, 2024)
    assert list(ranked["rank"]) == list(ranked["rank_workbook"])
    balangan_a8 = result.scores[(result.scores["code"] == "6311") & (result.scores["action"] == 8)].iloc[0]
    assert balangan_a8["status"] == "not_scored" and balangan_a8["raw"] == "-"
    assert sc.action_components(result) == ["dokumen"]
    assert sc.action_matrix(result, "dokumen").shape == (13, 8)
    assert result.report.find("asm.note_weights_unknown")


def test_demo_matrix_has_ten_indicators_in_aksi_1():
    result = load_workbook(DEMO / "contoh_matriks_2024.xlsx")
    codes = result.scores.loc[result.scores["code"] == "6301", "indicator"].tolist()
    assert codes[:10] == [f"1.{k}" for k in range(1, 11)]
    assert set(result.scores["raw"]) <= {"A", "B", "C", "D"}
    assert result.meta["panel"] == ["Panelis Contoh A", "Panelis Contoh B", "Panelis Contoh C"]


def test_demo_assessor_totals_are_the_workbook_sums():
    result = load_workbook(DEMO / "contoh_penilai_2024.xlsx")
    totals = sc.district_totals(result)
    assert (totals["total_workbook"] - totals["total_computed"]).abs().max() < 1e-9
    assert set(result.scores["assessor"]) == {"Penilai 1", "Penilai 2", "Penilai 3"}
    spread = cmp.assessor_spread(result, by="district")
    assert len(spread) == 13 and (spread["n_items"] == 30).all()
