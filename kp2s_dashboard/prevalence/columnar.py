"""The long layout of a large prevalence table read column-wise: the same records,
problems and warnings as :func:`kp2s_dashboard.prevalence.rows._read_rows`, checked on
whole columns.

:func:`read_long_columns` takes a sheet read by
:func:`kp2s_dashboard.sheets.columns.read_columns` and the header's plan.
Each check (region code or name, year, source, indicator, percent value)
runs once per distinct value of its column through the very parser the
row reader uses (:func:`~kp2s_dashboard.regions.Registry.to_code`,
:func:`~kp2s_dashboard.prevalence.fields._year`, ``_source``,
``_indicator``, ``_percent``); the outcome is looked up per row, and a
problem (same key, parameters and file/sheet/cell) is built only for the
cells that fail. Rows that are not plain data rows (blank or note rows, a
region alone, a missing value, a code and a name that disagree, a CSV row
longer than the header) are read by the row reader itself
(:func:`~kp2s_dashboard.prevalence.rows._read_row`), so what it says about
them is said word for word. Records, problems and warnings keep row order.

:func:`finish_columns` is :func:`kp2s_dashboard.prevalence.loader._finish`
over records kept as columns: duplicates, survey conflicts and fraction
warnings, then the tidy table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress, repeat
from typing import Any, Callable

import pandas as pd

from kp2s_dashboard.errors import DataError, KP2SError, Location, Problem
from kp2s_dashboard.prevalence.fields import _indicator, _percent, _source, _year, source_year_problem, source_years
from kp2s_dashboard.prevalence.layout import _header_text, _Plan
from kp2s_dashboard.prevalence.load_warnings import _survey_conflicts, stray_fraction_problem, stray_fractions
from kp2s_dashboard.prevalence.rows import _column_name, _Part, _read_row
from kp2s_dashboard.prevalence.tidy import SOURCE_LABELS, SURVEY_SOURCES, _typed
from kp2s_dashboard.regions import registry
from kp2s_dashboard.sheets.book import _letter
from kp2s_dashboard.sheets.cells import Cell, Grid, is_missing
from kp2s_dashboard.sheets.formulas import group_by_column

_NONE = type(None)


@dataclass
class Records:
    """Records of a load as columns (the tidy columns plus what the checks
    need). ``where[k]`` is record ``k``'s location: a
    :class:`~kp2s_dashboard.errors.Location`, or ``(table, row, col)`` turned
    into one by :meth:`location` only when a message needs it."""

    code: list = field(default_factory=list)
    year: list = field(default_factory=list)
    source: list = field(default_factory=list)
    indicator: list = field(default_factory=list)
    value_pct: list = field(default_factory=list)
    source_url: list = field(default_factory=list)
    note: list = field(default_factory=list)
    note_id: list = field(default_factory=list)
    origin: list = field(default_factory=list)
    where: list = field(default_factory=list)
    column: list = field(default_factory=list)
    header: list = field(default_factory=list)
    marked: list = field(default_factory=list)
    formats_known: list = field(default_factory=list)

    TIDY = ("code", "year", "source", "indicator", "value_pct", "source_url", "note", "note_id", "origin")
    ALL = TIDY + ("where", "column", "header", "marked", "formats_known")

    def __len__(self) -> int:
        return len(self.code)

    def location(self, k: int) -> Location:
        where = self.where[k]
        if isinstance(where, Location):
            return where
        table, row, col = where
        return table.location(row, col)

    def extend(self, other: "Records") -> None:
        for name in self.ALL:
            getattr(self, name).extend(getattr(other, name))

    def add_dicts(self, records: list[dict]) -> None:
        """Append records in the row reader's form (dicts with ``_`` keys)."""
        for rec in records:
            for name in self.TIDY:
                getattr(self, name).append(rec[name])
            self.where.append(rec["_loc"])
            self.column.append(rec["_column"])
            self.header.append(rec["_header"])
            self.marked.append(rec["_marked"])
            self.formats_known.append(rec["_formats_known"])

    def take(self, order: list[int]) -> "Records":
        out = Records()
        for name in self.ALL:
            values = getattr(self, name)
            setattr(out, name, [values[k] for k in order])
        return out


