"""Optimistic locking: a save against a row that changed since it was read is refused."""

import time
import uuid
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from jet_desktop.storage.models import Gezin, Gezinslid
from jet_desktop.storage.store import StaleEditError, Store, versioned_update

G, GL = Gezin.__table__, Gezinslid.__table__


def insert_gezin(store, naam="Gezin Bakker"):
    row = store.new_row(naam=naam)
    with store.engine.begin() as conn:
        conn.execute(G.insert().values(row))
    return row["id"]


def read(store, row_id):
    with store.engine.connect() as conn:
        return conn.execute(select(G).where(G.c.id == row_id)).one()


def as_other_user(store, user):
    return Store(store.engine, user=user)


def test_update_with_the_current_version_bumps_it_and_stamps_who(any_store):
    gid = insert_gezin(any_store)
    before = read(any_store, gid)
    bram = as_other_user(any_store, "Bram Jansen")
    with bram.engine.begin() as conn:
        assert versioned_update(conn, bram, G, gid, 1, "Gezin", naam="Gezin Bakker-de Vries") == 2
    after = read(any_store, gid)
    assert (after.version, after.naam, after.updated_by) == (2, "Gezin Bakker-de Vries", "Bram Jansen")
    assert after.updated_at >= before.updated_at
    assert after.created_at == before.created_at


def test_stale_version_is_refused_naming_who_changed_it_and_nothing_is_written(any_store):
    gid = insert_gezin(any_store)
    bram = as_other_user(any_store, "Bram Jansen")
    with bram.engine.begin() as conn:
        versioned_update(conn, bram, G, gid, 1, "Gezin Bakker", naam="Bram's naam")
    anouk = as_other_user(any_store, "Anouk de Vries")
    leden_voor = _count(any_store, GL)
    with pytest.raises(StaleEditError) as exc:
        with anouk.engine.begin() as conn:
            # another write in the same transaction must be rolled back with the refused one
            conn.execute(GL.insert().values(anouk.new_row(gezin_id=gid, naam="Ouder")))
            versioned_update(conn, anouk, G, gid, 1, "Gezin Bakker", naam="Anouk's naam")
    err = exc.value
    assert err.changed_by == "Bram Jansen"
    assert "Bram Jansen" in str(err) and "Gezin Bakker" in str(err)
    assert "niet opgeslagen" in str(err)
    row = read(any_store, gid)
    assert (row.naam, row.version, row.updated_by) == ("Bram's naam", 2, "Bram Jansen")
    assert _count(any_store, GL) == leden_voor


def test_update_of_a_missing_row_says_it_no_longer_exists(any_store):
    with pytest.raises(StaleEditError) as exc:
        with any_store.engine.begin() as conn:
            versioned_update(conn, any_store, G, uuid.uuid4(), 1, "Gezin X", naam="y")
    assert exc.value.changed_by is None
    assert "bestaat niet meer" in str(exc.value)


def test_two_edits_from_the_same_read_only_the_first_wins(any_store):
    gid = insert_gezin(any_store)
    version = read(any_store, gid).version
    a, b = as_other_user(any_store, "A"), as_other_user(any_store, "B")
    with a.engine.begin() as conn:
        versioned_update(conn, a, G, gid, version, "Gezin", naam="van A")
    with pytest.raises(StaleEditError), b.engine.begin() as conn:
        versioned_update(conn, b, G, gid, version, "Gezin", naam="van B")
    assert read(any_store, gid).naam == "van A"


@pytest.fixture
def amsterdam_tz(monkeypatch):
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available on this platform")
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_stale_message_shows_the_change_time_in_local_time(any_store, amsterdam_tz):
    gid = insert_gezin(any_store)
    with any_store.engine.begin() as conn:
        versioned_update(conn, as_other_user(any_store, "Bram"), G, gid, 1, "Gezin", naam="x")
    changed_at = read(any_store, gid).updated_at
    if changed_at.tzinfo is None:  # SQLite: the stored UTC value comes back naive
        changed_at = changed_at.replace(tzinfo=timezone.utc)
    with pytest.raises(StaleEditError) as exc, any_store.engine.begin() as conn:
        versioned_update(conn, any_store, G, gid, 1, "Gezin", naam="y")
    assert changed_at.astimezone().strftime("%d-%m-%Y %H:%M") in str(exc.value)
    assert exc.value.changed_at == changed_at


def test_stale_message_with_a_naive_utc_time(amsterdam_tz):
    utc = datetime(2026, 7, 1, 10, 30, tzinfo=timezone.utc)
    aware = StaleEditError("Dossier", "Bram", utc)
    naive = StaleEditError("Dossier", "Bram", utc.replace(tzinfo=None))
    assert str(aware) == str(naive)
    assert "01-07-2026 12:30" in str(naive)  # CEST


def _count(store, table):
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()
