"""What a newcomer tripped over when using the dashboard for the first time
(the Kelola page's stored report and audit log in the UI's language, the
gap chart's legend, a change "in 1 years", the follow-up recap on paper).
Each test failed before its fix."""

from __future__ import annotations

import io

import openpyxl

from kp2s_dashboard import paths
from kp2s_dashboard.store import kinds, publishing
from tests.store_fixtures import PASSWORD, env  # noqa: F401  (the fixture)
from tests.test_assessment_plan import TAPIN, neighbours, plan_of, workbooks  # noqa: F401  (fixtures)


def _rekap_with_uncached_totals() -> bytes:
    """The demonstration rekap for 2025 as a program that does not compute
    formulas writes it (openpyxl): the Rata-rata/Jumlah/Peringkat formulas
    have no stored value, which the reader reports as warnings."""
    book = openpyxl.load_workbook(paths.DATA_DIR / "demo" / "contoh_rekap_2024.xlsx")
    sheet = book["Rekap"]
    sheet["A3"] = "Tahun penilaian : 2025"
    sheet["A4"] = "Periode yang dinilai : 2024"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_stored_report_is_shown_in_the_ui_language():
    candidate = kinds.check("assessment", "rekap_penilaian_2025.xlsx", _rekap_with_uncached_totals(),
                            kinds.Context(), None)
    assert candidate.publishable and len(candidate.warnings) == 4
    report = candidate.report()
    errors_en, warnings_en = publishing.report_lines(report, "en")
    errors_id, warnings_id = publishing.report_lines(report, "id")
    assert errors_en == errors_id == []
    assert warnings_en[0].startswith("file rekap_penilaian_2025.xlsx, sheet Rekap, cell K9:K21: 13 total formulas")
    assert warnings_id[0].startswith("berkas rekap_penilaian_2025.xlsx, lembar Rekap, sel K9:K21: 13 rumus total")
    assert len(warnings_id) == 4
    # a report stored before the Indonesian texts were kept: its English texts, as stored
    old = {"errors": [], "warnings": warnings_en}
    assert publishing.report_lines(old, "id") == ([], warnings_en)


def test_audit_log_names_events_and_kinds_in_the_ui_language(env):  # noqa: F811  (the fixture)
    from kp2s_dashboard import auth

    assert not auth.authenticate(env, "budi", "salah").ok
    assert auth.authenticate(env, "budi", PASSWORD).ok
    env.audit("publish", "budi", kind="prevalence", version_id=2, detail={"comment": "koreksi"})
    shown = publishing.audit_frame(env.audit_log(limit=10), "id")
    assert list(shown["Kejadian"]) == ["terbit", "masuk", "gagal masuk"]
    assert list(shown["Jenis"]) == ["Tabel prevalensi (survei dan e-PPGBM)", "", ""]
    english = publishing.audit_frame(env.audit_log(limit=10), "en")
    assert list(english["Event"]) == ["published", "signed in", "sign-in failed"]
    # an event the catalogue does not name yet is shown as recorded
    env.audit("something_new", "budi")
    assert publishing.audit_frame(env.audit_log(limit=1), "id")["Kejadian"].iloc[0] == "something_new"


def _legend(fig) -> list[tuple[str, str]]:
    """(name, colour) of each legend entry in the order plotly draws them
    (by ``legendrank``, 1000 when unset, then trace order): a bar trace whose
    colours are a list shows its first colour."""
    out = []
    for i, trace in enumerate(fig.data):
        if trace.showlegend is False:
            continue
        colour = trace.marker.color
        rank = trace.legendrank if trace.legendrank is not None else 1000
        out.append((rank, i, trace.name, colour[0] if isinstance(colour, (list, tuple)) else colour))
    return [(name, colour) for _, _, name, colour in sorted(out)]


def test_gap_chart_legend_shows_the_colours_of_its_bars(workbooks, neighbours):  # noqa: F811
    from kp2s_dashboard.figures import assessment_plan as fp
    from kp2s_dashboard.figures.assessment_style import BAR_MUTED, HIGHLIGHT

    _, _, plan = plan_of(workbooks, neighbours)
    fig = fp.gap_bars(plan.gaps, TAPIN, "id", synthetic=True)
    province = fig.data[0]
    # Tapin: three priorities on top (highlighted), the other five muted
    assert list(province.marker.color) == [HIGHLIGHT] * 3 + [BAR_MUTED] * 5
    # the legend said "gap to the province mean" in the priority colour (its first bar's)
    assert _legend(fig) == [("Selisih dengan rata-rata provinsi (poin)", BAR_MUTED), ("★ prioritas", HIGHLIGHT),
                            ("Selisih dengan rata-rata tetangga (poin)", fp.NEIGHBOUR_COLOUR)]
    # no priority: no priority entry
    calm = plan.gaps.assign(priority=False)
    assert [name for name, _ in _legend(fp.gap_bars(calm, TAPIN, "en"))] == [
        "Gap to the province mean (points)", "Gap to the neighbours' mean (points)"]