def _lookup(values: list, fn: Callable[[Any, bool], Any], flags: list | None = None) -> list:
    """``fn(value, percent_flag)`` once per distinct value, looked up per
    cell. Values are told apart by type where Python's equality would join
    them (``1``, ``1.0`` and ``True``), and by the percent-format flag when
    one is set."""
    kinds = set(map(type, values))
    if flags is not None and any(flags):
        keys: list = list(zip(map(type, values), values, flags))
        memo = {key: fn(key[1], key[2]) for key in set(keys)}
    elif bool in kinds or {int, float} <= kinds:
        keys = list(zip(map(type, values), values))
        memo = {key: fn(key[1], False) for key in set(keys)}
    else:
        keys = values
        memo = {value: fn(value, False) for value in set(values)}
    return list(map(memo.__getitem__, keys))


def _outcome(parse: Callable[[Cell, list[Problem]], Any], value: Any, flag: bool) -> tuple[Any, tuple | None]:
    """(result, (problem key, params) or None) of a row-reader parser on one value."""
    found: list[Problem] = []
    result = parse(Cell(value, 1, 1, flag), found)
    return result, ((found[0].key, found[0].params) if found else None)


def _region_outcome(value: Any, _flag: bool) -> tuple[str | None, tuple | None]:
    try:
        return registry().to_code(value), None
    except KP2SError as exc:
        return None, (exc.problem.key, exc.problem.params)


def _missing(value: Any, _flag: bool) -> bool:
    return is_missing(value)


