"""Checking assessment files: uploads and the Validasi page's report.

Reading an upload (:func:`check_upload`), the empty template to download
(:func:`template_bytes`), and for the checked files the summary per file,
the combined report, the findings and rejected cells as tables and the
validation download (:func:`validation_export`).
"""

from __future__ import annotations

import datetime as _dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kp2s_dashboard.assessment.loaders import load_workbook
from kp2s_dashboard.assessment.model import AssessmentResult, ValidationReport
from kp2s_dashboard.assessment.result import conflict_report
from kp2s_dashboard.assessment.template import write_template
from kp2s_dashboard.errors import DataError
from kp2s_dashboard.i18n import fmt_number, t

#: Suffixes an assessment upload may have.
UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "ods"]
#: ``st.session_state`` keys (not widget keys, so they survive page changes):
#: uploaded workbooks (file name → bytes) and the assessment year chosen for
#: uploads that do not state it (int or None).
UPLOADS_KEY = "asm_uploads"
UPLOAD_YEAR_KEY = "asm_upload_year_value"


# -- uploads ----------------------------------------------------------------------
def check_upload(name: str, content: bytes, year_assessed: int | None = None) -> AssessmentResult:
    """Read an uploaded assessment workbook to check (and show) it.

    The bytes are written to a temporary file with the upload's suffix and
    read with :func:`kp2s_dashboard.assessment.load_workbook`; every message
    names the upload's original file name.

    Args:
        name: the upload's file name (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``).
        content: the file's bytes.
        year_assessed: year the assessment was held, when the file does not
            say (a different year written in the file is reported).

    Returns:
        The :class:`AssessmentResult` (its ``report`` lists every problem
        with file, sheet and cell).

    The bytes pass :func:`kp2s_dashboard.sheets.uploads.check_upload` first
    (size, zip bounds, encryption, mislabelled formats, rows/columns/cells),
    so nothing hostile reaches the readers.

    Raises:
        DataError: ``err.file_format`` (other suffix),
            ``err.upload_*``/``err.sheet_*`` (refused by the guard) or
            ``err.file_unreadable`` (not a readable workbook).
    """
    from kp2s_dashboard.sheets import uploads

    uploads.check_upload(name, content, suffixes=tuple(f".{s}" for s in UPLOAD_TYPES))
    suffix = Path(name).suffix.lower()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(content)
        return load_workbook(path, year_assessed=year_assessed, display_name=name)


