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