def read_long_columns(grid: Grid, plan: _Plan) -> _Part:
    """The data rows of a long-layout sheet read column-wise (see the module
    docstring). ``grid`` comes from :meth:`~kp2s_dashboard.sheets.columns.Columns.grid`.
    Returns the :class:`~kp2s_dashboard.prevalence.rows._Part` the row
    reader would, with the records in ``part.columns`` (:class:`Records`)."""
    table = grid.columns  # type: ignore[attr-defined]
    start = plan.h + 1
    n = max(table.n_rows - start, 0)
    by_role = plan.by_role
    values = {role: table.column(col, start) for role, col in by_role.items()}
    missing = {role: _lookup(vals, _missing) for role, vals in values.items()}
    rows = range(start + 1, start + n + 1)  # sheet row numbers
    value_col = by_role["value_pct"]

    # plain data rows: a code or a name, another filled cell, a value; no cell past the header (CSV)
    lead = [not (a and b) for a, b in zip(missing.get("code", repeat(True)), missing.get("region", repeat(True)))]
    filled = [0] * n
    for m in missing.values():
        filled = [f + (not x) for f, x in zip(filled, m)]
    plain = [ld and f >= 2 and not mv for ld, f, mv in zip(lead, filled, missing["value_pct"])]
    if grid.is_csv and table.width > plan.last_col:
        for c in range(plan.last_col + 1, table.width + 1):
            beyond = _lookup(table.column(c, start), _missing)
            plain = [p and m for p, m in zip(plain, beyond)]

    # region: the code cell, then the name cell, each through the registry once per value
    code_out = _lookup(values["code"], _region_outcome) if "code" in values else [(None, None)] * n
    name_out = _lookup(values["region"], _region_outcome) if "region" in values else [(None, None)] * n
    mcode = missing.get("code", [True] * n)
    mname = missing.get("region", [True] * n)
    codes: list[str | None] = [None] * n
    region_problem: list[tuple | None] = [None] * n
    code_at = by_role.get("code")
    name_at = by_role.get("region")
    for i in compress(range(n), plain):
        if not mcode[i]:
            code, problem = code_out[i]
            if problem is not None:
                region_problem[i] = (problem, code_at)
                continue
            if not mname[i]:
                other, problem = name_out[i]
                if problem is not None:
                    region_problem[i] = (problem, name_at)
                elif other != code:
                    plain[i] = False  # code and name disagree: said by the row reader
                    continue
            codes[i] = code
        else:
            code, problem = name_out[i]
            if problem is not None:
                region_problem[i] = (problem, name_at)
            else:
                codes[i] = code

    def check(role: str, parse: Callable[[Cell, list[Problem]], Any], flags: list | None = None) -> list:
        return _lookup(values[role], lambda value, flag: _outcome(parse, value, flag), flags)

    years = check("year", lambda cell, found: _year(grid, cell, found))
    sources = check("source", lambda cell, found: _source(grid, cell, found))
    if "indicator" in by_role:
        indicators = check("indicator", lambda cell, found: _indicator(grid, cell, plan.default_indicator, found))
    else:
        indicators = [(plan.default_indicator, None)] * n
    percent = table.percent
    flags = [(r, value_col) in percent for r in rows] if percent else [False] * n
    pcts = check("value_pct", lambda cell, found: _percent(grid, cell, found), flags)

    part = _Part(grid, "long", [], [], list(plan.warnings), 0, 0)
    tagged: list[tuple[int, int, Problem]] = []
    ok = list(plain)
    checks = [(years, by_role["year"], 1), (sources, by_role["source"], 2),
              (indicators, by_role.get("indicator"), 3), (pcts, value_col, 4)]
    for i in compress(range(n), plain):
        if region_problem[i] is not None:
            (key, params), col = region_problem[i]
            tagged.append((i, 0, Problem(key, dict(params), table.location(start + 1 + i, col))))
            ok[i] = False
    for outcomes, col, order in checks:
        for i in compress(range(n), plain):
            problem = outcomes[i][1]
            if problem is not None:
                tagged.append((i, order, Problem(problem[0], dict(problem[1]), table.location(start + 1 + i, col))))
                ok[i] = False
    source_texts = {value: "" if is_missing(value) else str(value).strip() for value in set(values["source"])}
    if any(source_years(text) for text in source_texts.values()):  # "SSGI 2022" beside 2023 (row reader: _source_year)
        source_col = by_role["source"]
        for i in compress(range(n), plain):
            if years[i][1] is None and sources[i][1] is None and None not in (years[i][0], sources[i][0]):
                found = source_year_problem(source_texts[values["source"][i]], years[i][0])
                if found is not None:
                    tagged.append((i, 2, Problem(found[0], dict(found[1]), table.location(start + 1 + i, source_col))))
                    ok[i] = False
    part.rows_read = sum(plain)

    # the other rows, word for word by the row reader
    headers = {c.col: _header_text(c) for c in grid.rows[plan.h]}
    rec_rows: list[int] = []
    extra = Records()
    for i in range(n):
        if plain[i]:
            continue
        before = len(part.problems)
        _read_row(grid, plan, start + i, table.cells(start + i), headers, part)
        for seq, problem in enumerate(part.problems[before:]):
            tagged.append((i, seq, problem))
        del part.problems[before:]
        if part.records:
            extra.add_dicts(part.records)
            rec_rows += [i] * len(part.records)
            part.records.clear()
    tagged.sort(key=lambda item: (item[0], item[1]))
    part.problems = [p for _i, _s, p in tagged]

    # records of the plain rows that passed every check
    good = list(compress(range(n), ok))
    recs = Records()
    recs.code = [codes[i] for i in good]
    recs.year = [years[i][0] for i in good]
    recs.source = [sources[i][0] for i in good]
    recs.indicator = [indicators[i][0] for i in good]
    recs.value_pct = [pcts[i][0] for i in good]
    for role, target in (("source_url", recs.source_url), ("note", recs.note), ("note_id", recs.note_id)):
        if role in values:
            texts = _lookup(values[role], lambda value, _flag: "" if is_missing(value) else str(value).strip())
            target.extend(texts[i] for i in good)
        else:
            target.extend(repeat("", len(good)))
    letter = _letter(value_col)
    if grid.is_csv:
        recs.origin = [f"{grid.file}:line {start + 1 + i}" for i in good]
    else:
        recs.origin = [f"{grid.file}[{grid.sheet}]!{letter}{start + 1 + i}" for i in good]
    recs.where = [(table, start + 1 + i, value_col) for i in good]
    recs.column = [(grid.sheet, value_col)] * len(good)
    recs.header = [_column_name(value_col, headers.get(value_col, ""))] * len(good)
    raw = values["value_pct"]
    recs.marked = [flags[i] or (isinstance(raw[i], str) and "%" in raw[i]) for i in good]
    recs.formats_known = [grid.formats_known or grid.is_csv] * len(good)
    if len(extra):
        merged = Records()
        merged.extend(recs)
        merged.extend(extra)
        order = sorted(range(len(merged)), key=(good + rec_rows).__getitem__)
        recs = merged.take(order)
    part.columns = recs  # type: ignore[attr-defined]
    return part


