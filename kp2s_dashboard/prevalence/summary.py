"""Pure computations behind the overview, map and data views.

Inputs are the tidy prevalence table of :mod:`kp2s_dashboard.prevalence.loader`
(``code, year, source, indicator, value_pct, source_url, note, origin``).
Nothing here reads files or imports Streamlit.
"""

from __future__ import annotations

import pandas as pd

from kp2s_dashboard.prevalence import loader as prev
from kp2s_dashboard.prevalence.classes import CLASS_KEYS, classify
from kp2s_dashboard.prevalence.status import headline_targets, progress_long
from kp2s_dashboard.regions import NATIONAL_CODE, PROVINCE_CODE, registry

ROUND_COLUMNS = ["code", "name", "value_pct", "klass", "source", "year", "source_url", "note"]


def district_round(table: pd.DataFrame, source: str, year: int) -> pd.DataFrame:
    """All 13 kabupaten/kota for one round (``source``, ``year``), headline
    indicator, including those without a value.

    Returns:
        DataFrame with :data:`ROUND_COLUMNS`: ``code`` (str), ``name``
        (short name, str), ``value_pct`` (float64, NaN when the round has no
        figure for the district), ``klass`` (class key from
        :func:`kp2s_dashboard.prevalence.classes.classify`, ``"no_data"`` for NaN),
        ``source`` (str), ``year`` (int64), ``source_url``, ``note`` (str,
        "" when missing). Ordered by code.
    """
    reg = registry()
    rows = prev.values_for(table, source, year)[["code", "value_pct", "source_url", "note"]]
    base = pd.DataFrame({"code": reg.district_codes()})
    out = base.merge(rows, on="code", how="left")
    out["name"] = out["code"].map(reg.short_name)
    out["value_pct"] = out["value_pct"].astype("float64")
    out["klass"] = classify(out["value_pct"])
    out["source"] = source
    out["year"] = int(year)
    out["source_url"] = out["source_url"].fillna("").astype(str)
    out["note"] = out["note"].fillna("").astype(str)
    return out[ROUND_COLUMNS]


def class_counts(round_table: pd.DataFrame) -> pd.DataFrame:
    """How many districts fall in each class of a :func:`district_round` table.

    Returns:
        DataFrame with columns ``klass`` (str, every key of
        :data:`kp2s_dashboard.prevalence.classes.CLASS_KEYS`, in that order), ``n``
        (int64) and ``names`` (str, the districts, comma separated).
    """
    rows = []
    for key in CLASS_KEYS:
        part = round_table[round_table["klass"] == key]
        rows.append({"klass": key, "n": len(part), "names": ", ".join(part["name"])})
    out = pd.DataFrame(rows)
    out["n"] = out["n"].astype("int64")
    return out


def change_between(
    table: pd.DataFrame, first: tuple[str, int], second: tuple[str, int], bound=None
) -> pd.DataFrame:
    """Change of the headline prevalence per district between two rounds.

    Args:
        first, second: ``(source, year)`` rounds, e.g. ``("ski", 2023)`` and
            ``("ssgi", 2024)``. Both should be survey rounds; the caller
            keeps e-PPGBM out (a survey-to-register change is meaningless).

        bound: a plausibility bound (:class:`kp2s_dashboard.prevalence.progress.Bound`,
            from ``data/plausibility.toml``); a change larger than
            ``bound.allowed(gap in years)`` is flagged.

    Returns:
        DataFrame with ``code``, ``name`` (str), ``before``, ``after``,
        ``change_pp`` (float64, percentage points, ``after − before``;
        negative = fall), ``flagged`` (bool; False without a bound), only
        districts with both values, sorted from the biggest fall to the
        biggest rise. ``attrs["missing"]`` lists the short names of the
        districts left out for lack of a value in either round.
    """
    a = district_round(table, *first)[["code", "name", "value_pct"]].rename(columns={"value_pct": "before"})
    b = district_round(table, *second)[["code", "value_pct"]].rename(columns={"value_pct": "after"})
    both = a.merge(b, on="code")
    missing = both[both["before"].isna() | both["after"].isna()]["name"].tolist()
    out = both.dropna(subset=["before", "after"]).copy()
    out["change_pp"] = (out["after"] - out["before"]).round(2)
    limit = bound.allowed(abs(second[1] - first[1])) if bound is not None else float("inf")
    out["flagged"] = out["change_pp"].abs() > limit
    out = out.sort_values(["change_pp", "code"]).reset_index(drop=True)
    out.attrs["missing"] = missing
    return out


