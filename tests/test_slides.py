"""PowerPoint decks, image export and table notes, on the real embedded data.

Decks are written to bytes and opened again with python-pptx: the tests read
the slides' text, the native charts' series and values, and the speaker
notes, as a person opening the file would find them. The PNG tests need a
Chromium for kaleido and are skipped (with the reason) where there is none.
"""

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from kp2s_dashboard import assessment as asm
from kp2s_dashboard.store import datastore
from kp2s_dashboard.export import deck, tables as export, slides
from kp2s_dashboard.export.deck_assessment import pick_workbook
from kp2s_dashboard import geo, paths
from kp2s_dashboard.figures.prevalence import to_geojson
from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.prevalence.targets import load_targets

DAY = dt.date(2025, 11, 30)
ENGINE = export.image_engine()
needs_engine = pytest.mark.skipif(ENGINE is None, reason="no Chromium/Chrome for kaleido on this machine "
                                                          "(Debian: apt-get install chromium)")


@pytest.fixture(scope="module")
def prevalence():
    return load_prevalence(datastore.current("prevalence").path).table


@pytest.fixture(scope="module")
def targets():
    return load_targets(datastore.current("targets").path)


@pytest.fixture(scope="module")
def demo():
    return asm.load_workbook(paths.DATA_DIR / "demo" / "contoh_rekap_2024.xlsx")


@pytest.fixture(scope="module")
def published():
    return asm.load_published_results().provincial


def make(prevalence, targets, demo, published, code, lang):
    """A deck with the sample-data slides (the presenter opted in)."""
    return deck.build_deck(prevalence, targets, code, lang, assessment=demo, published=published, exported=DAY,
                           include_demo=True)


def open_pptx(data: bytes):
    return Presentation(io.BytesIO(data))


def slide_texts(pslide) -> list[str]:
    return [shape.text_frame.text for shape in pslide.shapes if shape.has_text_frame]


def charts(pslide):
    return [shape.chart for shape in pslide.shapes if shape.has_chart]


def series_by_name(chart) -> dict[str, tuple]:
    return {s.name: tuple(s.values) for s in chart.plots[0].series}


def by_year(chart, name):
    years = [int(c) for c in chart.plots[0].categories]
    return {y: v for y, v in zip(years, series_by_name(chart)[name]) if v is not None}


@pytest.fixture(scope="module")
def tapin_pptx(prevalence, targets, demo, published):
    d = make(prevalence, targets, demo, published, "6305", "id")
    return d, open_pptx(slides.build_pptx(d, with_map_image=False))


@pytest.fixture(scope="module")
def province_pptx(prevalence, targets, demo, published):
    d = make(prevalence, targets, demo, published, None, "en")
    return d, open_pptx(slides.build_pptx(d, with_map_image=False))


def test_district_deck_has_five_slides_with_titles(tapin_pptx):
    d, prs = tapin_pptx
    assert d.kinds() == ["title", "map", "trend", "actions", "ranking"]
    assert len(prs.slides) == 5
    assert prs.slide_width / prs.slide_height == pytest.approx(16 / 9, rel=1e-3)
    titles = [slide_texts(s)[0] for s in prs.slides]
    assert titles == [
        "Percepatan penurunan stunting — Kabupaten Tapin",
        "Prevalensi stunting per kabupaten/kota, SSGI 2024",
        "Tren prevalensi stunting dan target — Kabupaten Tapin",
        "Skor per aksi konvergensi — Tapin (penilaian 2024, kinerja 2023)",
        "Peringkat penilaian kinerja 2024 (kinerja 2023)",
    ]


def test_every_slide_carries_source_and_export_date(tapin_pptx, province_pptx):
    for d, prs in (tapin_pptx, province_pptx):
        for number, pslide in enumerate(prs.slides, start=1):
            text = "\n".join(slide_texts(pslide))
            source_word = "Sumber:" if d.lang == "id" else "Source:"
            assert source_word in text, (d.lang, number)
            date = "30 November 2025"
            assert f"{'Diekspor' if d.lang == 'id' else 'Exported'} {date}" in text
            assert f"{number}/5" in text
            notes = pslide.notes_slide.notes_text_frame.text
            assert date in notes
    # the trend slide's notes list the links behind its figures
    notes = tapin_pptx[1].slides[2].notes_slide.notes_text_frame.text
    assert "https://kalsel.antaranews.com/berita/471221/tapin-tekan-stunting-ke-132-persen-terendah-se-kalsel" in notes


