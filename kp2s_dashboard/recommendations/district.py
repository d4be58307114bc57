"""One district's recommendations as Profil and the Aksi page show them, and
the next-year view. Pure functions over the frames of
:func:`kp2s_dashboard.recommendations.model.frames` (or the demo round) and
the per-action scores of :func:`kp2s_dashboard.assessment.scoring.action_scores`.

The next-year view puts each recommendation beside the score of its action
in the assessment held the following year. It is an association, not an
effect: the score may have moved for reasons that have nothing to do with the
recommendation, and the scoring instrument may have changed between years.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

from kp2s_dashboard.i18n import fmt_date, fmt_number, t
from kp2s_dashboard.recommendations import board as B
from kp2s_dashboard.recommendations import model as M
from kp2s_dashboard.recommendations.views import action_label, status_label
from kp2s_dashboard.regions import registry


def _day(value, lang: str) -> str:
    return fmt_date(value, lang) if isinstance(value, date) else "–"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def district_current(recs: pd.DataFrame, entries: pd.DataFrame, code: str, as_of: date) -> pd.DataFrame:
    """:func:`model.current_table` of district ``code`` as of ``as_of`` plus
    ``overdue`` (bool, :func:`board.is_overdue`), newest assessment year
    first, then action (general last), then id."""
    own = recs[recs["district_code"] == code]
    table = M.current_table(own, entries[entries["recommendation_id"].isin(own["id"])], as_of)
    table["overdue"] = B.is_overdue(table, as_of).astype(bool) if len(table) else pd.Series(dtype=bool)
    table["_action"] = table["action"].fillna(99).astype("int64") if len(table) else pd.Series(dtype="int64")
    table = table.sort_values(["year_assessed", "_action", "id"], ascending=[False, True, True], kind="stable")
    return table.drop(columns="_action").reset_index(drop=True)


def status_table(current: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`district_current` for display: No, assessment year, action,
    recommendation, responsible, due date, status (``· terlambat`` appended
    when overdue), status date, reason. Every column str except No (int64)
    and the year (int64)."""
    late = t("rekomendasi.overdue_mark", lang)
    return pd.DataFrame({
        t("rekomendasi.col.no", lang): current["id"].astype("int64").to_numpy(),
        t("rekomendasi.col.year", lang): current["year_assessed"].astype("int64").to_numpy(),
        t("rekomendasi.col.action", lang): [action_label(a, lang) for a in current["action"]],
        t("rekomendasi.col.text", lang): [str(x) for x in current["text"]],
        t("rekomendasi.col.responsible", lang): [str(x) for x in current["responsible"]],
        t("rekomendasi.col.due", lang): [_day(d, lang) for d in current["due_date"]],
        t("rekomendasi.col.status", lang): [status_label(s, lang) + (f" · {late}" if o else "")
                                             for s, o in zip(current["status"], current["overdue"])],
        t("rekomendasi.col.status_date", lang): [_day(d, lang) for d in current["status_date"]],
        t("rekomendasi.col.reason", lang): ["" if _missing(r) else str(r) for r in current["reason"]],
    })


def history_table(entries: pd.DataFrame, rec_ids, lang: str) -> pd.DataFrame:
    """The history of the recommendations ``rec_ids`` (every entry, edits
    and follow-ups, in recording order) for display: No, date, kind
    (``tindak lanjut``/``perubahan``), status, what changed (an edit's new
    text, responsible, priority or due date), note, reason, evidence (the
    link, or the document's name and the first 12 hex digits of its
    SHA-256), who. All str except No (int64)."""
    rows = entries[entries["recommendation_id"].isin(list(rec_ids))].sort_values("id", kind="stable")
    changes = []
    for e in rows.itertuples(index=False):
        parts = []
        for name in ("text", "responsible", "priority"):
            value = getattr(e, name)
            if not _missing(value):
                parts.append(f"{t(f'rekomendasi.field.{name}', lang)}: {value}")
        if isinstance(e.due_date, date):
            parts.append(f"{t('rekomendasi.field.due_date', lang)}: {fmt_date(e.due_date, lang)}")
        changes.append("; ".join(parts))
    evidence = []
    for e in rows.itertuples(index=False):
        bits = []
        if not _missing(e.evidence_url):
            bits.append(str(e.evidence_url))
        if not _missing(e.evidence_sha256):
            bits.append(f"{e.evidence_name} (SHA-256 {str(e.evidence_sha256)[:12]}…)")
        evidence.append(" · ".join(bits))
    return pd.DataFrame({
        t("rekomendasi.col.no", lang): rows["recommendation_id"].astype("int64").to_numpy(),
        t("rekomendasi.col.entry_date", lang): [_day(d, lang) for d in rows["entry_date"]],
        t("rekomendasi.col.kind", lang): [t(f"rekomendasi.kind.{k}", lang) for k in rows["kind"]],
        t("rekomendasi.col.status", lang): ["" if _missing(s) else status_label(s, lang) for s in rows["status"]],
        t("rekomendasi.col.change", lang): changes,
        t("rekomendasi.col.note", lang): ["" if _missing(n) else str(n) for n in rows["note"]],
        t("rekomendasi.col.reason", lang): ["" if _missing(r) else str(r) for r in rows["reason"]],
        t("rekomendasi.col.evidence", lang): evidence,
        t("rekomendasi.col.who", lang): [str(w) for w in rows["who"]],
    })


