"""Values of simple formulas that have no cached result.

A file written by a program that does not calculate (openpyxl, many
exports) stores formulas without their result. The reader computes the
value of the simple ones, exactly as Excel would:

- a sum or product of cells named one by one: ``=B2*C2``, ``=B2+C2+D2``,
  ``=B2*C2*D2`` (one operator throughout; blank cells count as 0);
- ``=SUM(…)`` / ``=PRODUCT(…)`` of cells and ranges on one row or one
  column of the same sheet: ``=SUM(B2:D2)``, ``=SUM(F7:F326)``,
  ``=SUM(B2,D2)`` (blank and text cells are skipped, as Excel's SUM does).

A referenced cell may itself be such a formula (computed first). Any other
formula (constants, other functions, other sheets, a referenced text or
error, a cycle) keeps being reported as a formula without a stored value.

Speed (issue 11): the cells of one ``=D7*E7`` form down a column are
computed a group at a time over lists, and a SUM over plain numbers without
the per-cell loop; both give what the per-cell rules above give
(``tests/test_formula_groups.py`` checks them against each other).
"""

from __future__ import annotations

import math
import operator
import re
from functools import reduce
from itertools import compress, product, repeat
from operator import itemgetter
from typing import Any

from kp2s_dashboard.sheets.book import Sheet

_REF = r"\$?([A-Z]{1,3})\$?(\d+)"
_CELLS_OP = re.compile(rf"^\s*{_REF}(?:\s*([*+])\s*{_REF})+\s*$")
_ONE_REF = re.compile(_REF)
_FUNC = re.compile(r"^\s*(SUM|PRODUCT)\(\s*([^()]*)\)\s*$", re.IGNORECASE)
_ARG = re.compile(rf"^\s*{_REF}(?:\s*:\s*{_REF})?\s*$")
#: the most cells a SUM/PRODUCT is computed over (all its ranges together)
MAX_RANGE = 100_000
_MISSING = object()


def _col(letters: str) -> int:
    n = _COLS.get(letters)
    if n is None:
        n = 0
        for ch in letters:
            n = n * 26 + ord(ch) - 64
        if len(_COLS) < 20_000:
            _COLS[letters] = n
    return n


_COLS: dict[str, int] = {}


_PAIR = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)([*+])\$?([A-Z]{1,3})\$?(\d+)$")


def _parse(formula: str) -> tuple[str, list[tuple[tuple[int, int], tuple[int, int]]], bool] | None:
    """(operator ``+``/``*``, ranges, skip_text) of a simple formula, or None."""
    text = formula.lstrip("=").strip().upper()
    pair = _PAIR.match(text)
    if pair:  # the common =D7*E7
        c1, r1, op, c2, r2 = pair.groups()
        a, b = (int(r1), _col(c1)), (int(r2), _col(c2))
        return op, [(a, a), (b, b)], False
    match = _CELLS_OP.match(text)
    if match:
        ops = set(re.findall(r"[*+]", text))
        if len(ops) != 1:
            return None
        refs = [((int(r), _col(c)),) * 2 for c, r in _ONE_REF.findall(text)]
        return ops.pop(), refs, False
    match = _FUNC.match(text)
    if not match:
        return None
    op = "+" if match.group(1) == "SUM" else "*"
    ranges = []
    size = 0
    for arg in match.group(2).split(","):
        part = _ARG.match(arg)
        if not part:
            return None
        c1, r1, c2, r2 = part.groups()
        start = (int(r1), _col(c1))
        end = (int(r2), _col(c2)) if c2 else start
        (ra, ca), (rb, cb) = start, end
        if ra != rb and ca != cb:
            return None  # a block: not one row or one column
        start, end = (min(ra, rb), min(ca, cb)), (max(ra, rb), max(ca, cb))
        size += (end[0] - start[0] + 1) * (end[1] - start[1] + 1)
        if size > MAX_RANGE:  # many ranges count together: the cells are listed before they are read
            return None
        ranges.append((start, end))
    return op, ranges, True


