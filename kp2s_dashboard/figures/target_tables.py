"""Tables of the Target page: the target table as shown and as exported,
its source lines, and one region against several targets.

Frames from :func:`kp2s_dashboard.prevalence.progress.target_table` and
:func:`~kp2s_dashboard.prevalence.progress.progress_long` in,
:class:`~kp2s_dashboard.figures.progress_common.DisplayTable` or export
frames out. Pure; no Streamlit.
"""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from kp2s_dashboard.figures.progress_common import (
    PCT_FORMAT,
    PUB_FORMAT,
    RATE_FORMAT,
    YEAR_FORMAT,
    DisplayTable,
    _status_plain,
    pct_text,
    region_label,
    status_colour,
    status_text,
    target_tag,
)
from kp2s_dashboard.i18n import fmt_number, source_note, t
from kp2s_dashboard.prevalence import progress as P
from kp2s_dashboard.prevalence.loader import SOURCE_LABELS
from kp2s_dashboard.prevalence.series import conflicts_text
from kp2s_dashboard.prevalence.targets import target_label
from kp2s_dashboard.regions import PROVINCE_CODE, registry


def _unique(name: str, taken: set[str]) -> str:
    out, i = name, 2
    while out in taken:
        out, i = f"{name} ({i})", i + 1
    taken.add(out)
    return out


def row_notes(row: pd.Series | dict, lang: str = "id", start_year: int | None = P.DEFAULT_START_YEAR) -> str:
    """The remarks of one row of :func:`kp2s_dashboard.prevalence.progress.target_table`:
    alternative figures, plausibility flags, two figures in one year (the
    reason the row cannot be judged), too few points. ``""`` if none."""
    notes = []
    alts = row.get("latest_alt_pct") or ()
    if alts:
        notes.append(t("prog.tgt.other_source", lang, others=", ".join(pct_text(a, lang) for a in alts)))
    if row.get("flagged"):
        notes.append(t("prog.flag.rate_carries", lang, pairs=str(row.get("flagged_pairs", "")).replace(";", ", ")))
        if row.get("judge_reason") == P.REASON_FLAGGED:
            notes.append(P.reason_text(P.REASON_FLAGGED, lang, int(row.get("n_points", 0))))
    n = int(row.get("n_points", 0))
    conflicts = str(row.get("conflicts") or "")
    if conflicts:
        notes.append(t("prog.tgt.conflicts", lang, conflicts=conflicts_text(conflicts, lang)))
    elif n < 2:
        notes.append(t("prog.tgt.too_few", lang, n=n, start=start_year if start_year else "–"))
    return "; ".join(notes)


def _reached_overrides(projected: pd.Series, reached: pd.Series, target_year: int, lang: str) -> tuple[str | None, ...]:
    """Projection cells as text where the target is met before its year:
    "tercapai 2039" instead of an empty cell (the projection stops there)."""
    out: list[str | None] = []
    for p, y in zip(projected.astype("float64"), reached.astype("Int64")):
        met = pd.notna(y) and int(y) <= int(target_year)
        out.append(t("prog.tgt.reached_by", lang, year=int(y)) if met and pd.isna(p) else None)
    return tuple(out)


def mixed_verdict_text(row: pd.Series | dict, near: P.Target, far: P.Target, lang: str = "id") -> str:
    """Why one region is off track for one target and on track for the
    other (a row of :func:`kp2s_dashboard.prevalence.progress.mixed_verdicts`):
    the two required paces, the years each has, and the current pace between
    them. Percent figures with one decimal in ``lang``."""
    keys = {"near": near, "far": far}
    off = "near" if row["status_near"] == P.OFF_TRACK else "far"
    on = "far" if off == "near" else "near"
    latest = int(row["latest_year"])

    def part(key: str) -> dict:
        target = keys[key]
        return {"year": target.year, "value": pct_text(target.target_pct, lang),
                "req": fmt_number(float(row[f"required_aarr_{key}_pct"]), lang, 1), "years": target.year - latest}

    a, b = part(off), part(on)
    return t("prog.tgt.mixed", lang, name=region_label(str(row["code"]), lang),
             off_year=a["year"], off_value=a["value"], off_req=a["req"], off_years=a["years"],
             on_year=b["year"], on_value=b["value"], on_req=b["req"], on_years=b["years"],
             aarr=fmt_number(float(row["aarr_pct"]), lang, 1))


