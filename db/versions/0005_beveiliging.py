"""security: sign-in names and password hashes, the append-only audit log, retention marks

- medewerker.gebruikersnaam (unique, filled from the name for existing staff) and
  medewerker.wachtwoord_hash (scrypt; empty = no personal password set).
- auditregel: one line per opening, change, export, print or destruction (NEN 7513: event,
  time, client, user, on whose behalf). Each line carries the hash of the previous one.
  Triggers refuse UPDATE and DELETE, so the application cannot edit the log.
- auditketen: one row with the last volgnummer and hash. Appending starts by updating it,
  which takes the write lock (SQLite) or the row lock (PostgreSQL): appends are serialized.
- dossier.vernietigd_op: set when a dossier's personal data was destroyed after the
  retention period (the anonymous rows the monitor counts stay).

Revision ID: 0005_beveiliging
Revises: 0004_toegang_periode_index
Create Date: 2026-11-25
"""

import re
import unicodedata

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005_beveiliging"
down_revision = "0004_toegang_periode_index"
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def _gebruikersnaam(naam: str, bezet: set[str]) -> str:
    """'Anouk de Vries' -> 'anouk.devries' (ASCII, unique)."""
    plat = unicodedata.normalize("NFKD", naam).encode("ascii", "ignore").decode().lower()
    delen = re.findall(r"[a-z0-9]+", plat) or ["medewerker"]
    basis = delen[0] + ("." + "".join(delen[1:]) if len(delen) > 1 else "")
    kandidaat, n = basis[:50], 2
    while kandidaat in bezet:
        kandidaat, n = f"{basis[:46]}{n}", n + 1
    bezet.add(kandidaat)
    return kandidaat


def upgrade() -> None:
    with op.batch_alter_table("medewerker") as batch:
        batch.add_column(sa.Column("gebruikersnaam", sa.String(60), nullable=True))
        batch.add_column(sa.Column("wachtwoord_hash", sa.String(200), nullable=False, server_default=""))
    conn = op.get_bind()
    bezet: set[str] = set()
    m = sa.table("medewerker", sa.column("id", sa.Uuid()), sa.column("naam", sa.String),
                 sa.column("gebruikersnaam", sa.String))
    for row in conn.execute(sa.select(m.c.id, m.c.naam).order_by(m.c.naam, m.c.id)).all():
        conn.execute(m.update().where(m.c.id == row.id).values(gebruikersnaam=_gebruikersnaam(row.naam, bezet)))
    op.create_index("ix_medewerker_gebruikersnaam", "medewerker", ["gebruikersnaam"], unique=True)

    with op.batch_alter_table("dossier") as batch:
        batch.add_column(sa.Column("vernietigd_op", sa.DateTime(timezone=True), nullable=True))

    op.create_table(
        "auditregel",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("volgnummer", sa.BigInteger(), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.Column("medewerker_id", sa.Uuid(), nullable=True),
        sa.Column("medewerker", sa.String(120), nullable=False),
        sa.Column("rol", sa.String(30), nullable=False),
        sa.Column("namens", sa.String(120), nullable=False),
        sa.Column("actie", sa.String(20), nullable=False),
        sa.Column("objecttype", sa.String(30), nullable=False),
        sa.Column("object_id", sa.String(40), nullable=False),
        sa.Column("client", sa.String(40), nullable=False),
        sa.Column("omschrijving", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("vorige_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("volgnummer"),
    )
    op.create_index("ix_auditregel_tijdstip", "auditregel", ["tijdstip"])
    op.create_index("ix_auditregel_client", "auditregel", ["client"])
    op.create_table(
        "auditketen",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("volgnummer", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.execute(f"INSERT INTO auditketen (id, volgnummer, hash) VALUES (1, 0, '{GENESIS}')")

    if conn.dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER auditregel_geen_{event.lower()} BEFORE {event} ON auditregel "
                "BEGIN SELECT RAISE(ABORT, 'Het auditlog kan niet worden gewijzigd of verwijderd.'); END")
    else:
        op.execute(
            "CREATE FUNCTION auditregel_alleen_toevoegen() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'Het auditlog kan niet worden gewijzigd of verwijderd.'; END $$")
        op.execute("CREATE TRIGGER auditregel_alleen_toevoegen BEFORE UPDATE OR DELETE OR TRUNCATE ON auditregel "
                   "FOR EACH STATEMENT EXECUTE FUNCTION auditregel_alleen_toevoegen()")


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS auditregel_geen_update")
        op.execute("DROP TRIGGER IF EXISTS auditregel_geen_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS auditregel_alleen_toevoegen ON auditregel")
        op.execute("DROP FUNCTION IF EXISTS auditregel_alleen_toevoegen()")
    op.drop_table("auditketen")
    op.drop_index("ix_auditregel_client", table_name="auditregel")
    op.drop_index("ix_auditregel_tijdstip", table_name="auditregel")
    op.drop_table("auditregel")
    with op.batch_alter_table("dossier") as batch:
        batch.drop_column("vernietigd_op")
    op.drop_index("ix_medewerker_gebruikersnaam", table_name="medewerker")
    with op.batch_alter_table("medewerker") as batch:
        batch.drop_column("wachtwoord_hash")
        batch.drop_column("gebruikersnaam")