_ROW_TEXTS: list[str] = ["0"]


def _row_texts(rows: list[int]) -> Any:
    """``str(r)`` of every row number in ``rows`` (those up to 100,000 kept
    between calls)."""
    last = max(rows)
    if last > 100_000:
        return map(str, rows)
    if len(_ROW_TEXTS) <= last:
        _ROW_TEXTS.extend(map(str, range(len(_ROW_TEXTS), last + 1)))
    return map(_ROW_TEXTS.__getitem__, rows)


_NUMBER_TYPES = frozenset((int, float))
_SUM_TYPES = frozenset((int, float, str, type(None)))
#: a pair formula's form with the cell's own row number replaced by NUL (see
#: :func:`_pair_groups`): ``D\0*E\0`` is ``=D7*E7`` at row 7, ``=D8*E8`` at row 8, …
_PAIR_FORM = re.compile("^\\$?([A-Z]{1,3})\\$?(\x00|\\d+)([*+])\\$?([A-Z]{1,3})\\$?(\x00|\\d+)$")


def _pair_groups(sheet: Sheet) -> dict[tuple[int, int], Any]:
    """Values of the uncached ``=D7*E7``/``=D7+E7`` cells, computed a group
    at a time: the cells whose formula has one form relative to the cell's
    own row (``D\\0*E\\0``: the same product down a column) are computed
    together over lists, with exactly the per-cell fast path's rules (two
    plain numbers, neither uncached nor an error, a blank is 0, rounded to
    10 decimals, a whole result < 1e15 as int). A group where any cell
    breaks a rule is left to the per-cell path (:func:`compute_uncached`)."""
    uncached, formulas, values, errors = sheet.uncached, sheet.formulas, sheet.values, sheet.errors
    if len(uncached) == len(formulas) and uncached == formulas.keys():  # every formula uncached (openpyxl)
        keys, texts = list(formulas), list(formulas.values())  # in the order read: row by row
    else:
        keys = list(uncached)
        texts = list(map(formulas.get, keys, repeat("")))
    if "\x00" in "".join(texts):  # the marker below must not occur in a formula
        return {}
    rows = list(map(itemgetter(0), keys))
    forms = list(map(str.replace, texts, _row_texts(rows), repeat("\x00")))
    found: dict[tuple[int, int], Any] = {}
    results = _Results()
    distinct = set(forms)
    for form in distinct:
        match = _PAIR_FORM.match(form)
        if match is None:
            continue
        if len(distinct) == 1:
            group, group_rows = keys, rows
        else:
            chosen = list(map(form.__eq__, forms))
            group, group_rows = list(compress(keys, chosen)), list(compress(rows, chosen))
        c1, r1, op, c2, r2 = match.groups()
        refs = []
        for letters, row in ((c1, r1), (c2, r2)):
            col = _col(letters)
            refs.append(list(zip(group_rows, repeat(col))) if row == "\x00" else [(int(row), col)] * len(group))
        ka, kb = refs
        if not (uncached.isdisjoint(ka) and uncached.isdisjoint(kb)):
            continue
        if errors and not (errors.keys().isdisjoint(ka) and errors.keys().isdisjoint(kb)):
            continue
        va = list(map(values.get, ka, repeat(0)))
        vb = list(map(values.get, kb, repeat(0)))
        if not set(map(type, va)).union(map(type, vb)) <= _NUMBER_TYPES:
            continue
        totals = list(map(operator.mul if op == "*" else operator.add, va, vb))
        if not all(map(math.isfinite, totals)) or not -1e15 < min(totals) <= max(totals) < 1e15:
            continue
        found.update(zip(group, map(results.__getitem__, totals)))
    return found


class _Results(dict):
    """Exact sum or product → the cell's value, as the per-cell path makes
    it (rounded to 10 decimals; whole as int), worked out once per distinct
    number. Only for |number| < 1e15, where an int and an equal float (one
    key) give the same value."""

    def __missing__(self, exact: Any) -> Any:
        total = round(exact, 10)
        value = int(total) if float(total).is_integer() and abs(total) < 1e15 else total
        self[exact] = value
        return value