def open_with_scores(recs: pd.DataFrame, entries: pd.DataFrame, code: str, action_profile: pd.DataFrame,
                     as_of: date) -> pd.DataFrame:
    """District ``code``'s recommendations not closed as of ``as_of`` beside
    its action scores.

    Args:
        action_profile: :func:`kp2s_dashboard.districts.assessment_results.action_profile`
            of the district (``action`` Int64, ``score_pct``,
            ``province_mean`` float64 0–100), as Profil and the Aksi page
            compute it; may be empty.

    Returns:
        One row per open or in-progress recommendation, by action (general
        last) then due date: ``id`` int64, ``action`` Int64, ``text``,
        ``responsible`` str, ``due_date`` date or None, ``status`` str,
        ``overdue`` bool, ``score_pct``/``province_mean`` float64 (NaN for a
        general recommendation or an action without a score).
    """
    table = district_current(recs, entries, code, as_of)
    table = table[~table["status"].isin(M.CLOSED)]
    scores = {int(a): (float(s), float(m)) for a, s, m in zip(action_profile.get("action", []),
                                                               action_profile.get("score_pct", []),
                                                               action_profile.get("province_mean", []))
              if not _missing(a)}
    nan = (math.nan, math.nan)
    pairs = [nan if _missing(a) else scores.get(int(a), nan) for a in table["action"]]
    out = pd.DataFrame({
        "id": table["id"].astype("int64").to_numpy(),
        "action": table["action"].astype("Int64").to_numpy(),
        "text": list(table["text"]), "responsible": list(table["responsible"]),
        "due_date": list(table["due_date"]), "status": list(table["status"]),
        "overdue": table["overdue"].astype(bool).to_numpy(),
        "score_pct": pd.array([p[0] for p in pairs], dtype="float64"),
        "province_mean": pd.array([p[1] for p in pairs], dtype="float64"),
    })
    out["_a"] = out["action"].fillna(99).astype("int64")
    out["_d"] = [d if isinstance(d, date) else date.max for d in out["due_date"]]
    return out.sort_values(["_a", "_d", "id"], kind="stable").drop(columns=["_a", "_d"]).reset_index(drop=True)


