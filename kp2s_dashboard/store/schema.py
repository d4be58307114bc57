"""The store's tables (SQLAlchemy Core), one schema for SQLite and PostgreSQL.

The migrations in ``migrations/versions/`` create exactly these tables; a
test compares the two (:func:`tests.test_store.test_migrations_match_schema`).

``blob`` — content-addressed file bytes, stored once however many versions
use them:

=========== =========== ===================================================
sha256      char(64) PK hex SHA-256 of ``data``
size        bigint      bytes
data        blob/bytea  the original file, byte for byte
=========== =========== ===================================================

``dataset_version`` — one row per published (or draft) version; never
updated or deleted:

=============== ============ ===============================================
id              integer PK   increasing; the newest ``published`` row of a
                             kind is the version in force
kind            varchar(32)  one of :data:`KINDS`
status          varchar(16)  ``published`` or ``draft``
created_at      timestamp    UTC
created_by      varchar(200) the editor's user name
comment         text         the editor's comment ("" when none)
report          JSON         the validation report (any JSON value; null
                             when none)
content_sha256  char(64)     SHA-256 over the version's files (names and
                             hashes), equal for equal content
restored_from   integer FK   the version whose content a restore copied
n_files         integer      number of ``version_file`` rows
=============== ============ ===============================================

``version_file`` — the files of a version (one for most kinds, several for
``assessment``): ``version_id``, ``position`` (0…), ``file_name``,
``sha256`` (FK ``blob``), ``size``.

``version_table`` — the parsed tables of a version: ``version_id``,
``name``, ``format`` (``parquet``), ``n_rows``, ``columns`` (JSON list of
names), ``data``.

Why parquet bytes for the parsed tables rather than rows or JSON: the
tables are written once and read whole, never queried row by row in SQL;
parquet round-trips pandas dtypes exactly (``str``, ``category``,
``Int64``, datetimes with their unit), which JSON does not, is compact, and
needs no table per kind of table, so a loader may add a column without a
migration. ``pyarrow`` is already a dependency of Streamlit. ``n_rows`` and
``columns`` stay readable in SQL for inspection.

``audit_log`` — append-only: ``id``, ``at`` (UTC), ``event`` (e.g.
``publish``, ``restore``, ``sign_in_failed``), ``who``, ``kind``,
``version_id`` (no FK: an event may name a version that does not exist,
e.g. a failed restore), ``detail`` (JSON object).

``recommendation`` — one recommendation handed to a district after an
assessment (issue 10); never updated or deleted. The text, priority,
responsible perangkat daerah and due date given here are the first
version; later edits are ``recommendation_entry`` rows of kind ``edit``:

================= ============ ============================================
id                integer PK   increasing
year_assessed     integer      assessment year (e.g. 2024)
period            varchar(32)  assessment period/round label ("" when none)
district_code     varchar(16)  BPS code (:mod:`kp2s_dashboard.regions`)
action            integer      Aksi 1–8; NULL for a general recommendation
text              text         the recommendation
priority          varchar(16)  ``tinggi``, ``sedang``, ``rendah`` or NULL
responsible       varchar(200) responsible perangkat daerah (Bappeda, …)
due_date          date         tenggat; NULL when none
created_by        varchar(200) editor's user name
created_at        timestamp    UTC
================= ============ ============================================

``recommendation_entry`` — append-only history of a recommendation:
``kind`` ``edit`` (non-NULL ``text``/``priority``/``responsible``/
``due_date`` replace the current values) or ``followup`` (``status`` one of
:data:`FOLLOWUP_STATUSES`; ``tidak_dapat_ditindaklanjuti`` needs a
``reason``). Both carry ``entry_date`` (date of the follow-up or edit),
``note``, optional evidence (``evidence_url``, or an uploaded document in
``blob`` named by ``evidence_sha256`` and ``evidence_name``), ``who`` and
``recorded_at`` (UTC).
"""

from __future__ import annotations

import sqlalchemy as sa

#: The kinds of dataset the store holds (the keys used by ``datastore``).
#: ``eppgbm_wilayah``: e-PPGBM aggregates per kecamatan/puskesmas/desa and
#: ``lokus_desa``: desa lokus lists (issue 12, migration 0003).
KINDS = ("assessment", "prevalence", "targets", "published", "boundaries", "eppgbm_wilayah", "lokus_desa")
STATUSES = ("published", "draft")
#: Follow-up statuses of a recommendation, in board order.
FOLLOWUP_STATUSES = ("belum_ditindaklanjuti", "dalam_proses", "selesai", "tidak_dapat_ditindaklanjuti")
PRIORITIES = ("tinggi", "sedang", "rendah")
ENTRY_KINDS = ("edit", "followup")

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