def compute_uncached(sheet: Sheet) -> set[tuple[int, int]]:
    """Compute the simple uncached formulas of ``sheet`` in place: their
    value goes into ``sheet.values`` and the cell leaves ``sheet.uncached``.
    Returns the cells computed.

    The cells are taken in row order; a formula referring to an uncached
    cell computes that cell first (at most 50 deep; a cycle is not
    computable). The ``=D7*E7`` cells of one form down a column are
    computed a group at a time (:func:`_pair_groups`) with the same result
    as one at a time."""
    done: set[tuple[int, int]] = set()
    if not sheet.uncached:
        return done
    state: dict[tuple[int, int], Any] = {}  # key -> value, or _MISSING while in progress / failed
    values, uncached, errors, formulas = sheet.values, sheet.uncached, sheet.errors, sheet.formulas
    fast = _pair_groups(sheet)
    # the row-order loop below runs over the other cells; a grouped cell before the
    # cell being computed has its value (the loop would have reached it), a later one
    # is computed on demand as the loop would (its value, unless more than 50 deep)
    current: tuple[int, int] = (0, 0)

    def value_of(key: tuple[int, int], depth: int) -> Any:
        if key in uncached:
            return evaluate(key, depth + 1)
        if key in errors:
            return _MISSING
        return values.get(key)

    def evaluate(key: tuple[int, int], depth: int = 0) -> Any:
        grouped = fast.get(key, _MISSING)
        if grouped is not _MISSING:
            if key < current:
                return grouped
            if key in state:
                return state[key]
            state[key] = grouped if depth <= 50 else _MISSING
            return state[key]
        if key in state:
            return state[key]
        state[key] = _MISSING  # a cycle reads as not computable
        parsed = _parse(formulas.get(key, ""))
        if parsed is None or depth > 50:
            return _MISSING
        op, ranges, skip_text = parsed
        cells: list[tuple[int, int]] = []
        for (r1, c1), (r2, c2) in ranges:
            cells.extend(product(range(r1, r2 + 1), range(c1, c2 + 1)))
        numbers = _plain_numbers(cells, skip_text)
        if numbers is None:  # one at a time, computing referenced formulas on the way
            total = 0.0 if op == "+" else 1.0
            seen = False
            for cell in cells:
                v = value_of(cell, depth)
                if v is _MISSING:
                    return _MISSING
                if v is None or v == "":
                    if skip_text:
                        continue
                    v = 0
                if isinstance(v, bool) or not isinstance(v, (int, float)):
                    if skip_text and isinstance(v, str):
                        continue  # SUM skips text
                    return _MISSING  # =B2*C2 with text: #VALUE! in Excel
                seen = True
                total = total + v if op == "+" else total * v
        else:
            seen = bool(numbers)
            total = reduce(operator.add, numbers, 0.0) if op == "+" else reduce(operator.mul, numbers, 1.0)
        if op == "*" and not seen:
            total = 0.0  # Excel: PRODUCT of nothing is 0
        if math.isnan(total) or math.isinf(total):
            return _MISSING
        total = round(total, 10)
        result: Any = int(total) if float(total).is_integer() and abs(total) < 1e15 else total
        state[key] = result
        return result

    def _plain_numbers(cells: list[tuple[int, int]], skip_text: bool) -> list | None:
        """The numbers the loop of :func:`evaluate` would add or multiply, in
        order, when no cell needs computing on the way (no error; every
        uncached cell a grouped one the row-order loop already passed) and
        every value is a plain int, float, text or blank; else None."""
        if errors and not errors.keys().isdisjoint(cells):
            return None
        pending = uncached.intersection(cells)
        if pending:
            if not (pending <= fast.keys() and max(pending) < current):
                return None
            found = list(map(fast.get, cells, map(values.get, cells)))
        else:
            found = list(map(values.get, cells))
        kinds = set(map(type, found))
        if kinds <= _NUMBER_TYPES:
            return found
        if not kinds <= _SUM_TYPES:
            return None
        if skip_text:  # SUM skips blanks and text
            return [v for v in found if v.__class__ is int or v.__class__ is float]
        if str in kinds:
            return None  # "" counts 0, other text fails: left to the loop
        return [0 if v is None else v for v in found]  # =B2+C2: a blank counts 0

    match_pair, get_formula, get_value, col_of, isfinite = _PAIR.match, formulas.get, values.get, _col, math.isfinite
    succeeded: list[tuple[int, int]] = []
    for key in sorted(uncached.difference(fast) if fast else uncached):
        current = key
        # fast path, the common =D7*E7 / =D7+E7 of two plain numbers
        pair = match_pair(get_formula(key, "").lstrip("=").strip().upper())
        if pair:
            c1, r1, op, c2, r2 = pair.groups()
            a, b = (int(r1), col_of(c1)), (int(r2), col_of(c2))
            if a not in uncached and b not in uncached and a not in errors and b not in errors:
                va, vb = get_value(a, 0), get_value(b, 0)
                ta, tb = type(va), type(vb)
                if (ta is int or ta is float) and (tb is int or tb is float):
                    total = round(va * vb if op == "*" else va + vb, 10)
                    if isfinite(total):
                        state[key] = int(total) if float(total).is_integer() and abs(total) < 1e15 else total
                        succeeded.append(key)
                        continue
        value = evaluate(key)
        if value is not _MISSING:
            succeeded.append(key)
    computed = dict(fast)
    computed.update((key, state[key]) for key in succeeded)
    done.update(computed)
    sheet.add_values(computed)
    sheet.uncached -= done
    sheet.computed |= done
    return done


