"""Pure computations and display tables behind the Aksi Konvergensi and
Validasi pages. No Streamlit, no file choice (that is
:mod:`kp2s_dashboard.datastore`'s job).

Inputs are :class:`~kp2s_dashboard.assessment.model.AssessmentResult`
objects from :mod:`kp2s_dashboard.assessment` and the published results
(:class:`~kp2s_dashboard.assessment.published.PublishedResults`). Scores are
normalised to 0–100 by :mod:`kp2s_dashboard.assessment.scoring`
(``100 × score ÷ scale maximum``); nothing here invents a weight or a total.
"""

from __future__ import annotations

import datetime as _dt
import math
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kp2s_dashboard.assessment import (
    AssessmentResult,
    PublishedResults,
    ValidationReport,
    load_workbook,
    write_template,
)
from kp2s_dashboard.assessment import scoring as sc
from kp2s_dashboard.errors import DataError
from kp2s_dashboard.i18n import fmt_number, t
from kp2s_dashboard.regions import registry

#: Suffixes an assessment upload may have.
UPLOAD_TYPES = ["xlsx", "xlsm", "xls", "ods"]
#: ``st.session_state`` keys (not widget keys, so they survive page changes):
#: uploaded workbooks (file name → bytes) and the assessment year chosen for
#: uploads that do not state it (int or None).
UPLOADS_KEY = "asm_uploads"
UPLOAD_YEAR_KEY = "asm_upload_year_value"


