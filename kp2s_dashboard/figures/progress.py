"""Figures and display tables for the progress pages (Target, Survei vs
e-PPGBM, Aksi vs hasil). Pure: frames from :mod:`kp2s_dashboard.prevalence.progress`
in, ``go.Figure`` or display frames out. No Streamlit.

Every figure gets the language's number separators and fonts from
:func:`kp2s_dashboard.figures.prevalence._base_layout`. Every percentage is a percent
(0–100); rates are in percent per year; changes in percentage points.

The code lives in one module per chart family; this module is the place the
pages import it from (``fp.X``):

* :mod:`~kp2s_dashboard.figures.progress_common` — status markers and
  colours, number formats, :class:`DisplayTable`, label texts;
* :mod:`~kp2s_dashboard.figures.target_tables` — the Target page's tables,
  export and source lines;
* :mod:`~kp2s_dashboard.figures.target_paths` — the Target page's path
  figure and small multiples;
* :mod:`~kp2s_dashboard.figures.survey_register` — survey vs e-PPGBM;
* :mod:`~kp2s_dashboard.figures.actions_outcomes` — Aksi vs hasil.
"""

from __future__ import annotations

from kp2s_dashboard.figures.actions_outcomes import (
    MIN_PAIRS_FOR_CONCLUSION,
    avo_display,
    avo_scatter,
    avo_sources,
    coefficient_text,
    coefficients_note,
    correlation_text,
    province_reference,
    published_results,
)
from kp2s_dashboard.figures.progress_common import (
    ACHIEVED_ICONS,
    ALT_COLOUR,
    FLAG_COLOUR,
    GRID,
    OBSERVED_COLOUR,
    OUT_OF_WINDOW_COLOUR,
    PCT_FORMAT,
    PUB_FORMAT,
    RATE_FORMAT,
    REGISTER_COLOUR,
    STATUS_COLOURS,
    STATUS_ICONS,
    SURVEY_COLOUR,
    YEAR_FORMAT,
    DisplayTable,
    choice_label,
    pct_text,
    published_decimals,
    region_label,
    status_colour,
    status_text,
    target_tag,
)
from kp2s_dashboard.figures.survey_register import svr_display, svr_dumbbell, svr_source_urls
from kp2s_dashboard.figures.target_paths import path_figure, path_grid
from kp2s_dashboard.figures.target_tables import (
    VERDICT_TONES,
    mixed_verdict_text,
    verdicts_mixed_text,
    region_status_display,
    row_notes,
    target_display,
    target_export,
    target_sources,
    verdict_parts,
)

__all__ = [
    "MIN_PAIRS_FOR_CONCLUSION", "avo_display", "avo_scatter", "avo_sources", "coefficient_text",
    "coefficients_note", "correlation_text", "province_reference", "published_results",
    "ACHIEVED_ICONS", "ALT_COLOUR", "FLAG_COLOUR", "GRID", "OBSERVED_COLOUR", "OUT_OF_WINDOW_COLOUR",
    "PCT_FORMAT", "PUB_FORMAT", "RATE_FORMAT", "REGISTER_COLOUR", "STATUS_COLOURS", "STATUS_ICONS",
    "SURVEY_COLOUR", "YEAR_FORMAT", "DisplayTable", "choice_label", "pct_text", "published_decimals",
    "region_label", "status_colour", "status_text", "target_tag",
    "svr_display", "svr_dumbbell", "svr_source_urls",
    "path_figure", "path_grid",
    "VERDICT_TONES", "verdict_parts", "verdicts_mixed_text", "mixed_verdict_text", "region_status_display", "row_notes", "target_display", "target_export", "target_sources",
]
