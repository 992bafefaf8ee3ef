"""Issue 9: an interrupted (SIGKILL) or failed `versleutel` / `wachtwoordzin` is finished by a later run
or by the next start; afterwards no file beside the store is plain or under the old wachtwoordzin.
Re-keying one store leaves the reservekopieën of another store in the same folder alone."""

import os
import signal
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from jet_desktop.paths import sqlite_url
from jet_desktop.services import reservekopie
from jet_desktop.storage.backup import dagelijkse_backup, maak_backup
from jet_desktop.storage.bestand import WachtwoordzinFout, is_versleuteld, open_bestand
from jet_desktop.storage.store import Store
from jet_desktop.storage.versleuteling import eigen_reservekopieen, marker_pad, versleutel, wijzig_wachtwoordzin

ROOT = Path(__file__).resolve().parents[2]
ZIN, NIEUW, ANDERS = "correct paard batterij niet", "een heel andere zin nu", "weer een andere zin"
VANDAAG = date(2026, 11, 25)
KILL = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL bestaat alleen op POSIX-systemen")


def store_met_kopieen(db, zin, n=3):
    Store.open(sqlite_url(db, zin)).engine.dispose()
    return [dagelijkse_backup(db, db.parent / "reservekopieen", VANDAAG - timedelta(days=i), 14, zin) for i in range(n)]


def opent(pad, zin) -> bool:
    try:
        open_bestand(pad, zin, alleen_lezen=True).close()
        return True
    except WachtwoordzinFout:
        return False


def cli(*args, **env):
    return subprocess.run([sys.executable, "-m", "jet_desktop", *args], cwd=ROOT, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=300,
                          env={**{k: v for k, v in os.environ.items() if not k.startswith("JET_TEST")},
                               "PYTHONPATH": str(ROOT), **env})


def plat(db) -> list[Path]:
    """Every plain SQLite file in the store's folder and its reservekopieen/ (temporary ones too)."""
    return [p for p in [*db.parent.iterdir(), *(db.parent / "reservekopieen").iterdir()]
            if p.is_file() and not p.name.endswith((".slot", ".json", ".sleutelwissel")) and is_versleuteld(p) is False]


@KILL
def test_a_killed_versleutel_is_finished_by_the_next_run(tmp_path):
    db = tmp_path / "jet.db"
    kopieen = store_met_kopieen(db, None)
    r = cli("versleutel", "--db", str(db), JET_NIEUWE_PASSPHRASE=ZIN, JET_TEST_KILL_NA_VERVANGEN="2")
    assert r.returncode == -signal.SIGKILL
    assert is_versleuteld(db) and sum(is_versleuteld(k) is False for k in kopieen) == 2  # left plain
    r = cli("versleutel", "--db", str(db), JET_NIEUWE_PASSPHRASE=ZIN)  # the same command again
    assert r.returncode == 0, r.stderr
    assert "afgemaakt" in r.stdout and "2 onversleutelde reservekopie(ën) versleuteld" in r.stdout
    assert plat(db) == []
    assert all(opent(k, ZIN) for k in kopieen)


@KILL
def test_a_killed_versleutel_is_finished_at_the_next_start(tmp_path):
    db = tmp_path / "jet.db"
    kopieen = store_met_kopieen(db, None)
    assert cli("versleutel", "--db", str(db), JET_NIEUWE_PASSPHRASE=ZIN,
               JET_TEST_KILL_NA_VERVANGEN="2").returncode == -signal.SIGKILL
    store = Store.open(sqlite_url(db, ZIN))
    try:
        assert any("NIET versleuteld" in w for w in reservekopie.waarschuwingen(db, ZIN))
        assert reservekopie.bij_start(store) == []  # finished, nothing left to warn about
    finally:
        store.engine.dispose()
    assert plat(db) == [] and all(opent(k, ZIN) for k in kopieen)


def test_a_damaged_plain_reservekopie_does_not_stop_the_others(tmp_path):
    db = tmp_path / "jet.db"
    kopieen = store_met_kopieen(db, None, n=4)
    goed = kopieen[1].read_bytes()
    kwart = len(goed) // 4
    kopieen[1].write_bytes(goed[:kwart] + b"\x00" * (2 * kwart) + goed[3 * kwart:])
    u = versleutel(db, ZIN)
    assert plat(db) == []  # no plaintext anywhere, the damaged one included
    assert [oud for oud, _ in u.beschadigd] == [kopieen[1]] and not kopieen[1].exists()
    [(_, container)] = u.beschadigd
    conn = open_bestand(container, ZIN, alleen_lezen=True)  # its bytes are kept, encrypted
    assert conn.execute("SELECT inhoud FROM beschadigd_bestand").fetchone()[0][:kwart] == goed[:kwart]
    conn.close()
    assert all(opent(k, ZIN) for k in kopieen if k.exists())


