"""Issue 9: an operation that replaces the store file (re-key, restore, encryption) while another process
writes must lose no save that writer was told succeeded. Each test runs a real writer process that
registers an aanmelding every 50 ms and prints its id after the commit; the operation is tried until it
succeeds (refused, naming the writer, while the writer has the store open); afterwards every reported
save is in the store (or, for a restore, in the kept copy of the replaced store)."""

import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from jet_desktop.paths import sqlite_url
from jet_desktop.storage.backup import herstel, maak_backup
from jet_desktop.storage.models import Aanmelding
from jet_desktop.storage.slot import GegevenssetBezet
from jet_desktop.storage.store import Store
from jet_desktop.storage.versleuteling import versleutel, wijzig_wachtwoordzin

ROOT = Path(__file__).resolve().parents[2]
ZIN, NIEUW = "correct paard batterij niet", "een heel andere zin nu"
SAVES = 30

SCHRIJVER = r"""
import os, sys, time
from datetime import date
from jet_desktop.paths import sqlite_url
from jet_desktop.services.aanmeldingen import AanmeldingInvoer, registreer
from jet_desktop.storage.store import Store

store = Store.open(sqlite_url(sys.argv[1], os.environ.get("SCHRIJVER_ZIN") or None), user="Schrijver")
for n in range(int(sys.argv[2])):
    r = registreer(store, AanmeldingInvoer(voornaam=f"Kind{n}", achternaam="Schrijver", geboortedatum=date(2015, 1, 1),
                                           verwijzer_route="huisarts", aanmelddatum=date(2026, 11, 2),
                                           hulpvraag="Zorgen over gedrag thuis en op school."), date(2026, 11, 25))
    print(r.aanmelding_id, flush=True)  # only after the transaction committed: "opgeslagen"
    time.sleep(0.05)
sys.stdin.readline()  # keep the store open until the test has seen a refusal (or gives up): no race with load
store.engine.dispose()
"""


def ids(db, zin) -> set[str]:
    store = Store.open(sqlite_url(db, zin), migrate=False)
    try:
        with store.engine.connect() as conn:
            return {str(i) for i in conn.execute(select(Aanmelding.__table__.c.id)).scalars()}
    finally:
        store.engine.dispose()


def met_schrijver(db, zin, operatie, saves=SAVES):
    """Start the writer; try `operatie()` until it succeeds. Returns (reported ids, refusals, result)."""
    proc = subprocess.Popen([sys.executable, "-c", SCHRIJVER, str(db), str(saves)], cwd=ROOT, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "SCHRIJVER_ZIN": zin or "", "PYTHONPATH": str(ROOT)})
    eerste = proc.stdout.readline()
    assert eerste.strip(), proc.stderr.read()
    weigeringen = []
    try:
        while True:
            try:
                uitkomst = operatie()
                break
            except GegevenssetBezet as exc:
                if not weigeringen:  # refused while the writer has it open: let the writer finish and close
                    proc.stdin.write("\n")
                    proc.stdin.flush()
                weigeringen.append(str(exc))
                time.sleep(0.1)
    finally:
        rest, fout = proc.communicate(timeout=120)
    gemeld = {r.strip() for r in [eerste, *rest.splitlines()] if r.strip()}
    assert proc.returncode == 0, fout
    return gemeld, weigeringen, uitkomst


def _nieuwe_store(db, zin):
    Store.open(sqlite_url(db, zin)).engine.dispose()


def test_rekey_while_another_process_writes_loses_no_save(tmp_path):
    db = tmp_path / "jet.db"
    _nieuwe_store(db, ZIN)
    gemeld, weigeringen, _ = met_schrijver(db, ZIN, lambda: wijzig_wachtwoordzin(db, ZIN, NIEUW))
    assert len(gemeld) == SAVES
    assert ids(db, NIEUW) == gemeld  # 0 lost
    assert weigeringen and "proces " in weigeringen[0] and "sluit JET Desktop daar eerst" in weigeringen[0]


def test_encryption_while_another_process_writes_loses_no_save(tmp_path):
    db = tmp_path / "jet.db"
    _nieuwe_store(db, None)
    gemeld, weigeringen, _ = met_schrijver(db, None, lambda: versleutel(db, ZIN), saves=80)
    assert len(gemeld) == 80
    assert ids(db, ZIN) == gemeld
    assert weigeringen


def test_restore_while_another_process_writes_loses_no_save(tmp_path):
    db = tmp_path / "jet.db"
    _nieuwe_store(db, ZIN)
    kopie = maak_backup(db, tmp_path / "kopie.db", ZIN)  # before any of the writer's saves
    gemeld, weigeringen, bewaard = met_schrijver(db, ZIN, lambda: herstel(kopie, db, wachtwoordzin=ZIN))
    assert len(gemeld) == SAVES
    assert ids(db, ZIN) == set()  # the backup's contents
    assert ids(bewaard, ZIN) == gemeld  # every save the writer was told of is in the kept copy
    assert weigeringen


def test_the_refusal_names_the_holder_and_changes_nothing(tmp_path):
    """The command line: exit 1, a Dutch message with OS user, process and host, the store untouched."""
    db = tmp_path / "jet.db"
    _nieuwe_store(db, ZIN)
    proc = subprocess.Popen([sys.executable, "-c", SCHRIJVER, str(db), "100000"], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env={**os.environ, "SCHRIJVER_ZIN": ZIN, "PYTHONPATH": str(ROOT)})
    try:
        assert proc.stdout.readline().strip()
        env = {**os.environ, "JET_PASSPHRASE": ZIN, "JET_NIEUWE_PASSPHRASE": NIEUW, "PYTHONPATH": str(ROOT)}
        r = subprocess.run([sys.executable, "-m", "jet_desktop", "wachtwoordzin", "--db", str(db)], cwd=ROOT,
                           capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=120)
        assert r.returncode == 1 and "Traceback" not in r.stderr
        import getpass
        import socket

        assert f"nog geopend door {getpass.getuser()} (proces {proc.pid} op host {socket.gethostname()})" in r.stderr
        assert "Er is niets gewijzigd" in r.stderr
        r = subprocess.run([sys.executable, "-m", "jet_desktop", "restore", "--db", str(db), "--from",
                            str(maak_backup(db, tmp_path / "k.db", ZIN))], cwd=ROOT, capture_output=True, text=True,
                           env=env, stdin=subprocess.DEVNULL, timeout=120)
        assert r.returncode == 1 and f"proces {proc.pid}" in r.stderr and "Traceback" not in r.stderr
    finally:
        proc.kill()
        proc.wait()
    # nothing changed: no marker of a pending re-key, no kept copy of a restore, the old wachtwoordzin opens it
    assert not db.with_name("jet.db.sleutelwissel").exists()
    assert not list(tmp_path.rglob("jet-vervangen-*")) and not list(tmp_path.rglob("*.versleutelen"))
    assert ids(db, ZIN)
