"""Ranks from values, and which stated total explains a file's own ranks.

Shared by the loader's rank check (:mod:`kp2s_dashboard.assessment.cross_checks`)
and the district result (:mod:`kp2s_dashboard.assessment.result`), so that
the total a file's ranks are checked against is the total its districts are
ranked by.
"""

from __future__ import annotations

import math

#: Kinds of stated totals a file's ranks may follow, in order of preference
#: when none (or several) explain them: ``Nilai Akhir``, ``Jumlah``/``Total``,
#: ``Rata-rata``.
RANK_KINDS = ("final", "total", "mean")


def rank_of(value: float, others: list[float]) -> int:
    """Rank of ``value`` among ``others`` (which include it): 1 + the number
    of values strictly higher (ties share the best rank, as Excel's ``RANK``)."""
    return 1 + sum(1 for other in others if other > value + 1e-9)


def explaining_kind(stated: dict[str, int], by_kind: dict[str, dict[str, float]],
                    extra: dict[str, list[float]] | None = None) -> tuple[str | None, dict[str, int]]:
    """The kind of stated total whose values give the file's stated ranks.

    Args:
        stated: district code → rank written in the file.
        by_kind: kind (``final`` | ``total`` | ``mean``) → code → value.
        extra: kind → values of rows not used (unknown district) that still
            take a place in the file's ranking.

    Returns:
        ``(kind, expected)``: the first kind of :data:`RANK_KINDS` (with
        values for two or more districts) under which every stated rank is
        the rank its value gives; when none does, the first such kind
        (the mismatches are then real). ``expected`` maps code → the rank
        that kind gives. ``(None, {})`` when no kind has two values.
    """
    extra = extra or {}
    candidates = []
    for kind in RANK_KINDS:
        values = {c: v for c, v in by_kind.get(kind, {}).items() if v is not None and not math.isnan(v)}
        if len(values) < 2:
            continue
        others = list(values.values()) + list(extra.get(kind, []))
        expected = {c: rank_of(v, others) for c, v in values.items()}
        candidates.append((kind, expected))
        if all(expected.get(c) == r for c, r in stated.items() if c in expected) and any(c in expected for c in stated):
            return kind, expected
    return candidates[0] if candidates else (None, {})