#: per-cell message key → the key of the same finding for several cells of one column
GROUPED_KEYS = {
    "err.asm_formula_uncached": "err.asm_formula_uncached_cells",
    "err.asm_formula_uncached_total": "err.asm_formula_uncached_total_cells",
    "err.formula_uncached": "err.formula_uncached_cells",
}


def group_by_column(problems: list, grouped: dict[str, str] | None = None) -> list:
    """One finding per file, sheet, column and key instead of one per cell.

    Problems whose key is in ``grouped`` (default :data:`GROUPED_KEYS`) and
    that name a cell are gathered by (key, file, sheet, column letter); a
    group of two or more becomes one problem with the grouped key, placed
    where its first cell was, located at the range (``cell="F7:F326"``,
    first to last row) with params ``count``, ``range`` and the first
    cell's other params (``formula``). Other problems keep their place.
    """
    from kp2s_dashboard.errors import Location, Problem

    grouped = GROUPED_KEYS if grouped is None else grouped
    groups: dict[tuple, list] = {}
    for p in problems:
        loc = p.location
        if p.key in grouped and loc is not None and loc.cell:
            column = loc.cell.rstrip("0123456789")
            groups.setdefault((p.key, loc.file, loc.sheet, column), []).append(p)
    if all(len(g) < 2 for g in groups.values()):
        return list(problems)
    first_of = {id(g[0]): g for g in groups.values() if len(g) > 1}
    members = {id(p) for g in first_of.values() for p in g}
    out = []
    for p in problems:
        if id(p) in first_of:
            group = first_of[id(p)]
            rows = sorted(int(q.location.cell[len(q.location.cell.rstrip("0123456789")):]) for q in group)
            column = p.location.cell.rstrip("0123456789")
            rng = f"{column}{rows[0]}:{column}{rows[-1]}"
            params = {**p.params, "count": len(group), "range": rng}
            out.append(Problem(key=grouped[p.key], params=params,
                               location=Location(file=p.location.file, sheet=p.location.sheet, cell=rng),
                               severity=p.severity))
        elif id(p) not in members:
            out.append(p)
    return out