def worst_districts(table: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The ``n`` kabupaten/kota with the highest headline prevalence in the
    latest survey round that has district figures (SSGI/SKI/…; never
    e-PPGBM), highest first.

    Returns:
        The :data:`ROUND_COLUMNS` of :func:`district_round` for those
        districts (fewer when the round has fewer figures; empty when no
        survey round has any), plus ``rank`` (int64, 1 = highest) and
        ``n_ranked`` (int64, districts with a figure in the round).
    """
    reg = registry()
    district_rows = table[table["code"].isin(reg.district_codes())]
    survey = prev.rounds(district_rows, prev.SURVEY_SOURCES)
    if not survey:
        return pd.DataFrame({c: [] for c in [*ROUND_COLUMNS, "rank", "n_ranked"]})
    rows = district_round(table, *survey[0]).dropna(subset=["value_pct"])
    rows = rows.sort_values(["value_pct", "code"], ascending=[False, True]).reset_index(drop=True)
    rows["rank"] = pd.Series(range(1, len(rows) + 1), dtype="int64")
    rows["n_ranked"] = pd.Series([len(rows)] * len(rows), dtype="int64")
    return rows.head(n)


def target_verdicts(table: pd.DataFrame, targets: pd.DataFrame, code: str = PROVINCE_CODE) -> pd.DataFrame:
    """One verdict per headline national target (2024, 2029, 2045; see
    :func:`kp2s_dashboard.prevalence.status.headline_targets`) for region
    ``code`` (default the province), on the survey series with the default
    method and window (the Target page's defaults).

    Returns:
        The rows of :func:`kp2s_dashboard.prevalence.status.progress_long`
        for ``code``, one per target, in year order (``status``,
        ``achieved`` for a passed year, ``required_aarr_pct``, ``aarr_pct``,
        ``year_reached``, ``projected_pct``, ``judge_reason`` …), plus
        ``url_token`` (str, the target's :attr:`Target.url_token`, for a
        link to the Target page with that target chosen).
    """
    chosen = headline_targets(targets)
    long = progress_long(table, chosen, [code]).reset_index(drop=True)
    long["url_token"] = pd.Series([tg.url_token for tg in chosen], dtype="str")
    return long


def headline_figures(table: pd.DataFrame) -> dict[str, pd.Series | None]:
    """Latest survey row for the province and for Indonesia.

    Returns ``{"province": row or None, "national": row or None}``; each row
    is a Series with the tidy columns. The national row is the same survey
    round as the province's when available (so the two compare), else the
    latest national survey row.
    """
    province = prev.latest_survey(table, PROVINCE_CODE)
    national = None
    if province is not None:
        same = prev.values_for(table, province["source"], int(province["year"]))
        same = same[same["code"] == NATIONAL_CODE]
        if not same.empty:
            national = same.iloc[0]
    if national is None:
        national = prev.latest_survey(table, NATIONAL_CODE)
    return {"province": province, "national": national}


def _columns(lang: str) -> dict[str, str]:
    from kp2s_dashboard.i18n import t

    return {k: t(f"col.{k}", lang) for k in (
        "region", "code", "year", "source", "indicator", "value_pct", "source_url", "note",
        "target_pct", "label", "basis", "scope", "origin",
    )}


def display_prevalence(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The tidy prevalence table with region names, source labels and
    column headers in ``lang`` (for showing and downloading). Values stay
    numeric (float64, percent 0–100); the note is the one in ``lang``
    (:func:`kp2s_dashboard.i18n.source_notes`: ``note`` or ``note_id``, the
    other language quoted and marked only when the file has no translation)."""
    from kp2s_dashboard.i18n import source_notes, t

    reg = registry()
    cols = _columns(lang)
    out = pd.DataFrame({
        cols["region"]: table["code"].map(reg.short_name),
        cols["code"]: table["code"],
        cols["year"]: table["year"],
        cols["source"]: table["source"].map(prev.SOURCE_LABELS),
        cols["indicator"]: table["indicator"].map(lambda i: t(f"indicator.{i}", lang)),
        cols["value_pct"]: table["value_pct"],
        cols["source_url"]: table["source_url"],
        cols["note"]: source_notes(table, lang, "note"),
    })
    return out.reset_index(drop=True)


def display_points(table: pd.DataFrame, codes: list[str], lang: str) -> pd.DataFrame:
    """Headline rows of ``codes`` for a trend view, newest first (same
    columns as :func:`display_prevalence`)."""
    part = prev.headline(table)
    part = part[part["code"].isin(codes)].sort_values(["code", "year"], ascending=[True, False])
    return display_prevalence(part, lang)


def display_targets(targets: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Targets (from :mod:`kp2s_dashboard.prevalence.targets`) with localized headers:
    region, year, target (float64, percent), label, basis in ``lang``
    (:func:`kp2s_dashboard.i18n.source_notes` of ``basis``/``basis_id``),
    source link."""
    from kp2s_dashboard.i18n import source_notes
    from kp2s_dashboard.prevalence.targets import target_label

    reg = registry()
    cols = _columns(lang)
    return pd.DataFrame({
        cols["region"]: targets["code"].map(reg.short_name),
        cols["year"]: targets["year"],
        cols["target_pct"]: targets["target_pct"],
        cols["label"]: targets["label"].map(lambda x: target_label(x, lang)),
        cols["basis"]: source_notes(targets, lang, "basis"),
        cols["source_url"]: targets["source_url"],
    }).reset_index(drop=True)


def display_regions(regions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The registry frame (:meth:`kp2s_dashboard.regions.Registry.frame`)
    with headers and level names in ``lang``: BPS code, Kemendagri code,
    level, name, short name, other spellings."""
    from kp2s_dashboard.i18n import t

    return pd.DataFrame({
        t("col.code", lang): regions["code"],
        t("col.kode", lang): regions["kode"],
        t("col.level", lang): regions["level"].map(lambda v: t(f"level.{v}", lang)),
        t("col.name", lang): regions["name"],
        t("col.short_name", lang): regions["short_name"],
        t("col.aliases", lang): regions["aliases"].str.replace(";", ", "),
    })


def display_round(round_table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A :func:`district_round` table for showing without a map: district,
    prevalence (float64, percent), class label, highest first, districts
    without a value last."""
    from kp2s_dashboard.i18n import t

    ordered = round_table.sort_values("value_pct", ascending=False, na_position="last")
    return pd.DataFrame({
        t("col.region", lang): ordered["name"],
        t("col.value_pct", lang): ordered["value_pct"],
        t("map.legend_title", lang): ordered["klass"].map(lambda k: t(f"class.{k}", lang)),
    }).reset_index(drop=True)


def filter_prevalence(table: pd.DataFrame, codes: list[str], sources: list[str]) -> pd.DataFrame:
    """Rows of the tidy table for the region ``codes`` and ``sources``
    (an empty list means all), same columns."""
    mask = pd.Series(True, index=table.index)
    if codes:
        mask &= table["code"].isin(codes)
    if sources:
        mask &= table["source"].isin(sources)
    return table[mask]
