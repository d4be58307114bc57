"""The province board: per kabupaten/kota and action, how many
recommendations are open, in progress, done, not possible and overdue as of
a date, and the open ones oldest first. Pure functions over
:func:`kp2s_dashboard.recommendations.model.current_table`.

Definitions (one place, used by the page and every later export):

- *open*: current status ``belum_ditindaklanjuti`` (no follow-up yet, or
  the latest says so);
- *in progress*: ``dalam_proses``; *done*: ``selesai``; *not possible*:
  ``tidak_dapat_ditindaklanjuti`` (with its reason);
- *overdue*: open or in progress and its due date (tenggat) is before the
  as-of date — a subset of open + in progress, not a fifth status.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from kp2s_dashboard.recommendations.model import CLOSED, DONE, IN_PROGRESS, NOT_POSSIBLE, OPEN, current_table

#: Count columns of :func:`board`, in order.
COUNT_COLUMNS = ["open", "in_progress", "done", "not_possible", "overdue", "total"]


def is_overdue(table: pd.DataFrame, as_of: date) -> pd.Series:
    """Boolean Series over ``table`` (a current table): not closed and due
    before ``as_of``. No due date is never overdue."""
    due = table["due_date"]
    late = due.map(lambda d: d is not None and not (isinstance(d, float) and pd.isna(d)) and d < as_of)
    return late & ~table["status"].isin(CLOSED)


def board(recs: pd.DataFrame, entries: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Counts per ``district_code`` × ``action`` as of ``as_of``.

    Returns a DataFrame with columns ``district_code`` (str), ``action``
    (Int64, <NA> for general recommendations) and :data:`COUNT_COLUMNS`
    (int64), one row per pair that has at least one recommendation, ordered
    by district code then action (general last). Follow-ups dated after
    ``as_of`` do not count.
    """
    table = current_table(recs, entries, as_of)
    columns = ["district_code", "action", *COUNT_COLUMNS]
    if not len(table):
        return pd.DataFrame(columns=columns).astype({c: "int64" for c in COUNT_COLUMNS})
    table = table.assign(
        open=table["status"].eq(OPEN).astype("int64"),
        in_progress=table["status"].eq(IN_PROGRESS).astype("int64"),
        done=table["status"].eq(DONE).astype("int64"),
        not_possible=table["status"].eq(NOT_POSSIBLE).astype("int64"),
        overdue=is_overdue(table, as_of).astype("int64"),
        total=1,
        action_key=table["action"].fillna(99).astype("int64"),
    )
    out = (table.groupby(["district_code", "action_key"], sort=True)[COUNT_COLUMNS].sum().reset_index())
    out["action"] = out["action_key"].where(out["action_key"] != 99).astype("Int64")
    return out[columns].astype({c: "int64" for c in COUNT_COLUMNS}).reset_index(drop=True)


def totals_by_district(counts: pd.DataFrame) -> pd.DataFrame:
    """:func:`board` summed over actions: one row per ``district_code``
    with :data:`COUNT_COLUMNS`."""
    return counts.groupby("district_code", sort=True)[COUNT_COLUMNS].sum().reset_index()


def oldest_open(recs: pd.DataFrame, entries: pd.DataFrame, as_of: date, limit: int | None = None) -> pd.DataFrame:
    """The recommendations not closed as of ``as_of`` (open or in progress),
    oldest first: by due date (none last), then assessment year, then id.
    Columns: those of ``current_table`` plus ``overdue`` (bool) and
    ``days_overdue`` (Int64, <NA> when not overdue)."""
    table = current_table(recs, entries, as_of)
    table = table[~table["status"].isin(CLOSED)].copy()
    table["overdue"] = is_overdue(table, as_of) if len(table) else pd.Series(dtype=bool)
    table["days_overdue"] = pd.array(
        [(as_of - d).days if late else pd.NA for d, late in zip(table["due_date"], table["overdue"])], dtype="Int64")
    table["_no_due"] = table["due_date"].map(lambda d: d is None or (isinstance(d, float) and pd.isna(d)))
    table["_due"] = table["due_date"].map(lambda d: date.max if d is None or isinstance(d, float) else d)
    table = table.sort_values(["_no_due", "_due", "year_assessed", "id"], kind="stable").drop(columns=["_no_due", "_due"])
    table = table.reset_index(drop=True)
    return table if limit is None else table.head(limit)
