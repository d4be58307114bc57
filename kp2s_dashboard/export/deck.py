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
They are left out unless the caller opts in (``include_demo=True``): demo
data never passes for a result by default. Even then, the published ranks
are never printed beside sample-data ranks.

This module holds :func:`build_deck` and is where callers find the deck's
public names. The parts live beside it: the model in
:mod:`~kp2s_dashboard.export.deck_model`, the slide builders in
:mod:`~kp2s_dashboard.export.deck_prevalence` (title, map, trend) and
:mod:`~kp2s_dashboard.export.deck_assessment` (actions, ranking), and the
plotly figures in :mod:`~kp2s_dashboard.export.deck_figures`.
"""

from __future__ import annotations
from __future__ import annotations

import datetime as _dt
from typing import Any

import pandas as pd

from kp2s_dashboard.export.deck_assessment import _actions_slide, _ranking_slide
from kp2s_dashboard.export.deck_figures import Look, slide_figure
from kp2s_dashboard.export.deck_model import SLIDE_KINDS, Deck, Slide, TrendSeries, slide_lines
from kp2s_dashboard.export.deck_prevalence import _map_slide, _title_slide, _trend_slide
from kp2s_dashboard.regions import PROVINCE_CODE, registry

#: The names callers use as ``deck.X``: the model, and the figures of the
#: presentation page (:mod:`~kp2s_dashboard.export.deck_figures`).
__all__ = ["SLIDE_KINDS", "Deck", "Look", "Slide", "TrendSeries", "build_deck", "slide_figure", "slide_lines"]


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
    include_demo: bool = False,
    own_targets: bool = False,
    recommendations: tuple | None = None,
) -> Deck:
    """The deck for district ``code`` (``None`` or ``"63"``: the province).

    Args:
        prevalence: tidy prevalence table (``code, year, source, indicator,
            value_pct`` percent 0–100, ``source_url``, ``note``).
        targets: targets table of :mod:`kp2s_dashboard.prevalence.targets` (with
            ``conflict``).
        assessment: an :class:`~kp2s_dashboard.assessment.AssessmentResult`
            for the ``actions`` and ``ranking`` slides, or ``None`` (then
            only the ``ranking`` slide, saying there is no assessment data
            and listing the published ranks, if any).
        published: provincial published results
            (``load_published_results().provincial``: ``year_assessed``,
            ``period_label``, ``code``, ``name``, ``rank``, ``source_url``),
            shown on the ranking slide; ``None`` for none.
        exported: export date (today by default).
        until: last year of the trend slide's axis; targets after it are
            left out.
        include_demo: keep the ``actions`` and ``ranking`` slides when
            ``assessment`` is sample data (``assessment.synthetic``); by
            default they are left out and counted in
            ``Deck.demo_left_out``.
        recommendations: ``(recs, entries, demo)`` (the frames of
            :func:`kp2s_dashboard.recommendations.model.frames` or the demo
            round, and whether they are the demo) adds the last slide,
            ``recommendations``: their status as of ``exported``
            (:mod:`~kp2s_dashboard.export.deck_recommendations`); a demo
            round only with ``include_demo`` (not counted in
            ``demo_left_out``, which counts assessment slides).
        own_targets: also draw the region's own targets (provincial and
            district plans) on the trend slide; by default only the
            national targets in force (fewer labels on a projected chart).

    Slide ``data`` by kind:
        * ``title``: ``figures`` — list of ``{"label", "detail", "value"}``
          str dicts (``Tapin``, ``SSGI 2024``, ``13,2%``).
        * ``map``: ``round`` (source, year), ``table`` (the
          :func:`~kp2s_dashboard.prevalence.summary.district_round` frame), ``selected``
          (district code or ``None``; its bar is highlighted), ``credit`` (the
          boundaries' attribution, shown only where the map is drawn:
          :func:`~kp2s_dashboard.export.deck_model.slide_lines`).
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
        _trend_slide(prevalence, targets, focus, lang, until, own_targets),
    ]
    left_out = 0
    if assessment is not None and bool(getattr(assessment, "synthetic", False)) and not include_demo:
        left_out = 2  # the actions and ranking slides of sample data
    elif assessment is None:  # one slide says there is no assessment yet, with the published ranks if any
        slides.append(_ranking_slide(None, published, focus, lang))
    else:
        slides += [_actions_slide(assessment, focus, lang), _ranking_slide(assessment, published, focus, lang)]
    if recommendations is not None:
        recs, entries, demo = recommendations
        if not demo or include_demo:  # a demo round like the demo assessment slides: only when opted in
            from kp2s_dashboard.export.deck_recommendations import recommendations_slide

            slides.append(recommendations_slide(recs, entries, focus, lang, day, demo=bool(demo)))
    return Deck(code=focus, lang=lang, exported=day, slides=slides, demo_left_out=left_out)
