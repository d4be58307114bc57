"""Recommendations and follow-up (issue 10): the store tables, the model's
append-only history and the board counts, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
import sqlalchemy as sa

from kp2s_dashboard.errors import RegionNotFoundError
from kp2s_dashboard.recommendations import board as B
from kp2s_dashboard.recommendations import model as M
from kp2s_dashboard.store import backup as backup_mod
from kp2s_dashboard.store import CorruptContent, Store, sha256_hex
from tests.store_fixtures import new_store_url, store, store_url  # noqa: F401

TAPIN, HSS, BANJARMASIN = "6305", "6306", "6371"


def _round(store):
    """Five recommendations of the 2024 round with follow-up."""
    ids = M.add_many(store, [
        dict(year_assessed=2024, district_code=TAPIN, action=1, text="Perbarui analisis situasi",
             responsible="Bappeda", due_date=date(2026, 3, 31), priority="tinggi"),
        dict(year_assessed=2024, district_code=TAPIN, action=1, text="Libatkan desa lokus",
             responsible="DPMD", due_date=date(2026, 6, 30)),
        dict(year_assessed=2024, district_code=TAPIN, action=None, text="Rapat TPPS tiap triwulan",
             responsible="Bappeda", due_date=date(2026, 1, 31)),
        dict(year_assessed=2024, district_code=HSS, action=5, text="Sosialisasi 1000 HPK",
             responsible="Dinkes", due_date=date(2026, 2, 28)),
        dict(year_assessed=2024, district_code=HSS, action=5, text="Publikasi data",
             responsible="Diskominfo", due_date=None),
    ], who="budi")
    M.add_followup(store, ids[0], "siti", entry_date=date(2026, 1, 10), status="dalam_proses", note="draf")
    M.add_followup(store, ids[2], "siti", entry_date=date(2026, 2, 15), status="selesai",
                   evidence_url="https://example.org/notulen")
    M.add_followup(store, ids[3], "siti", entry_date=date(2026, 2, 1), status="tidak_dapat_ditindaklanjuti",
                   reason="anggaran dialihkan")
    return ids


def test_add_history_and_current_status(store):
    ids = _round(store)
    assert ids == [1, 2, 3, 4, 5]
    assert M.current_status(store, ids[0]) == "dalam_proses"
    assert M.current_status(store, ids[0], as_of=date(2026, 1, 9)) == "belum_ditindaklanjuti"
    assert M.current_status(store, ids[1]) == "belum_ditindaklanjuti"
    assert M.current_status(store, ids[3]) == "tidak_dapat_ditindaklanjuti"
    # an edit is a new entry; the first version stays in history
    M.edit(store, ids[1], "budi", entry_date=date(2026, 2, 2), due_date=date(2026, 9, 30), note="diperpanjang")
    M.add_followup(store, ids[1], "siti", entry_date=date(2026, 3, 1), status="dalam_proses")
    hist = M.history(store, ids[1])
    assert [(e.kind, e.status, e.due_date) for e in hist] == [
        ("edit", None, date(2026, 9, 30)), ("followup", "dalam_proses", None)]
    assert hist[0].who == "budi" and hist[0].note == "diperpanjang" and hist[0].recorded_at.tzinfo is not None
    recs, entries = M.frames(store)
    assert recs.loc[recs["id"] == ids[1], "due_date"].item() == date(2026, 6, 30)  # original kept
    table = M.current_table(recs, entries)
    row = table[table["id"] == ids[1]].iloc[0]
    assert (row["due_date"], row["status"], row["n_entries"]) == (date(2026, 9, 30), "dalam_proses", 2)
    before = M.current_table(recs, entries, as_of=date(2026, 2, 1)).set_index("id").loc[ids[1]]
    assert (before["due_date"], before["status"]) == (date(2026, 6, 30), "belum_ditindaklanjuti")
    assert table["action"].dtype == "Int64" and pd.isna(table.loc[table["id"] == ids[2], "action"].item())


def test_evidence_document_is_kept_once_with_its_hash(store):
    [rid] = M.add_many(store, [dict(year_assessed=2024, district_code=TAPIN, action=2, text="x",
                                    responsible="Dinkes")], "budi")
    pdf = b"%PDF-1.4 notulen rapat"
    M.add_followup(store, rid, "siti", entry_date=date(2026, 1, 5), status="dalam_proses",
                   evidence=("notulen.pdf", pdf))
    M.add_followup(store, rid, "siti", entry_date=date(2026, 2, 5), status="selesai",
                   evidence=("notulen (salinan).pdf", pdf))
    first, second = M.history(store, rid)
    assert first.evidence_sha256 == second.evidence_sha256 == sha256_hex(pdf)
    assert (first.evidence_name, second.evidence_name) == ("notulen.pdf", "notulen (salinan).pdf")
    assert M.evidence_bytes(store, first) == pdf
    assert store.counts()["blob"] == 1
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE blob SET data = :d"), {"d": b"tampered"})
    with pytest.raises(CorruptContent):
        M.evidence_bytes(store, first)


def test_bad_input_is_refused_with_clear_messages(store):
    good = dict(year_assessed=2024, district_code=TAPIN, action=3, text="t", responsible="Bappeda")
    with pytest.raises(M.RecommendationError, match="Unknown action 9"):
        M.add(store, **{**good, "action": 9}, who="budi")
    with pytest.raises(M.RecommendationError, match="recommendation text is required"):
        M.add(store, **{**good, "text": "  "}, who="budi")
    with pytest.raises(M.RecommendationError, match="not a kabupaten/kota"):
        M.add(store, **{**good, "district_code": "63"}, who="budi")
    with pytest.raises(RegionNotFoundError):
        M.add(store, **{**good, "district_code": "9999"}, who="budi")
    with pytest.raises(M.RecommendationError, match="recording is required"):
        M.add(store, **good, who=" ")
    # a failing row in a batch writes nothing
    with pytest.raises(M.RecommendationError):
        M.add_many(store, [good, {**good, "priority": "mendesak"}], "budi")
    assert store.counts()["recommendation"] == 0
    rid = M.add(store, **good, who="budi")
    with pytest.raises(M.RecommendationError, match="needs a reason"):
        M.add_followup(store, rid, "siti", entry_date=date(2026, 1, 1), status="tidak_dapat_ditindaklanjuti")
    with pytest.raises(M.RecommendationError, match="Unknown status"):
        M.add_followup(store, rid, "siti", entry_date=date(2026, 1, 1), status="beres")
    with pytest.raises(M.RecommendationError, match="http"):
        M.add_followup(store, rid, "siti", entry_date=date(2026, 1, 1), status="selesai",
                       evidence_url="javascript:alert(1)")
    with pytest.raises(M.RecommendationError, match="no recommendation number 99"):
        M.add_followup(store, 99, "siti", entry_date=date(2026, 1, 1), status="selesai")
    with pytest.raises(M.RecommendationError, match="changes nothing"):
        M.edit(store, rid, "budi", entry_date=date(2026, 1, 1))
    assert store.counts()["recommendation_entry"] == 0


def test_database_refuses_a_not_possible_status_without_reason(store):
    """The rule holds in the database too, not only in the Python API."""
    rid = M.add(store, year_assessed=2024, district_code=TAPIN, action=1, text="t", responsible="b", who="budi")
    from kp2s_dashboard.store.schema import recommendation_entry
    with pytest.raises(sa.exc.IntegrityError):
        with store.engine.begin() as conn:
            conn.execute(recommendation_entry.insert().values(
                recommendation_id=rid, kind="followup", entry_date=date(2026, 1, 1),
                status="tidak_dapat_ditindaklanjuti", reason="", note="", who="x",
                recorded_at=pd.Timestamp("2026-01-01", tz="UTC").to_pydatetime()))


def test_board_counts_as_of_a_fixed_date(store):
    _round(store)
    recs, entries = M.frames(store)
    counts = B.board(recs, entries, as_of=date(2026, 4, 1))
    got = {(r.district_code, None if pd.isna(r.action) else int(r.action)):
           (r.open, r.in_progress, r.done, r.not_possible, r.overdue, r.total) for r in counts.itertuples()}
    assert got == {
        (TAPIN, 1): (1, 1, 0, 0, 1, 2),   # #1 in progress, due 31 Mar 2026: overdue; #2 open, due June
        (TAPIN, None): (0, 0, 1, 0, 0, 1),  # done 15 Feb, due 31 Jan: done is never overdue
        (HSS, 5): (1, 0, 0, 1, 0, 2),     # #4 not possible; #5 open without a due date
    }
    assert list(counts["district_code"]) == [TAPIN, TAPIN, HSS]
    assert list(counts["action"].astype("object").where(counts["action"].notna(), None)) == [1, None, 5]
    # as of 1 Feb 2026 the TPPS recommendation (due 31 Jan) was still open and overdue
    early = B.board(recs, entries, as_of=date(2026, 2, 1))
    row = early[(early["district_code"] == TAPIN) & early["action"].isna()].iloc[0]
    assert (row["open"], row["done"], row["overdue"]) == (1, 0, 1)
    totals = B.totals_by_district(counts).set_index("district_code")
    assert totals.loc[TAPIN, "overdue"] == 1 and totals.loc[HSS, "total"] == 2


def test_oldest_open_first(store):
    ids = _round(store)
    recs, entries = M.frames(store)
    table = B.oldest_open(recs, entries, as_of=date(2026, 4, 1))
    assert list(table["id"]) == [ids[0], ids[1], ids[4]]  # due 31 Mar, 30 Jun, none
    assert list(table["overdue"]) == [True, False, False]
    assert table["days_overdue"].iloc[0] == 1 and pd.isna(table["days_overdue"].iloc[1])
    assert list(B.oldest_open(recs, entries, as_of=date(2026, 4, 1), limit=1)["id"]) == [ids[0]]


def test_empty_store_gives_an_empty_board(store):
    recs, entries = M.frames(store)
    counts = B.board(recs, entries, as_of=date(2026, 1, 1))
    assert counts.empty and list(counts.columns) == ["district_code", "action", *B.COUNT_COLUMNS]
    assert B.oldest_open(recs, entries, as_of=date(2026, 1, 1)).empty


def test_recommendations_survive_backup_and_restore(store, new_store_url, tmp_path):
    ids = _round(store)
    M.add_followup(store, ids[1], "siti", entry_date=date(2026, 1, 5), status="dalam_proses",
                   evidence=("foto.jpg", b"\xff\xd8jpeg"))
    out, _ = backup_mod.backup(store, tmp_path / "kp2s.dump", "dump")
    target = Store(new_store_url(), cache_dir=tmp_path / "c2")
    counts = backup_mod.restore(target, out, who="admin")
    assert (counts["recommendation"], counts["recommendation_entry"]) == (5, 4)
    a, b = M.frames(store), M.frames(target)
    pd.testing.assert_frame_equal(a[0], b[0])
    assert list(a[1]["entry_date"]) == list(b[1]["entry_date"]) == [
        date(2026, 1, 10), date(2026, 2, 15), date(2026, 2, 1), date(2026, 1, 5)]
    assert M.evidence_bytes(target, M.history(target, ids[1])[0]) == b"\xff\xd8jpeg"
    # ids continue after the restored ones
    assert M.add(target, year_assessed=2025, district_code=BANJARMASIN, action=8, text="t", responsible="b",
                 who="x") == 6
    target.close()


def test_board_of_some_recommendations_ignores_the_entries_of_others(store):
    """Regression: the page filters the recommendations by district and
    passes every entry; entries of other districts raised KeyError."""
    _round(store)
    recs, entries = M.frames(store)
    hss = recs[recs["district_code"] == HSS]
    counts = B.board(hss, entries, as_of=date(2026, 4, 1))
    assert [(r.open, r.not_possible, r.total) for r in counts.itertuples()] == [(1, 1, 2)]
    assert list(B.oldest_open(hss, entries, as_of=date(2026, 4, 1))["district_code"]) == [HSS]


def test_a_recommendation_already_recorded_is_refused_naming_it(store):
    """Saving the form twice, or importing a round's file a second time, made every recommendation twice (two to
    follow up, counted twice on the board). The same year, district, action and current text (case and spacing
    aside) is refused, naming the recorded one; nothing of the batch is written."""
    ids = _round(store)
    with pytest.raises(M.RecommendationError) as info:
        M.add(store, year_assessed=2024, district_code=TAPIN, action=1, text="  perbarui analisis  SITUASI",
              responsible="Dinkes", who="siti")
    assert info.value.key == "rekomendasi.err.duplicate" and info.value.params["id"] == ids[0]
    assert info.value.render("en").startswith(f"The same recommendation for Tapin (same assessment year, action "
                                              f"and text) is already recorded as No. {ids[0]}")
    with pytest.raises(M.RecommendationError):  # a batch with one recorded row: none written
        M.add_many(store, [dict(year_assessed=2024, district_code=HSS, action=5, text="Baru", responsible="Dinkes"),
                           dict(year_assessed=2024, district_code=HSS, action=5, text="Publikasi data",
                                responsible="Diskominfo")], who="siti")
    assert len(M.frames(store)[0]) == len(ids)
    # another year, action or district is another recommendation; an edited text is compared as edited
    M.add(store, year_assessed=2025, district_code=TAPIN, action=1, text="Perbarui analisis situasi",
          responsible="Bappeda", who="siti")
    M.add(store, year_assessed=2024, district_code=TAPIN, action=2, text="Perbarui analisis situasi",
          responsible="Bappeda", who="siti")
    M.edit(store, ids[1], "siti", entry_date=date(2026, 1, 5), text="Libatkan semua desa lokus")
    M.add(store, year_assessed=2024, district_code=TAPIN, action=1, text="Libatkan desa lokus",
          responsible="DPMD", who="siti")
    with pytest.raises(M.RecommendationError):
        M.add(store, year_assessed=2024, district_code=TAPIN, action=1, text="Libatkan semua desa lokus",
              responsible="DPMD", who="siti")
