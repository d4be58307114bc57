"""Figures and display tables for the progress pages (Target, Survei vs
e-PPGBM, Aksi vs hasil). Pure: frames from :mod:`kp2s_dashboard.prevalence.progress`
in, ``go.Figure`` or display frames out. No Streamlit.

Every figure gets the language's number separators and fonts from
:func:`kp2s_dashboard.figures.prevalence._base_layout`. Every percentage is a percent
(0–100); rates are in percent per year; changes in percentage points.

Display tables come as :class:`DisplayTable`: the frame with headers in the
page's language (numbers stay numeric, so the table sorts), plus the number
format and help text of each numeric column for the page's
``column_config``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Iterable, Sequence

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler
from plotly.subplots import make_subplots

from kp2s_dashboard.prevalence import progress as P
from kp2s_dashboard.figures.prevalence import FONT, SOURCE_SYMBOLS, TARGET_STYLES, _base_layout
from kp2s_dashboard.i18n import fmt_number, fmt_pct, fmt_signed, t
from kp2s_dashboard.prevalence.loader import SOURCE_LABELS
from kp2s_dashboard.regions import NATIONAL_CODE, PROVINCE_CODE, registry

#: Marker of each status in tables and its colour in tables and figures.
#: Plain symbols (in every common font, unlike emoji), so an offline laptop
#: without an emoji font shows them too; the words carry the meaning.
STATUS_ICONS = {
    P.ON_TRACK: "●",
    P.OFF_TRACK: "●",
    P.NO_PROGRESS: "●",
    P.NOT_ASSESSABLE: "○",
    P.TARGET_YEAR_PASSED: "○",
}
ACHIEVED_ICONS = {True: "✓", False: "✗"}
STATUS_COLOURS = {
    P.ON_TRACK: "#1e8449",
    P.OFF_TRACK: "#d35400",
    P.NO_PROGRESS: "#c0392b",
    P.NOT_ASSESSABLE: "#7f7f7f",
    P.TARGET_YEAR_PASSED: "#555555",
}
OBSERVED_COLOUR = "#1f4e79"
OUT_OF_WINDOW_COLOUR = "#9bb3c9"
FLAG_COLOUR = "#c0392b"
ALT_COLOUR = "#7d3c98"
SURVEY_COLOUR = "#1f4e79"
REGISTER_COLOUR = "#d35400"
GRID = "#eeeeee"
PCT_FORMAT = "%.1f"
RATE_FORMAT = "%.2f"
YEAR_FORMAT = "%d"
#: Format of a figure shown as published (1 decimal, 2 when it has them).
PUB_FORMAT = "pub"


@dataclass(frozen=True)
class DisplayTable:
    """A table ready to show and download.

    ``frame`` has headers in the page's language (numbers numeric, for the
    download); ``formats`` maps numeric headers to a printf format
    (``"%.1f"``) or :data:`PUB_FORMAT` (as published: one decimal, two when
    the figure has them); ``help`` maps headers to a tooltip, ``hidden``
    lists headers kept for the download only, ``colours`` maps a header to
    one CSS colour per row (status columns), ``overrides`` maps a header to
    one text per row that replaces the number on screen (``None`` keeps the
    number), e.g. "sudah di bawah target" for a negative required rate.
    """

    frame: pd.DataFrame
    formats: dict[str, str] = field(default_factory=dict)
    help: dict[str, str] = field(default_factory=dict)
    hidden: tuple[str, ...] = ()
    colours: dict[str, tuple[str, ...]] = field(default_factory=dict)
    overrides: dict[str, tuple[str | None, ...]] = field(default_factory=dict)

    def shown(self, lang: str = "id") -> pd.DataFrame:
        """The frame for the screen. A formatted column that holds a
        missing value or an override becomes text (``–`` for missing, the
        override's words), because Streamlit prints ``None`` for NaN and
        ``<NA>`` even through a Styler formatter; the other number columns
        stay numeric (so they sort by value)."""
        out = self.frame.copy()
        for column, fmt in self.formats.items():
            over = self.overrides.get(column)
            over = over if over and any(o is not None for o in over) else None
            values = self.frame[column]
            if not over and not values.isna().any():
                continue
            texts = [_cell_text(v, lang, fmt) for v in values]
            if over:
                texts = [o if o is not None else x for o, x in zip(over, texts)]
            out[column] = pd.Series(texts, index=out.index, dtype="str")
        return out

    def styled(self, lang: str = "id") -> Styler:
        """:meth:`shown` as a pandas ``Styler``: numbers in the language's
        convention (``22,9`` in Indonesian; years without a thousands
        separator; missing as ``–``) and status text in its colour."""
        frame = self.shown(lang)
        styler = frame.style
        for column, fmt in self.formats.items():
            if pd.api.types.is_numeric_dtype(frame[column]):
                styler = styler.format(partial(_cell_text, lang=lang, fmt=fmt), subset=[column])
            else:
                styler = styler.set_properties(subset=[column], **{"text-align": "right"})
        for column, colours in self.colours.items():
            css = [f"color: {c}" for c in colours]
            styler = styler.apply(lambda _s, css=css: css, subset=[column])
        return styler


def published_decimals(value: float) -> int:
    """Decimals a percentage was published with: 1, or 2 when it has them
    (``10.64`` → 2, ``24.4`` → 1, ``30.0`` → 1)."""
    v = round(float(value), 2)
    return 1 if abs(round(v, 1) - v) < 1e-9 else 2


def _cell_text(value: object, lang: str, fmt: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    if fmt == PUB_FORMAT:
        return fmt_number(float(value), lang, published_decimals(float(value)))
    if not fmt.startswith("%."):
        return str(int(value))
    return fmt_number(float(value), lang, int(fmt[2]))


# -----------------------------------------------------------------------------
# labels
# -----------------------------------------------------------------------------
def status_text(status: str, lang: str = "id", achieved: object = None) -> str:
    """A status as readable text with its marker, e.g. ``● sesuai jalur``.

    For ``target_year_passed`` the observed result replaces the status:
    ``✓ tercapai pada tahun target`` / ``✗ tidak tercapai …`` (``achieved``
    True/False), or ``○ tahun target sudah lewat`` when there is no figure
    for that year.
    """
    if status == P.TARGET_YEAR_PASSED:
        if achieved is True or (achieved is not None and not pd.isna(achieved) and bool(achieved)):
            return ACHIEVED_ICONS[True] + " " + t("prog.achieved.yes", lang)
        if achieved is False or (achieved is not None and not pd.isna(achieved) and not bool(achieved)):
            return ACHIEVED_ICONS[False] + " " + t("prog.achieved.no", lang)
    return f"{STATUS_ICONS.get(status, '')} {P.status_label(status, lang)}".strip()


def status_colour(status: str, achieved: object = None) -> str:
    """CSS colour of a status (for a passed target year: green when met,
    red when not, grey when unknown)."""
    if status == P.TARGET_YEAR_PASSED and achieved is not None and not pd.isna(achieved):
        return STATUS_COLOURS[P.ON_TRACK] if bool(achieved) else STATUS_COLOURS[P.NO_PROGRESS]
    return STATUS_COLOURS.get(status, "#333333")


def target_tag(target: P.Target, lang: str = "id") -> str:
    """Short name of a target for headers and legends:
    ``RPJMN 2025–2029: 14,2% (2029)``."""
    return t("prog.tgt.tag", lang, label=target.label, value=pct_text(target.target_pct, lang), year=target.year)


def choice_label(choice: pd.Series | dict, lang: str = "id") -> str:
    """Option text of a row of :func:`kp2s_dashboard.prevalence.progress.target_choices`:
    scope, label, value and year, and ⚠ when the basis is marked as a conflict
    (:func:`kp2s_dashboard.prevalence.progress.conflict_marked`) with the conflicting
    figure when the source records one, e.g. ``Provinsi · BKKBN (RAN-PASTI): 21,51% (2023) ⚠ sumber
    lain: 18,1%``."""
    target = P.Target.from_row(choice)
    text = t(f"prog.scope.{target.scope}", lang) + " · " + target_tag(target, lang)
    alts = (choice.get("alt_pct") if hasattr(choice, "get") else ()) or ()
    marked = choice.get("conflict") if hasattr(choice, "get") else None
    if marked is None:  # a row built without the column: the same rule, on its basis
        marked = P.conflict_marked(choice.get("basis", "") if hasattr(choice, "get") else "")
    if alts:
        text += " ⚠ " + t("prog.tgt.other_source", lang, others=", ".join(pct_text(a, lang) for a in alts))
    elif marked:
        text += " ⚠"
    return text


def pct_text(value: float, lang: str = "id") -> str:
    """Percent with one decimal, or two when the figure has them: ``21,51%``,
    ``14,2%``, ``–`` for NaN."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return fmt_pct(value, lang, published_decimals(value))


def region_label(code: str, lang: str = "id") -> str:
    """Display name of a region; the province is marked as such."""
    name = registry().short_name(code)
    if code == PROVINCE_CODE:
        return t("prog.tgt.province_row", lang, name=registry().get(code).name)
    return name


# -----------------------------------------------------------------------------
# Target: table
# -----------------------------------------------------------------------------
def _unique(name: str, taken: set[str]) -> str:
    out, i = name, 2
    while out in taken:
        out, i = f"{name} ({i})", i + 1
    taken.add(out)
    return out


def row_notes(row: pd.Series | dict, lang: str = "id", start_year: int | None = P.DEFAULT_START_YEAR) -> str:
    """The remarks of one row of :func:`kp2s_dashboard.prevalence.progress.target_table`:
    alternative figures, plausibility flags, two figures in one year (the
    reason the row cannot be judged), too few points. ``""`` if none."""
    notes = []
    alts = row.get("latest_alt_pct") or ()
    if alts:
        notes.append(t("prog.tgt.other_source", lang, others=", ".join(pct_text(a, lang) for a in alts)))
    if row.get("flagged"):
        notes.append(t("prog.flag.rate_carries", lang, pairs=str(row.get("flagged_pairs", "")).replace(";", ", ")))
    n = int(row.get("n_points", 0))
    conflicts = str(row.get("conflicts") or "")
    if conflicts:
        notes.append(t("prog.tgt.conflicts", lang, conflicts=conflicts))
    elif n < 2:
        notes.append(t("prog.tgt.too_few", lang, n=n, start=start_year if start_year else "–"))
    return "; ".join(notes)


def target_display(
    table: pd.DataFrame,
    near: P.Target,
    far: P.Target,
    lang: str = "id",
    start_year: int | None = P.DEFAULT_START_YEAR,
    keys: Sequence[str] = ("near", "far"),
) -> DisplayTable:
    """The target table as shown: one row per region.

    Args:
        table: output of :func:`kp2s_dashboard.prevalence.progress.target_table`.
        near, far: the two targets it was computed against.
        start_year: window start (for the "too few points" note).
        keys: the targets whose columns are shown (``("near",)`` for one
            tab of the page; the tab's label names the target).

    Returns:
        :class:`DisplayTable` whose frame has, in ``lang``: region, latest
        round (``SSGI 2024``), latest figure (float, %, as published),
        current AARR (float, %/yr), then per target of ``keys`` (headers
        name the target year only, never a decimal figure): required AARR
        (float, %/yr; on screen "sudah di bawah target" when negative, i.e.
        the latest figure is already below the target), status (text with
        marker), projection at the target year (float, %), year the target
        level is reached at the current pace (Int64); then remarks
        (alternative figures, flags) and the BPS code (hidden).
    """
    taken: set[str] = set()
    c = {
        "name": _unique(t("prog.col.name", lang), taken),
        "round": _unique(t("prog.col.latest_round", lang), taken),
        "latest": _unique(t("prog.col.latest_pct", lang), taken),
        "aarr": _unique(t("prog.col.aarr_short", lang), taken),
    }
    out = pd.DataFrame(
        {
            c["name"]: [region_label(code, lang) for code in table["code"]],
            c["round"]: [
                f"{SOURCE_LABELS.get(s, s)} {int(y)}" if pd.notna(y) else "–"
                for s, y in zip(table["latest_source"], table["latest_year"])
            ],
            c["latest"]: table["latest_pct"].astype("float64").to_numpy(),
            c["aarr"]: table["aarr_pct"].astype("float64").to_numpy(),
        }
    )
    formats = {c["latest"]: PUB_FORMAT, c["aarr"]: RATE_FORMAT}
    colours: dict[str, tuple[str, ...]] = {}
    overrides: dict[str, tuple[str | None, ...]] = {}
    helps = {c["aarr"]: t("prog.help.aarr", lang), c["latest"]: t("prog.help.latest", lang)}
    one = len(keys) == 1
    for key in keys:
        target = near if key == "near" else far
        year = target.year
        req = _unique(t("prog.col.required_one" if one else "prog.col.required_year", lang, year=year), taken)
        status = _unique(t("prog.col.status_short" if one else "prog.col.status_year", lang, year=year), taken)
        proj = _unique(t("prog.col.projected_for", lang, year=year), taken)
        reach = _unique(t("prog.col.reached_one" if one else "prog.col.reached_year", lang, year=year), taken)
        required = table[f"required_aarr_{key}_pct"].astype("float64")
        out[req] = required.to_numpy()
        overrides[req] = tuple(t("prog.tgt.below_target", lang) if v < 0 else None for v in required)
        pairs = list(zip(table[f"status_{key}"], table[f"achieved_{key}"]))
        out[status] = [status_text(s, lang, a) for s, a in pairs]
        colours[status] = tuple(status_colour(s, a) for s, a in pairs)
        out[proj] = table[f"projected_{key}_pct"].astype("float64").to_numpy()
        out[reach] = table[f"year_{key}_reached"].astype("Int64").to_numpy()
        formats.update({req: RATE_FORMAT, proj: PCT_FORMAT, reach: YEAR_FORMAT})
        helps.update(
            {
                req: t("prog.help.required", lang),
                status: t("prog.help.status", lang),
                proj: t("prog.help.projected", lang),
                reach: t("prog.help.year_reached", lang),
            }
        )
    notes = _unique(t("prog.col.notes", lang), taken)
    code = _unique(t("col.code", lang), taken)
    out[notes] = [row_notes(r, lang, start_year) for _, r in table.iterrows()]
    out[code] = table["code"].astype(str).to_numpy()
    return DisplayTable(out, formats, helps, hidden=(code,), colours=colours, overrides=overrides)


def target_export(
    table: pd.DataFrame, near: P.Target, far: P.Target, lang: str = "id", start_year: int | None = P.DEFAULT_START_YEAR
) -> pd.DataFrame:
    """The target table for CSV/XLSX: the columns of :func:`target_display`
    for both targets, the BPS code second, figures rounded as a reader
    needs them (latest figure and rates to 2 decimals, projections to 1),
    years as Int64, status as plain words (no marker), headers without
    decimal figures (the targets' values are in :func:`target_sources`).
    The numbers are kept (a negative required rate stays negative: the
    latest figure is already below the target)."""
    spec = target_display(table, near, far, lang, start_year)
    out = spec.frame.copy()
    code = spec.hidden[0]
    out.insert(1, code, out.pop(code))
    for column, fmt in spec.formats.items():
        if fmt == YEAR_FORMAT:
            out[column] = out[column].astype("Int64")
        else:
            out[column] = out[column].astype("float64").round(1 if fmt == PCT_FORMAT else 2)
    for column, key in zip(spec.colours, ("near", "far")):
        out[column] = [_status_plain(s, lang, a) for s, a in zip(table[f"status_{key}"], table[f"achieved_{key}"])]
    return out


def target_sources(
    prevalence: pd.DataFrame,
    near: P.Target,
    far: P.Target,
    options: P.SeriesOptions,
    lang: str = "id",
) -> list[str]:
    """Source lines of a target export (CSV footer, XLSX Keterangan sheet):
    the survey rounds used (from the window start, or all when
    ``options.start_year`` is None) with their links, the rate method, and
    each target with its value, basis and link.

    Args:
        prevalence: the tidy prevalence table (``source``, ``year``,
            ``indicator``, ``source_url``).
        options: the series options of the table (method, window).

    Returns:
        Lines in ``lang`` (``list[str]``), e.g. ``Target 2029: RPJMN
        2025–2029 — 14,2% (…) — https://…``.
    """
    codes = [PROVINCE_CODE] + registry().district_codes()
    head = P.series_frame(prevalence, codes, options)
    used = sorted({(s, int(y)) for s, y in zip(head["source"], head["year"])
                   if options.start_year is None or y >= options.start_year}, key=lambda r: (r[1], r[0]))
    rounds = ", ".join(f"{SOURCE_LABELS.get(s, s)} {y}" for s, y in used)
    lines = [t("prog.exp.rounds", lang, rounds=rounds or "–",
               method=t(f"prog.method.{options.method}", lang,
                        start=options.start_year or t("prog.tgt.first_round", lang)))]
    wanted = set(used)
    rows = prevalence[prevalence["code"].isin(codes)
                      & pd.Series([(s, int(y)) in wanted for s, y in zip(prevalence["source"], prevalence["year"])],
                                  index=prevalence.index)]
    for url in dict.fromkeys(u for u in rows["source_url"].fillna("").astype(str) if u.strip()):
        lines.append(url.strip())
    for target in dict.fromkeys((near, far)):
        lines.append(t("prog.exp.target", lang, year=target.year, label=target.label,
                       value=pct_text(target.target_pct, lang), basis=target.basis or "–",
                       url=target.source_url or "–"))
    return lines


def region_status_display(long: pd.DataFrame, lang: str = "id") -> DisplayTable:
    """One region against several targets (rows of
    :func:`kp2s_dashboard.prevalence.progress.progress_long` for one code): target,
    required AARR (on screen "sudah di bawah target" when negative),
    status, projection, year reached, source link."""
    cols = {
        "target": t("prog.col.target", lang),
        "req": t("prog.col.required_short", lang),
        "status": t("prog.col.status_short", lang),
        "proj": t("prog.col.projected_short", lang),
        "reach": t("prog.col.year_reached_short", lang),
        "url": t("col.source_url", lang),
    }
    out = pd.DataFrame(
        {
            cols["target"]: [
                target_tag(P.Target(r.target_code, int(r.target_year), float(r.target_pct), r.target_label), lang)
                for r in long.itertuples()
            ],
            cols["req"]: long["required_aarr_pct"].astype("float64").to_numpy(),
            cols["status"]: [status_text(s, lang, a) for s, a in zip(long["status"], long["achieved"])],
            cols["proj"]: long["projected_pct"].astype("float64").to_numpy(),
            cols["reach"]: long["year_reached"].astype("Int64").to_numpy(),
            cols["url"]: long["target_source_url"].astype(str).to_numpy(),
        }
    )
    return DisplayTable(
        out,
        {cols["req"]: RATE_FORMAT, cols["proj"]: PCT_FORMAT, cols["reach"]: YEAR_FORMAT},
        {cols["req"]: t("prog.help.required", lang), cols["proj"]: t("prog.help.projected", lang)},
        colours={cols["status"]: tuple(status_colour(s, a) for s, a in zip(long["status"], long["achieved"]))},
        overrides={cols["req"]: tuple(t("prog.tgt.below_target", lang) if v < 0 else None
                                      for v in long["required_aarr_pct"].astype("float64"))},
    )


# -----------------------------------------------------------------------------
# Target: figures
# -----------------------------------------------------------------------------
def _observed_hover(name: str, lang: str) -> str:
    return f"<b>{name}</b><br>%{{customdata[0]}}: %{{customdata[1]}}<br>%{{customdata[2]}}<extra></extra>"


def path_figure(
    chart: pd.DataFrame,
    code: str,
    targets: Sequence[P.Target],
    lang: str = "id",
    *,
    start_year: int | None = P.DEFAULT_START_YEAR,
    first_year: int | None = None,
    aarr_pct: float | None = None,
    height: int = 560,
) -> go.Figure:
    """One region's survey path with its projection and target paths.

    Args:
        chart: output of :func:`kp2s_dashboard.prevalence.progress.chart_data` (any
            codes; only ``code`` is drawn).
        code: region to draw.
        targets: the targets drawn (marker at target year and value; a path
            from the latest point when the target year is ahead).
        start_year: window of the current AARR; points before it are drawn
            paler (they do not enter the rate).
        first_year: first year drawn (default: every observed point).
        aarr_pct: current AARR (%/yr) for the projection's legend text.

    Returns:
        Figure with traces named by ``meta`` role (``layout.meta`` lists the
        roles drawn): ``observed``, ``flag`` (points reached by an
        implausible change, legend "perubahan tidak wajar — periksa
        sumber"), ``alternative`` (other sources' figures), ``projection``,
        ``target_path:<choice_id>``, ``target:<choice_id>``.
    """
    part = chart[chart["code"] == code]
    if first_year is not None:
        part = part[part["year"] >= first_year]
    obs = part[part["series"] == "observed"].sort_values("year")
    name = region_label(code, lang)
    fig = go.Figure()
    roles: list[str] = []
    if not obs.empty:
        in_window = [start_year is None or y >= start_year for y in obs["year"]]
        labels = [f"{SOURCE_LABELS.get(s, s)} {y}" for s, y in zip(obs["source"], obs["year"])]
        values = [pct_text(v, lang) for v in obs["value_pct"]]
        # the other sources' figures are written under the point's own label
        texts = [
            v + "".join(f"<br><span style='color:{ALT_COLOUR}'>{t('prog.fig.alt_point', lang, value=pct_text(a, lang))}</span>"
                        for a in (alts or ()))
            for v, alts in zip(values, obs["alt_pct"])
        ]
        used = [t("prog.fig.in_window", lang) if w else t("prog.fig.out_of_window", lang) for w in in_window]
        fig.add_trace(
            go.Scatter(
                x=obs["year"],
                y=obs["value_pct"],
                mode="lines+markers+text",
                text=texts,
                textposition=_label_positions(list(obs["value_pct"])),
                textfont={"size": 13, "color": OBSERVED_COLOUR},
                line={"color": OBSERVED_COLOUR, "width": 2.5},
                marker={
                    "size": 12,
                    "symbol": [SOURCE_SYMBOLS.get(s, "circle") for s in obs["source"]],
                    "color": [OBSERVED_COLOUR if w else OUT_OF_WINDOW_COLOUR for w in in_window],
                    "line": {"color": "white", "width": 1},
                },
                name=t("prog.series.observed", lang),
                meta="observed",
                customdata=list(zip(labels, values, used)),
                hovertemplate=_observed_hover(name, lang),
                cliponaxis=False,
            )
        )
        roles.append("observed")
        flagged = obs[obs["implausible"]]
        if not flagged.empty:
            fig.add_trace(
                go.Scatter(
                    x=flagged["year"],
                    y=flagged["value_pct"],
                    mode="markers",
                    marker={"size": 24, "symbol": "circle-open", "color": FLAG_COLOUR, "line": {"width": 3}},
                    name="⚠ " + P.flag_label(lang),
                    meta="flag",
                    hovertemplate=f"<b>{P.flag_label(lang)}</b><br>%{{x}}: %{{y:.1f}}%<extra></extra>",
                    cliponaxis=False,
                )
            )
            roles.append("flag")
        alt_x, alt_y, alt_text = [], [], []
        for y, v, alts in zip(obs["year"], obs["value_pct"], obs["alt_pct"]):
            for a in alts or ():
                alt_x.append(y)
                alt_y.append(a)
                alt_text.append(t("prog.fig.alt_point", lang, value=pct_text(a, lang)))
        if alt_x:
            fig.add_trace(
                go.Scatter(
                    x=alt_x,
                    y=alt_y,
                    mode="markers",
                    text=alt_text,
                    marker={"size": 11, "symbol": "diamond-open", "color": ALT_COLOUR, "line": {"width": 2}},
                    name=t("prog.series.alternative", lang),
                    meta="alternative",
                    hovertemplate="%{text}<extra></extra>",
                    cliponaxis=False,
                )
            )
            roles.append("alternative")
    proj = part[part["series"] == "projection"].sort_values("year")
    if not proj.empty:
        rate = "" if aarr_pct is None or math.isnan(aarr_pct) else fmt_number(aarr_pct, lang, 1)
        fig.add_trace(
            go.Scatter(
                x=proj["year"],
                y=proj["value_pct"],
                mode="lines",
                line={"color": OBSERVED_COLOUR, "width": 2.5, "dash": "dash"},
                name=t("prog.fig.projection_named", lang, rate=rate) if rate else t("prog.series.projection", lang),
                meta="projection",
                hovertemplate=f"{t('prog.series.projection', lang)} %{{x}}: %{{y:.1f}}%<extra></extra>",
            )
        )
        roles.append("projection")
        # value of the projection at each target year ahead, written at the line's end
        for target in targets:
            hit = proj[proj["year"] == target.year]
            if not hit.empty:
                fig.add_annotation(
                    x=target.year, y=float(hit["value_pct"].iloc[0]),
                    text=t("prog.fig.projection_at", lang, year=target.year,
                           value=fmt_pct(float(hit["value_pct"].iloc[0]), lang, 1)),
                    showarrow=True, arrowhead=0, ax=-60, ay=-28, font={"size": 12, "color": OBSERVED_COLOUR},
                    bgcolor="rgba(255,255,255,0.8)",
                )
    right_edge = max([tg.year for tg in targets] + list(part["year"]), default=0)
    for j, target in enumerate(targets):
        colour, symbol = TARGET_STYLES[j % len(TARGET_STYLES)]
        tag = target_tag(target, lang)
        path = part[(part["series"] == "target_path") & (part["target_id"] == target.choice_id)].sort_values("year")
        if not path.empty:
            fig.add_trace(
                go.Scatter(
                    x=path["year"],
                    y=path["value_pct"],
                    mode="lines",
                    line={"color": colour, "width": 2, "dash": "dot"},
                    name=t("prog.fig.target_path_named", lang, target=tag),
                    meta=f"target_path:{target.choice_id}",
                    legendgroup=target.choice_id,
                    hovertemplate=f"{t('prog.series.target_path', lang)} {target.label} %{{x}}: %{{y:.1f}}%<extra></extra>",
                )
            )
            roles.append(f"target_path:{target.choice_id}")
        fig.add_trace(
            go.Scatter(
                x=[target.year],
                y=[target.target_pct],
                mode="markers+text",
                text=[f"{target.label}: {pct_text(target.target_pct, lang)}"],
                textposition="bottom left" if target.year >= right_edge else "bottom center",
                textfont={"size": 12, "color": colour},
                marker={"size": 15, "symbol": symbol, "color": colour, "line": {"color": "white", "width": 1}},
                name=tag,
                meta=f"target:{target.choice_id}",
                legendgroup=target.choice_id,
                showlegend=path.empty,
                hovertemplate=f"<b>{target.label}</b> %{{x}}: %{{y:.1f}}%<extra></extra>",
                cliponaxis=False,
            )
        )
        roles.append(f"target:{target.choice_id}")
    years = list(part["year"]) + [tg.year for tg in targets]
    first = min(years) if years else 2021
    last = max(years) if years else 2030
    top = max(list(part["value_pct"]) + [tg.target_pct for tg in targets] + [v for a in obs["alt_pct"] for v in (a or ())] + [10.0])
    _base_layout(fig, lang, height)
    fig.update_xaxes(range=[first - 0.8, last + 1.2], dtick=1 if last - first <= 12 else 2, showgrid=True, gridcolor=GRID)
    fig.update_yaxes(title_text=t("trend.axis_pct", lang), range=[0, top * 1.15], showgrid=True, gridcolor=GRID)
    fig.update_layout(
        meta=roles,
        title={"text": name, "x": 0, "xanchor": "left", "font": {"size": 18}},
        legend={"orientation": "h", "x": 0, "y": -0.12, "xanchor": "left", "yanchor": "top"},
        margin={"l": 10, "r": 20, "t": 50, "b": 10},
    )
    return fig


def _label_positions(values: list[float]) -> list[str]:
    """Value labels above a point that rose from the previous round (and
    the first point), below-left of a point that fell, so the labels of
    consecutive yearly rounds alternate instead of colliding, and a label
    never sits on the projection lines that leave the last point to the
    right."""
    return ["top center" if i == 0 or v >= values[i - 1] else "bottom left" for i, v in enumerate(values)]


def path_grid(
    chart: pd.DataFrame,
    table: pd.DataFrame,
    target: P.Target,
    lang: str = "id",
    *,
    key: str = "near",
    start_year: int | None = P.DEFAULT_START_YEAR,
    cols: int = 4,
) -> go.Figure:
    """Small multiples: one panel per region of ``table`` (province first,
    then the districts) with its survey points from ``start_year``, the
    projection and the path to ``target`` up to its year.

    Args:
        chart: :func:`kp2s_dashboard.prevalence.progress.chart_data` with ``target``.
        table: :func:`kp2s_dashboard.prevalence.progress.target_table` (gives each
            panel's status for ``key`` = ``near`` or ``far``).

    Returns:
        Figure with one subplot per region; the panel title names the region
        and its status, coloured by status (``layout.meta["codes"]`` lists
        the panels in order). Flagged points carry a red ring.
    """
    codes = list(table["code"])
    rows = math.ceil(len(codes) / cols)
    statuses = dict(zip(table["code"], table[f"status_{key}"]))
    achieved = dict(zip(table["code"], table[f"achieved_{key}"]))
    titles = [
        f"<span style='color:{status_colour(statuses[c], achieved[c])}'><b>{registry().short_name(c)}</b> · "
        f"{_status_plain(statuses[c], lang, achieved[c])}</span>"
        for c in codes
    ]
    fig = make_subplots(rows=rows, cols=cols, subplot_titles=titles, shared_xaxes=True, shared_yaxes=True,
                        vertical_spacing=0.09, horizontal_spacing=0.03)
    first = start_year or int(chart["year"].min())
    top = 10.0
    for i, code in enumerate(codes):
        r, c = i // cols + 1, i % cols + 1
        part = chart[(chart["code"] == code) & (chart["year"] >= first)]
        obs = part[part["series"] == "observed"].sort_values("year")
        proj = part[part["series"] == "projection"]
        proj = proj[proj["year"] <= target.year].sort_values("year")
        path = part[(part["series"] == "target_path") & (part["target_id"] == target.choice_id)].sort_values("year")
        top = max([top] + list(obs["value_pct"]) + list(proj["value_pct"]))
        show = i == 0
        fig.add_trace(go.Scatter(
            x=obs["year"], y=obs["value_pct"], mode="lines+markers", name=t("prog.series.observed", lang),
            line={"color": OBSERVED_COLOUR, "width": 2}, marker={"size": 7, "color": OBSERVED_COLOUR},
            legendgroup="observed", showlegend=show, meta=f"observed:{code}",
            hovertemplate=f"<b>{registry().short_name(code)}</b> %{{x}}: %{{y:.1f}}%<extra></extra>",
        ), row=r, col=c)
        flagged = obs[obs["implausible"]]
        if not flagged.empty:
            fig.add_trace(go.Scatter(
                x=flagged["year"], y=flagged["value_pct"], mode="markers", name="⚠ " + P.flag_label(lang),
                marker={"size": 14, "symbol": "circle-open", "color": FLAG_COLOUR, "line": {"width": 2.5}},
                legendgroup="flag", showlegend=not any(tr.meta and str(tr.meta).startswith("flag") for tr in fig.data),
                meta=f"flag:{code}", hoverinfo="skip",
            ), row=r, col=c)
        if not proj.empty:
            fig.add_trace(go.Scatter(
                x=proj["year"], y=proj["value_pct"], mode="lines", name=t("prog.series.projection", lang),
                line={"color": OBSERVED_COLOUR, "width": 2, "dash": "dash"}, legendgroup="projection",
                showlegend=not any(tr.meta and str(tr.meta).startswith("projection") for tr in fig.data),
                meta=f"projection:{code}", hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
            ), row=r, col=c)
        if not path.empty:
            fig.add_trace(go.Scatter(
                x=path["year"], y=path["value_pct"], mode="lines", name=t("prog.fig.target_path_named", lang,
                                                                         target=target_tag(target, lang)),
                line={"color": TARGET_STYLES[0][0], "width": 1.5, "dash": "dot"}, legendgroup="target",
                showlegend=not any(tr.meta and str(tr.meta).startswith("target_path") for tr in fig.data),
                meta=f"target_path:{code}", hovertemplate="%{x}: %{y:.1f}%<extra></extra>",
            ), row=r, col=c)
        fig.add_trace(go.Scatter(
            x=[target.year], y=[target.target_pct], mode="markers", marker={"symbol": TARGET_STYLES[0][1], "size": 10,
                                                                          "color": TARGET_STYLES[0][0]},
            showlegend=False, meta=f"target:{code}", hoverinfo="skip",
        ), row=r, col=c)
    observed_last = int(chart.loc[chart["series"] == "observed", "year"].max()) if not chart.empty else first
    last = max(target.year, observed_last)
    _base_layout(fig, lang, 250 * rows + 80)
    fig.update_xaxes(range=[first - 0.5, last + 0.5], dtick=2 if last - first > 6 else 1, showgrid=True,
                     gridcolor=GRID, tickfont={"size": 11})
    fig.update_yaxes(range=[0, top * 1.1], showgrid=True, gridcolor=GRID, tickfont={"size": 11})
    fig.update_annotations(font_size=13)
    fig.update_layout(meta={"codes": codes}, legend={"orientation": "h", "x": 0, "y": -0.04, "yanchor": "top"},
                      margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


def _status_plain(status: str, lang: str, achieved: object) -> str:
    """Status words without the emoji (for figure titles)."""
    text = status_text(status, lang, achieved)
    return text.split(" ", 1)[1] if " " in text else text


# -----------------------------------------------------------------------------
# Survey vs e-PPGBM
# -----------------------------------------------------------------------------
def _pair_label(code: str, year: int) -> str:
    return f"{registry().short_name(code)} {year}"


def svr_dumbbell(svr: pd.DataFrame, lang: str = "id", height: int | None = None) -> go.Figure:
    """Two panels side by side sharing the rows (region, year): the survey
    figure on the left, the e-PPGBM figure on the right, each on its own
    axis, so the two measures are never drawn on one scale or joined. The
    title says so. Figures are labelled as published (:func:`pct_text`).

    Args:
        svr: output of :func:`kp2s_dashboard.prevalence.progress.survey_vs_register`.

    Returns:
        Figure with traces ``survey`` (x axis 1) and ``register`` (x axis
        2), one marker per row. Rows: Indonesia, the province, then
        districts by code, years oldest first, top to bottom.
    """
    order = {NATIONAL_CODE: 0, PROVINCE_CODE: 1}
    data = svr.assign(_o=svr["code"].map(lambda c: order.get(c, 2))).sort_values(["_o", "code", "year"], kind="stable")
    labels = [_pair_label(c, y) for c, y in zip(data["code"], data["year"])]
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, horizontal_spacing=0.06,
                        subplot_titles=[t("prog.svr.panel_survey", lang), t("prog.svr.panel_register", lang)])
    gaps = [fmt_signed(g, lang) for g in data["gap_pp"]]
    survey_names = [SOURCE_LABELS.get(s, s) + f" {y}" for s, y in zip(data["survey_source"], data["year"])]
    survey_text = [pct_text(v, lang) for v in data["survey_pct"]]
    fig.add_trace(go.Scatter(
        x=data["survey_pct"], y=labels, mode="markers+text", meta="survey",
        name=t("prog.svr.legend_survey", lang),
        marker={"size": 14, "color": SURVEY_COLOUR, "symbol": [SOURCE_SYMBOLS.get(s, "circle") for s in data["survey_source"]]},
        text=survey_text, textposition="middle right", textfont={"size": 13, "color": SURVEY_COLOUR},
        customdata=list(zip(survey_names, survey_text, gaps)),
        hovertemplate="<b>%{y}</b><br>%{customdata[0]}: %{customdata[1]}<br>"
        + t("prog.col.gap", lang) + ": %{customdata[2]}<extra></extra>",
        cliponaxis=False,
    ), row=1, col=1)
    months = [t(f"prog.month.{int(m)}", lang) if pd.notna(m) else t("prog.svr.month_unknown_short", lang)
              for m in data["register_month"]]
    register_text = [pct_text(v, lang) for v in data["register_pct"]]
    fig.add_trace(go.Scatter(
        x=data["register_pct"], y=labels, mode="markers+text", meta="register",
        name=t("prog.svr.legend_register", lang),
        marker={"size": 13, "color": REGISTER_COLOUR, "symbol": "x", "line": {"width": 1, "color": "white"}},
        text=register_text, textposition="middle right", textfont={"size": 13, "color": REGISTER_COLOUR},
        customdata=list(zip(months, register_text, gaps)),
        hovertemplate="<b>%{y}</b><br>e-PPGBM (%{customdata[0]}): %{customdata[1]}<br>"
        + t("prog.col.gap", lang) + ": %{customdata[2]}<extra></extra>",
        cliponaxis=False,
    ), row=1, col=2)
    n = len(labels)
    _base_layout(fig, lang, height or 150 + 38 * max(n, 3))
    for col, values in ((1, data["survey_pct"]), (2, data["register_pct"])):
        top = float(values.max()) if n else 40.0
        fig.update_xaxes(range=[0, top * 1.3 + 2], showgrid=True, gridcolor=GRID, zeroline=False, ticksuffix="%",
                         row=1, col=col)
    fig.update_yaxes(autorange="reversed", type="category", automargin=True, showgrid=False)
    fig.update_annotations(font_size=13)
    fig.update_layout(
        title={"text": t("prog.svr.chart_title", lang), "x": 0, "xanchor": "left", "font": {"size": 14}},
        showlegend=False, margin={"l": 10, "r": 30, "t": 80, "b": 10},
    )
    return fig


def svr_display(svr: pd.DataFrame, lang: str = "id") -> DisplayTable:
    """The survey-vs-register table as shown: region, year, survey round,
    survey figure (%, with other sources' figures in the remark), e-PPGBM
    figure (%), gap (points), ratio, month of the e-PPGBM figure, remarks."""
    cols = {k: t(f"prog.svr.col.{k}", lang) for k in ("region", "year", "round", "survey", "register", "gap", "ratio",
                                                        "month", "note")}
    # the general remark (sample survey vs register) is said once on the page; rows keep their own remarks
    notes = []
    for keys, month, alts in zip(svr["note_keys"], svr["register_month"], svr["survey_alt_pct"]):
        month_name = t(f"prog.month.{int(month)}", lang) if pd.notna(month) else ""
        parts = [t(k, lang, month=month_name) for k in str(keys).split(";") if k and k != "prog.svr.row.base"]
        if alts:
            parts.append(t("prog.tgt.other_source", lang, others=", ".join(pct_text(a, lang) for a in alts)) + ".")
        notes.append(" ".join(parts))
    out = pd.DataFrame({
        cols["region"]: [registry().short_name(c) for c in svr["code"]],
        cols["year"]: svr["year"].astype("int64").to_numpy(),
        cols["round"]: [SOURCE_LABELS.get(s, s) for s in svr["survey_source"]],
        cols["survey"]: svr["survey_pct"].astype("float64").to_numpy(),
        cols["register"]: svr["register_pct"].astype("float64").to_numpy(),
        cols["gap"]: svr["gap_pp"].astype("float64").round(2).to_numpy(),
        cols["ratio"]: svr["ratio"].astype("float64").round(2).to_numpy(),
        cols["month"]: [t(f"prog.month.{int(m)}", lang) if pd.notna(m) else "–" for m in svr["register_month"]],
        cols["note"]: notes,
    })
    formats = {cols["survey"]: PUB_FORMAT, cols["register"]: PUB_FORMAT, cols["gap"]: PUB_FORMAT,
               cols["ratio"]: "%.1f", cols["year"]: YEAR_FORMAT}
    helps = {cols["gap"]: t("prog.svr.help.gap", lang), cols["ratio"]: t("prog.svr.help.ratio", lang)}
    return DisplayTable(out, formats, helps)


def svr_source_urls(prevalence: pd.DataFrame, svr: pd.DataFrame) -> list[str]:
    """The distinct links of the figures behind ``svr`` (each row's survey
    round and its e-PPGBM figure), in table order, for the export's
    sources.

    Args:
        prevalence: the tidy prevalence table (``code``, ``year``,
            ``source``, ``source_url``).
        svr: :func:`kp2s_dashboard.prevalence.progress.survey_vs_register` rows.
    """
    wanted = {(c, int(y), s) for c, y, s in zip(svr["code"], svr["year"], svr["survey_source"])}
    wanted |= {(c, int(y), "eppgbm") for c, y in zip(svr["code"], svr["year"])}
    keep = pd.Series([(c, int(y), s) in wanted for c, y, s in
                      zip(prevalence["code"], prevalence["year"], prevalence["source"])], index=prevalence.index)
    urls = prevalence.loc[keep, "source_url"].fillna("").astype(str).str.strip()
    return list(dict.fromkeys(u for u in urls if u))


# -----------------------------------------------------------------------------
# Actions vs outcomes
# -----------------------------------------------------------------------------
def published_results(raw: pd.DataFrame) -> pd.DataFrame:
    """Published assessment results in the shape
    :func:`kp2s_dashboard.prevalence.progress.actions_vs_outcomes` takes.

    Accepts either the assessment module's frame (``code``) or the CSV
    layout of ``data/kp2s_results.csv`` (``bps_code``), with
    ``year_assessed``, ``period``, ``rank``, ``score``. Rows whose period is
    not a single year (national awards such as ``2019-2020``) or that carry
    neither rank nor score are dropped.

    Returns:
        ``code`` str, ``period`` int64 (performance year), ``year_assessed``
        Int64, ``score`` float64, ``rank`` Int64, ``source_url`` str; sorted
        by period and rank.
    """
    frame = raw.copy()
    if "code" not in frame.columns and "bps_code" in frame.columns:
        frame["code"] = frame["bps_code"]
    period = pd.to_numeric(frame["period"].astype("string").str.strip().where(
        frame["period"].astype("string").str.fullmatch(r"\s*\d{4}\s*", na=False)), errors="coerce")
    out = pd.DataFrame({
        "code": frame["code"].astype(str).str.strip().to_numpy(),
        "period": period.to_numpy(),
        "year_assessed": pd.to_numeric(frame.get("year_assessed"), errors="coerce").to_numpy()
        if "year_assessed" in frame else pd.NA,
        "score": pd.to_numeric(frame.get("score"), errors="coerce").astype("float64").to_numpy(),
        "rank": pd.to_numeric(frame.get("rank"), errors="coerce").to_numpy(),
        "source_url": frame["source_url"].fillna("").astype(str).to_numpy() if "source_url" in frame else "",
    })
    out = out[out["period"].notna() & (out["rank"].notna() | out["score"].notna())]
    out = out.astype({"code": "str", "period": "int64", "year_assessed": "Int64", "score": "float64",
                      "source_url": "str"})
    out["rank"] = out["rank"].astype("Float64").round().astype("Int64")
    return out.sort_values(["period", "rank"], kind="stable").reset_index(drop=True)


def province_reference(
    prevalence: pd.DataFrame, pairs: Iterable[tuple[int, int]], options: P.SeriesOptions = P.SURVEY
) -> pd.DataFrame:
    """The province's own survey change over each (start_year, end_year)
    pair (the reference line of the actions-vs-outcomes scatter).

    Returns:
        ``start_year`` int64, ``end_year`` int64, ``start_pct``, ``end_pct``,
        ``change_pp`` (end − start, points), ``aarr_pct`` (two-point AARR,
        %/yr), all float64; pairs without both survey rounds are left out.
    """
    s = P.series_frame(prevalence, [PROVINCE_CODE], replace(options, start_year=None, end_year=None))
    values = dict(zip(s["year"].astype(int), s["value_pct"].astype(float)))
    records = []
    for a, b in sorted(set((int(x), int(y)) for x, y in pairs)):
        if a in values and b in values:
            records.append({"start_year": a, "end_year": b, "start_pct": values[a], "end_pct": values[b],
                            "change_pp": values[b] - values[a], "aarr_pct": P.aarr(values[a], a, values[b], b)})
    cols = {"start_year": "int64", "end_year": "int64", "start_pct": "float64", "end_pct": "float64",
            "change_pp": "float64", "aarr_pct": "float64"}
    return pd.DataFrame.from_records(records, columns=list(cols)).astype(cols)


def coefficient_text(value: float, lang: str = "id") -> str:
    """A correlation coefficient with two decimals and a true minus sign
    (``−0,12``), ``–`` when not computed (NaN)."""
    if value is None or math.isnan(value):
        return "–"
    return ("−" if value < 0 else "") + fmt_number(abs(value), lang, 2)


#: Below this many pairs the page says plainly that no conclusion can be drawn.
MIN_PAIRS_FOR_CONCLUSION = 5


def correlation_text(result: P.ActionsOutcomes, lang: str = "id") -> str:
    """The scatter's title: why no correlation is given (n < 3), the sample
    size with "too few for a conclusion" (n < :data:`MIN_PAIRS_FOR_CONCLUSION`),
    else the correlation sentence with n."""
    if result.n < 3:
        return t("prog.avo.no_correlation", lang, n=result.n)
    if result.n < MIN_PAIRS_FOR_CONCLUSION:
        return t("prog.avo.title_small_n", lang, n=result.n)
    return result.summary(lang)


def coefficients_note(result: P.ActionsOutcomes, lang: str = "id") -> str:
    """Small text under the sample size: both coefficients with the caveat
    (very uncertain at this n; association, not cause); ``""`` when none is
    computed (n < 3)."""
    if result.n < 3:
        return ""
    return t("prog.avo.corr_small", lang, n=result.n, spearman=coefficient_text(result.spearman, lang),
             pearson=coefficient_text(result.pearson, lang))


def avo_scatter(
    result: P.ActionsOutcomes, lang: str = "id", province: pd.DataFrame | None = None, height: int = 520
) -> go.Figure:
    """Each district's assessment result (x) against its change in survey
    prevalence (y) over the matching years, labelled with name and period.

    Args:
        result: :func:`kp2s_dashboard.prevalence.progress.actions_vs_outcomes`.
        province: :func:`province_reference` for the pairs in ``result``;
            drawn as dashed horizontal lines labelled with the province's
            change.

    Returns:
        Figure with a ``districts`` trace (the used pairs; flagged pairs
        carry a red ring in a ``flag`` trace) and one ``province:<a>-<b>``
        trace per reference pair. The correlation sentence (or why there
        is none) is the title.
    """
    table = result.table[result.table["used"]]
    x_col, y_col = result.measure, result.outcome
    pooled = len(result.periods) > 1
    labels = [registry().short_name(c) + (f" ({p})" if pooled else "") for c, p in zip(table["code"], table["period"])]
    x = table[x_col].astype("float64")
    y = table[y_col].astype("float64")
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=x, y=y, mode="markers+text", text=labels, textposition="top center", meta="districts",
        name=t("prog.avo.legend_districts", lang),
        marker={"size": 14, "color": OBSERVED_COLOUR, "line": {"color": "white", "width": 1}},
        textfont={"size": 13},
        customdata=list(zip(
            [f"{a}→{b}" for a, b in zip(table["start_year"], table["end_year"])],
            [pct_text(v, lang) for v in table["start_pct"]], [pct_text(v, lang) for v in table["end_pct"]],
            [fmt_signed(v, lang) for v in table["change_pp"]],
        )),
        hovertemplate="<b>%{text}</b><br>%{customdata[0]}: %{customdata[1]} → %{customdata[2]} "
        "(%{customdata[3]})<extra></extra>",
        cliponaxis=False,
    ))
    flagged = table["flagged"].to_numpy()
    if flagged.any():
        fig.add_trace(go.Scatter(
            x=x[flagged], y=y[flagged], mode="markers", meta="flag", name="⚠ " + P.flag_label(lang),
            marker={"size": 24, "symbol": "circle-open", "color": FLAG_COLOUR, "line": {"width": 3}},
            hoverinfo="skip",
        ))
    if x_col == "rank":
        xs = [v for v in x if not math.isnan(v)]
        fig.update_xaxes(title_text=t("prog.avo.axis_rank", lang), dtick=1,
                         range=[0.4, max(xs + [3.0]) + 0.6])
    else:
        fig.update_xaxes(title_text=t("prog.avo.axis_score", lang))
    fig.update_yaxes(title_text=t(f"prog.avo.axis_{y_col}", lang), zeroline=True, zerolinecolor="#333333",
                     showgrid=True, gridcolor=GRID)
    if province is not None and not province.empty:
        dashes = ["dash", "dot", "dashdot", "longdash"]
        for k, row in enumerate(province.itertuples()):
            value = float(getattr(row, y_col))
            text = t("prog.avo.province_line", lang, a=row.start_year, b=row.end_year,
                     value=fmt_signed(value, lang) if y_col == "change_pp" else fmt_number(value, lang, 1))
            fig.add_trace(go.Scatter(
                x=[0.4 if x_col == "rank" else (min(x) if len(x) else 0), (max(x) + 0.6) if len(x) else 1],
                y=[value, value], mode="lines", line={"color": "#7f7f7f", "width": 2, "dash": dashes[k % len(dashes)]},
                name=text, meta=f"province:{row.start_year}-{row.end_year}", hoverinfo="name",
            ))
    ys = [v for v in y if not math.isnan(v)]
    if province is not None and not province.empty:
        ys += list(province[y_col].astype(float))
    if ys:
        lo, hi = min(ys + [0.0]), max(ys + [0.0])
        pad = max(1.0, 0.2 * (hi - lo))
        fig.update_yaxes(range=[lo - pad, hi + pad])
    _base_layout(fig, lang, height)
    fig.update_layout(
        title={"text": correlation_text(result, lang), "x": 0, "xanchor": "left", "font": {"size": 16}},
        legend={"orientation": "h", "x": 0, "y": -0.18, "yanchor": "top"},
        margin={"l": 10, "r": 20, "t": 50, "b": 10},
    )
    return fig


