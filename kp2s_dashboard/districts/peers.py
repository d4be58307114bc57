"""Peer groups and the comparison table behind the Bandingkan view.

Pure functions (no Streamlit, no file reading). A district is compared
with a *peer group*: all 13 kabupaten/kota, its neighbours (regions
sharing a border, from :func:`kp2s_dashboard.geo.neighbours`), or the
districts in the same prevalence class (WHO/UNICEF thresholds of
:mod:`kp2s_dashboard.prevalence.classes`) in the chosen round.

Inputs are the tidy prevalence table of :mod:`kp2s_dashboard.prevalence.loader`
(``code`` str, ``year`` int, ``source`` str, ``indicator`` str,
``value_pct`` float, percent 0–100, ``source_url`` str, ``note`` str).
Survey rounds (Riskesdas, SSGBI, SSGI, SKI) and register years (e-PPGBM)
are never mixed: the "previous round" of a survey round is the previous
survey round, that of an e-PPGBM year the previous e-PPGBM year.
"""

from __future__ import annotations

import pandas as pd

from kp2s_dashboard.prevalence import summary
from kp2s_dashboard.prevalence.classes import NO_DATA
from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.prevalence.loader import REGISTER_SOURCES, SURVEY_SOURCES, rounds, values_for
from kp2s_dashboard.regions import NATIONAL_CODE, PROVINCE_CODE, registry

#: Peer group modes, in the order the page offers them.
MODES = ("all", "neighbours", "class")

COMPARE_COLUMNS = {
    "code": "str",
    "name": "str",
    "value_pct": "float64",
    "klass": "str",
    "previous_pct": "float64",
    "change_pp": "float64",
    "focus": "bool",
    "rank": "Int64",
    "flagged": "bool",
}


def series_sources(source: str) -> tuple[str, ...]:
    """The sources that form one series with ``source``: the survey sources
    for a survey, the register for e-PPGBM."""
    return REGISTER_SOURCES if source in REGISTER_SOURCES else SURVEY_SOURCES


def previous_round(prevalence: pd.DataFrame, round_: tuple[str, int]) -> tuple[str, int] | None:
    """The round before ``round_`` in the same series (survey or register),
    e.g. ``("ssgi", 2024)`` → ``("ski", 2023)``, ``("eppgbm", 2024)`` →
    ``("eppgbm", 2023)``; ``None`` for the first round of the series.

    Rounds are those with any headline figure (any region), newest first as
    :func:`kp2s_dashboard.prevalence.loader.rounds` gives them.
    """
    available = rounds(prevalence, series_sources(round_[0]))
    older = [r for r in available if r[1] < round_[1]]
    return older[0] if older else None


def peer_codes(
    code: str,
    mode: str,
    *,
    round_table: pd.DataFrame | None = None,
    neighbours: dict[str, list[str]] | None = None,
) -> list[str]:
    """The peer group of district ``code``, the district itself included,
    in registry (code) order.

    Args:
        code: BPS code of a kabupaten/kota.
        mode: ``"all"`` (the 13), ``"neighbours"`` (regions sharing a
            border, from ``neighbours``) or ``"class"`` (districts in the same
            prevalence class as ``code`` in ``round_table``).
        round_table: :func:`kp2s_dashboard.prevalence.summary.district_round` output
            (``code``, ``klass``); needed for ``"class"``. A district
            without a figure in that round is in class ``no_data`` and its
            group is the other districts without a figure.
        neighbours: ``{code: [codes]}`` as :func:`kp2s_dashboard.geo.neighbours`
            returns; needed for ``"neighbours"``.

    Returns:
        List of codes (str), always containing ``code``.

    Raises:
        KP2SError: unknown ``mode`` (``prof.err.mode``), or the input the
            mode needs is missing (``prof.err.peer_input``).
    """
    order = registry().district_codes()
    if mode == "all":
        return order
    if mode == "neighbours":
        if neighbours is None:
            raise KP2SError("prof.err.peer_input", mode=mode, needed="neighbours")
        wanted = {code, *neighbours.get(code, [])}
    elif mode == "class":
        if round_table is None:
            raise KP2SError("prof.err.peer_input", mode=mode, needed="round_table")
        classes = dict(zip(round_table["code"], round_table["klass"]))
        own = classes.get(code, NO_DATA)
        wanted = {c for c, k in classes.items() if k == own} | {code}
    else:
        raise KP2SError("prof.err.mode", mode=mode, expected=", ".join(MODES))
    return [c for c in order if c in wanted]


