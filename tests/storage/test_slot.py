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


def test_an_open_engine_holds_the_store_and_names_itself(tmp_path):
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
