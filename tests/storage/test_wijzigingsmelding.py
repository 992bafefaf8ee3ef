"""Change notifications (storage/wijzigingsmelding.py): the PostgreSQL triggers and what they send,
the SQLite poll of PRAGMA data_version. The Qt side and the pages: tests/ui/test_verversen.py."""

import threading

import psycopg
import pytest
from sqlalchemy import text

from jet_desktop.domain.enums import Rol
from jet_desktop.services import medewerkers, wachtlijst
from jet_desktop.storage import wijzigingsmelding as wm
from jet_desktop.storage.store import Store


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def _triggers(conn) -> list[tuple[str, str]]:
    return conn.execute(text(
        "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE t.tgname = :n ORDER BY 1"), {"n": wm.TRIGGER}).all()


def test_installeer_is_idempotent_one_statement_trigger_per_table(pg_store):
    for _ in range(3):  # teamserver init may run again and again
        with pg_store.engine.begin() as conn:
            wm.installeer(conn)
    with pg_store.engine.connect() as conn:
        assert [t for t, _ in _triggers(conn)] == sorted(wm.TABELLEN)
        assert wm.geinstalleerd(conn) == wm.ALLE
        # statement-level (tgtype bit 0 clear), AFTER (bit 1 clear), INSERT+DELETE+UPDATE (bits 2, 3, 4)
        types = conn.execute(text("SELECT DISTINCT tgtype FROM pg_trigger WHERE tgname = :n"), {"n": wm.TRIGGER}).scalars().all()
        assert types == [4 | 8 | 16]
        assert conn.execute(text("SELECT count(*) FROM pg_proc WHERE proname = :f"), {"f": wm.FUNCTIE}).scalar() == 1


def test_installeer_refuses_sqlite(sqlite_store):
    with sqlite_store.engine.begin() as conn, pytest.raises(ValueError):
        wm.installeer(conn)


def test_a_commit_notifies_the_table_name_only_a_rollback_nothing(pg_store, pg_url):
    with pg_store.engine.begin() as conn:
        wm.installeer(conn)
    with psycopg.connect(_libpq(pg_url), autocommit=True) as luister:
        luister.execute(f"LISTEN {wm.KANAAL}")
        with pg_store.engine.connect() as conn:  # a rolled-back change sends nothing
            with conn.begin() as tx:
                conn.execute(text("UPDATE medewerker SET naam = naam || ' X'"))
                tx.rollback()
        medewerkers.voeg_toe(pg_store, "Wilhelmina Zevenbergen", Rol.CONSULENT, 1.0)
        (n,) = list(luister.notifies(timeout=10, stop_after=1))
        assert n.channel == wm.KANAAL and n.payload == "medewerker"  # no id, no name: the table alone
        assert "Zevenbergen" not in n.payload
        assert list(luister.notifies(timeout=0.2)) == []  # one per transaction and table, none of the rollback


def test_postgres_listener_hears_another_connection_and_survives_being_terminated(pg_store, pg_url):
    with pg_store.engine.begin() as conn:
        wm.installeer(conn)
    gehoord: list[frozenset] = []
    nieuw = threading.Event()

    def melding(tabellen):
        gehoord.append(tabellen)
        nieuw.set()

    lu = wm.luisteraar(pg_store.engine, melding)
    assert isinstance(lu, wm.PostgresLuisteraar)
    lu.start()
    try:
        assert lu.verbonden.wait(10)
        collega = Store.open(pg_url, user="Bram Jansen")  # another application, its own engine
        try:
            medewerkers.voeg_toe(collega, "Bram Jansen", Rol.CONSULENT, 0.5)
            assert nieuw.wait(10)
            assert gehoord == [frozenset({"medewerker"})]

            oud = lu.backend_pid
            nieuw.clear()
            with psycopg.connect(_libpq(pg_url), autocommit=True) as admin:
                assert admin.execute("SELECT pg_terminate_backend(%s)", (oud,)).fetchone()[0] is True
            assert nieuw.wait(15)  # reconnected: every table counts as changed (what happened meanwhile)
            assert gehoord[-1] == wm.ALLE and lu.herverbindingen == 1 and lu.backend_pid != oud
            assert lu.actief
            nieuw.clear()
            medewerkers.voeg_toe(collega, "Chantal Bakker", Rol.CONSULENT, 0.8)
            assert nieuw.wait(10) and gehoord[-1] == frozenset({"medewerker"})
        finally:
            collega.engine.dispose()
    finally:
        lu.stop()
    assert not lu.actief and not lu.verbonden.is_set()


def test_payload_outside_the_known_tables_is_not_passed_on(pg_store, pg_url):
    gehoord = []
    nieuw = threading.Event()
    lu = wm.luisteraar(pg_store.engine, lambda t: (gehoord.append(t), nieuw.set()))
    lu.start()
    try:
        assert lu.verbonden.wait(10)
        with psycopg.connect(_libpq(pg_url), autocommit=True) as c:
            c.execute("SELECT pg_notify(%s, %s)", (wm.KANAAL, "Jansen, Bram 123456782"))
            c.execute("SELECT pg_notify(%s, %s)", (wm.KANAAL, "dossier"))
        assert nieuw.wait(10)
        assert gehoord == [frozenset({"dossier"})]
    finally:
        lu.stop()


def test_sqlite_poll_reports_another_connections_change_not_its_views(tmp_path, new_sqlite_store):
    store = new_sqlite_store(tmp_path / "jet.db")
    collega = Store.open_file(tmp_path / "jet.db", user="Bram Jansen")  # a second process, as far as SQLite sees
    lu = wm.luisteraar(store.engine, lambda _t: None)
    assert isinstance(lu, wm.SqliteLuisteraar)
    lu._verbind()
    try:
        assert lu.kijk() == frozenset()
        wachtlijst.bekijk(collega)  # a view commits its audit line: no change
        assert lu.kijk() == frozenset()
        medewerkers.voeg_toe(collega, "Bram Jansen", Rol.CONSULENT, 0.5)
        assert lu.kijk() == wm.ALLE
        assert lu.kijk() == frozenset()  # reported once
        wachtlijst.bekijk(store)  # a view of this window's own pool: committed on another connection too
        assert lu.kijk() == frozenset()
    finally:
        lu._sluit()
        collega.engine.dispose()


def test_sqlite_listener_thread_reports_and_stops(tmp_path, new_sqlite_store, monkeypatch):
    monkeypatch.setattr(wm.SqliteLuisteraar, "interval", 0.05)
    store = new_sqlite_store(tmp_path / "jet.db")
    nieuw = threading.Event()
    lu = wm.luisteraar(store.engine, lambda _t: nieuw.set())
    lu.start()
    try:
        assert lu.verbonden.wait(10)
        collega = Store.open_file(tmp_path / "jet.db", user="Bram Jansen")
        medewerkers.voeg_toe(collega, "Bram Jansen", Rol.CONSULENT, 0.5)
        collega.engine.dispose()
        assert nieuw.wait(10)
    finally:
        lu.stop()
    assert not lu.actief
