"""Progress toward the stunting targets: rates, status, projections, checks.

Pure functions (no Streamlit, no I/O except reading ``data/plausibility.toml``)
that turn the tidy prevalence table and the targets table into ready-to-show
DataFrames and figure-ready data. The code lives in one module per part; this
module is the place the pages, the web cache, the figures and the district
profile import it from (``progress.X``):

* :mod:`~kp2s_dashboard.prevalence.series` — which points form a series
  (:class:`SeriesOptions`, :data:`SURVEY`, :data:`REGISTER`), plausibility
  bounds and flags, the observed points (:func:`series_frame`);
* :mod:`~kp2s_dashboard.prevalence.rates` — the AARR formulas (method and
  sources there) and each region's current :class:`Rate`;
* :mod:`~kp2s_dashboard.prevalence.status` — targets to measure against,
  the status rule (:func:`classify`), :func:`progress_long`,
  :func:`target_table`;
* :mod:`~kp2s_dashboard.prevalence.trajectories` — target paths,
  projections and :func:`chart_data`;
* :mod:`~kp2s_dashboard.prevalence.alternatives` — conflict markers and
  alternative figures recorded in notes;
* :mod:`~kp2s_dashboard.prevalence.survey_register` — survey vs e-PPGBM;
* :mod:`~kp2s_dashboard.prevalence.actions_outcomes` — assessment results
  vs the change in prevalence.

Inputs
------
*prevalence* (``data/prevalence.csv`` after loading; extra columns are
ignored): ``code`` str (``"6301"``, province ``"63"``, Indonesia ``"00"``),
``year`` int, ``source`` str (``riskesdas|ssgbi|ssgi|ski|eppgbm``),
``indicator`` str (headline ``"stunting"``), ``value_pct`` float (percent,
0–100), ``source_url`` str, ``note`` str.

*targets* (``data/targets.csv``): ``code`` str, ``year`` int, ``target_pct``
float (percent), ``label`` str, ``basis`` str, ``source_url`` str.

Every percentage in and out of this module is a percent (0–100), never a
fraction; every rate is in percent per year.
"""

from __future__ import annotations

from kp2s_dashboard.prevalence.actions_outcomes import ActionsOutcomes, actions_vs_outcomes
from kp2s_dashboard.prevalence.alternatives import (
    _decimals_needed,  # used by figures.compare and districts.profile for the decimals of a figure
    alternative_values,
    conflict_marked,
    format_with_alternatives,
)
from kp2s_dashboard.prevalence.rates import (
    Rate,
    aarr,
    aarr_loglinear,
    current_rate,
    project,
    rates,
    required_aarr,
    year_reached,
)
from kp2s_dashboard.prevalence.series import (
    DEFAULT_START_YEAR,
    HEADLINE,
    METHODS,
    PLAUSIBILITY_FILE,
    REGISTER,
    REGISTER_SOURCES,
    SURVEY,
    SURVEY_SOURCES,
    Bound,
    SeriesMixError,
    SeriesOptions,
    flag_label,
    load_plausibility,
    plausibility_flags,
    series_conflicts,
    series_frame,
)
from kp2s_dashboard.prevalence.status import (
    NO_PROGRESS,
    MIN_POINTS,
    NOT_ASSESSABLE,
    OFF_TRACK,
    REASON_CONFLICT,
    REASON_FLAGGED,
    REASON_NO_DATA,
    REASON_TOO_FEW,
    REASONS,
    ON_TRACK,
    STATUSES,
    TARGET_YEAR_PASSED,
    Target,
    classify,
    choice_from_token,
    default_targets,
    headline_targets,
    judge_reason,
    judgeable,
    mixed_verdicts,
    progress_long,
    reason_text,
    status_label,
    target_choices,
    target_from_choice,
    target_table,
)
from kp2s_dashboard.prevalence.survey_register import (
    WHY_DIFFER_KEYS,
    register_month,
    survey_vs_register,
    why_differ_notes,
)
from kp2s_dashboard.prevalence.trajectories import chart_data, projection_path, target_path

__all__ = [
    "ActionsOutcomes", "actions_vs_outcomes",
    "alternative_values", "conflict_marked", "format_with_alternatives",
    "Rate", "aarr", "aarr_loglinear", "current_rate", "project", "rates", "required_aarr", "year_reached",
    "DEFAULT_START_YEAR", "HEADLINE", "METHODS", "PLAUSIBILITY_FILE", "REGISTER", "REGISTER_SOURCES", "SURVEY",
    "SURVEY_SOURCES", "Bound", "SeriesMixError", "SeriesOptions", "flag_label", "load_plausibility",
    "plausibility_flags", "series_conflicts", "series_frame",
    "NO_PROGRESS", "NOT_ASSESSABLE", "OFF_TRACK", "ON_TRACK", "STATUSES", "TARGET_YEAR_PASSED", "Target",
    "MIN_POINTS", "REASON_CONFLICT", "REASON_FLAGGED", "REASON_NO_DATA", "REASON_TOO_FEW", "REASONS",
    "choice_from_token", "headline_targets", "judge_reason", "judgeable", "mixed_verdicts", "reason_text",
    "classify", "default_targets", "progress_long", "status_label", "target_choices", "target_from_choice",
    "target_table",
    "WHY_DIFFER_KEYS", "register_month", "survey_vs_register", "why_differ_notes",
    "chart_data", "projection_path", "target_path",
]
