"""Recommendations and their history in the store (tables ``recommendation``
and ``recommendation_entry``, :mod:`kp2s_dashboard.store.schema`).

Nothing is updated or deleted. A recommendation row keeps what was first
recorded; an edit is an entry of kind ``edit`` whose non-empty fields replace
the current ones; a follow-up is an entry of kind ``followup`` with a status
(:data:`STATUSES`). The *current* state of a recommendation as of a date is
its first version overlaid by its edits recorded up to then, with the status
of its latest follow-up dated on or before that date (by ``entry_date``,
then recording order), ``belum_ditindaklanjuti`` when none.

Use::

    rid = add(store, year_assessed=2024, district_code="6305", action=3, text="…",
              responsible="Bappeda", due_date=date(2026, 3, 31), who="budi")
    add_followup(store, rid, "siti", entry_date=date(2026, 1, 10), status="dalam_proses",
                 note="rapat TPPS", evidence=("notulen.pdf", pdf_bytes))
    recs, entries = frames(store)
    table = current_table(recs, entries, as_of=date(2026, 4, 1))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

import pandas as pd
import sqlalchemy as sa

from kp2s_dashboard import regions
from kp2s_dashboard.errors import KP2SError
from kp2s_dashboard.store import Store
from kp2s_dashboard.store.engine import read_connection
from kp2s_dashboard.store.schema import (FOLLOWUP_STATUSES, PRIORITIES, audit_log, recommendation,
                                         recommendation_entry)

#: Follow-up statuses, in board order.
STATUSES = FOLLOWUP_STATUSES
OPEN = "belum_ditindaklanjuti"
IN_PROGRESS = "dalam_proses"
DONE = "selesai"
NOT_POSSIBLE = "tidak_dapat_ditindaklanjuti"
#: Statuses that close a recommendation (never overdue).
CLOSED = (DONE, NOT_POSSIBLE)
ACTIONS = tuple(range(1, 9))
#: The longest ``responsible`` the store keeps (its column's length): a longer one is refused, never cut.
RESPONSIBLE_MAX = recommendation.c.responsible.type.length

#: Columns of :func:`frames`' recommendations frame, in order.
REC_COLUMNS = ["id", "year_assessed", "period", "district_code", "action", "text", "priority", "responsible",
               "due_date", "created_by", "created_at"]
#: Columns of :func:`frames`' entries frame, in order.
ENTRY_COLUMNS = ["id", "recommendation_id", "kind", "entry_date", "status", "reason", "note", "evidence_url",
                 "evidence_sha256", "evidence_name", "text", "priority", "responsible", "due_date", "who",
                 "recorded_at"]


class RecommendationError(KP2SError, ValueError):
    """A recommendation or follow-up that cannot be recorded as given
    (``rekomendasi.err.*`` keys: no text, unknown district or action, a
    ``tidak_dapat_ditindaklanjuti`` without a reason, …)."""


@dataclass(frozen=True)
class Entry:
    """One history entry (fields as the ``recommendation_entry`` table;
    dates are ``datetime.date``, ``recorded_at`` UTC-aware)."""

    id: int
    recommendation_id: int
    kind: str
    entry_date: date
    status: str | None
    reason: str | None
    note: str
    evidence_url: str | None
    evidence_sha256: str | None
    evidence_name: str | None
    text: str | None
    priority: str | None
    responsible: str | None
    due_date: date | None
    who: str
    recorded_at: datetime


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _text(value: Any, key: str, **params: Any) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        raise RecommendationError(key, **params)
    return text


def _who(who: str) -> str:
    return _text(who, "rekomendasi.err.no_who")[:200]


def _responsible(value: Any) -> str:
    text = _text(value, "rekomendasi.err.no_responsible")
    if len(text) > RESPONSIBLE_MAX:
        raise RecommendationError("rekomendasi.err.responsible_too_long", n=len(text), max=RESPONSIBLE_MAX)
    return text


def _action(action: Any) -> int | None:
    if action is None:
        return None
    if isinstance(action, bool) or not isinstance(action, int) or action not in ACTIONS:
        raise RecommendationError("rekomendasi.err.action", value=str(action))
    return action


def _priority(priority: Any) -> str | None:
    if priority is None or priority == "":
        return None
    if priority not in PRIORITIES:
        raise RecommendationError("rekomendasi.err.priority", value=str(priority), expected=", ".join(PRIORITIES))
    return priority


def _district(code: Any) -> str:
    region = regions.registry().get(str(code))
    if not region.is_district:
        raise RecommendationError("rekomendasi.err.not_district", value=str(code))
    return region.code


def _row(year_assessed: int, district_code: str, action: int | None, text: str, responsible: str, who: str,
         period: str = "", priority: str | None = None, due_date: date | None = None) -> dict:
    if isinstance(year_assessed, bool) or not isinstance(year_assessed, int) or not 2000 <= year_assessed <= 2100:
        raise RecommendationError("rekomendasi.err.year", value=str(year_assessed))
    return {
        "year_assessed": year_assessed, "period": (period or "").strip()[:32],
        "district_code": _district(district_code), "action": _action(action),
        "text": _text(text, "rekomendasi.err.no_text"),
        "priority": _priority(priority),
        "responsible": _responsible(responsible),
        "due_date": due_date, "created_by": _who(who), "created_at": datetime.now(timezone.utc),
    }


def add(store: Store, *, year_assessed: int, district_code: str, action: int | None, text: str,
        responsible: str, who: str, period: str = "", priority: str | None = None,
        due_date: date | None = None) -> int:
    """Record one recommendation; returns its id.

    ``district_code`` is a BPS kabupaten/kota code (``"6305"``); ``action``
    1–8 or ``None`` for a general recommendation; ``priority`` one of
    ``tinggi``/``sedang``/``rendah`` or ``None``.

    Raises:
        RecommendationError: empty text, responsible or ``who``; a
            responsible longer than :data:`RESPONSIBLE_MAX`; an action
            outside 1–8; an unknown priority or year; a code that is not a
            kabupaten/kota.
        kp2s_dashboard.errors.RegionNotFoundError: unknown code.
    """
    return add_many(store, [dict(year_assessed=year_assessed, district_code=district_code, action=action,
                                 text=text, responsible=responsible, period=period, priority=priority,
                                 due_date=due_date)], who)[0]


def add_many(store: Store, rows: Iterable[Mapping[str, Any]], who: str) -> list[int]:
    """Record several recommendations (e.g. an imported round) in one
    transaction: all or none. Each row has the keyword arguments of
    :func:`add` except ``who``. Returns the new ids in order.

    Raises: as :func:`add`, before anything is written; also
    ``rekomendasi.err.duplicate`` when a row is a recommendation already
    recorded (same assessment year, kabupaten/kota, action and current text,
    case and spacing aside: a round imported twice, a form saved twice),
    naming the one recorded."""
    prepared = [_row(who=who, **dict(r)) for r in rows]
    if not prepared:
        return []
    _refuse_recorded(store, prepared)
    with store.transaction() as conn:
        return [conn.execute(recommendation.insert().values(**r).returning(recommendation.c.id)).scalar_one()
                for r in prepared]


def _same(year_assessed: int, district_code: str, action: Any, text: str) -> tuple:
    """What makes two recommendations the same one (see :func:`add_many`)."""
    return (int(year_assessed), str(district_code), None if pd.isna(action) else int(action),
            " ".join(str(text).casefold().split()))


def _refuse_recorded(store: Store, prepared: list[dict]) -> None:
    """Raise ``rekomendasi.err.duplicate`` for the first of ``prepared``
    that is already recorded (its current text, after edits)."""
    recorded: dict[tuple, int] = {}
    for year in sorted({r["year_assessed"] for r in prepared}):
        current = current_table(*frames(store, year))
        for row in current.itertuples(index=False):
            recorded.setdefault(_same(row.year_assessed, row.district_code, row.action, row.text), int(row.id))
    for r in prepared:
        found = recorded.get(_same(r["year_assessed"], r["district_code"], r["action"], r["text"]))
        if found is not None:
            raise RecommendationError("rekomendasi.err.duplicate", id=found,
                                      district=regions.registry().short_name(r["district_code"]), text=r["text"])


def _exists(conn: sa.Connection, rec_id: int) -> None:
    found = conn.execute(sa.select(recommendation.c.id).where(recommendation.c.id == rec_id)).first()
    if found is None:
        raise RecommendationError("rekomendasi.err.not_found", id=rec_id)


def edit(store: Store, rec_id: int, who: str, *, entry_date: date, text: str | None = None,
         priority: str | None = None, responsible: str | None = None, due_date: date | None = None,
         note: str = "") -> int:
    """Append an edit of recommendation ``rec_id``: the fields given (not
    ``None``) replace the current ones from now on; the earlier values stay
    in :func:`history`. Returns the entry id.

    Raises:
        RecommendationError: unknown ``rec_id``, nothing to change, an empty
            text or responsible, a responsible longer than
            :data:`RESPONSIBLE_MAX`, an unknown priority, no ``who``.
    """
    fields = {"text": None if text is None else _text(text, "rekomendasi.err.no_text"),
              "priority": _priority(priority),
              "responsible": None if responsible is None else _responsible(responsible),
              "due_date": due_date}
    if all(v is None for v in fields.values()):
        raise RecommendationError("rekomendasi.err.empty_edit")
    who = _who(who)
    with store.transaction() as conn:
        _exists(conn, rec_id)
        return conn.execute(recommendation_entry.insert().values(
            recommendation_id=rec_id, kind="edit", entry_date=entry_date, status=None, reason=None,
            note=note or "", who=who, recorded_at=datetime.now(timezone.utc), **fields,
        ).returning(recommendation_entry.c.id)).scalar_one()


def add_followup(store: Store, rec_id: int, who: str, *, entry_date: date, status: str, note: str = "",
                 reason: str | None = None, evidence_url: str | None = None,
                 evidence: tuple[str, bytes] | None = None) -> int:
    """Append a follow-up to recommendation ``rec_id``: its ``status`` on
    ``entry_date`` with a ``note`` and optional evidence — a link
    (``evidence_url``) and/or an uploaded document ``(file name, bytes)``,
    kept once in the store's ``blob`` table under its SHA-256. Returns the
    entry id.

    Raises:
        RecommendationError: unknown ``rec_id`` or status; status
            ``tidak_dapat_ditindaklanjuti`` without a ``reason``; an empty
            uploaded document or file name; a link that is not http(s); no
            ``who``.
    """
    if status not in STATUSES:
        raise RecommendationError("rekomendasi.err.status", value=str(status), expected=", ".join(STATUSES))
    reason = (reason or "").strip() or None
    if status == NOT_POSSIBLE and reason is None:
        raise RecommendationError("rekomendasi.err.reason_required")
    url = (evidence_url or "").strip() or None
    if url is not None and not url.lower().startswith(("http://", "https://")):
        raise RecommendationError("rekomendasi.err.bad_url", value=url)
    name = content = None
    if evidence is not None:
        name, content = evidence
        name = _text(name, "rekomendasi.err.evidence_name")[:255]
        content = bytes(content)
        if not content:
            raise RecommendationError("rekomendasi.err.evidence_empty", name=name)
    who = _who(who)
    with store.transaction() as conn:
        _exists(conn, rec_id)
        sha = store.put_blob(conn, content) if content is not None else None
        return conn.execute(recommendation_entry.insert().values(
            recommendation_id=rec_id, kind="followup", entry_date=entry_date, status=status, reason=reason,
            note=note or "", evidence_url=url, evidence_sha256=sha, evidence_name=name, who=who,
            recorded_at=datetime.now(timezone.utc),
        ).returning(recommendation_entry.c.id)).scalar_one()


def history(store: Store, rec_id: int) -> list[Entry]:
    """Every entry of recommendation ``rec_id`` in recording order (oldest
    first). Raises RecommendationError for an unknown id."""
    with store.engine.connect() as conn:
        _exists(conn, rec_id)
        rows = conn.execute(sa.select(recommendation_entry).where(recommendation_entry.c.recommendation_id == rec_id)
                            .order_by(recommendation_entry.c.id)).mappings().all()
    return [Entry(**{**dict(r), "recorded_at": _utc(r["recorded_at"])}) for r in rows]


def evidence_bytes(store: Store, entry: Entry) -> bytes:
    """The uploaded document of a follow-up, checked against its SHA-256.

    Raises:
        RecommendationError: the entry has no uploaded document.
        kp2s_dashboard.store.CorruptContent: the stored bytes are damaged.
    """
    if entry.evidence_sha256 is None:
        raise RecommendationError("rekomendasi.err.no_evidence", id=entry.id)
    return store.blob_bytes(entry.evidence_sha256)


def frames(store: Store, year_assessed: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The stored recommendations and their entries as DataFrames.

    Recommendations: :data:`REC_COLUMNS` (``id`` int64, ``year_assessed``
    int64, ``action`` Int64 with <NA> for general, ``due_date`` object of
    ``datetime.date`` or None, ``created_at`` UTC datetime). Entries:
    :data:`ENTRY_COLUMNS`, only those of the recommendations returned.
    ``year_assessed`` limits to one assessment year.
    """
    query = sa.select(recommendation).order_by(recommendation.c.id)
    if year_assessed is not None:
        query = query.where(recommendation.c.year_assessed == year_assessed)
    with store.engine.connect() as conn:
        recs = conn.execute(query).mappings().all()
        ids = [r["id"] for r in recs]
        entries = conn.execute(sa.select(recommendation_entry).where(
            recommendation_entry.c.recommendation_id.in_(ids)).order_by(recommendation_entry.c.id)
        ).mappings().all() if ids else []
    rec_frame = pd.DataFrame([dict(r) for r in recs], columns=REC_COLUMNS)
    rec_frame["action"] = rec_frame["action"].astype("Int64")
    rec_frame["created_at"] = pd.to_datetime(rec_frame["created_at"], utc=True)
    entry_frame = pd.DataFrame([dict(r) for r in entries], columns=ENTRY_COLUMNS)
    return rec_frame, entry_frame


