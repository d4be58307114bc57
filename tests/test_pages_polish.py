"""What a newcomer found in the running app (issue 15, items 4 and 7), page
by page under the router (AppTest), in both languages: no sample rank
beside a published one on Aksi, the Rekomendasi counts and sort order as
said, the Kecamatan & desa tables' thousands separators and an intro that
matches what is on screen, signed deltas with the minus sign."""

from __future__ import annotations

import json

import pytest
from apptest import run_page as run

from kp2s_dashboard.i18n import fmt_number, t
from kp2s_dashboard.recommendations import board as B
from kp2s_dashboard.recommendations import demo as D


def _captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def _frame_with(at, column):
    for df in at.dataframe:
        if column in df.value.columns:
            return df.value
    raise AssertionError(f"no table with {column!r}")


# -- 1. Aksi: a sample rank never stands beside a published rank --------------------------------------------
@pytest.mark.parametrize("lang", ["id", "en"])
def test_aksi_sample_ranking_is_not_set_beside_the_published_ranks(lang):
    """The demo workbooks rank Tapin 13th and Hulu Sungai Selatan 9th; the
    published results rank both 1st in earlier years. The Peringkat tab must
    not print those published ranks as the previous ones, nor a change
    against them, and says why."""
    at = run("pages/aksi.py", lang=lang, district="6306")
    assert any(t("asm.synthetic_banner", lang) in w.value for w in at.warning)
    table = _frame_with(at, t("asm.col.rank_previous", lang))
    hss = table[table[t("asm.col.district", lang)] == "Hulu Sungai Selatan"].iloc[0]
    assert hss[t("asm.col.rank", lang)] == "9"  # the sample rank is shown ...
    assert hss[t("asm.col.rank_previous", lang)] == "–"  # ... but not the published rank 1 of 2022 beside it
    assert set(table[t("asm.col.rank_previous", lang)]) == {"–"}
    assert set(table[t("asm.col.rank_change", lang)]) == {"–"}
    assert t("asm.previous_source.published", lang) not in set(table[t("asm.col.previous_source", lang)])
    (bars,) = [c for c in (json.loads(x.proto.spec) for x in at.get("plotly_chart"))
               if c["data"][0]["type"] == "bar" and c["data"][0].get("orientation") == "h"
               and "Hulu Sungai Selatan" in c["data"][0]["y"]][:1]
    texts = bars["data"][0]["text"]
    assert texts[list(bars["data"][0]["y"]).index("Hulu Sungai Selatan")].startswith("9 · ")
    change_words = ("turun", "naik", "tetap") if lang == "id" else ("down", "up", "same")
    assert not any(word in text for text in texts for word in change_words), texts
    captions = _captions(at)
    assert t("asm.rank.sample_apart", lang, view=t("asm.view.published", lang)) in captions
    assert ("hanya untuk mencoba tampilan" if lang == "id" else "only demonstrates the view") not in captions


def test_aksi_published_view_still_shows_the_published_ranks():
    at = run("pages/aksi.py", session={"asm_view": "published"})
    assert not any(t("asm.synthetic_banner", "id") in w.value for w in at.warning)
    assert len(at.dataframe) >= 1 and len(at.dataframe[0].value) > 0


def test_one_rule_keeps_sample_ranks_apart_on_aksi_profil_and_the_deck():
    """sample_kept_apart is the one definition: district_result (Aksi, Profil, letter), and the deck's ranking
    slide, give no published rank beside a sample one; the same files read as real data do."""
    import dataclasses

    from kp2s_dashboard import assessment as asm
    from kp2s_dashboard.assessment.result import district_result, in_force
    from kp2s_dashboard.districts.assessment_results import assessment_history
    from kp2s_dashboard.export.deck_assessment import _ranking_slide
    from kp2s_dashboard.store import datastore

    sample = in_force([asm.load_workbook(f.path) for f in datastore.current_files("assessment")]).result
    real = dataclasses.replace(sample, synthetic=False)
    published = asm.load_published_results()
    ranks = asm.published_ranks(published)
    assert asm.sample_kept_apart(True, ranks) and asm.sample_kept_apart(True, ranks, "6306")
    assert not asm.sample_kept_apart(False, ranks) and not asm.sample_kept_apart(True, ranks.iloc[0:0])
    assert not asm.sample_kept_apart(True, ranks, "9999")  # a district without a published rank
    assert asm.sample_kept_apart(True, assessment_history(published.table, "6305"))  # Profil's question
    assert district_result(sample, 2024, "", previous=ranks)["rank_previous"].isna().all()
    assert (district_result(real, 2024, "", previous=ranks)["previous_source"] == "published").any()
    slide = _ranking_slide(sample, published.table, "6306", "id")
    assert slide.data["published"].empty and t("exp.published_hidden_demo", "id") in slide.notes
    slide = _ranking_slide(real, published.table, "6306", "id")
    assert len(slide.data["published"]) and t("exp.published_hidden_demo", "id") not in slide.notes


