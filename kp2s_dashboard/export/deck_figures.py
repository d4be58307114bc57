"""The deck's slides as plotly figures, for the presentation page and the
image export (PNG/SVG): :func:`slide_figure` draws one slide of a
:class:`~kp2s_dashboard.export.deck_model.Deck` in a :class:`Look` (size,
type size, light or dark colours, page or file), with its title, notes,
source line and export date.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from kp2s_dashboard.figures import prevalence as figures
from kp2s_dashboard.figures.labels import LABEL_NAME, text_px
from kp2s_dashboard.prevalence.classes import COLOURS, classify
from kp2s_dashboard.export.deck_model import (FOCUS_COLOUR, OTHER_COLOUR, PROVINCE_MEAN_COLOUR, SYNTHETIC_COLOUR, Deck,
                                              Slide, class_bar_colours, slide_lines)
from kp2s_dashboard.i18n import fmt_number, fmt_pct, t
from kp2s_dashboard.regions import registry


@dataclass(frozen=True)
class Look:
    """How a slide figure looks: size, type size and colours.

    ``dark`` gives light text on a near-black background for a dim room;
    the default is black on white. Both keep the class colours of the map.

    ``page`` is for the figure on the web page, which may be as narrow as a
    phone (390 px): the figure then holds the chart only — the page shows the
    title, notes, source line and date as text that wraps — its legend lies
    below the plot, and plotly spaces the year ticks for the width. Files
    (PNG/SVG, PowerPoint) keep the default ``page=False``: everything drawn
    in the figure.
    """

    height: int = 520
    width: int | None = None
    font_size: int = 20
    dark: bool = False
    page: bool = False
    #: a wide screen (the presenter's full screen): the page figure's legend
    #: beside the plot instead of under it, leaving the height to the chart.
    wide: bool = False

    @property
    def ink(self) -> str:
        return "#f2f2f2" if self.dark else "#000000"

    @property
    def paper(self) -> str:
        return "#111111" if self.dark else "#ffffff"

    @property
    def muted(self) -> str:
        return "#c8c8c8" if self.dark else "#333333"

    @property
    def grid(self) -> str:
        return "#3a3a3a" if self.dark else "#e3e3e3"


def _scaled(size: float, look: Look) -> int:
    return max(1, round(size * look.font_size / 20))


#: Width assumed for a figure drawn in the page's column (plotly annotations
#: do not wrap, so long lines are broken for this width).
PAGE_WIDTH_PX = 900
#: The narrowest figure on the page's normal view (a 390 px phone less the page's padding).
PHONE_WIDTH_PX = 360


def _label_px(labels, size: int) -> int:
    """Rough width in px of the longest tick label (lines split at ``<br>``)."""
    longest = max((len(part) for label in labels for part in str(label).split("<br>")), default=0)
    return int(longest * size * 0.5) + 30


def _chars_per_line(look: Look, size: int, bold: bool = False) -> int:
    """How many characters of ``size`` px fit on one line of the figure."""
    return max(30, int((look.width or PAGE_WIDTH_PX) / (size * (0.6 if bold else 0.52))))


def _frame(fig: go.Figure, slide: Slide, deck: Deck, look: Look, *, axis_lines: float = 0.0,
           legend_top: bool = False, left_px: int = 0, map_drawn: bool = True) -> go.Figure:
    """Title on top (with the sample-data label under it), notes, source line
    and export date at the bottom, and the look's colours.

    ``axis_lines`` reserves room (in lines of the base font) under the plot
    for the x axis's ticks and title; ``legend_top`` room above the plot for
    a horizontal legend; ``left_px`` is how far the plot area starts from
    the figure's left edge (long tick labels), where the bottom lines begin;
    ``map_drawn`` (map slide) whether the map is drawn: the boundaries are
    credited only then, else a note says why it is missing
    (:func:`~kp2s_dashboard.export.deck_model.slide_lines`).
    Long lines are broken for the width left (plotly does not wrap text); a
    long title gets a smaller type instead (plotly misplaces wrapped titles).
    """
    if look.page:
        return _page_frame(fig, look, axis_lines=axis_lines)
    small = _scaled(14, look)
    label_size = _scaled(18, look)
    width = look.width or PAGE_WIDTH_PX
    title_size = max(_scaled(18, look), min(_scaled(30, look), int(width / (max(len(slide.title), 1) * 0.56))))
    title = slide.title
    n_title = 1
    per_line = max(30, int((width - left_px) / (small * 0.52)))
    lines = [part for line in slide_lines(deck, slide, map_drawn=map_drawn)
             for part in wrap(line, per_line, "\n").split("\n")]
    text_block = int(small * 1.45 * len(lines)) + 12
    bottom = text_block + int(axis_lines * look.font_size * 1.3)
    top = int(title_size * 1.3 * n_title) + 24
    title_spec: dict[str, Any] = {
        "text": f"<b>{title}</b>", "x": 0.01, "xanchor": "left", "xref": "container", "y": 1, "yanchor": "top",
        "yref": "container", "pad": {"t": 10}, "font": {"size": title_size, "color": look.ink},
    }
    if slide.synthetic:
        title_spec["subtitle"] = {"text": f"<b>⚠ {t('asm.synthetic_banner', deck.lang)}</b>",
                                  "font": {"size": label_size, "color": "#ff6b6b" if look.dark else SYNTHETIC_COLOUR}}
        top += int(label_size * 1.6)
    if legend_top:
        top += int(look.font_size * 1.8)
    _apply_look(fig, look, title=title_spec, margin={"l": 20, "r": 20, "t": top, "b": bottom})
    for i, line in enumerate(reversed(lines)):
        fig.add_annotation(text=line, xref="paper", yref="paper", x=0, xanchor="left", yanchor="bottom",
                           y=0, yshift=-bottom + 6 + i * int(small * 1.45), showarrow=False, align="left",
                           font={"size": small, "color": look.muted})
    return fig


#: Legend under the plot, in rows, for the page figure (any screen width).
def _legend_below(look: Look) -> dict[str, Any]:
    return {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "bottom", "yref": "container",
            "font": {"size": _scaled(14, look), "color": look.ink}, "bgcolor": "rgba(0,0,0,0)",
            "entrywidth": 0, "tracegroupgap": 2,
            "grouptitlefont": {"size": _scaled(14, look), "color": look.ink}}


def _page_frame(fig: go.Figure, look: Look, *, axis_lines: float = 0.0) -> go.Figure:
    """The look's colours and type, without title or bottom lines (the page
    writes them as text); room under the plot for the x axis only."""
    _apply_look(fig, look, title=None,
                margin={"l": 10, "r": 10, "t": 16, "b": 10 + int(axis_lines * look.font_size * 0.4)})
    return fig


def _apply_look(fig: go.Figure, look: Look, *, title: Any, margin: dict[str, int]) -> None:
    """The look's size, colours, type and axes on ``fig``, with ``title`` and ``margin`` (px)."""
    fig.update_layout(
        title=title,
        height=look.height,
        paper_bgcolor=look.paper,
        plot_bgcolor=look.paper,
        font={"color": look.ink, "size": look.font_size, "family": figures.FONT},
        margin=margin,
        legend={"font": {"color": look.ink}, "bgcolor": "rgba(0,0,0,0)"},
    )
    if look.width:
        fig.update_layout(width=look.width)
    axes = {"gridcolor": look.grid, "linecolor": look.muted, "zerolinecolor": look.muted, "automargin": True,
            "tickfont": {"color": look.ink}, "title_font": {"color": look.ink}}
    fig.update_xaxes(**axes)
    fig.update_yaxes(**axes)


