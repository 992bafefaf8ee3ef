"""The presence lock beside a store file (storage/slot.py)."""

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from jet_desktop.paths import sqlite_url
from jet_desktop.storage import slot
from jet_desktop.storage.slot import GegevenssetBezet
from jet_desktop.storage.store import Store
from jet_desktop.storage.versleuteling import wijzig_wachtwoordzin

ROOT = Path(__file__).resolve().parents[2]
ZIN = "correct paard batterij niet"

HOUDER = r"""
import sys
from jet_desktop.paths import sqlite_url
from jet_desktop.storage.store import Store
from jet_desktop.storage import slot
store = Store.open(sqlite_url(sys.argv[1], sys.argv[2]))
with store.engine.connect():
    slot.noteer_medewerker(sys.argv[1], "Anouk de Vries")
    print("open", flush=True)
    sys.stdin.readline()
"""


def test_an_open_engine_holds_the_store_and_names_itself(tmp_path, monkeypatch):
    monkeypatch.setattr(slot, "WACHT_OPENEN", 0.5)  # how long an own connection is waited for
    db = tmp_path / "jet.db"
    store = Store.open(sqlite_url(db, ZIN))
    try:
        with pytest.raises(GegevenssetBezet, match=rf"nog geopend door .*proces {os.getpid()} op host"):
            with slot.exclusief(db, "test"):
                pass
    finally:
        store.engine.dispose()
    with slot.exclusief(db, "test"):  # disposed: free
        pass
    assert not list(tmp_path.glob("jet.db.slot-*"))  # no holder file left behind


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL bestaat alleen op POSIX-systemen")
def test_a_killed_holder_does_not_block_and_its_holder_file_goes(tmp_path):
    db = tmp_path / "jet.db"
    Store.open(sqlite_url(db, ZIN)).engine.dispose()
    proc = subprocess.Popen([sys.executable, "-c", HOUDER, str(db), ZIN], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "open"
    houders = slot.houders(db)
    assert [(h["pid"], h["medewerker"]) for h in houders] == [(proc.pid, "Anouk de Vries")]
    with pytest.raises(GegevenssetBezet, match="medewerker Anouk de Vries"):
        wijzig_wachtwoordzin(db, ZIN, "een heel andere zin nu")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert list(tmp_path.glob("jet.db.slot-*.json"))  # its holder file is still there ...
    wijzig_wachtwoordzin(db, ZIN, "een heel andere zin nu")  # ... but the lock died with the process
    assert not list(tmp_path.glob("jet.db.slot-*.json"))
    Store.open(sqlite_url(db, "een heel andere zin nu")).engine.dispose()


def test_an_opener_waits_while_the_store_is_replaced_then_opens_the_new_file(tmp_path, monkeypatch):
    db = tmp_path / "jet.db"
    Store.open(sqlite_url(db, ZIN)).engine.dispose()
    with slot.exclusief(db, "wachtwoordzin wijzigen"):
        monkeypatch.setattr(slot, "WACHT_OPENEN", 0.2)
        with pytest.raises(GegevenssetBezet, match=r"wordt op dit moment vervangen \(.*: wachtwoordzin wijzigen\)"):
            Store.open(sqlite_url(db, ZIN))
        monkeypatch.setattr(slot, "WACHT_OPENEN", 60)
        geopend = []
        t = threading.Thread(target=lambda: geopend.append(Store.open(sqlite_url(db, ZIN), migrate=False)))
        t.start()
        t.join(0.3)
        assert t.is_alive() and not geopend  # waiting for the lock, not yet connected
    t.join(30)
    assert geopend
    geopend[0].engine.dispose()


def test_holder_file_holds_no_client_data(tmp_path):
    db = tmp_path / "jet.db"
    store = Store.open(sqlite_url(db, ZIN))
    try:
        [pad] = tmp_path.glob("jet.db.slot-*.json")
        assert set(json.loads(pad.read_text())) == {"gebruiker", "pid", "host", "medewerker", "wat", "sinds"}
    finally:
        store.engine.dispose()


def test_a_backup_running_elsewhere_holds_off_a_restore(tmp_path):
    """The daily backup racing a restore: a backup holds the store open (shared) while it copies."""
    from jet_desktop.storage.backup import herstel, maak_backup

    db = tmp_path / "jet.db"
    Store.open(sqlite_url(db, ZIN)).engine.dispose()
    kopie = maak_backup(db, tmp_path / "kopie.db", ZIN)
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from jet_desktop.storage import slot\n"
                             "with slot.gedeeld(sys.argv[1]):\n    print('bezig', flush=True); sys.stdin.readline()",
                             str(db)], cwd=ROOT, text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout.readline().strip() == "bezig"
        with pytest.raises(GegevenssetBezet, match=f"proces {proc.pid}"):
            herstel(kopie, db, wachtwoordzin=ZIN)
    finally:
        proc.communicate("\n")
    assert not (tmp_path / "reservekopieen").exists()
    assert herstel(kopie, db, wachtwoordzin=ZIN) is not None  # done: now it goes