# -- loading helpers ----------------------------------------------------------------------
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

    The bytes pass :func:`kp2s_dashboard.uploads.check_upload` first (size,
    zip bounds, encryption, mislabelled formats, rows/columns/cells), so
    nothing hostile reaches the readers.

    Raises:
        DataError: ``err.file_format`` (other suffix),
            ``err.upload_*``/``err.sheet_*`` (refused by the guard) or
            ``err.file_unreadable`` (not a readable workbook).
    """
    from kp2s_dashboard import uploads

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


def years_assessed(result: AssessmentResult) -> list[int]:
    """Assessment years present in ``result.scores`` or ``result.totals``,
    newest first."""
    values = pd.concat([result.scores["year_assessed"], result.totals["year_assessed"]]).dropna()
    return sorted({int(v) for v in values}, reverse=True)


def period_of(result: AssessmentResult, year_assessed: int) -> int | None:
    """The performance period scored by the assessment held in ``year_assessed``
    (from the data; None when unknown or mixed)."""
    rows = result.scores[result.scores["year_assessed"] == year_assessed]["period"].dropna()
    periods = {int(p) for p in rows}
    return periods.pop() if len(periods) == 1 else None


def combine_how(result: AssessmentResult) -> str:
    """How assessors are combined: the instrument's ``combine`` (``mean``
    unless the instrument says otherwise)."""
    instrument = result.instrument
    return getattr(instrument, "combine", None) or "mean"


# -- the Aksi page's views ----------------------------------------------------------------
@dataclass
class AssessmentViews:
    """Everything the Aksi page shows for one data set, assessment year and
    component (frames as returned by :mod:`kp2s_dashboard.assessment.scoring`).

    Attributes:
        year_assessed: the assessment year shown (int) or None without data.
        period: its performance period, or None.
        component: the component of the per-action scores (None = rows
            without a component).
        components: the components with per-action scores (choices).
        action_scores: :func:`~kp2s_dashboard.assessment.scoring.action_scores`
            of that year and component (``code, action, score_pct 0–100, raw, …``).
        totals: :func:`~kp2s_dashboard.assessment.scoring.district_totals`
            of that year.
        ranking: :func:`~kp2s_dashboard.assessment.scoring.ranking` plus
            ``previous_url`` (str, "" unless the previous rank is published).
        lagging: :func:`~kp2s_dashboard.assessment.scoring.lagging_actions`.
        breakdown: :func:`~kp2s_dashboard.assessment.scoring.component_breakdown`.
        spread_items / spread_districts:
            :func:`~kp2s_dashboard.assessment.scoring.assessor_spread` by
            item and by district (empty without per-assessor data).
        ranked_by: ``total`` or ``score_pct`` (unweighted display mean, only
            when asked and labelled so).
        has_totals: some district has a total to rank by.
        weights_unknown: the files' reports say the weights are unknown
            (``asm.note_weights_unknown``).
    """

    year_assessed: int | None
    period: int | None
    component: str | None
    components: list[str | None]
    action_scores: pd.DataFrame
    totals: pd.DataFrame
    ranking: pd.DataFrame
    lagging: pd.DataFrame
    breakdown: pd.DataFrame
    spread_items: pd.DataFrame
    spread_districts: pd.DataFrame
    ranked_by: str = "total"
    has_totals: bool = False
    weights_unknown: bool = False
    files: list[str] = field(default_factory=list)


def scores_of_year(result: AssessmentResult, year_assessed: int | None) -> pd.DataFrame:
    """``result.scores`` of one assessment year (all rows when None)."""
    if year_assessed is None:
        return result.scores
    return result.scores[result.scores["year_assessed"] == year_assessed].reset_index(drop=True)


def component_rows(scores: pd.DataFrame, component: str | None) -> pd.DataFrame:
    """The rows the per-action scores of ``component`` come from: for None,
    the rows without a component (so that
    :func:`~kp2s_dashboard.assessment.scoring.action_scores` with
    ``component=None`` also works when other components carry per-action
    scores, e.g. a summary workbook combined with indicator workbooks);
    otherwise ``scores`` unchanged (scoring filters by component)."""
    if component is None:
        return scores[scores["component"].isna()]
    return scores


def build_views(
    result: AssessmentResult,
    year_assessed: int | None = None,
    component: str | None = "",
    previous: pd.DataFrame | None = None,
    by: str = "total",
) -> AssessmentViews:
    """Compute the Aksi page's frames for one data set.

    Args:
        result: one workbook or several combined.
        year_assessed: the assessment year to show; default the newest.
        component: the component of the per-action scores; ``""`` (default)
            or an unknown value picks the first of ``components``.
        previous: earlier ranks to compare with (shape of
            :func:`~kp2s_dashboard.assessment.published_ranks`, with
            ``source_url``); earlier years in ``result`` come first.
        by: ``total`` (the default) or ``score_pct`` (the unweighted mean,
            only when the caller says so; labelled ``asm.note_unweighted_mean``).

    Returns:
        :class:`AssessmentViews`.
    """
    how = combine_how(result)
    years = years_assessed(result)
    year = year_assessed if year_assessed in years else (years[0] if years else None)
    scores = scores_of_year(result, year)
    components = sc.action_components(scores)
    if component not in components:
        component = components[0] if components else None
    if components:
        action_scores = sc.action_scores(component_rows(scores, component), component, how)
    else:
        action_scores = sc.action_scores(scores.iloc[0:0], None, how)
    lagging = sc.lagging_from_action_scores(action_scores)
    totals_all = sc.district_totals(result.scores, result.totals, how)
    totals = totals_all[totals_all["year_assessed"] == year].reset_index(drop=True) if year is not None else totals_all
    ranking = sc.ranking(totals_all, year if year is not None else 0, previous=previous, by=by)
    ranking["previous_url"] = ""
    if previous is not None and "source_url" in previous and len(ranking):
        urls = {(int(y), str(c)): str(u) for y, c, u in zip(previous["year_assessed"], previous["code"], previous["source_url"])}
        ranking["previous_url"] = [
            urls.get((int(y), str(c)), "") if pd.notna(y) and s == "published" else ""
            for y, c, s in zip(ranking["previous_year_assessed"], ranking["code"], ranking["previous_source"])
        ]
    ranking["previous_url"] = ranking["previous_url"].astype("str")
    spread_items = sc.assessor_spread(scores, by="item")
    return AssessmentViews(
        year_assessed=year,
        period=period_of(result, year) if year is not None else None,
        component=component,
        components=components,
        action_scores=action_scores,
        totals=totals,
        ranking=ranking,
        lagging=lagging,
        breakdown=sc.component_breakdown(scores, how),
        spread_items=spread_items,
        spread_districts=sc.spread_by_district(spread_items),
        ranked_by=by,
        has_totals=bool(totals["total"].notna().any()) if len(totals) else False,
        weights_unknown=bool(result.report.find("asm.note_weights_unknown")),
        files=list(result.meta.get("files") or [result.meta.get("file")]),
    )


def district_comparison(result: AssessmentResult, code: str, year_assessed: int | None, component: str | None) -> pd.DataFrame:
    """:func:`~kp2s_dashboard.assessment.scoring.district_vs_province` for one
    year and component; an empty frame when ``code`` has no score."""
    scores = scores_of_year(result, year_assessed)
    try:
        return sc.district_vs_province(component_rows(scores, component), code, component, combine_how(result))
    except (KeyError, ValueError):
        return pd.DataFrame(columns=["action", "district_pct", "province_mean", "best_pct", "best_codes", "gap_to_mean", "gap_to_best"])


# -- labels ---------------------------------------------------------------------------------
def action_names(instrument: object, lang: str = "id", actions: list[int] | None = None) -> dict[int, str]:
    """Action number → name in ``lang`` from the instrument (``Aksi n`` /
    ``Action n`` when unknown)."""
    numbers = actions if actions is not None else list(range(1, 9))
    out = {}
    for n in numbers:
        if instrument is not None and hasattr(instrument, "action_name"):
            out[int(n)] = instrument.action_name(int(n), lang)
        else:
            out[int(n)] = t("asm.action_n", lang, n=int(n))
    return out


def component_label(code: str | None, instrument: object, lang: str = "id") -> str:
    """Display name of a component code (None → rows without a component)."""
    if code is None:
        return t("asm.component.none", lang)
    found = instrument.component(code) if instrument is not None and hasattr(instrument, "component") else None
    if found is None:
        return str(code)
    return found.name_en if lang == "en" else found.name


def year_period_text(year_assessed: int | None, period: int | None, lang: str = "id") -> str:
    """``Tahun penilaian 2024 · periode kinerja 2023`` (never a bare "tahun")."""
    unknown = t("asm.unknown", lang)
    return t(
        "asm.year_period",
        lang,
        year_assessed=year_assessed if year_assessed is not None else unknown,
        period=period if period is not None else unknown,
    )


def source_text(files: list[str], year_assessed: int | None, period: int | None, lang: str = "id") -> str:
    """Where the assessment figures shown come from, as the page says it:
    ``berkas penilaian contoh_rekap_2024.xlsx · Tahun penilaian 2024 ·
    periode kinerja yang dinilai 2023`` (file names joined by commas, ``–``
    for none). Used in the figures' source line and in the downloads."""
    return t("asm.export_source", lang, files=", ".join(str(f) for f in files if f) or "–",
             year_period=year_period_text(year_assessed, period, lang))