def avo_sources(results: pd.DataFrame, prevalence: pd.DataFrame, result: P.ActionsOutcomes,
                lang: str = "id") -> list[str]:
    """Source lines of the actions-vs-outcomes export: what the table
    holds, then the links of the published results listed and of the
    survey figures they are set against.

    Args:
        results: :func:`published_results` (``code``, ``period``,
            ``source_url``).
        prevalence: the tidy prevalence table.
        result: :func:`kp2s_dashboard.prevalence.progress.actions_vs_outcomes`.
    """
    from kp2s_dashboard.prevalence.loader import SURVEY_SOURCES, HEADLINE

    tb = result.table
    lines = [t("prog.exp.avo_sources", lang)]
    keys = set(zip(tb["code"], tb["period"].astype(int)))
    for code, period, url in zip(results["code"], results["period"], results["source_url"]):
        if (code, int(period)) in keys and str(url).strip():
            lines.append(str(url).strip())
    years = {(c, int(y)) for c, a, b in zip(tb["code"], tb["start_year"], tb["end_year"]) for y in (a, b)}
    survey = prevalence[prevalence["source"].isin(SURVEY_SOURCES) & (prevalence["indicator"] == HEADLINE)]
    for code, year, url in zip(survey["code"], survey["year"], survey["source_url"].fillna("").astype(str)):
        if (code, int(year)) in years and url.strip():
            lines.append(url.strip())
    return list(dict.fromkeys(lines))


