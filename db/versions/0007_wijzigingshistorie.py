"""change history of corrected records

- recordwijziging: one row per changed field of a corrected jeugdige, gezin, gezinslid, aanmelding
  or contactmoment (services/correcties.py), with the value before and after, who and when; a
  tombstone or a new record is a row too, with the dossier through which the change was made
  (`dossier_id`). Rows are only added: a trigger refuses every UPDATE (a kept old value cannot be
  rewritten) except one that only blanks the toelichting; destroying a dossier's personal data after the
  bewaartermijn deletes the rows of its records and blanks the toelichting of the rows written through it
  on records that stay, e.g. a gezin shared with a sibling (services/bewaring.py), so DELETE stays allowed.

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

MELDING = "De wijzigingshistorie kan niet worden aangepast; een correctie is een nieuwe regel."
# every column but toelichting: an UPDATE may only blank the toelichting (destruction, services/bewaring.py)
VASTE_KOLOMMEN = ["id", "tabel", "record_id", "version", "soort", "veld", "oud", "nieuw", "gewijzigd_at",
                  "gewijzigd_door", "gewijzigd_door_id", "dossier_id"]
SQLITE = ["CREATE TRIGGER recordwijziging_geen_update BEFORE UPDATE ON recordwijziging "
          "WHEN NEW.toelichting <> '' OR " + " OR ".join(f"NEW.{k} IS NOT OLD.{k}" for k in VASTE_KOLOMMEN)
          + f" BEGIN SELECT RAISE(ABORT, '{MELDING}'); END"]
POSTGRESQL = [
    "CREATE FUNCTION recordwijziging_geen_update() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN IF NEW.toelichting <> '' OR to_jsonb(NEW) - 'toelichting' IS DISTINCT FROM to_jsonb(OLD) - 'toelichting' "
    f"THEN RAISE EXCEPTION '{MELDING}'; END IF; RETURN NEW; END $$",
    "CREATE TRIGGER recordwijziging_geen_update BEFORE UPDATE ON recordwijziging "
    "FOR EACH ROW EXECUTE FUNCTION recordwijziging_geen_update()",
]


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
        sa.Column("dossier_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("recordwijziging") as batch:
        batch.create_index("ix_recordwijziging_record", ["record_id", "gewijzigd_at"], unique=False)
        batch.create_index("ix_recordwijziging_dossier", ["dossier_id"], unique=False)
    for sql in SQLITE if op.get_bind().dialect.name == "sqlite" else POSTGRESQL:
        op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS recordwijziging_geen_update")
    else:
        op.execute("DROP TRIGGER IF EXISTS recordwijziging_geen_update ON recordwijziging")
        op.execute("DROP FUNCTION IF EXISTS recordwijziging_geen_update()")
    with op.batch_alter_table("recordwijziging") as batch:
        batch.drop_index("ix_recordwijziging_dossier")
        batch.drop_index("ix_recordwijziging_record")
    op.drop_table("recordwijziging")
