"""Display tables of the assessment views (column headers in the UI language).

The ranking, totals, heatmap, lagging actions, district comparison,
component breakdown, spread between assessors and published results as
shown on screen and downloaded, plus :func:`for_display` (numbers as text
in the language's convention) for the on-screen table.
"""

from __future__ import annotations

import pandas as pd

from kp2s_dashboard.assessment.labels import component_label, item_label, rank_change_text
from kp2s_dashboard.assessment.published import PublishedResults
from kp2s_dashboard.assessment.views import AssessmentViews
from kp2s_dashboard.i18n import fmt_number, source_notes, t
from kp2s_dashboard.regions import registry


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
    """The ranking as shown and downloaded, from
    :func:`~kp2s_dashboard.assessment.result.district_result`: rank,
    district, the score ranked (``Nilai total``, in the basis' units), what
    it is (basis), where it comes from, the mean of the action cells shown
    in the heatmap (0–100), cells scored of cells read, the note of an
    unranked district, rank in the workbook, previous rank with its
    assessment year and source, and the change (▲ up / ▼ down).

    Columns (headers in ``lang``): rank (Int64), district (str), total
    (float64), ranked by (str), total source (str), mean 0–100 (float64),
    scored (str ``k dari n``), note (str), rank in the workbook (Int64),
    previous assessment year (Int64), previous rank (Int64), change (str),
    previous rank's source (str), source link (str).
    """
    from kp2s_dashboard.assessment.result import note_text

    r = views.ranking
    out = pd.DataFrame(
        {
            t("asm.col.rank", lang): r["rank"].astype("Int64"),
            t("asm.col.district", lang): r["name"].astype("str"),
            t("asm.col.total", lang): r["score"].astype("float64"),
            t("asm.col.basis_rank", lang): [t(f"asm.basis_rank.{b}", lang) for b in r["basis"]],
            t("asm.col.total_source", lang): [t(f"asm.total_source.{s}", lang) for s in r["total_source"]],
            t("asm.col.mean_pct", lang): r["action_mean"].astype("float64"),
            t("asm.col.scored_of", lang): [t("asm.scored_of", lang, k=int(k), n=int(n)) for k, n in zip(r["n_scored"], r["n_parts"])],
            t("asm.col.note", lang): [note_text(row, lang) for _, row in r.iterrows()],
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
    """One district against the province mean and the best district, per
    action; the gaps next to the district's score, so that a narrow screen
    keeps them in view."""
    reg = registry()

    def best_names(codes: str) -> str:
        return ", ".join(reg.short_name(c.strip()) for c in str(codes).split(",") if c.strip())

    return pd.DataFrame(
        {
            t("asm.col.action", lang): [f"{int(a)}. {names.get(int(a), '')}" for a in comparison["action"]],
            t("asm.col.district_score", lang): comparison["district_pct"].astype("float64"),
            t("asm.col.gap_to_mean", lang): comparison["gap_to_mean"].astype("float64"),
            t("asm.col.province_mean", lang): comparison["province_mean"].astype("float64"),
            t("asm.col.gap_to_best", lang): comparison["gap_to_best"].astype("float64"),
            t("asm.col.best", lang): comparison["best_pct"].astype("float64"),
            t("asm.col.best_districts", lang): [best_names(c) for c in comparison["best_codes"]],
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
    out[t("asm.col.category", lang)] = source_notes(table, lang, "note")  # the note in lang (note / note_id)
    out[t("col.source_url", lang)] = table["source_url"].astype("str")
    return pd.DataFrame(out).reset_index(drop=True)
