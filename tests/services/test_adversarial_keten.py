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
    ["CREATE SCHEMA nep", "CREATE TABLE nep.auditketen (id int, volgnummer int, hash text)",
     "ALTER FUNCTION auditregel_alleen_aan_het_eind() SET search_path = nep, public"],  # reads a fake head
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


@pytest.mark.parametrize("sql", PG_LEEG, ids=["function-replaced", "search-path", "when-false", "other-event",
                                              "replica-only", "extra-trigger"])
def test_pg_a_trigger_or_its_function_emptied_is_reported(pg_store, sql):
    schrijf(pg_store)
    assert audit.verifieer(pg_store).ok
    with pg_store.engine.begin() as conn:
        for s in sql:
            conn.exec_driver_sql(s)
    v = audit.verifieer(pg_store)
    assert not v.ok and v.onbeschermd, v.melding


# ---------------------------------------------------------------------------- more SQL, refused or found

def _momentopname(store):
    with store.engine.connect() as conn:
        return (conn.exec_driver_sql("SELECT * FROM auditregel ORDER BY volgnummer").all(),
                conn.exec_driver_sql("SELECT * FROM auditketen").all())


def _kop_hash(store):
    return audit.kop(store)[1]


SQLITE_GEWEIGERD = [  # each must raise and leave the log as it was
    "REPLACE INTO auditregel SELECT * FROM auditregel WHERE volgnummer = 5",
    "INSERT OR IGNORE INTO auditregel SELECT * FROM auditregel WHERE volgnummer = 5",
    "INSERT OR REPLACE INTO auditregel (id, volgnummer, tijdstip, medewerker, rol, namens, actie, objecttype, "
    "object_id, client, omschrijving, vorige_hash, hash) SELECT id, volgnummer, tijdstip, medewerker, rol, namens, "
    "actie, objecttype, object_id, client, 'anders', vorige_hash, hash FROM auditregel WHERE volgnummer = 5",
    "UPDATE OR REPLACE auditregel SET volgnummer = 5 WHERE volgnummer = 4",
    "UPDATE OR IGNORE auditregel SET omschrijving = 'x'",
    "UPDATE OR REPLACE auditketen SET volgnummer = 4",
    "REPLACE INTO auditketen (id, volgnummer, hash) SELECT 1, volgnummer, hash FROM auditregel WHERE volgnummer = 4",
    "DELETE FROM auditketen",
    "DELETE FROM auditregel WHERE volgnummer = (SELECT max(volgnummer) FROM auditregel)",
    "INSERT INTO auditketen (id, volgnummer, hash) VALUES (2, 0, '" + "0" * 64 + "')",
]


@pytest.mark.parametrize("sql", SQLITE_GEWEIGERD)
@pytest.mark.parametrize("recursief", [False, True], ids=["plain", "recursive_triggers"])
def test_sqlite_conflict_clauses_are_refused(sqlite_store, sql, recursief):
    from sqlalchemy.exc import DBAPIError

    schrijf(sqlite_store)
    voor = _momentopname(sqlite_store)
    with sqlite_store.engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA recursive_triggers = {'ON' if recursief else 'OFF'}")
        conn.commit()
        with pytest.raises(DBAPIError, match="auditlog"):
            with conn.begin():
                conn.exec_driver_sql(sql)
        conn.exec_driver_sql("PRAGMA recursive_triggers = OFF")
        conn.commit()
    assert _momentopname(sqlite_store) == voor
    assert audit.verifieer(sqlite_store).ok


def test_sqlite_renaming_the_table_and_making_a_new_one_is_found(sqlite_store):
    """ALTER TABLE RENAME takes the triggers along; a fresh copy under the old name has none."""
    schrijf(sqlite_store)
    with sqlite_store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE auditregel RENAME TO auditregel_oud")
        conn.exec_driver_sql("CREATE TABLE auditregel AS SELECT * FROM auditregel_oud WHERE volgnummer < 5")
    v = audit.verifieer(sqlite_store)
    assert not v.ok and "auditregel_geen_update" in v.onbeschermd and v.breuk is not None, v.melding


