"""The board's tables as the page shows them: labelled columns in the
user's language, district names, ``Aksi n``/``Umum``. Pure; the counts
come from :mod:`kp2s_dashboard.recommendations.board` only."""

from __future__ import annotations

import pandas as pd

from kp2s_dashboard.i18n import fmt_date, t
from kp2s_dashboard.recommendations.board import COUNT_COLUMNS
from kp2s_dashboard.regions import registry


def action_label(action, lang: str) -> str:
    """``Aksi 3``/``Action 3`` for 3 (``asm.action_n``, as the Aksi page
    writes it), ``Umum``/``General`` for <NA> or None."""
    if action is None or pd.isna(action):
        return t("rekomendasi.general", lang)
    return t("asm.action_n", lang, n=int(action))


def status_label(status: str, lang: str) -> str:
    """The status in words (``dalam proses``)."""
    return t(f"rekomendasi.status.{status}", lang)


def board_table(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`kp2s_dashboard.recommendations.board.board` for display:
    columns district name, action label, then the counts (int64) under
    their labels; same rows and order."""
    reg = registry()
    out = pd.DataFrame({
        t("rekomendasi.col.district", lang): [reg.short_name(c) for c in counts["district_code"]],
        t("rekomendasi.col.action", lang): [action_label(a, lang) for a in counts["action"]],
    })
    for col in COUNT_COLUMNS:
        out[t(f"rekomendasi.count.{col}", lang)] = counts[col].to_numpy()
    return out


def open_table(oldest: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`kp2s_dashboard.recommendations.board.oldest_open` for
    display: district, action, text, responsible, due date (formatted),
    status, days overdue (Int64)."""
    reg = registry()
    return pd.DataFrame({
        t("rekomendasi.col.district", lang): [reg.short_name(c) for c in oldest["district_code"]],
        t("rekomendasi.col.action", lang): [action_label(a, lang) for a in oldest["action"]],
        t("rekomendasi.col.text", lang): list(oldest["text"]),
        t("rekomendasi.col.responsible", lang): list(oldest["responsible"]),
        t("rekomendasi.col.due", lang): ["–" if d is None or (isinstance(d, float) and pd.isna(d))
                                          else fmt_date(d, lang) for d in oldest["due_date"]],
        t("rekomendasi.col.status", lang): [status_label(s, lang) for s in oldest["status"]],
        t("rekomendasi.col.days_overdue", lang): oldest["days_overdue"].astype("Int64").to_numpy(),
    })
