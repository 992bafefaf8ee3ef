"""The laptop store's capture (docs/sync.md): SQLite triggers that record every write to a synced table in
`sync_outbox`, in the same transaction as the write itself. No code path can forget it (a write with plain
SQL is captured too) and a crash cannot separate a write from its outbox row.

The triggers fire only while `sync_laptop.vastleggen` is 1: in any store but a laptop store that table is
empty, so they do nothing there; the sync itself sets it to 0 inside the one transaction that writes the
server's state (services/synchroniseren.py), so what came from the server is not sent back.

On a laptop store nothing synced is deleted (a tombstone is an update of `deleted_at`), and the team's own
lists (medewerkers, settings, code lists, absences) are written on the team server only: both are refused.

`maak(conn)` reads the columns from the store itself (PRAGMA table_info), so a later migration that adds a
column calls it again and the triggers follow the schema.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

# written on the laptop and sent: the casework of the consulent's dossiers, in the order a parent precedes its rows
SYNC_TABELLEN = ("gezin", "jeugdige", "gezinslid", "aanmelding", "triagebesluit", "dossier", "consulentwijziging",
                 "klikgesprek", "contactmoment", "ondersteuningsplan", "toewijzing", "recordwijziging",
                 "sync_conflict")
# copied to the laptop, never written there
ALLEEN_LEZEN = ("medewerker", "afwezigheid", "instelling", "code_verwijzer", "code_productcategorie",
                "code_intensiteit", "code_aanbieder", "code_stapeling")
# maintained by the store itself in a versioned row, not part of a change (recordwijziging's `version` is data)
META = ("version", "updated_at", "updated_by")

_AAN = "(SELECT vastleggen FROM sync_laptop WHERE id = 1) = 1"
_NU = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
_OP_ID = "lower(hex(randomblob(16)))"
GEEN_VERWIJDERING = ("Op een laptop wordt niets verwijderd; een record krijgt een verwijdermarkering en gaat zo "
                     "naar de teamserver.")
ALLEEN_OP_SERVER = "Dit wordt op de teamserver gewijzigd, niet op de laptop."


def _kolommen(conn: Connection, tabel: str) -> list[str]:
    return [r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({tabel})")]


def sql(conn: Connection) -> list[str]:
    uit: list[str] = []
    for tabel in SYNC_TABELLEN:
        kolommen = _kolommen(conn, tabel)
        data = [k for k in kolommen if k != "id" and not ("updated_at" in kolommen and k in META)]
        versie = "OLD.version" if "updated_at" in kolommen else "NULL"
        nieuw = ", ".join(f"'{k}', json_array(NULL, NEW.{k})" for k in data)
        paren = " UNION ALL ".join(f"SELECT '{k}' AS k, OLD.{k} AS o, NEW.{k} AS n" for k in data if k != "created_at")
        soort = ("CASE WHEN OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL THEN 'tombstone' ELSE 'update' END"
                 if "deleted_at" in kolommen else "'update'")
        kop = "INSERT INTO sync_outbox (op_id, tabel, record_id, operatie, basis_versie, velden, schemaversie, vastgelegd_at)"
        schema = "(SELECT version_num FROM alembic_version)"
        uit += [
            f"DROP TRIGGER IF EXISTS sync_{tabel}_toevoegen", f"DROP TRIGGER IF EXISTS sync_{tabel}_wijzigen",
            f"DROP TRIGGER IF EXISTS sync_{tabel}_verwijderen",
            f"CREATE TRIGGER sync_{tabel}_toevoegen AFTER INSERT ON {tabel} WHEN {_AAN} BEGIN {kop} VALUES "
            f"({_OP_ID}, '{tabel}', NEW.id, 'insert', NULL, json_object({nieuw}), {schema}, {_NU}); END",
            f"CREATE TRIGGER sync_{tabel}_wijzigen AFTER UPDATE ON {tabel} WHEN {_AAN} BEGIN {kop} "
            f"SELECT {_OP_ID}, '{tabel}', NEW.id, {soort}, {versie}, v.velden, {schema}, {_NU} FROM "
            f"(SELECT json_group_object(k, json_array(o, n)) AS velden, count(*) AS aantal FROM ({paren}) "
            f"WHERE o IS NOT n) AS v WHERE v.aantal > 0; END",
            f"CREATE TRIGGER sync_{tabel}_verwijderen BEFORE DELETE ON {tabel} WHEN {_AAN} BEGIN "
            f"SELECT RAISE(ABORT, '{GEEN_VERWIJDERING}'); END",
        ]
    for tabel in ALLEEN_LEZEN:
        for wat, soort in (("toevoegen", "INSERT"), ("wijzigen", "UPDATE"), ("verwijderen", "DELETE")):
            uit += [f"DROP TRIGGER IF EXISTS sync_{tabel}_{wat}",
                    f"CREATE TRIGGER sync_{tabel}_{wat} BEFORE {soort} ON {tabel} WHEN {_AAN} BEGIN "
                    f"SELECT RAISE(ABORT, '{ALLEEN_OP_SERVER}'); END"]
    return uit


def maak(conn: Connection) -> None:
    """(Re)create the capture triggers of a SQLite store from its current columns."""
    for opdracht in sql(conn):
        conn.exec_driver_sql(opdracht)