def version(store: Store) -> tuple:
    """Small values that change whenever what :func:`frames` returns
    changes, for the web caches' keys: ``(location, n_recommendations,
    newest_recommendation_id, n_entries, newest_entry_id, last_restore_id,
    last_restore_time)``.

    Both tables are append-only (nothing is updated or deleted), so a new
    recommendation, edit or follow-up raises a count and an id; a restore
    from a backup replaces the rows (possibly with the same counts and
    ids) and is recorded as an audit row ``store_restored``, whose id and
    time (text) are the last items (``None`` when there was none). ``location`` is the
    store's address without password (two stores never share a key).
    One query.

    Raises:
        kp2s_dashboard.store.StoreUnavailable: the store does not answer.
    """
    def count_and_newest(table):
        return (sa.select(sa.func.count()).select_from(table).scalar_subquery(),
                sa.select(sa.func.max(table.c.id)).scalar_subquery())

    restores = audit_log.c.event == "store_restored"
    query = sa.select(*count_and_newest(recommendation), *count_and_newest(recommendation_entry),
                      sa.select(sa.func.max(audit_log.c.id)).where(restores).scalar_subquery(),
                      sa.select(sa.func.max(audit_log.c.at)).where(restores).scalar_subquery())
    with read_connection(store.engine) as conn:
        *numbers, restored_at = conn.execute(query).one()
    return (store.location.display(), *(None if v is None else int(v) for v in numbers),
            None if restored_at is None else str(restored_at))


