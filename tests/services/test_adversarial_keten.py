"""Adversarial tests on the audit chain and the accounts (issue 9, second round).

A trigger that was dropped and created again under its own name but with its body emptied (SQLite:
DROP/CREATE or PRAGMA writable_schema; PostgreSQL: CREATE OR REPLACE FUNCTION, a WHEN clause, another
event) refuses nothing, yet `verify` looked only at the names and said the log was protected. It now
compares each trigger's definition with the one of the migrations."""

import uuid

import pytest

from jet_desktop.domain.enums import AuditActie
from jet_desktop.services import audit


def schrijf(store, n=5):
    for i in range(n):
        audit.log(store, AuditActie.OPENEN, "dossier", uuid.uuid4(), "2026-00001", f"Dossier geopend ({i + 1})")


SQLITE_LEEG = [
    ("auditregel_geen_update",
     "CREATE TRIGGER auditregel_geen_update BEFORE UPDATE ON auditregel WHEN 0 "
     "BEGIN SELECT RAISE(ABORT, 'Het auditlog kan niet worden gewijzigd of verwijderd.'); END"),
    ("auditketen_alleen_vooruit",
     "CREATE TRIGGER auditketen_alleen_vooruit BEFORE UPDATE ON auditketen WHEN 0 BEGIN SELECT 1; END"),
    ("auditregel_alleen_aan_het_eind",  # same name, on the other table: never fires for auditregel
     "CREATE TRIGGER auditregel_alleen_aan_het_eind AFTER INSERT ON auditketen BEGIN SELECT 1; END"),
]

PG_LEEG = [
    ["CREATE OR REPLACE FUNCTION auditregel_alleen_toevoegen() RETURNS trigger LANGUAGE plpgsql AS $$ "
     "BEGIN RETURN NULL; END $$"],
    ["DROP TRIGGER auditketen_alleen_vooruit ON auditketen", "CREATE TRIGGER auditketen_alleen_vooruit "
     "BEFORE INSERT OR UPDATE OR DELETE ON auditketen FOR EACH ROW WHEN (false) "
     "EXECUTE FUNCTION auditketen_alleen_vooruit()"],
    ["DROP TRIGGER auditregel_alleen_aan_het_eind ON auditregel", "CREATE TRIGGER auditregel_alleen_aan_het_eind "
     "AFTER DELETE ON auditregel FOR EACH ROW EXECUTE FUNCTION auditregel_alleen_aan_het_eind()"],
    ["ALTER TABLE auditregel ENABLE REPLICA TRIGGER auditregel_alleen_toevoegen"],  # fires only as replica
    ["CREATE FUNCTION niets() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
     "CREATE TRIGGER aa_eerst BEFORE INSERT ON auditregel FOR EACH ROW EXECUTE FUNCTION niets()"],
]


@pytest.mark.parametrize("naam,sql", SQLITE_LEEG, ids=[n for n, _ in SQLITE_LEEG])
def test_sqlite_a_trigger_recreated_empty_under_its_own_name_is_reported(sqlite_store, naam, sql):
    schrijf(sqlite_store)
    assert audit.verifieer(sqlite_store).ok
    with sqlite_store.engine.begin() as conn:
        conn.exec_driver_sql(f"DROP TRIGGER {naam}")
        conn.exec_driver_sql(sql)
    v = audit.verifieer(sqlite_store)
    assert not v.ok and naam in v.onbeschermd, v.melding
    assert "NIET BESCHERMD" in v.melding


def test_sqlite_an_extra_trigger_on_the_audit_tables_is_reported(sqlite_store):
    schrijf(sqlite_store)
    with sqlite_store.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TRIGGER aa_eerst BEFORE INSERT ON auditregel BEGIN SELECT 1; END")
    v = audit.verifieer(sqlite_store)
    assert not v.ok and v.onbeschermd == ("aa_eerst (onbekend)",), v.melding


def test_sqlite_a_trigger_emptied_through_writable_schema_is_reported(sqlite_store):
    schrijf(sqlite_store)
    with sqlite_store.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA writable_schema = ON")
        conn.exec_driver_sql("UPDATE sqlite_master SET sql = replace(sql, 'BEFORE DELETE ON auditregel', "
                             "'BEFORE DELETE ON auditregel WHEN 0') WHERE name = 'auditregel_geen_delete'")
        conn.exec_driver_sql("PRAGMA writable_schema = OFF")
    sqlite_store.engine.dispose()  # new connections read the edited schema
    v = audit.verifieer(sqlite_store)
    assert not v.ok and v.onbeschermd == ("auditregel_geen_delete",), v.melding


@pytest.mark.parametrize("sql", PG_LEEG, ids=["function-replaced", "when-false", "other-event", "replica-only", "extra-trigger"])
def test_pg_a_trigger_or_its_function_emptied_is_reported(pg_store, sql):
    schrijf(pg_store)
    assert audit.verifieer(pg_store).ok
    with pg_store.engine.begin() as conn:
        for s in sql:
            conn.exec_driver_sql(s)
    v = audit.verifieer(pg_store)
    assert not v.ok and v.onbeschermd, v.melding