def finish_columns(name: str, parts: list[_Part], warnings: list[Problem]):
    """:func:`kp2s_dashboard.prevalence.loader._finish` for parts whose
    records are columns (``part.columns``) or dicts (the row reader's)."""
    from kp2s_dashboard.prevalence.loader import _raise_no_values, _result

    problems: list[Problem] = group_by_column([p for part in parts for p in part.problems])
    for part in parts:
        warnings.extend(part.warnings)
    recs = Records()
    for part in parts:
        columns = getattr(part, "columns", None)
        if columns is not None:
            recs.extend(columns)
        else:
            recs.add_dicts(part.records)
    keys = list(zip(recs.code, recs.year, recs.source, recs.indicator))
    seen: dict[tuple, int] = {}
    short = registry().short_name
    for k, key in enumerate(keys):
        first = seen.setdefault(key, k)
        if first != k:
            problems.append(Problem("err.duplicate", {"region": short(recs.code[k]),
                                                      "source": SOURCE_LABELS.get(recs.source[k], recs.source[k]),
                                                      "year": recs.year[k], "indicator": recs.indicator[k],
                                                      "other": recs.location(first)}, recs.location(k)))
    # survey conflicts: the row reader's function on the records of groups with two surveys
    groups: dict[tuple, set] = {}
    for code, year, source, indicator in keys:
        if source in SURVEY_SOURCES:
            groups.setdefault((code, year, indicator), set()).add(source)
    clash = {g for g, s in groups.items() if len(s) > 1}
    if clash:
        subset = [{"code": recs.code[k], "year": recs.year[k], "indicator": recs.indicator[k],
                   "source": recs.source[k], "value_pct": recs.value_pct[k], "origin": recs.origin[k],
                   "_loc": recs.location(k)}
                  for k, (code, year, source, indicator) in enumerate(keys)
                  if source in SURVEY_SOURCES and (code, year, indicator) in clash]
        warnings.extend(_survey_conflicts(subset))
    if problems:
        raise DataError.from_problems(problems)
    if not len(recs):
        _raise_no_values(parts)
    warnings.extend(_fractions(name, recs))
    table = _typed(pd.DataFrame({c: getattr(recs, c) for c in Records.TIDY}))
    return _result(table, parts, warnings,
                   "columns" if any(getattr(p, "columns", None) is not None for p in parts) else "cells")


def _fractions(name: str, recs: Records) -> list[Problem]:
    """:func:`kp2s_dashboard.prevalence.load_warnings._fraction_warnings` on columns."""
    by_col: dict[tuple, list[int]] = {}
    for k, column in enumerate(recs.column):
        by_col.setdefault(column, []).append(k)
    out = []
    for members in by_col.values():
        by_indicator: dict[str, list[int]] = {}
        for k in members:
            by_indicator.setdefault(recs.indicator[k], []).append(k)
        for group in by_indicator.values():  # a long table's one value column holds every indicator
            values = [recs.value_pct[k] for k in group]
            for i in stray_fractions(values, [recs.marked[k] for k in group]):
                out.append(stray_fraction_problem(values, i, recs.header[group[i]], recs.location(group[i])))
        values = [recs.value_pct[k] for k in members]
        if max(values) >= 1 or max(values) == 0 or any(recs.marked[k] for k in members):
            continue
        first = members[0]
        key = "warn.fractions" if recs.formats_known[first] else "warn.fractions_format_unknown"
        example = next(v for v in values if v > 0)
        out.append(Problem(key, {"column": recs.header[first], "example": float(example), "pct": float(example) * 100},
                           Location(file=name, sheet=recs.column[first][0]), "warning"))
    return out