def test_pg_truncate_and_on_conflict_are_refused(pg_store):
    from sqlalchemy.exc import DBAPIError

    schrijf(pg_store)
    voor = _momentopname(pg_store)
    for sql in ("TRUNCATE auditregel", "TRUNCATE auditketen", "TRUNCATE auditregel, auditketen",
                "INSERT INTO auditregel SELECT * FROM auditregel WHERE volgnummer = 5 ON CONFLICT DO NOTHING",
                "INSERT INTO auditregel SELECT * FROM auditregel WHERE volgnummer = 5 "
                "ON CONFLICT (volgnummer) DO UPDATE SET omschrijving = 'x'",
                "DELETE FROM auditketen", "UPDATE auditketen SET volgnummer = 4"):
        with pytest.raises(DBAPIError, match="auditlog|ketenkop"):
            with pg_store.engine.begin() as conn:
                conn.exec_driver_sql(sql)
    assert _momentopname(pg_store) == voor
    assert audit.verifieer(pg_store).ok


def test_pg_replica_role_rewrite_is_found_only_by_an_anchor(pg_store):
    """session_replication_role = replica (superuser only) fires no ordinary trigger: the chain can be
    rebuilt and verifies afterwards; the anchor noted before finds it."""
    from jet_desktop.domain.auditketen import regel_hash

    schrijf(pg_store)
    anker = audit.Anker(*audit.anker(pg_store))
    with pg_store.engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
        rijen = [dict(r._mapping) for r in conn.exec_driver_sql("SELECT * FROM auditregel ORDER BY volgnummer")]
        vorige = "0" * 64
        for r in rijen:
            r["omschrijving"] = "herschreven"
            r["vorige_hash"], r["hash"] = vorige, regel_hash(vorige, r)
            conn.exec_driver_sql("UPDATE auditregel SET omschrijving = %(omschrijving)s, vorige_hash = %(vorige_hash)s, "
                                 "hash = %(hash)s WHERE id = %(id)s", r)
            vorige = r["hash"]
        conn.exec_driver_sql("UPDATE auditketen SET hash = %(h)s", {"h": vorige})
    assert audit.verifieer(pg_store).ok  # the triggers are on again and as the migration made them
    v = audit.verifieer(pg_store, anker=anker)
    assert not v.ok and v.anker_fout, v.melding


# ---------------------------------------------------------------------------- concurrent appenders