@KILL
def test_a_killed_wachtwoordzin_is_finished_by_running_it_again(tmp_path):
    db = tmp_path / "jet.db"
    kopieen = store_met_kopieen(db, ZIN)
    r = cli("wachtwoordzin", "--db", str(db), JET_PASSPHRASE=ZIN, JET_NIEUWE_PASSPHRASE=NIEUW,
            JET_TEST_KILL_NA_VERVANGEN="2")
    assert r.returncode == -signal.SIGKILL
    assert marker_pad(db).exists() and NIEUW not in marker_pad(db).read_text()  # a hash, never the wachtwoordzin
    assert opent(db, ZIN) and sum(opent(k, ZIN) for k in kopieen) == 1  # two re-keyed, one still under the old
    assert any("onderbroken" in w for w in reservekopie.waarschuwingen(db, ZIN))  # the warning at start
    r = cli("wachtwoordzin", "--db", str(db), JET_PASSPHRASE=ZIN, JET_NIEUWE_PASSPHRASE=ANDERS)
    assert r.returncode == 1 and "dezelfde nieuwe" in r.stderr  # another new one would orphan the two
    r = cli("wachtwoordzin", "--db", str(db), JET_PASSPHRASE=ZIN, JET_NIEUWE_PASSPHRASE=NIEUW)
    assert r.returncode == 0, r.stderr
    assert "2 hadden hem al" in r.stdout
    assert not marker_pad(db).exists()
    assert [f for f in [db, *kopieen] if opent(f, ZIN)] == []  # 0 files under the old wachtwoordzin
    assert all(opent(f, NIEUW) for f in [db, *kopieen])
    assert reservekopie.waarschuwingen(db, NIEUW) == []


@KILL
def test_killed_after_the_store_got_the_new_one_is_finished_at_start(tmp_path):
    db = tmp_path / "jet.db"
    kopieen = store_met_kopieen(db, ZIN)
    # three reservekopieën, then the store: killed before the marker was removed
    assert cli("wachtwoordzin", "--db", str(db), JET_PASSPHRASE=ZIN, JET_NIEUWE_PASSPHRASE=NIEUW,
               JET_TEST_KILL_NA_VERVANGEN="4").returncode == -signal.SIGKILL
    assert marker_pad(db).exists() and opent(db, NIEUW)
    store = Store.open(sqlite_url(db, NIEUW))
    try:
        assert reservekopie.bij_start(store) == []
    finally:
        store.engine.dispose()
    assert not marker_pad(db).exists() and all(opent(k, NIEUW) for k in kopieen)


def test_rekeying_one_store_leaves_another_stores_reservekopieen_alone(tmp_path):
    a, ab, b = tmp_path / "a.db", tmp_path / "a-b.db", tmp_path / "b.db"
    van_a = store_met_kopieen(a, ZIN, n=2)
    van_ab = store_met_kopieen(ab, ZIN, n=2)  # "a-b-20261125.db" starts with "a-" too
    van_b = store_met_kopieen(b, ZIN, n=2)
    handmatig = maak_backup(a, tmp_path / "reservekopieen" / "a-voor-de-vakantie.db", ZIN)
    assert eigen_reservekopieen(a) == sorted([*van_a, handmatig])
    h = wijzig_wachtwoordzin(a, ZIN, NIEUW)
    assert sorted(h.reservekopieen) == sorted([*van_a, handmatig])
    assert all(opent(k, ZIN) for k in van_ab + van_b)  # untouched
    assert all(opent(k, NIEUW) for k in van_a + [handmatig])


def test_a_headless_command_warns_about_files_not_under_the_current_key(tmp_path):
    db = tmp_path / "jet.db"
    kopieen = store_met_kopieen(db, ZIN, n=2)
    andere = tmp_path / "ander.db"
    Store.open(sqlite_url(andere, ANDERS)).engine.dispose()
    maak_backup(andere, tmp_path / "reservekopieen" / "jet-20261001.db", ANDERS)  # under another wachtwoordzin
    Store.open(sqlite_url(tmp_path / "plat.db")).engine.dispose()
    maak_backup(tmp_path / "plat.db", tmp_path / "reservekopieen" / "jet-20261002.db")  # plain
    r = cli("backup", "--db", str(db), "--out", str(tmp_path / "uit.db"), JET_PASSPHRASE=ZIN)
    assert r.returncode == 0, r.stderr
    assert "Let op: jet-20261002.db" in r.stderr and "NIET versleuteld" in r.stderr
    assert "Let op: jet-20261001.db" in r.stderr and "opent niet met de huidige wachtwoordzin" in r.stderr
    assert not any(k.name in r.stderr for k in kopieen)


def test_rekeying_also_encrypts_a_plain_reservekopie_left_beside_an_encrypted_store(tmp_path):
    db = tmp_path / "jet.db"
    kopieen = store_met_kopieen(db, ZIN, n=1)
    Store.open(sqlite_url(tmp_path / "plat.db")).engine.dispose()
    plat_kopie = maak_backup(tmp_path / "plat.db", tmp_path / "reservekopieen" / "jet-20261001.db")
    h = wijzig_wachtwoordzin(db, ZIN, NIEUW)
    assert plat_kopie in h.reservekopieen and plat(db) == [p for p in plat(db) if p.name == "plat.db"]
    assert all(opent(f, NIEUW) for f in [db, *kopieen, plat_kopie])


def test_every_headless_command_on_the_store_warns_about_a_plain_reservekopie(tmp_path):
    """Not only the store-file commands: a report or `audit verify` on the store says so too (the quick
    check: plain files only, no key derivation per reservekopie)."""
    db = tmp_path / "jet.db"
    store_met_kopieen(db, ZIN, n=1)
    Store.open(sqlite_url(tmp_path / "plat.db")).engine.dispose()
    maak_backup(tmp_path / "plat.db", tmp_path / "reservekopieen" / "jet-20261002.db")  # plain
    r = cli("audit", "verify", "--db", str(db), JET_PASSPHRASE=ZIN)
    assert r.returncode == 0, r.stderr
    assert "Let op: jet-20261002.db" in r.stderr and "NIET versleuteld" in r.stderr
