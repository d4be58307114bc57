"""Alternative figures recorded in notes: the conflict marker and the numbers after it.

A row of the prevalence table (its ``note``) or of the targets table (its
``basis``) may record that another source gives another figure. This module
holds the one rule that recognises such a remark (:func:`conflict_marked`),
reads the alternative figures from it (:func:`alternative_values`) and
formats a figure with its alternatives (:func:`format_with_alternatives`).
Pure; percentages are percents (0–100).
"""

from __future__ import annotations

import math
import re
from typing import Iterable

from kp2s_dashboard import i18n

# "CONFLICT" in capitals (bare, "CONFLICT:" or "CONFLICT with"), or "conflict:" in any case;
# prose such as "conflicts with" or "no conflict" is not a marker.
_CONFLICT = re.compile(r"\bCONFLICT\b\s*(?::|with\b)?|\b(?i:conflict)\s*:")


def conflict_marked(text: object) -> bool:
    """True when a note or a target's ``basis`` records a conflicting figure.

    The one marker rule for conflicts, used by the targets loader (the
    ``conflict`` column of :func:`kp2s_dashboard.prevalence.targets.load_targets`, which
    the Tren chart and the deck draw as ⚠), by :func:`target_choices` and by
    :func:`alternative_values`: the word ``CONFLICT`` in capitals (bare,
    ``CONFLICT:`` or ``CONFLICT with …``) or ``conflict:`` in any case.
    Prose such as "no conflict with the national 14 %" or "conflicts with"
    is not a marker. Non-text (NaN, None) → False.
    """
    return isinstance(text, str) and _CONFLICT.search(text) is not None
_NUMBER = re.compile(r"^(\d{1,3})(?:([.,])(\d+))?%?$")
_NOT_A_VALUE_BEFORE = {"rank", "ranked", "peringkat", "of", "top", "no", "nomor", "ke"}
_NOT_A_VALUE_AFTER = {"points", "point", "poin", "pp", "th", "of", "districts", "provinces", "outlets"}


def _segment_end(text: str) -> int:
    """Index where the remark that starts ``text`` ends: the first ``;`` or
    sentence end (``. `` + capital) outside parentheses."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and ch == ";":
            return i
        elif depth == 0 and ch == "." and text[i + 1 : i + 2] == " " and text[i + 2 : i + 3].isupper():
            return i
    return len(text)


def alternative_values(note: object, value: float | None = None) -> tuple[float, ...]:
    """Alternative figures for a row, read from its ``note`` (or a target's
    ``basis``).

    The data convention: a conflicting figure is written after the marker
    ``CONFLICT`` in capitals (``CONFLICT: mediaindonesia.com (2025-08-12, …)
    reports 23.9``; ``CONFLICT with Bappeda Kalsel 18.1``) or ``conflict:``
    in any case; prose such as "conflicts with" is not a marker. Each remark runs to the
    next ``;`` or sentence end outside parentheses. In it, a number is taken
    when it stands alone as a token (``23.9``, ``23,9``, ``18``, ``23,9%``),
    lies in 0–100, and is not part of a date (``2025-08-12``), a year
    (``2013``), a web address (``metro7.co.id``), a rank (``rank 12``,
    ``12th``, ``of 13``) or a count of points (``13.8 points``). Figures
    equal to ``value`` (the row's own figure) are dropped.

    Returns:
        The alternatives in reading order, without repeats; ``()`` when the
        note records none (or is empty / not text).
    """
    if not isinstance(note, str) or not note:
        return ()
    found: list[float] = []
    for match in _CONFLICT.finditer(note):
        rest = note[match.end():]
        remark = rest[: _segment_end(rest)]
        tokens = remark.split()
        for i, raw in enumerate(tokens):
            token = raw.strip("()[]{}'\";:,")
            if token.endswith(".") and not re.search(r"\d\.\d", token):
                token = token.rstrip(".")
            m = _NUMBER.match(token)
            if not m:
                continue
            before = tokens[i - 1].strip("(),;:").lower() if i > 0 else ""
            after = tokens[i + 1].strip("(),;:.").lower() if i + 1 < len(tokens) else ""
            if before in _NOT_A_VALUE_BEFORE or after in _NOT_A_VALUE_AFTER:
                continue
            whole, sep, frac = m.groups()
            if sep == "," and len(frac) > 2:  # 334,848: a thousands separator
                continue
            number = float(f"{whole}.{frac}") if frac else float(whole)
            if not 0 < number <= 100:
                continue
            if value is not None and not (isinstance(value, float) and math.isnan(value)) and abs(number - float(value)) < 1e-9:
                continue
            if number not in found:
                found.append(number)
    return tuple(found)


def format_with_alternatives(
    value: float, alternatives: Iterable[float], lang: str = i18n.DEFAULT_LANGUAGE, decimals: int = 1
) -> str:
    """A figure with the alternatives recorded for it, e.g.
    ``22,9% (sumber lain: 23,9%)`` / ``22.9% (other source: 23.9%)``; just the
    figure when there are none. Each number gets at least ``decimals``
    decimals and more when it has them (``31,01%``)."""

    def one(v: float) -> str:
        return i18n.fmt_pct(v, lang, max(decimals, _decimals_needed(v)))

    alts = list(alternatives)
    if not alts:
        return one(value)
    others = ", ".join(one(a) for a in alts)
    return i18n.t("prog.alt.value_with_alternatives", lang, value=one(value), others=others)


def _decimals_needed(value: float) -> int:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0
    for d in range(0, 3):
        if abs(round(value, d) - value) < 1e-9:
            return d
    return 2
