"""Slide decks for meetings: what each slide shows, with its sources and date.

A :class:`Deck` is built for one district or for the whole province by
:func:`build_deck` from the tidy prevalence table, the targets table, an
optional assessment result and the published KP2S results. It is plain data
(no files, no Streamlit): :mod:`kp2s_dashboard.export.slides` writes it as a
PowerPoint file with native charts, and the presentation page draws each
slide as a plotly figure with :func:`slide_figure` (large type, one figure
per screen). Both show the same numbers, the same source line and the same
export date.

Slides, in order (:data:`SLIDE_KINDS`):

1. ``title`` — region, latest survey prevalence of the region, the province
   and Indonesia, and the national 2029 target;
2. ``map`` — the 13 districts in prevalence classes for the latest survey
   round (WHO/UNICEF thresholds, de Onis et al. 2019);
3. ``trend`` — survey prevalence over time (Riskesdas, SSGBI, SSGI, SKI as
   one series), e-PPGBM as its own series (a different measurement, never
   joined to the survey line), and the targets that apply;
4. ``actions`` — the assessment's score per convergence action (a district
   against the province mean, or the province mean per action);
5. ``ranking`` — districts ranked by
   :func:`kp2s_dashboard.assessment.result.district_result` (the same
   score, basis and rank as the Aksi page and Profil), with the ranks that
   were published (news and agency pages) for comparison; the slide names
   the file(s) and the basis. The assessment passed in is the result in
   force (:func:`kp2s_dashboard.assessment.result.in_force`), never a blend
   of kinds of files.

Assessment slides built from sample workbooks carry ``synthetic=True`` and
the banner "Data contoh — bukan hasil resmi" (``asm.synthetic_banner``).
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from kp2s_dashboard.figures import prevalence as figures
from kp2s_dashboard.prevalence import summary
from kp2s_dashboard.prevalence.classes import COLOURS, classify
from kp2s_dashboard.export.tables import exported_line
from kp2s_dashboard.i18n import fmt_number, fmt_pct, t
from kp2s_dashboard.prevalence.loader import REGISTER_SOURCES, SOURCE_LABELS, SURVEY_SOURCES, headline, rounds
from kp2s_dashboard.regions import NATIONAL_CODE, PROVINCE_CODE, registry
from kp2s_dashboard.prevalence.targets import DEFAULT_TARGET_LABELS, targets_for

SLIDE_KINDS = ("title", "map", "trend", "actions", "ranking")

#: Colours of the regions' lines (focus first), as on the Tren page.
LINE_COLOURS = figures.REGION_COLOURS
#: Colour of the focus district's bar in rankings; other bars are grey.
FOCUS_COLOUR = "#1f4e79"
OTHER_COLOUR = "#9aa5b1"
PROVINCE_MEAN_COLOUR = "#7f7f7f"
SYNTHETIC_COLOUR = "#b00020"


@dataclass
class TrendSeries:
    """One line of the trend slide.

    ``kind`` is ``survey`` (Riskesdas/SSGBI/SSGI/SKI of one region),
    ``register`` (e-PPGBM of one region) or ``target`` (one plan's targets).
    ``years`` (int) and ``values`` (float, percent 0–100) pair up;
    ``sources`` names each point's survey (``ssgi`` …) or is the target
    label; ``colour`` is a ``#rrggbb`` string.
    """

    name: str
    kind: str
    code: str
    years: list[int]
    values: list[float]
    sources: list[str]
    colour: str

    def value_in(self, year: int) -> float | None:
        """The value for ``year``, or ``None``."""
        for y, v in zip(self.years, self.values):
            if y == year:
                return v
        return None


@dataclass
class Slide:
    """One slide.

    Attributes:
        kind: one of :data:`SLIDE_KINDS`.
        title, subtitle: headline text in the deck's language.
        source: the source line shown on the slide (``Sumber: …``).
        urls: links behind the figures (speaker notes of the PowerPoint).
        notes: short lines shown under the chart (caveats, fallbacks).
        synthetic: built from sample data; shown with the
            ``asm.synthetic_banner`` label.
        empty: when set, there is nothing to chart and this says why.
        data: what the chart needs; see :func:`build_deck` per kind.
    """

    kind: str
    title: str
    subtitle: str = ""
    source: str = ""
    urls: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    synthetic: bool = False
    empty: str = ""
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Deck:
    """The slides for one region (``code``: a district, or ``"63"`` for the
    province), in ``lang``, exported on ``exported``."""

    code: str
    lang: str
    exported: _dt.date
    slides: list[Slide]

    @property
    def footer(self) -> str:
        """``Diekspor 30 November 2025 dari KP2S Dashboard``."""
        return exported_line(self.exported, self.lang)

    @property
    def region_name(self) -> str:
        """``Kabupaten Tapin`` or ``Provinsi Kalimantan Selatan``."""
        return region_title(self.code, self.lang)

    def file_stem(self) -> str:
        """File name without suffix: ``kp2s_tapin_2025-11-30``."""
        short = registry().get(self.code).short_name if self.code != PROVINCE_CODE else "kalsel"
        slug = "".join(c if c.isalnum() else "_" for c in short.lower()).strip("_")
        return f"kp2s_{slug}_{self.exported.isoformat()}"

    def kinds(self) -> list[str]:
        """The kinds of the slides, in order."""
        return [s.kind for s in self.slides]


def region_title(code: str, lang: str) -> str:
    """``Kabupaten Tapin``, ``Kota Banjarmasin`` or ``Provinsi Kalimantan Selatan``."""
    if code == PROVINCE_CODE:
        return t("exp.province_name", lang)
    return registry().get(code).name


def _round_text(source: str, year: int) -> str:
    return f"{SOURCE_LABELS.get(source, source)} {year}"


def _unique(values) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        v = "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v).strip()
        if v and v not in out:
            out.append(v)
    return tuple(out)


def _years_text(years: list[int]) -> str:
    """``2021, 2022, 2024`` — the years of one source, in order."""
    return ", ".join(str(y) for y in sorted(set(years)))


# -----------------------------------------------------------------------------
# building the deck
# -----------------------------------------------------------------------------
def build_deck(
    prevalence: pd.DataFrame,
    targets: pd.DataFrame,
    code: str | None = None,
    lang: str = "id",
    *,
    assessment: Any = None,
    published: pd.DataFrame | None = None,
    exported: _dt.date | None = None,
    until: int = 2030,
) -> Deck:
    """The deck for district ``code`` (``None`` or ``"63"``: the province).

    Args:
        prevalence: tidy prevalence table (``code, year, source, indicator,
            value_pct`` percent 0–100, ``source_url``, ``note``).
        targets: targets table of :mod:`kp2s_dashboard.prevalence.targets` (with
            ``conflict``).
        assessment: an :class:`~kp2s_dashboard.assessment.AssessmentResult`
            for the ``actions`` and ``ranking`` slides, or ``None`` (those
            slides then say there is no assessment data).
        published: provincial published results
            (``load_published_results().provincial``: ``year_assessed``,
            ``period_label``, ``code``, ``name``, ``rank``, ``source_url``),
            shown on the ranking slide; ``None`` for none.
        exported: export date (today by default).
        until: last year of the trend slide's axis; targets after it are
            left out.

    Slide ``data`` by kind:
        * ``title``: ``figures`` — list of ``{"label", "detail", "value"}``
          str dicts (``Tapin``, ``SSGI 2024``, ``13,2%``).
        * ``map``: ``round`` (source, year), ``table`` (the
          :func:`~kp2s_dashboard.prevalence.summary.district_round` frame), ``selected``
          (district code or ``None``).
        * ``trend``: ``series`` (list of :class:`TrendSeries`), ``years``
          (int list, the axis), ``codes``, ``table`` (headline rows of those
          codes), ``targets`` (the targets drawn), ``until``.
        * ``actions``: ``table`` with ``action`` int, ``label`` str
          (``"1. Analisis Situasi"``), ``value`` float64 (0–100; the
          district's score, or the province mean), ``reference`` float64
          (province mean for a district, NaN for the province), plus
          ``value_name``/``reference_name`` (series names).
        * ``ranking``: ``table`` with ``rank`` Int64, ``code``, ``name`` str,
          ``total`` float64, ``focus`` bool; ``value_name`` str;
          ``decimals`` int; ``published`` (rows of ``published`` shown).

    Raises:
        RegionNotFoundError: ``code`` is not a district or the province.
    """
    reg = registry()
    focus = PROVINCE_CODE if code in (None, PROVINCE_CODE) else reg.to_code(code)
    day = exported or _dt.date.today()
    slides = [
        _title_slide(prevalence, targets, focus, lang, assessment),
        _map_slide(prevalence, focus, lang),
        _trend_slide(prevalence, targets, focus, lang, until),
        _actions_slide(assessment, focus, lang),
        _ranking_slide(assessment, published, focus, lang),
    ]
    return Deck(code=focus, lang=lang, exported=day, slides=slides)


def _latest_survey(prevalence: pd.DataFrame, code: str, source_year: tuple[str, int] | None = None) -> pd.Series | None:
    data = headline(prevalence)
    data = data[(data["code"] == code) & data["source"].isin(SURVEY_SOURCES)]
    if source_year is not None:
        same = data[(data["source"] == source_year[0]) & (data["year"] == source_year[1])]
        if not same.empty:
            return same.iloc[0]
    if data.empty:
        return None
    return data.sort_values("year").iloc[-1]


def _title_slide(prevalence, targets, focus, lang, assessment) -> Slide:
    reg = registry()
    items: list[dict[str, str]] = []
    urls: list[str] = []
    own = _latest_survey(prevalence, focus)
    rnd = (own["source"], int(own["year"])) if own is not None else None
    codes = [focus] + ([PROVINCE_CODE] if focus != PROVINCE_CODE else []) + [NATIONAL_CODE]
    for c in codes:
        row = own if c == focus else _latest_survey(prevalence, c, rnd)
        if row is None:
            continue
        name = t("exp.province_short", lang) if c == PROVINCE_CODE else reg.short_name(c)
        items.append({"label": name, "detail": _round_text(row["source"], int(row["year"])),
                      "value": fmt_pct(float(row["value_pct"]), lang)})
        urls.append(row["source_url"])
    national = targets[(targets["code"] == NATIONAL_CODE) & (targets["year"] == 2029)]
    if not national.empty:
        target = national.iloc[0]
        items.append({"label": t("exp.target_label", lang, year=2029), "detail": str(target["label"]),
                      "value": fmt_pct(float(target["target_pct"]), lang)})
        urls.append(target["source_url"])
    rounds_used = ", ".join(dict.fromkeys(i["detail"] for i in items if i["label"] != t("exp.target_label", lang,
                                                                                          year=2029)))
    source = t("exp.title_source", lang, rounds=rounds_used or "–")
    subtitle = t("exp.title_subtitle" if focus != PROVINCE_CODE else "exp.title_subtitle_province", lang)
    return Slide(kind="title", title=t("exp.deck_title", lang, region=region_title(focus, lang)), subtitle=subtitle,
                 source=source, urls=_unique(urls), data={"figures": items})


def _map_slide(prevalence, focus, lang) -> Slide:
    survey_rounds = rounds(prevalence, SURVEY_SOURCES)
    # the newest survey round with figures for most districts (the map's purpose)
    chosen = None
    for rnd in survey_rounds:
        table = summary.district_round(prevalence, *rnd)
        if table["value_pct"].notna().sum() >= 7:
            chosen = rnd
            break
    if chosen is None:
        return Slide(kind="map", title=t("exp.map_title_none", lang), empty=t("exp.no_map_data", lang),
                     source=t("exp.source_none", lang))
    table = summary.district_round(prevalence, *chosen)
    label = _round_text(*chosen)
    from kp2s_dashboard import geo

    notes = []
    missing = table[table["value_pct"].isna()]
    if len(missing):
        notes.append(t("exp.map_missing", lang, names=", ".join(missing["name"])))
    return Slide(
        kind="map",
        title=t("exp.map_title", lang, round=label),
        source=t("fig.source_note", lang, source=label).replace("<br>", " ") + " " + geo.attribution(lang),
        urls=_unique(table["source_url"]),
        notes=tuple(notes),
        data={"round": chosen, "table": table, "selected": None if focus == PROVINCE_CODE else focus},
    )


def _trend_slide(prevalence, targets, focus, lang, until) -> Slide:
    reg = registry()
    codes = [focus, PROVINCE_CODE] if focus != PROVINCE_CODE else [PROVINCE_CODE, NATIONAL_CODE]
    data = headline(prevalence)
    data = data[data["code"].isin(codes)].sort_values(["code", "year"])
    series: list[TrendSeries] = []
    for i, c in enumerate(codes):
        own = data[data["code"] == c]
        name = t("exp.province_short", lang) if c == PROVINCE_CODE else reg.short_name(c)
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        kinds = [("survey", SURVEY_SOURCES), ("register", REGISTER_SOURCES)]
        for kind, sources in kinds:
            part = own[own["source"].isin(sources)].sort_values("year")
            if part.empty:
                continue
            series.append(TrendSeries(
                name=t(f"exp.series_{kind}", lang, region=name),
                kind=kind, code=c,
                years=[int(y) for y in part["year"]],
                values=[float(v) for v in part["value_pct"]],
                sources=[str(s) for s in part["source"]],
                colour=colour,
            ))
    applicable = targets_for(targets, focus)
    own_labels = set(applicable.loc[applicable["scope"] != "national", "label"])
    shown = applicable[(applicable["label"].isin(DEFAULT_TARGET_LABELS) | applicable["label"].isin(own_labels))
                       & (applicable["year"] <= until)]
    for j, (label, part) in enumerate(shown.groupby("label", sort=False)):
        colour, _symbol = figures.TARGET_STYLES[j % len(figures.TARGET_STYLES)]
        part = part.sort_values("year")
        series.append(TrendSeries(
            name=t("exp.series_target", lang, label=label), kind="target", code=str(part["code"].iloc[0]),
            years=[int(y) for y in part["year"]], values=[float(v) for v in part["target_pct"]],
            sources=[label] * len(part), colour=colour,
        ))
    all_years = [y for s in series for y in s.years]
    if not all_years:
        return Slide(kind="trend", title=t("exp.trend_title", lang, region=region_title(focus, lang)),
                     empty=t("exp.no_trend_data", lang), source=t("exp.source_none", lang))
    years = list(range(min(all_years), max(all_years) + 1))
    by_source: dict[str, list[int]] = {}
    for s in series:
        if s.kind != "target":
            for src, y in zip(s.sources, s.years):
                by_source.setdefault(src, []).append(y)
    order = [s for s in (*SURVEY_SOURCES, *REGISTER_SOURCES) if s in by_source]
    data_text = "; ".join(f"{SOURCE_LABELS[s]} {_years_text(by_source[s])}" for s in order)
    target_text = ", ".join(dict.fromkeys(shown["label"])) or "–"
    notes = [t("exp.trend_note", lang)]
    if shown["conflict"].any():
        notes.append(t("trend.conflict_note", lang))
    return Slide(
        kind="trend",
        title=t("exp.trend_title", lang, region=region_title(focus, lang)),
        source=t("exp.trend_source", lang, data=data_text, targets=target_text),
        urls=_unique([*data["source_url"], *shown["source_url"]]),
        notes=tuple(notes),
        data={"series": series, "years": years, "codes": codes, "table": data, "targets": shown, "until": until},
    )


def _files(assessment) -> list[str]:
    """The file names an assessment result was read from (one, or several when merged)."""
    meta = getattr(assessment, "meta", {}) or {}
    return list(meta.get("files") or ([meta["file"]] if meta.get("file") else []))


def pick_workbook(results: list) -> int:
    """Which of several assessment workbooks is in force for the newest
    assessment year (an index into ``results``, :class:`AssessmentResult`
    objects): the first file of the kind
    :func:`kp2s_dashboard.assessment.result.in_force` chooses by default
    (the one whose own totals cover the most districts, then the one that
    states ranks, then a rekap). Pages pass the in-force result to
    :func:`build_deck` instead; this stays for callers holding a list.

    Raises:
        ValueError: ``results`` is empty.
    """
    from kp2s_dashboard.assessment.result import file_kind, in_force

    if not results:
        raise ValueError("no assessment workbooks")
    decided = in_force(results)
    if not decided.chosen:
        return 0
    kind = decided.chosen[max(decided.chosen)]
    return next(i for i, r in enumerate(results) if file_kind(r) == kind)


def _assessment_source(assessment, lang) -> str:
    files = _files(assessment)
    meta = getattr(assessment, "meta", {}) or {}
    return t("exp.assessment_source", lang, file=", ".join(files) or "–", year=meta.get("year_assessed", "–"),
             period=meta.get("period", "–"))


def _assessment_year(assessment) -> tuple[int | None, Any]:
    """The newest assessment year in the data and its performance period
    (as the Aksi page picks them)."""
    from kp2s_dashboard.assessment.views import period_of, years_assessed

    years = years_assessed(assessment)
    if not years:
        return None, "–"
    period = period_of(assessment, years[0])
    return years[0], period if period is not None else "–"


def _actions_slide(assessment, focus, lang) -> Slide:
    if assessment is None:
        return Slide(kind="actions", title=t("exp.actions_title_none", lang), empty=t("exp.no_assessment", lang),
                     source=t("exp.source_none", lang))
    from kp2s_dashboard.assessment import action_components, district_vs_province, lagging_actions
    from kp2s_dashboard.assessment.views import combine_how, component_rows, scores_of_year

    year, period = _assessment_year(assessment)
    scores = scores_of_year(assessment, year)
    how = combine_how(assessment)
    components = action_components(scores)
    component = components[0] if components else None  # the Aksi page's default choice
    rows = component_rows(scores, component)
    instrument = getattr(assessment, "instrument", None)
    reg = registry()

    def label(n: int) -> str:
        name = instrument.action_name(n, lang) if instrument is not None else t("exp.action_n", lang, n=n)
        return f"{n}. {name}"

    notes = [t("exp.actions_note", lang)]
    if component:
        notes.append(t("exp.actions_component", lang, component=component))
    base = dict(kind="actions", source=_assessment_source(assessment, lang), synthetic=bool(assessment.synthetic))
    try:
        if not components:
            raise KeyError(focus)
        if focus == PROVINCE_CODE:
            got = lagging_actions(rows, component, how, instrument=instrument, lang=lang)
            if got.empty:
                raise KeyError(focus)
            got = got.sort_values("action")
            table = pd.DataFrame({
                "action": got["action"].astype(int).to_numpy(),
                "label": [label(int(a)) for a in got["action"]],
                "value": got["mean_pct"].astype("float64").to_numpy(),
                "reference": float("nan"),
            })
            value_name, reference_name = t("exp.province_mean", lang), ""
            title = t("exp.actions_title_province", lang, year=year, period=period)
        else:
            got = district_vs_province(rows, focus, component, how).sort_values("action")
            table = pd.DataFrame({
                "action": got["action"].astype(int).to_numpy(),
                "label": [label(int(a)) for a in got["action"]],
                "value": got["district_pct"].astype("float64").to_numpy(),
                "reference": got["province_mean"].astype("float64").to_numpy(),
            })
            value_name, reference_name = reg.short_name(focus), t("exp.province_mean", lang)
            title = t("exp.actions_title_district", lang, region=reg.short_name(focus), year=year, period=period)
    except (KeyError, ValueError):
        return Slide(title=t("exp.actions_title_none", lang), empty=t("exp.no_assessment_region", lang,
                                                                      region=region_title(focus, lang)), **base)
    table["value"] = table["value"].astype("float64")
    table["reference"] = table["reference"].astype("float64")
    return Slide(title=title, notes=tuple(notes), urls=(), data={
        "table": table, "value_name": value_name, "reference_name": reference_name}, **base)


def _ranking_slide(assessment, published, focus, lang) -> Slide:
    pub_rows = pd.DataFrame()
    pub_lines: list[str] = []
    urls: list[str] = []
    if published is not None and len(published):
        pub = published[published["rank"].notna()]
        pub = pub[pub["code"] == focus] if focus != PROVINCE_CODE else pub[
            pub["year_assessed"] == pub["year_assessed"].max()]
        pub_rows = pub.sort_values(["year_assessed", "rank"])
        for row in pub_rows.itertuples():
            period = row.period_label or "–"
            pub_lines.append(t("exp.published_line", lang, year=row.year_assessed, period=period, name=row.name,
                               rank=int(row.rank)))
            urls.append(row.source_url)
    if assessment is None:
        return Slide(kind="ranking", title=t("exp.ranking_title_none", lang), empty=t("exp.no_assessment", lang),
                     source=t("exp.published_source", lang) if pub_lines else t("exp.source_none", lang),
                     notes=tuple(pub_lines), urls=_unique(urls), data={"published": pub_rows})
    from kp2s_dashboard.assessment.result import district_result

    year, period = _assessment_year(assessment)
    if year is None:
        return Slide(kind="ranking", title=t("exp.ranking_title_none", lang), empty=t("exp.no_ranking", lang),
                     source=_assessment_source(assessment, lang), synthetic=bool(assessment.synthetic))
    files = _files(assessment)
    file_text = ", ".join(files) or "–"
    # the one definition of a district's score and rank, as on the Aksi page and Profil
    ranked = district_result(assessment, int(year), "", previous=_published_ranks(published))
    basis = str(ranked["basis"].iloc[0]) if len(ranked) else "none"
    by, decimals = ("score_pct", 1) if basis == "action_mean" else ("total", 2)
    notes = [t("exp.ranking_basis", lang, basis=t(f"asm.basis_rank.{basis}", lang), file=file_text)]
    table = pd.DataFrame({
        "rank": ranked["rank"].astype("Int64"),
        "code": ranked["code"].astype(str),
        "name": ranked["name"].astype(str),
        "total": ranked["score"].astype("float64"),
    })
    table = table[table["rank"].notna()].reset_index(drop=True)
    table["focus"] = table["code"] == focus
    value_name = t("exp.ranking_value_total", lang) if by == "total" else t("exp.ranking_value_mean", lang)
    if pub_lines:
        notes.append(t("exp.published_intro", lang) + " " + "; ".join(pub_lines))
    source = _assessment_source(assessment, lang)
    if pub_lines:
        source += " " + t("exp.published_source", lang)
    return Slide(
        kind="ranking",
        title=t("exp.ranking_title", lang, year=year, period=period),
        source=source,
        urls=_unique(urls),
        notes=tuple(notes),
        synthetic=bool(assessment.synthetic),
        empty="" if len(table) else t("exp.no_ranking", lang),
        data={"table": table, "value_name": value_name, "decimals": decimals, "published": pub_rows},
    )


def _published_ranks(published: pd.DataFrame | None) -> pd.DataFrame | None:
    """The published provincial ranks in the shape ``ranking(previous=...)``
    takes (``year_assessed``, ``code``, ``rank``, ``source``)."""
    if published is None or not len(published):
        return None
    rows = published[published["rank"].notna()]
    return pd.DataFrame({"year_assessed": rows["year_assessed"], "code": rows["code"].astype(str),
                         "rank": rows["rank"], "source": "published"})


# -----------------------------------------------------------------------------
# plotly figures for the presentation view and image export
# -----------------------------------------------------------------------------
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


def _label_px(labels, size: int) -> int:
    """Rough width in px of the longest tick label (lines split at ``<br>``)."""
    longest = max((len(part) for label in labels for part in str(label).split("<br>")), default=0)
    return int(longest * size * 0.5) + 30


def _chars_per_line(look: Look, size: int, bold: bool = False) -> int:
    """How many characters of ``size`` px fit on one line of the figure."""
    return max(30, int((look.width or PAGE_WIDTH_PX) / (size * (0.6 if bold else 0.52))))


def _frame(fig: go.Figure, slide: Slide, deck: Deck, look: Look, *, axis_lines: float = 0.0,
           legend_top: bool = False, left_px: int = 0) -> go.Figure:
    """Title on top (with the sample-data label under it), notes, source line
    and export date at the bottom, and the look's colours.

    ``axis_lines`` reserves room (in lines of the base font) under the plot
    for the x axis's ticks and title; ``legend_top`` room above the plot for
    a horizontal legend; ``left_px`` is how far the plot area starts from
    the figure's left edge (long tick labels), where the bottom lines begin.
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
    lines = [part for line in [*slide.notes, slide.source, deck.footer] for part in wrap(line, per_line, "\n").split("\n")]
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
    fig.update_layout(
        title=title_spec,
        height=look.height,
        paper_bgcolor=look.paper,
        plot_bgcolor=look.paper,
        font={"color": look.ink, "size": look.font_size, "family": figures.FONT},
        margin={"l": 20, "r": 20, "t": top, "b": bottom},
        legend={"font": {"color": look.ink}, "bgcolor": "rgba(0,0,0,0)"},
    )
    if look.width:
        fig.update_layout(width=look.width)
    axes = {"gridcolor": look.grid, "linecolor": look.muted, "zerolinecolor": look.muted, "automargin": True,
            "tickfont": {"color": look.ink}, "title_font": {"color": look.ink}}
    fig.update_xaxes(**axes)
    fig.update_yaxes(**axes)
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
    fig.update_layout(
        title=None,
        height=look.height,
        paper_bgcolor=look.paper,
        plot_bgcolor=look.paper,
        font={"color": look.ink, "size": look.font_size, "family": figures.FONT},
        margin={"l": 10, "r": 10, "t": 16, "b": 10 + int(axis_lines * look.font_size * 0.4)},
        legend={"font": {"color": look.ink}, "bgcolor": "rgba(0,0,0,0)"},
    )
    if look.width:
        fig.update_layout(width=look.width)
    axes = {"gridcolor": look.grid, "linecolor": look.muted, "zerolinecolor": look.muted, "automargin": True,
            "tickfont": {"color": look.ink}, "title_font": {"color": look.ink}}
    fig.update_xaxes(**axes)
    fig.update_yaxes(**axes)
    return fig


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
    table = slide.data["table"]
    if geojson is None:
        return _class_bars(slide, deck, look)
    fig = figures.choropleth(table, geojson, deck.lang, selected=slide.data.get("selected"),
                             label_points=label_points, height=look.height, font_size=look.font_size)
    fig.layout.annotations = ()  # the slide's own source line replaces the page footnote
    if look.dark:  # names stay dark: they sit on the light class colours
        fig.update_traces(selector={"name": "selected"}, marker_line_color="#ffffff")
    fig = _frame(fig, slide, deck, look)
    if look.page:
        fig.update_layout(legend={**_legend_below(look), "title": {
            "text": t("map.legend_title", deck.lang), "font": {"color": look.ink}, "side": "top"}})
    else:
        fig.update_layout(legend={"orientation": "v", "x": 0.0, "y": 0.02, "xanchor": "left", "yanchor": "bottom",
                                  "bgcolor": "rgba(0,0,0,0)",
                                  "title": {"text": t("map.legend_title", deck.lang), "font": {"color": look.ink}}})
    fig.update_geos(bgcolor=look.paper)
    return fig


def _class_bars(slide: Slide, deck: Deck, look: Look) -> go.Figure:
    """The map's values as bars in class colours (when no boundaries)."""
    table = slide.data["table"].dropna(subset=["value_pct"]).sort_values("value_pct")
    colours = [COLOURS[k] for k in classify(table["value_pct"])]
    fig = go.Figure(go.Bar(
        x=table["value_pct"], y=table["name"], orientation="h", marker_color=colours,
        text=[fmt_pct(v, deck.lang) for v in table["value_pct"]], textposition="outside", cliponaxis=False,
        constraintext="none", textfont={"color": look.ink},
    ))
    fig.update_xaxes(title_text=t("trend.axis_pct", deck.lang), rangemode="tozero")
    fig.update_yaxes(automargin=True)
    fig.update_layout(separators=",." if deck.lang == "id" else ".,", showlegend=False)
    return _frame(fig, slide, deck, look, axis_lines=3.2)


def _trend_figure(slide: Slide, deck: Deck, look: Look) -> go.Figure:
    """The Tren page's figure (surveys above, e-PPGBM in its own panel below,
    targets as markers) in presentation size."""
    data = slide.data
    fig = figures.trend(data["table"], data["codes"], data["targets"], deck.lang, until=data["until"],
                        height=look.height, font_size=look.font_size)
    if look.dark:
        fig.update_traces(selector={"legendgroup": "sources"}, marker_color=look.muted)
        fig.update_annotations(font_color=look.ink)
        fig.update_traces(selector={"name": registry().short_name(data["codes"][0])}, line_color="#6fa8dc",
                          marker_color="#6fa8dc")
        fig.for_each_trace(lambda tr: tr.update(textfont_color=look.ink) if tr.mode and "text" in tr.mode else None)
    fig = _frame(fig, slide, deck, look, axis_lines=1.6)
    fig.update_yaxes(title_font={"size": _scaled(15, look)})
    if look.page:  # legend in rows under the plot; year ticks spaced by plotly for the width
        small = _scaled(13, look)
        fig.update_layout(legend={**_legend_below(look), "font": {"size": small, "color": look.ink},
                                  "grouptitlefont": {"size": small, "color": look.ink}, "itemwidth": 30})
        fig.update_xaxes(dtick=None, tickmode="auto", nticks=0, tickformat="d")
        fig.update_yaxes(title_font={"size": small}, title_standoff=4)
        fig.update_annotations(font_size=small)  # the panel titles, wrapped for a phone
        fig.for_each_annotation(lambda a: a.update(text=wrap(a.text, 44)) if len(a.text) > 44 else None)
        return fig
    fig.update_layout(legend={"orientation": "v", "x": 1.01, "y": 1, "xanchor": "left", "tracegroupgap": 4,
                              "font": {"size": _scaled(14, look)},
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
    table["label"] = [shorten(x, 26 if look.page else 40) for x in table["label"]]
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
        fig.update_layout(legend={**_legend_below(look), "traceorder": "reversed"})
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
    raise ValueError(slide.kind)