def test_compare_page_says_one_year_not_1_years():
    from tests.apptest import run_page

    at = run_page("pages/bandingkan.py", lang="en", district="6301")
    flagged = [w.value for w in at.warning if "implausible change" in w.value]
    assert flagged == ["Tanah Laut (−19.2): implausible change — check the source "
                       "(a change of more than 10.0 points in one year)."]
    at = run_page("pages/bandingkan.py", lang="id", district="6301")
    flagged = [w.value for w in at.warning if "perubahan tidak wajar" in w.value]
    assert flagged == ["Tanah Laut (−19,2): perubahan tidak wajar — periksa sumber "
                       "(perubahan lebih dari 10,0 poin dalam 1 tahun)."]


def test_follow_up_recap_prints_one_page_wide_with_its_header_on_every_page():
    import datetime as dt

    from kp2s_dashboard.export import followup
    from kp2s_dashboard.recommendations import demo

    recs, entries = demo.load()
    content = followup.recap_xlsx(recs, entries, dt.date(2026, 12, 4), "id", demo=True)
    book = openpyxl.load_workbook(io.BytesIO(content))
    detail = book["Rincian rekomendasi"]
    assert detail.max_row == 39 and detail["C2"].value == "Tanah Laut"
    # 11 columns of up to 60 characters: printed across, one page wide, the header repeated
    for sheet in (detail, book["Rekap per kabupaten-kota"]):
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == "$1:$1"
    assert book["Keterangan"].page_setup.orientation in (None, "portrait")  # two columns fit upright


