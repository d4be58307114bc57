"""The deck's prevalence slides: ``title`` (the latest survey prevalence of
the region, the province and Indonesia, and the national 2029 target),
``map`` (the 13 districts in prevalence classes for one survey round) and
``trend`` (survey and e-PPGBM series and the targets that apply).

Each builder returns one :class:`~kp2s_dashboard.export.deck_model.Slide`;
:func:`kp2s_dashboard.export.deck.build_deck` puts them in order.
"""

from __future__ import annotations

import pandas as pd

from kp2s_dashboard.prevalence.targets import target_label
from kp2s_dashboard.figures import prevalence as figures
from kp2s_dashboard.prevalence import summary
from kp2s_dashboard.export.deck_model import LINE_COLOURS, Slide, TrendSeries, _unique, region_title
from kp2s_dashboard.i18n import fmt_pct, t
from kp2s_dashboard.prevalence.series import plausibility_flags
from kp2s_dashboard.prevalence.loader import REGISTER_SOURCES, SOURCE_LABELS, SURVEY_SOURCES, headline, rounds
from kp2s_dashboard.regions import NATIONAL_CODE, PROVINCE_CODE, registry
from kp2s_dashboard.prevalence.targets import DEFAULT_TARGET_LABELS, targets_for


def _round_text(source: str, year: int) -> str:
    return f"{SOURCE_LABELS.get(source, source)} {year}"



def _years_text(years: list[int]) -> str:
    """``2021, 2022, 2024`` — the years of one source, in order."""
    return ", ".join(str(y) for y in sorted(set(years)))


def _latest_survey(prevalence: pd.DataFrame, code: str, source_year: tuple[str, int] | None = None) -> pd.Series | None:
    data = headline(prevalence)
    data = data[(data["code"] == code) & data["source"].isin(SURVEY_SOURCES)]
    if source_year is not None:
        same = data[(data["source"] == source_year[0]) & (data["year"] == source_year[1])]
        if not same.empty:
            return same.iloc[0]
    if data.empty:
        return None
    return data.sort_values("year").iloc[-1]


def _title_slide(prevalence, targets, focus, lang, assessment) -> Slide:
    reg = registry()
    items: list[dict[str, str]] = []
    urls: list[str] = []
    own = _latest_survey(prevalence, focus)
    rnd = (own["source"], int(own["year"])) if own is not None else None
    codes = [focus] + ([PROVINCE_CODE] if focus != PROVINCE_CODE else []) + [NATIONAL_CODE]
    for c in codes:
        row = own if c == focus else _latest_survey(prevalence, c, rnd)
        if row is None:
            continue
        name = t("exp.province_short", lang) if c == PROVINCE_CODE else reg.short_name(c)
        items.append({"label": name, "detail": _round_text(row["source"], int(row["year"])),
                      "value": fmt_pct(float(row["value_pct"]), lang)})
        urls.append(row["source_url"])
    national = targets[(targets["code"] == NATIONAL_CODE) & (targets["year"] == 2029)]
    if not national.empty:
        target = national.iloc[0]
        items.append({"label": t("exp.target_label", lang, year=2029), "detail": target_label(str(target["label"]), lang),
                      "value": fmt_pct(float(target["target_pct"]), lang)})
        urls.append(target["source_url"])
    rounds_used = ", ".join(dict.fromkeys(i["detail"] for i in items if i["label"] != t("exp.target_label", lang,
                                                                                          year=2029)))
    source = t("exp.title_source", lang, rounds=rounds_used or "–")
    subtitle = t("exp.title_subtitle" if focus != PROVINCE_CODE else "exp.title_subtitle_province", lang)
    return Slide(kind="title", title=t("exp.deck_title", lang, region=region_title(focus, lang)), subtitle=subtitle,
                 source=source, urls=_unique(urls), data={"figures": items})


def _map_slide(prevalence, focus, lang) -> Slide:
    survey_rounds = rounds(prevalence, SURVEY_SOURCES)
    # the newest survey round with figures for most districts (the map's purpose)
    chosen = None
    for rnd in survey_rounds:
        table = summary.district_round(prevalence, *rnd)
        if table["value_pct"].notna().sum() >= 7:
            chosen = rnd
            break
    if chosen is None:
        return Slide(kind="map", title=t("exp.map_title_none", lang), empty=t("exp.no_map_data", lang),
                     source=t("exp.source_none", lang))
    table = summary.district_round(prevalence, *chosen)
    label = _round_text(*chosen)
    from kp2s_dashboard import geo

    notes = []
    missing = table[table["value_pct"].isna()]
    if len(missing):
        notes.append(t("exp.map_missing", lang, names=", ".join(missing["name"])))
    return Slide(
        kind="map",
        title=t("exp.map_title", lang, round=label),
        source=t("fig.source_note", lang, source=label).replace("<br>", " "),
        urls=_unique(table["source_url"]),
        notes=tuple(notes),
        # the boundaries are credited only where the map is drawn (deck_model.source_line)
        data={"round": chosen, "table": table, "selected": None if focus == PROVINCE_CODE else focus,
              "credit": geo.attribution(lang)},
    )


