"""The synthetic demo round (issue 10, point 5) and the board's source."""

from __future__ import annotations

from datetime import date

import openpyxl
import pandas as pd
import pytest

from kp2s_dashboard.errors import DataError
from kp2s_dashboard.recommendations import board as B
from kp2s_dashboard.recommendations import demo as D
from kp2s_dashboard.recommendations import model as M
from kp2s_dashboard.regions import registry
from tests.store_fixtures import new_store_url, store, store_url  # noqa: F401

AS_OF = date(2026, 12, 4)  # "today" of the demo: see test_demo_round_looks_like_a_round_in_progress


def test_same_seed_same_round_and_the_file_in_the_repository_is_that_round(tmp_path):
    assert D.build(2024) == D.build(2024) and D.build(2024) != D.build(7)
    fresh = D.load(D.write(tmp_path / "demo.xlsx", D.DEMO_SEED))
    shipped = D.load(D.DEMO_FILE)
    pd.testing.assert_frame_equal(fresh[0], shipped[0])
    pd.testing.assert_frame_equal(fresh[1], shipped[1])


def test_demo_file_is_marked_as_sample_data():
    wb = openpyxl.load_workbook(D.DEMO_FILE)
    assert wb.properties.keywords == "kp2s:synthetic"
    for name in ("Rekomendasi", "Tindak lanjut"):
        assert wb[name]["A2"].value == "Data contoh — bukan hasil resmi"


def test_demo_board_counts_match_the_generated_rows():
    """The board read from the file agrees with a plain count over the rows
    the generator wrote (latest follow-up on or before the date wins)."""
    rows, followups = D.build(D.DEMO_SEED)
    names = {r.name: r.code for r in registry().districts()}
    latest: dict[int, str] = {}
    for no, day, status, _ in sorted(followups, key=lambda f: f[1]):
        if day <= AS_OF:
            latest[no] = status
    expected: dict[str, list[int]] = {}
    for no, name, _aksi, _text, _who, due, _prio in rows:
        status = latest.get(no, "belum_ditindaklanjuti")
        c = expected.setdefault(names[name], [0, 0, 0, 0, 0, 0])
        c[["belum_ditindaklanjuti", "dalam_proses", "selesai", "tidak_dapat_ditindaklanjuti"].index(status)] += 1
        c[4] += int(status in ("belum_ditindaklanjuti", "dalam_proses") and due.date() < AS_OF)
        c[5] += 1
    recs, entries = D.load()
    totals = B.totals_by_district(B.board(recs, entries, AS_OF)).set_index("district_code")
    assert {k: list(v) for k, v in totals[B.COUNT_COLUMNS].iterrows()} == expected
    assert len(recs) == len(rows) == 38 and len(entries) == len(followups) == 48
    # some of everything, so the demo shows every column
    assert (totals[B.COUNT_COLUMNS].sum() > 0).all()
    oldest = B.oldest_open(recs, entries, AS_OF)
    assert oldest["due_date"].is_monotonic_increasing and oldest["overdue"].iloc[0]


def test_board_source_falls_back_to_the_demo_only_when_the_store_has_none(store):
    first = D.board_source(store)
    assert first.demo and len(first.recs) == 38
    M.add(store, year_assessed=2025, district_code="6305", action=2, text="Susun regulasi", responsible="DPMD",
          who="budi", due_date=date(2026, 6, 30))
    second = D.board_source(store)
    assert not second.demo and list(second.recs["district_code"]) == ["6305"]
    assert D.board_source(None).demo


def test_a_bad_follow_up_row_names_its_cell(tmp_path):
    path = D.write(tmp_path / "demo.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Tindak lanjut"]["A7"] = 999
    wb.save(path)
    with pytest.raises(DataError) as info:
        D.load(path)
    assert "sheet Tindak lanjut, cell A7" in str(info.value)


def test_the_demo_round_is_not_served_as_an_assessment_workbook():
    from kp2s_dashboard.store import datastore

    names = [f.path.name for f in datastore.current_files("assessment")]
    assert D.DEMO_FILE.name not in names and len(names) == 3


def test_demo_round_looks_like_a_round_in_progress_at_the_end_of_2026():
    """Regression: the first demo had every unfinished recommendation
    overdue by December 2026. Now the board shows a mix on that day."""
    recs, entries = D.load()
    totals = B.board(recs, entries, date(2026, 12, 4))[B.COUNT_COLUMNS].sum()
    got = {c: int(totals[c]) for c in B.COUNT_COLUMNS}
    assert got == {"open": 7, "in_progress": 14, "done": 15, "not_possible": 2, "overdue": 12, "total": 38}
    assert got["overdue"] < got["open"] + got["in_progress"]  # some unfinished ones are not due yet
    assert entries["entry_date"].max() <= D.REFERENCE