#: Streamlit colour names for a verdict (markdown ``:green[…]``): met / on track
#: green, off track orange, not met / no progress red, cannot be judged grey.
VERDICT_TONES = {P.ON_TRACK: "green", P.OFF_TRACK: "orange", P.NO_PROGRESS: "red", P.NOT_ASSESSABLE: "gray",
                 P.TARGET_YEAR_PASSED: "gray"}


def verdict_parts(row: pd.Series | dict, lang: str = "id") -> dict[str, str]:
    """One target's verdict for leadership, from a row of
    :func:`kp2s_dashboard.prevalence.summary.target_verdicts` (or of
    :func:`~kp2s_dashboard.prevalence.progress.progress_long`).

    Returns ``{"head", "status", "detail", "tone"}`` in ``lang``: ``head``
    the target (``2029 · 14,2% (RPJMN 2025–2029)``); ``status`` the verdict
    with its marker (``✗ tidak tercapai``, ``● tidak sesuai jalur``, ``○ belum
    dapat dinilai``); ``detail`` the evidence: the figure observed in a
    passed target year, else the pace needed vs the pace seen (percent per
    year, survey years) and the year the target is met at that pace, or the
    reason it cannot be judged; ``tone`` a Streamlit colour name
    (:data:`VERDICT_TONES`)."""
    target = P.Target(str(row["target_code"]), int(row["target_year"]), float(row["target_pct"]),
                      str(row["target_label"]))
    head = t("prog.verdict.head", lang, year=target.year, value=pct_text(target.target_pct, lang),
             label=target_label(target.label, lang))
    status = str(row["status"])
    achieved = row.get("achieved")
    known = achieved is not None and not pd.isna(achieved)
    name = region_label(str(row["code"]), lang)
    tone = VERDICT_TONES.get(status, "gray")
    if status == P.TARGET_YEAR_PASSED:
        if known:
            tone = "green" if bool(achieved) else "red"
        seen = _observed_in(row, target.year)
        source = SOURCE_LABELS.get(str(row.get("latest_source")), str(row.get("latest_source")))
        detail = t("prog.verdict.observed", lang, name=name, value=pct_text(seen, lang), round=f"{source} {target.year}") \
            if seen is not None else t("prog.verdict.no_figure", lang, year=target.year)
    elif status == P.NOT_ASSESSABLE:
        detail = P.reason_text(str(row.get("judge_reason") or P.REASON_NO_DATA), lang, int(row.get("n_points", 0)))
        detail = detail.split(": ", 1)[1] if ": " in detail else detail
    else:
        required = float(row["required_aarr_pct"])
        needed = t("prog.tgt.below_target", lang) if required < 0 else \
            t("prog.verdict.per_year", lang, value=fmt_number(required, lang, 1))
        detail = t("prog.verdict.pace", lang, needed=needed,
                   seen=t("prog.verdict.per_year", lang, value=fmt_number(float(row["aarr_pct"]), lang, 1)),
                   first=int(row["first_year"]), latest=int(row["latest_year"]))
        reached = row.get("year_reached")
        if reached is not None and not pd.isna(reached):
            detail += "; " + t("prog.verdict.reached", lang, value=pct_text(target.target_pct, lang), year=int(reached))
    return {"head": head, "status": status_text(status, lang, achieved), "detail": detail, "tone": tone}


