"""A store of an earlier release through this version's first start (storage/bijwerken.py, docs/installer.md).

fixtures/releases/jet-<versie>.db.gz is a store made by that release's own code (`demo --jeugdigen 50
--seed 7`, unencrypted so the file compresses; scripts/releasefixture.sh makes the next one). Each is opened
as it was and encrypted with the current code's sqlcipher_export (what a real laptop has), and must come
through with every row of every table it had, a checked reservekopie of exactly the old file beside it, and an
unbroken audit chain."""

import gzip
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from schijf import kleine_schijf, vul  # noqa: F401  (a fixture)

from jet_desktop import __version__
from jet_desktop.paths import sqlite_url
from jet_desktop.storage.backup import controleer, exporteer
from jet_desktop.storage.bestand import open_bestand
from jet_desktop.storage.bijwerken import RESERVEKOPIE_MAP, NietBijgewerkt, NieuwereGegevensset
from jet_desktop.storage.schema_version import HEAD_REVISION
from jet_desktop.storage.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "releases"
ROOT = Path(__file__).resolve().parents[2]
SLEUTEL = "Bijwerken-test-wachtwoordzin-2026"
RELEASES = sorted((p.name.removeprefix("jet-").removesuffix(".db.gz") for p in FIXTURES.glob("jet-*.db.gz")),
                  key=lambda v: tuple(int(d) for d in v.split(".")))


def _uitpakken(versie: str, doel: Path, wachtwoordzin: str | None) -> Path:
    plat = doel / "plat.db"
    with gzip.open(FIXTURES / f"jet-{versie}.db.gz") as bron, plat.open("wb") as uit:
        shutil.copyfileobj(bron, uit)
    if wachtwoordzin is None:
        return plat.rename(doel / "jet.db")
    exporteer(plat, None, doel / "jet.db", wachtwoordzin)
    plat.unlink()
    return doel / "jet.db"


def _inhoud(pad: Path, wachtwoordzin: str | None) -> dict[str, dict]:
    """Per table (not alembic_version): column names and every row as a column→value dict, by id."""
    conn = open_bestand(pad, wachtwoordzin, alleen_lezen=True)
    try:
        tabellen = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'alembic_version'")]
        inhoud = {}
        for t in tabellen:
            cur = conn.execute(f'SELECT * FROM "{t}"')
            kolommen = [d[0] for d in cur.description]
            rijen = [dict(zip(kolommen, r)) for r in cur]
            sleutel = "id" if "id" in kolommen else kolommen[0]
            inhoud[t] = {"kolommen": kolommen, "rijen": {repr(r[sleutel]): r for r in rijen}, "aantal": len(rijen)}
        return inhoud
    finally:
        conn.close()


