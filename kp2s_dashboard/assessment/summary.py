"""Pure computations and display tables behind the Aksi Konvergensi and
Validasi pages, under one name for the pages. No Streamlit, no file choice
(that is :mod:`kp2s_dashboard.store.datastore`'s job).

Inputs are :class:`~kp2s_dashboard.assessment.model.AssessmentResult`
objects from :mod:`kp2s_dashboard.assessment` and the published results
(:class:`~kp2s_dashboard.assessment.published.PublishedResults`). Scores are
normalised to 0–100 by :mod:`kp2s_dashboard.assessment.scoring`
(``100 × score ÷ scale maximum``); nothing here invents a weight or a total.

The code lives beside this module, by what it is:

- :mod:`~kp2s_dashboard.assessment.views` — the Aksi page's frames
  (:func:`build_views`, :class:`AssessmentViews`, :func:`district_comparison`);
- :mod:`~kp2s_dashboard.assessment.tables` — display tables with headers in
  the UI language (:func:`ranking_table`, :func:`for_display`, …);
- :mod:`~kp2s_dashboard.assessment.labels` — names, sentences and marks
  (:func:`component_label`, :func:`source_text`, :func:`in_force_text`, …);
- :mod:`~kp2s_dashboard.assessment.checking` — uploads and the Validasi
  page's report (:func:`check_upload`, :func:`files_table`,
  :func:`validation_export`, …).

Pages import this module (``from kp2s_dashboard.assessment import summary as
sa``); code inside the package imports the module that holds the name.
"""

from __future__ import annotations

from kp2s_dashboard.assessment.checking import (
    UPLOAD_TYPES,
    UPLOAD_YEAR_KEY,
    UPLOADS_KEY,
    CheckedFile,
    ValidationExport,
    check_upload,
    combined_report,
    counts_text,
    files_table,
    rejected_table,
    report_table,
    status_of,
    template_bytes,
    validation_export,
)
from kp2s_dashboard.assessment.labels import (
    action_names,
    component_label,
    export_marks,
    in_force_text,
    item_label,
    kind_label,
    kind_option,
    rank_change_text,
    source_text,
    year_period_text,
)
from kp2s_dashboard.assessment.published import sample_kept_apart
from kp2s_dashboard.assessment.tables import (
    YEAR_HEADERS,
    breakdown_table,
    comparison_table,
    for_display,
    heatmap_table,
    lagging_table,
    published_table,
    ranking_table,
    spread_table,
    totals_table,
)
from kp2s_dashboard.assessment.views import (
    AssessmentViews,
    build_views,
    combine_how,
    component_rows,
    district_comparison,
    period_of,
    scores_of_year,
    years_assessed,
)

__all__ = [
    "UPLOADS_KEY",
    "UPLOAD_TYPES",
    "UPLOAD_YEAR_KEY",
    "YEAR_HEADERS",
    "AssessmentViews",
    "CheckedFile",
    "ValidationExport",
    "action_names",
    "breakdown_table",
    "build_views",
    "check_upload",
    "combine_how",
    "combined_report",
    "comparison_table",
    "component_label",
    "component_rows",
    "counts_text",
    "district_comparison",
    "export_marks",
    "files_table",
    "for_display",
    "heatmap_table",
    "in_force_text",
    "item_label",
    "kind_label",
    "kind_option",
    "lagging_table",
    "period_of",
    "published_table",
    "rank_change_text",
    "ranking_table",
    "rejected_table",
    "report_table",
    "sample_kept_apart",
    "scores_of_year",
    "source_text",
    "spread_table",
    "status_of",
    "template_bytes",
    "totals_table",
    "validation_export",
    "year_period_text",
    "years_assessed",
]
