"""Assessment workbooks of the eight convergence actions (KP2S).

Data flows ``workbook -> loaders (layout detection, validation) -> tidy
table -> scoring (totals, ranks, normalised scores) -> pages``. Nothing
here imports Streamlit.

Public API:

- :func:`load_workbook` → :class:`AssessmentResult` (``scores``,
  ``totals``, ``rejected``, ``report``, ``meta``, ``synthetic``);
- :func:`load_instrument`, :func:`available_years` (``data/instruments``);
- :mod:`~kp2s_dashboard.assessment.scoring` functions;
- :func:`load_published_results` (``data/kp2s_results.csv``);
- :func:`write_template` (``python -m kp2s_dashboard.assessment.template``).
"""

from kp2s_dashboard.assessment.instruments import Instrument, available_years, load_instrument
from kp2s_dashboard.assessment.loaders import load_workbook
from kp2s_dashboard.assessment.model import (
    SCORE_COLUMNS,
    TOTAL_COLUMNS,
    AssessmentResult,
    ValidationReport,
)

__all__ = [
    "SCORE_COLUMNS",
    "TOTAL_COLUMNS",
    "AssessmentResult",
    "Instrument",
    "ValidationReport",
    "available_years",
    "load_instrument",
    "load_workbook",
]