def _revisie(pad: Path, wachtwoordzin: str | None) -> str:
    conn = open_bestand(pad, wachtwoordzin, alleen_lezen=True)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def test_there_is_a_fixture_of_the_previous_release():
    """The release before this version (CHANGELOG's second heading) has its store here: make it with
    scripts/releasefixture.sh at each release (docs/installer.md, "Een release maken")."""
    koppen = [r for r in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8").splitlines() if r.startswith("## ")]
    versies = [re.match(r"## (\d+\.\d+\.\d+)", k).group(1) for k in koppen if re.match(r"## \d+\.\d+\.\d+", k)]
    assert versies[0] == __version__
    vorige = versies[1]
    assert vorige in RELEASES, f"tests/storage/fixtures/releases/jet-{vorige}.db.gz ontbreekt (scripts/releasefixture.sh)"
    assert len(RELEASES) >= 4  # 0.7.0 .. 0.10.0 at least: never removed


@pytest.mark.parametrize("versleuteld", [True, False], ids=["versleuteld", "onversleuteld"])
@pytest.mark.parametrize("versie", RELEASES)
def test_a_store_of_an_earlier_release_comes_through_the_upgrade_with_nothing_lost(tmp_path, versie, versleuteld):
    from jet_desktop.reports import wachtlijstrapport
    from jet_desktop.services import audit

    sleutel = SLEUTEL if versleuteld else None
    db = _uitpakken(versie, tmp_path, sleutel)
    oude_revisie = _revisie(db, sleutel)
    voor = _inhoud(db, sleutel)
    assert voor["aanmelding"]["aantal"] > 40 and voor["auditregel"]["aantal"] >= 2  # its own reports' lines
    stappen = []

    store = Store.open(sqlite_url(db, sleutel), melden=stappen.append)
    try:
        if oude_revisie == HEAD_REVISION:  # this release's own schema: nothing to do, nothing copied
            assert store.bijgewerkt is None and stappen == []
            assert not (tmp_path / RESERVEKOPIE_MAP).exists()
        else:
            b = store.bijgewerkt
            assert (b.van, b.naar) == (oude_revisie, HEAD_REVISION)
            assert stappen == ["Reservekopie maken voor het bijwerken van de gegevensset…",
                               f"Gegevensset bijwerken voor JET Desktop {__version__}…"]
            # the copy: in reservekopieen/, named for the upgrade, checked, and exactly the old store's content
            assert b.reservekopie.parent == tmp_path / RESERVEKOPIE_MAP
            assert b.reservekopie.name.startswith(f"jet-voor-bijwerken-naar-{__version__}-")
            assert controleer(b.reservekopie, sleutel) == oude_revisie
            assert _inhoud(b.reservekopie, sleutel) == voor
            assert b.reservekopie.name in b.omschrijving and str(b.reservekopie) in b.melding
            assert f"Uw gegevensset is bijgewerkt van JET Desktop {versie} naar {__version__}." in b.melding

        # nothing lost: every table still there with every row, every old column with its old values
        na = _inhoud(db, sleutel)
        for tabel, oud in voor.items():
            assert tabel in na, f"{versie}: tabel {tabel} is verdwenen"
            assert na[tabel]["aantal"] == oud["aantal"], f"{versie}: {tabel} had {oud['aantal']} rijen"
            gebleven = [k for k in oud["kolommen"] if k in na[tabel]["kolommen"]]
            assert set(oud["kolommen"]) - set(gebleven) == set(), f"{versie}: kolommen van {tabel} verdwenen"
            for sleutelwaarde, rij in oud["rijen"].items():
                nieuw = na[tabel]["rijen"][sleutelwaarde]
                assert {k: nieuw[k] for k in gebleven} == rij, f"{versie}: {tabel} {sleutelwaarde} veranderd"
        assert _revisie(db, sleutel) == HEAD_REVISION

        # and it works: the audit chain holds across the releases, a report reads it
        verificatie = audit.verifieer(store)
        assert verificatie.ok, verificatie.melding
        assert verificatie.aantal >= voor["auditregel"]["aantal"]
        rapport = wachtlijstrapport.maak_pdf(store, str(tmp_path / "wachtlijst.pdf"), date(2026, 12, 3))
        assert rapport.totaal >= 1
    finally:
        store.engine.dispose()
    assert controleer(db, sleutel) == HEAD_REVISION


def test_a_second_start_neither_copies_nor_migrates_again(tmp_path):
    db = _uitpakken(RELEASES[0], tmp_path, SLEUTEL)
    Store.open(sqlite_url(db, SLEUTEL)).engine.dispose()
    kopieen = sorted((tmp_path / RESERVEKOPIE_MAP).iterdir())
    assert len(kopieen) == 1
    store = Store.open(sqlite_url(db, SLEUTEL))
    store.engine.dispose()
    assert store.bijgewerkt is None
    assert sorted((tmp_path / RESERVEKOPIE_MAP).iterdir()) == kopieen


def test_the_daily_rotation_never_removes_the_copy_taken_before_an_upgrade(tmp_path):
    from jet_desktop.storage.backup import dagelijkse_backup

    db = _uitpakken(RELEASES[0], tmp_path, SLEUTEL)
    store = Store.open(sqlite_url(db, SLEUTEL))
    store.engine.dispose()
    for dag in range(1, 6):
        dagelijkse_backup(db, tmp_path / RESERVEKOPIE_MAP, date(2026, 12, dag), bewaren=2, wachtwoordzin=SLEUTEL)
    namen = sorted(p.name for p in (tmp_path / RESERVEKOPIE_MAP).iterdir())
    assert store.bijgewerkt.reservekopie.name in namen
    assert len(namen) == 3  # the upgrade's copy and the newest two daily ones


def _van_de_toekomst(tmp_path: Path, wachtwoordzin: str | None) -> Path:
    """A store as a newer JET Desktop leaves it: a schema revision this version has never heard of."""
    db = _uitpakken(RELEASES[-1], tmp_path, wachtwoordzin)
    store = Store.open(sqlite_url(db, wachtwoordzin))
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099_uit_de_toekomst'")
    store.engine.dispose()  # closed as the application closes it: WAL mode, the -wal file checkpointed away
    assert not (tmp_path / "jet.db-wal").exists()
    return db


@pytest.mark.parametrize("versleuteld", [True, False], ids=["versleuteld", "onversleuteld"])
def test_a_store_of_a_newer_version_is_refused_in_dutch_and_left_byte_for_byte(tmp_path, versleuteld):
    sleutel = SLEUTEL if versleuteld else None
    db = _van_de_toekomst(tmp_path, sleutel)
    voor = db.read_bytes()
    bestanden = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(NieuwereGegevensset) as fout:
        Store.open(sqlite_url(db, sleutel))
    tekst = str(fout.value)
    assert "jet.db is gemaakt met een nieuwere versie van JET Desktop (schemaversie 0099_uit_de_toekomst)" in tekst
    assert __version__ in tekst and "Er is niets aan de gegevensset gewijzigd." in tekst
    assert db.read_bytes() == voor
    assert sorted(p.name for p in tmp_path.iterdir()) == bestanden  # no -wal, no reservekopieen, nothing


def test_the_command_line_refuses_a_newer_store_with_exit_code_1(tmp_path, capsys, monkeypatch):
    from jet_desktop import cli

    db = _van_de_toekomst(tmp_path, SLEUTEL)
    voor = db.read_bytes()
    monkeypatch.setenv("JET_PASSPHRASE", SLEUTEL)
    assert cli.main(["--db", str(db), "migrate"]) == 1
    fout = capsys.readouterr().err
    assert "nieuwere versie van JET Desktop" in fout and "Traceback" not in fout
    assert db.read_bytes() == voor


def test_the_command_line_says_it_upgraded_and_the_audit_log_records_it(tmp_path, capsys, monkeypatch):
    from jet_desktop import cli

    db = _uitpakken(RELEASES[0], tmp_path, SLEUTEL)
    monkeypatch.setenv("JET_PASSPHRASE", SLEUTEL)
    assert cli.main(["--db", str(db), "migrate"]) == 0
    uit = capsys.readouterr()
    assert "Schema is bijgewerkt." in uit.out
    assert "Uw gegevensset is bijgewerkt van JET Desktop 0.7.0 naar" in uit.err and "reservekopie" in uit.err
    store = Store.open(sqlite_url(db, SLEUTEL))
    try:
        with store.engine.connect() as conn:
            omschrijvingen = [r[0] for r in conn.exec_driver_sql(
                "SELECT omschrijving FROM auditregel WHERE actie = 'beheer' AND objecttype = 'gegevensset'")]
    finally:
        store.engine.dispose()
    assert any(o.startswith(f"gegevensset bijgewerkt naar JET Desktop {__version__}: schema ") for o in omschrijvingen)
    assert all(str(tmp_path) not in o for o in omschrijvingen)  # a file name, never the user's folders
    assert cli.main(["--db", str(db), "migrate"]) == 0
    assert "Het schema was al bijgewerkt." in capsys.readouterr().out


def test_the_sign_in_hears_each_step_and_writes_one_beheer_line(tmp_path):
    from jet_desktop.services.inloggen import open_sessie

    db = _uitpakken(RELEASES[-2], tmp_path, SLEUTEL)
    conn = open_bestand(db, SLEUTEL, alleen_lezen=True)
    gebruiker = conn.execute("SELECT gebruikersnaam FROM medewerker WHERE rol = 'teamleider' AND actief").fetchone()[0]
    conn.close()
    stappen = []
    sessie = open_sessie(gebruiker, SLEUTEL, pad=db, melden=stappen.append)
    try:
        assert sessie.bijgewerkt is not None and len(stappen) == 2
        with sessie.engine.connect() as c:
            laatste = c.exec_driver_sql("SELECT actie, objecttype, medewerker_id FROM auditregel "
                                        "ORDER BY volgnummer DESC LIMIT 2").fetchall()
    finally:
        sessie.engine.dispose()
    assert [(a, o) for a, o, _ in laatste] == [("beheer", "gegevensset"), ("aanmelden", "sessie")]
    assert laatste[0][2] == laatste[1][2]  # in the name of whoever signed in


def test_a_reservekopie_that_cannot_be_made_on_a_full_disk_stops_the_upgrade_and_changes_nothing(kleine_schijf):
    """The store keeps its old schema byte for byte, says why in Dutch, and opens once there is room again."""
    db = _uitpakken(RELEASES[0], kleine_schijf, SLEUTEL)
    voor = db.read_bytes()
    vuller = vul(kleine_schijf)
    with pytest.raises(NietBijgewerkt) as fout:
        Store.open(sqlite_url(db, SLEUTEL))
    tekst = str(fout.value)
    assert "maakt daarvoor eerst een reservekopie, maar die is niet gelukt" in tekst and "Er is niets gewijzigd" in tekst
    assert "schijf" in tekst and "Traceback" not in tekst
    assert db.read_bytes() == voor
    assert not any(p.suffix == ".bezig" for p in (kleine_schijf / RESERVEKOPIE_MAP).glob("*")) \
        if (kleine_schijf / RESERVEKOPIE_MAP).exists() else True
    vuller.unlink()
    store = Store.open(sqlite_url(db, SLEUTEL))
    store.engine.dispose()
    assert store.bijgewerkt is not None and controleer(store.bijgewerkt.reservekopie, SLEUTEL) == _revisie(
        store.bijgewerkt.reservekopie, SLEUTEL) != HEAD_REVISION


def test_a_schema_version_that_cannot_be_read_stops_the_start_instead_of_migrating_without_a_copy(tmp_path,
                                                                                                  monkeypatch):
    """An older store whose version cannot be read now (an I/O error, a lock) is never taken for an empty one."""
    from sqlcipher3.dbapi2 import OperationalError

    import jet_desktop.storage.bestand as bestand

    db = _uitpakken(RELEASES[0], tmp_path, SLEUTEL)
    voor = db.read_bytes()

    def kapot(*args, **kwargs):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(bestand, "open_bestand", kapot)
    with pytest.raises(NietBijgewerkt) as fout:
        Store.open(sqlite_url(db, SLEUTEL))
    assert "De schemaversie van jet.db kan nu niet worden gelezen" in str(fout.value)
    assert "er is niets gewijzigd" in str(fout.value)
    assert db.read_bytes() == voor
    assert not (tmp_path / RESERVEKOPIE_MAP).exists()
    monkeypatch.undo()
    store = Store.open(sqlite_url(db, SLEUTEL))  # once the file reads again, the upgrade takes its copy as always
    store.engine.dispose()
    assert store.bijgewerkt is not None and store.bijgewerkt.reservekopie.is_file()


_HALF_GESCHREVEN = r'''
import os, sys
from jet_desktop.storage.bestand import open_bestand
c = open_bestand(sys.argv[1], sys.argv[2] or None)
c.isolation_level = None
c.execute("PRAGMA journal_mode=DELETE")
c.execute("BEGIN")
c.execute("DELETE FROM contactmoment")
c.execute("PRAGMA cache_size=1")  # the changed pages go to the file: the -journal holds the old ones
c.execute("UPDATE gezinslid SET rowid=rowid")
os.kill(os.getpid(), 9)
'''


@pytest.mark.parametrize("versleuteld", [True, False], ids=["versleuteld", "onversleuteld"])
def test_a_store_an_older_release_left_half_written_is_rolled_back_then_upgraded_with_every_row(tmp_path, versleuteld):
    """An older release (rollback journal) killed while writing leaves jet.db-journal: the start rolls it
    back (a read-only look could not, and refused the store at every start) and loses nothing committed."""
    import subprocess
    import sys

    sleutel = SLEUTEL if versleuteld else None
    db = _uitpakken(RELEASES[1], tmp_path, sleutel)
    voor = _inhoud(db, sleutel)
    kind = subprocess.run([sys.executable, "-c", _HALF_GESCHREVEN, str(db), sleutel or ""], capture_output=True,
                          timeout=120)
    assert kind.returncode == -9 and (tmp_path / "jet.db-journal").stat().st_size > 0
    store = Store.open(sqlite_url(db, sleutel))
    store.engine.dispose()
    assert store.bijgewerkt is not None and _revisie(db, sleutel) == HEAD_REVISION
    na = _inhoud(db, sleutel)
    assert na["contactmoment"]["aantal"] == voor["contactmoment"]["aantal"] > 0  # the uncommitted delete undone
    assert _inhoud(store.bijgewerkt.reservekopie, sleutel)["contactmoment"]["aantal"] == voor["contactmoment"]["aantal"]


def test_a_store_in_use_during_the_upgrade_is_a_dutch_message_with_nothing_changed(tmp_path):
    import sqlite3

    db = _uitpakken(RELEASES[1], tmp_path, None)
    voor = _inhoud(db, None)
    bezet = sqlite3.connect(db, isolation_level=None)
    bezet.execute("BEGIN IMMEDIATE")  # another program writing
    try:
        with pytest.raises(NietBijgewerkt) as fout:
            Store.open(sqlite_url(db, None))
        assert "is op dit moment in gebruik" in str(fout.value) and "Er is niets gewijzigd" in str(fout.value)
    finally:
        bezet.execute("ROLLBACK")
        bezet.close()
    assert _inhoud(db, None) == voor and _revisie(db, None) != HEAD_REVISION
    store = Store.open(sqlite_url(db, None))  # free again: the next start upgrades
    store.engine.dispose()
    assert _revisie(db, None) == HEAD_REVISION


def test_a_read_only_store_is_refused_before_a_copy_is_made(tmp_path, monkeypatch):
    import os

    import jet_desktop.storage.bijwerken as bijwerken

    db = _uitpakken(RELEASES[1], tmp_path, None)
    voor = db.read_bytes()
    os.chmod(db, 0o444)
    if os.access(db, os.W_OK):  # root may write a read-only file: ask as a user would be answered
        echt = os.access
        monkeypatch.setattr(bijwerken.os, "access", lambda p, m: False if Path(p) == db else echt(p, m))
    try:
        with pytest.raises(NietBijgewerkt) as fout:
            Store.open(sqlite_url(db, None))
        assert f"het bestand {db} is alleen-lezen" in str(fout.value)
    finally:
        os.chmod(db, 0o644)
    assert db.read_bytes() == voor and not (tmp_path / RESERVEKOPIE_MAP).exists()


def test_two_starts_in_one_second_keep_a_copy_each_and_old_half_copies_are_cleared(tmp_path):
    import os
    from datetime import datetime

    from jet_desktop.storage.bijwerken import reservekopie_pad

    db = tmp_path / "jet.db"
    nu = datetime(2026, 12, 4, 9, 30, 0)
    eerste = reservekopie_pad(db, nu)
    eerste.parent.mkdir()
    eerste.write_bytes(b"kopie 1")
    tweede = reservekopie_pad(db, nu)
    assert tweede != eerste and tweede.name.endswith("-093000-2.db") and "-voor-bijwerken-naar-" in tweede.name

    oud, vers = eerste.parent / "x.db.aaaa.bezig", eerste.parent / "y.db.bbbb.bezig"
    oud.write_bytes(b"half")
    vers.write_bytes(b"half")
    os.utime(oud, (0, 0))
    eerste.unlink()
    kopie = _uitpakken(RELEASES[0], tmp_path, None)
    Store.open(sqlite_url(kopie, None)).engine.dispose()
    assert not oud.exists() and vers.exists()  # a copy being made now is left alone


def test_a_store_with_tables_but_no_schema_version_is_refused_not_migrated_as_new(tmp_path):
    import sqlite3

    db = _uitpakken(RELEASES[0], tmp_path, None)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM alembic_version")  # damaged (or another program's file with JET-like tables)
    conn.close()
    voor = db.read_bytes()
    with pytest.raises(NietBijgewerkt) as fout:
        Store.open(sqlite_url(db, None))
    assert "heeft tabellen maar geen schemaversie" in str(fout.value) and "Er is niets gewijzigd" in str(fout.value)
    assert db.read_bytes() == voor and not (tmp_path / RESERVEKOPIE_MAP).exists()
