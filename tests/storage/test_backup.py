"""Backup and restore: a consistent, checked copy while the store is open; a bad backup changes nothing."""

import sqlite3
from datetime import datetime

import pytest
from sqlalchemy import func, select

from jet_desktop.storage.backup import BackupFout, bekende_revisies, controleer, herstel, maak_backup
from jet_desktop.storage.models import Aanmelding
from jet_desktop.storage.schema_version import HEAD_REVISION
from jet_desktop.storage.store import Store

A = Aanmelding.__table__


def aantal(path) -> int:
    store = Store.open_file(path)
    try:
        with store.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(A)).scalar_one()
    finally:
        store.engine.dispose()


def test_the_head_revision_is_known():
    assert HEAD_REVISION in bekende_revisies()


def test_backup_of_an_open_store_holds_every_committed_row(sqlite_store, jet, tmp_path):
    for _ in range(3):
        jet.aanmelding(sqlite_store)
    db = tmp_path / "jet.db"
    # the application keeps its connection (and the WAL) open while the backup runs
    with sqlite_store.engine.connect() as conn:
        conn.execute(select(func.count()).select_from(A)).scalar_one()
        kopie = maak_backup(db, tmp_path / "reserve" / "jet-backup.db")
    assert controleer(kopie) == HEAD_REVISION
    assert aantal(kopie) == 3
    # no temporary file left (the .slot beside it is the presence lock of aantal()'s engine, storage/slot.py)
    assert [p.name for p in (tmp_path / "reserve").iterdir() if p.suffix != ".slot"] == ["jet-backup.db"]


def test_restore_replaces_the_store_and_keeps_the_replaced_one(sqlite_store, jet, tmp_path):
    db = tmp_path / "jet.db"
    jet.aanmelding(sqlite_store)
    kopie = maak_backup(db, tmp_path / "backup.db")
    jet.aanmelding(sqlite_store)  # work after the backup
    sqlite_store.engine.dispose()
    bewaard = herstel(kopie, db, nu=datetime(2026, 11, 25, 17, 30))
    assert bewaard == tmp_path / "reservekopieen" / "jet-vervangen-20261125-173000.db"
    assert aantal(db) == 1 and aantal(bewaard) == 2


@pytest.mark.parametrize("inhoud", ["kapot", "geen_jet", "nieuwer"])
def test_a_bad_backup_is_refused_and_the_store_is_unchanged(sqlite_store, jet, tmp_path, inhoud):
    db = tmp_path / "jet.db"
    jet.aanmelding(sqlite_store)
    sqlite_store.engine.dispose()
    slecht = tmp_path / "slecht.db"
    if inhoud == "kapot":
        goed = maak_backup(db, tmp_path / "goed.db").read_bytes()
        kwart = len(goed) // 4  # the middle half of the pages wiped: tables and indexes point into nothing
        slecht.write_bytes(goed[:kwart] + b"\x00" * (2 * kwart) + goed[3 * kwart:])
    else:
        conn = sqlite3.connect(slecht)
        conn.execute("CREATE TABLE iets (x)")
        if inhoud == "nieuwer":
            conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
            conn.execute("INSERT INTO alembic_version VALUES ('0099_uit_de_toekomst')")
        conn.commit()
        conn.close()
    voor = db.read_bytes()
    with pytest.raises(BackupFout) as exc:
        herstel(slecht, db)
    assert "slecht.db" in str(exc.value)
    assert {"kapot": "", "geen_jet": "geen JET-gegevensset", "nieuwer": "nieuwere versie"}[inhoud] in str(exc.value)
    assert db.read_bytes() == voor and aantal(db) == 1
    assert not list(tmp_path.rglob("jet-vervangen-*"))


def test_backup_of_a_missing_store_says_so(tmp_path):
    with pytest.raises(BackupFout, match="bestaat niet"):
        maak_backup(tmp_path / "nergens.db", tmp_path / "b.db")


def test_daily_backup_once_a_day_and_only_the_newest_kept(sqlite_store, jet, tmp_path):
    from datetime import date, timedelta

    from jet_desktop.storage.backup import dagelijkse_backup

    jet.aanmelding(sqlite_store)
    db, map_ = tmp_path / "jet.db", tmp_path / "reservekopieen"
    eerste = date(2026, 11, 1)
    assert dagelijkse_backup(db, map_, eerste, bewaren=3).name == "jet-20261101.db"
    assert dagelijkse_backup(db, map_, eerste, bewaren=3) is None  # later that day: nothing
    for i in range(1, 5):
        dagelijkse_backup(db, map_, eerste + timedelta(days=i), bewaren=3)
    assert sorted(p.name for p in map_.iterdir()) == ["jet-20261103.db", "jet-20261104.db", "jet-20261105.db"]
    assert aantal(map_ / "jet-20261105.db") == 1
