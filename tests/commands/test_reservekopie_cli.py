"""`backup`, `restore`, `versleutel`, `wachtwoordzin` on the command line (issue 9): each writes exactly one
audit line; a backup prints the anchor hash of the audit chain; failures a user can cause (the store
itself as source or target, an unwritable target, a full disk) are Dutch messages, exit 1, no traceback,
and nothing is half-done."""

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from schijf import kleine_schijf, vul  # noqa: F401  (a fixture)
from sqlalchemy import text

from jet_desktop.paths import sqlite_url
from jet_desktop.storage.bestand import WachtwoordzinFout, is_versleuteld
from jet_desktop.storage.store import Store

ROOT = Path(__file__).resolve().parents[2]
ZIN, NIEUW = "correct paard batterij niet", "een heel andere zin nu"


def cli(*args, **env):
    return subprocess.run([sys.executable, "-m", "jet_desktop", *args], cwd=ROOT, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=300,
                          env={**{k: v for k, v in os.environ.items() if not k.startswith("JET_") or k == "JET_DATA_DIR"},
                               "PYTHONPATH": str(ROOT), **env})


def regels(db, zin) -> list[tuple]:
    store = Store.open(sqlite_url(db, zin), migrate=False)
    try:
        with store.engine.connect() as conn:
            return conn.execute(text("SELECT volgnummer, actie, objecttype, medewerker, namens, omschrijving "
                                     "FROM auditregel ORDER BY volgnummer")).all()
    finally:
        store.engine.dispose()


def kop(db, zin) -> tuple[int, str]:
    store = Store.open(sqlite_url(db, zin), migrate=False)
    try:
        with store.engine.connect() as conn:
            return tuple(conn.execute(text("SELECT volgnummer, hash FROM auditketen WHERE id = 1")).one())
    finally:
        store.engine.dispose()


def nieuwe_store(db, zin, jet, n=3):
    store = Store.open(sqlite_url(db, zin))
    for _ in range(n):
        jet.aanmelding(store)
    store.engine.dispose()


def aanmeldingen(db, zin) -> int:
    store = Store.open(sqlite_url(db, zin), migrate=False)
    try:
        with store.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM aanmelding")).scalar_one()
    finally:
        store.engine.dispose()


def test_each_headless_command_writes_exactly_one_audit_line(tmp_path, jet):
    db, kopie = tmp_path / "jet.db", tmp_path / "kopie.db"
    nieuwe_store(db, None, jet)

    voor = len(regels(db, None))
    r = cli("backup", "--db", str(db), "--out", str(kopie))
    assert r.returncode == 0, r.stderr
    na = regels(db, None)
    assert len(na) == voor + 1
    n, h = kop(kopie, None)  # the anchor: the chain head as it is in the copy
    assert f"Ankerhash van het auditlog: {h} (regel {n})" in r.stdout
    assert na[-1][1:3] == ("beheer", "gegevensset") and na[-1][4] == "opdrachtregel"
    assert na[-1][5] == f"reservekopie gemaakt: kopie.db; ankerhash auditlog regel {n}: {h}"

    r = cli("restore", "--db", str(db), "--from", str(kopie))
    assert r.returncode == 0, r.stderr
    na = regels(db, None)
    assert len(na) == n + 1 and na[-1][1] == "beheer" and "reservekopie kopie.db teruggezet" in na[-1][5]

    voor = len(na)
    r = cli("versleutel", "--db", str(db), JET_NIEUWE_PASSPHRASE=ZIN)
    assert r.returncode == 0, r.stderr
    na = regels(db, ZIN)
    assert len(na) == voor + 1 and na[-1][1] == "beheer" and na[-1][5].startswith("gegevensset versleuteld")

    r = cli("wachtwoordzin", "--db", str(db), JET_PASSPHRASE=ZIN, JET_NIEUWE_PASSPHRASE=NIEUW)
    assert r.returncode == 0, r.stderr
    na2 = regels(db, NIEUW)
    assert len(na2) == len(na) + 1 and na2[-1][1] == "beheer" and na2[-1][5].startswith("wachtwoordzin gewijzigd")


@pytest.mark.parametrize("geval", ["restore_zichzelf", "backup_zichzelf", "backup_map", "backup_onder_bestand",
                                   "backup_onschrijfbaar"])
def test_a_wrong_source_or_target_is_a_dutch_message(tmp_path, jet, geval):
    db = tmp_path / "jet.db"
    nieuwe_store(db, None, jet)
    (tmp_path / "bestand.txt").write_text("x")
    args = {
        "restore_zichzelf": ("restore", "--db", str(db), "--from", str(db)),
        "backup_zichzelf": ("backup", "--db", str(db), "--out", str(db)),
        "backup_map": ("backup", "--db", str(db), "--out", str(tmp_path)),
        "backup_onder_bestand": ("backup", "--db", str(db), "--out", str(tmp_path / "bestand.txt" / "k.db")),
        "backup_onschrijfbaar": ("backup", "--db", str(db), "--out", "/proc/jet-kan-hier-niet/k.db"),
    }[geval]
    voor = db.read_bytes()
    r = cli(*args)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    verwacht = {"restore_zichzelf": "is de gegevensset zelf", "backup_zichzelf": "is de gegevensset zelf",
                "backup_map": "is een map"}.get(geval, "kan niet worden gelezen of geschreven")
    assert verwacht in r.stderr
    assert db.read_bytes() == voor and aanmeldingen(db, None) == 3


