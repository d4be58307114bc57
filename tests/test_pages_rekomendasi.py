"""The Rekomendasi page: the board from the demo round when the store has
none (bannered), from the store when it has some; both languages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from kp2s_dashboard.recommendations import board as B
from kp2s_dashboard.recommendations import demo as D
from kp2s_dashboard.recommendations import model as M
from kp2s_dashboard.store import Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
AS_OF = date(2026, 4, 1)


def run(lang="id", as_of=AS_OF, **params):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("pages/rekomendasi.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    at.date_input(key="rek_as_of").set_value(as_of).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.mark.parametrize("lang", ["id", "en"])
def test_demo_board_is_bannered_and_counts_agree_with_the_board(lang):
    at = run(lang)
    assert at.title[0].value == ("Rekomendasi dan tindak lanjut" if lang == "id" else "Recommendations and follow-up")
    assert any(("Data contoh" if lang == "id" else "Sample data") in w.value for w in at.warning)
    recs, entries = D.load()
    totals = B.board(recs, entries, AS_OF)[B.COUNT_COLUMNS].sum()
    shown = [int(m.value) for m in at.metric]
    assert shown == [int(totals[c]) for c in B.COUNT_COLUMNS]
    assert shown[-1] == 38
    board_frame, open_frame = at.dataframe[0].value, at.dataframe[1].value
    assert len(board_frame) == len(B.board(recs, entries, AS_OF))
    assert len(open_frame) == len(B.oldest_open(recs, entries, AS_OF))


def test_store_recommendations_replace_the_demo(tmp_path, monkeypatch):
    db = tmp_path / "kp2s.sqlite"
    monkeypatch.setenv("KP2S_STORE", str(db))
    store = Store(str(db), cache_dir=tmp_path / "cache")
    rid = M.add(store, year_assessed=2025, district_code="6305", action=2, text="Susun regulasi desa",
                responsible="DPMD", who="budi", due_date=date(2026, 3, 1))
    M.add(store, year_assessed=2025, district_code="6305", action=None, text="Rapat TPPS", responsible="Bappeda",
          who="budi", due_date=date(2026, 6, 1))
    M.add_followup(store, rid, "siti", entry_date=date(2026, 2, 1), status="dalam_proses")
    store.close()
    at = run("en", district="6305")
    assert not any("Sample data" in w.value for w in at.warning)
    assert [int(m.value) for m in at.metric] == [1, 1, 0, 0, 1, 2]  # open, in progress, done, n/a, overdue, total
    board_frame = at.dataframe[0].value
    assert list(board_frame["Action"]) == ["Action 2", "General"]
    open_frame = at.dataframe[1].value
    assert list(open_frame["Recommendation"]) == ["Susun regulasi desa", "Rapat TPPS"]
    assert list(open_frame["Days overdue"].astype("object").where(open_frame["Days overdue"].notna(), None)) == [
        31, None]
