"""The registry of publishable kinds: how the *Kelola data* page checks an
upload of each kind and what it shows as the changes.

One :class:`KindSpec` per kind (:data:`REGISTRY`, in the order the page
offers them). A spec names:

* ``label_key`` — the catalogue key of its name;
* ``columns_key`` — the catalogue key of a line naming the columns a file
  of the kind has (optional ones marked), shown above the upload; ``None``
  when the kind has no fixed columns;
* ``suffixes`` — the file types the upload widget accepts;
* ``check(name, content, ctx)`` — reads the upload with the kind's real
  loader and fills a :class:`Candidate` (errors, warnings, parsed
  ``tables``, the ``files`` of the new version, a summary line);
* ``figures(tables)`` — the version's figures as one long table
  (:data:`FIGURE_COLUMNS`: ``code`` str, ``year`` Int64 (<NA> when the kind
  has no year), ``item`` str, ``value`` float64; optionally ``basis`` str,
  what a value is computed from when a kind has several ways, "" when it
  has one), from which the preview
  (:func:`kp2s_dashboard.store.diff.figure_changes`: per district and year,
  new / changed from → to / removed) and the comparison of two versions are
  made;
* ``read(paths, options)`` — the same ``tables`` read from files on disk
  (the embedded default in ``data/``, or a stored version without tables).

Adding a kind is one :func:`register` call with these functions in a
module named in :data:`KIND_MODULES` (its name must also be one of
:data:`kp2s_dashboard.store.schema.KINDS`, whose check constraint a
migration extends, and have a ``kelola.kind_<kind>`` catalogue key). The
five kinds of the store are registered in
:mod:`kp2s_dashboard.store.kind_checks`, the two below the district in
:mod:`kp2s_dashboard.store.kind_wilayah`.

Pure: no Streamlit. The page calls :func:`check` and shows the candidate,
then :func:`publish`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kp2s_dashboard.errors import Location, Problem

FIGURE_COLUMNS = ["code", "year", "item", "value"]


@dataclass
class Context:
    """What a check may compare with: the kind's files in force
    (:class:`kp2s_dashboard.store.datastore.DataFile` list; the embedded
    defaults have ``is_default`` True) and the editor's answers
    (``options``, e.g. ``{"source": "ssgi", "indicator": "stunting"}`` for
    a wide prevalence table whose year columns name no survey)."""

    files: list = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class Candidate:
    """An upload checked for publishing.

    ``errors`` block publishing; ``warnings`` need the editor's explicit
    confirmation. ``needs`` is ``"source"`` when the file does not say what
    it is and the page must ask (see :func:`Context`); ``files`` are the
    files of the new version (one; the whole set for ``assessment``);
    ``tables`` the parsed tables stored with it; ``figures`` and ``changes``
    (:data:`kp2s_dashboard.store.diff.FIGURE_CHANGE_COLUMNS`) the preview
    against the version in force; ``summary`` a message key and its
    parameters (``kelola.read_ok_<kind>``)."""

    kind: str
    name: str
    content: bytes
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    files: list[tuple[str, bytes]] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    needs: str | None = None
    summary: tuple[str, dict] = ("", {})
    figures: pd.DataFrame | None = None
    changes: pd.DataFrame | None = None
    counts: dict[str, int] = field(default_factory=dict)
    replaces: str | None = None

    @property
    def publishable(self) -> bool:
        """No error, nothing to ask, and tables read."""
        return not self.errors and self.needs is None and bool(self.tables) and bool(self.files)

    def report(self) -> dict:
        """The validation report stored with the version (JSON): kind, the
        uploaded file, the version's files, errors and warnings in English with
        their locations (``errors``, ``warnings``) and the same in Bahasa
        Indonesia (``errors_id``, ``warnings_id``; shown by
        :func:`kp2s_dashboard.store.publishing.report_lines` in the UI's
        language), the counts of new, changed and removed figures, and
        the editor's answers (``options``) the loader needs to read the file
        again (:mod:`kp2s_dashboard.store.datastore` passes them on)."""
        return {"kind": self.kind, "file": self.name, "files": [n for n, _ in self.files],
                "replaces": self.replaces, "errors": [p.render("en") for p in self.errors],
                "warnings": [p.render("en") for p in self.warnings],
                "errors_id": [p.render("id") for p in self.errors],
                "warnings_id": [p.render("id") for p in self.warnings], "changes": dict(self.counts),
                "options": dict(self.options)}


@dataclass(frozen=True)
class KindSpec:
    """One publishable kind (see the module docstring)."""

    kind: str
    label_key: str
    suffixes: tuple[str, ...]
    check: Callable[[str, bytes, Context], Candidate]
    figures: Callable[[dict[str, pd.DataFrame]], pd.DataFrame]
    read: Callable[[list[Path], dict[str, Any]], dict[str, pd.DataFrame]]
    multi_file: bool = False
    asks_source: bool = False
    columns_key: str | None = None


REGISTRY: dict[str, KindSpec] = {}


def register(spec: KindSpec) -> KindSpec:
    """Add (or replace) a kind; returns it."""
    REGISTRY[spec.kind] = spec
    return spec


def spec(kind: str) -> KindSpec:
    """The spec of ``kind``.

    Raises:
        KeyError: not a registered kind.
    """
    _load_builtin()
    return REGISTRY[kind]


def kinds() -> tuple[str, ...]:
    """Registered kinds in the order offered."""
    _load_builtin()
    return tuple(REGISTRY)


#: Modules whose import registers kinds (each calls :func:`register`); a
#: module adding kinds appends its name here.
KIND_MODULES = ["kp2s_dashboard.store.kind_checks", "kp2s_dashboard.store.kind_wilayah"]


def _load_builtin() -> None:
    import importlib

    for module in KIND_MODULES:
        importlib.import_module(module)


def empty_figures() -> pd.DataFrame:
    """A figures table with no rows and :data:`FIGURE_COLUMNS`' dtypes."""
    return typed_figures(pd.DataFrame({c: [] for c in FIGURE_COLUMNS}))


