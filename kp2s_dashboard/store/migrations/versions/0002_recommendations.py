"""Recommendations handed to districts after an assessment and their
append-only history of edits and follow-up (issue 10).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recommendation",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
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
        sa.CheckConstraint("action IS NULL OR (action >= 1 AND action <= 8)", name="ck_recommendation_action"),
        sa.CheckConstraint("priority IS NULL OR priority IN ('tinggi', 'sedang', 'rendah')",
                           name="ck_recommendation_priority"),
        sa.PrimaryKeyConstraint("id", name="pk_recommendation"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_recommendation_year_district", "recommendation", ["year_assessed", "district_code"])
    op.create_table(
        "recommendation_entry",
        sa.Column("id", sa.Integer, autoincrement=True, nullable=False),
        sa.Column("recommendation_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("entry_date", sa.Date, nullable=False),
        sa.Column("status", sa.String(32), nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("evidence_url", sa.Text, nullable=True),
        sa.Column("evidence_sha256", sa.String(64), nullable=True),
        sa.Column("evidence_name", sa.String(255), nullable=True),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("priority", sa.String(16), nullable=True),
        sa.Column("responsible", sa.String(200), nullable=True),
        sa.Column("due_date", sa.Date, nullable=True),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('edit', 'followup')", name="ck_recommendation_entry_kind"),
        sa.CheckConstraint(
            "(kind = 'followup' AND status IN ('belum_ditindaklanjuti', 'dalam_proses', 'selesai', "
            "'tidak_dapat_ditindaklanjuti')) OR (kind = 'edit' AND status IS NULL)",
            name="ck_recommendation_entry_status"),
        sa.CheckConstraint(
            "status IS NULL OR status <> 'tidak_dapat_ditindaklanjuti' OR (reason IS NOT NULL AND reason <> '')",
            name="ck_recommendation_entry_reason"),
        sa.CheckConstraint("priority IS NULL OR priority IN ('tinggi', 'sedang', 'rendah')",
                           name="ck_recommendation_entry_priority"),
        sa.ForeignKeyConstraint(["recommendation_id"], ["recommendation.id"],
                                name="fk_recommendation_entry_recommendation_id_recommendation"),
        sa.ForeignKeyConstraint(["evidence_sha256"], ["blob.sha256"],
                                name="fk_recommendation_entry_evidence_sha256_blob"),
        sa.PrimaryKeyConstraint("id", name="pk_recommendation_entry"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_recommendation_entry_recommendation_id", "recommendation_entry",
                    ["recommendation_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_recommendation_entry_recommendation_id", table_name="recommendation_entry")
    op.drop_table("recommendation_entry")
    op.drop_index("ix_recommendation_year_district", table_name="recommendation")
    op.drop_table("recommendation")