def avo_display(result: P.ActionsOutcomes, lang: str = "id") -> DisplayTable:
    """Every published result row with its matching survey rounds: region,
    period, rank, score, rounds, figures, change, AARR, flag and whether the
    pair is used (or why not)."""
    tb = result.table
    cols = {k: t(f"prog.avo.col.{k}", lang) for k in ("region", "period", "rank", "score", "years", "start", "end",
                                                        "change", "aarr", "used")}
    reasons = []
    for r in tb.itertuples():
        if r.used:
            reasons.append("✓" + (" ⚠ " + P.flag_label(lang) if r.flagged else ""))
        elif math.isnan(r.start_pct) or math.isnan(r.end_pct):
            missing = [str(yr) for yr, v in ((r.start_year, r.start_pct), (r.end_year, r.end_pct)) if math.isnan(v)]
            reasons.append(t("prog.avo.reason_no_round", lang, years=", ".join(missing)))
        elif r.flagged:
            reasons.append(t("prog.avo.reason_flagged", lang))
        else:
            reasons.append(t("prog.avo.reason_no_measure", lang))
    out = pd.DataFrame({
        cols["region"]: [registry().short_name(c) for c in tb["code"]],
        cols["period"]: tb["period"].astype("int64").to_numpy(),
        cols["rank"]: tb["rank"].astype("Int64").to_numpy(),
        cols["score"]: tb["score"].astype("float64").to_numpy(),
        cols["years"]: [f"{a} → {b}" for a, b in zip(tb["start_year"], tb["end_year"])],
        cols["start"]: tb["start_pct"].astype("float64").to_numpy(),
        cols["end"]: tb["end_pct"].astype("float64").to_numpy(),
        cols["change"]: tb["change_pp"].astype("float64").round(2).to_numpy(),
        cols["aarr"]: tb["aarr_pct"].astype("float64").round(2).to_numpy(),
        cols["used"]: reasons,
    })
    formats = {cols["period"]: YEAR_FORMAT, cols["rank"]: YEAR_FORMAT, cols["score"]: "%.2f",
               cols["start"]: PUB_FORMAT, cols["end"]: PUB_FORMAT, cols["change"]: PUB_FORMAT,
               cols["aarr"]: RATE_FORMAT}
    helps = {cols["period"]: t("prog.avo.help.period", lang), cols["rank"]: t("prog.avo.help.rank", lang)}
    return DisplayTable(out, formats, helps)
