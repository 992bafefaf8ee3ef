"""change history of corrected records

- recordwijziging: one row per changed field of a corrected jeugdige, gezin, gezinslid, aanmelding
  or contactmoment (services/correcties.py), with the value before and after, who and when; a
  tombstone or a new record is a row too. Rows are only added; destroying a dossier's personal data
  after the bewaartermijn deletes the rows of its records (services/bewaring.py).

Revision ID: 0007_wijzigingshistorie
Revises: 0006_auditketen_kop
Create Date: 2026-12-01
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007_wijzigingshistorie"
down_revision = "0006_auditketen_kop"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recordwijziging",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("tabel", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("soort", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("veld", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("oud", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("nieuw", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("gewijzigd_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gewijzigd_door", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("gewijzigd_door_id", sa.Uuid(), nullable=True),
        sa.Column("toelichting", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("recordwijziging") as batch:
        batch.create_index("ix_recordwijziging_record", ["record_id", "gewijzigd_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("recordwijziging") as batch:
        batch.drop_index("ix_recordwijziging_record")
    op.drop_table("recordwijziging")