def export_marks(files: list[str], year_assessed: int | None, period: int | None, synthetic: bool,
                 lang: str = "id") -> dict[str, list[str]]:
    """``sources`` and ``notes`` for a download of assessment figures
    (keyword arguments of :func:`kp2s_dashboard.ui.downloads` and of
    :func:`kp2s_dashboard.export.to_csv_bytes` / ``to_xlsx_bytes``): the
    :func:`source_text` and, for sample data, the on-screen banner
    ``asm.synthetic_banner`` ("Data contoh — bukan hasil resmi")."""
    return {"sources": [source_text(files, year_assessed, period, lang)],
            "notes": [t("asm.synthetic_banner", lang)] if synthetic else []}


def rank_change_text(change: object, lang: str = "id") -> str:
    """``▲ 2`` (moved up 2 places), ``▼ 4``, ``= 0`` or ``–`` (unknown)."""
    if change is None or pd.isna(change):
        return "–"
    change = int(change)
    if change > 0:
        return t("asm.rank.up", lang, n=change)
    if change < 0:
        return t("asm.rank.down", lang, n=-change)
    return t("asm.rank.same", lang)


def _num(value: object) -> float:
    return float(value) if value is not None and not pd.isna(value) else math.nan


# -- display tables (column headers in the UI language) --------------------------------------
#: Headers of year columns, written without a thousands mark.
YEAR_HEADERS = ("asm.col.year_assessed", "asm.col.period", "asm.col.previous_year")