def test_title_slide_figures_in_indonesian_decimals(tapin_pptx):
    text = "\n".join(slide_texts(tapin_pptx[1].slides[0]))
    for value in ("13,2%", "22,9%", "19,8%", "14,2%"):  # Tapin, Kalsel, Indonesia SSGI 2024; RPJMN 2029
        assert value in text
    assert "Target 2029" in text and "RPJMN 2025–2029" in text


def test_trend_is_native_line_chart_survey_and_eppgbm_apart(tapin_pptx):
    prs = tapin_pptx[1]
    upper, lower = charts(prs.slides[2])
    assert upper.chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert lower.chart_type == XL_CHART_TYPE.LINE_MARKERS
    # surveys: SSGI 2021, 2022, 2024 and SKI 2023 (the continuation Kemenkes presents)
    assert by_year(upper, "Tapin — survei") == {2021: 33.5, 2022: 14.5, 2023: 14.4, 2024: 13.2}
    assert by_year(upper, "Kalimantan Selatan — survei")[2024] == 22.9
    # e-PPGBM 12.32 (2024) is its own series in its own chart, never on the survey line
    assert "Tapin — e-PPGBM" not in series_by_name(upper)
    assert by_year(lower, "Tapin — e-PPGBM") == {2024: 12.32}
    assert 12.32 not in series_by_name(upper)["Tapin — survei"]
    # targets: one series per plan, markers only
    assert by_year(upper, "Target RPJMN 2025–2029") == {2025: 18.8, 2029: 14.2}
    assert by_year(upper, "Target Perpres 72/2021") == {2024: 14.0}
    # data labels are text in the deck's language
    labels = [p.data_label.text_frame.text for p in upper.plots[0].series[0].points if p.data_label.has_text_frame]
    assert labels == ["33,5%", "⚠ 14,5%", "14,4%", "13,2%"]  # 2022 reached by an implausible change


def test_english_deck_uses_decimal_points(province_pptx):
    d, prs = province_pptx
    upper = charts(prs.slides[2])[0]
    assert by_year(upper, "Kalimantan Selatan — survey")[2013] == 44.3
    assert by_year(upper, "Indonesia — survey")[2024] == 19.8
    # national targets only by default: no provincial plan's labels crowd the projected chart
    assert by_year(upper, "Target Perpres 72/2021") == {2024: 14.0}
    assert "Target BKKBN (RAN-PASTI)" not in series_by_name(upper)
    labels = [p.data_label.text_frame.text for p in upper.plots[0].series[0].points if p.data_label.has_text_frame]
    assert "24.6%" in labels and "22.9%" in labels
    assert "22.9%" in "\n".join(slide_texts(prs.slides[0]))


def test_action_slide_is_bar_chart_labelled_as_sample_data(tapin_pptx, demo):
    prs = tapin_pptx[1]
    text = "\n".join(slide_texts(prs.slides[3]))
    assert "Data contoh — bukan hasil resmi" in text
    assert "contoh_rekap_2024.xlsx" in text
    (chart,) = charts(prs.slides[3])
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    values = series_by_name(chart)
    expected = asm.district_vs_province(demo, "6305").sort_values("action")
    assert values["Tapin"] == pytest.approx(tuple(expected["district_pct"]))
    assert values["Tapin"][0] == pytest.approx(48.95)  # Aksi 1, read from the workbook
    assert values["Rata-rata provinsi"][0] == pytest.approx(expected["province_mean"].iloc[0])
    assert list(chart.plots[0].categories)[0] == "1. Analisis Situasi"


def test_ranking_slide_orders_districts_and_marks_published_rank(tapin_pptx):
    prs = tapin_pptx[1]
    (chart,) = charts(prs.slides[4])
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    categories = list(chart.plots[0].categories)
    assert categories[0] == "1. Tabalong" and categories[-1] == "13. Tapin"
    assert chart.plots[0].series[0].values[0] == pytest.approx(171.64)
    text = "\n".join(slide_texts(prs.slides[4]))
    assert "Data contoh — bukan hasil resmi" in text
    # issue 15: a sample rank (Tapin 13th) never stands beside Tapin's published rank (1st)
    assert "Tapin peringkat 1" not in text and "Peringkat resmi yang dipublikasikan" not in text
    assert "Peringkat resmi tidak ditampilkan di samping peringkat data contoh." in text
    assert "https://kalimantanpost.com/?p=408065" not in prs.slides[4].notes_slide.notes_text_frame.text


