"""wachtlijst flag: aanmelding.op_wachtlijst, indexed, filled from the data

Revision ID: 0002_wachtlijst_flag
Revises: 0001_case_flow
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_wachtlijst_flag"
down_revision = "0001_case_flow"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("aanmelding", schema=None) as batch_op:
        batch_op.add_column(sa.Column("op_wachtlijst", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.create_index(batch_op.f("ix_aanmelding_op_wachtlijst"), ["op_wachtlijst"], unique=False)
    # derive it for existing rows: decision in force sends it to JET, no dossier yet
    op.execute(
        "UPDATE aanmelding SET op_wachtlijst = TRUE WHERE deleted_at IS NULL "
        "AND huidig_besluit_id IN (SELECT id FROM triagebesluit "
        "WHERE uitkomst IN ('zelf_oppakken', 'specialistische_jeugdhulp')) "
        "AND NOT EXISTS (SELECT 1 FROM dossier WHERE dossier.aanmelding_id = aanmelding.id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("aanmelding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_aanmelding_op_wachtlijst"))
        batch_op.drop_column("op_wachtlijst")
