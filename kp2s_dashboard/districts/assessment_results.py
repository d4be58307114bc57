"""A district's assessment results: its published provincial ranks over
the years (:func:`assessment_history`), its national awards, the latest
assessment of the province, its per-action scores against the province
(:func:`action_profile`), its rank in an assessment workbook
(:func:`workbook_rank`), and those as lines of text.

Input ``published`` is :attr:`kp2s_dashboard.assessment.PublishedResults.table`
(provincial ranks and national awards, each with its source).
"""

from __future__ import annotations

import math

import pandas as pd

from kp2s_dashboard import i18n, safetext

HISTORY_COLUMNS = {
    "year_assessed": "Int64",
    "period": "Int64",
    "period_label": "str",
    "rank": "Int64",
    "score": "float64",
    "previous_year_assessed": "Int64",
    "rank_previous": "Int64",
    "rank_change": "Int64",
    "note": "str",
    "note_id": "str",
    "source_url": "str",
}


def assessment_history(published: pd.DataFrame, code: str) -> pd.DataFrame:
    """The district's published provincial results, oldest first, with the
    change since its previous published rank.

    Args:
        published: :attr:`~kp2s_dashboard.assessment.PublishedResults.table`
            (``year_assessed`` Int64, ``period`` Int64, ``period_label``,
            ``code``, ``rank`` Int64, ``score`` float64, ``scope``,
            ``note``, ``note_id`` (optional), ``source_url``).

    Returns:
        :data:`HISTORY_COLUMNS`: ``year_assessed`` Int64, ``period`` Int64,
        ``period_label`` str, ``rank`` Int64, ``score`` float64 (as
        published, NaN mostly), ``previous_year_assessed`` Int64 and
        ``rank_previous`` Int64 (the latest earlier published rank of the
        district; <NA> when none), ``rank_change`` Int64 (``rank_previous −
        rank``, positive = moved up, the convention of
        :func:`kp2s_dashboard.assessment.scoring.ranking`), ``note`` str
        (English) and ``note_id`` str (Bahasa Indonesia, "" when none),
        ``source_url`` str. National awards are left out (see
        :func:`national_awards`).
    """
    rows = published[(published["scope"] == "provincial") & (published["code"] == code)]
    rows = rows.sort_values("year_assessed", kind="stable")
    records = []
    last_year, last_rank = None, None
    for _, row in rows.iterrows():
        rank = None if pd.isna(row["rank"]) else int(row["rank"])
        records.append({
            "year_assessed": int(row["year_assessed"]),
            "period": None if pd.isna(row["period"]) else int(row["period"]),
            "period_label": str(row["period_label"]),
            "rank": rank,
            "score": float(row["score"]),
            "previous_year_assessed": last_year,
            "rank_previous": last_rank,
            "rank_change": (last_rank - rank) if rank is not None and last_rank is not None else None,
            "note": str(row["note"]),
            "note_id": str(row.get("note_id", "") or ""),
            "source_url": str(row["source_url"]),
        })
        if rank is not None:
            last_year, last_rank = int(row["year_assessed"]), rank
    frame = pd.DataFrame.from_records(records, columns=list(HISTORY_COLUMNS))
    for column, dtype in HISTORY_COLUMNS.items():
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None).astype(dtype)
    return frame


def national_awards(published: pd.DataFrame, code: str) -> pd.DataFrame:
    """The district's national awards (not ranks): ``year_assessed``,
    ``period_label``, ``note``, ``note_id`` ("" when ``published`` has
    none), ``source_url`` as in ``published``."""
    rows = published[(published["scope"] == "national") & (published["code"] == code)]
    if "note_id" not in rows.columns:
        rows = rows.assign(note_id="")
    return rows[["year_assessed", "period_label", "note", "note_id", "source_url"]].reset_index(drop=True)


def latest_assessment(published: pd.DataFrame) -> tuple[int, int | None] | None:
    """``(year_assessed, period)`` of the latest provincial assessment with
    any published rank, or ``None``."""
    rows = published[(published["scope"] == "provincial") & published["rank"].notna()]
    if rows.empty:
        return None
    year = int(rows["year_assessed"].max())
    periods = rows.loc[rows["year_assessed"] == year, "period"].dropna()
    return year, (int(periods.iloc[0]) if len(periods) else None)