def verdicts_mixed_text(verdicts: pd.DataFrame, lang: str = "id") -> str | None:
    """:func:`mixed_verdict_text` for a region's rows of
    :func:`kp2s_dashboard.prevalence.summary.target_verdicts` (one row per
    target): the sentence when one target is off track and another on
    track (the first of each, in year order), else None."""
    off = verdicts[verdicts["status"] == P.OFF_TRACK]
    on = verdicts[verdicts["status"] == P.ON_TRACK]
    if off.empty or on.empty:
        return None
    a, b = off.iloc[0], on.iloc[0]

    def target(r):
        return P.Target(str(r["target_code"]), int(r["target_year"]), float(r["target_pct"]), str(r["target_label"]))

    row = {"code": a["code"], "latest_year": a["latest_year"], "aarr_pct": a["aarr_pct"],
           "status_near": P.OFF_TRACK, "status_far": P.ON_TRACK,
           "required_aarr_near_pct": a["required_aarr_pct"], "required_aarr_far_pct": b["required_aarr_pct"]}
    return mixed_verdict_text(row, target(a), target(b), lang)


def _observed_in(row: pd.Series | dict, year: int) -> float | None:
    """The survey figure of ``row``'s region in ``year`` (latest point when
    it is that year), else None."""
    if pd.notna(row.get("latest_year")) and int(row["latest_year"]) == int(year):
        return float(row["latest_pct"])
    return None


def target_display(
    table: pd.DataFrame,
    near: P.Target,
    far: P.Target,
    lang: str = "id",
    start_year: int | None = P.DEFAULT_START_YEAR,
    keys: Sequence[str] = ("near", "far"),
) -> DisplayTable:
    """The target table as shown: one row per region.

    Args:
        table: output of :func:`kp2s_dashboard.prevalence.progress.target_table`.
        near, far: the two targets it was computed against.
        start_year: window start (for the "too few points" note).
        keys: the targets whose columns are shown (``("near",)`` for one
            tab of the page; the tab's label names the target).

    Returns:
        :class:`DisplayTable` whose frame has, in ``lang``: region (then,
        with one target in ``keys``, its status), latest round (``SSGI 2024``), latest figure (float, %, as published),
        current AARR (float, %/yr), then per target of ``keys`` (headers
        name the target year only, never a decimal figure): required AARR
        (float, %/yr; on screen "sudah di bawah target" when negative, i.e.
        the latest figure is already below the target), status (text with
        marker; a region that cannot be judged says why in brackets:
        ``prog.reason_short.*``), projection at the target year (float, %), year the target
        level is reached at the current pace (Int64); then remarks
        (alternative figures, flags) and the BPS code (hidden).
    """
    taken: set[str] = set()
    c = {
        "name": _unique(t("prog.col.name", lang), taken),
        "round": _unique(t("prog.col.latest_round", lang), taken),
        "latest": _unique(t("prog.col.latest_pct", lang), taken),
        "aarr": _unique(t("prog.col.aarr_short", lang), taken),
    }
    out = pd.DataFrame(
        {
            c["name"]: [region_label(code, lang) for code in table["code"]],
            c["round"]: [
                f"{SOURCE_LABELS.get(s, s)} {int(y)}" if pd.notna(y) else "–"
                for s, y in zip(table["latest_source"], table["latest_year"])
            ],
            c["latest"]: table["latest_pct"].astype("float64").to_numpy(),
            c["aarr"]: table["aarr_pct"].astype("float64").to_numpy(),
        }
    )
    formats = {c["latest"]: PUB_FORMAT, c["aarr"]: RATE_FORMAT}
    colours: dict[str, tuple[str, ...]] = {}
    overrides: dict[str, tuple[str | None, ...]] = {}
    helps = {c["aarr"]: t("prog.help.aarr", lang), c["latest"]: t("prog.help.latest", lang)}
    one = len(keys) == 1
    for key in keys:
        target = near if key == "near" else far
        year = target.year
        req = _unique(t("prog.col.required_one" if one else "prog.col.required_year", lang, year=year), taken)
        status = _unique(t("prog.col.status_short" if one else "prog.col.status_year", lang, year=year), taken)
        proj = _unique(t("prog.col.projected_for", lang, year=year), taken)
        reach = _unique(t("prog.col.reached_one" if one else "prog.col.reached_year", lang, year=year), taken)
        required = table[f"required_aarr_{key}_pct"].astype("float64")
        out[req] = required.to_numpy()
        overrides[req] = tuple(t("prog.tgt.below_target", lang) if v < 0 else None for v in required)
        pairs = list(zip(table[f"status_{key}"], table[f"achieved_{key}"]))
        reasons = table["judge_reason"] if "judge_reason" in table else pd.Series([""] * len(table))
        # why a region cannot be judged, beside its status (the full remark is in the notes, far to the right)
        out[status] = [status_text(s, lang, a) + (f" ({t(f'prog.reason_short.{r}', lang)})"
                                                  if s == P.NOT_ASSESSABLE and isinstance(r, str) and r else "")
                       for (s, a), r in zip(pairs, reasons)]
        colours[status] = tuple(status_colour(s, a) for s, a in pairs)
        out[proj] = table[f"projected_{key}_pct"].astype("float64").to_numpy()
        overrides[proj] = _reached_overrides(table[f"projected_{key}_pct"], table[f"year_{key}_reached"], year, lang)
        out[reach] = table[f"year_{key}_reached"].astype("Int64").to_numpy()
        formats.update({req: RATE_FORMAT, proj: PCT_FORMAT, reach: YEAR_FORMAT})
        helps.update(
            {
                req: t("prog.help.required", lang),
                status: t("prog.help.status", lang),
                proj: t("prog.help.projected", lang),
                reach: t("prog.help.year_reached", lang),
            }
        )
    notes = _unique(t("prog.col.notes", lang), taken)
    code = _unique(t("col.code", lang), taken)
    out[notes] = [row_notes(r, lang, start_year) for _, r in table.iterrows()]
    out[code] = table["code"].astype(str).to_numpy()
    if one:  # one target (a tab of the page): the status, with why it cannot be judged, right after the region
        out = out[[c["name"], status, *(col for col in out.columns if col not in (c["name"], status))]]
    return DisplayTable(out, formats, helps, hidden=(code,), colours=colours, overrides=overrides)