def test_map_without_engine_is_class_coloured_bar_chart_with_note(tapin_pptx):
    prs = tapin_pptx[1]
    (chart,) = charts(prs.slides[1])
    values = dict(zip(chart.plots[0].categories, chart.plots[0].series[0].values))
    assert values["13. Tapin"] == 13.2 and values["1. Banjar"] == pytest.approx(32.3)  # ranked, highest first
    assert len(values) == 13
    banjar = list(chart.plots[0].categories).index("1. Banjar")
    # very high, red; lighter in Tapin's deck, where Tapin stands out (test_district_deck_highlights_...)
    assert str(chart.plots[0].series[0].points[banjar].format.fill.fore_color.rgb) == "EDA09B"
    assert "Peta tidak dapat digambar" in "\n".join(slide_texts(prs.slides[1]))


def _fill(point) -> str:
    return str(point.format.fill.fore_color.rgb)


def test_district_deck_highlights_the_chosen_district_in_the_bars(tapin_pptx, province_pptx):
    """Issue 15: in Tapin's deck the bars of the 13 districts (map slide without a map) did not show Tapin.
    Tapin keeps its class colour (medium, green), outlined, its value in bold; the others are lighter
    shades of their class colours. The province's deck has no chosen district: all in full colour."""
    from kp2s_dashboard.export.deck_model import lighter
    from kp2s_dashboard.prevalence.classes import COLOURS

    d, prs = tapin_pptx
    (chart,) = charts(prs.slides[1])
    categories = list(chart.plots[0].categories)
    points = chart.plots[0].series[0].points
    tapin, banjar, hst = (points[categories.index(c)] for c in ("13. Tapin", "1. Banjar", "9. Hulu Sungai Tengah"))
    assert _fill(tapin) == COLOURS["medium"].lstrip("#").upper() == "2E9D4F"
    assert str(tapin.format.line.color.rgb) == "111111" and tapin.format.line.width == slides.Pt(2.5)
    assert tapin.data_label.text_frame.paragraphs[0].runs[0].font.bold
    assert _fill(banjar) == lighter(COLOURS["very_high"]).lstrip("#").upper() == "EDA09B"
    assert _fill(hst) == lighter(COLOURS["medium"]).lstrip("#").upper()  # same class as Tapin, lighter
    assert not banjar.data_label.text_frame.paragraphs[0].runs[0].font.bold
    (chart,) = charts(province_pptx[1].slides[1])
    fills = {c: _fill(p) for c, p in zip(chart.plots[0].categories, chart.plots[0].series[0].points)}
    assert fills["1. Banjar"] == "D62D20" and fills["13. Tapin"] == "2E9D4F"
    # on screen (the page's figure and the picture files): the same colours, Tapin outlined and in bold
    for look in (deck.Look(height=820, page=True), deck.Look(height=900, width=1600, font_size=26)):
        fig = deck.slide_figure(d, 1, look)
        bars = next(tr for tr in fig.data if tr.meta == "class_bars")
        by_name = {y.replace("<b>", "").replace("</b>", ""): i for i, y in enumerate(bars.y)}
        i, j = by_name["Tapin"], by_name["Banjar"]
        assert bars.y[i] == "<b>Tapin</b>" and bars.text[i] == "<b>13,2%</b>"
        assert bars.marker.color[i] == COLOURS["medium"] and bars.marker.color[j] == lighter(COLOURS["very_high"])
        assert bars.marker.line.color[i] == look.ink and bars.marker.line.color[j] == "rgba(0,0,0,0)"


def test_bar_slide_credits_no_boundaries_and_the_map_slide_does(prevalence, targets, tapin_pptx):
    """Issue 15: the bars that stand in for the map use no boundaries, yet credited them ("Batas wilayah:
    cahyadsn/wilayah_boundaries ..."). Only a slide with a map credits them: the PowerPoint with the map
    picture, the figure with boundaries, the page when the map is drawn."""
    from PIL import Image

    from kp2s_dashboard.export.deck_model import slide_lines, source_line

    d, prs = tapin_pptx
    credit = geo.attribution("id")
    assert credit.startswith("Batas wilayah:")
    bar_slide = "\n".join(slide_texts(prs.slides[1]))
    assert "Batas wilayah" not in bar_slide and "Sumber: SSGI 2024" in bar_slide
    assert "Batas wilayah" not in prs.slides[1].notes_slide.notes_text_frame.text
    for number, pslide in enumerate(prs.slides, start=1):  # and no other slide credits them
        assert "Batas wilayah" not in "\n".join(slide_texts(pslide)), number
    figure = deck.slide_figure(d, 1, deck.Look(height=900, width=1600, font_size=26))  # no boundaries: bars
    assert not any("Batas wilayah" in a.text for a in figure.layout.annotations)
    assert not any("Batas wilayah" in line for line in slide_lines(d, d.slides[1], map_drawn=False))
    # with the map: credited in the PowerPoint, the page's lines and the picture file
    picture = io.BytesIO()
    Image.new("RGB", (76, 90), "white").save(picture, format="PNG")
    with_map = open_pptx(slides.deck_pptx(d, map_png=picture.getvalue()))
    assert credit in "\n".join(slide_texts(with_map.slides[1]))
    assert source_line(d.slides[1], True).endswith(credit) and credit in slide_lines(d, d.slides[1])[-2]
    gdf = geo.load_boundaries()
    geojson = to_geojson(geo.simplify_for_display(gdf))
    figure = deck.slide_figure(d, 1, deck.Look(height=900, width=1600, font_size=26), geojson=geojson)
    assert any(credit[:40] in a.text for a in figure.layout.annotations)


