"""The deck's "Rekomendasi dan tindak lanjut" slide (issue 10 point 4): its
counts are the board's, it is a native stacked bar chart in the PowerPoint,
its figure draws, and a demo round is left out unless the presenter opts in."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from kp2s_dashboard.export import deck, slides
from kp2s_dashboard.prevalence.loader import load_prevalence
from kp2s_dashboard.prevalence.targets import load_targets
from kp2s_dashboard.recommendations import board as B
from kp2s_dashboard.recommendations import demo as D
from kp2s_dashboard.store import datastore

DAY = dt.date(2026, 12, 4)


@pytest.fixture(scope="module")
def inputs():
    return (load_prevalence(datastore.current("prevalence").path).table,
            load_targets(datastore.current("targets").path), D.load())


def test_province_slide_counts_are_the_boards_and_the_pptx_chart_is_native(inputs):
    prevalence, targets, (recs, entries) = inputs
    d = deck.build_deck(prevalence, targets, None, "id", exported=DAY, include_demo=True,
                        recommendations=(recs, entries, True))
    slide = d.slides[-1]
    assert d.kinds()[-1] == "recommendations" and slide.synthetic
    assert slide.title == "Rekomendasi dan tindak lanjut — Provinsi Kalimantan Selatan"
    totals = B.totals_by_district(B.board(recs, entries, DAY)).set_index("district_code")
    table = slide.data["table"]
    assert len(table) == 13 and table["label"].iloc[4].startswith("Tapin")
    assert list(table["done"]) == [int(totals.loc[c, "done"]) for c in totals.index]
    assert slide.notes[0].startswith("Per 4 Desember 2026: 38 rekomendasi — 15 selesai, 14 dalam proses, 7 belum")
    prs = Presentation(io.BytesIO(slides.deck_pptx(d)))
    [chart] = [s.chart for s in prs.slides[-1].shapes if getattr(s, "has_chart", False)]
    assert chart.chart_type == XL_CHART_TYPE.BAR_STACKED
    series = {s.name: list(s.values) for s in chart.plots[0].series}
    assert series["Selesai"] == [float(v) for v in table["done"]]
    assert sum(series["Belum ditindaklanjuti"]) == 7
    fig = deck.slide_figure(d, len(d.slides) - 1)
    assert [tr.name for tr in fig.data] == ["Selesai", "Dalam proses", "Belum ditindaklanjuti",
                                            "Tidak dapat ditindaklanjuti"]


def test_district_slide_is_per_action_and_demo_is_left_out_by_default(inputs):
    prevalence, targets, (recs, entries) = inputs
    d = deck.build_deck(prevalence, targets, "6305", "en", exported=DAY, include_demo=True,
                        recommendations=(recs, entries, True))
    table = d.slides[-1].data["table"]
    tapin = B.board(recs[recs["district_code"] == "6305"], entries, DAY)
    assert list(table["total"]) == list(tapin["total"]) and table["label"].iloc[-1].startswith("General")
    plain = deck.build_deck(prevalence, targets, "6305", "en", exported=DAY, recommendations=(recs, entries, True))
    assert "recommendations" not in plain.kinds() and plain.demo_left_out == 0  # counts assessment slides only
