"""Publishing from the *Kelola data* page: the pure glue between the page
and the registry of kinds (:mod:`kp2s_dashboard.store.kinds`), and the
tables the page shows (changes, versions, audit log).

The page calls :func:`check_upload` for the kind chosen, shows the
:class:`~kp2s_dashboard.store.kinds.Candidate` (report, preview of the
changes per district and year) and publishes it with
:func:`kp2s_dashboard.store.kinds.publish`.
"""

from __future__ import annotations

import pandas as pd

from kp2s_dashboard.store import kinds
from kp2s_dashboard.store.diff import bases_differ
from kp2s_dashboard.store.kinds import Candidate, Context

#: Kinds the page can publish, in the order offered (every kind of the store).
PUBLISHABLE = kinds.kinds()

#: Indicators the editor may choose for a wide table without an indicator column.
INDICATORS = ("stunting", "severely_stunted", "moderately_stunted")


def context(kind: str, options: dict | None = None) -> Context:
    """The files in force of ``kind`` (:mod:`kp2s_dashboard.store.datastore`)
    and the editor's answers, for a check.

    Raises:
        StoreUnavailable: the configured store cannot be opened.
    """
    from kp2s_dashboard.store import datastore

    if kind == "boundaries":
        f = datastore.boundary_file()
        files = [f] if f is not None else []
    elif kind in datastore.DEFAULT_SETS:
        files = datastore.current_files(kind)
    else:
        try:
            files = [datastore.current(kind)]
        except (KeyError, FileNotFoundError):  # an installation without the embedded file of this kind
            files = []
    return Context(files=files, options=dict(options or {}))


def check_upload(kind: str, name: str, content: bytes, options: dict | None = None) -> Candidate:
    """Check an upload of ``kind`` against what is in force (see
    :func:`kp2s_dashboard.store.kinds.check`). A file in force that cannot
    be read is no reason to refuse a correction: the preview then shows
    every figure as new.

    Raises:
        StoreUnavailable: the configured store cannot be opened.
    """
    from kp2s_dashboard.errors import KP2SError
    from kp2s_dashboard.store import datastore

    ctx = context(kind, options)
    try:
        current = kinds.in_force_tables(kind, datastore.store(), ctx.files)
    except KP2SError:
        current = {}
    return kinds.check(kind, name, content, ctx, current)


def check_prevalence(name: str, content: bytes, in_force: pd.DataFrame | None,
                     options: dict | None = None) -> Candidate:
    """Check a prevalence upload against the table ``in_force`` (``None``:
    none), without asking the store (for tests and scripts)."""
    return kinds.check("prevalence", name, content, Context(options=dict(options or {})),
                       {"prevalence": in_force} if in_force is not None else None)


def compare(store, older, newer) -> pd.DataFrame:
    """What changes from version ``older`` to ``newer`` (two stored versions
    of one kind): :func:`kp2s_dashboard.store.diff.figure_changes` of their
    figures (:func:`kp2s_dashboard.store.kinds.version_figures`)."""
    from kp2s_dashboard.store.diff import figure_changes

    return figure_changes(kinds.version_figures(store, older), kinds.version_figures(store, newer))


def summarise(changes: pd.DataFrame) -> dict[str, int]:
    """Counts of new, changed and removed figures (see
    :func:`kp2s_dashboard.store.diff.summarise`)."""
    from kp2s_dashboard.store.diff import summarise as _summarise

    return _summarise(changes)


def _name(reg, code: str) -> str:
    from kp2s_dashboard.errors import RegionNotFoundError

    try:
        return reg.short_name(code)
    except RegionNotFoundError:
        return code