def test_map_left_out_says_why_on_the_slide_in_its_notes_and_in_the_overview(prevalence, targets):
    """Issue 15: without a boundary file the map slide became bars and nothing on screen said why. The
    page's lines, the picture file, the slide, its speaker notes and the deck's overview (the title
    slide's speaker notes) say it, in the deck's language."""
    from kp2s_dashboard.export.deck_model import slide_lines

    for lang, words, overview in (
            ("id", "Peta tidak dapat digambar di sini (tanpa berkas batas wilayah)",
             "Slide 2: peta tidak ditampilkan (tanpa berkas batas wilayah)"),
            ("en", "The map could not be drawn here (no boundary file)",
             "Slide 2: the map is left out (no boundary file)")):
        d = deck.build_deck(prevalence, targets, "6305", lang, exported=DAY)
        prs = open_pptx(slides.build_pptx(d, None))  # no boundaries
        assert words in "\n".join(slide_texts(prs.slides[1]))
        assert words in prs.slides[1].notes_slide.notes_text_frame.text
        assert overview in prs.slides[0].notes_slide.notes_text_frame.text
        assert not any(overview in s.notes_slide.notes_text_frame.text for s in list(prs.slides)[1:])
        assert any(words in line for line in slide_lines(d, d.slides[1], map_drawn=False,
                                                         reason=slides.t("exp.reason_no_boundaries", lang)))
        figure = deck.slide_figure(d, 1, deck.Look(height=900, width=1600, font_size=26))
        assert any(words[:30] in a.text for a in figure.layout.annotations)
        # with the map drawn nothing is said to be missing
        assert not any(words in line for line in slide_lines(d, d.slides[1], map_drawn=True))
        assert not any(words in line for i in (0, 2) for line in slide_lines(d, d.slides[i], map_drawn=False))


def test_bar_slide_leaves_room_for_the_longest_bars_value(prevalence, targets):
    """Issue 15: at 1366×768 the bars' axis ended at Banjar's bar and cut "32,3%" at the right edge. The axis
    runs on past the longest bar by the width of its label (at the figure's assumed width)."""
    d = deck.build_deck(prevalence, targets, "6305", "id", exported=DAY)
    # the normal view may be a phone (a plot of 360 px less the names' 150); full screen is 1366 px wide
    for look, plot_px in ((deck.Look(height=820, font_size=20, page=True), 360 - 150),
                          (deck.Look(height=610, font_size=20, page=True, wide=True), 1300 - 200)):
        fig = deck.slide_figure(d, 1, look)
        bars = next(tr for tr in fig.data if tr.meta == "class_bars")
        top = max(bars.x)
        assert top == pytest.approx(32.3)
        size = bars.textfont.size
        room_px = (fig.layout.xaxis.range[1] - top) / fig.layout.xaxis.range[1] * plot_px
        assert room_px >= len("32,3%") * size * 0.6, (look, room_px)


def test_province_deck_actions_are_province_means(province_pptx, demo):
    d, prs = province_pptx
    assert slide_texts(prs.slides[0])[0] == "Accelerating stunting reduction — Kalimantan Selatan Province"
    (chart,) = charts(prs.slides[3])
    means = asm.lagging_actions(demo).sort_values("action")["mean_pct"]
    assert series_by_name(chart)["Province mean"] == pytest.approx(tuple(means))
    assert "Sample data — not official results" in "\n".join(slide_texts(prs.slides[3]))


