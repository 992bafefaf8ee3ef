"""Encryption at rest: a lost laptop reveals nothing; a wrong wachtwoordzin changes nothing;
a plain store of an earlier version is converted (backup first); re-keying."""

import hashlib
import os
import subprocess
import sys
from datetime import date

import pytest
from sqlalchemy import func, select, text

from jet_desktop.paths import sqlite_url
from jet_desktop.storage.backup import BackupFout, controleer, dagelijkse_backup, herstel, maak_backup
from jet_desktop.storage.bestand import WachtwoordzinFout, is_versleuteld
from jet_desktop.storage.models import Jeugdige
from jet_desktop.storage.store import Store
from jet_desktop.storage.versleuteling import versleutel, wijzig_wachtwoordzin

ZIN = "correct paard batterij niet"
VANDAAG = date(2026, 11, 25)


def geheimen(store) -> list[bytes]:
    """Names, BSNs and note texts that are in the store (long enough not to occur by chance)."""
    with store.engine.connect() as conn:
        rijen = conn.execute(text(
            "SELECT voornaam || ' ' || achternaam, bsn FROM jeugdige WHERE bsn IS NOT NULL LIMIT 200")).all()
        notities = conn.execute(text("SELECT substr(notitie, 1, 40) FROM contactmoment LIMIT 200")).scalars().all()
        hulpvragen = conn.execute(text("SELECT substr(hulpvraag, 1, 40) FROM aanmelding LIMIT 100")).scalars().all()
    uit = [n.encode() for n, _ in rijen] + [b.encode() for _, b in rijen]
    uit += [t.encode() for t in notities + hulpvragen if len(t) >= 20]
    assert len(uit) > 400
    return uit


def bestanden(db):
    return [p for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-journal")) if p.exists()]


@pytest.fixture(scope="module")
def demo(tmp_path_factory, demo_stores):
    return demo_stores.copy(tmp_path_factory.mktemp("versleuteld") / "jet.db", 300, 3, VANDAAG, ZIN)


def test_raw_bytes_of_an_encrypted_demo_store_contain_no_personal_data(demo):
    store = Store.open(sqlite_url(demo, ZIN))
    zoek = geheimen(store)
    # while the store is open and written to (the -wal file exists), and after
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE jeugdige SET woonplaats = 'Leeuwarden-Zuid' WHERE rowid IN "
                          "(SELECT rowid FROM jeugdige LIMIT 50)"))
    gezien = bestanden(demo)
    assert any(p.name.endswith("-wal") for p in gezien)
    for pad in gezien:
        inhoud = pad.read_bytes()
        lekken = [z for z in zoek + [b"Leeuwarden-Zuid"] if z in inhoud]
        assert lekken == [], f"{pad.name} bevat leesbaar {lekken[:3]}"
    store.engine.dispose()
    assert is_versleuteld(demo) is True


def test_the_same_data_unencrypted_would_show_up(tmp_path, demo_stores):
    """The check above can fail: in a plain store the same search finds the names."""
    db = demo_stores.copy(tmp_path / "plain.db", 300, 3, VANDAAG)
    store = Store.open(sqlite_url(db))
    zoek = geheimen(store)
    store.engine.dispose()
    inhoud = b"".join(p.read_bytes() for p in bestanden(db))
    assert sum(z in inhoud for z in zoek) > len(zoek) // 2


def test_wrong_or_missing_wachtwoordzin_is_a_message_and_changes_nothing(demo):
    voor = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bestanden(demo)}
    with pytest.raises(WachtwoordzinFout, match="wachtwoordzin is onjuist"):
        Store.open(sqlite_url(demo, "verkeerd"))
    with pytest.raises(WachtwoordzinFout, match="is versleuteld: geef de wachtwoordzin op"):
        Store.open(sqlite_url(demo))
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bestanden(demo)} == voor


def aantal_jeugdigen(db, zin):
    store = Store.open(sqlite_url(db, zin), migrate=False)
    with store.engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(Jeugdige.__table__)).scalar_one()
    store.engine.dispose()
    return n


def test_converting_a_plain_store_takes_an_encrypted_backup_first(tmp_path, demo_stores):
    db = demo_stores.copy(tmp_path / "jet.db", 300, 2, VANDAAG)
    n = aantal_jeugdigen(db, None)
    oude_kopie = dagelijkse_backup(db, tmp_path / "reservekopieen", VANDAAG, 14)  # a plain daily copy lies beside it
    assert is_versleuteld(oude_kopie) is False

    kopie = versleutel(db, ZIN).kopie
    assert is_versleuteld(db) and is_versleuteld(kopie) and is_versleuteld(oude_kopie)
    assert kopie.parent == tmp_path / "reservekopieen" and "voor-versleuteling" in kopie.name
    assert aantal_jeugdigen(db, ZIN) == n == aantal_jeugdigen(kopie, ZIN) == aantal_jeugdigen(oude_kopie, ZIN)
    with pytest.raises(WachtwoordzinFout):
        Store.open(sqlite_url(db))
    with pytest.raises(BackupFout, match="al versleuteld, en de reservekopieën ernaast ook"):
        versleutel(db, ZIN)


