"""Assessment workbooks of the eight convergence actions (KP2S).

Data flows ``workbook -> loaders (layout detection, validation) -> tidy
table -> scoring (totals, ranks, normalised scores) -> pages``. Nothing
here imports Streamlit.

Public API:

- :func:`load_workbook` → :class:`AssessmentResult` (``scores``,
  ``totals``, ``rejected``, ``report``, ``meta``, ``synthetic``);
  :func:`combine_results` for several files;
- :func:`load_instrument`, :func:`available_years` (``data/instruments``);
- :mod:`~kp2s_dashboard.assessment.scoring` and
  :mod:`~kp2s_dashboard.assessment.comparisons` functions;
- :func:`district_result` — the district's score and rank for a year, the
  one definition every view calls — on the files :func:`in_force`;
- :func:`load_published_results` (``data/kp2s_results.csv``);
- :func:`write_template` (``python -m kp2s_dashboard.assessment.template``).
"""

from kp2s_dashboard.assessment.instruments import Instrument, available_years, load_instrument
from kp2s_dashboard.assessment.loaders import combine_results, load_workbook
from kp2s_dashboard.assessment.model import (
    SCORE_COLUMNS,
    TOTAL_COLUMNS,
    AssessmentResult,
    ValidationReport,
)
from kp2s_dashboard.assessment.published import (
    PublishedResults,
    load_published_results,
    published_ranks,
    sample_kept_apart,
)
from kp2s_dashboard.assessment.result import InForce, district_result, in_force
from kp2s_dashboard.assessment.scoring import (
    action_components,
    action_matrix,
    action_scores,
    combine_assessors,
    district_totals,
    normalise,
    ranking,
)
from kp2s_dashboard.assessment.comparisons import (
    assessor_spread,
    component_breakdown,
    district_vs_province,
    lagging_actions,
)
from kp2s_dashboard.assessment.template import write_template

__all__ = [
    "SCORE_COLUMNS",
    "TOTAL_COLUMNS",
    "AssessmentResult",
    "InForce",
    "Instrument",
    "PublishedResults",
    "ValidationReport",
    "action_components",
    "action_matrix",
    "action_scores",
    "assessor_spread",
    "available_years",
    "combine_assessors",
    "combine_results",
    "component_breakdown",
    "district_result",
    "district_totals",
    "district_vs_province",
    "in_force",
    "lagging_actions",
    "load_instrument",
    "load_published_results",
    "load_workbook",
    "normalise",
    "published_ranks",
    "sample_kept_apart",
    "ranking",
    "write_template",
]