def compare_table(
    prevalence: pd.DataFrame, round_: tuple[str, int], codes: list[str], focus: str, bound=None
) -> pd.DataFrame:
    """The figures of a peer group in one round, with the change since the
    previous round of the same series.

    Args:
        prevalence: the tidy prevalence table.
        round_: ``(source, year)``, e.g. ``("ssgi", 2024)``.
        codes: the peer group (district codes).
        focus: the district highlighted.
        bound: the plausibility bound of the series
            (:class:`kp2s_dashboard.prevalence.progress.Bound` from
            ``data/plausibility.toml``: ``load_plausibility()["survey"]`` or
            ``["register"]``); a change larger than ``bound.allowed(gap in
            years)`` is flagged, as on Ringkasan
            (:func:`kp2s_dashboard.prevalence.summary.change_between`).

    Returns:
        One row per code of ``codes`` (registry order) with
        :data:`COMPARE_COLUMNS`: ``code`` str, ``name`` str (short name),
        ``value_pct`` float64 (percent; NaN without a figure), ``klass``
        str (class key, ``no_data`` for NaN), ``previous_pct`` float64
        (the previous round of the series, see :func:`previous_round`;
        NaN when none), ``change_pp`` float64 (``value_pct −
        previous_pct``, percentage points; negative = fall), ``focus``
        bool, ``rank`` Int64 (1 = lowest prevalence among the peers with a
        figure; ties share the best rank; <NA> without a figure),
        ``flagged`` bool (implausible change; False without a bound or a
        change).
    """
    table = summary.district_round(prevalence, *round_)
    table = table[table["code"].isin(codes)].copy()
    before = previous_round(prevalence, round_)
    if before is not None:
        prev = summary.district_round(prevalence, *before)[["code", "value_pct"]]
        table = table.merge(prev.rename(columns={"value_pct": "previous_pct"}), on="code", how="left")
    else:
        table["previous_pct"] = float("nan")
    table["change_pp"] = (table["value_pct"] - table["previous_pct"]).round(2)
    table["focus"] = table["code"] == focus
    table["rank"] = table["value_pct"].rank(method="min").astype("Int64")
    limit = bound.allowed(abs(round_[1] - before[1])) if bound is not None and before is not None else float("inf")
    table["flagged"] = (table["change_pp"].abs() > limit).fillna(False).astype(bool)
    return table[list(COMPARE_COLUMNS)].astype(COMPARE_COLUMNS).reset_index(drop=True)


def references(prevalence: pd.DataFrame, round_: tuple[str, int]) -> pd.DataFrame:
    """The province and Indonesia in ``round_`` and the previous round of
    the series, for reference lines.

    Returns:
        Rows for ``"63"`` and ``"00"`` that have a figure in ``round_``:
        ``code`` str, ``name`` str, ``value_pct`` float64,
        ``previous_pct`` float64 (NaN when absent), ``change_pp`` float64.
    """
    before = previous_round(prevalence, round_)
    rows = []
    for code in (PROVINCE_CODE, NATIONAL_CODE):
        now = values_for(prevalence, *round_)
        now = now[now["code"] == code]
        if now.empty:
            continue
        value = float(now["value_pct"].iloc[0])
        previous = float("nan")
        if before is not None:
            old = values_for(prevalence, *before)
            old = old[old["code"] == code]
            if not old.empty:
                previous = float(old["value_pct"].iloc[0])
        rows.append({"code": code, "name": registry().short_name(code), "value_pct": value,
                     "previous_pct": previous, "change_pp": round(value - previous, 2)})
    dtypes = {"code": "str", "name": "str", "value_pct": "float64", "previous_pct": "float64", "change_pp": "float64"}
    return pd.DataFrame.from_records(rows, columns=list(dtypes)).astype(dtypes)


def group_text(code: str, mode: str, codes: list[str], lang: str, class_key: str | None = None) -> str:
    """The peer group in words, e.g. ``Tapin dan 3 tetangganya: Banjar,
    Barito Kuala, Hulu Sungai Selatan`` / ``Tapin and its 3 neighbours:
    …``; for ``class`` the class label is named (``class_key``)."""
    from kp2s_dashboard.i18n import t

    reg = registry()
    others = [reg.short_name(c) for c in codes if c != code]
    name = reg.short_name(code)
    if mode == "all":
        return t("prof.cmp.group_all", lang, n=len(codes))
    if not others:
        return t(f"prof.cmp.group_{mode}_none", lang, name=name)
    klass = t(f"class.{class_key}", lang) if class_key else ""
    return t(f"prof.cmp.group_{mode}", lang, name=name, n=len(others), names=", ".join(others), klass=klass)