def test_deck_without_assessment_says_so(prevalence, targets, published):
    """Without any assessment one slide says so (not an empty actions slide and an empty ranking slide), and
    lists the district's published ranks when there are some."""
    d = deck.build_deck(prevalence, targets, "6305", "id", exported=DAY)
    assert d.kinds() == ["title", "map", "trend", "ranking"]
    prs = open_pptx(slides.build_pptx(d, with_map_image=False))
    said = [i for i, s in enumerate(prs.slides) if "Belum ada data penilaian kinerja aksi konvergensi." in "\n".join(slide_texts(s))]
    assert said == [3]
    assert not charts(prs.slides[3])
    with_ranks = deck.build_deck(prevalence, targets, "6305", "id", exported=DAY, published=published)
    assert with_ranks.kinds() == ["title", "map", "trend", "ranking"]
    tapin = published[(published["code"] == "6305") & published["rank"].notna()]
    assert len(tapin) and len(with_ranks.slides[3].notes) == len(tapin)
    assert all("Tapin" in line for line in with_ranks.slides[3].notes)


def test_slide_figures_render_for_every_slide(tapin_pptx):
    d = tapin_pptx[0]
    for i in range(len(d.slides)):
        fig = deck.slide_figure(d, i, deck.Look(height=500, font_size=20))
        texts = [a.text for a in fig.layout.annotations]
        assert d.footer in texts
        assert any(x.startswith("Sumber:") for x in texts)
        assert fig.layout.height == 500
    fig = deck.slide_figure(d, 3, deck.Look(dark=True))
    assert fig.layout.paper_bgcolor == "#111111"
    assert fig.layout.title.subtitle.text == "<b>⚠ Data contoh — bukan hasil resmi</b>"


# -- tables -------------------------------------------------------------------------------------------
def test_xlsx_has_notes_sheet_with_sources_and_date():
    frame = pd.DataFrame({"Wilayah": ["Tapin"], "Prevalensi (%)": [13.2],
                          "Tautan sumber": ["https://example.org/tapin"]})
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes({"tabel": frame}, "id", exported=DAY,
                                                                  notes=["Data contoh — bukan hasil resmi"])))
    assert book.sheetnames == ["tabel", "Keterangan"]
    rows = [tuple(c.value for c in r) for r in book["Keterangan"].iter_rows()]
    assert ("Tanggal ekspor", "30 November 2025") in rows
    assert ("Tautan sumber", "https://example.org/tapin") in rows
    assert ("Catatan", "Data contoh — bukan hasil resmi") in rows
    assert ("Tabel", "tabel (1 baris, sesuai tampilan/filter)") in rows
    english = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_bytes({"t": frame}, "en", exported=DAY)))
    assert english.sheetnames == ["t", "Notes"]


def test_csv_ends_with_source_and_date_and_still_reads_back(prevalence):
    columns = ["code", "year", "source", "indicator", "value_pct", "source_url"]
    shown = prevalence.loc[prevalence["code"] == "6305", columns]
    data = export.to_csv_bytes(shown, "id", exported=DAY)
    text = data.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[-2].startswith("Sumber: https://kalsel.antaranews.com/")
    assert lines[-1] == "Keterangan: Diekspor 30 November 2025 dari KP2S Dashboard"
    # the project's own reader skips the footnote lines
    checked = export.check_prevalence_upload("tapin.csv", data)
    assert len(checked.table) == len(shown)
    assert sorted(checked.table["value_pct"]) == sorted(shown["value_pct"])  # 33.5, 14.5, 14.4, 13.2, 12.32


# -- images -------------------------------------------------------------------------------------------
def test_no_engine_gives_clear_error(monkeypatch):
    monkeypatch.setenv("KP2S_BROWSER", "/nonexistent/chromium")
    assert export.image_engine() is None
    import plotly.graph_objects as go

    with pytest.raises(export.ImageEngineError) as info:
        export.figure_image(go.Figure(), "png")
    assert "apt-get install chromium" not in info.value.render("en")  # the message names the package, not a command
    assert "chromium" in info.value.render("en")


@needs_engine
def test_png_and_svg_of_the_map(prevalence, targets, demo, published):
    gdf = geo.load_boundaries()
    geojson = to_geojson(geo.simplify_for_display(gdf))
    d = make(prevalence, targets, demo, published, "6305", "id")
    fig = deck.slide_figure(d, 1, deck.Look(height=900, width=1600, font_size=26), geojson=geojson)
    png = export.figure_image(fig, "png", width=1600, height=900, scale=0.5)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == (800, 450)
    colours = {c for _, c in image.getcolors(maxcolors=1 << 20)}
    assert (0xD6, 0x2D, 0x20) in colours  # Banjar, very high, drawn in red: the map really rendered offline
    svg = export.figure_image(fig, "svg", width=1600, height=900)
    assert b"<svg" in svg[:400] and "Diekspor 30 November 2025".encode() in svg
    # the deck then carries the map as a picture over the slide's height, the ranking as native bars beside it
    prs = open_pptx(slides.build_pptx(d, geojson))
    pictures = [s for s in prs.slides[1].shapes if s.shape_type == 13]
    (chart,) = charts(prs.slides[1])
    assert len(pictures) == 1 and list(chart.plots[0].categories)[0] == "1. Banjar"
    frame = next(s for s in prs.slides[1].shapes if s.has_chart)
    assert pictures[0].left + pictures[0].width <= frame.left  # side by side, never over each other
    assert pictures[0].height >= frame.height * 0.9  # the map takes the content height