blob = sa.Table(
    "blob", metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

dataset_version = sa.Table(
    "dataset_version", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("created_by", sa.String(200), nullable=False),
    sa.Column("comment", sa.Text, nullable=False),
    sa.Column("report", sa.JSON, nullable=True),
    sa.Column("content_sha256", sa.String(64), nullable=False),
    sa.Column("restored_from", sa.Integer, sa.ForeignKey("dataset_version.id"), nullable=True),
    sa.Column("n_files", sa.Integer, nullable=False),
    sa.CheckConstraint("kind IN (" + ", ".join(f"'{k}'" for k in KINDS) + ")", name="kind"),
    sa.CheckConstraint("status IN ('published', 'draft')", name="status"),
    sa.Index("ix_dataset_version_kind_status_id", "kind", "status", "id"),
    sqlite_autoincrement=True,
)

version_file = sa.Table(
    "version_file", metadata,
    sa.Column("version_id", sa.Integer, sa.ForeignKey("dataset_version.id"), primary_key=True),
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("file_name", sa.String(255), nullable=False),
    sa.Column("sha256", sa.String(64), sa.ForeignKey("blob.sha256"), nullable=False),
    sa.Column("size", sa.BigInteger, nullable=False),
    sa.UniqueConstraint("version_id", "file_name", name="uq_version_file_name"),
)

version_table = sa.Table(
    "version_table", metadata,
    sa.Column("version_id", sa.Integer, sa.ForeignKey("dataset_version.id"), primary_key=True),
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("format", sa.String(16), nullable=False),
    sa.Column("n_rows", sa.Integer, nullable=False),
    sa.Column("columns", sa.JSON, nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("event", sa.String(64), nullable=False),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(32), nullable=True),
    sa.Column("version_id", sa.Integer, nullable=True),
    sa.Column("detail", sa.JSON, nullable=False),
    sa.Index("ix_audit_log_at", "at"),
    sqlite_autoincrement=True,
)

recommendation = sa.Table(
    "recommendation", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("year_assessed", sa.Integer, nullable=False),
    sa.Column("period", sa.String(32), nullable=False),
    sa.Column("district_code", sa.String(16), nullable=False),
    sa.Column("action", sa.Integer, nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("priority", sa.String(16), nullable=True),
    sa.Column("responsible", sa.String(200), nullable=False),
    sa.Column("due_date", sa.Date, nullable=True),
    sa.Column("created_by", sa.String(200), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("action IS NULL OR (action >= 1 AND action <= 8)", name="action"),
    sa.CheckConstraint("priority IS NULL OR priority IN ('tinggi', 'sedang', 'rendah')", name="priority"),
    sa.Index("ix_recommendation_year_district", "year_assessed", "district_code"),
    sqlite_autoincrement=True,
)

recommendation_entry = sa.Table(
    "recommendation_entry", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("recommendation_id", sa.Integer, sa.ForeignKey("recommendation.id"), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("entry_date", sa.Date, nullable=False),
    sa.Column("status", sa.String(32), nullable=True),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("evidence_url", sa.Text, nullable=True),
    sa.Column("evidence_sha256", sa.String(64), sa.ForeignKey("blob.sha256"), nullable=True),
    sa.Column("evidence_name", sa.String(255), nullable=True),
    sa.Column("text", sa.Text, nullable=True),
    sa.Column("priority", sa.String(16), nullable=True),
    sa.Column("responsible", sa.String(200), nullable=True),
    sa.Column("due_date", sa.Date, nullable=True),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('edit', 'followup')", name="kind"),
    sa.CheckConstraint(
        "(kind = 'followup' AND status IN ('belum_ditindaklanjuti', 'dalam_proses', 'selesai', "
        "'tidak_dapat_ditindaklanjuti')) OR (kind = 'edit' AND status IS NULL)", name="status"),
    sa.CheckConstraint(
        "status IS NULL OR status <> 'tidak_dapat_ditindaklanjuti' OR (reason IS NOT NULL AND reason <> '')",
        name="reason"),
    sa.CheckConstraint("priority IS NULL OR priority IN ('tinggi', 'sedang', 'rendah')", name="priority"),
    sa.Index("ix_recommendation_entry_recommendation_id", "recommendation_id", "id"),
    sqlite_autoincrement=True,
)

#: Tables in an order that respects foreign keys (for copying and dumps).
TABLES = (blob, dataset_version, version_file, version_table, audit_log, recommendation, recommendation_entry)