def test_readme_pages_section_names_every_page_of_the_sidebar():
    """A newcomer looks a page up in README's "Pages" by the name the sidebar
    shows (Bahasa Indonesia): every group and every page of app.py's registry
    is there, in bold."""
    import re

    from kp2s_dashboard.i18n import t

    app = (paths.PROJECT_DIR / "app.py").read_text(encoding="utf-8")
    groups = re.findall(r'^    t\("([a-z_.]+)", lang\): \[', app, flags=re.M)
    pages = re.findall(r'st\.Page\("pages/[a-z_]+\.py", title=t\("([a-z_.]+)", lang\)', app)
    assert len(groups) == 6 and len(pages) == 15
    readme = (paths.PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Pages\n", 1)[1].split("\n## ", 1)[0]
    missing = [t(key, "id") for key in groups + pages if f"**{t(key, 'id')}**" not in section]
    assert missing == []


def test_compare_page_explains_the_short_labels_it_uses():
    from tests.apptest import run_page

    for lang, text in (("id", "Label: HSS/HST/HSU = Hulu Sungai Selatan/Tengah/Utara, BJM = Kota Banjarmasin, "
                              "BJB = Kota Banjarbaru."),
                       ("en", "Labels: HSS/HST/HSU = Hulu Sungai Selatan/Tengah/Utara, BJM = Kota Banjarmasin, "
                              "BJB = Kota Banjarbaru.")):
        at = run_page("pages/bandingkan.py", lang=lang, district="6301")
        shown = at.dataframe[0].value
        assert {"BJB", "HST", "HSU"} <= set(shown.iloc[:, 0])  # the table and charts use the map's short labels
        assert any(c.value.endswith(text) for c in at.caption), [c.value for c in at.caption]


def test_letter_table_columns_hold_their_longest_word():
    """LibreOffice and Word break a word too long for its column inside the
    word ("ditindaklanjut|i" in the Status column). Each word of each table
    cell, measured in the letter's font (Arial; Liberation Sans has its
    metrics) at the table's 9.5 pt, fits its column less the cell margins."""
    from pathlib import Path

    import docx
    import pytest
    from PIL import ImageFont

    from kp2s_dashboard import assessment as asm
    from kp2s_dashboard.assessment.result import in_force
    from kp2s_dashboard.export import letter as L
    from kp2s_dashboard.recommendations import demo as D
    from kp2s_dashboard.store import datastore

    fonts = {bold: Path(f"/usr/share/fonts/truetype/liberation/LiberationSans-{'Bold' if bold else 'Regular'}.ttf")
             for bold in (False, True)}
    if not all(p.is_file() for p in fonts.values()):
        pytest.skip("needs Liberation Sans (Debian: fonts-liberation) to measure the text")
    font = {bold: ImageFont.truetype(str(p), 95) for bold, p in fonts.items()}  # 9.5 pt, in tenths of a point

    def cm(text: str, bold: bool) -> float:
        return font[bold].getlength(text) / 10 / 72 * 2.54

    result = in_force([asm.load_workbook(f.path) for f in datastore.current_files("assessment")]).result
    recs, entries = D.load()
    kotabaru = "6302"  # its recommendations include every status, "tidak dapat ditindaklanjuti" too
    document = docx.Document(io.BytesIO(L.letter_bytes(result, kotabaru, recs, entries, as_of=dt_day(),
                                                       day=dt_day(), chart=False, demo_recommendations=True)))
    statuses = [row.cells[-1].text for row in document.tables[-1].rows[1:]]
    assert "tidak dapat ditindaklanjuti" in statuses
    too_long = []
    for table in document.tables:
        for r, row in enumerate(table.rows):
            for column, cell in zip(table.columns, row.cells):
                room = column.width / 360000 - 0.38  # Word's default cell margins, 0.19 cm each side
                for word in cell.text.split():
                    if cm(word, r == 0) > room - 0.1:  # a little slack: renderers differ
                        too_long.append((word, round(cm(word, r == 0), 2), round(room, 2)))
    assert too_long == [], too_long


def dt_day():
    import datetime as dt

    return dt.date(2026, 12, 4)


def test_letter_table_rows_are_not_split_across_pages():
    """A recommendation's row broke across the page ("lintas perangkat daerah"
    alone at the top of page 2): every row of the letter's tables is kept on
    one page (``w:cantSplit``); the header row still repeats."""
    import docx
    from docx.oxml.ns import qn

    from kp2s_dashboard import assessment as asm
    from kp2s_dashboard.assessment.result import in_force
    from kp2s_dashboard.export import letter as L
    from kp2s_dashboard.recommendations import demo as D
    from kp2s_dashboard.store import datastore

    result = in_force([asm.load_workbook(f.path) for f in datastore.current_files("assessment")]).result
    recs, entries = D.load()
    document = docx.Document(io.BytesIO(L.letter_bytes(result, "6302", recs, entries, as_of=dt_day(), day=dt_day(),
                                                       chart=False, demo_recommendations=True)))
    assert len(document.tables) == 3 and len(document.tables[-1].rows) == 5
    for table in document.tables:
        for row in table.rows:
            props = row._tr.trPr
            assert props is not None and props.find(qn("w:cantSplit")) is not None
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_kecamatan_desa_table_says_its_ranks_are_among_the_districts_desa():
    """At the kecamatan level the desa table keeps that kecamatan's desa but
    their ranks among the whole district's (2, 3, 7, 9, ... for Haruyan):
    a caption says so."""
    from tests.apptest import run_page

    at = run_page("pages/wilayah.py", wil_kab="6307", wil_kec="630701")
    shown = at.dataframe[0].value
    assert set(shown["Kecamatan"]) == {"Haruyan"} and list(shown["Peringkat"][:3]) == [2, 3, 7]
    # 169 desa in the district, 9 with too few children measured are not ranked
    assert any(c.value == "Hanya desa/kelurahan Kecamatan Haruyan; peringkatnya dihitung di antara 160 "
               "desa/kelurahan Hulu Sungai Tengah yang diberi peringkat." for c in at.caption), \
        [c.value for c in at.caption]
    at = run_page("pages/wilayah.py", wil_kab="6307", wil_kec="630701", lang="en")
    assert any(c.value == "Only the desa/kelurahan of Kecamatan Haruyan; their ranks are among the 160 ranked "
               "desa/kelurahan of Hulu Sungai Tengah." for c in at.caption), [c.value for c in at.caption]


def test_recommendation_actions_are_named_in_english_as_on_the_aksi_page():
    """The English Rekomendasi tables and deck slide said "Aksi 5" under the
    heading "Action" (the Aksi page says "Action 5")."""
    from kp2s_dashboard.export import deck_recommendations as DR
    from kp2s_dashboard.recommendations import board as B
    from kp2s_dashboard.recommendations import demo as D
    from kp2s_dashboard.recommendations import views as V

    recs, entries = D.load()
    kotabaru = recs[recs["district_code"] == "6302"]
    counts = B.board(kotabaru, entries, dt_day())
    assert list(V.board_table(counts, "en")["Action"]) == ["Action 1", "Action 2", "Action 4", "Action 7"]
    assert list(V.board_table(counts, "id")["Aksi"]) == ["Aksi 1", "Aksi 2", "Aksi 4", "Aksi 7"]
    slide = DR.recommendations_slide(recs, entries, "6301", "en", dt_day(), demo=True)
    assert [label.split(" · ")[0] for label in slide.data["table"]["label"]] == ["Action 5", "General"]


def test_the_open_count_is_named_as_the_status_it_counts():
    """The Rekomendasi page counted 'Open' recommendations whose status reads 'not yet followed up' (English);
    each count is named as the status it counts, in both languages."""
    from kp2s_dashboard.i18n import t

    pairs = {"open": "belum_ditindaklanjuti", "in_progress": "dalam_proses", "done": "selesai",
             "not_possible": "tidak_dapat_ditindaklanjuti"}
    for lang in ("id", "en"):
        for count, status in pairs.items():
            assert t(f"rekomendasi.count.{count}", lang).lower() == t(f"rekomendasi.status.{status}", lang)
