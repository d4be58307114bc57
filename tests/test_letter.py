"""The letter *Penyampaian hasil penilaian kinerja dan rekomendasi* (issue 10
point 4): written to bytes, opened again with python-docx, and its rank,
total, per-action scores, province mean and recommendations compared with
the one score and rank function (district_result on the files in force) and
the recommendations recorded."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest

from kp2s_dashboard import assessment as asm
from kp2s_dashboard.assessment.result import district_result, in_force
from kp2s_dashboard.assessment.views import build_views
from kp2s_dashboard.districts.assessment_results import action_profile
from kp2s_dashboard.export import letter as L
from kp2s_dashboard.i18n import fmt_number
from kp2s_dashboard.recommendations import demo as D
from kp2s_dashboard.recommendations import model as M
from kp2s_dashboard.store import datastore
from tests.store_fixtures import new_store_url, store, store_url  # noqa: F401

DAY = date(2026, 12, 4)
TAPIN = "6305"


@pytest.fixture(scope="module")
def result():
    """The demo workbooks in force, as the Aksi page, Profil and the deck take them."""
    return in_force([asm.load_workbook(f.path) for f in datastore.current_files("assessment")]).result


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def table_rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def all_text(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_tapin_letter_shows_the_one_rank_total_and_action_scores(result):
    recs, entries = D.load()
    content = L.letter_content(result, TAPIN, recs, entries, as_of=DAY, demo_recommendations=True)
    ranked = district_result(result, 2024, "")
    own = ranked[ranked["code"] == TAPIN].iloc[0]
    assert (content.rank, content.score) == (int(own["rank"]), float(own["score"])) == (13, 113.25)
    assert content.n_ranked == 13 and content.province_mean == pytest.approx(ranked["score"].mean())
    document = open_docx(L.letter_docx(content, "id", DAY, chart=False))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    facts, actions, recs_table = document.tables
    assert table_rows(facts)[1:3] == [["Peringkat", "13 dari 13 kabupaten/kota"], ["Nilai total", "113,25"]]
    assert table_rows(facts)[3] == ["Rata-rata provinsi (13 kabupaten/kota)",
                                    fmt_number(ranked["score"].mean(), "id", 2)]
    # per-action scores: Profil's action_profile of the same result, printed with one decimal
    profile = action_profile(build_views(result, 2024).action_scores, TAPIN, result.instrument, "id")
    rows = table_rows(actions)
    assert rows[0] == ["No", "Aksi", "Nilai", "Rata-rata provinsi", "Selisih"]
    assert [r[2] for r in rows[1:]] == [fmt_number(v, "id", 1) for v in profile["score_pct"]]
    assert [r[3] for r in rows[1:]] == [fmt_number(v, "id", 1) for v in profile["province_mean"]]
    assert rows[1][:3] == ["1", "Analisis Situasi", "49,0"]
    # the recommendations of Tapin in the demo round, with responsible and due date
    expected = recs[recs["district_code"] == TAPIN]
    got = table_rows(recs_table)
    assert got[0] == ["No", "Aksi", "Rekomendasi", "Penanggung jawab", "Tenggat", "Status"]
    assert sorted(r[2] for r in got[1:]) == sorted(expected["text"])
    assert sorted(r[3] for r in got[1:]) == sorted(expected["responsible"])
    text = all_text(document)
    assert "Penyampaian hasil penilaian kinerja dan rekomendasi" in text
    assert "Data contoh — bukan hasil resmi" in text
    assert section.header.paragraphs[0].text == "Data contoh — bukan hasil resmi"
    assert "Bupati Tapin" in text and "[Nama Kepala Dinas]" in text and "NIP." in text
    assert "4 Desember 2026" in text


def test_letter_of_stored_recommendations_lists_them_with_status(result, store):
    rid = M.add(store, year_assessed=2024, district_code="6371", action=3, text="Libatkan kelurahan",
                responsible="DPMD", who="budi", due_date=date(2027, 3, 31))
    M.add(store, year_assessed=2023, district_code="6371", action=1, text="Putaran lama", responsible="Bappeda",
          who="budi", due_date=date(2025, 3, 31))
    M.add_followup(store, rid, "siti", entry_date=date(2026, 11, 1), status="dalam_proses")
    recs, entries = M.frames(store)
    content = L.letter_content(result, "6371", recs, entries, as_of=DAY)
    document = open_docx(L.letter_docx(content, "id", DAY, chart=False))
    rows = table_rows(document.tables[-1])
    assert rows[1:] == [["1", "Aksi 3", "Libatkan kelurahan", "DPMD", "31 Maret 2027", "dalam proses"]]
    assert "Wali Kota Banjarmasin" in all_text(document)
    ranked = district_result(result, 2024, "").set_index("code")
    assert table_rows(document.tables[0])[1][1] == f"{int(ranked.loc['6371', 'rank'])} dari 13 kabupaten/kota"
    # demo scores still carry the mark even when the recommendations are real
    assert content.synthetic and "Data contoh — bukan hasil resmi" in all_text(document)


def test_letter_without_assessment_says_so(store):
    recs, entries = M.frames(store)
    content = L.letter_content(None, TAPIN, recs, entries, as_of=DAY)
    document = open_docx(L.letter_docx(content, "id", DAY, chart=False))
    text = all_text(document)
    assert "Belum ada hasil penilaian kinerja" in text and "Belum ada rekomendasi" in text
    assert "Data contoh" not in text and len(document.tables) == 0


def test_the_download_builds_the_same_letter_and_names_it_by_district_and_day(result):
    recs, entries = D.load()
    document = open_docx(L.letter_bytes(result, TAPIN, recs, entries, as_of=DAY, day=DAY, chart=False,
                                        demo_recommendations=True))
    assert table_rows(document.tables[0])[1:3] == [["Peringkat", "13 dari 13 kabupaten/kota"],
                                                   ["Nilai total", "113,25"]]
    assert L.file_name(TAPIN, DAY) == "surat_rekomendasi_tapin_2026-12-04.docx"
    assert L.file_name("6371", DAY) == "surat_rekomendasi_banjarmasin_2026-12-04.docx"