def _empty_figure(slide: Slide, deck: Deck, look: Look) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=slide.empty, xref="paper", yref="paper", x=0.5, y=0.5, showarrow=False,
                       font={"size": _scaled(24, look), "color": look.ink})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _frame(fig, slide, deck, look)


def _title_figure(slide: Slide, deck: Deck, look: Look) -> go.Figure:
    fig = go.Figure()
    items = slide.data.get("figures", [])
    fig.add_annotation(text=wrap(slide.subtitle, _chars_per_line(look, _scaled(22, look))), xref="paper",
                       yref="paper", x=0, y=0.98, xanchor="left", align="left",
                       yanchor="top", showarrow=False, font={"size": _scaled(22, look), "color": look.muted})
    n = max(len(items), 1)
    for i, item in enumerate(items):
        x = (i + 0.5) / n
        fig.add_annotation(text=f"<b>{item['value']}</b>", xref="paper", yref="paper", x=x, y=0.55,
                           xanchor="center", showarrow=False, font={"size": _scaled(54, look), "color": look.ink})
        fig.add_annotation(text=f"<b>{item['label']}</b><br>{item['detail']}", xref="paper", yref="paper", x=x,
                           y=0.36, xanchor="center", yanchor="top", showarrow=False, font={"size": _scaled(18, look), "color": look.muted})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _frame(fig, slide, deck, look)


