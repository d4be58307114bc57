"""Figures of the district views (Profil, Bandingkan): tidy frames in,
``go.Figure`` out. No Streamlit.

All figures are meant for any width down to a phone (390 px): horizontal
layouts with short names on the category axis (``HSS``, ``HST``, ``HSU``
via :func:`kp2s_dashboard.figures.prevalence.map_label`), legends below the plot,
heights that grow with the number of rows, and the language's number
separators (``24,6`` in Indonesian) through
:func:`kp2s_dashboard.figures.prevalence._base_layout`.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from kp2s_dashboard.prevalence import progress
from kp2s_dashboard.prevalence.targets import target_label
from kp2s_dashboard.prevalence.classes import COLOURS
from kp2s_dashboard.figures.prevalence import SOURCE_SYMBOLS, _base_layout, class_label, map_label
from kp2s_dashboard import safetext
from kp2s_dashboard.i18n import fmt_number, fmt_pct, fmt_signed, t
from kp2s_dashboard.prevalence.loader import SOURCE_LABELS
from kp2s_dashboard.regions import NATIONAL_CODE, PROVINCE_CODE, registry

FOCUS_COLOUR = "#1f4e79"
PROVINCE_COLOUR = "#c0392b"
NATIONAL_COLOUR = "#555555"
TARGET_COLOUR = "#6a3d9a"
OTHER_OPACITY = 0.45
ROW_PX = 34


def _pct(value: float, lang: str) -> str:
    decimals = max(1, progress._decimals_needed(value))
    return fmt_pct(value, lang, decimals)


def _legend_below(fig: go.Figure) -> None:
    fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.12, "yanchor": "top",
                              "font": {"size": 13}})


# -----------------------------------------------------------------------------
# Profil: trend with targets
# -----------------------------------------------------------------------------
def profile_trend(
    prevalence: pd.DataFrame,
    code: str,
    targets: Sequence[progress.Target],
    lang: str = "id",
    *,
    options: progress.SeriesOptions = progress.SURVEY,
    until: int | None = None,
    height: int | None = None,
) -> go.Figure:
    """One district's survey series with the province and Indonesia, its
    projection at the current pace, and the targets; e-PPGBM apart.

    Upper panel (survey series, :data:`kp2s_dashboard.prevalence.progress.SURVEY_SOURCES`):
    the district's observed points (marker shape = survey, value labels;
    points reached by an implausible change drawn with a red ring), the
    province and Indonesia as thin lines from the district's first year, the
    projection at the current AARR of ``options`` up to the last target year
    (:func:`kp2s_dashboard.prevalence.progress.chart_data`), and each target as a
    labelled star. Lower panel (only when the district has e-PPGBM figures):
    the register, on its own axis, never joined to the survey line.

    Args:
        prevalence: the tidy prevalence table.
        code: district code.
        targets: targets to draw (e.g. RPJMN 14.2 % in 2029, RPJPN 5 % in 2045).
        options: the survey series definition (window and method of the AARR).
        until: last year on the x axis (default: the last target year);
            targets after it are left out and the projection stops there.

    Returns:
        The figure; ``layout.meta`` is ``{"panels": 1 or 2, "roles": [...]}``
        with the roles drawn (``observed``, ``flag``, ``province``,
        ``national``, ``projection``, ``target``, ``register``).

    Raises:
        DataError: as :func:`kp2s_dashboard.prevalence.progress.series_frame`.
    """
    name = registry().short_name(code)
    full = replace(options, start_year=None, end_year=None)
    own = progress.series_frame(prevalence, [code], full)
    register = progress.series_frame(prevalence, [code], progress.REGISTER)
    panels = 2 if not register.empty else 1
    fig = make_subplots(
        rows=panels, cols=1, shared_xaxes=True, vertical_spacing=0.14,
        row_heights=[0.7, 0.3] if panels == 2 else [1.0],
        subplot_titles=[t("prof.fig.panel_survey", lang)]
        + ([t("prof.fig.panel_register", lang)] if panels == 2 else []),
    )
    roles: list[str] = []
    first = int(own["year"].min()) if not own.empty else (int(register["year"].min()) if not register.empty else 2021)
    if until is not None:
        targets = [x for x in targets if x.year <= until]
    observed_last = [int(own["year"].max())] if not own.empty else []
    last = until if until is not None else max([int(x.year) for x in targets] + observed_last + [first + 1])

    refs = progress.series_frame(prevalence, [PROVINCE_CODE, NATIONAL_CODE], full)
    refs = refs[refs["year"] >= first - 1]
    for ref_code, colour, dash, role in ((PROVINCE_CODE, PROVINCE_COLOUR, "dash", "province"),
                                         (NATIONAL_CODE, NATIONAL_COLOUR, "dot", "national")):
        part = refs[refs["code"] == ref_code]
        if part.empty:
            continue
        ref_name = t(f"trend.ref_{ref_code}", lang)
        fig.add_trace(go.Scatter(
            x=part["year"], y=part["value_pct"], mode="lines+markers", name=ref_name,
            line={"color": colour, "width": 1.6, "dash": dash}, marker={"size": 6, "color": colour},
            customdata=[[f"{SOURCE_LABELS[s]} {y}", _pct(v, lang)] for s, y, v in
                        zip(part["source"], part["year"], part["value_pct"])],
            hovertemplate=f"<b>{ref_name}</b><br>%{{customdata[0]}}: %{{customdata[1]}}<extra></extra>",
        ), row=1, col=1)
        roles.append(role)

    if not own.empty:
        fig.add_trace(go.Scatter(
            x=own["year"], y=own["value_pct"], mode="lines+markers+text", name=name,
            text=[_pct(v, lang) for v in own["value_pct"]], textposition=_label_positions(list(own["year"])),
            textfont={"size": 13, "color": FOCUS_COLOUR},
            line={"color": FOCUS_COLOUR, "width": 3},
            marker={"size": 12, "color": FOCUS_COLOUR, "symbol": [SOURCE_SYMBOLS[s] for s in own["source"]]},
            customdata=[[f"{SOURCE_LABELS[s]} {y}", _pct(v, lang)] for s, y, v in
                        zip(own["source"], own["year"], own["value_pct"])],
            hovertemplate=f"<b>{name}</b><br>%{{customdata[0]}}: %{{customdata[1]}}<extra></extra>",
            cliponaxis=False,
        ), row=1, col=1)
        roles.append("observed")
        flagged = own[own["implausible"]]
        if not flagged.empty:
            fig.add_trace(go.Scatter(
                x=flagged["year"], y=flagged["value_pct"], mode="markers", name=progress.flag_label(lang),
                marker={"size": 20, "color": "rgba(0,0,0,0)", "line": {"color": "#d62d20", "width": 2.5}},
                hoverinfo="skip",
            ), row=1, col=1)
            roles.append("flag")

    chart = progress.chart_data(prevalence, list(targets), [code], options)
    projection = chart[(chart["series"] == "projection") & (chart["year"] <= last)]
    if not projection.empty:
        rate = progress.current_rate(prevalence, code, options)
        fig.add_trace(go.Scatter(
            x=projection["year"], y=projection["value_pct"], mode="lines",
            name=t("prof.fig.projection", lang, rate=fmt_pct(rate.aarr_pct, lang)),
            line={"color": FOCUS_COLOUR, "width": 2, "dash": "dot"},
            customdata=[_pct(v, lang) for v in projection["value_pct"]],
            hovertemplate=f"<b>{name}</b> %{{x}}: %{{customdata}}<extra>{t('prof.fig.projection_short', lang)}</extra>",
        ), row=1, col=1)
        roles.append("projection")

    if targets:
        fig.add_trace(go.Scatter(
            x=[x.year for x in targets], y=[x.target_pct for x in targets], mode="markers+text",
            name=t("prof.fig.targets", lang),
            text=[fmt_pct(x.target_pct, lang, progress._decimals_needed(x.target_pct)) for x in targets],
            textposition="middle left", textfont={"size": 13, "color": TARGET_COLOUR},
            marker={"symbol": "star", "size": 16, "color": TARGET_COLOUR, "line": {"color": "white", "width": 1}},
            customdata=[[safetext.plotly(target_label(x.label, lang)), fmt_pct(x.target_pct, lang, progress._decimals_needed(x.target_pct))] for x in targets],
            hovertemplate="<b>%{customdata[0]}</b> %{x}: %{customdata[1]}<extra></extra>",
            cliponaxis=False,
        ), row=1, col=1)
        roles.append("target")

    if panels == 2:
        fig.add_trace(go.Scatter(
            x=register["year"], y=register["value_pct"], mode="lines+markers+text",
            name=t("prof.fig.register", lang, name=name),
            text=[_pct(v, lang) for v in register["value_pct"]], textposition="top center",
            textfont={"size": 12, "color": "#7f7f7f"},
            line={"color": "#7f7f7f", "width": 2, "dash": "dot"}, marker={"size": 10, "symbol": "x", "color": "#7f7f7f"},
            customdata=[_pct(v, lang) for v in register["value_pct"]],
            hovertemplate=f"<b>{name}</b> e-PPGBM %{{x}}: %{{customdata}}<extra></extra>",
            cliponaxis=False,
        ), row=2, col=1)
        roles.append("register")

    span = last - first
    fig.update_xaxes(range=[first - 0.8, last + 0.8], dtick=1 if span <= 10 else (2 if span <= 16 else 4),
                     showgrid=True, gridcolor="#eeeeee")
    top = max([40.0] + list(own["value_pct"]) + list(refs["value_pct"]))
    fig.update_yaxes(title_text=t("trend.axis_pct", lang), range=[0, top * 1.15], showgrid=True,
                     gridcolor="#eeeeee", row=1, col=1)
    if panels == 2:
        fig.update_yaxes(title_text="%", range=[0, max(register["value_pct"]) * 1.35], showgrid=True,
                         gridcolor="#eeeeee", row=2, col=1)
    _base_layout(fig, lang, height or (560 if panels == 2 else 440))
    _legend_below(fig)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 40, "b": 10}, meta={"panels": panels, "roles": roles})
    fig.update_annotations(font={"size": 13})
    fig.update_layout(uirevision="profile-trend")  # zoom and hidden legend entries kept across reruns
    return fig


def _label_positions(years: list[int]) -> list[str]:
    """Value labels above the points, alternating above/below where
    rounds follow each other within two years (so neighbours never overlap)."""
    out = []
    for i, year in enumerate(years):
        close = i > 0 and year - years[i - 1] <= 2 and out[-1] == "top center"
        out.append("bottom center" if close else "top center")
    return out


# -----------------------------------------------------------------------------
# Bandingkan: peers in one round, and their change
# -----------------------------------------------------------------------------
def _focus_band(fig: go.Figure, position: int) -> None:
    """A pale band behind the category at ``position`` (0 = first drawn, at the bottom)."""
    fig.add_shape(type="rect", xref="paper", x0=0, x1=1, yref="y", y0=position - 0.5, y1=position + 0.5,
                  line={"width": 0}, fillcolor="rgba(255, 214, 0, 0.30)", layer="below")


def _tick(name: str, focus: bool) -> str:
    return f"<b>{name}</b>" if focus else name


def _ref_lines(fig: go.Figure, refs: pd.DataFrame, column: str, lang: str, text_for) -> None:
    """Vertical reference lines labelled above the plot: the lower value's
    label runs to the left of its line and the higher one's to the right, so
    close values never overlap."""
    styles = {PROVINCE_CODE: (PROVINCE_COLOUR, "dash"), NATIONAL_CODE: (NATIONAL_COLOUR, "dot")}
    shown = [(row.code, float(getattr(row, column))) for row in refs.itertuples()
             if getattr(row, column) is not None and not math.isnan(float(getattr(row, column)))]
    lowest = min(shown, key=lambda item: item[1])[0] if len(shown) == 2 else None
    for code, value in shown:
        colour, dash = styles[code]
        fig.add_shape(type="line", xref="x", x0=value, x1=value, yref="paper", y0=0, y1=1,
                      line={"color": colour, "width": 2, "dash": dash})
        anchor = "center" if lowest is None else ("right" if code == lowest else "left")
        fig.add_annotation(x=value, xref="x", y=1.0, yref="paper", yanchor="bottom", xanchor=anchor,
                           showarrow=False, text=f"{t(f'prof.fig.ref_{code}', lang)} {text_for(value)}",
                           font={"size": 13, "color": colour}, bgcolor="rgba(255,255,255,0.85)")


def peer_dots(
    table: pd.DataFrame,
    refs: pd.DataFrame,
    lang: str = "id",
    *,
    round_label: str = "",
    height: int | None = None,
) -> go.Figure:
    """Dot chart of the peers' prevalence in one round, lowest on top, the
    focus district highlighted, the province and Indonesia as reference lines.

    Args:
        table: :func:`kp2s_dashboard.districts.peers.compare_table` output (``code``,
            ``name``, ``value_pct``, ``klass``, ``focus``, ``rank``); rows
            without a figure are left out (say so in a caption).
        refs: :func:`kp2s_dashboard.districts.peers.references` output.
        round_label: e.g. ``SSGI 2024`` (hover and axis title).

    Returns:
        The figure (one marker trace in class colours; ``layout.meta`` =
        ``{"rows": [codes top to bottom], "focus": code or None}``).
    """
    data = table.dropna(subset=["value_pct"]).sort_values(["value_pct", "code"], ascending=[False, False])
    labels = [_tick(map_label(c), f) for c, f in zip(data["code"], data["focus"])]
    sizes = [20 if f else 13 for f in data["focus"]]
    fig = go.Figure(go.Scatter(
        x=data["value_pct"], y=labels, mode="markers+text",
        text=[_pct(v, lang) for v in data["value_pct"]], textposition="middle right",
        textfont={"size": 13},
        marker={"size": sizes, "color": [COLOURS[k] for k in data["klass"]],
                "line": {"color": ["#111111" if f else "white" for f in data["focus"]],
                         "width": [2.5 if f else 1 for f in data["focus"]]}},
        customdata=[[n, class_label(k, lang), int(r) if pd.notna(r) else "–", len(data), _pct(v, lang)]
                    for n, k, r, v in zip(data["name"], data["klass"], data["rank"], data["value_pct"])],
        hovertemplate=("<b>%{customdata[0]}</b><br>" + round_label + ": %{customdata[4]}<br>%{customdata[1]}<br>"
                       + t("prof.fig.rank_hover", lang, rank="%{customdata[2]}", n="%{customdata[3]}") + "<extra></extra>"),
        cliponaxis=False, showlegend=False,
    ))
    focus = data.loc[data["focus"], "code"]
    if len(focus):
        _focus_band(fig, list(data["focus"]).index(True))
    _ref_lines(fig, refs, "value_pct", lang, lambda v: _pct(v, lang))
    top = max([0.0] + list(data["value_pct"]) + list(refs["value_pct"].dropna()))
    _base_layout(fig, lang, height or max(260, ROW_PX * len(data) + 120))
    fig.update_xaxes(title_text=t("prof.fig.axis_round", lang, round=round_label), range=[0, top * 1.22 + 1],
                     ticksuffix="%", showgrid=True, gridcolor="#eeeeee", zeroline=False)
    fig.update_yaxes(automargin=True, tickfont={"size": 13})
    fig.update_layout(margin={"l": 10, "r": 10, "t": 36, "b": 10},
                      meta={"rows": list(data["code"])[::-1], "focus": focus.iloc[0] if len(focus) else None})
    fig.update_layout(uirevision="peer-dots")  # zoom and hidden legend entries kept across reruns
    return fig


def peer_changes(
    table: pd.DataFrame,
    refs: pd.DataFrame,
    lang: str = "id",
    *,
    first_label: str = "",
    second_label: str = "",
    height: int | None = None,
) -> go.Figure:
    """Bars of the change since the previous round (points), biggest fall
    on top: falls green, rises red, the focus district in full colour with
    an outline and the others paler; implausible changes (``flagged``, see
    :func:`kp2s_dashboard.districts.peers.compare_table`) hatched and marked ⚠ as on
    Ringkasan; province and Indonesia as reference lines.

    Args:
        table: :func:`kp2s_dashboard.districts.peers.compare_table` output; rows
            without a change (a figure missing in either round) are left out.
        refs: :func:`kp2s_dashboard.districts.peers.references` output (``change_pp``).
        first_label, second_label: the two rounds, e.g. ``SKI 2023``, ``SSGI 2024``.

    Returns:
        The figure (``layout.meta`` = ``{"rows": [codes top to bottom]}``).
    """
    data = table.dropna(subset=["change_pp"]).sort_values(["change_pp", "code"], ascending=[False, False])
    labels = [_tick(map_label(c), f) for c, f in zip(data["code"], data["focus"])]
    # peers paler: colours blended with white (a bar trace has no per-bar opacity)
    colours = [c if f else _blend(c) for c, f in
               zip(("#2e9d4f" if v < 0 else "#d62d20" for v in data["change_pp"]), data["focus"])]
    flagged = data["flagged"] if "flagged" in data else pd.Series(False, index=data.index)
    fig = go.Figure(go.Bar(
        x=data["change_pp"], y=labels, orientation="h",
        marker={"color": colours,
                "pattern": {"shape": ["/" if f else "" for f in flagged], "fgcolor": "#333333", "solidity": 0.35},
                "line": {"color": ["#111111" if f else "rgba(0,0,0,0)" for f in data["focus"]],
                         "width": [2.5 if f else 0 for f in data["focus"]]}},
        text=[fmt_signed(v, lang) + (" ⚠" if f else "") for v, f in zip(data["change_pp"], flagged)],
        textposition="outside", textfont={"size": 13},
        cliponaxis=False,
        customdata=[[n, _pct(a, lang), _pct(b, lang)] for n, a, b in
                    zip(data["name"], data["previous_pct"], data["value_pct"])],
        hovertemplate=(f"<b>%{{customdata[0]}}</b><br>{first_label}: %{{customdata[1]}}<br>"
                       f"{second_label}: %{{customdata[2]}}<extra></extra>"),
        showlegend=False,
    ))
    focus = data.loc[data["focus"], "code"]
    if len(focus):
        _focus_band(fig, list(data["focus"]).index(True))
    _ref_lines(fig, refs, "change_pp", lang, lambda v: fmt_signed(v, lang))
    values = list(data["change_pp"]) + list(refs["change_pp"].dropna()) + [0.0]
    span = max(abs(min(values)), abs(max(values)), 1.0)
    _base_layout(fig, lang, height or max(260, ROW_PX * len(data) + 120))
    fig.update_xaxes(title_text=t("prof.fig.axis_change", lang, first=first_label, second=second_label),
                     range=[min(min(values), 0) - 0.3 * span, max(max(values), 0) + 0.3 * span],
                     zeroline=True, zerolinecolor="#333333", showgrid=True, gridcolor="#eeeeee")
    fig.update_yaxes(automargin=True, tickfont={"size": 13})
    fig.update_layout(margin={"l": 10, "r": 10, "t": 36, "b": 10}, meta={"rows": list(data["code"])[::-1]})
    fig.update_layout(uirevision="peer-changes")  # zoom and hidden legend entries kept across reruns
    return fig


def _blend(colour: str, share: float = OTHER_OPACITY) -> str:
    """``colour`` (``#rrggbb``) mixed with white, ``share`` of the colour kept."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - v) * share) for v in (r, g, b)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


# -----------------------------------------------------------------------------
# Profil: per-action scores (assessment workbook)
# -----------------------------------------------------------------------------
def action_bars(actions: pd.DataFrame, lang: str = "id", *, height: int | None = None) -> go.Figure:
    """Per-action score of one district (bars, 0–100) with the province
    mean (diamond), Aksi 1 on top.

    Args:
        actions: :func:`kp2s_dashboard.districts.assessment_results.action_profile` output
            (``action``, ``action_name``, ``score_pct``, ``province_mean``,
            ``rank``, ``n``).

    Returns:
        The figure (two traces: the district's bars and the province means).
    """
    data = actions.sort_values("action", ascending=False)
    labels = [t("prof.action_n", lang, n=int(a)) for a in data["action"]]
    ranks = [t("prof.fig.rank_of", lang, rank=int(r), n=int(n)) if pd.notna(r) else "–"
             for r, n in zip(data["rank"], data["n"])]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=data["score_pct"], y=labels, orientation="h", name=t("prof.fig.district_score", lang),
        marker={"color": FOCUS_COLOUR}, text=[fmt_number(v, lang, 1) for v in data["score_pct"]],
        textposition="inside", insidetextanchor="start", textfont={"color": "white", "size": 13},
        customdata=[[n, fmt_number(v, lang, 1), fmt_number(m, lang, 1), r] for n, v, m, r in
                    zip(data["action_name"], data["score_pct"], data["province_mean"], ranks)],
        hovertemplate=("<b>%{customdata[0]}</b><br>"
                       + t("prof.fig.score_hover", lang, score="%{customdata[1]}", mean="%{customdata[2]}",
                           rank="%{customdata[3]}") + "<extra></extra>"),
    ))
    fig.add_trace(go.Scatter(
        x=data["province_mean"], y=labels, mode="markers", name=t("prof.fig.province_mean", lang),
        marker={"symbol": "diamond", "size": 13, "color": PROVINCE_COLOUR, "line": {"color": "white", "width": 1}},
        hoverinfo="skip",
    ))
    _base_layout(fig, lang, height or max(300, ROW_PX * len(data) + 130))
    fig.update_xaxes(title_text=t("prof.fig.axis_score", lang), range=[0, 101], dtick=20, showgrid=True,
                     gridcolor="#eeeeee")
    fig.update_yaxes(automargin=True, tickfont={"size": 13})
    # legend above the bars: below them it would collide with the axis title on a phone
    fig.update_layout(legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                              "font": {"size": 13}},
                      margin={"l": 10, "r": 10, "t": 40, "b": 10}, bargap=0.35)
    return fig