def for_display(frame: pd.DataFrame, lang: str = "id", decimals: int = 1) -> pd.DataFrame:
    """``frame`` with its numbers as text in the language's convention
    (``171,64`` in Indonesian) and missing values as ``–``: float64 columns
    through :func:`kp2s_dashboard.i18n.fmt_number` with ``decimals``, Int64
    columns as whole numbers (thousands separated, except year columns).
    Other columns are unchanged. Downloads keep
    the numeric frame; this is for the on-screen table only."""
    years = {t(key, lang) for key in YEAR_HEADERS}
    out = frame.copy()
    for column in out.columns:
        dtype = str(out[column].dtype)
        if dtype == "float64":
            out[column] = pd.Series([fmt_number(v, lang, decimals) for v in out[column]], index=out.index, dtype="str")
        elif dtype == "Int64":
            texts = ["–" if pd.isna(v) else (str(int(v)) if column in years else fmt_number(int(v), lang, 0))
                     for v in out[column]]
            out[column] = pd.Series(texts, index=out.index, dtype="str")
    return out


def ranking_table(views: AssessmentViews, lang: str = "id") -> pd.DataFrame:
    """The ranking as shown: rank, district, total (the workbook's own or
    from known weights), where the total comes from, the unweighted mean
    of the actions (a display aid), previous rank with its assessment year
    and source, and the change (▲ up / ▼ down).

    Columns (headers in ``lang``): rank (Int64), district (str), total
    (float64), total source (str), mean 0–100 (float64), rank in the
    workbook (Int64), previous assessment year (Int64), previous rank
    (Int64), change (str), previous rank's source (str), source link (str).
    """
    r = views.ranking
    means = dict(zip(views.totals["code"], views.totals["score_pct"]))
    out = pd.DataFrame(
        {
            t("asm.col.rank", lang): r["rank"].astype("Int64"),
            t("asm.col.district", lang): r["name"].astype("str"),
            t("asm.col.total", lang): r["total"].astype("float64"),
            t("asm.col.total_source", lang): [t(f"asm.total_source.{s}", lang) for s in r["total_source"]],
            t("asm.col.mean_pct", lang): [float(means.get(c, math.nan)) for c in r["code"]],
            t("asm.col.rank_workbook", lang): r["rank_workbook"].astype("Int64"),
            t("asm.col.previous_year", lang): r["previous_year_assessed"].astype("Int64"),
            t("asm.col.rank_previous", lang): r["rank_previous"].astype("Int64"),
            t("asm.col.rank_change", lang): [rank_change_text(v, lang) for v in r["rank_change"]],
            t("asm.col.previous_source", lang): [
                t(f"asm.previous_source.{s}", lang) if isinstance(s, str) and s in ("published", "workbook") else "–"
                for s in r["previous_source"]
            ],
            t("col.source_url", lang): r["previous_url"].astype("str"),
        }
    )
    return out