ACTION_COLUMNS = {
    "action": "Int64",
    "action_name": "str",
    "score_pct": "float64",
    "province_mean": "float64",
    "best_pct": "float64",
    "gap_to_mean": "float64",
    "rank": "Int64",
    "n": "int64",
}


def action_profile(action_scores: pd.DataFrame, code: str, instrument=None,
                   lang: str = i18n.DEFAULT_LANGUAGE) -> pd.DataFrame:
    """Per-action scores of one district against the province, with the
    district's rank on each action.

    Args:
        action_scores: :func:`kp2s_dashboard.assessment.scoring.action_scores`
            output for one component (``year_assessed`` Int64, ``code`` str,
            ``action`` Int64, ``score_pct`` float64 0–100), e.g.
            ``AssessmentViews.action_scores`` of
            :mod:`kp2s_dashboard.assessment.summary`; the latest assessment
            year in it is used.
        code: district code.
        instrument: an :class:`~kp2s_dashboard.assessment.Instrument` for
            the action names (else ``Aksi n``).

    Returns:
        One row per action: ``action`` Int64, ``action_name`` str,
        ``score_pct`` float64 (NaN when not scored), ``province_mean``
        float64 (unweighted mean over the districts with a score, as
        :func:`~kp2s_dashboard.assessment.scoring.district_vs_province`),
        ``best_pct`` float64, ``gap_to_mean`` float64 (points), ``rank``
        Int64 (1 = highest score among ``n``, ties share the best rank;
        <NA> when not scored), ``n`` int64 (districts with a score on that
        action). Empty when the district has no row.
    """
    scores = action_scores
    if len(scores) and scores["year_assessed"].notna().any():
        scores = scores[scores["year_assessed"] == scores["year_assessed"].max()]
    if scores.empty or code not in set(scores["code"]):
        return pd.DataFrame({c: pd.Series(dtype=d) for c, d in ACTION_COLUMNS.items()})
    records = []
    for action, group in scores.groupby("action", sort=True):
        valid = group.dropna(subset=["score_pct"]).set_index("code")["score_pct"].astype("float64")
        own = group.loc[group["code"] == code, "score_pct"]
        value = float(own.iloc[0]) if len(own) and pd.notna(own.iloc[0]) else math.nan
        mean = float(valid.mean()) if len(valid) else math.nan
        ranks = valid.rank(method="min", ascending=False)
        records.append({
            "action": int(action),
            "action_name": instrument.action_name(int(action), lang) if instrument is not None
            else i18n.t("prof.action_n", lang, n=int(action)),
            "score_pct": value,
            "province_mean": mean,
            "best_pct": float(valid.max()) if len(valid) else math.nan,
            "gap_to_mean": value - mean,
            "rank": int(ranks[code]) if code in ranks.index else None,
            "n": int(len(valid)),
        })
    frame = pd.DataFrame.from_records(records, columns=list(ACTION_COLUMNS))
    for column, dtype in ACTION_COLUMNS.items():
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None).astype(dtype)
    return frame


def workbook_rank(ranking: pd.DataFrame, code: str) -> dict | None:
    """The district's row of an assessment ranking
    (:func:`kp2s_dashboard.assessment.scoring.ranking`, e.g.
    ``AssessmentViews.ranking``) as ``{"rank", "n", "year_assessed",
    "period", "rank_previous", "previous_year_assessed", "rank_change",
    "previous_source"}`` (ints or None; ``n`` = districts with a rank), or
    ``None`` when the district has no rank."""
    hit = ranking[(ranking["code"] == code) & ranking["rank"].notna()]
    if hit.empty:
        return None
    row = hit.iloc[0]

    def whole(value: object) -> int | None:
        return None if value is None or pd.isna(value) else int(value)

    return {
        "rank": int(row["rank"]),
        "n": int(ranking["rank"].notna().sum()),
        "year_assessed": whole(row["year_assessed"]),
        "period": whole(row["period"]),
        "rank_previous": whole(row["rank_previous"]),
        "previous_year_assessed": whole(row["previous_year_assessed"]),
        "rank_change": whole(row["rank_change"]),
        "previous_source": "" if pd.isna(row["previous_source"]) else str(row["previous_source"]),
    }


