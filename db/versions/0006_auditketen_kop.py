"""audit chain head guarded by triggers; start passwords

- auditregel: a BEFORE INSERT trigger refuses a line that is not exactly the next one after the
  chain head (volgnummer = head + 1, vorige_hash = head hash) or whose id or volgnummer exists.
  On SQLite `INSERT OR REPLACE` deletes a conflicting row without firing the DELETE trigger
  (unless recursive_triggers is on), so it could replace or remove lines with the UPDATE and
  DELETE triggers of 0005 in place; a BEFORE INSERT trigger runs before the conflict is resolved.
  On PostgreSQL `INSERT ... ON CONFLICT DO UPDATE` fires the UPDATE triggers of 0005 already.
- auditketen (the chain head, one row): no INSERT, no DELETE (no TRUNCATE); an UPDATE either
  changes nothing (the append takes its lock with it) or advances by exactly one, to the line
  just inserted (its volgnummer and hash, and that line pointing at the old head hash).
- medewerker.moet_wachtwoord_wijzigen: the password was set by a functioneel beheerder (a start
  password); the medewerker chooses their own at the next sign-in (services/inloggen.py).

Revision ID: 0006_auditketen_kop
Revises: 0005_beveiliging
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_auditketen_kop"
down_revision = "0005_beveiliging"
branch_labels = None
depends_on = None

MELDING_REGEL = "Het auditlog kan alleen aan het eind worden aangevuld, met de regel na de ketenkop."
MELDING_KOP = "De ketenkop van het auditlog kan alleen één regel vooruit, naar de zojuist toegevoegde regel."

SQLITE = [
    "CREATE TRIGGER auditregel_alleen_aan_het_eind BEFORE INSERT ON auditregel "
    "WHEN NEW.volgnummer IS NOT (SELECT volgnummer + 1 FROM auditketen WHERE id = 1) "
    "OR NEW.vorige_hash IS NOT (SELECT hash FROM auditketen WHERE id = 1) "
    "OR EXISTS (SELECT 1 FROM auditregel WHERE id = NEW.id OR volgnummer = NEW.volgnummer) "
    f"BEGIN SELECT RAISE(ABORT, '{MELDING_REGEL}'); END",
    "CREATE TRIGGER auditketen_geen_insert BEFORE INSERT ON auditketen "
    f"BEGIN SELECT RAISE(ABORT, '{MELDING_KOP}'); END",
    "CREATE TRIGGER auditketen_geen_delete BEFORE DELETE ON auditketen "
    f"BEGIN SELECT RAISE(ABORT, '{MELDING_KOP}'); END",
    "CREATE TRIGGER auditketen_alleen_vooruit BEFORE UPDATE ON auditketen "
    "WHEN NOT coalesce(NEW.id = OLD.id AND ("
    "(NEW.volgnummer = OLD.volgnummer AND NEW.hash = OLD.hash) "
    "OR (NEW.volgnummer = OLD.volgnummer + 1 AND EXISTS (SELECT 1 FROM auditregel r WHERE "
    "r.volgnummer = NEW.volgnummer AND r.hash = NEW.hash AND r.vorige_hash = OLD.hash))), 0) "
    f"BEGIN SELECT RAISE(ABORT, '{MELDING_KOP}'); END",
]

POSTGRESQL = [
    "CREATE FUNCTION auditregel_alleen_aan_het_eind() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "DECLARE k record; "
    "BEGIN "
    "SELECT volgnummer, hash INTO k FROM auditketen WHERE id = 1; "
    "IF NOT FOUND OR NEW.volgnummer IS DISTINCT FROM k.volgnummer + 1 OR NEW.vorige_hash IS DISTINCT FROM k.hash "
    "OR EXISTS (SELECT 1 FROM auditregel WHERE id = NEW.id OR volgnummer = NEW.volgnummer) THEN "
    f"RAISE EXCEPTION '{MELDING_REGEL}'; "
    "END IF; "
    "RETURN NEW; "
    "END $$",
    "CREATE TRIGGER auditregel_alleen_aan_het_eind BEFORE INSERT ON auditregel "
    "FOR EACH ROW EXECUTE FUNCTION auditregel_alleen_aan_het_eind()",
    "CREATE FUNCTION auditketen_alleen_vooruit() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN "
    "IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND ("
    "(NEW.volgnummer = OLD.volgnummer AND NEW.hash = OLD.hash) "
    "OR (NEW.volgnummer = OLD.volgnummer + 1 AND EXISTS (SELECT 1 FROM auditregel r WHERE "
    "r.volgnummer = NEW.volgnummer AND r.hash = NEW.hash AND r.vorige_hash = OLD.hash))) THEN "
    "RETURN NEW; "
    "END IF; "
    f"RAISE EXCEPTION '{MELDING_KOP}'; "
    "END $$",
    "CREATE TRIGGER auditketen_alleen_vooruit BEFORE INSERT OR UPDATE OR DELETE ON auditketen "
    "FOR EACH ROW EXECUTE FUNCTION auditketen_alleen_vooruit()",
    "CREATE TRIGGER auditketen_geen_truncate BEFORE TRUNCATE ON auditketen "
    "FOR EACH STATEMENT EXECUTE FUNCTION auditregel_alleen_toevoegen()",
]


def upgrade() -> None:
    with op.batch_alter_table("medewerker") as batch:
        batch.add_column(sa.Column("moet_wachtwoord_wijzigen", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    for sql in SQLITE if op.get_bind().dialect.name == "sqlite" else POSTGRESQL:
        op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for naam in ("auditregel_alleen_aan_het_eind", "auditketen_geen_insert", "auditketen_geen_delete",
                     "auditketen_alleen_vooruit"):
            op.execute(f"DROP TRIGGER IF EXISTS {naam}")
    else:
        op.execute("DROP TRIGGER IF EXISTS auditketen_geen_truncate ON auditketen")
        op.execute("DROP TRIGGER IF EXISTS auditketen_alleen_vooruit ON auditketen")
        op.execute("DROP FUNCTION IF EXISTS auditketen_alleen_vooruit()")
        op.execute("DROP TRIGGER IF EXISTS auditregel_alleen_aan_het_eind ON auditregel")
        op.execute("DROP FUNCTION IF EXISTS auditregel_alleen_aan_het_eind()")
    with op.batch_alter_table("medewerker") as batch:
        batch.drop_column("moet_wachtwoord_wijzigen")