def open_with_scores_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`open_with_scores` for display: scores as text in the
    language's way with 1 decimal (``49,0``), ``–`` where there is none (a
    general recommendation has no action score)."""
    late = t("rekomendasi.overdue_mark", lang)

    def num(values) -> list[str]:
        return ["–" if pd.isna(v) else fmt_number(float(v), lang, 1) for v in values]

    return pd.DataFrame({
        t("rekomendasi.col.action", lang): [action_label(a, lang) for a in frame["action"]],
        t("rekomendasi.col.score", lang): num(frame["score_pct"]),
        t("rekomendasi.col.province_mean", lang): num(frame["province_mean"]),
        t("rekomendasi.col.text", lang): list(frame["text"]),
        t("rekomendasi.col.responsible", lang): list(frame["responsible"]),
        t("rekomendasi.col.due", lang): [_day(d, lang) for d in frame["due_date"]],
        t("rekomendasi.col.status", lang): [status_label(s, lang) + (f" · {late}" if o else "")
                                             for s, o in zip(frame["status"], frame["overdue"])],
    })


def next_year(recs: pd.DataFrame, entries: pd.DataFrame, action_scores: pd.DataFrame,
              as_of: date) -> pd.DataFrame:
    """Each recommendation beside the score of its action in the assessment
    it came from and in the next assessment after it (an association, not
    an effect).

    Args:
        action_scores: per-action scores of every assessment year
            (``year_assessed``, ``code``, ``action``, ``score_pct`` 0–100),
            e.g. :func:`kp2s_dashboard.assessment.scoring.action_scores` over
            all years of the result in force.

    Returns:
        One row per recommendation with an action (general ones have no
        action score), ordered by id: ``id`` int64, ``district_code`` str,
        ``action`` int64, ``year_assessed`` int64, ``status`` str (as of
        ``as_of``), ``score_then`` float64 (its action's score in
        ``year_assessed``; NaN when not scored), ``next_year_assessed``
        Int64 (the first later assessment year holding a score of that
        district and action; <NA> when none yet), ``score_next`` and
        ``change`` (= next − then, points) float64.
    """
    current = M.current_table(recs, entries, as_of)
    current = current[current["action"].notna()]
    lookup: dict[tuple[str, int], dict[int, float]] = {}
    for y, c, a, s in zip(action_scores["year_assessed"], action_scores["code"], action_scores["action"],
                          action_scores["score_pct"]):
        if _missing(y) or _missing(a) or _missing(s):
            continue
        lookup.setdefault((str(c), int(a)), {})[int(y)] = float(s)
    rows = []
    for r in current.sort_values("id").itertuples(index=False):
        by_year = lookup.get((str(r.district_code), int(r.action)), {})
        year = int(r.year_assessed)
        later = sorted(y for y in by_year if y > year)
        then = by_year.get(year, math.nan)
        nxt = by_year[later[0]] if later else math.nan
        rows.append({"id": int(r.id), "district_code": str(r.district_code), "action": int(r.action),
                     "year_assessed": year, "status": r.status, "score_then": then,
                     "next_year_assessed": later[0] if later else pd.NA, "score_next": nxt,
                     "change": nxt - then})
    out = pd.DataFrame(rows, columns=["id", "district_code", "action", "year_assessed", "status", "score_then",
                                      "next_year_assessed", "score_next", "change"])
    return out.astype({"id": "int64", "action": "int64", "year_assessed": "int64", "next_year_assessed": "Int64",
                       "score_then": "float64", "score_next": "float64", "change": "float64"})


def next_year_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`next_year` for display: No, district, action, year, status,
    score then, next assessment year (``belum dinilai`` when none), score
    next, change (numbers with 1 decimal as text in ``lang``)."""
    reg = registry()
    pending = t("rekomendasi.next.pending", lang)
    return pd.DataFrame({
        t("rekomendasi.col.no", lang): frame["id"].to_numpy(),
        t("rekomendasi.col.district", lang): [reg.short_name(c) for c in frame["district_code"]],
        t("rekomendasi.col.action", lang): [action_label(a, lang) for a in frame["action"]],
        t("rekomendasi.col.year", lang): frame["year_assessed"].to_numpy(),
        t("rekomendasi.col.status", lang): [status_label(s, lang) for s in frame["status"]],
        t("rekomendasi.next.then", lang): [fmt_number(v, lang, 1) for v in frame["score_then"]],
        t("rekomendasi.next.year", lang): [pending if _missing(y) else str(int(y)) for y in frame["next_year_assessed"]],
        t("rekomendasi.next.score", lang): [fmt_number(v, lang, 1) for v in frame["score_next"]],
        t("rekomendasi.next.change", lang): [fmt_number(v, lang, 1) for v in frame["change"]],
    })


def all_action_scores(result) -> pd.DataFrame:
    """Per-action scores of every assessment year of ``result`` (the result
    in force), each year with the first component as the Aksi page's default
    (:func:`kp2s_dashboard.assessment.views.build_views`); columns
    ``year_assessed``, ``code``, ``action``, ``score_pct``. Empty without data."""
    from kp2s_dashboard.assessment.views import build_views, years_assessed

    frames = []
    for year in years_assessed(result):
        scores = build_views(result, year).action_scores
        frames.append(scores.loc[:, ["year_assessed", "code", "action", "score_pct"]])
    if not frames:
        return pd.DataFrame(columns=["year_assessed", "code", "action", "score_pct"])
    return pd.concat(frames, ignore_index=True)