def test_an_own_worker_thread_still_copying_is_waited_for(tmp_path):
    """The GUI signs out to re-key while its daily backup still runs on a worker thread: wait, do not refuse."""
    db = tmp_path / "jet.db"
    Store.open(sqlite_url(db, ZIN)).engine.dispose()
    klaar = threading.Event()

    def backup_draad():
        with slot.gedeeld(db):
            klaar.wait(10)

    t = threading.Thread(target=backup_draad)
    t.start()
    threading.Timer(0.5, klaar.set).start()
    wijzig_wachtwoordzin(db, ZIN, "een heel andere zin nu")
    t.join()
    Store.open(sqlite_url(db, "een heel andere zin nu")).engine.dispose()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL bestaat alleen op POSIX-systemen")
def test_a_restore_over_a_store_with_a_wal_left_by_a_killed_writer(tmp_path):
    """The WAL a killed writer left (frames not yet in the store file) goes into the kept copy, and is
    never applied to the restored file."""
    from sqlalchemy import text

    from jet_desktop.storage.backup import controleer, herstel, maak_backup

    db = tmp_path / "jet.db"
    Store.open(sqlite_url(db, ZIN)).engine.dispose()
    kopie = maak_backup(db, tmp_path / "kopie.db", ZIN)
    schrijver = ("import sys, time; from sqlalchemy import text; from jet_desktop.paths import sqlite_url\n"
                 "from jet_desktop.storage.store import Store\n"
                 "s = Store.open(sqlite_url(sys.argv[1], sys.argv[2]))\n"
                 "from jet_desktop.storage.models import Instelling\n"
                 "for i in range(20):\n"
                 "    with s.engine.begin() as c: c.execute(Instelling.__table__.insert().values("
                 "**s.new_row(sleutel=f'test{i}', waarde='x')))\n"
                 "print('klaar', flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", schrijver, str(db), ZIN], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.stdout.readline().strip() == "klaar"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert db.with_name("jet.db-wal").stat().st_size > 0  # committed frames, not yet checkpointed
    bewaard = herstel(kopie, db, wachtwoordzin=ZIN)
    controleer(db, ZIN)
    for pad, verwacht in ((db, 0), (bewaard, 20)):
        s = Store.open(sqlite_url(pad, ZIN), migrate=False)
        with s.engine.connect() as c:
            assert c.execute(text("SELECT count(*) FROM instelling WHERE sleutel LIKE 'test%'")).scalar_one() == verwacht
        s.engine.dispose()


def test_a_symlink_to_the_store_shares_its_lock(tmp_path, monkeypatch):
    monkeypatch.setattr(slot, "WACHT_OPENEN", 0.3)
    db = tmp_path / "jet.db"
    link = tmp_path / "snelkoppeling.db"
    store = Store.open(sqlite_url(db, ZIN))
    try:
        link.symlink_to(db)
        with pytest.raises(GegevenssetBezet):
            wijzig_wachtwoordzin(link, ZIN, "een heel andere zin nu")
    finally:
        store.engine.dispose()


def test_an_engine_dropped_without_dispose_does_not_hold_the_store_for_ever(tmp_path):
    import gc

    db = tmp_path / "jet.db"
    store = Store.open(sqlite_url(db, ZIN))
    with store.engine.connect():
        pass
    del store
    gc.collect()
    wijzig_wachtwoordzin(db, ZIN, "een heel andere zin nu")  # not refused by our own forgotten engine