def test_deck_of_the_demo_files_uses_the_file_in_force(prevalence, targets, published):
    """Issue 14, item 1: the three demo workbooks of 2024 are never pooled; the
    deck shows the file in force (the rekap) with the same score and rank as
    the Aksi page (previously the deck ranked a blend of the three files)."""
    from kp2s_dashboard.assessment.result import in_force
    from kp2s_dashboard.assessment.views import build_views, district_comparison

    decided = in_force([asm.load_workbook(f.path) for f in datastore.current_files("assessment")])
    shown = decided.result
    assert shown.meta["files"] == ["contoh_rekap_2024.xlsx"]
    d = make(prevalence, targets, shown, published, "6303", "id")
    actions, ranking = d.slides[3], d.slides[4]
    assert not actions.empty and actions.synthetic and ranking.synthetic
    views = build_views(shown)
    expected = district_comparison(shown, "6303", views.year_assessed, views.component).sort_values("action")
    assert list(actions.data["table"]["value"]) == pytest.approx(list(expected["district_pct"]))
    assert "contoh_matriks_2024.xlsx" not in ranking.source and "contoh_rekap_2024.xlsx" in ranking.source
    table = ranking.data["table"].set_index("code")
    assert table.loc["6303", "total"] == pytest.approx(165.79) and int(table.loc["6303", "rank"]) == 3
    page = views.ranking.set_index("code")
    assert list(ranking.data["table"]["code"]) == list(views.ranking.loc[views.ranking["rank"].notna(), "code"])
    assert int(page.loc["6303", "rank"]) == 3


def test_deck_workbook_is_the_rekap_one_and_its_slides_agree(prevalence, targets, published):
    results = [asm.load_workbook(f.path) for f in sorted(datastore.current_files("assessment"),
                                                          key=lambda f: f.path.name)]
    chosen = results[pick_workbook(results)]
    assert chosen.meta["file"] == "contoh_rekap_2024.xlsx"  # totals and ranks for all 13 districts
    d = make(prevalence, targets, chosen, published, "6303", "id")
    actions, ranking = d.slides[3], d.slides[4]
    assert "contoh_rekap_2024.xlsx" in actions.source and "contoh_rekap_2024.xlsx" in ranking.source
    table = actions.data["table"]
    assert (table["value"] > table["reference"]).all()  # Banjar above the province mean on every action
    banjar = ranking.data["table"].set_index("code").loc["6303"]
    assert int(banjar["rank"]) == 3 and banjar["total"] == pytest.approx(165.79)
    assert ranking.notes[0] == "Peringkat menurut Jumlah (total) di berkas; berkas: contoh_rekap_2024.xlsx."


def test_workbook_without_totals_ranks_by_its_action_scores(prevalence, targets, published):
    matrix = asm.load_workbook(paths.DATA_DIR / "demo" / "contoh_matriks_2024.xlsx")
    assert pick_workbook([matrix]) == 0
    d = make(prevalence, targets, matrix, published, "6303", "en")
    actions, ranking = d.slides[3], d.slides[4]
    banjar = ranking.data["table"].set_index("code").loc["6303"]
    assert banjar["total"] == pytest.approx(actions.data["table"]["value"].mean())
    assert banjar["total"] == pytest.approx(57.19, abs=0.01)
    assert ranking.notes[0].startswith("Ranked by mean of the action scores shown, 0–100")
    assert ranking.notes[0].endswith("file: contoh_matriks_2024.xlsx.")
    with pytest.raises(ValueError):
        pick_workbook([])


# -- issue 15: demo data never passes for a result; titles and proofing language ------------------------------
def test_default_deck_leaves_the_sample_data_slides_out(prevalence, targets, demo, published):
    d = deck.build_deck(prevalence, targets, "6305", "id", assessment=demo, published=published, exported=DAY)
    assert d.kinds() == ["title", "map", "trend"] and d.demo_left_out == 2
    prs = open_pptx(slides.build_pptx(d, with_map_image=False))
    assert len(prs.slides) == 3
    text = "\n".join(t for s in prs.slides for t in slide_texts(s))
    assert "Data contoh" not in text and "contoh_rekap_2024.xlsx" not in text
    for pslide in prs.slides:
        for chart in charts(pslide):
            assert not chart.has_title  # no sample-data mark: no sample data
    # real (not sample) assessment results keep their slides and the published ranks beside them
    import dataclasses

    real = dataclasses.replace(demo, synthetic=False)
    d = deck.build_deck(prevalence, targets, "6305", "id", assessment=real, published=published, exported=DAY)
    assert d.kinds() == ["title", "map", "trend", "actions", "ranking"] and d.demo_left_out == 0
    assert any("Tapin peringkat 1" in n for n in d.slides[4].notes)