def test_a_weak_wachtwoordzin_is_refused_before_anything_changes(tmp_path):
    db = tmp_path / "jet.db"
    Store.open(sqlite_url(db)).engine.dispose()
    with pytest.raises(BackupFout, match="minstens 10 tekens"):
        versleutel(db, "kort")
    assert is_versleuteld(db) is False and not (tmp_path / "reservekopieen").exists()


def test_changing_the_wachtwoordzin_rekeys_store_and_backups(tmp_path, demo_stores):
    db = demo_stores.copy(tmp_path / "jet.db", 300, 2, VANDAAG, ZIN)
    kopie = dagelijkse_backup(db, tmp_path / "reservekopieen", VANDAAG, 14, ZIN)
    nieuw = "een heel andere zin nu"
    with pytest.raises(BackupFout, match="Huidige wachtwoordzin: onjuist"):
        wijzig_wachtwoordzin(db, "niet de goede zin", nieuw)
    assert wijzig_wachtwoordzin(db, ZIN, nieuw).reservekopieen == [kopie]
    for f in (db, kopie):
        with pytest.raises(WachtwoordzinFout):
            Store.open(sqlite_url(f, ZIN), migrate=False)
        assert aantal_jeugdigen(f, nieuw) > 0


def test_backup_and_restore_of_an_encrypted_store(tmp_path, demo_stores):
    db = demo_stores.copy(tmp_path / "jet.db", 300, 2, VANDAAG, ZIN)
    kopie = maak_backup(db, tmp_path / "kopie.db", ZIN)
    assert is_versleuteld(kopie) and controleer(kopie, ZIN)
    with pytest.raises(BackupFout, match="opent niet met deze wachtwoordzin"):
        controleer(kopie, "verkeerd verkeerd")
    # the store moves on to another wachtwoordzin; the old copy is restored with its own
    nieuw = "een heel andere zin nu"
    wijzig_wachtwoordzin(db, ZIN, nieuw)
    with pytest.raises(BackupFout):
        herstel(kopie, db, wachtwoordzin=nieuw)
    bewaard = herstel(kopie, db, wachtwoordzin=nieuw, backup_wachtwoordzin=ZIN)
    assert aantal_jeugdigen(db, nieuw) == aantal_jeugdigen(bewaard, nieuw) > 0  # restored store has the current one


def cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "jet_desktop", *args], capture_output=True, text=True, timeout=300,
                          stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})})


def test_headless_commands_read_JET_PASSPHRASE_and_never_show_a_traceback(demo, tmp_path):
    zonder = {k: v for k, v in os.environ.items() if k != "JET_PASSPHRASE"}
    goed = cli("wachtlijst", "--db", str(demo), "--pdf", str(tmp_path / "w.pdf"), env={"JET_PASSPHRASE": ZIN})
    assert goed.returncode == 0, goed.stderr
    fout = cli("wachtlijst", "--db", str(demo), "--pdf", str(tmp_path / "x.pdf"), env={"JET_PASSPHRASE": "fout fout"})
    assert fout.returncode == 2 and "wachtwoordzin is onjuist" in fout.stderr and "Traceback" not in fout.stderr
    geen = subprocess.run([sys.executable, "-m", "jet_desktop", "wachtlijst", "--db", str(demo), "--pdf",
                           str(tmp_path / "y.pdf")], capture_output=True, text=True, env=zonder, stdin=subprocess.DEVNULL)
    assert geen.returncode == 2 and "JET_PASSPHRASE" in geen.stderr and "Traceback" not in geen.stderr


def test_cli_converts_and_rekeys(tmp_path):
    db = tmp_path / "jet.db"
    Store.open(sqlite_url(db)).engine.dispose()
    r = cli("versleutel", "--db", str(db), env={"JET_NIEUWE_PASSPHRASE": ZIN})
    assert r.returncode == 0, r.stderr
    assert is_versleuteld(db) and "Reservekopie vooraf" in r.stdout
    r = cli("wachtwoordzin", "--db", str(db), env={"JET_PASSPHRASE": ZIN, "JET_NIEUWE_PASSPHRASE": "nog een andere zin"})
    assert r.returncode == 0, r.stderr
    Store.open(sqlite_url(db, "nog een andere zin")).engine.dispose()


def test_a_restore_never_writes_an_encrypted_backup_back_unencrypted(demo, tmp_path):
    kopie = maak_backup(demo, tmp_path / "kopie.db", ZIN)
    with pytest.raises(BackupFout, match="onversleuteld"):
        herstel(kopie, tmp_path / "nieuw.db", wachtwoordzin=None, backup_wachtwoordzin=ZIN)
    assert not (tmp_path / "nieuw.db").exists()
    zonder = {k: v for k, v in os.environ.items() if k != "JET_PASSPHRASE"}
    r = subprocess.run([sys.executable, "-m", "jet_desktop", "restore", "--db", str(tmp_path / "nieuw.db"), "--from",
                        str(kopie), "--wachtwoordzin-kopie-env", "K"], capture_output=True, text=True,
                       env={**zonder, "K": ZIN}, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    assert is_versleuteld(tmp_path / "nieuw.db")  # with the backup's own wachtwoordzin
    assert aantal_jeugdigen(tmp_path / "nieuw.db", ZIN) > 0
