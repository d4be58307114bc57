"""Checking an upload before it is published: the pure part of the *Kelola
data* page. The page shows :class:`Candidate` (report, preview) and calls
:meth:`kp2s_dashboard.store.Store.publish` with its ``report`` and
``tables``.

Kinds handled: ``prevalence`` (the prevalence table, CSV or spreadsheet, read
by :func:`kp2s_dashboard.prevalence.loader.load_prevalence`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from kp2s_dashboard.errors import DataError, Problem
from kp2s_dashboard.prevalence.upload import check_prevalence_upload
from kp2s_dashboard.store.diff import prevalence_changes, summarise

#: Kinds the page can publish, in the order offered.
PUBLISHABLE = ("prevalence",)


@dataclass
class Candidate:
    """An upload checked for publishing.

    ``errors`` block publishing; ``warnings`` need the editor's explicit
    confirmation. ``table`` is the parsed table (``None`` when errors stop the
    read), ``changes`` the :func:`kp2s_dashboard.store.diff.prevalence_changes`
    against the table in force.
    """

    kind: str
    name: str
    content: bytes
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    table: pd.DataFrame | None = None
    changes: pd.DataFrame | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def publishable(self) -> bool:
        return not self.errors and self.table is not None

    def report(self) -> dict:
        """The validation report stored with the version (JSON): file name,
        error and warning messages in English with their locations, and the
        counts of new, changed and removed figures."""
        return {"file": self.name, "errors": [p.render("en") for p in self.errors],
                "warnings": [p.render("en") for p in self.warnings], "changes": dict(self.counts)}

    def tables(self) -> dict[str, pd.DataFrame]:
        """The parsed tables to store with the version (name → DataFrame)."""
        return {self.kind: self.table} if self.table is not None else {}


def check_prevalence(name: str, content: bytes, in_force: pd.DataFrame | None) -> Candidate:
    """Read an uploaded prevalence file as the loader would read it in force
    and compare it with the table in force.

    Args:
        name: the upload's original file name (its suffix picks the reader;
            messages name it).
        content: the file's bytes.
        in_force: the prevalence table currently served (``None``: none).

    Returns:
        A :class:`Candidate`: the upload guard's refusal or the loader's
        problems as ``errors`` (with file,
        sheet, row or cell) or its table, warnings and the changes.
    """
    candidate = Candidate(kind="prevalence", name=name, content=content)
    try:
        # the upload guard first (size, zip bounds, encryption, mislabelled files, rows/columns/cells)
        loaded = check_prevalence_upload(name, content)
    except DataError as exc:
        candidate.errors = list(exc.problems)
        return candidate
    candidate.table = loaded.table
    candidate.warnings = list(loaded.warnings)
    candidate.changes = prevalence_changes(in_force, loaded.table)
    candidate.counts = summarise(candidate.changes)
    return candidate


def _name(reg, code: str) -> str:
    from kp2s_dashboard.errors import RegionNotFoundError

    try:
        return reg.short_name(code)
    except RegionNotFoundError:
        return code


def changes_frame(changes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A :func:`~kp2s_dashboard.store.diff.prevalence_changes` result for
    display: district name added, the change named in ``lang``; values stay
    numbers (percent)."""
    from kp2s_dashboard.i18n import t
    from kp2s_dashboard.regions import registry

    reg = registry()
    out = pd.DataFrame({
        t("kelola.col_district", lang): [_name(reg, c) for c in changes["code"]],
        t("kelola.col_year", lang): changes["year"].astype("int64"),
        t("kelola.col_source", lang): changes["source"],
        t("kelola.col_indicator", lang): changes["indicator"],
        t("kelola.col_change", lang): [t(f"kelola.change_{c}", lang) for c in changes["change"]],
        t("kelola.col_old", lang): changes["old"].astype(float),
        t("kelola.col_new", lang): changes["new"].astype(float),
    })
    return out


def versions_frame(versions: list, in_force_id: int | None, lang: str) -> pd.DataFrame:
    """Store versions (newest first) as a table: id, time (UTC, ISO), editor,
    file, comment, restored-from id and whether it is in force."""
    from kp2s_dashboard.i18n import t

    return pd.DataFrame({
        t("kelola.col_version", lang): [v.id for v in versions],
        t("kelola.col_when", lang): [v.created_at.strftime("%Y-%m-%d %H:%M UTC") for v in versions],
        t("kelola.col_who", lang): [v.created_by for v in versions],
        t("kelola.col_file", lang): [", ".join(f.name for f in v.files) for v in versions],
        t("kelola.col_comment", lang): [v.comment for v in versions],
        t("kelola.col_restored_from", lang): [str(v.restored_from) if v.restored_from else "" for v in versions],
        t("kelola.col_in_force", lang): [v.id == in_force_id for v in versions],
    })


def audit_frame(entries: list, lang: str) -> pd.DataFrame:
    """Audit log rows (newest first) as a table: time, event, user, kind,
    version and details (JSON text)."""
    import json

    from kp2s_dashboard.i18n import t

    return pd.DataFrame({
        t("kelola.col_when", lang): [e.at.strftime("%Y-%m-%d %H:%M:%S UTC") for e in entries],
        t("kelola.col_event", lang): [e.event for e in entries],
        t("kelola.col_who", lang): [e.who for e in entries],
        t("kelola.col_kind", lang): [e.kind or "" for e in entries],
        t("kelola.col_version", lang): [str(e.version_id) if e.version_id else "" for e in entries],
        t("kelola.col_detail", lang): [json.dumps(e.detail, ensure_ascii=False) for e in entries],
    })
