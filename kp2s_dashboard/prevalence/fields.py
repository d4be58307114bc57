"""Parsing the cells of one prevalence row: year, source, indicator, percent value, text.

Each parser appends a :class:`~kp2s_dashboard.errors.Problem` naming the
cell and what was expected, and returns ``None``, when the cell is not valid.
"""

from __future__ import annotations

import math

import re

from kp2s_dashboard.sheets.cells import Cell, Grid, cell_percent, is_missing
from kp2s_dashboard.errors import Problem
from kp2s_dashboard.prevalence.layout import _source_in, _sources_in
from kp2s_dashboard.prevalence.tidy import SOURCES

def _text(cell: Cell | None) -> str:
    if cell is None or is_missing(cell.value):
        return ""
    return str(cell.value).strip()


def _percent(grid: Grid, cell: Cell | None, problems: list[Problem]) -> float | None:
    if cell is None:
        return None
    if cell.merged_from is not None:
        # a figure merged down over the next rows would be read again for each of them (another region or
        # year): only the range's first cell holds it
        problems.append(Problem("err.value_merged", {"origin": cell.merged_from}, grid.location(cell)))
        return None
    try:
        value = cell_percent(cell)
        if value is not None and not math.isfinite(value):  # "9" × 400 digits reads as inf
            raise ValueError(cell.value)
    except ValueError:
        problems.append(Problem("err.not_a_number", {"value": str(cell.value)}, grid.location(cell)))
        return None
    if value is not None and not 0.0 <= value <= 100.0:
        problems.append(Problem("err.pct_out_of_range", {"value": value}, grid.location(cell)))
        return None
    return value


def _year(grid: Grid, cell: Cell, problems: list[Problem]) -> int | None:
    text = "" if is_missing(cell.value) else str(cell.value).strip()
    if isinstance(cell.value, float) and cell.value.is_integer():
        text = str(int(cell.value))
    if re.fullmatch(r"\d{4}\.0", text):  # "2022.0": a year written out from a float column
        text = text[:-2]
    if not re.fullmatch(r"\d{4}", text) or not 1990 <= int(text) <= 2100:
        problems.append(Problem("err.bad_year", {"value": text}, grid.location(cell)))
        return None
    return int(text)


def _source(grid: Grid, cell: Cell, problems: list[Problem]) -> str | None:
    text = "" if is_missing(cell.value) else str(cell.value).strip()
    source = text.lower() if text.lower() in SOURCES else _source_in(text)
    if source is None and len(named := _sources_in(text)) > 1:
        problems.append(Problem("err.source_several", {"value": text, "sources": ", ".join(named)},
                                grid.location(cell)))
    elif source is None:
        problems.append(Problem("err.unknown_source", {"value": text, "expected": ", ".join(SOURCES)}, grid.location(cell)))
    return source


def source_years(text: str) -> frozenset[int]:
    """The years (1990–2100) a source text names: ``"SSGI 2022 (terbit 2023)"``
    → {2022, 2023}; ``"SSGI"`` → {}."""
    return frozenset(int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text) if 1990 <= int(y) <= 2100)


def source_year_problem(text: str, year: int) -> tuple[str, dict] | None:
    """``("err.source_year_other", params)`` when a source text names years and
    ``year`` (the row's year column) is none of them (``"SSGI 2022"`` beside
    2023: which year the figure belongs to cannot be told), else None."""
    named = source_years(text)
    if not named or year in named:
        return None
    return "err.source_year_other", {"value": text, "named": ", ".join(map(str, sorted(named))), "year": year}


def _source_year(grid: Grid, cell: Cell, year: int, problems: list[Problem]) -> bool:
    """False (and ``err.source_year_other`` naming the source cell) when the
    source cell names another year than the row's ``year``."""
    found = source_year_problem(_text(cell), year)
    if found is None:
        return True
    problems.append(Problem(found[0], found[1], grid.location(cell)))
    return False


#: Indicator spellings (normalised: lower case, ``(%)``/``%``/``prevalensi``
#: dropped, punctuation to spaces). Riskesdas/SSGI categories of
#: height-for-age (WHO 2006 standard): *pendek* (moderately stunted,
#: −3 SD ≤ HAZ < −2 SD) and *sangat pendek* (severely stunted, HAZ < −3 SD);
#: stunting is both together (Kemenkes, *Situasi Balita Pendek*, 2016).
INDICATOR_SPELLINGS = {
    "stunting": {"stunting", "stunted", "total stunting", "stunting total", "pendek dan sangat pendek",
                 "pendek sangat pendek", "sangat pendek dan pendek", "balita stunting"},
    "severely_stunted": {"severely stunted", "severe stunting", "sangat pendek", "stunting berat",
                         "balita sangat pendek"},
    "moderately_stunted": {"moderately stunted", "moderate stunting", "pendek", "stunting sedang", "balita pendek"},
}


def _norm_indicator(text: str) -> str:
    text = text.lower().replace("(%)", " ").replace("%", " ").replace("&", " dan ").replace("+", " dan ")
    text = re.sub(r"[_\-/(),.:]+", " ", text)
    words = [w for w in text.split() if w not in ("prevalensi", "prevalence", "of", "persen")]
    return " ".join(words)


def _indicator(grid: Grid, cell: Cell | None, default: str, problems: list[Problem]) -> str | None:
    """The indicator key of a long-layout row (``default`` when the column is
    absent or the cell blank); unknown texts are errors naming the cell and
    the accepted spellings."""
    if cell is None or is_missing(cell.value):
        return default
    key = _norm_indicator(str(cell.value))
    for indicator, spellings in INDICATOR_SPELLINGS.items():
        if key == indicator.replace("_", " ") or key in spellings:
            return indicator
    accepted = "; ".join(f"{k}: {', '.join(sorted(v))}" for k, v in INDICATOR_SPELLINGS.items())
    problems.append(Problem("err.unknown_indicator", {"value": str(cell.value).strip(), "expected": accepted}, grid.location(cell)))
    return None