def workbook_rank_text(rank: dict, name: str, synthetic: bool, lang: str = i18n.DEFAULT_LANGUAGE,
                       has_published_rank: bool = False) -> str:
    """``Data contoh: Tanah Laut peringkat 4 dari 13 pada penilaian 2024 (kinerja
    2023)`` plus the change since the previous rank (workbook or published)
    when one is known; for sample data (``synthetic``) no change against a
    published (real) rank is given, and when the district has a published
    rank (``has_published_rank``) the sample rank is not given at all, only
    a sentence saying so: a sample rank never stands beside a real one
    (issue 15 item 4: Tapin, published rank 1, is 13 of 13 in the sample)."""
    if synthetic and has_published_rank:
        return i18n.t("prof.wb_rank_sample_hidden", lang, name=name)
    key = "prof.wb_rank_sample" if synthetic else "prof.wb_rank"
    text = i18n.t(key, lang, name=name, rank=rank["rank"], n=rank["n"], year=rank["year_assessed"] or "–",
                  period=_period_text(rank["period"], lang))
    # a sample rank is never set against a real published one
    comparable = not (synthetic and rank["previous_source"] == "published")
    if rank["rank_change"] is not None and comparable:
        change = rank["rank_change"]
        which = "prof.sum.rank_up" if change > 0 else ("prof.sum.rank_down" if change < 0 else "prof.sum.rank_same")
        text += " " + i18n.t(which, lang, steps=abs(change), previous=rank["rank_previous"],
                             year=rank["previous_year_assessed"])
        if rank["previous_source"] == "published":
            text += " " + i18n.t("prof.wb_previous_published", lang)
    return text


def _period_text(period: object, lang: str) -> str:
    return "–" if period is None or pd.isna(period) else str(int(period))


def action_lines(actions: pd.DataFrame, lang: str = i18n.DEFAULT_LANGUAGE, with_rank: bool = True) -> list[str]:
    """One Markdown line per action of :func:`action_profile`, e.g.
    ``**Aksi 1** Analisis Situasi: 49,0 (rata-rata provinsi 66,8; peringkat
    12 dari 13)``; without the rank among the districts when ``with_rank``
    is False (sample data of a district that has a published rank)."""
    lines = []
    for _, row in actions.sort_values("action").iterrows():
        if not with_rank:
            lines.append(i18n.t("prof.action_line_norank", lang, action=i18n.t("prof.action_n", lang, n=int(row["action"])),
                                name=row["action_name"], score=i18n.fmt_number(row["score_pct"], lang, 1),
                                mean=i18n.fmt_number(row["province_mean"], lang, 1)))
            continue
        rank = (i18n.t("prof.fig.rank_of", lang, rank=int(row["rank"]), n=int(row["n"]))
                if pd.notna(row["rank"]) else i18n.t("prof.not_scored", lang))
        lines.append(i18n.t("prof.action_line", lang, action=i18n.t("prof.action_n", lang, n=int(row["action"])),
                            name=row["action_name"], score=i18n.fmt_number(row["score_pct"], lang, 1),
                            mean=i18n.fmt_number(row["province_mean"], lang, 1), rank=rank))
    return lines


def history_lines(history: pd.DataFrame, lang: str = i18n.DEFAULT_LANGUAGE) -> list[str]:
    """:func:`assessment_history` as Markdown lines, newest first (narrow
    enough for a phone), e.g. ``**Penilaian 2021** (kinerja 2020): peringkat
    **1** (▲ 6 dari peringkat 7 pada penilaian 2020) — <note> · [sumber](url)``;
    the note is the one in ``lang`` (:func:`kp2s_dashboard.i18n.source_note`),
    escaped for Markdown (:func:`kp2s_dashboard.safetext.markdown`)."""
    lines = []
    for _, row in history.sort_values("year_assessed", ascending=False, kind="stable").iterrows():
        change = ""
        if pd.notna(row["rank_change"]):
            value = int(row["rank_change"])
            key = "prof.history_change" if value else "prof.history_same"
            change = i18n.t(key, lang, arrow=f"▲ {value}" if value > 0 else f"▼ {-value}",
                            previous=int(row["rank_previous"]), previous_year=int(row["previous_year_assessed"]))
        rank = int(row["rank"]) if pd.notna(row["rank"]) else "–"
        lines.append(i18n.t("prof.history_line", lang, year=int(row["year_assessed"]),
                            period=row["period_label"] or "–", rank=rank, change=change,
                            note=safetext.markdown(i18n.source_note(row, lang)),
                            url=row["source_url"], link=i18n.t("ui.source_link", lang)))
    return lines