def totals_table(views: AssessmentViews, lang: str = "id") -> pd.DataFrame:
    """The workbook's own totals per district (``total_workbook``), the
    total computed from known weights, where the shown total comes from,
    and cells scored / not scored. Headers in ``lang``."""
    tot = views.totals
    return pd.DataFrame(
        {
            t("asm.col.district", lang): tot["name"].astype("str"),
            t("asm.col.total_workbook", lang): tot["total_workbook"].astype("float64"),
            t("asm.col.total_computed", lang): tot["total_computed"].astype("float64"),
            t("asm.col.total_source", lang): [t(f"asm.total_source.{s}", lang) for s in tot["total_source"]],
            t("asm.col.rank_workbook", lang): tot["rank_workbook"].astype("Int64"),
            t("asm.col.cells_scored", lang): tot["n_scored"].astype("Int64"),
            t("asm.col.cells_not_scored", lang): tot["n_not_scored"].astype("Int64"),
        }
    )


def heatmap_table(views: AssessmentViews, lang: str = "id") -> pd.DataFrame:
    """The heatmap's values as a table for download: district, action,
    action name, score 0–100, raw values, items scored of items."""
    s = views.action_scores
    reg = registry()
    return pd.DataFrame(
        {
            t("asm.col.district", lang): [reg.short_name(c) for c in s["code"]],
            t("asm.col.action", lang): s["action"].astype("Int64"),
            t("asm.col.score_pct", lang): s["score_pct"].astype("float64"),
            t("asm.col.raw", lang): s["raw"].astype("str"),
            t("asm.col.n_scored", lang): s["n_scored"].astype("Int64"),
            t("asm.col.n_items", lang): s["n_items"].astype("Int64"),
        }
    )


def lagging_table(views: AssessmentViews, names: dict[int, str], lang: str = "id") -> pd.DataFrame:
    """Lagging actions as shown (most lagging first). Headers in ``lang``."""
    lag = views.lagging
    reg = registry()
    return pd.DataFrame(
        {
            t("asm.col.lag_rank", lang): lag["lag_rank"].astype("Int64"),
            t("asm.col.action", lang): [f"{int(a)}. {names.get(int(a), '')}" for a in lag["action"]],
            t("asm.col.mean_pct_province", lang): lag["mean_pct"].astype("float64"),
            t("asm.col.median", lang): lag["median_pct"].astype("float64"),
            t("asm.col.min", lang): lag["min_pct"].astype("float64"),
            t("asm.col.max", lang): lag["max_pct"].astype("float64"),
            t("asm.col.lowest", lang): [reg.short_name(c) if isinstance(c, str) and c in reg.district_codes() else "–" for c in lag["lowest_code"]],
            t("asm.col.gap_to_best_action", lang): lag["gap_to_best"].astype("float64"),
            t("asm.col.n_districts", lang): lag["n_districts"].astype("Int64"),
        }
    )


def comparison_table(comparison: pd.DataFrame, names: dict[int, str], lang: str = "id") -> pd.DataFrame:
    """One district against the province mean and the best district, per action."""
    reg = registry()

    def best_names(codes: str) -> str:
        return ", ".join(reg.short_name(c.strip()) for c in str(codes).split(",") if c.strip())

    return pd.DataFrame(
        {
            t("asm.col.action", lang): [f"{int(a)}. {names.get(int(a), '')}" for a in comparison["action"]],
            t("asm.col.district_score", lang): comparison["district_pct"].astype("float64"),
            t("asm.col.province_mean", lang): comparison["province_mean"].astype("float64"),
            t("asm.col.best", lang): comparison["best_pct"].astype("float64"),
            t("asm.col.best_districts", lang): [best_names(c) for c in comparison["best_codes"]],
            t("asm.col.gap_to_mean", lang): comparison["gap_to_mean"].astype("float64"),
            t("asm.col.gap_to_best", lang): comparison["gap_to_best"].astype("float64"),
        }
    )