def target_export(
    table: pd.DataFrame, near: P.Target, far: P.Target, lang: str = "id", start_year: int | None = P.DEFAULT_START_YEAR
) -> pd.DataFrame:
    """The target table for CSV/XLSX: the columns of :func:`target_display`
    for both targets, the BPS code second, figures rounded as a reader
    needs them (latest figure and rates to 2 decimals, projections to 1),
    years as Int64, status as plain words (no marker), headers without
    decimal figures (the targets' values are in :func:`target_sources`).
    The numbers are kept (a negative required rate stays negative: the
    latest figure is already below the target)."""
    spec = target_display(table, near, far, lang, start_year)
    out = spec.frame.copy()
    code = spec.hidden[0]
    out.insert(1, code, out.pop(code))
    for column, fmt in spec.formats.items():
        if fmt == YEAR_FORMAT:
            out[column] = out[column].astype("Int64")
        else:
            out[column] = out[column].astype("float64").round(1 if fmt == PCT_FORMAT else 2)
    for column, key in zip(spec.colours, ("near", "far")):
        out[column] = [_status_plain(s, lang, a) for s, a in zip(table[f"status_{key}"], table[f"achieved_{key}"])]
    return out


def target_sources(
    prevalence: pd.DataFrame,
    near: P.Target,
    far: P.Target,
    options: P.SeriesOptions,
    lang: str = "id",
) -> list[str]:
    """Source lines of a target export (CSV footer, XLSX Keterangan sheet):
    the survey rounds used (from the window start, or all when
    ``options.start_year`` is None) with their links, the rate method, and
    each target with its value, basis and link.

    Args:
        prevalence: the tidy prevalence table (``source``, ``year``,
            ``indicator``, ``source_url``).
        options: the series options of the table (method, window).

    Returns:
        Lines in ``lang`` (``list[str]``), e.g. ``Target 2029: RPJMN
        2025–2029 — 14,2% (…) — https://…``.
    """
    codes = [PROVINCE_CODE] + registry().district_codes()
    head = P.series_frame(prevalence, codes, options)
    used = sorted({(s, int(y)) for s, y in zip(head["source"], head["year"])
                   if options.start_year is None or y >= options.start_year}, key=lambda r: (r[1], r[0]))
    rounds = ", ".join(f"{SOURCE_LABELS.get(s, s)} {y}" for s, y in used)
    lines = [t("prog.exp.rounds", lang, rounds=rounds or "–",
               method=t(f"prog.method.{options.method}", lang,
                        start=options.start_year or t("prog.tgt.first_round", lang)))]
    wanted = set(used)
    rows = prevalence[prevalence["code"].isin(codes)
                      & pd.Series([(s, int(y)) in wanted for s, y in zip(prevalence["source"], prevalence["year"])],
                                  index=prevalence.index)]
    for url in dict.fromkeys(u for u in rows["source_url"].fillna("").astype(str) if u.strip()):
        lines.append(url.strip())
    for target in dict.fromkeys((near, far)):
        lines.append(t("prog.exp.target", lang, year=target.year, label=target_label(target.label, lang),
                       value=pct_text(target.target_pct, lang), basis=source_note(target, lang, "basis") or "–",
                       url=target.source_url or "–"))
    return lines