def _map_figure(slide: Slide, deck: Deck, look: Look, geojson: dict | None, label_points) -> go.Figure:
    """The map slide: the choropleth on the left half, the full height of the
    plot, and beside it the 13 districts ranked by value as bars in their
    class colours with name and value. The map is labelled with the rank
    numbers of the bars (one or two digits, which never overprint even on
    the small neighbours Banjarmasin, Banjarbaru, HSS and Tapin); the names
    and values are in the ranking. Without boundaries the ranking alone
    (:func:`_class_bars`)."""
    table = slide.data["table"]
    if geojson is None:
        return _class_bars(slide, deck, look)
    fig = figures.choropleth(table, geojson, deck.lang, selected=slide.data.get("selected"),
                             label_points=None, height=look.height, font_size=look.font_size)
    fig.layout.annotations = ()  # the slide's own source line replaces the page footnote
    ranked = map_ranking(table)
    if label_points is not None and len(label_points):
        points = label_points[label_points["code"].isin(ranked["code"])]
        rank_of = dict(zip(ranked["code"], ranked["rank"]))
        fig.add_trace(go.Scattergeo(
            lon=points["lon"], lat=points["lat"], text=[str(rank_of[c]) for c in points["code"]], mode="text",
            textfont={"size": _scaled(15, look), "color": "#111111", "family": figures.FONT},
            hoverinfo="skip", showlegend=False, meta="rank_labels"))
    selected = slide.data.get("selected")
    top = float(ranked["value_pct"].max()) if len(ranked) else 30.0
    fig.add_trace(go.Bar(
        x=ranked["value_pct"], y=[str(r) for r in ranked["rank"]], orientation="h", xaxis="x", yaxis="y",
        marker={"color": class_bar_colours(ranked["code"], ranked["klass"], selected),
                "line": {"color": [look.ink if c == selected else "rgba(0,0,0,0)" for c in ranked["code"]],
                         "width": 3}},
        text=[f"{'<b>' if c == selected else ''}{n} {fmt_pct(v, deck.lang)}{'</b>' if c == selected else ''}"
              for c, n, v in zip(ranked["code"], ranked["name"], ranked["value_pct"])],
        textposition="outside", cliponaxis=False, constraintext="none",
        textfont={"color": look.ink, "size": _scaled(15, look)}, showlegend=False, meta="ranking",
        customdata=ranked["name"], hovertemplate="<b>%{customdata}</b>: %{x:.1f}%<extra></extra>",
    ))
    # beside each other on a wide slide; on the page's normal view, which may be a phone, the ranking under the map
    stacked = look.page and not look.wide
    fig.update_geos(domain={"x": [0.0, 1.0], "y": [0.47, 1.0]} if stacked else {"x": [0.0, 0.5], "y": [0.0, 1.0]})
    if look.dark:  # names stay dark: they sit on the light class colours
        fig.update_traces(selector={"name": "selected"}, marker_line_color="#ffffff")
    fig = _frame(fig, slide, deck, look)
    # room to the right of the longest bar for "Hulu Sungai Selatan 27,0%"
    fig.update_layout(
        xaxis={"domain": [0.0, 1.0] if stacked else [0.56, 1.0], "range": [0, top * 2.3], "visible": False,
               "fixedrange": True},
        yaxis={"domain": [0.0, 0.42] if stacked else [0.0, 1.0], "autorange": "reversed", "type": "category", "showgrid": False,
               "tickfont": {"size": _scaled(14, look), "color": look.muted}, "ticks": "", "fixedrange": True},
        bargap=0.25, separators=",." if deck.lang == "id" else ".,",
    )
    if look.page:
        fig.update_layout(legend={**_legend_below(look), "title": {
            "text": t("map.legend_title", deck.lang), "font": {"color": look.ink}, "side": "top"}})
    else:
        fig.update_layout(legend={"orientation": "v", "x": 0.0, "y": 0.02, "xanchor": "left", "yanchor": "bottom",
                                  "bgcolor": "rgba(0,0,0,0)",
                                  "title": {"text": t("map.legend_title", deck.lang), "font": {"color": look.ink}}})
    fig.update_geos(bgcolor=look.paper)
    return fig


