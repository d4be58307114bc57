"""Warnings across all records of one prevalence load: survey conflicts, fraction-looking columns."""

from __future__ import annotations

from statistics import median

from kp2s_dashboard.errors import Location, Problem
from kp2s_dashboard.regions import registry
from kp2s_dashboard.prevalence.tidy import SOURCE_LABELS, SURVEY_SOURCES

def _survey_conflicts(records: list[dict]) -> list[Problem]:
    """A warning per region, year and indicator with figures from two
    different surveys (SSGI 2023 and SKI 2023 for Tanah Laut), naming both
    rows and both figures.

    Riskesdas, SSGBI, SSGI and SKI form one survey series with one figure
    per region and year (:mod:`kp2s_dashboard.prevalence.progress`); two figures for one
    year would make the trend, the rate and the status depend on which row
    is read first. Nothing is chosen silently: both rows are kept, the
    progress analytics leave that region and year out of its rate and say
    why, and the other regions are not affected. The message says to keep
    the survey published for that year and to write the other figure in its
    note after ``CONFLICT:``, where it is shown as an alternative figure.
    """
    groups: dict[tuple, list[dict]] = {}
    for rec in records:
        if rec["source"] in SURVEY_SOURCES:
            groups.setdefault((rec["code"], rec["year"], rec["indicator"]), []).append(rec)
    out = []
    for (code, year, indicator), recs in groups.items():
        by_source = {}
        for rec in recs:
            by_source.setdefault(rec["source"], rec)
        if len(by_source) < 2:
            continue
        first, *others = by_source.values()
        for other in others:
            out.append(
                Problem(
                    "warn.survey_conflict",
                    {
                        "region": registry().short_name(code),
                        "year": year,
                        "indicator": indicator,
                        "first_source": SOURCE_LABELS[first["source"]],
                        "first_value": float(first["value_pct"]),  # written in the UI language by Problem
                        "first_at": first["_loc"],  # written in the UI language by Problem
                        "second_source": SOURCE_LABELS[other["source"]],
                        "second_value": float(other["value_pct"]),
                    },
                    other["_loc"],
                    severity="warning",
                )
            )
    return out


def _fraction_warnings(name: str, records: list[dict]) -> list[Problem]:
    """A warning per value column whose values are all below 1 (and not all 0)
    with none percent-formatted or written with ``%``: probably fractions
    (0.246 for 24.6 %); a warning per value of :func:`stray_fractions` (per
    column and indicator), naming its cell or row. For .xls/.ods, whose number formats are not read,
    the warning says so."""
    by_col: dict[tuple, list[dict]] = {}
    for rec in records:
        by_col.setdefault(rec["_column"], []).append(rec)
    out = []
    for recs in by_col.values():
        by_indicator: dict[str, list[dict]] = {}
        for rec in recs:
            by_indicator.setdefault(rec["indicator"], []).append(rec)
        for group in by_indicator.values():  # a long table's one value column holds every indicator
            values = [rec["value_pct"] for rec in group]
            for i in stray_fractions(values, [rec["_marked"] for rec in group]):
                out.append(stray_fraction_problem(values, i, group[i]["_header"], group[i]["_loc"]))
        values = [rec["value_pct"] for rec in recs]
        if max(values) >= 1 or max(values) == 0 or any(rec["_marked"] for rec in recs):
            continue
        key = "warn.fractions" if recs[0]["_formats_known"] else "warn.fractions_format_unknown"
        example = next(v for v in values if v > 0)
        out.append(
            Problem(
                key,
                {"column": recs[0]["_header"], "example": float(example), "pct": float(example) * 100},
                Location(file=name, sheet=recs[0]["_column"][0]),
                "warning",
            )
        )
    return out


#: A column whose median is at least this many percent holds percents; a value below 1 in it is ten times smaller
#: than its typical value: a fraction typed among percents (0.123 for 12.3 %) more likely than a real figure.
PERCENT_COLUMN_MEDIAN = 10.0


def stray_fractions(values: list[float], marked: list[bool]) -> list[int]:
    """Indices of the values of one column that look like fractions among
    percents: above 0 and below 1, not written with ``%`` or percent-formatted
    (``marked``), in a column whose median is at least
    :data:`PERCENT_COLUMN_MEDIAN` (a stunting column of 12.3, 24.6, 0.123: the
    0.123). A column of small figures (severely stunted, median 1.5) has none."""
    if len(values) < 2 or median(values) < PERCENT_COLUMN_MEDIAN:
        return []
    return [i for i, (v, m) in enumerate(zip(values, marked)) if 0 < v < 1 and not m]


def stray_fraction_problem(values: list[float], i: int, header: str, where: Location) -> Problem:
    """The warning for value ``i`` of :func:`stray_fractions`, at its cell or row."""
    return Problem("warn.fraction_among_percents",
                   {"value": float(values[i]), "column": header, "median": float(median(values)),
                    "pct": float(values[i]) * 100}, where, "warning")