# --- a full disk -------------------------------------------------------------------------------------
@pytest.mark.parametrize("vrij", [0, 150_000])
def test_a_full_disk_says_so_and_changes_nothing(tmp_path, jet, kleine_schijf, vrij):
    db, plat = kleine_schijf / "jet.db", kleine_schijf / "plat.db"
    nieuwe_store(db, ZIN, jet)
    nieuwe_store(plat, None, jet)
    kopie = tmp_path / "kopie.db"  # on another disk
    assert cli("backup", "--db", str(db), "--out", str(kopie), JET_PASSPHRASE=ZIN).returncode == 0
    vul(kleine_schijf, vrij)
    voor = {p.name for p in kleine_schijf.rglob("*")}
    pogingen = {
        "backup": cli("backup", "--db", str(db), "--out", str(kleine_schijf / "reservekopieen" / "k.db"),
                      JET_PASSPHRASE=ZIN),
        "restore": cli("restore", "--db", str(db), "--from", str(kopie), JET_PASSPHRASE=ZIN),
        "wachtwoordzin": cli("wachtwoordzin", "--db", str(db), JET_PASSPHRASE=ZIN, JET_NIEUWE_PASSPHRASE=NIEUW),
        "versleutel": cli("versleutel", "--db", str(plat), JET_NIEUWE_PASSPHRASE=ZIN),
    }
    for naam, r in pogingen.items():
        assert r.returncode == 1, (naam, r.stdout, r.stderr)
        assert "De schijf is vol" in r.stderr and "Traceback" not in r.stderr, (naam, r.stderr)
        assert "onjuist" not in r.stderr, (naam, r.stderr)
    os.unlink(kleine_schijf / "vuller")
    # nothing half-done: no temporary files, the stores open with their old keys and hold their rows
    na = {p.name for p in kleine_schijf.rglob("*")} - {"vuller"}
    assert not [n for n in na if n.endswith((".bezig", ".versleutelen", ".herstel", ".sleutelwissel"))], na
    assert not [n for n in na - voor if "vervangen" in n or "voor-versleuteling" in n], na - voor
    assert aanmeldingen(db, ZIN) == 3 and is_versleuteld(plat) is False and aanmeldingen(plat, None) == 3
    with pytest.raises(WachtwoordzinFout):
        aanmeldingen(db, NIEUW)


def test_a_full_disk_halfway_through_rekeying_puts_the_reservekopieen_back(tmp_path, jet, monkeypatch):
    """ENOSPC after two reservekopieën were re-keyed, at the store: those two go back to the old one."""
    from datetime import date, timedelta

    from jet_desktop.storage import versleuteling
    from jet_desktop.storage.backup import SchijfVol, dagelijkse_backup, schijffouten
    from jet_desktop.storage.bestand import open_bestand

    db = tmp_path / "jet.db"
    nieuwe_store(db, ZIN, jet)
    kopieen = [dagelijkse_backup(db, tmp_path / "reservekopieen", date(2026, 11, 25) - timedelta(days=i), 14, ZIN)
               for i in range(2)]
    echte = versleuteling.exporteer

    def vol_bij_de_store(bron, oud, doel, nieuw):
        if Path(bron) == db:
            with schijffouten(doel):  # as exporteer meets it (sqlcipher_export writing the new file)
                raise OSError(errno.ENOSPC, "No space left on device")
        return echte(bron, oud, doel, nieuw)

    monkeypatch.setattr(versleuteling, "exporteer", vol_bij_de_store)
    with pytest.raises(SchijfVol, match="De schijf is vol"):
        versleuteling.wijzig_wachtwoordzin(db, ZIN, NIEUW)
    assert not versleuteling.marker_pad(db).exists()
    for f in (db, *kopieen):
        open_bestand(f, ZIN, alleen_lezen=True).close()  # all under the old one again


def test_a_device_or_pipe_as_target_is_refused_not_replaced(tmp_path):
    """`backup --out /dev/null` as root renamed the copy over /dev/null (a regular file for everyone since);
    a FIFO stands in for the device here: refused with a Dutch message, still a FIFO afterwards."""
    import stat

    db = tmp_path / "jet.db"
    Store.open(sqlite_url(db, ZIN)).engine.dispose()
    pijp = tmp_path / "pijp"
    os.mkfifo(pijp)
    r = cli("backup", "--db", str(db), "--out", str(pijp), JET_PASSPHRASE=ZIN)
    assert r.returncode in (1, 2) and "geen gewoon bestand" in r.stderr and "Traceback" not in r.stderr
    r = cli("restore", "--db", str(pijp), "--from", str(db), JET_PASSPHRASE=ZIN)
    assert r.returncode in (1, 2) and "Traceback" not in r.stderr
    assert stat.S_ISFIFO(os.stat(pijp).st_mode)
