"""offline home visits: the laptop store's capture and the team server's record of what it received

- On every store (one schema; docs/sync.md):
  - sync_apparaat (a laptop store: its device id, medewerker, the last audit line received),
    sync_toegepast (every operation id a laptop sent, with its result: a resent batch is answered from here),
    sync_conflict (a field changed on both sides: base, server and laptop value, who and when, the resolution);
  - sync_laptop (the one row of a laptop store), sync_outbox (the captured writes), sync_geweigerd (writes the
    server refused, kept with the reason).
- On SQLite: the capture triggers of storage/synctriggers.py (they do nothing until a store is a laptop store:
  sync_laptop stays empty everywhere else).

Downgrading drops the triggers and the tables.

Revision ID: 0011_offline_sync
Revises: 0010_codelijsten
Create Date: 2026-12-03
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from jet_desktop.storage import synctriggers

revision = "0011_offline_sync"
down_revision = "0010_codelijsten"
branch_labels = None
depends_on = None

S = sqlmodel.sql.sqltypes.AutoString
TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sync_apparaat",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("medewerker_id", sa.Uuid(), nullable=False),
        sa.Column("aangemaakt_at", TZ, nullable=False),
        sa.Column("audit_volgnummer", sa.BigInteger(), nullable=False),
        sa.Column("laatste_sync_at", TZ, nullable=True),
        sa.PrimaryKeyConstraint("id"))
    op.create_index("ix_sync_apparaat_medewerker_id", "sync_apparaat", ["medewerker_id"])
    op.create_table(
        "sync_toegepast",
        sa.Column("op_id", sa.Uuid(), nullable=False),
        sa.Column("apparaat_id", sa.Uuid(), nullable=False),
        sa.Column("tabel", S(length=30), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("resultaat", S(length=12), nullable=False),
        sa.Column("details", S(), nullable=False),
        sa.Column("toegepast_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("op_id"))
    op.create_index("ix_sync_toegepast_apparaat_id", "sync_toegepast", ["apparaat_id"])
    op.create_index("ix_sync_toegepast_record_id", "sync_toegepast", ["record_id"])
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
        sa.Column("updated_by", S(length=120), nullable=False),
        sa.Column("apparaat_id", sa.Uuid(), nullable=False),
        sa.Column("op_id", sa.Uuid(), nullable=False),
        sa.Column("medewerker_id", sa.Uuid(), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=True),
        sa.Column("tabel", S(length=30), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("veld", S(length=40), nullable=False),
        sa.Column("soort", S(length=12), nullable=False),
        sa.Column("basis", S(), nullable=False),
        sa.Column("server", S(), nullable=False),
        sa.Column("laptop", S(), nullable=False),
        sa.Column("server_door", S(length=120), nullable=False),
        sa.Column("server_at", TZ, nullable=True),
        sa.Column("laptop_door", S(length=120), nullable=False),
        sa.Column("laptop_at", TZ, nullable=True),
        sa.Column("opgelost_at", TZ, nullable=True),
        sa.Column("opgelost_door", S(length=120), nullable=False),
        sa.Column("oplossing", S(length=12), nullable=False),
        sa.Column("uitkomst", S(), nullable=False),
        sa.PrimaryKeyConstraint("id"))
    op.create_index("ix_sync_conflict_medewerker_id", "sync_conflict", ["medewerker_id"])
    op.create_index("ix_sync_conflict_dossier_id", "sync_conflict", ["dossier_id"])
    op.create_table(
        "sync_laptop",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("apparaat_id", sa.Uuid(), nullable=False),
        sa.Column("server_url", S(length=400), nullable=False),
        sa.Column("gebruikersnaam", S(length=60), nullable=False),
        sa.Column("medewerker_id", sa.Uuid(), nullable=False),
        sa.Column("vastleggen", sa.Boolean(), nullable=False),
        sa.Column("meegenomen_at", TZ, nullable=False),
        sa.Column("laatste_contact_at", TZ, nullable=True),
        sa.Column("laatste_volledige_sync", TZ, nullable=True),
        sa.Column("audit_verzonden", sa.BigInteger(), nullable=False),
        sa.Column("automatisch", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"))
    op.create_table(
        "sync_outbox",
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("op_id", S(length=32), nullable=False),
        sa.Column("tabel", S(length=30), nullable=False),
        sa.Column("record_id", S(length=32), nullable=False),
        sa.Column("operatie", S(length=10), nullable=False),
        sa.Column("basis_versie", sa.Integer(), nullable=True),
        sa.Column("velden", S(), nullable=False),
        sa.Column("schemaversie", S(length=40), nullable=False),
        sa.Column("vastgelegd_at", S(length=40), nullable=False),
        sa.PrimaryKeyConstraint("volgnummer"),
        sa.UniqueConstraint("op_id"))
    op.create_index("ix_sync_outbox_record_id", "sync_outbox", ["record_id"])
    op.create_table(
        "sync_geweigerd",
        sa.Column("op_id", S(length=32), nullable=False),
        sa.Column("tabel", S(length=30), nullable=False),
        sa.Column("record_id", S(length=32), nullable=False),
        sa.Column("dossier_id", S(length=32), nullable=False),
        sa.Column("operatie", S(length=10), nullable=False),
        sa.Column("velden", S(), nullable=False),
        sa.Column("reden", S(), nullable=False),
        sa.Column("vastgelegd_at", S(length=40), nullable=False),
        sa.Column("geweigerd_at", TZ, nullable=False),
        sa.Column("afgehandeld_at", TZ, nullable=True),
        sa.Column("afgehandeld_door", S(length=120), nullable=False),
        sa.PrimaryKeyConstraint("op_id"))
    if op.get_bind().dialect.name == "sqlite":
        synctriggers.maak(op.get_bind())


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for naam in bind.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'").scalars().all():
            bind.exec_driver_sql(f"DROP TRIGGER {naam}")
    for naam in ("sync_geweigerd", "sync_outbox", "sync_laptop", "sync_conflict", "sync_toegepast", "sync_apparaat"):
        op.drop_table(naam)
