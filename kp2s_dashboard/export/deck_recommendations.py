"""The deck's "Rekomendasi dan tindak lanjut" slide: how many
recommendations are done, in progress, open or not possible as of the
export date, per kabupaten/kota (the province deck) or per action (a
district's deck), with the overdue ones named in the labels. The counts are
:func:`kp2s_dashboard.recommendations.board.board`'s, as on the
Rekomendasi page and in the recap.

:func:`recommendations_slide` builds the :class:`Slide`;
:func:`figure` draws it for the presentation page and images;
:func:`draw_pptx` as a native stacked bar chart in the PowerPoint.
"""

from __future__ import annotations

import datetime as _dt

import pandas as pd
import plotly.graph_objects as go

from kp2s_dashboard.export.deck_model import Slide, region_title
from kp2s_dashboard.i18n import fmt_date, t
from kp2s_dashboard.recommendations import board as B
from kp2s_dashboard.recommendations.views import action_label
from kp2s_dashboard.regions import PROVINCE_CODE, registry

#: Stacked series in order, with their colours (done first, from the axis).
SERIES = (("done", "#2e7d32"), ("in_progress", "#f9a825"), ("open", "#c62828"), ("not_possible", "#9e9e9e"))


def recommendations_slide(recs: pd.DataFrame, entries: pd.DataFrame, focus: str, lang: str, as_of: _dt.date,
                          demo: bool = False) -> Slide:
    """The slide's data: ``table`` with ``label`` (str: district name, or
    ``Aksi n``/``Umum`` (``Action n``/``General`` in English) for a district's deck; ``· n terlambat`` appended
    when some are overdue) and the count columns of
    :data:`~kp2s_dashboard.recommendations.board.COUNT_COLUMNS` (int64),
    one row per district (BPS order) or action with recommendations.
    ``demo`` marks the slide as sample data."""
    reg = registry()
    own = recs if focus == PROVINCE_CODE else recs[recs["district_code"] == focus]
    counts = B.board(own, entries, as_of)
    if focus == PROVINCE_CODE:
        counts = B.totals_by_district(counts)
        order = {r.code: i for i, r in enumerate(reg.districts())}
        counts = counts.assign(_o=counts["district_code"].map(order)).sort_values("_o")
        labels = [reg.short_name(c) for c in counts["district_code"]]
    else:
        labels = [action_label(a, lang) for a in counts["action"]]
    late = t("rekomendasi.overdue_mark", lang)
    table = pd.DataFrame({"label": [f"{name} · {int(n)} {late}" if n else name
                                    for name, n in zip(labels, counts["overdue"])]})
    for col in B.COUNT_COLUMNS:
        table[col] = counts[col].astype("int64").to_numpy()
    totals = {c: int(table[c].sum()) for c in B.COUNT_COLUMNS}
    notes = (t("rekomendasi.deck.summary", lang, date=fmt_date(as_of, lang), **totals),)
    return Slide(kind="recommendations", title=t("rekomendasi.deck.title", lang, region=region_title(focus, lang)),
                 source=t("rekomendasi.deck.source", lang), notes=notes, synthetic=demo,
                 empty="" if len(table) else t("rekomendasi.none", lang), data={"table": table, "lang": lang})


def _names(lang: str) -> dict[str, str]:
    return {key: t(f"rekomendasi.count.{key}", lang) for key, _ in SERIES}


def figure(slide: Slide, lang: str, font_size: int, ink: str) -> tuple[go.Figure, list[str]]:
    """The stacked bars (first row on top) and the labels, before the deck's
    frame is applied (:mod:`~kp2s_dashboard.export.deck_figures`)."""
    table = slide.data["table"].iloc[::-1]
    names = _names(lang)
    fig = go.Figure()
    for key, colour in SERIES:
        fig.add_trace(go.Bar(x=table[key], y=table["label"], orientation="h", name=names[key], marker_color=colour,
                             text=[str(v) if v else "" for v in table[key]], textposition="inside",
                             textfont={"color": "white", "size": font_size}))
    fig.update_layout(barmode="stack", bargap=0.25,
                      legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom",
                              "font": {"color": ink}})
    fig.update_xaxes(title_text=t("rekomendasi.deck.axis", lang), dtick=1 if table["total"].max() <= 10 else None)
    return fig, list(table["label"])


def draw_pptx(pslide, slide: Slide, box, style) -> None:
    """A native stacked bar chart of the slide's table in ``box`` (left,
    top, width, height); ``style(chart)`` applies the deck's chart style."""
    from kp2s_dashboard.export.chart_data import CategoryChartData
    from pptx.dml.color import RGBColor
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION

    table = slide.data["table"]
    names = _names(slide.data.get("lang", "id"))
    data = CategoryChartData(number_format="0")
    data.categories = list(table["label"])
    for key, _ in SERIES:
        data.add_series(names[key], [int(v) for v in table[key]])
    chart = pslide.shapes.add_chart(XL_CHART_TYPE.BAR_STACKED, *box, data).chart
    style(chart)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    chart.category_axis.reverse_order = True
    chart.plots[0].gap_width = 40
    chart.plots[0].overlap = 100
    for (key, colour), series in zip(SERIES, chart.plots[0].series):
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#"))