def breakdown_table(views: AssessmentViews, instrument: object, lang: str = "id") -> pd.DataFrame:
    """Score per district and component (weight and contribution only when
    known). Headers in ``lang``."""
    b = views.breakdown
    reg = registry()
    return pd.DataFrame(
        {
            t("asm.col.district", lang): [reg.short_name(c) for c in b["code"]],
            t("asm.col.component", lang): [component_label(c, instrument, lang) for c in b["component"]],
            t("asm.col.score_pct", lang): b["score_pct"].astype("float64"),
            t("asm.col.basis", lang): [t(f"asm.basis.{v}", lang) for v in b["basis"]],
            t("asm.col.weight", lang): b["weight"].astype("float64"),
            t("asm.col.contribution", lang): b["contribution"].astype("float64"),
        }
    )


def spread_table(items: pd.DataFrame, instrument: object, lang: str = "id") -> pd.DataFrame:
    """Spread between assessors per item (largest first). Headers in ``lang``."""
    reg = registry()
    data = items.sort_values(["spread_pct", "code"], ascending=[False, True])
    return pd.DataFrame(
        {
            t("asm.col.district", lang): [reg.short_name(c) for c in data["code"]],
            t("asm.col.item", lang): [item_label(a, i, c, instrument, lang) for a, i, c in zip(data["action"], data["indicator"], data["component"])],
            t("asm.col.n_assessors", lang): data["n_assessors"].astype("Int64"),
            t("asm.col.min", lang): data["min_pct"].astype("float64"),
            t("asm.col.max", lang): data["max_pct"].astype("float64"),
            t("asm.col.mean_pct", lang): data["mean_pct"].astype("float64"),
            t("asm.col.spread", lang): data["spread_pct"].astype("float64"),
        }
    ).reset_index(drop=True)


def item_label(action: object, indicator: object, component: object, instrument: object, lang: str = "id") -> str:
    """Short label of an assessed item: ``1.10`` (indicator), ``Aksi 3``
    (action score), or the component's name (``Paparan``), with the
    component appended to an action/indicator when there is one."""
    comp = None if component is None or pd.isna(component) else str(component)
    if indicator is not None and not pd.isna(indicator) and str(indicator):
        label = str(indicator)
    elif action is not None and not pd.isna(action):
        label = t("asm.action_n", lang, n=int(action))
    else:
        return component_label(comp, instrument, lang)
    return f"{label} ({component_label(comp, instrument, lang)})" if comp else label


def published_table(published: PublishedResults, scope: str = "provincial", lang: str = "id") -> pd.DataFrame:
    """Published results as shown: assessment year, performance period (as
    written, e.g. ``2019-2020``), district, rank (provincial only),
    published score (its own scale), what the source says, source link.
    National awards (``scope="national"``) are kept apart and have no rank."""
    table = published.provincial if scope == "provincial" else published.national
    table = table.sort_values(["year_assessed", "rank", "code"], ascending=[False, True, True], na_position="last")
    out = {
        t("asm.col.year_assessed", lang): table["year_assessed"].astype("Int64"),
        t("asm.col.period", lang): [p if p else "–" for p in table["period_label"]],
        t("asm.col.district", lang): table["name"].astype("str"),
    }
    if scope == "provincial":
        out[t("asm.col.rank", lang)] = table["rank"].astype("Int64")
        out[t("asm.col.score_published", lang)] = table["score"].astype("float64")
    out[t("asm.col.category", lang)] = table["note"].astype("str")
    out[t("col.source_url", lang)] = table["source_url"].astype("str")
    return pd.DataFrame(out).reset_index(drop=True)


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


def combined_report(checked: list[CheckedFile]) -> AssessmentResult | None:
    """The opened files combined (``combine_results``: reports merged and
    scores that two files both give reported as duplicates); None when no
    file opened."""
    from kp2s_dashboard.assessment import combine_results

    results = [c.result for c in checked if c.result is not None]
    if not results:
        return None
    if len(results) == 1:
        return results[0]
    return combine_results(results)


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
    from kp2s_dashboard.export import fmt_date

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