#: Columns of :func:`current_table`.
CURRENT_COLUMNS = ["id", "year_assessed", "period", "district_code", "action", "text", "priority", "responsible",
                   "due_date", "status", "status_date", "reason", "n_entries"]


def current_table(recs: pd.DataFrame, entries: pd.DataFrame, as_of: date | None = None) -> pd.DataFrame:
    """Each recommendation's current state as of ``as_of`` (default: all
    entries): one row per recommendation with :data:`CURRENT_COLUMNS`.

    Edits and follow-ups count when their ``entry_date`` is on or before
    ``as_of``; the latest (by ``entry_date``, then ``id``) wins; entries of
    recommendations not in ``recs`` are ignored. ``status``
    is ``belum_ditindaklanjuti`` and ``status_date`` None when no
    follow-up counts; ``n_entries`` counts the entries that count. Pure.
    """
    out = recs.loc[:, [c for c in REC_COLUMNS if c not in ("created_by", "created_at")]].copy()
    out["status"] = OPEN
    out["status_date"] = None
    out["reason"] = None
    out["n_entries"] = 0
    if not len(out):
        return out.reindex(columns=CURRENT_COLUMNS)
    use = entries[entries["recommendation_id"].isin(out["id"])] if len(entries) else entries
    if as_of is not None and len(use):
        use = use[use["entry_date"].map(lambda d: d <= as_of)]
    if len(use):
        use = use.sort_values(["entry_date", "id"], kind="stable")
        position = {rid: i for i, rid in enumerate(out["id"])}
        records = out.to_dict("records")
        for e in use.itertuples(index=False):
            row = records[position[e.recommendation_id]]
            row["n_entries"] += 1
            if e.kind == "edit":
                for name in ("text", "priority", "responsible", "due_date"):
                    value = getattr(e, name)
                    if value is not None and not (isinstance(value, float) and pd.isna(value)):
                        row[name] = value
            else:
                row["status"], row["status_date"] = e.status, e.entry_date
                row["reason"] = e.reason if isinstance(e.reason, str) else None
        out = pd.DataFrame(records, columns=list(out.columns))
        out["action"] = out["action"].astype("Int64")
    return out.reindex(columns=CURRENT_COLUMNS)


def current_status(store: Store, rec_id: int, as_of: date | None = None) -> str:
    """The status of recommendation ``rec_id`` as of ``as_of`` (see
    :func:`current_table`). Raises RecommendationError for an unknown id."""
    history(store, rec_id)  # checks the id
    recs, entries = frames(store)
    table = current_table(recs[recs["id"] == rec_id], entries[entries["recommendation_id"] == rec_id], as_of)
    return str(table["status"].iloc[0])