@pytest.mark.parametrize("lang, proof", [("id", "id-ID"), ("en", "en-US")])
def test_titles_are_title_placeholders_and_text_is_proofed_in_the_deck_language(prevalence, targets, demo,
                                                                                 published, lang, proof):
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.oxml.ns import qn

    d = make(prevalence, targets, demo, published, "6305", lang)
    prs = open_pptx(slides.build_pptx(d, with_map_image=False))
    for spec, pslide in zip(d.slides, prs.slides):
        title = pslide.shapes.title
        assert title is not None and title.placeholder_format.type == PP_PLACEHOLDER.TITLE
        assert title.text_frame.text == spec.title
        langs = set()
        for tree in [pslide._element, pslide.notes_slide._element,
                     *[c._chartSpace for c in charts(pslide)]]:
            for run in tree.iter(qn("a:r")):
                props = run.find(qn("a:rPr"))
                langs.add(None if props is None else props.get("lang"))
        assert langs == {proof}, (spec.kind, langs)
    assert prs.core_properties.language == proof


def test_notes_box_grows_with_its_text_and_stays_above_the_source_line(prevalence, targets, demo, published):
    d = make(prevalence, targets, demo, published, "6305", "en")
    prs = open_pptx(slides.build_pptx(d, with_map_image=False))
    for spec, pslide in zip(d.slides, prs.slides):
        if not spec.notes:
            continue
        notes = next(s for s in pslide.shapes if s.has_text_frame and s.text_frame.text == " ".join(spec.notes))
        source = next(s for s in pslide.shapes if s.has_text_frame and s.text_frame.text.startswith(spec.source))
        assert notes.top + notes.height <= source.top
        per_line = 150  # characters of 11 pt on the slide's width
        assert notes.height >= slides.Inches(0.2) * -(-len(notes.text_frame.text) // per_line)
        for chart_shape in [s for s in pslide.shapes if s.has_chart]:
            assert chart_shape.top + chart_shape.height <= notes.top


def test_trend_slide_target_labels_sit_in_the_right_margin_and_never_overprint(prevalence, targets):
    """Issue 15: the province's own targets (BKKBN, Bappeda, Dinkes besides Perpres and RPJMN) crowd 2022–2025.
    On the slide figure (page, full screen and file) their values are in the right margin, at least a label's
    height apart on the survey panel, and a legend beside the plot lies right of them (never over them)."""
    d = deck.build_deck(prevalence, targets, "63", "id", exported=DAY, own_targets=True)  # crowded: all plans
    shown = d.slides[2].data["targets"]
    for look in (deck.Look(height=430, page=True), deck.Look(height=610, page=True, wide=True),
                 deck.Look(height=900, width=1600, font_size=26)):
        fig = deck.slide_figure(d, 2, look)
        labels = [a for a in fig.layout.annotations if a.name == "target_label"]
        assert len(labels) == len(shown) >= 9
        assert all(tr.mode == "markers" for tr in fig.data if tr.legendgroup == "targets")  # no label by a marker
        assert {(a.x, a.xref, a.xanchor) for a in labels} == {(1, "paper", "left")}
        domain = fig.layout.yaxis.domain or (0, 1)
        below = 110 if look.page and not look.wide else 0  # a legend in rows under the plot takes its height
        plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b - below
        panel_px = plot_px * (domain[1] - domain[0])
        top = fig.layout.yaxis.range[1]
        ys = sorted(a.y for a in labels)
        size = labels[0].font.size
        # centres at least 1.2 type sizes apart (a line of text is about 1.2 × its size high)
        assert min((b - a) / top * panel_px for a, b in zip(ys, ys[1:])) >= size * 1.2, (look, ys)
        if look.wide or not look.page:  # the legend beside the plot: at the figure's edge, right of the labels
            legend = fig.layout.legend
            assert (legend.xref, legend.x, legend.xanchor) == ("container", 1, "right")
            longest = max(len(a.text) - 7 for a in labels) * size * 0.55
            assert fig.layout.margin.r >= longest + 150


def test_map_slide_ranks_the_districts_beside_the_map_with_numbers_on_it(prevalence, targets, demo, published):
    """Issue 15 item 5: the map slide fills the slide's height with the 13
    districts ranked beside it (name and value); the map carries the rank
    numbers, which never overprint as the names did (BJM/Banjar/BJB/HSS/Tapin)."""
    gdf = geo.load_boundaries()
    geojson = to_geojson(geo.simplify_for_display(gdf))
    reps = gdf.geometry.representative_point()  # as the app's boundary loader places labels
    points = pd.DataFrame({"code": gdf["code"].astype(str), "lon": reps.x, "lat": reps.y})
    d = make(prevalence, targets, demo, published, "6305", "id")
    assert d.slides[1].kind == "map"
    wide = deck.slide_figure(d, 1, deck.Look(height=610, font_size=20, page=True, wide=True), geojson=geojson,
                             label_points=points)
    bars = next(tr for tr in wide.data if tr.meta == "ranking")
    assert list(bars.y) == [str(i) for i in range(1, 14)]
    assert bars.text[0] == "Banjar 32,3%" and bars.text[-1] == "<b>Tapin 13,2%</b>"  # SSGI 2024; Tapin chosen
    assert list(bars.x) == sorted(bars.x, reverse=True)
    numbers = next(tr for tr in wide.data if tr.meta == "rank_labels")
    rank_of = {b.split(" ")[0].replace("<b>", ""): r for b, r in zip(bars.text, bars.y)}
    assert sorted(numbers.text, key=int) == [str(i) for i in range(1, 14)]
    assert rank_of["Banjar"] == "1" and rank_of["Tapin"] == "13"
    assert wide.layout.geo.domain.x == (0.0, 0.5) and wide.layout.geo.domain.y == (0.0, 1.0)  # the whole height
    assert wide.layout.xaxis.domain[0] > 0.5  # the ranking beside it
    # the page's normal view (possibly a phone): the ranking under the map
    page = deck.slide_figure(d, 1, deck.Look(height=820, font_size=20, page=True), geojson=geojson,
                             label_points=points)
    assert page.layout.geo.domain.y[0] > page.layout.yaxis.domain[1]


def test_trend_slide_flags_tapins_implausible_drop_in_the_file(tapin_pptx):
    """Issue 15 item 5: Tapin's SSGI 2021 33,5 % → 2022 14,5 % is flagged on the trend slide as on
    Target and Profil: the point in orange with "⚠ 14,5%", and a note in words."""
    d, prs = tapin_pptx
    trend = next(s for s in d.slides if s.kind == "trend")
    assert trend.data["flags"] == {("6305", 2022)}
    assert "⚠ Perubahan tidak wajar — periksa sumber: Tapin 2021 33,5% → 2022 14,5%." in trend.notes
    index = d.slides.index(trend)
    chart = charts(prs.slides[index])[0]
    series = next(s for s in chart.plots[0].series if s.name.startswith("Tapin"))
    point = series.points[list(chart.plots[0].categories).index("2022")]
    assert point.data_label.text_frame.text == "⚠ 14,5%"
    assert str(point.marker.format.fill.fore_color.rgb) == "E67E22"
    other = series.points[list(chart.plots[0].categories).index("2024")]
    assert other.data_label.text_frame.text == "13,2%"
    assert "Perubahan tidak wajar" in "\n".join(slide_texts(prs.slides[index]))


def test_trend_slide_labels_of_a_flat_stretch_alternate_above_and_below(tapin_pptx):
    """Tapin's survey 2021 33,5 → 2022 14,5 → 2023 14,4 → 2024 13,2: the 2022 and 2023 labels of the flat stretch
    ran into each other ("⚠ 14,5%14,4%" in LibreOffice's rendering); each close neighbour now goes the other way."""
    from pptx.enum.chart import XL_LABEL_POSITION as P

    d, prs = tapin_pptx
    index = next(i for i, s in enumerate(d.slides) if s.kind == "trend")
    chart = charts(prs.slides[index])[0]
    series = next(s for s in chart.plots[0].series if s.name.startswith("Tapin"))
    years = list(chart.plots[0].categories)
    where = {y: series.points[years.index(y)].data_label.position for y in ("2021", "2022", "2023", "2024")}
    assert where == {"2021": P.ABOVE, "2022": P.ABOVE, "2023": P.BELOW, "2024": P.ABOVE}
    assert slides.label_position(None, 3, 14.5) == P.ABOVE
    assert slides.label_position((3, 33.5, P.ABOVE), 4, 14.5) == P.ABOVE  # far apart: both above
    assert slides.label_position((5, 14.4, P.ABOVE), 7, 14.0) == P.ABOVE  # not neighbours