def _trend_slide(prevalence, targets, focus, lang, until, own_targets: bool = False) -> Slide:
    """The trend slide; the national targets in force
    (:data:`DEFAULT_TARGET_LABELS`) only, unless ``own_targets`` adds the
    region's own (provincial, district) targets."""
    reg = registry()
    codes = [focus, PROVINCE_CODE] if focus != PROVINCE_CODE else [PROVINCE_CODE, NATIONAL_CODE]
    data = headline(prevalence)
    data = data[data["code"].isin(codes)].sort_values(["code", "year"])
    series: list[TrendSeries] = []
    for i, c in enumerate(codes):
        own = data[data["code"] == c]
        name = t("exp.province_short", lang) if c == PROVINCE_CODE else reg.short_name(c)
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        kinds = [("survey", SURVEY_SOURCES), ("register", REGISTER_SOURCES)]
        for kind, sources in kinds:
            part = own[own["source"].isin(sources)].sort_values("year")
            if part.empty:
                continue
            series.append(TrendSeries(
                name=t(f"exp.series_{kind}", lang, region=name),
                kind=kind, code=c,
                years=[int(y) for y in part["year"]],
                values=[float(v) for v in part["value_pct"]],
                sources=[str(s) for s in part["source"]],
                colour=colour,
            ))
    applicable = targets_for(targets, focus)
    own_labels = set(applicable.loc[applicable["scope"] != "national", "label"]) if own_targets else set()
    national = (applicable["scope"] == "national") & applicable["label"].isin(DEFAULT_TARGET_LABELS)
    shown = applicable[(national | applicable["label"].isin(own_labels)) & (applicable["year"] <= until)]
    for j, (label, part) in enumerate(shown.groupby("label", sort=False)):
        colour, _symbol = figures.TARGET_STYLES[j % len(figures.TARGET_STYLES)]
        part = part.sort_values("year")
        series.append(TrendSeries(
            name=t("exp.series_target", lang, label=target_label(label, lang)), kind="target", code=str(part["code"].iloc[0]),
            years=[int(y) for y in part["year"]], values=[float(v) for v in part["target_pct"]],
            sources=[target_label(label, lang)] * len(part), colour=colour, conflict=[bool(c) for c in part["conflict"]],
        ))
    all_years = [y for s in series for y in s.years]
    if not all_years:
        return Slide(kind="trend", title=t("exp.trend_title", lang, region=region_title(focus, lang)),
                     empty=t("exp.no_trend_data", lang), source=t("exp.source_none", lang))
    years = list(range(min(all_years), max(all_years) + 1))
    by_source: dict[str, list[int]] = {}
    for s in series:
        if s.kind != "target":
            for src, y in zip(s.sources, s.years):
                by_source.setdefault(src, []).append(y)
    order = [s for s in (*SURVEY_SOURCES, *REGISTER_SOURCES) if s in by_source]
    data_text = "; ".join(f"{SOURCE_LABELS[s]} {_years_text(by_source[s])}" for s in order)
    target_text = ", ".join(dict.fromkeys(target_label(str(x), lang) for x in shown["label"])) or "–"
    notes = [t("exp.trend_note", lang)]
    flags = plausibility_flags(prevalence, codes)  # the ringed points of the figure, said in words for the file
    if not flags.empty:
        notes.append(t("exp.trend_flag_note", lang, changes="; ".join(
            f"{r.name} {r.from_year} {fmt_pct(r.from_pct, lang)} → {r.to_year} {fmt_pct(r.to_pct, lang)}"
            for r in flags.itertuples())))
    if shown["conflict"].any():
        notes.append(t("trend.conflict_note", lang))
    return Slide(
        kind="trend",
        title=t("exp.trend_title", lang, region=region_title(focus, lang)),
        source=t("exp.trend_source", lang, data=data_text, targets=target_text),
        urls=_unique([*data["source_url"], *shown["source_url"]]),
        notes=tuple(notes),
        data={"series": series, "years": years, "codes": codes, "table": data, "targets": shown, "until": until,
              "flags": {(str(r.code), int(r.to_year)) for r in flags.itertuples()}},  # (code, year) reached by a jump
    )