def map_ranking(table: pd.DataFrame) -> pd.DataFrame:
    """The map slide's districts with a value, highest first (ties by name):
    ``code, name, value_pct, klass`` and ``rank`` (int, 1 = highest
    prevalence), the numbers written on the map."""
    ranked = table.dropna(subset=["value_pct"]).sort_values(["value_pct", "name"], ascending=[False, True])
    ranked = ranked[["code", "name", "value_pct", "klass"]].reset_index(drop=True)
    ranked["rank"] = range(1, len(ranked) + 1)
    return ranked


def _class_bars(slide: Slide, deck: Deck, look: Look) -> go.Figure:
    """The map's values as bars in class colours (when no boundaries): the
    chosen district (``data["selected"]``) in its class colour, outlined,
    with its name and value in bold, the others lighter
    (:func:`~kp2s_dashboard.export.deck_model.class_bar_colours`); the axis
    leaves room for the longest bar's value label. The lines under it say
    why the map is missing and credit no boundaries."""
    table = slide.data["table"].dropna(subset=["value_pct"]).sort_values(["value_pct", "name"],
                                                                         ascending=[True, False])
    selected = slide.data.get("selected")
    chosen = [c == selected for c in table["code"]]
    size = _scaled(16, look)
    fig = go.Figure(go.Bar(
        x=table["value_pct"], y=[f"<b>{n}</b>" if c else n for n, c in zip(table["name"], chosen)], orientation="h",
        marker={"color": class_bar_colours(table["code"], classify(table["value_pct"]), selected),
                "line": {"color": [look.ink if c else "rgba(0,0,0,0)" for c in chosen], "width": 3}},
        text=[f"<b>{fmt_pct(v, deck.lang)}</b>" if c else fmt_pct(v, deck.lang)
              for v, c in zip(table["value_pct"], chosen)],
        textposition="outside", cliponaxis=False, constraintext="none", textfont={"color": look.ink, "size": size},
        meta="class_bars",
    ))
    top = float(table["value_pct"].max()) if len(table) else 30.0
    # "32,3%" right of the longest bar: the axis runs on past it by the label's width (7 characters), on the
    # narrowest screen the figure may be drawn on (the page's normal view: a phone, 360 px)
    width = look.width or (1300 if look.wide else PHONE_WIDTH_PX if look.page else PAGE_WIDTH_PX)
    plot_px = max(width - _label_px(table["name"], size), 120)
    fig.update_xaxes(title_text=t("trend.axis_pct", deck.lang), range=[0, top * (1 + 7 * size * 0.6 / plot_px) + 0.5])
    fig.update_yaxes(automargin=True, tickfont={"size": size})
    fig.update_layout(separators=",." if deck.lang == "id" else ".,", showlegend=False)
    return _frame(fig, slide, deck, look, axis_lines=3.2, map_drawn=False)


#: Share of the plot height for the survey panel when e-PPGBM has its own
#: panel below (the survey trend is the slide's message: at least half the slide).
SURVEY_SHARE = 0.76


def _legend_px(fig: go.Figure, size: int) -> int:
    """Rough width in px of a vertical legend of ``fig`` in type of ``size`` px
    (its longest entry or group title, with the marker before it)."""
    names = [str(tr.name) for tr in fig.data if tr.showlegend is not False and tr.name]
    names += [str(tr.legendgrouptitle.text) for tr in fig.data if tr.legendgrouptitle and tr.legendgrouptitle.text]
    return max((text_px(n, size) for n in names), default=0) + 50