def template_bytes(year: int, layout: str = "rekap") -> bytes:
    """An empty assessment workbook (.xlsx) for the assessment held in
    ``year`` in ``layout`` (``rekap`` | ``assessor``), as bytes for a
    download button. See :func:`kp2s_dashboard.assessment.write_template`.

    Raises:
        ValueError: unknown layout.
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = write_template(Path(tmp) / f"template_{layout}_{year}.xlsx", year, layout)
        return Path(path).read_bytes()


# -- the Validasi page ----------------------------------------------------------------------
@dataclass
class CheckedFile:
    """One file checked on the Validasi page: its name and either the
    loaded result or the :class:`DataError` that kept it from opening."""

    name: str
    result: AssessmentResult | None = None
    error: DataError | None = None
    uploaded: bool = False


def status_of(report: ValidationReport) -> str:
    """``clean`` (no error, no warning), ``warnings`` or ``errors``."""
    if report.errors:
        return "errors"
    if report.warnings:
        return "warnings"
    return "clean"


def files_table(checked: list[CheckedFile], lang: str = "id") -> pd.DataFrame:
    """One row per checked file: status, layout(s), assessment year and
    period, synthetic mark, numbers of errors / warnings / notes and the
    counts (rows read, score cells read, used, not scored, rejected).
    Headers in ``lang``; counts Int64 (<NA> for a file that did not open)."""
    records = []
    for item in checked:
        rec: dict[str, object] = {"file": item.name}
        if item.result is None:
            rec |= {"status": t("asm.val.status.unreadable", lang), "layout": "–", "year_assessed": None, "period": None,
                    "synthetic": "–", "errors": 1, "warnings": 0, "notes": 0}
            rec |= {k: None for k in ("rows_read", "cells_read", "cells_scored", "cells_not_scored", "cells_rejected")}
        else:
            res, rep = item.result, item.result.report
            rec |= {
                "status": t(f"asm.val.status.{status_of(rep)}", lang),
                "layout": ", ".join(t(f"asm.layout.{x}", lang) for x in res.meta.get("layouts", [])) or "–",
                "year_assessed": res.meta.get("year_assessed"),
                "period": res.meta.get("period"),
                "synthetic": t("asm.yes", lang) if res.synthetic else t("asm.no", lang),
                "errors": len(rep.errors),
                "warnings": len(rep.warnings),
                "notes": len(rep.notes),
            }
            rec |= {k: rep.counts.get(k, 0) for k in ("rows_read", "cells_read", "cells_scored", "cells_not_scored", "cells_rejected")}
        records.append(rec)
    frame = pd.DataFrame.from_records(
        records,
        columns=["file", "status", "layout", "year_assessed", "period", "synthetic", "errors", "warnings", "notes",
                 "rows_read", "cells_read", "cells_scored", "cells_not_scored", "cells_rejected"],
    )
    for column in ("year_assessed", "period", "errors", "warnings", "notes", "rows_read", "cells_read", "cells_scored",
                   "cells_not_scored", "cells_rejected"):
        frame[column] = frame[column].astype(object).astype("Int64")
    headers = {
        "file": t("asm.col.file", lang),
        "status": t("asm.col.status", lang),
        "layout": t("asm.col.layout", lang),
        "year_assessed": t("asm.col.year_assessed", lang),
        "period": t("asm.col.period", lang),
        "synthetic": t("asm.col.synthetic", lang),
        "errors": t("asm.severity_plural.error", lang),
        "warnings": t("asm.severity_plural.warning", lang),
        "notes": t("asm.severity_plural.info", lang),
        "rows_read": t("asm.col.rows_read", lang),
        "cells_read": t("asm.col.cells_read", lang),
        "cells_scored": t("asm.col.cells_scored", lang),
        "cells_not_scored": t("asm.col.cells_not_scored", lang),
        "cells_rejected": t("asm.col.cells_rejected", lang),
    }
    return frame.rename(columns=headers)


def combined_report(checked: list[CheckedFile], choice: str | None = None) -> AssessmentResult | None:
    """The opened files combined (``combine_results``: reports merged and
    scores that two files both give reported as duplicates), plus a warning
    ``asm.conflict_sources`` for each year that files of two kinds both
    score, naming the file in force under ``choice`` (the kind in the URL,
    ``asm=``; see :func:`~kp2s_dashboard.assessment.result.in_force`); None
    when no file opened."""
    from kp2s_dashboard.assessment import combine_results

    results = [c.result for c in checked if c.result is not None]
    if not results:
        return None
    if len(results) == 1:
        return results[0]
    combined = combine_results(results)
    # files of one year and of different kinds are never pooled: each
    # district scored by two of them is a conflict to resolve
    combined.report.merge(conflict_report(results, choice))
    return combined


def report_table(report: ValidationReport, lang: str = "id", severity: str | None = None) -> pd.DataFrame:
    """The report's findings as shown on the Validasi page (errors, then
    warnings, then notes): severity, message (what was found and what was
    expected), file, sheet, cell (A1), row, column, message key. Headers
    in ``lang``. ``severity`` keeps one kind (error | warning | info)."""
    frame = report.frame(lang)
    if severity is not None:
        frame = frame[frame["severity"] == severity]
    out = pd.DataFrame(
        {
            t("asm.col.severity", lang): [t(f"asm.severity.{s}", lang) for s in frame["severity"]],
            t("asm.col.message", lang): frame["message"].astype("str"),
            t("asm.col.file", lang): frame["file"].fillna("").astype("str"),
            t("asm.col.sheet", lang): frame["sheet"].fillna("").astype("str"),
            t("asm.col.cell", lang): frame["cell"].fillna("").astype("str"),
            t("asm.col.row", lang): frame["row"].astype("Int64"),
            t("asm.col.column", lang): frame["column"].fillna("").astype("str"),
            t("asm.col.key", lang): frame["key"].astype("str"),
        }
    )
    return out.reset_index(drop=True)


def rejected_table(result: AssessmentResult, lang: str = "id") -> pd.DataFrame:
    """Cells not used (file, sheet, cell, the value as written, why)."""
    rej = result.rejected
    return pd.DataFrame(
        {
            t("asm.col.file", lang): rej["file"].astype("str"),
            t("asm.col.sheet", lang): rej["sheet"].fillna("").astype("str"),
            t("asm.col.cell", lang): rej["cell"].fillna("").astype("str"),
            t("asm.col.raw", lang): rej["raw"].fillna("").astype("str"),
            t("asm.col.key", lang): rej["key"].astype("str"),
        }
    )


@dataclass
class ValidationExport:
    """What the Validasi page's download holds, in one language.

    Attributes:
        findings: :func:`report_table` of the combined report (the CSV).
        sheets: sheet name → frame of the XLSX: summary per file, findings,
            rejected cells (names and headers in the language).
        sources: one line naming the checked files and the check date.
        notes: the sample-data mark when a checked file is sample data.
        stem: file name without suffix (``laporan_validasi`` /
            ``validation_report``).
    """

    findings: pd.DataFrame
    sheets: dict[str, pd.DataFrame]
    sources: list[str]
    notes: list[str]
    stem: str


def validation_export(checked: list[CheckedFile], lang: str = "id", checked_on: _dt.date | None = None) -> ValidationExport:
    """The Validasi download of ``checked`` in ``lang``: findings, summary
    per file and rejected cells with headers and sheet names in ``lang``;
    the source line names every checked file (opened or not) and the day
    they were checked (``checked_on``, default today)."""
    from kp2s_dashboard.i18n import fmt_date

    combined = combined_report(checked)
    files = files_table(checked, lang)
    if combined is not None:
        findings = report_table(combined.report, lang)
        rejected = rejected_table(combined, lang)
    else:
        findings = report_table(ValidationReport(), lang)
        rejected = pd.DataFrame(columns=[t(k, lang) for k in ("asm.col.file", "asm.col.sheet", "asm.col.cell",
                                                                "asm.col.raw", "asm.col.key")], dtype="str")
    sheets = {t("asm.val.files_title", lang): files, t("asm.val.findings_sheet", lang): findings,
              t("asm.val.rejected_sheet", lang): rejected}
    day = checked_on or _dt.date.today()
    sources = [t("asm.val.export_source", lang, files=", ".join(c.name for c in checked) or "–",
                 date=fmt_date(day, lang))]
    notes = [t("asm.synthetic_banner", lang)] if combined is not None and combined.synthetic else []
    return ValidationExport(findings=findings, sheets=sheets, sources=sources, notes=notes,
                            stem=t("asm.val.file_stem", lang))


def counts_text(report: ValidationReport, lang: str = "id") -> str:
    """``asm.counts`` filled with the report's counts (thousands separated
    the language's way: ``1.213`` in Indonesian)."""
    names = ("rows_read", "cells_read", "cells_scored", "cells_not_scored", "cells_rejected")
    counts = {k: fmt_number(report.counts.get(k, 0), lang, 0) for k in names}
    return t("asm.counts", lang, **counts)