# -- 4. signed numbers with the minus sign, and the metric still reads them as a fall --------------------------
@pytest.mark.parametrize("lang", ["id", "en"])
def test_profil_survey_delta_has_the_minus_sign_and_points_down(lang):
    """Tapin: SSGI 2024 below SKI 2023. Streamlit reads a fall only from a hyphen, so the direction and the colour
    (a fall in prevalence is good) are given explicitly."""
    from streamlit.proto.Metric_pb2 import Metric

    at = run("pages/profil.py", lang=lang, district="6305")
    metric = at.metric[0].proto
    assert metric.delta.startswith("−1" + ("," if lang == "id" else ".") + "2 ") and "-" not in metric.delta
    assert (metric.direction, metric.color) == (Metric.MetricDirection.DOWN, Metric.MetricColor.GREEN)
    at = run("pages/ringkasan.py", lang=lang)  # the province above the national figure: up, and red
    metric = at.metric[0].proto
    assert metric.delta.startswith("+3")
    assert (metric.direction, metric.color) == (Metric.MetricDirection.UP, Metric.MetricColor.RED)


# -- 2 and 5. Rekomendasi: the counts' labels get the room they need; the sort order said as it is ----------
def _run_rek(lang):
    from datetime import date

    at = run("pages/rekomendasi.py", lang=lang)
    at.date_input(key="rek_as_of").set_value(date(2026, 4, 1)).run()
    assert not at.exception
    return at


@pytest.mark.parametrize("lang", ["id", "en"])
def test_rekomendasi_count_columns_are_as_wide_as_their_labels(lang):
    """At 1366×768 six equal columns cut "Tidak dapat ditindaklanjuti" to "Tidak dapat ditindak…": each count's
    column is as wide as its label needs (its share follows the label's length; the browser test measures it)."""
    at = _run_rek(lang)
    labels = [m.label for m in at.metric]
    assert labels == [t(f"rekomendasi.count.{c}", lang) for c in B.COUNT_COLUMNS]
    row = next(b for b in at.main.children.values() if getattr(b, "type", "") == "flex_container"
               and len(b.children) == len(labels))
    weights = [c.weight for c in row.children.values()]
    shares = [w / sum(weights) for w in weights]
    longest = max(range(len(labels)), key=lambda i: len(labels[i]))
    assert shares[longest] == max(shares) and shares[longest] > 1.4 / len(labels)
    rule = [max(len(label), 8) + 6 for label in labels]  # ui.metric_row's rule: the label's characters + the value
    assert shares == pytest.approx([w / sum(rule) for w in rule])
    by_length = sorted(zip(labels, shares), key=lambda pair: len(pair[0]))
    assert [s for _, s in by_length] == sorted(shares)  # a longer label never gets a narrower column


@pytest.mark.parametrize("lang", ["id", "en"])
def test_rekomendasi_open_list_says_its_order(lang):
    """The open recommendations are sorted by due date, earliest first (none last): the heading says so."""
    at = _run_rek(lang)
    heading = {"id": "Rekomendasi yang belum selesai, tenggat paling awal lebih dulu (tanpa tenggat di akhir)",
               "en": "Recommendations not finished, earliest due date first (those without one last)"}[lang]
    assert heading in [s.value for s in at.subheader]
    recs, entries = D.load()
    from datetime import date

    due = [d for d in B.oldest_open(recs, entries, date(2026, 4, 1))["due_date"] if d is not None and d == d]
    assert due == sorted(due) and len(due) > 3
    shown = at.dataframe[1].value[t("rekomendasi.col.due", lang)]
    from kp2s_dashboard.i18n import fmt_date

    assert list(shown[:len(due)]) == [fmt_date(d, lang) for d in due]