def _luminance(colour: str | None) -> float:
    """Relative brightness 0–1 of a ``#rrggbb`` colour (0 for anything else)."""
    text = str(colour or "").lstrip("#")
    if len(text) != 6:
        return 0.0
    r, g, b = (int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _trend_figure(slide: Slide, deck: Deck, look: Look) -> go.Figure:
    """The Tren page's figure (surveys above, e-PPGBM in its own panel below,
    targets as markers) in presentation size. The survey panel takes
    :data:`SURVEY_SHARE` of the height; the targets' values are written in
    the right margin, never over each other or the lines
    (:func:`kp2s_dashboard.figures.prevalence.target_labels`, spaced for the
    survey panel's height here); a legend beside the plot lies right of them."""
    data = slide.data
    fig = figures.trend(data["table"], data["codes"], data["targets"], deck.lang, until=data["until"],
                        height=look.height, font_size=look.font_size)
    legend_px = 110 if look.page and not look.wide else 0
    plot_px = max(look.height - 16 - 40 - 50 - legend_px - (0 if look.page else 150), 200)
    survey_px = plot_px
    if (fig.layout.meta or {}).get("panels") == 2:
        # the register panel at least 70 px (60 on a wide screen) and the gap above it room for its title, two
        # lines (52 px) or on a wide screen one (34 px): on a small figure the survey panel gives up its share,
        # never the register's axis or title
        title_px, least_px = (34, 60) if look.wide else (52, 70)
        register = max(1 - SURVEY_SHARE - title_px / plot_px, least_px / plot_px)
        gap = title_px / plot_px
        fig.update_layout(yaxis={"domain": [min(register + gap, 0.9), 1.0]},
                          yaxis2={"domain": [0.0, register], "nticks": 3})  # a low panel: few ticks, never crowded
        survey_px = plot_px * (1 - min(register + gap, 0.9))
        register_title = t("trend.panel_register", deck.lang)
        for a in fig.layout.annotations:  # the panel titles sit on top of their panels, in the gap
            if a.text.replace("<br>", " ") == register_title:  # the figure wraps its panel titles
                a.update(y=register, yanchor="bottom", text=register_title if look.wide else a.text)
        # no survey panel title: the legend names the series, and the height goes to the chart
        fig.layout.annotations = [a for a in fig.layout.annotations
                                  if a.text.replace("<br>", " ") != t("trend.panel_survey", deck.lang)]
    label_size = _scaled(13, look)
    labels_px = figures.target_labels(fig, survey_px, label_size)
    if look.dark:
        fig.update_traces(selector={"legendgroup": "sources"}, marker_color=look.muted)
        # panel titles in light ink; the target labels keep their plan's colour unless it is too dark to read
        fig.for_each_annotation(lambda a: a.update(font_color=look.ink) if a.name != LABEL_NAME
                                or _luminance(a.font.color) < 0.35 else None)
        fig.update_traces(selector={"name": registry().short_name(data["codes"][0])}, line_color="#6fa8dc",
                          marker_color="#6fa8dc")
        fig.for_each_trace(lambda tr: tr.update(textfont_color=look.ink) if tr.mode and "text" in tr.mode else None)
    fig = _frame(fig, slide, deck, look, axis_lines=1.6)
    fig.update_yaxes(title_font={"size": _scaled(15, look)})
    # the target labels in the right margin; a legend beside the plot at the figure's right edge, past them
    beside = not look.page or look.wide
    legend_size = _scaled(13, look) if look.page else _scaled(14, look)
    right = max(labels_px, 10) + (_legend_px(fig, legend_size) if beside else 0)
    fig.update_layout(margin={"r": right})
    if look.page:  # legend in rows under the plot; year ticks spaced by plotly for the width
        small = _scaled(13, look)
        if look.wide:
            fig.update_layout(legend={"orientation": "v", "x": 1, "y": 1, "xanchor": "right", "yanchor": "top",
                                      "xref": "container", "font": {"size": small, "color": look.ink},
                                      "tracegroupgap": 4, "grouptitlefont": {"size": small, "color": look.ink}})
        else:
            fig.update_layout(legend={**_legend_below(look), "font": {"size": small, "color": look.ink},
                                      "grouptitlefont": {"size": small, "color": look.ink}, "itemwidth": 30})
            # the legend under the plot stays short enough for a phone (a taller one scrolled, cut): the survey
            # markers' key is a line of the page's text instead (deck_model.slide_lines(marker_key=True))
            fig.update_traces(showlegend=False, selector={"legendgroup": "sources"})
        fig.update_xaxes(dtick=None, tickmode="auto", nticks=0, tickformat="d")
        fig.update_yaxes(title_font={"size": small}, title_standoff=4)
        fig.for_each_annotation(lambda a: a.update(font_size=small) if a.yref == "paper" else None)
        # the panel title, wrapped for a phone (on one line on a wide screen)
        fig.for_each_annotation(lambda a: a.update(text=wrap(a.text, 44)) if not look.wide and len(a.text) > 44
                                and "<br>" not in a.text and a.name != LABEL_NAME else None)
        return fig
    fig.update_layout(legend={"orientation": "v", "x": 1, "y": 1, "xanchor": "right", "xref": "container",
                              "tracegroupgap": 4, "font": {"size": _scaled(14, look)},
                              "grouptitlefont": {"size": _scaled(15, look), "color": look.ink}})
    return fig


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters at a space, with an ellipsis."""
    text = str(text)
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut + "…"


def wrap(text: str, width: int = 30, sep: str = "<br>") -> str:
    """``text`` broken into lines of at most ``width`` characters at spaces."""
    lines: list[str] = []
    for word in str(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return sep.join(lines)


def _actions_figure(slide: Slide, deck: Deck, look: Look) -> go.Figure:
    table = slide.data["table"].iloc[::-1].copy()
    # full names in the PowerPoint; shorter on the page, which may be phone-wide
    table["label"] = [shorten(x, 26 if look.page and not look.wide else 40) for x in table["label"]]
    lang = deck.lang
    fig = go.Figure()
    if table["reference"].notna().any():
        fig.add_trace(go.Bar(
            x=table["reference"], y=table["label"], orientation="h", name=slide.data["reference_name"],
            marker_color=PROVINCE_MEAN_COLOUR, text=[fmt_number(v, lang, 1) for v in table["reference"]],
            textposition="outside", cliponaxis=False, constraintext="none",
            textfont={"color": look.ink, "size": _scaled(16, look)},
        ))
    fig.add_trace(go.Bar(
        x=table["value"], y=table["label"], orientation="h", name=slide.data["value_name"],
        marker_color=FOCUS_COLOUR if not look.dark else "#6fa8dc",
        text=[fmt_number(v, lang, 1) for v in table["value"]],
        textposition="outside", cliponaxis=False, constraintext="none",
            textfont={"color": look.ink, "size": _scaled(16, look)},
    ))
    fig.update_layout(barmode="group", bargap=0.18, bargroupgap=0.04, separators=",." if lang == "id" else ".,",
                      legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom",
                              "traceorder": "reversed"})
    fig.update_xaxes(title_text=t("exp.score_axis", lang), range=[0, 110])
    fig = _frame(fig, slide, deck, look, axis_lines=3.2, legend_top=True,
                 left_px=_label_px(table["label"], _scaled(15, look)))
    fig.update_yaxes(tickfont={"size": _scaled(15, look)})
    if look.page:
        legend = ({"orientation": "h", "x": 1, "xanchor": "right", "y": 1.0, "yanchor": "bottom",
                   "font": {"size": _scaled(14, look), "color": look.ink}} if look.wide else _legend_below(look))
        fig.update_layout(legend={**legend, "traceorder": "reversed"})
        fig.update_yaxes(tickfont={"size": _scaled(13, look)})
        fig.update_xaxes(title_font={"size": _scaled(15, look)}, tickfont={"size": _scaled(14, look)})
        fig.update_traces(textfont_size=_scaled(13, look))
    return fig


def _ranking_figure(slide: Slide, deck: Deck, look: Look) -> go.Figure:
    table = slide.data["table"].iloc[::-1]
    lang = deck.lang
    decimals = slide.data.get("decimals", 2)
    colours = [(FOCUS_COLOUR if not look.dark else "#6fa8dc") if f else OTHER_COLOUR for f in table["focus"]]
    labels = [f"{int(r)}. {n}" for r, n in zip(table["rank"], table["name"])]
    fig = go.Figure(go.Bar(
        x=table["total"], y=labels, orientation="h", marker_color=colours,
        text=[fmt_number(v, lang, decimals) for v in table["total"]], textposition="outside", cliponaxis=False,
        constraintext="none", textfont={"color": look.ink, "size": _scaled(16, look)}, showlegend=False,
    ))
    top = float(table["total"].max()) if len(table) else 1.0
    fig.update_xaxes(title_text=slide.data["value_name"], range=[0, top * 1.12])
    fig.update_yaxes(automargin=True, tickfont={"size": _scaled(16, look)})
    fig.update_layout(separators=",." if lang == "id" else ".,")
    fig = _frame(fig, slide, deck, look, axis_lines=3.2, left_px=_label_px(labels, _scaled(16, look)))
    if look.page:  # smaller type on the page, which may be phone-wide
        fig.update_yaxes(tickfont={"size": _scaled(14, look)})
        fig.update_xaxes(title_font={"size": _scaled(15, look)}, tickfont={"size": _scaled(14, look)})
        fig.update_traces(textfont_size=_scaled(14, look))
        fig.update_xaxes(range=[0, top * 1.3])  # room for the value labels on a narrow screen
    return fig


def _recommendations_figure(slide: Slide, deck: Deck, look: Look) -> go.Figure:
    from kp2s_dashboard.export import deck_recommendations as dr

    fig, labels = dr.figure(slide, deck.lang, _scaled(15, look), look.ink)
    fig = _frame(fig, slide, deck, look, axis_lines=3.2, legend_top=True,
                 left_px=_label_px(labels, _scaled(15, look)))
    fig.update_yaxes(tickfont={"size": _scaled(15, look)})
    return fig


def slide_figure(deck: Deck, index: int, look: Look | None = None, *, geojson: dict | None = None,
                 label_points: pd.DataFrame | None = None) -> go.Figure:
    """Slide ``index`` (0-based) of ``deck`` as one plotly figure: the
    slide's title on top, its chart, and under it the notes, the source line
    and the export date (so a PNG of it keeps them). With ``look.page`` the
    figure is the chart alone, for a page that writes those as text.

    Args:
        look: size, type size and colours (:class:`Look`).
        geojson, label_points: boundaries for the map slide (see
            :func:`kp2s_dashboard.figures.prevalence.choropleth`); without them the map
            slide shows the values as bars in class colours.

    Raises:
        IndexError: no such slide.
    """
    look = look or Look()
    fig = _slide_figure(deck, index, look, geojson, label_points)
    if deck.slides[index].synthetic and not deck.slides[index].empty:
        _demo_mark(fig, deck, look, low=deck.slides[index].kind == "ranking")
    return fig


def _demo_mark(fig: go.Figure, deck: Deck, look: Look, low: bool = False) -> None:
    """The sample-data mark inside the plot (framed in red), so that a
    screenshot or a copy of the chart alone keeps it: top right, or bottom
    right when ``low`` (the ranking, whose longest bar is at the top and
    whose shortest leaves the bottom right empty)."""
    colour = "#ff6b6b" if look.dark else SYNTHETIC_COLOUR
    fig.add_annotation(text=f"<b>⚠ {t('asm.synthetic_banner', deck.lang)}</b>", xref="paper", yref="paper",
                       x=1, y=0 if low else 1, xanchor="right", yanchor="bottom" if low else "top", showarrow=False, bordercolor=colour, borderwidth=2,
                       borderpad=4, bgcolor=look.paper, opacity=0.92,
                       font={"size": _scaled(15, look), "color": colour}, name="demo_mark")


def _slide_figure(deck: Deck, index: int, look: Look, geojson, label_points) -> go.Figure:
    slide = deck.slides[index]
    if slide.empty:
        return _empty_figure(slide, deck, look)
    if slide.kind == "title":
        return _title_figure(slide, deck, look)
    if slide.kind == "map":
        return _map_figure(slide, deck, look, geojson, label_points)
    if slide.kind == "trend":
        return _trend_figure(slide, deck, look)
    if slide.kind == "actions":
        return _actions_figure(slide, deck, look)
    if slide.kind == "ranking":
        return _ranking_figure(slide, deck, look)
    if slide.kind == "recommendations":
        return _recommendations_figure(slide, deck, look)
    raise ValueError(slide.kind)
