"""What an editor records on the Rekomendasi page, without Streamlit: an
uploaded round checked (upload guard, then :func:`sheet.read_round`), the
round written to the store, an edit reduced to the fields that change, the
template as bytes, and the choices the forms offer.

Every function is pure or takes the store; the page only lays out widgets.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from kp2s_dashboard.errors import DataError
from kp2s_dashboard.i18n import t
from kp2s_dashboard.recommendations import model as M
from kp2s_dashboard.recommendations import sheet as S
from kp2s_dashboard.recommendations.views import action_label, status_label
from kp2s_dashboard.regions import registry
from kp2s_dashboard.sheets import uploads as guard
from kp2s_dashboard.store import Store

#: File suffixes the round upload accepts.
ROUND_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
#: File types an evidence document may have (kept as bytes, never parsed).
EVIDENCE_TYPES = ("pdf", "jpg", "jpeg", "png", "docx", "xlsx", "pptx", "odt", "ods", "zip")
#: Action choices of the forms: None (general), then 1–8.
ACTION_CHOICES: tuple[int | None, ...] = (None, *M.ACTIONS)
#: Priority choices of the forms: none, then the store's.
PRIORITY_CHOICES: tuple[str | None, ...] = (None, *S.PRIORITIES)


def check_round(name: str, content: bytes, today: date) -> S.Round:
    """An uploaded round (file ``name``, its ``content``) read as the import
    reads it: the upload guard first (size, format, zip bounds; a refusal
    becomes the round's errors), then :func:`sheet.read_round` against
    ``today`` (due dates before it are warnings).

    Returns:
        A :class:`~kp2s_dashboard.recommendations.sheet.Round`; when the file
        is refused or unreadable its ``rows`` are empty and its ``problems``
        say why, naming the file (never raises for bad input).
    """
    try:
        guard.check_upload(name, content, suffixes=ROUND_SUFFIXES)
        suffix = Path(name).suffix.lower()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"upload{suffix}"
            path.write_bytes(content)
            return S.read_round(path, today, display_name=name)
    except DataError as exc:
        return S.Round(file=name, sheet=None, rows=pd.DataFrame(columns=S.ROW_COLUMNS), problems=list(exc.problems))


def import_round(store: Store, rnd: S.Round, year_assessed: int, who: str, period: str = "") -> list[int]:
    """Write every row of ``rnd`` as a recommendation of ``year_assessed``
    (all or nothing, :func:`model.add_many`); returns the new ids.

    Raises:
        RecommendationError: ``rnd`` has errors (``rekomendasi.imp.has_errors``)
            or a row is refused by the model.
    """
    if rnd.errors:
        raise M.RecommendationError("rekomendasi.imp.has_errors", n=len(rnd.errors))
    return M.add_many(store, rnd.to_records(year_assessed, period), who)


def preview_table(rnd: S.Round, lang: str) -> pd.DataFrame:
    """The rows of ``rnd`` for display before the import: row in the sheet
    (int64), district name, action label, text, responsible, priority,
    due date (``datetime.date`` or None). Text stays text."""
    reg = registry()
    rows = rnd.rows
    return pd.DataFrame({
        t("rekomendasi.col.row", lang): rows["source_row"].astype("int64").to_numpy(),
        t("rekomendasi.col.district", lang): [reg.short_name(c) for c in rows["district_code"]],
        t("rekomendasi.col.action", lang): [action_label(a, lang) for a in rows["action"]],
        t("rekomendasi.col.text", lang): list(rows["text"]),
        t("rekomendasi.col.responsible", lang): list(rows["responsible"]),
        t("rekomendasi.col.priority", lang): [p or "" for p in rows["priority"]],
        t("rekomendasi.col.due", lang): list(rows["due_date"]),
    })


def template_bytes(year_assessed: int) -> bytes:
    """The empty round template (:func:`sheet.template_workbook`) as .xlsx bytes."""
    buffer = io.BytesIO()
    S.template_workbook(year_assessed).save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class Choice:
    """A recommendation as the forms list it: ``id`` and a one-line ``label``."""

    id: int
    label: str


def choices(current: pd.DataFrame, lang: str, width: int = 70) -> list[Choice]:
    """The recommendations of a :func:`model.current_table` as form choices,
    by id: ``#12 · Tapin · Aksi 3 · Libatkan kecamatan …`` (text cut to
    ``width`` characters)."""
    reg = registry()
    out = []
    for r in current.sort_values("id").itertuples(index=False):
        text = r.text if len(r.text) <= width else r.text[: width - 1] + "…"
        out.append(Choice(int(r.id), f"#{int(r.id)} · {reg.short_name(r.district_code)} · "
                                     f"{action_label(r.action, lang)} · {text}"))
    return out


def edit_fields(current: pd.Series, text: str, responsible: str, priority: str | None,
                due_date: date | None) -> dict:
    """The fields of an edit form that differ from the ``current`` row (of
    :func:`model.current_table`), as keyword arguments for :func:`model.edit`
    (``text``, ``responsible``, ``priority``, ``due_date``); empty when
    nothing changes. Text is compared without surrounding spaces."""
    out: dict = {}
    if (text or "").strip() != str(current["text"]).strip():
        out["text"] = text
    if (responsible or "").strip() != str(current["responsible"]).strip():
        out["responsible"] = responsible
    old_priority = current["priority"] if isinstance(current["priority"], str) else None
    if priority is not None and priority != old_priority:
        out["priority"] = priority
    old_due = current["due_date"] if isinstance(current["due_date"], date) else None
    if due_date is not None and due_date != old_due:
        out["due_date"] = due_date
    return out


def status_choices(lang: str) -> dict[str, str]:
    """Status → its words in ``lang``, in board order."""
    return {s: status_label(s, lang) for s in M.STATUSES}