def changes_frame(changes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A :func:`~kp2s_dashboard.store.diff.figure_changes` result for
    display: district name, year ("" for a kind without years), the figure,
    the change named in ``lang``, old and new values (numbers)."""
    from kp2s_dashboard.i18n import t
    from kp2s_dashboard.regions import registry

    reg = registry()
    out = pd.DataFrame({
        t("kelola.col_district", lang): [_name(reg, c) for c in changes["code"]],
        t("kelola.col_year", lang): ["" if pd.isna(y) else str(int(y)) for y in changes["year"]],
        t("kelola.col_item", lang): [_item(i, lang) for i in changes["item"]],
        t("kelola.col_change", lang): [t(f"kelola.change_{c}", lang) for c in changes["change"]],
        t("kelola.col_old", lang): [_number(v, lang) for v in changes["old"]],
        t("kelola.col_new", lang): [_number(v, lang) for v in changes["new"]],
    })
    pairs = _basis_pairs(changes)
    if any(pairs):  # old and new computed differently: say so on the row, in short (basis_notes says it in full)
        out[t("kelola.col_basis", lang)] = [
            t("kelola.basis_changed_short", lang, old=_basis(p[0], lang, short=True), new=_basis(p[1], lang, short=True))
            if p else "" for p in pairs
        ]
    return out


def basis_notes(changes: pd.DataFrame, lang: str) -> list[str]:
    """One sentence per pair of bases that differ in ``changes`` (a
    :func:`~kp2s_dashboard.store.diff.figure_changes` result), with how many
    figures it concerns, for the caption above :func:`changes_frame`: "Dasar
    nilai berbeda pada 26 angka, angka lama dan baru tidak sebanding: lama
    Jumlah (total) di berkas — jenis berkas: per penilai; baru …". Empty when
    every basis agrees."""
    from kp2s_dashboard.i18n import t

    counts: dict[tuple[str, str], int] = {}
    for pair in _basis_pairs(changes):
        if pair:
            counts[pair] = counts.get(pair, 0) + 1
    return [t("kelola.basis_changed", lang, n=n, old=_basis(a, lang), new=_basis(b, lang)) for (a, b), n in counts.items()]


def _basis_pairs(changes: pd.DataFrame) -> list[tuple[str, str] | None]:
    """Per row of ``changes``: (old, new) basis when they differ, else None."""
    if "basis_old" not in changes.columns:
        return [None] * len(changes)
    return [(str(a), str(b)) if bases_differ(str(a), str(b)) else None
            for a, b in zip(changes["basis_old"].fillna(""), changes["basis_new"].fillna(""))]


def _basis(basis: str, lang: str, short: bool = False) -> str:
    """A figure's basis (``total@assessor``) in words: in full ("Jumlah
    (total) di berkas — jenis berkas: per penilai") or ``short`` ("Jumlah
    (per penilai)"); a basis the catalogue does not know as written."""
    from kp2s_dashboard.assessment.result import BASES
    from kp2s_dashboard.i18n import CATALOGUE, t

    basis, _, kind = str(basis).partition("@")
    key = f"asm.basis_short.{basis}" if short else f"asm.basis_rank.{basis}"
    text = t(key, lang) if basis in BASES and key in CATALOGUE else basis
    if kind:
        name = " + ".join(t(f"asm.kind_short.{k}", lang) if f"asm.kind_short.{k}" in CATALOGUE else k
                          for k in kind.split("+"))
        text = t("kelola.basis_of_kind_short" if short else "kelola.basis_of_kind", lang, basis=text, kind=name)
    return text


def _number(value: float, lang: str) -> str:
    """A figure as the language writes it, with the decimals it has (at most
    2); an en dash where there is none (a new or removed figure)."""
    from kp2s_dashboard.i18n import fmt_number

    if pd.isna(value):
        return "–"
    value = float(value)
    decimals = next((d for d in range(3) if abs(round(value, d) - value) < 1e-9), 2)
    return fmt_number(value, lang, decimals)


def _item(item: str, lang: str) -> str:
    from kp2s_dashboard.i18n import t

    if item in ("rank", "score", "area_km2"):
        return t(f"kelola.item_{item}", lang)
    source, sep, indicator = item.partition(" · ")
    if sep and indicator in INDICATORS:  # a prevalence figure: its source and the indicator named in lang
        return f"{source} · {t(f'indicator.{indicator}', lang)}"
    return item


def figures_frame(figures: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A version's figures (:data:`kp2s_dashboard.store.kinds.FIGURE_COLUMNS`)
    for display: district, year, figure, value."""
    from kp2s_dashboard.i18n import t
    from kp2s_dashboard.regions import registry

    reg = registry()
    return pd.DataFrame({
        t("kelola.col_district", lang): [_name(reg, c) for c in figures["code"]],
        t("kelola.col_year", lang): ["" if pd.isna(y) else str(int(y)) for y in figures["year"]],
        t("kelola.col_item", lang): [_item(i, lang) for i in figures["item"]],
        t("kelola.col_value", lang): [_number(v, lang) for v in figures["value"]],
    })


def report_lines(report, lang: str = "en") -> tuple[list[str], list[str]]:
    """Errors and warnings of a stored report (:meth:`kinds.Candidate.report`)
    in ``lang``: the texts stored in that language (``errors_id`` and
    ``warnings_id`` for "id"), else the English texts (``errors``,
    ``warnings``; a report stored before the other language was kept).
    Both lists hold located messages as rendered when published."""
    if not isinstance(report, dict):
        return [], []
    out = []
    for name in ("errors", "warnings"):
        texts = report.get(f"{name}_{lang}") if lang != "en" else None
        if texts is None:
            texts = report.get(name)
        out.append([str(x) for x in texts or []])
    return out[0], out[1]


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
    """Audit log rows (newest first) as a table: time, event and kind named
    in ``lang`` (``newcomer.audit.<event>`` and ``kelola.kind_<kind>``; an
    event or kind without an entry is shown as recorded), user, version and
    details (:func:`audit_detail`, a sentence in ``lang``)."""
    from kp2s_dashboard.i18n import t
    from kp2s_dashboard.i18n.catalogue import CATALOGUE

    def named(prefix: str, code: str | None) -> str:
        if not code:
            return ""
        return t(prefix + code, lang) if prefix + code in CATALOGUE else code

    return pd.DataFrame({
        t("kelola.col_when", lang): [e.at.strftime("%Y-%m-%d %H:%M:%S UTC") for e in entries],
        t("kelola.col_event", lang): [named("newcomer.audit.", e.event) for e in entries],
        t("kelola.col_who", lang): [e.who for e in entries],
        t("kelola.col_kind", lang): [named("kelola.kind_", e.kind) for e in entries],
        t("kelola.col_version", lang): [str(e.version_id) if e.version_id else "" for e in entries],
        t("kelola.col_detail", lang): [audit_detail(e.detail, lang) for e in entries],
    })


def _audit_value(value: object) -> str:
    """A detail value as plain words: a list joined by commas, a dict as
    ``key: value`` pairs, anything else as ``str``."""
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_audit_value(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_audit_value(v) for v in value)
    return str(value)


def audit_detail(detail: dict | None, lang: str) -> str:
    """An audit log row's ``detail`` (the JSON object the store records) as a
    short sentence in ``lang``, e.g. ``"File nilai.xlsx; 2 tables; comment:
    revisi"`` for a publish, ``"Restored from version 12"``, ``"From backup
    b.zip; 13 rows; old data replaced"``. Known keys (``files``, ``tables``,
    ``comment``, ``restored_from``, ``source``, ``rows``, ``replaced``,
    ``until``, ``reason``, ``sid``) are named through the catalogue
    (``audit.d.*``); any other key is shown as ``key: value``. ``""`` for an
    empty detail. Plain text: file names and comments are kept as written, for
    a table cell (never rendered as markup)."""
    from kp2s_dashboard.i18n import t

    parts: list[str] = []
    for key, value in (detail or {}).items():
        if key == "files" and isinstance(value, list):
            names = [str(f.get("name", "")) if isinstance(f, dict) else str(f) for f in value]
            if names:
                parts.append(t("audit.d.files_one" if len(names) == 1 else "audit.d.files_many", lang,
                               names=", ".join(names)))
        elif key == "tables" and isinstance(value, list):
            parts.append(t("audit.d.tables", lang, n=len(value)))
        elif key == "rows" and isinstance(value, dict):
            parts.append(t("audit.d.rows", lang, n=sum(int(v) for v in value.values() if isinstance(v, int))))
        elif key == "replaced":
            if value:
                parts.append(t("audit.d.replaced", lang))
        elif key in ("comment", "restored_from", "source", "until", "reason", "sid"):
            if value not in ("", None):
                parts.append(t("audit.d." + key, lang, value=_audit_value(value)))
        else:
            parts.append(f"{key}: {_audit_value(value)}")
    text = "; ".join(p for p in parts if p)
    return text[:1].upper() + text[1:]