def typed_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with :data:`FIGURE_COLUMNS` in order and their dtypes (and
    its optional ``basis`` column, str, after them)."""
    out = frame[FIGURE_COLUMNS + (["basis"] if "basis" in frame.columns else [])].copy()
    if "basis" in out.columns:
        out["basis"] = out["basis"].fillna("").astype(str)
    out["code"] = out["code"].astype(str)
    out["year"] = pd.array(out["year"].tolist(), dtype="Int64") if len(out) else pd.Series([], dtype="Int64")
    out["item"] = out["item"].astype(str)
    out["value"] = pd.to_numeric(out["value"], errors="coerce").astype("float64")
    return out.reset_index(drop=True)


def options_of(version) -> dict[str, Any]:
    """The loader answers stored with a version (``report["options"]``), or {}."""
    report = getattr(version, "report", None)
    options = report.get("options") if isinstance(report, dict) else None
    return dict(options) if isinstance(options, dict) else {}


def in_force_tables(kind: str, store, files: list) -> dict[str, pd.DataFrame]:
    """The parsed tables of the version in force: the store version's own
    tables when it has them, else the files in force read again
    (``files``: :class:`~kp2s_dashboard.store.datastore.DataFile` list).

    Raises:
        DataError / BoundaryError: a file in force cannot be read.
    """
    version = store.in_force(kind) if store is not None else None
    if version is not None:
        return version_tables(store, version)
    if not files:
        return {}
    return spec(kind).read([Path(f.path) for f in files], {})


def version_tables(store, version) -> dict[str, pd.DataFrame]:
    """A stored version's parsed tables; when it was stored without them
    (e.g. from the command line), its files read again with the answers
    stored in its report."""
    tables = store.tables(version.id) if version.tables else {}
    if tables:
        return tables
    paths = store.materialise(version)
    return spec(version.kind).read(paths, options_of(version))


def version_figures(store, version) -> pd.DataFrame:
    """:data:`FIGURE_COLUMNS` of a stored version (for viewing and comparing)."""
    return spec(version.kind).figures(version_tables(store, version))


def check(kind: str, name: str, content: bytes, ctx: Context, in_force: dict[str, pd.DataFrame] | None
          ) -> Candidate:
    """Check an upload of ``kind`` and preview it against the tables in force.

    Args:
        kind: a registered kind.
        name: the upload's original file name (messages name it).
        content: its bytes (the page has checked the size before reading them).
        ctx: files in force and the editor's answers.
        in_force: the tables in force (:func:`in_force_tables`), ``None``
            or ``{}`` when nothing is in force.

    Returns:
        The :class:`Candidate`; ``changes`` and ``counts`` set when the
        upload could be read.
    """
    from kp2s_dashboard.store.diff import figure_changes, summarise

    kind_spec = spec(kind)
    candidate = kind_spec.check(name, content, ctx)
    if candidate.tables and not candidate.errors and candidate.needs is None:
        candidate.figures = kind_spec.figures(candidate.tables)
        old = kind_spec.figures(in_force) if in_force else None
        candidate.changes = figure_changes(old, candidate.figures)
        candidate.counts = summarise(candidate.changes)
        in_force_count = 0 if old is None else len(old)
        removed = candidate.counts.get("removed", 0)
        if removed and 2 * removed >= in_force_count:  # a partial file would take most figures off every page
            candidate.warnings.append(Problem("kelola.removes_most", {"removed": removed, "total": in_force_count},
                                              Location(file=name), "warning"))
    return candidate


def publish(store, candidate: Candidate, who: str, comment: str, expected_current: Any):
    """Publish a checked candidate as a new version (its files, report and
    tables in one transaction; see :meth:`kp2s_dashboard.store.Store.publish_files`).
    The first publication of a kind first keeps the embedded data in force
    as a version of its own (:func:`keep_embedded`), so it can be restored.

    Raises:
        PublishError: not publishable (errors, or a question unanswered) or
            refused by the store; StaleVersion: someone published meanwhile.
    """
    from kp2s_dashboard.store.errors import PublishError

    if not candidate.publishable:
        raise PublishError("kelola.not_publishable", name=candidate.name)
    if expected_current is None and store.in_force(candidate.kind) is None:
        baseline = keep_embedded(store, candidate.kind)
        if baseline is not None:
            expected_current = baseline.id
    return store.publish_files(candidate.kind, candidate.files, who, comment, candidate.report(),
                               candidate.tables, expected_current=expected_current)


#: Who and why of the version :func:`keep_embedded` writes (stored as data, shown as written).
EMBEDDED_WHO = "kp2s"
EMBEDDED_COMMENT = ("Data bawaan yang berlaku sebelum publikasi pertama, disimpan agar dapat dipulihkan "
                    "(embedded data in force before the first publication, kept so that it can be restored)")


def keep_embedded(store, kind: str):
    """Before the first version of ``kind`` is published, store the embedded
    file(s) in force (``data/``, the demo workbook set, the boundary file in
    use) as a version of their own, so that the editor can restore them like
    any other version: the first publication can be undone, and the history
    shows what the dashboard showed before. Nothing happens when the store
    already holds a version of ``kind`` or no embedded file is in force.

    Returns:
        The stored :class:`~kp2s_dashboard.store.core.Version`, or ``None``.

    Raises:
        StaleVersion: another editor published ``kind`` meanwhile.
        PublishError / StoreUnavailable: as :meth:`Store.publish_files`.
    """
    from kp2s_dashboard.store import publishing

    if store.in_force(kind) is not None:
        return None
    files = [f for f in publishing.context(kind).files if f.is_default and Path(f.path).is_file()]
    if not files:
        return None
    report = {"kind": kind, "file": files[0].name, "files": [f.name for f in files], "replaces": None,
              "errors": [], "warnings": [], "changes": {}, "options": {}, "embedded": True}
    return store.publish_files(kind, [(f.name, Path(f.path).read_bytes()) for f in files], EMBEDDED_WHO,
                               EMBEDDED_COMMENT, report, None, expected_current=None)
