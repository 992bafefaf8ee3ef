"""Issue 9, adversarial: the store-file operations (re-key, encryption, restore, backup) against a careless
or curious colleague and a crash. Each test is a hole that was found: it failed before its fix."""

import os
from datetime import datetime
from pathlib import Path

from jet_desktop.paths import sqlite_url
from jet_desktop.storage.backup import herstel, maak_backup
from jet_desktop.storage.bestand import WachtwoordzinFout, is_versleuteld, open_bestand
from jet_desktop.storage.store import Store
from jet_desktop.storage.versleuteling import versleutel, wijzig_wachtwoordzin

ROOT = Path(__file__).resolve().parents[2]
ZIN, NIEUW = "correct paard batterij niet", "een heel andere zin nu"


def opent(pad, zin) -> bool:
    try:
        open_bestand(pad, zin, alleen_lezen=True).close()
        return True
    except WachtwoordzinFout:
        return False


def gelinkt(tmp_path, zin):
    """A store in real/ and a symlink to it in link/ (a --db given through a link)."""
    (tmp_path / "real").mkdir()
    (tmp_path / "link").mkdir()
    echt, link = tmp_path / "real" / "jet.db", tmp_path / "link" / "jet.db"
    Store.open(sqlite_url(echt, zin)).engine.dispose()
    link.symlink_to(echt)
    return echt, link


def test_rekey_through_a_symlinked_db_rekeys_the_real_file(tmp_path):
    """Before: the link was replaced by a new file under the new wachtwoordzin; the real store (which the
    GUI opens, paths resolve the link) kept opening with the old one."""
    echt, link = gelinkt(tmp_path, ZIN)
    wijzig_wachtwoordzin(link, ZIN, NIEUW)
    assert link.is_symlink()
    assert opent(echt, NIEUW) and not opent(echt, ZIN)


def test_encryption_through_a_symlinked_db_leaves_no_plain_store(tmp_path):
    echt, link = gelinkt(tmp_path, None)
    versleutel(link, ZIN)
    assert link.is_symlink() and is_versleuteld(echt)
    assert all(is_versleuteld(p) is not False for p in tmp_path.rglob("*.db"))


def test_restore_through_a_symlinked_db_restores_the_real_file(tmp_path):
    echt, link = gelinkt(tmp_path, ZIN)
    kopie = maak_backup(echt, tmp_path / "kopie.db", ZIN)
    bewaard = herstel(kopie, link, wachtwoordzin=ZIN)
    assert link.is_symlink() and bewaard is not None and bewaard.parent == echt.parent / "reservekopieen"


def test_two_restores_in_one_second_keep_both_replaced_stores(tmp_path):
    """Before: the second restore's kept copy had the same name (seconds) and overwrote the first, which held
    the saves made before the first restore."""
    db = tmp_path / "jet.db"
    Store.open(sqlite_url(db, ZIN)).engine.dispose()
    kopie = maak_backup(db, tmp_path / "kopie.db", ZIN)
    nu = datetime(2026, 12, 1, 12, 0, 0)
    eerste = herstel(kopie, db, nu=nu, wachtwoordzin=ZIN)
    inhoud = eerste.read_bytes()
    tweede = herstel(kopie, db, nu=nu, wachtwoordzin=ZIN)
    assert tweede != eerste and eerste.read_bytes() == inhoud
    from jet_desktop.storage.versleuteling import eigen_reservekopieen

    assert {eerste, tweede} <= set(eigen_reservekopieen(db))  # a re-key takes both along


def _hashes(map_):
    import hashlib

    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in map_.rglob("*") if p.is_file()}