# -- 6 and 7. Kecamatan & desa: thousands separators; an intro that matches the screen ----------------------
def _shown(element) -> "pd.DataFrame":
    """The cells of an ``st.dataframe`` drawn from a pandas Styler as the
    viewer reads them (the Styler's display values)."""
    import pyarrow as pa

    return pa.ipc.open_stream(element.proto.arrow_data.styler.display_values).read_all().to_pandas()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_wilayah_tables_write_counts_with_thousands_separators(lang):
    """Banjar's kecamatan: Aluh Aluh has 1559 children measured, shown "1.559" (id) / "1,559" (en), through the
    one number formatter; the ranks and the changes are written the same way."""
    at = run("pages/wilayah.py", lang=lang, wil_kab="6303")
    frame, shown = at.dataframe[0].value, _shown(at.dataframe[0])
    for key in ("measured", "stunted", "registered"):
        column = t(f"wil.col.{key}", lang)
        values = [int(v) for v in frame[column]]
        assert list(shown[column]) == [fmt_number(v, lang, 0) for v in values], column
    measured = list(shown[t("wil.col.measured", lang)])
    assert ("1.559" if lang == "id" else "1,559") in measured
    change = list(shown[t("wil.col.change", lang)])
    assert any(c.startswith("−") for c in change) and not any(c.startswith("-") for c in change)
    assert list(shown[t("wil.col.rank", lang)][:3]) == ["1", "2", "3"]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_wilayah_intro_speaks_of_the_map_only_when_there_is_one(lang, tmp_path, monkeypatch):
    click = {"id": "Klik sebuah wilayah di peta", "en": "Click an area on the map"}[lang]
    at = run("pages/wilayah.py", lang=lang)
    assert at.get("plotly_chart") and click in at.caption[0].value
    monkeypatch.setenv("KP2S_GEO_DIR", str(tmp_path))  # an empty folder: no boundary file, no map
    at = run("pages/wilayah.py", lang=lang)
    assert not at.get("plotly_chart")
    intro = at.caption[0].value
    assert intro == t("wil.intro_no_map", lang) and click not in intro
    assert ("klik" if lang == "id" else "click") not in _page_captions_but_errors(at)  # nothing to click
    assert t("wil.tables_hint_list", lang) in [c.value for c in at.caption]
    at.selectbox(key="wil_district_pick").set_value("6303").run()
    assert at.caption[0].value == t("wil.intro_no_map", lang) and len(at.tabs) == 3


def _page_captions_but_errors(at) -> str:
    """The page's captions and Markdown, lower case (the error box naming the missing boundary files left out)."""
    return "\n".join([c.value for c in at.caption] + [m.value for m in at.markdown]).lower()


# -- 3. Survei vs e-PPGBM: the chart title's first line stays inside the chart --------------------------------
@pytest.mark.parametrize("lang", ["id", "en"])
def test_survey_register_title_hangs_low_enough_for_its_lines(lang):
    """plotly.js centres a title of several lines on the position of its first line, so a title hanging from
    the top of the figure rises by half its extra lines: the padding makes room for them (the browser test
    measures the drawn title)."""
    from kp2s_dashboard.figures import survey_register as sr
    from kp2s_dashboard.prevalence import progress
    from kp2s_dashboard.prevalence.loader import load_prevalence
    from kp2s_dashboard.store import datastore

    table = load_prevalence(datastore.current("prevalence").path).table
    fig = sr.svr_dumbbell(progress.survey_vs_register(table, lang=lang), lang)
    title = fig.layout.title
    lines = title.text.count("<br>") + 1
    assert lines == 3 and (title.yref, title.y, title.yanchor) == ("container", 1, "top")
    size = title.font.size
    rise = (lines - 1) * 1.3 * size / 2  # the first line's rise above its position, px
    assert title.pad.t - rise >= 5  # its top stays ~6 px inside the figure
    assert title.pad.t + (lines - 1) * 1.3 * size + size < fig.layout.margin.t  # and the title above the panels
