"""The follow-up recap (rekap tindak lanjut) as an XLSX workbook: per
kabupaten/kota how many recommendations are open, in progress, done, not
possible and overdue as of a date (the counts of
:func:`kp2s_dashboard.recommendations.board.board`, the board's one
definition), and every recommendation with its current status. Written by
:func:`kp2s_dashboard.export.tables.to_xlsx_bytes` (formula-safe: text
from the data is never evaluated)."""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from kp2s_dashboard.i18n import t
from kp2s_dashboard.recommendations import board as B
from kp2s_dashboard.recommendations import model as M
from kp2s_dashboard.recommendations.views import action_label, status_label
from kp2s_dashboard.regions import registry


def recap_frames(recs: pd.DataFrame, entries: pd.DataFrame, as_of: _dt.date, lang: str = "id") -> dict[str, pd.DataFrame]:
    """The recap's sheets.

    Returns:
        ``{summary name: frame, detail name: frame}``. Summary: one row per
        kabupaten/kota in BPS order (all 13, zeros where none) plus a
        province total row, columns district name then
        :data:`~kp2s_dashboard.recommendations.board.COUNT_COLUMNS` (int64)
        under their labels. Detail: one row per recommendation (by district,
        then id): No (int64), assessment year (int64), district, action,
        text, responsible, due date (``datetime.date`` or None), status,
        status date, overdue (``ya``/``tidak``), reason.
    """
    reg = registry()
    counts = B.totals_by_district(B.board(recs, entries, as_of)).set_index("district_code")
    codes = [r.code for r in reg.districts()]
    summary = pd.DataFrame({t("rekomendasi.col.district", lang): [reg.short_name(c) for c in codes]})
    for col in B.COUNT_COLUMNS:
        values = [int(counts.at[c, col]) if c in counts.index else 0 for c in codes]
        summary[t(f"rekomendasi.count.{col}", lang)] = values
    total = {summary.columns[0]: t("recap.province_total", lang)}
    total |= {c: int(summary[c].sum()) for c in summary.columns[1:]}
    summary = pd.concat([summary, pd.DataFrame([total])], ignore_index=True)
    summary = summary.astype({c: "int64" for c in summary.columns[1:]})

    current = M.current_table(recs, entries, as_of)
    current["overdue"] = B.is_overdue(current, as_of).astype(bool) if len(current) else pd.Series(dtype=bool)
    order = {c: i for i, c in enumerate(codes)}
    current = current.assign(_o=current["district_code"].map(order)).sort_values(["_o", "id"], kind="stable")
    yes, no = t("recap.yes", lang), t("recap.no", lang)
    detail = pd.DataFrame({
        t("rekomendasi.col.no", lang): current["id"].astype("int64").to_numpy(),
        t("rekomendasi.col.year", lang): current["year_assessed"].astype("int64").to_numpy(),
        t("rekomendasi.col.district", lang): [reg.short_name(c) for c in current["district_code"]],
        t("rekomendasi.col.action", lang): [action_label(a, lang) for a in current["action"]],
        t("rekomendasi.col.text", lang): [str(x) for x in current["text"]],
        t("rekomendasi.col.responsible", lang): [str(x) for x in current["responsible"]],
        t("rekomendasi.col.due", lang): [d if isinstance(d, _dt.date) else None for d in current["due_date"]],
        t("rekomendasi.col.status", lang): [status_label(s, lang) for s in current["status"]],
        t("rekomendasi.col.status_date", lang): [d if isinstance(d, _dt.date) else None
                                                  for d in current["status_date"]],
        t("rekomendasi.count.overdue", lang): [yes if o else no for o in current["overdue"]],
        t("rekomendasi.col.reason", lang): [r if isinstance(r, str) else "" for r in current["reason"]],
    })
    return {t("recap.sheet_summary", lang): summary, t("recap.sheet_detail", lang): detail}


def recap_xlsx(recs: pd.DataFrame, entries: pd.DataFrame, as_of: _dt.date, lang: str = "id", *,
               demo: bool = False, exported: _dt.date | None = None) -> bytes:
    """:func:`recap_frames` as .xlsx bytes with the ``Keterangan`` sheet
    (the as-of date; *Data contoh — bukan hasil resmi* when ``demo``)."""
    from kp2s_dashboard.export.tables import to_xlsx_bytes
    from kp2s_dashboard.i18n import fmt_date

    notes = [t("recap.as_of_note", lang, date=fmt_date(as_of, lang))]
    if demo:
        notes.insert(0, t("asm.synthetic_banner", lang))
    return to_xlsx_bytes(recap_frames(recs, entries, as_of, lang), lang, notes=notes,
                         sources=[t("recap.source", lang)], exported=exported)