def test_a_slot_that_opens_only_read_only_still_locks(tmp_path, monkeypatch):
    """Before: a `.slot` that could not be opened read-write (a folder of that name; another OS user's file)
    made every process run without the lock, so a restore replaced the store under a writer that had it open.
    Now it is opened read-only (flock works on that); one that does not open at all refuses."""
    import pytest

    from jet_desktop.storage import slot

    monkeypatch.setattr(slot, "WACHT_OPENEN", 0.3)
    db = tmp_path / "jet.db"
    Store.open(sqlite_url(db, ZIN)).engine.dispose()
    kopie = maak_backup(db, tmp_path / "kopie.db", ZIN)
    slot.slot_pad(db).unlink()
    slot.slot_pad(db).mkdir()
    store = Store.open(sqlite_url(db, ZIN))
    try:
        with store.engine.connect():
            voor = _hashes(tmp_path)
            with pytest.raises(slot.GegevenssetBezet):
                herstel(kopie, db, wachtwoordzin=ZIN)
            with pytest.raises(slot.GegevenssetBezet):
                wijzig_wachtwoordzin(db, ZIN, NIEUW)
            assert _hashes(tmp_path) == voor
    finally:
        store.engine.dispose()
    voor = _hashes(tmp_path)
    real_open = os.open

    def geen_toegang(pad, flags, *a):
        if str(pad).endswith(".slot"):
            raise PermissionError(13, "Permission denied")
        return real_open(pad, flags, *a)

    monkeypatch.setattr(os, "open", geen_toegang)
    with pytest.raises(slot.GegevenssetBezet, match="jet.db.slot .*kan niet worden geopend"):
        herstel(kopie, db, wachtwoordzin=ZIN)
    assert _hashes(tmp_path) == voor


def cli(*args, **env):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "jet_desktop", *args], cwd=ROOT, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120,
                          env={**{k: v for k, v in os.environ.items() if not k.startswith("JET_TEST")},
                               "PYTHONPATH": str(ROOT), **env})


def test_backup_of_another_programs_file_refuses_and_leaves_it_as_it_was(tmp_path):
    """Before: `jet-desktop backup --db other.db` migrated another program's SQLite file into a JET store
    (73 tables added) and reported a backup."""
    import hashlib
    import sqlite3

    vreemd = tmp_path / "ander.db"
    conn = sqlite3.connect(vreemd)
    conn.execute("CREATE TABLE klant (naam TEXT)")
    conn.commit()
    conn.close()
    voor = hashlib.sha256(vreemd.read_bytes()).hexdigest()
    r = cli("backup", "--db", str(vreemd), "--out", str(tmp_path / "kopie.db"), JET_PASSPHRASE=ZIN)
    assert r.returncode == 2 and "geen JET-gegevensset" in r.stderr and "Traceback" not in r.stderr
    assert hashlib.sha256(vreemd.read_bytes()).hexdigest() == voor and not (tmp_path / "kopie.db").exists()


def test_a_damaged_backup_is_named_damaged_in_dutch(tmp_path):
    """Before: "… kan niet worden gelezen of geschreven (database disk image is malformed)"."""
    db = tmp_path / "jet.db"
    Store.open(sqlite_url(db, None)).engine.dispose()
    kapot = tmp_path / "kapot.db"
    kapot.write_bytes(maak_backup(db, tmp_path / "k.db").read_bytes()[:50_000])
    r = cli("restore", "--db", str(db), "--from", str(kapot))
    assert r.returncode == 1 and "beschadigd" in r.stderr and "malformed" not in r.stderr, r.stderr


def test_rekeying_a_store_without_suffix_leaves_another_stores_reservekopieen_alone(tmp_path):
    """Before: for `--db map/jet` (no suffix) every `reservekopieen/jet-…` counted as its own, so re-keying it
    re-keyed the reservekopieën of `jet.db` beside it (same wachtwoordzin) and they stopped opening with theirs."""
    from datetime import date

    from jet_desktop.storage.backup import dagelijkse_backup
    from jet_desktop.storage.versleuteling import eigen_reservekopieen

    ander, zonder = tmp_path / "jet.db", tmp_path / "jet"
    for db in (ander, zonder):
        Store.open(sqlite_url(db, ZIN)).engine.dispose()
    van_ander = dagelijkse_backup(ander, tmp_path / "reservekopieen", date(2026, 11, 25), 14, ZIN)
    eigen = dagelijkse_backup(zonder, tmp_path / "reservekopieen", date(2026, 11, 25), 14, ZIN)
    assert eigen_reservekopieen(zonder) == [eigen] and eigen_reservekopieen(ander) == [van_ander]
    wijzig_wachtwoordzin(zonder, ZIN, NIEUW)
    assert opent(van_ander, ZIN) and opent(eigen, NIEUW)


