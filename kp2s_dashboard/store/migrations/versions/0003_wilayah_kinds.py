"""Two more kinds of dataset: ``eppgbm_wilayah`` (e-PPGBM aggregates per
kecamatan, puskesmas and desa) and ``lokus_desa`` (desa lokus lists), issue 12.

Only the check constraint on ``dataset_version.kind`` changes (SQLite copies
the table to change it; PostgreSQL drops and recreates the constraint).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_OLD = ("assessment", "prevalence", "targets", "published", "boundaries")
_NEW = (*_OLD, "eppgbm_wilayah", "lokus_desa")


def _in(kinds: tuple[str, ...]) -> str:
    return "kind IN (" + ", ".join(f"'{k}'" for k in kinds) + ")"


def upgrade() -> None:
    with op.batch_alter_table("dataset_version") as batch:
        batch.drop_constraint("ck_dataset_version_kind", type_="check")
        batch.create_check_constraint(op.f("ck_dataset_version_kind"), _in(_NEW))


def downgrade() -> None:
    with op.batch_alter_table("dataset_version") as batch:
        batch.drop_constraint("ck_dataset_version_kind", type_="check")
        batch.create_check_constraint(op.f("ck_dataset_version_kind"), _in(_OLD))
