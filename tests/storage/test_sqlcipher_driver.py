"""The SQLCipher driver (issue 11): `sqlcipher3` (SQLCipher 4.19, wheels for Linux, Windows and macOS)
replaces `sqlcipher3-binary` (SQLCipher 4.12, Linux x86_64 only). Stores written by the old driver open
unchanged: the fixture is a 50-jeugdigen demo store made by `jet-desktop demo` under sqlcipher3-binary
0.6.0 (with three audit lines from `wachtlijst --pdf`, `monitor` and `caseload`), and new stores keep
the same file format (SQLCipher 4 defaults, 16 KB pages)."""

import shutil
from importlib import metadata
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import func, select

from jet_desktop.domain.enums import AuditActie
from jet_desktop.paths import CIPHER_PAGE_SIZE, sqlite_url
from jet_desktop.services import audit
from jet_desktop.storage.backup import controleer, herstel, maak_backup
from jet_desktop.storage.bestand import WachtwoordzinFout, is_versleuteld, open_bestand
from jet_desktop.storage.models import Aanmelding, Auditregel, Jeugdige
from jet_desktop.storage.store import Store
from jet_desktop.storage.versleuteling import wijzig_wachtwoordzin

FIXTURE = Path(__file__).parent / "fixtures" / "sqlcipher3-binary-0.6.0-demo50.db"
OUDE_ZIN = "oude driver fixture 2026"  # the fixture's wachtwoordzin
NIEUWE_ZIN = "een nieuwe zin voor de oude set"

# the file format of every JET store: SQLCipher 4's defaults, except the page size (paths.CIPHER_PAGE_SIZE)
FORMAAT = {"kdf_iter": "256000", "cipher_page_size": str(CIPHER_PAGE_SIZE), "cipher_use_hmac": "1",
           "cipher_plaintext_header_size": "0", "cipher_hmac_algorithm": "HMAC_SHA512",
           "cipher_kdf_algorithm": "PBKDF2_HMAC_SHA512"}


@pytest.fixture
def oud(tmp_path) -> Path:
    db = tmp_path / "jet.db"
    shutil.copyfile(FIXTURE, db)
    return db


def tellingen(db: Path, zin: str) -> tuple[int, int, int]:
    store = Store.open(sqlite_url(db, zin), migrate=False)
    try:
        with store.engine.connect() as conn:
            return tuple(conn.execute(select(func.count()).select_from(t.__table__)).scalar_one()
                         for t in (Jeugdige, Aanmelding, Auditregel))
    finally:
        store.engine.dispose()


def test_the_installed_driver_is_sqlcipher3_with_sqlcipher_4_19_or_newer():
    """pyproject.toml names `sqlcipher3`; a venv still holding sqlcipher3-binary (scripts/bootstrap.sh removes
    it) would run the old build under the same module name."""
    assert tuple(int(x) for x in metadata.version("sqlcipher3").split(".")[:3]) >= (0, 6, 4)
    for ander in ("sqlcipher3-binary", "sqlcipher3-wheels"):
        with pytest.raises(metadata.PackageNotFoundError):
            metadata.version(ander)
    conn = sqlcipher3.connect(":memory:")
    versie = conn.execute("PRAGMA cipher_version").fetchone()[0]
    conn.close()
    assert tuple(int(x) for x in versie.split()[0].split(".")[:2]) >= (4, 19), versie


def test_a_store_of_the_old_driver_opens_reads_and_its_audit_chain_holds(oud):
    assert is_versleuteld(oud)
    store = Store.open(sqlite_url(oud, OUDE_ZIN))  # as the application opens it (migrates when behind)
    try:
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(Jeugdige.__table__)).scalar_one() == 50
            assert conn.execute(select(func.count()).select_from(Aanmelding.__table__)).scalar_one() == 56
        v = audit.verifieer(store)
        assert v.ok and v.aantal == 3, v.melding
        audit.log(store, AuditActie.OPENEN, "dossier", None, "2026-00001", "Dossier geopend (nieuwe driver)")
        v = audit.verifieer(store)
        assert v.ok and v.aantal == 4, v.melding
    finally:
        store.engine.dispose()
    with pytest.raises(WachtwoordzinFout):
        Store.open(sqlite_url(oud, "niet de goede zin"))


def test_a_store_of_the_old_driver_can_be_backed_up_restored_and_rekeyed(oud, tmp_path):
    n = tellingen(oud, OUDE_ZIN)
    kopie = maak_backup(oud, tmp_path / "kopie.db", OUDE_ZIN)
    assert is_versleuteld(kopie) and controleer(kopie, OUDE_ZIN)
    wijzig_wachtwoordzin(oud, OUDE_ZIN, NIEUWE_ZIN)
    with pytest.raises(WachtwoordzinFout):
        open_bestand(oud, OUDE_ZIN)
    assert tellingen(oud, NIEUWE_ZIN) == n
    bewaard = herstel(kopie, oud, wachtwoordzin=NIEUWE_ZIN, backup_wachtwoordzin=OUDE_ZIN)
    assert tellingen(oud, NIEUWE_ZIN) == n == tellingen(bewaard, NIEUWE_ZIN)


def _opent_met(db: Path, zin: str, **instellingen) -> bool:
    """Does `db` open with exactly these cipher settings (no defaults left to the driver)?"""
    conn = sqlcipher3.connect(str(db))
    try:
        conn.execute("PRAGMA cipher_log_level=NONE")
        conn.execute("PRAGMA key = '" + zin.replace("'", "''") + "'")
        for k, v in instellingen.items():
            conn.execute(f"PRAGMA {k} = {v}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def test_old_and_new_stores_have_the_same_file_format(oud, tmp_path):
    """The old store and one the new driver writes both open with SQLCipher 4's settings spelled out and
    16 KB pages, and neither with 4 KB pages (so the check can fail)."""
    nieuw = tmp_path / "nieuw.db"
    Store.open(sqlite_url(nieuw, OUDE_ZIN)).engine.dispose()
    for db in (oud, nieuw):
        assert _opent_met(db, OUDE_ZIN, **FORMAAT), db.name
        assert _opent_met(db, OUDE_ZIN, cipher_compatibility=4, cipher_page_size=CIPHER_PAGE_SIZE), db.name
        assert not _opent_met(db, OUDE_ZIN, **{**FORMAAT, "cipher_page_size": 4096}), db.name
    conn = open_bestand(nieuw, OUDE_ZIN)
    try:
        instellingen = dict(r[0].removeprefix("PRAGMA ").rstrip(";").split(" = ")
                            for r in conn.execute("PRAGMA cipher_settings").fetchall())
    finally:
        conn.close()
    assert {k: instellingen.get(k) for k in FORMAAT} == FORMAAT