def test_a_folder_or_backup_with_a_hash_in_its_name_works(tmp_path):
    """Before: the read-only open used `file:{pad}?mode=ro`, so 'team #2/jet.db' opened (and created) 'team ':
    every backup failed ("geen JET-gegevensset"), and a restore checked and copied another file than chosen."""
    map_ = tmp_path / "team #2"
    map_.mkdir()
    db = map_ / "jet.db"
    Store.open(sqlite_url(db, ZIN)).engine.dispose()
    kopie = maak_backup(db, map_ / "kopie #3.db", ZIN)
    assert opent(kopie, ZIN)
    assert herstel(kopie, db, wachtwoordzin=ZIN) is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["team #2"]  # no stray 'team ' file


def test_a_folder_named_like_a_holder_file_does_not_stop_a_restore(tmp_path):
    """Before: a folder `jet.db.slot-….json` made every restore, re-key and encryption fail ("het is een map")."""
    db = tmp_path / "jet.db"
    Store.open(sqlite_url(db, ZIN)).engine.dispose()
    kopie = maak_backup(db, tmp_path / "kopie.db", ZIN)
    (tmp_path / "jet.db.slot-deadbeef0000.json").mkdir()
    (tmp_path / "jet.db.slot-aaaaaaaaaaaa.json").write_text("{kapot")  # a stale holder file: removed
    assert herstel(kopie, db, wachtwoordzin=ZIN) is not None
    assert not (tmp_path / "jet.db.slot-aaaaaaaaaaaa.json").exists()


def test_a_restore_that_fails_on_a_full_disk_leaves_no_kept_copy_behind(tmp_path, monkeypatch):
    """Before: "Er is niets gewijzigd", but the kept copy of the (unchanged) store stayed in reservekopieen/ —
    on a full disk it was what filled it, so every further attempt failed too (seen on a real 3 MB tmpfs)."""
    import errno

    import pytest

    from jet_desktop.storage import backup

    db = tmp_path / "jet.db"
    Store.open(sqlite_url(db, ZIN)).engine.dispose()
    kopie = maak_backup(db, tmp_path / "kopie.db", ZIN)
    echte = backup._kopieer

    def vol(bron, doel, zin):
        if doel.name.endswith(".herstel"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return echte(bron, doel, zin)

    monkeypatch.setattr(backup, "_kopieer", vol)
    with pytest.raises(backup.SchijfVol):
        herstel(kopie, db, wachtwoordzin=ZIN)
    assert list((tmp_path / "reservekopieen").iterdir()) == [] and opent(db, ZIN)


def test_a_refused_rekey_or_encryption_removes_nothing(tmp_path):
    """Before: a re-key with a wrong current wachtwoordzin (or an encryption refused for its wachtwoordzin)
    removed the temporary files beside the store before it refused ("er is niets veranderd")."""
    import pytest

    from jet_desktop.storage.backup import BackupFout

    db = tmp_path / "jet.db"
    Store.open(sqlite_url(db, ZIN)).engine.dispose()
    maak_backup(db, tmp_path / "reservekopieen" / "jet-20261120.db", ZIN)
    (tmp_path / "jet.db.herstel").write_bytes(b"x" * 100)
    (tmp_path / "reservekopieen" / "jet-20261121.db.abcd1234.bezig").write_bytes(b"y" * 100)
    voor = _hashes(tmp_path)
    with pytest.raises(BackupFout):
        wijzig_wachtwoordzin(db, "een verkeerde wachtwoordzin", NIEUW)
    with pytest.raises(BackupFout):
        versleutel(db, "een verkeerde wachtwoordzin")
    assert _hashes(tmp_path) == voor
    wijzig_wachtwoordzin(db, ZIN, NIEUW)  # the right one cleans up
    assert not (tmp_path / "jet.db.herstel").exists()
    assert not list((tmp_path / "reservekopieen").glob("*.bezig"))