def _schrijvers(url_of_store, n_threads=4, n=25):
    import threading

    from jet_desktop.storage.store import Store

    fouten = []

    def werk():
        s = Store.open(url_of_store, user="Tester") if isinstance(url_of_store, str) else url_of_store
        try:
            for _ in range(n):
                audit.log(s, AuditActie.OPENEN, "dossier", uuid.uuid4(), "2026-00001", "gelijktijdig")
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            fouten.append(repr(exc))
        finally:
            if isinstance(url_of_store, str):
                s.engine.dispose()

    ts = [threading.Thread(target=werk) for _ in range(n_threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return fouten


def test_concurrent_appenders_keep_one_valid_chain_sqlite(tmp_path):
    from jet_desktop.paths import sqlite_url
    from jet_desktop.storage.store import Store

    store = Store.open_file(tmp_path / "jet.db", user="Tester")
    url = sqlite_url(tmp_path / "jet.db", None)
    fouten = _schrijvers(url)
    v = audit.verifieer(store)
    assert fouten == [] and v.ok and v.aantal == 100, (fouten, v.melding)
    store.engine.dispose()


def test_concurrent_appenders_keep_one_valid_chain_pg(pg_url, pg_store):
    fouten = _schrijvers(pg_url)
    v = audit.verifieer(pg_store)
    assert fouten == [] and v.ok and v.aantal == 100, (fouten, v.melding)


# ---------------------------------------------------------------------------- accounts

from jet_desktop.domain.enums import Rol  # noqa: E402
from jet_desktop.domain.errors import ValidationError  # noqa: E402
from jet_desktop.services import inloggen, medewerkers  # noqa: E402
from jet_desktop.services.autorisatie import GeenToegang  # noqa: E402


@pytest.fixture
def beheer(any_store):
    medewerkers.voeg_toe(any_store, "Frits Beheer", Rol.BEHEERDER, gebruikersnaam="frits", wachtwoord="frits wachtwoord")
    return inloggen.inloggen(any_store, "frits", "frits wachtwoord", sleutel_bewezen=False)


def _g(store, mid):
    return next(g for g in medewerkers.gebruikers(store) if g.id == mid)


def test_a_beheerder_does_not_rename_their_own_account(any_store, beheer):
    """Renamed, the own-name rule no longer knows them: 'F. Beheer' could then make a jeugdconsulent
    'Frits Beheer' (the same person), or sign the log as a teamleider's name. Another beheerder renames."""
    g = _g(beheer, beheer.user_id)
    for naam, gebruikersnaam in (("F. Beheer", "frits"), ("Frits Beheer", "frits2"), ("Tessa Leider", "frits")):
        with pytest.raises(ValidationError, match="eigen naam en gebruikersnaam"):
            medewerkers.wijzig(beheer, g.id, g.version, naam, gebruikersnaam, g.rol, g.fte, True)
    assert _g(beheer, g.id).naam == "Frits Beheer" and _g(beheer, g.id).gebruikersnaam == "frits"
    medewerkers.wijzig(beheer, g.id, g.version, "Frits Beheer", "frits", g.rol, 0.8, True)  # the fte: fine
    ander = medewerkers.voeg_toe(any_store, "Bea Beheer", Rol.BEHEERDER, gebruikersnaam="bea", wachtwoord="bea wachtwoord")
    bea = inloggen.inloggen(any_store, "bea", "bea wachtwoord", sleutel_bewezen=False)
    g = _g(bea, beheer.user_id)
    medewerkers.wijzig(bea, g.id, g.version, "F. Beheer", "frits", g.rol, g.fte, True)
    assert _g(bea, g.id).naam == "F. Beheer" and ander


def test_a_beheerder_does_not_rename_a_casework_account_to_their_own_name(any_store, beheer, jet):
    bram = jet.consulent(any_store, "Bram Jansen")
    g = _g(beheer, bram)
    with pytest.raises(ValidationError, match="op uw eigen naam"):
        medewerkers.wijzig(beheer, bram, g.version, " frits  beheer", g.gebruikersnaam, g.rol, g.fte, True)
    assert _g(beheer, bram).naam == "Bram Jansen"


def test_a_switched_off_teamleider_reads_no_account_notices(any_store, beheer):
    tl = medewerkers.voeg_toe(beheer, "Tessa Leider", Rol.TEAMLEIDER, gebruikersnaam="tessa", wachtwoord="start wachtwoord 1")
    sessie = inloggen.inloggen(any_store, "tessa", "start wachtwoord 1", sleutel_bewezen=False,
                               nieuw_wachtwoord="mijn eigen wachtwoord")
    assert medewerkers.accountmeldingen(sessie)
    g = _g(beheer, tl)
    medewerkers.wijzig(beheer, tl, g.version, g.naam, g.gebruikersnaam, g.rol, g.fte, actief=False)
    with pytest.raises(GeenToegang, match="meld u opnieuw aan"):
        medewerkers.accountmeldingen(sessie)


def test_a_teamleider_is_shown_every_notice_since_their_last_sign_in_not_only_the_last_50(sqlite_store):
    """Fifty-odd harmless password resets after the one that matters pushed it out of the 50 shown."""
    s = sqlite_store
    medewerkers.voeg_toe(s, "Frits Beheer", Rol.BEHEERDER, gebruikersnaam="frits", wachtwoord="frits wachtwoord")
    medewerkers.voeg_toe(s, "Tessa Leider", Rol.TEAMLEIDER, gebruikersnaam="tessa", wachtwoord="tessa wachtwoord")
    beheer = inloggen.inloggen(s, "frits", "frits wachtwoord", sleutel_bewezen=False)
    inloggen.inloggen(s, "tessa", "tessa wachtwoord", sleutel_bewezen=False)
    medewerkers.voeg_toe(beheer, "Extra Leider", Rol.TEAMLEIDER, gebruikersnaam="extra", wachtwoord="extra wachtwoord")
    dummy = medewerkers.voeg_toe(beheer, "Dummy Account", Rol.CONSULENT, gebruikersnaam="dummy")
    for i in range(55):
        medewerkers.stel_wachtwoord_in(beheer, dummy, f"dummy wachtwoord {i:02d}")
    sessie = inloggen.inloggen(s, "tessa", "tessa wachtwoord", sleutel_bewezen=False)
    meldingen = inloggen.meldingen_sinds_vorige_aanmelding(sessie)
    assert len(meldingen) == 3, meldingen  # the 55 resets as one line, with their count
    assert "wachtwoord van dummy ingesteld (startwachtwoord) (55×, het eerst op" in meldingen[0]
    assert "gebruiker extra toegevoegd als teamleider, met startwachtwoord" in meldingen[2]


def test_pg_an_application_role_that_does_not_own_the_tables_can_only_append(pg_url, pg_store):
    """What docs/audit.md advises for the team server: the workstations connect as a role with SELECT and
    INSERT on auditregel, SELECT and UPDATE on auditketen, not the owner. Every way round the triggers
    then needs the owner or a superuser: refused with 'permission denied' / 'must be owner'."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DBAPIError

    schrijf(pg_store)
    rol = f"app_{uuid.uuid4().hex[:8]}"
    with pg_store.engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE ROLE {rol} LOGIN PASSWORD 'app-wachtwoord'")  # SCRAM (tests/pg.py)
        conn.exec_driver_sql(f"GRANT SELECT, INSERT ON auditregel TO {rol}")
        conn.exec_driver_sql(f"GRANT SELECT, UPDATE ON auditketen TO {rol}")
    app = create_engine(make_url(pg_url).set(username=rol, password="app-wachtwoord"))
    try:
        from dataclasses import replace

        app_store = replace(pg_store, engine=app)
        audit.log(app_store, AuditActie.OPENEN, "dossier", uuid.uuid4(), "2026-00001", "als app-rol")  # appends
        for sql in ("ALTER TABLE auditregel DISABLE TRIGGER USER",
                    "ALTER TABLE auditketen DISABLE TRIGGER auditketen_alleen_vooruit",
                    "CREATE OR REPLACE FUNCTION auditregel_alleen_toevoegen() RETURNS trigger LANGUAGE plpgsql "
                    "AS $$ BEGIN RETURN NULL; END $$",
                    "DROP TRIGGER auditregel_alleen_aan_het_eind ON auditregel",
                    "SET session_replication_role = replica",
                    "TRUNCATE auditregel", "DELETE FROM auditregel", "UPDATE auditregel SET omschrijving = 'x'",
                    "UPDATE auditketen SET volgnummer = volgnummer - 1"):
            with pytest.raises(DBAPIError, match="permission denied|must be owner|auditlog|ketenkop"):
                with app.begin() as conn:
                    conn.exec_driver_sql(sql)
    finally:
        app.dispose()
    v = audit.verifieer(pg_store)
    assert v.ok and v.aantal == 6, v.melding


def test_concurrent_appender_processes_keep_one_valid_chain_sqlite(tmp_path):
    import os
    import subprocess
    import sys

    from jet_desktop.storage.store import Store

    db = tmp_path / "jet.db"
    store = Store.open_file(db, user="Tester")
    code = ("import sys, uuid\nfrom jet_desktop.storage.store import Store\nfrom jet_desktop.services import audit\n"
            "from jet_desktop.domain.enums import AuditActie\n"
            "s = Store.open_file(sys.argv[1], user='Proces')\n"
            "for _ in range(20):\n"
            "    audit.log(s, AuditActie.OPENEN, 'dossier', uuid.uuid4(), '2026-00001', 'proces')\n")
    from pathlib import Path

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    ps = [subprocess.Popen([sys.executable, "-c", code, str(db)], env=env, stderr=subprocess.PIPE) for _ in range(3)]
    fouten = [p.communicate()[1].decode()[-300:] for p in ps if p.wait() != 0]
    v = audit.verifieer(store)
    assert fouten == [] and v.ok and v.aantal == 60, (fouten, v.melding)
    store.engine.dispose()


def test_pg_rules_that_swallow_the_audit_lines_are_reported(pg_store):
    """Two rules (owner only) make the INSERT of a line and the UPDATE of the head do nothing: every change
    went through without its line, the triggers were untouched and `verify` said the log was in order."""
    from jet_desktop.services import settings

    schrijf(pg_store)
    with pg_store.engine.begin() as conn:
        conn.exec_driver_sql("CREATE RULE stil AS ON INSERT TO auditregel DO INSTEAD NOTHING")
        conn.exec_driver_sql("CREATE TABLE nep (id int)")
        conn.exec_driver_sql("INSERT INTO nep VALUES (1)")
        conn.exec_driver_sql("CREATE RULE ook_stil AS ON UPDATE TO auditketen DO INSTEAD UPDATE nep SET id = nep.id "
                             "FROM auditketen k RETURNING k.id, k.volgnummer, k.hash")  # RETURNING: as the append
    audit.log(pg_store, AuditActie.OPENEN, "dossier", uuid.uuid4(), "2026-00001", "verdwijnt")
    settings.put(pg_store, "team_naam", "Ander team")  # a change without its line
    assert audit.kop(pg_store)[0] == 5
    v = audit.verifieer(pg_store)
    assert not v.ok and "stil (regel, onbekend)" in v.onbeschermd and "ook_stil (regel, onbekend)" in v.onbeschermd, \
        v.melding


def test_sqlite_triggers_that_swallow_the_audit_lines_are_reported(sqlite_store):
    """The SQLite twin of the rules: RAISE(IGNORE) skips the line and the head's advance, silently."""
    from jet_desktop.services import settings

    schrijf(sqlite_store)
    with sqlite_store.engine.begin() as conn:
        conn.exec_driver_sql("CREATE TRIGGER aa_stil BEFORE INSERT ON auditregel BEGIN SELECT RAISE(IGNORE); END")
        conn.exec_driver_sql("CREATE TRIGGER aa_ook_stil BEFORE UPDATE ON auditketen WHEN NEW.volgnummer <> "
                             "OLD.volgnummer BEGIN SELECT RAISE(IGNORE); END")
    settings.put(sqlite_store, "team_naam", "Ander team")  # a change without its line
    assert audit.kop(sqlite_store)[0] == 5
    v = audit.verifieer(sqlite_store)
    assert not v.ok and v.onbeschermd == ("aa_ook_stil (onbekend)", "aa_stil (onbekend)"), v.melding


def test_sign_in_tells_nothing_about_which_names_exist(any_store, monkeypatch, capsys):
    """Same exception, message and number of scrypt verifications for an existing name with a wrong
    password, an unknown name, a switched-off account and one without a password (shared store); the
    times are printed, not asserted."""
    import time

    from jet_desktop.domain import wachtwoord as ww

    medewerkers.voeg_toe(any_store, "Anna Een", Rol.CONSULENT, gebruikersnaam="anna", wachtwoord="anna wachtwoord 1")
    medewerkers.voeg_toe(any_store, "Uit Gezet", Rol.CONSULENT, gebruikersnaam="uit", wachtwoord="uit wachtwoord 1")
    medewerkers.voeg_toe(any_store, "Zonder Ww", Rol.CONSULENT, gebruikersnaam="zonder")
    with any_store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE medewerker SET actief = false WHERE gebruikersnaam = 'uit'")
    teller = []
    echt = ww.klopt
    monkeypatch.setattr(ww, "klopt", lambda *a: teller.append(1) or echt(*a))
    gezien, tijden = set(), {}
    namen = ["anna", "niemand", "uit", "ANNA "] + (["zonder"] if any_store.engine.dialect.name != "sqlite" else [])
    for naam in namen:
        tijden[naam] = []
        for _ in range(3):
            teller.clear()
            t = time.perf_counter()
            with pytest.raises(inloggen.InlogFout) as e:
                inloggen.inloggen(any_store, naam, "verkeerd wachtwoord", sleutel_bewezen=False)
            tijden[naam].append(time.perf_counter() - t)
            gezien.add((type(e.value), str(e.value), len(teller)))
    assert gezien == {(inloggen.InlogFout, inloggen.FOUT, 1)}
    with capsys.disabled():
        print("\nsign-in ms (min of 3):", {n: round(min(t) * 1000, 1) for n, t in tijden.items()})