def focus_text(table: pd.DataFrame, lang: str, round_label: str) -> str:
    """The focus district's figure and rank in the group, e.g. ``Tapin,
    SSGI 2024: 13,2% — peringkat 1 dari 4 dalam kelompok ini (1 =
    terendah)``; says so when it has no figure."""
    from kp2s_dashboard.i18n import fmt_pct, t

    row = table[table["focus"]]
    if row.empty or pd.isna(row["value_pct"].iloc[0]):
        name = row["name"].iloc[0] if not row.empty else ""
        return t("prof.cmp.focus_none", lang, name=name, round=round_label)
    r = row.iloc[0]
    n = int(table["value_pct"].notna().sum())
    return t("prof.cmp.focus", lang, name=r["name"], round=round_label, value=fmt_pct(r["value_pct"], lang, _decimals(r["value_pct"])), rank=int(r["rank"]), n=n)


def _decimals(value: float) -> int:
    """1, or 2 when the figure has two decimals (``12,32%``)."""
    return 1 if abs(round(value, 1) - value) < 1e-9 else 2


def display_table(
    table: pd.DataFrame, lang: str, round_label: str, previous_label: str | None, formatted: bool = True
) -> pd.DataFrame:
    """:func:`compare_table` for showing or downloading, lowest first,
    headers in ``lang``.

    ``formatted=True`` (for the screen, narrow enough for a phone): district
    (map label: short name, HSS/HST/HSU for the Hulu Sungai districts), value in the round, change since ``previous_label``
    (when given) and rank, as text in the language's format (``13,2%``,
    ``−1,2``, "–" when missing). ``formatted=False`` (for downloads): also
    the class and the previous round's value, numbers as float64 (percent,
    points; change rounded to 2 decimals) and rank as Int64, and a remark
    column naming implausible changes. A flagged change carries ``⚠`` on
    screen.
    """
    from kp2s_dashboard.i18n import fmt_pct, fmt_signed, t

    rows = table.sort_values(["value_pct", "code"], na_position="last")
    flagged = rows["flagged"] if "flagged" in rows else pd.Series(False, index=rows.index)
    value_col = t("prof.cmp.col_value", lang, round=round_label)
    if formatted:
        from kp2s_dashboard.figures.prevalence import map_label

        out = {
            t("col.region", lang): [map_label(c) for c in rows["code"]],
            value_col: [fmt_pct(v, lang, _decimals(v)) if pd.notna(v) else "–" for v in rows["value_pct"]],
        }
        if previous_label:
            out[t("prof.cmp.col_change", lang)] = [fmt_signed(v, lang) + (" ⚠" if f else "")
                                                   for v, f in zip(rows["change_pp"], flagged)]
        out[t("prof.cmp.col_rank", lang)] = [str(int(r)) if pd.notna(r) else "–" for r in rows["rank"]]
        return pd.DataFrame(out).reset_index(drop=True)
    out = {
        t("col.region", lang): rows["name"],
        t("col.code", lang): rows["code"],
        t("prof.cmp.col_class", lang): [t(f"class.{k}", lang) for k in rows["klass"]],
        value_col: rows["value_pct"],
    }
    if previous_label:
        out[t("prof.cmp.col_value", lang, round=previous_label)] = rows["previous_pct"]
        out[t("prof.cmp.col_change", lang)] = rows["change_pp"].round(2)
    out[t("prof.cmp.col_rank", lang)] = rows["rank"]
    if previous_label:
        out[t("prof.cmp.col_check", lang)] = [t("prog.flag.implausible", lang) if f else "" for f in flagged]
    return pd.DataFrame(out).reset_index(drop=True)


def export_sources(
    prevalence: pd.DataFrame, round_: tuple[str, int], previous: tuple[str, int] | None, codes: list[str],
    lang: str,
) -> list[str]:
    """Source lines of a comparison export (CSV footer, XLSX Keterangan):
    the round(s) compared and the distinct links of the figures behind
    them (the peers, the province and Indonesia).

    Args:
        round_, previous: ``(source, year)`` of the round and the previous
            round of the series (``None`` when there is none).
        codes: the peer group.

    Returns:
        ``list[str]``: one line naming the rounds, then one link a line.
    """
    from kp2s_dashboard.i18n import t
    from kp2s_dashboard.prevalence.loader import SOURCE_LABELS

    used = [r for r in (round_, previous) if r is not None]
    names = ", ".join(f"{SOURCE_LABELS.get(s, s)} {y}" for s, y in used)
    lines = [t("prof.cmp.export_rounds", lang, rounds=names)]
    wanted = set(codes) | {PROVINCE_CODE, NATIONAL_CODE}
    for source, year in used:
        rows = values_for(prevalence, source, year)
        rows = rows[rows["code"].isin(wanted)]
        for url in rows["source_url"].fillna("").astype(str).str.strip():
            if url and url not in lines:
                lines.append(url)
    return lines
