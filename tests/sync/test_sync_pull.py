"""The pull writes only what differs (docs/sync.md, Pull): nothing for a part that did not change, and every
change of the server, however it was made: also one that left the row at the version the laptop holds, or
changed it without a new version at all."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from jet_desktop.services import correcties, dossiers, synchroniseren, syncsubset
from jet_desktop.storage.models import Contactmoment, Dossier, Recordwijziging, SyncOutbox
from sync.laptops import meenemen, op_server, open_laptop, sync

CM, D, RW, O = Contactmoment.__table__, Dossier.__table__, Recordwijziging.__table__, SyncOutbox.__table__
VANDAAG = date(2026, 11, 25)
SCHAKELAAR = 2  # the pull's own rows: the capture switched off and on again (sync_laptop)


@pytest.fixture
def anouk(server, tmp_path):
    laptop = open_laptop(meenemen(server, "anouk", tmp_path / "laptop.db"), "anouk")
    yield laptop
    laptop.engine.dispose()


@pytest.fixture
def geschreven(monkeypatch):
    """Rows each pull's write changed on the laptop (SQLite's total_changes() around syncsubset.schrijf)."""
    tellingen: list[int] = []
    echt = syncsubset.schrijf

    def schrijf(conn, subset, behoud):
        voor = conn.exec_driver_sql("SELECT total_changes()").scalar()
        echt(conn, subset, behoud)
        tellingen.append(conn.exec_driver_sql("SELECT total_changes()").scalar() - voor - SCHAKELAAR)
    monkeypatch.setattr(syncsubset, "schrijf", schrijf)
    return tellingen


def _cm(store, kolom="notitie"):
    with store.engine.connect() as conn:
        return conn.execute(select(CM.c.id, CM.c.version, CM.c[kolom])).one()


def test_a_pull_of_an_unchanged_part_writes_no_row(server, anouk, geschreven):
    sync(server, anouk, "anouk")
    sync(server, anouk, "anouk")
    assert geschreven == [0, 0]


def _historie(store) -> int:
    with store.engine.connect() as conn:
        return len(conn.execute(select(RW.c.id)).all())


def test_a_colleagues_edit_arrives_and_only_it_is_written(server, anouk, geschreven):
    cm, versie, _ = _cm(anouk)
    historie = _historie(anouk)
    tessa = op_server(server, "tessa")
    try:
        correcties.wijzig_contactmoment(tessa, cm, versie, correcties.ContactInvoer(
            VANDAAG, "huisbezoek", 60, "Aangevuld door de teamleider."), VANDAAG, "aanvulling")
    finally:
        tessa.engine.dispose()
    sync(server, anouk, "anouk")
    assert _cm(anouk)[1:] == (versie + 1, "Aangevuld door de teamleider.")
    nieuw = _historie(anouk) - historie
    assert nieuw >= 1 and geschreven == [1 + nieuw]  # the contactmoment and its new history rows


def test_a_conflict_at_an_equal_version_still_brings_the_servers_value(server, anouk, geschreven):
    """Both change only the note from the same base: the laptop numbers its own edit base + 1, the version
    the teamleider's edit gave the server's row, with another note. The version alone would keep the
    laptop's note."""
    cm, versie, _ = _cm(anouk)
    tessa = op_server(server, "tessa")
    try:
        correcties.wijzig_contactmoment(tessa, cm, versie, correcties.ContactInvoer(
            VANDAAG, "huisbezoek", 60, "Notitie van de teamleider."), VANDAAG, "aangevuld")
    finally:
        tessa.engine.dispose()
    correcties.wijzig_contactmoment(anouk, cm, versie, correcties.ContactInvoer(
        VANDAAG, "huisbezoek", 60, "Notitie van de laptop."), VANDAAG, "na huisbezoek")
    assert _cm(anouk)[1] == versie + 1 == server.rij(CM, cm, "version")
    assert sync(server, anouk, "anouk").conflicten == 1
    assert _cm(anouk)[1:] == (server.rij(CM, cm, "version"), "Notitie van de teamleider.")
    assert geschreven[0] >= 1


def test_a_change_without_a_new_version_arrives(server, anouk, geschreven):
    """IT's SQL, and the destruction of a dossier's data (services/bewaring.py blanks a history row's
    toelichting: recordwijziging has no version of its own), change rows without a new version."""
    cm, versie, _ = _cm(anouk)
    tessa = op_server(server, "tessa")
    try:
        correcties.wijzig_contactmoment(tessa, cm, versie, correcties.ContactInvoer(
            VANDAAG, "huisbezoek", 60, "Met toelichting."), VANDAAG, "de reden van de correctie")
    finally:
        tessa.engine.dispose()
    sync(server, anouk, "anouk")
    with anouk.engine.connect() as conn:
        assert set(conn.execute(select(RW.c.toelichting)).scalars()) == {"de reden van de correctie"}
    with server.admin() as c:
        c.execute("UPDATE contactmoment SET notitie = 'Hersteld door IT.' WHERE id = %s", (cm,))
        c.execute("UPDATE recordwijziging SET toelichting = ''")
    sync(server, anouk, "anouk")
    assert _cm(anouk)[1:] == (versie + 1, "Hersteld door IT.")
    with anouk.engine.connect() as conn:
        assert set(conn.execute(select(RW.c.toelichting)).scalars()) == {""}
    assert geschreven[-1] >= 2


def test_a_reassigned_dossier_leaves_and_a_waiting_change_stays(server, anouk, monkeypatch):
    """The pull removes what the server no longer gives, except a record with a change still in the outbox
    (made while the sync ran): that one is left as it is and goes first at the next sync."""
    cm, versie, _ = _cm(anouk)
    echt = synchroniseren._lees_subset

    def lees_terwijl_de_laptop_schrijft(srv, apparaat_id):
        # after the push, before the read: a note changed on the laptop, and the server's copy by Tessa
        correcties.wijzig_contactmoment(anouk, cm, versie, correcties.ContactInvoer(
            VANDAAG, "huisbezoek", 60, "Tijdens de sync op de laptop."), VANDAAG, "na huisbezoek")
        with server.admin() as c:
            c.execute("UPDATE contactmoment SET notitie = 'Op de server.', version = version + 1 WHERE id = %s", (cm,))
            c.execute("UPDATE dossier SET tweede_consulent_id = NULL WHERE id = %s", (server.tweede,))
        return echt(srv, apparaat_id)
    monkeypatch.setattr(synchroniseren, "_lees_subset", lees_terwijl_de_laptop_schrijft)
    dossiers.voeg_contactmoment_toe(anouk, server.eigen, VANDAAG, "huisbezoek", 30, "Eerst verzonden.", VANDAAG)
    sync(server, anouk, "anouk")
    with anouk.engine.connect() as conn:
        assert set(conn.execute(select(D.c.id)).scalars()) == {server.eigen}  # Tim's dossier left
        assert conn.execute(select(CM.c.notitie).where(CM.c.id == cm)).scalar_one() == "Tijdens de sync op de laptop."
        assert cm.hex in {r.record_id for r in conn.execute(select(O))}  # and still waits
