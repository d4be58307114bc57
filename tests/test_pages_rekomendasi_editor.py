"""The Rekomendasi page as a viewer and as a signed-in editor (issue 10,
"done when"): a viewer sees the board read-only; an editor imports a round
from the template, records a follow-up with an uploaded document, edits a
due date; the board and Profil change with it."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta, timezone


from kp2s_dashboard import auth
from kp2s_dashboard.recommendations import model as M
from kp2s_dashboard.recommendations import sheet as S
from kp2s_dashboard.store import sha256_hex
from kp2s_dashboard.web.signin import SESSION_KEY
from tests.apptest import run_page
from tests.store_fixtures import env  # noqa: F401  (the fixture)



def signed_in() -> dict:
    return {SESSION_KEY: auth.SignIn(ok=True, user="budi", name="Budi Santoso",
                                     expires=datetime.now(timezone.utc) + timedelta(hours=1))}


def texts(at) -> str:
    parts = [x.value for x in [*at.markdown, *at.caption, *at.success, *at.error, *at.warning, *at.info, *at.text]]
    return "\n".join(str(p) for p in parts)


def metrics(at) -> list[int]:
    return [int(m.value) for m in at.metric]


def round_file() -> bytes:
    next_year = date.today().year + 1
    wb = S.template_workbook(2025, n_rows=4)
    ws = wb["Rekomendasi"]
    rows = [(1, "kab tapin", "Aksi 2", "Susun rencana kegiatan terpadu", "Bappeda", f"31/03/{next_year}", "tinggi"),
            (2, "Kab. Tapin", "Umum", "Rapat TPPS tiap triwulan", "Bappeda", "01/01/2020", None),
            (3, "banjarmasin", "3", "**Libatkan** [kelurahan](http://x.example)", "DPMD", f"30/06/{next_year}", None)]
    for i, values in enumerate(rows, start=5):
        for j, value in enumerate(values, start=1):
            ws.cell(i, j, value)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_viewer_sees_the_board_read_only(env):
    at = run_page("pages/rekomendasi.py", lang="en")
    assert "Recording (editors)" not in [h.value for h in at.header]
    assert len(at.file_uploader) == 0
    assert "This view is read-only." in texts(at)
    assert any("Sample data" in w.value for w in at.warning)  # the demo round while the store has none


def test_an_editor_imports_a_round_records_follow_up_and_the_board_and_profile_change(env):
    at = run_page("pages/rekomendasi.py", session=signed_in(), lang="en")
    assert "Recording (editors)" in [h.value for h in at.header]
    assert "The data store holds no recommendations yet" in texts(at)
    # import a round from the template's layout, for the assessment held in 2025
    assert at.number_input(key="rek_imp_year").value == 2024  # the newest assessment year in force
    at.number_input(key="rek_imp_year").set_value(2025)
    at.file_uploader(key="rek_imp_upload_0").set_value(
        ("putaran 2025.xlsx", round_file(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).run()
    assert not at.exception, [e.message for e in at.exception]
    report = "\n".join(x.value for x in at.text)
    assert "file putaran 2025.xlsx, sheet Rekomendasi, cell F6: Due date 2020-01-01 is already past" in report
    preview = [d.value for d in at.dataframe if "Row" in d.value.columns][0]
    assert list(preview["Row"]) == [5, 6, 7]
    assert list(preview["Kabupaten/kota"]) == ["Tapin", "Tapin", "Banjarmasin"]
    assert preview["Recommendation"].iloc[2] == "**Libatkan** [kelurahan](http://x.example)"  # as typed
    assert at.button(key="rek_imp_go").disabled  # a warning needs a confirmation
    at.checkbox(key="rek_imp_confirm").check().run()
    at.button(key="rek_imp_go").click().run()
    assert not at.exception, [e.message for e in at.exception]
    recs, entries = M.frames(env)
    assert list(recs["text"]) == ["Susun rencana kegiatan terpadu", "Rapat TPPS tiap triwulan",
                                  "**Libatkan** [kelurahan](http://x.example)"]
    assert list(recs["created_by"]) == ["budi"] * 3 and list(recs["year_assessed"]) == [2025] * 3
    assert "3 recommendations imported from putaran 2025\\.xlsx." in texts(at)  # the file name escaped: text
    assert not any("Sample data" in w.value for w in at.warning)
    assert metrics(at) == [3, 0, 0, 0, 1, 3]  # open, in progress, done, n/a, overdue (2020), total

    # record a follow-up of #1 with an uploaded document
    at.selectbox(key="rek_fu_pick").set_value(1)
    at.selectbox(key="rek_fu_status").set_value("selesai")
    at.text_area(key="rek_fu_note").input("Dokumen rencana terpadu ditetapkan")
    pdf = b"%PDF-1.4 rencana kegiatan terpadu"
    at.file_uploader(key="rek_fu_file").set_value(("rencana.pdf", pdf, "application/pdf"))
    [save] = [b for b in at.button if b.label == "Save follow-up"]
    save.click().run()
    assert not at.exception, [e.message for e in at.exception]
    [e] = M.history(env, 1)
    assert (e.status, e.who, e.evidence_name, e.evidence_sha256) == ("selesai", "budi", "rencana.pdf", sha256_hex(pdf))
    assert M.evidence_bytes(env, e) == pdf
    assert metrics(at) == [2, 0, 1, 0, 1, 3]
    history = [d.value for d in at.dataframe if "Recorded by" in d.value.columns][0]
    assert history["Evidence"].iloc[0] == f"rencana.pdf (SHA-256 {sha256_hex(pdf)[:12]}…)"

    # "tidak dapat ditindaklanjuti" without a reason is refused with a message, nothing written
    at.selectbox(key="rek_fu_pick").set_value(3)
    at.selectbox(key="rek_fu_status").set_value("tidak_dapat_ditindaklanjuti")
    [save] = [b for b in at.button if b.label == "Save follow-up"]
    save.click().run()
    assert "needs a reason" in texts(at)
    assert M.history(env, 3) == []

    # an edit is a new entry: the overdue general one gets a later due date
    later = date(date.today().year + 1, 12, 31)
    at.selectbox(key="rek_edit_pick").set_value(2).run()
    at.date_input(key="rek_edit_due_2").set_value(later)
    at.text_input(key="rek_edit_note_2").input("tenggat diperpanjang")
    [save] = [b for b in at.button if b.label == "Save edit"]
    save.click().run()
    assert not at.exception, [e.message for e in at.exception]
    [edit] = M.history(env, 2)
    assert (edit.kind, edit.due_date, edit.note, edit.text) == ("edit", later, "tenggat diperpanjang", None)
    assert metrics(at) == [2, 0, 1, 0, 0, 3]  # no longer overdue
    recs, _ = M.frames(env)
    assert recs.loc[recs["id"] == 2, "due_date"].item() == date(2020, 1, 1)  # the first version is kept

    # Profil of Tapin shows the stored recommendations with status and history
    prof = run_page("pages/profil.py", lang="en", district="6305")
    status = [d.value for d in prof.dataframe if "Status date" in d.value.columns][0]
    assert list(status["Recommendation"]) == ["Susun rencana kegiatan terpadu", "Rapat TPPS tiap triwulan"]
    assert list(status["Status"]) == ["done", "not yet followed up"]
    hist = [d.value for d in prof.dataframe if "Recorded by" in d.value.columns][0]
    assert list(hist["Entry"]) == ["follow-up", "edit"]


def test_aksi_page_shows_a_districts_open_recommendations_beside_its_action_scores(env):
    """With the store empty the demo round is shown (bannered); the scores are
    those of the Aksi page's own action scores (Profil's action_profile)."""
    from kp2s_dashboard.assessment import load_workbook
    from kp2s_dashboard.assessment.result import in_force
    from kp2s_dashboard.assessment.views import build_views
    from kp2s_dashboard.districts.assessment_results import action_profile
    from kp2s_dashboard.recommendations import demo as D
    from kp2s_dashboard.recommendations.district import open_with_scores
    from kp2s_dashboard.i18n import fmt_number
    from kp2s_dashboard.store import datastore

    at = run_page("pages/aksi.py", lang="en", district="6305")
    shown = [d.value for d in at.dataframe if "Action score (0–100)" in d.value.columns][0]
    result = in_force([load_workbook(f.path) for f in datastore.current_files("assessment")]).result
    profile = action_profile(build_views(result).action_scores, "6305", result.instrument, "en")
    recs, entries = D.load()
    expected = open_with_scores(recs, entries, "6305", profile, date.today())
    assert len(shown) == len(expected) > 0
    assert list(shown["Recommendation"]) == list(expected["text"])
    scores = dict(zip(profile["action"].astype(int), profile["score_pct"]))
    checked = 0
    for label, score in zip(shown["Action"], shown["Action score (0–100)"]):
        if label.startswith("Action"):
            assert score == fmt_number(float(scores[int(label.split()[1])]), "en", 1)  # e.g. '53.3'
            checked += 1
        else:
            assert score == "–"  # a general recommendation has no action score (was 'None')
    assert checked > 0
    assert any("Sample data — not official results: synthetic recommendations" in w.value for w in at.warning)
