"""Initial store: blobs, dataset versions, their files and parsed tables, audit log.

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blob",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_blob"),
    )
    op.create_table(
        "dataset_version",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("report", sa.JSON, nullable=True),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("restored_from", sa.Integer, nullable=True),
        sa.Column("n_files", sa.Integer, nullable=False),
        sa.CheckConstraint("kind IN ('assessment', 'prevalence', 'targets', 'published', 'boundaries')",
                           name="ck_dataset_version_kind"),
        sa.CheckConstraint("status IN ('published', 'draft')", name="ck_dataset_version_status"),
        sa.ForeignKeyConstraint(["restored_from"], ["dataset_version.id"],
                                name="fk_dataset_version_restored_from_dataset_version"),
        sa.PrimaryKeyConstraint("id", name="pk_dataset_version"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_dataset_version_kind_status_id", "dataset_version", ["kind", "status", "id"])
    op.create_table(
        "version_file",
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["dataset_version.id"],
                                name="fk_version_file_version_id_dataset_version"),
        sa.ForeignKeyConstraint(["sha256"], ["blob.sha256"], name="fk_version_file_sha256_blob"),
        sa.PrimaryKeyConstraint("version_id", "position", name="pk_version_file"),
        sa.UniqueConstraint("version_id", "file_name", name="uq_version_file_name"),
    )
    op.create_table(
        "version_table",
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("n_rows", sa.Integer, nullable=False),
        sa.Column("columns", sa.JSON, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.ForeignKeyConstraint(["version_id"], ["dataset_version.id"],
                                name="fk_version_table_version_id_dataset_version"),
        sa.PrimaryKeyConstraint("version_id", "name", name="pk_version_table"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("event", sa.String(64), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=True),
        sa.Column("version_id", sa.Integer, nullable=True),
        sa.Column("detail", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_table("version_table")
    op.drop_table("version_file")
    op.drop_index("ix_dataset_version_kind_status_id", table_name="dataset_version")
    op.drop_table("dataset_version")
    op.drop_table("blob")