def region_status_display(long: pd.DataFrame, lang: str = "id") -> DisplayTable:
    """One region against several targets (rows of
    :func:`kp2s_dashboard.prevalence.progress.progress_long` for one code): target,
    required AARR (on screen "sudah di bawah target" when negative),
    status, projection, year reached, source link."""
    cols = {
        "target": t("prog.col.target", lang),
        "req": t("prog.col.required_short", lang),
        "status": t("prog.col.status_short", lang),
        "proj": t("prog.col.projected_short", lang),
        "reach": t("prog.col.year_reached_short", lang),
        "url": t("col.source_url", lang),
    }
    out = pd.DataFrame(
        {
            cols["target"]: [
                target_tag(P.Target(r.target_code, int(r.target_year), float(r.target_pct), r.target_label), lang)
                for r in long.itertuples()
            ],
            cols["req"]: long["required_aarr_pct"].astype("float64").to_numpy(),
            cols["status"]: [status_text(s, lang, a) for s, a in zip(long["status"], long["achieved"])],
            cols["proj"]: long["projected_pct"].astype("float64").to_numpy(),
            cols["reach"]: long["year_reached"].astype("Int64").to_numpy(),
            cols["url"]: long["target_source_url"].astype(str).to_numpy(),
        }
    )
    return DisplayTable(
        out,
        {cols["req"]: RATE_FORMAT, cols["proj"]: PCT_FORMAT, cols["reach"]: YEAR_FORMAT},
        {cols["req"]: t("prog.help.required", lang), cols["proj"]: t("prog.help.projected", lang)},
        colours={cols["status"]: tuple(status_colour(s, a) for s, a in zip(long["status"], long["achieved"]))},
        overrides={cols["req"]: tuple(t("prog.tgt.below_target", lang) if v < 0 else None
                                      for v in long["required_aarr_pct"].astype("float64")),
                   cols["proj"]: tuple(_reached_overrides(long["projected_pct"].iloc[i:i + 1],
                                                          long["year_reached"].iloc[i:i + 1], int(y), lang)[0]
                                       for i, y in enumerate(long["target_year"]))},
    )
