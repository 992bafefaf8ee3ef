"""Offline home visits against a real team server (issue 13, docs/sync.md)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select, text

from jet_desktop.services import audit, correcties, dossiers, synchroniseren, zorg
from jet_desktop.storage.models import (
    Aanmelding,
    Contactmoment,
    Dossier,
    Jeugdige,
    Ondersteuningsplan,
    SyncConflict,
    SyncOutbox,
)
from sync.laptops import meenemen, op_server, open_laptop, raw, sync

A, CM, D, J = Aanmelding.__table__, Contactmoment.__table__, Dossier.__table__, Jeugdige.__table__
OP, C, O = Ondersteuningsplan.__table__, SyncConflict.__table__, SyncOutbox.__table__
VANDAAG = date(2026, 11, 25)


@pytest.fixture
def anouk(server, tmp_path):
    pad = meenemen(server, "anouk", tmp_path / "laptop.db")
    laptop = open_laptop(pad, "anouk")
    yield laptop
    laptop.engine.dispose()


def _ids(store, table):
    with store.engine.connect() as conn:
        return set(conn.execute(select(table.c.id)).scalars())


def test_meenemen_copies_only_the_own_and_second_person_dossiers(server, anouk):
    assert _ids(anouk, D) == {server.eigen, server.tweede}
    with anouk.engine.connect() as conn:
        namen = set(conn.execute(select(J.c.voornaam)).scalars())
    assert namen == {"Eva", "Tim"}  # not Olga (Bram's), not Wout (wachtlijst), not Hanna
    s = synchroniseren.status(anouk)
    assert (s.wachtend, s.geweigerd, s.conflicten) == (0, 0, 0)
    assert s.alles_verzonden and s.tekst() == "Alles verzonden (1 logregel volgen bij de volgende synchronisatie)"
    assert "Een-Lang" not in s.server and "anouk" not in s.server  # no login or password in the laptop store
    with server.admin() as c:  # each dossier taken along is an audit line on the server
        assert c.execute("SELECT count(*) FROM auditregel WHERE actie = 'export' AND omschrijving LIKE "
                         "'meegenomen naar laptop%'").fetchone()[0] == 2


def test_the_laptop_store_syncs_every_commit_to_disk(anouk, sqlite_store):
    with anouk.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL: a power cut cannot undo a save
    with sqlite_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # an office store: NORMAL


def test_a_write_with_plain_sql_is_captured_and_a_delete_refused(anouk):
    with anouk.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE gezin SET naam = 'Gezin Anders', version = version + 1")
    with anouk.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(O)).scalar_one() == 2
    with pytest.raises(Exception, match="niets verwijderd"), anouk.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM contactmoment")
    with pytest.raises(Exception, match="teamserver gewijzigd"), anouk.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE medewerker SET naam = 'x'")


def test_offline_work_reaches_the_server_and_the_status_says_so(server, anouk):
    cm = dossiers.voeg_contactmoment_toe(anouk, server.eigen, VANDAAG, "huisbezoek", 45,
                                         "Huisbezoek: moeder vertelt over de nachten.", VANDAAG)
    zorg.sla_plan_op(anouk, server.eigen, None, zorg.PlanInvoer(va_kind="Slaapt slecht.", doelen="Rust thuis."))
    s = synchroniseren.status(anouk)
    assert s.wachtend == 2 and not s.alles_verzonden and s.tekst().startswith("2 wachtend")
    verslag = sync(server, anouk, "anouk")
    assert (verslag.toegepast, verslag.conflicten, verslag.geweigerd) == (2, 0, 0)
    assert verslag.volledig
    assert server.rij(CM, cm, "notitie") == "Huisbezoek: moeder vertelt over de nachten."
    with server.system.engine.connect() as conn:
        assert conn.execute(select(OP.c.doelen).where(OP.c.dossier_id == server.eigen)).scalar_one() == "Rust thuis."
        # the server stamped who did it: the login
        assert conn.execute(select(CM.c.updated_by).where(CM.c.id == cm)).scalar_one() == "Anouk de Vries"
    assert synchroniseren.status(anouk).tekst() == "Alles verzonden"  # the sign-in line went along too
    # the offline audit lines reached the server with the device id, and both chains verify
    with server.admin() as c:
        assert c.execute("SELECT count(*) FROM auditregel WHERE omschrijving LIKE '%[offline, apparaat%'").fetchone()[0] >= 2
    assert audit.verifieer(raw(anouk)).ok
    assert audit.verifieer(server.system).ok


def test_same_field_on_both_sides_is_a_conflict_other_fields_merge(server, anouk):
    with anouk.engine.connect() as conn:
        cm, versie = conn.execute(select(CM.c.id, CM.c.version).where(CM.c.dossier_id == server.eigen)).one()
    tessa = op_server(server, "tessa")
    try:  # the teamleider corrects the note and the duration on the server meanwhile
        correcties.wijzig_contactmoment(tessa, cm, versie, correcties.ContactInvoer(
            VANDAAG, "huisbezoek", 60, "Notitie van de teamleider."), VANDAAG, "aangevuld")
    finally:
        tessa.engine.dispose()
    correcties.wijzig_contactmoment(anouk, cm, versie, correcties.ContactInvoer(
        VANDAAG, "telefonisch", 60, "Notitie van de laptop."), VANDAAG, "na huisbezoek")
    verslag = sync(server, anouk, "anouk")
    assert verslag.conflicten == 1
    assert server.rij(CM, cm, "notitie") == "Notitie van de teamleider."  # the server keeps its value
    assert server.rij(CM, cm, "type") == "telefonisch"  # a field only the laptop changed is merged
    with server.system.engine.connect() as conn:
        c = conn.execute(select(C).where(C.c.record_id == cm)).one()
    assert (c.veld, c.basis, c.server, c.laptop) == (
        "notitie", '"Gesprek met moeder."', '"Notitie van de teamleider."', '"Notitie van de laptop."')
    assert c.laptop_door == "Anouk de Vries" and c.server_door == "Tessa Leider"
    # the laptop holds the server's state and the conflict, and says so
    with anouk.engine.connect() as conn:
        assert conn.execute(select(CM.c.notitie).where(CM.c.id == cm)).scalar_one() == "Notitie van de teamleider."
    s = synchroniseren.status(anouk)
    assert s.conflicten == 1 and s.tekst() == "0 wachtend, 1 conflict"


def test_a_write_refused_after_a_reassignment_is_kept_as_geweigerd(server, anouk):
    dossiers.voeg_contactmoment_toe(anouk, server.eigen, VANDAAG, "huisbezoek", 30, "Na de overdracht.", VANDAAG)
    with server.admin() as c:  # the teamleider gave Eva's dossier to Bram meanwhile
        c.execute("UPDATE dossier SET consulent_id = %s WHERE id = %s", (server.ids["bram"], server.eigen))
    verslag = sync(server, anouk, "anouk")
    assert verslag.geweigerd == 1
    geweigerd = synchroniseren.geweigerde(anouk)
    assert len(geweigerd) == 1 and "caseload" in geweigerd[0].reden and "Na de overdracht." in geweigerd[0].velden
    assert _ids(anouk, D) == {server.tweede}  # the dossier left the laptop, its refused note did not
    s = synchroniseren.status(anouk)
    assert s.geweigerd == 1 and "1 geweigerd" in s.tekst()


def test_a_resent_batch_applies_nothing_twice(server, anouk, monkeypatch):
    """The server committed the batch, the reply never reached the laptop: the resend is answered from the
    server's record of operation ids, nothing is applied twice."""
    dossiers.voeg_contactmoment_toe(anouk, server.eigen, VANDAAG, "huisbezoek", 30, "Eenmaal.", VANDAAG)
    correcties.corrigeer_gezin(anouk, server.eigen, jet_versie(anouk, server.eigen), "Gezin Eenmaal", "spelling")

    def antwoord_kwijt(*_a, **_kw):
        raise ConnectionError("verbinding verbroken na de commit van de server")

    monkeypatch.setattr(synchroniseren, "_bevestig", antwoord_kwijt)
    with pytest.raises(ConnectionError):
        sync(server, anouk, "anouk")
    monkeypatch.undo()
    assert synchroniseren.status(anouk).wachtend >= 3  # not acknowledged: all still in the outbox
    with server.system.engine.connect() as conn:  # but applied on the server
        assert conn.execute(select(func.count()).select_from(CM).where(CM.c.notitie == "Eenmaal.")).scalar_one() == 1
    verslag = sync(server, anouk, "anouk")
    assert verslag.geweigerd == 0 and verslag.conflicten == 0
    with server.system.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(CM).where(CM.c.notitie == "Eenmaal.")).scalar_one() == 1
        assert conn.execute(text("SELECT count(*) FROM recordwijziging WHERE nieuw = 'Gezin Eenmaal'")).scalar_one() == 1
    assert synchroniseren.status(anouk).alles_verzonden


def jet_versie(store, dossier_id) -> int:
    from jet_desktop.storage.models import Gezin

    gezin = Gezin.__table__
    with store.engine.connect() as conn:
        return conn.execute(select(gezin.c.version).join(J, J.c.gezin_id == gezin.c.id).join(A, A.c.jeugdige_id == J.c.id)
                            .join(D, D.c.aanmelding_id == A.c.id).where(D.c.id == dossier_id)).scalar_one()


def test_a_new_aanmelding_gets_the_servers_number(server, anouk, jet):
    reg = jet.aanmelding(anouk, voornaam="Nina", achternaam="Nieuw")
    assert reg.dossiernummer.startswith("V-")
    verslag = sync(server, anouk, "anouk")
    echt = server.rij(A, reg.aanmelding_id, "dossiernummer")
    assert echt.startswith("2026-") and verslag.nummers == {reg.dossiernummer: echt}
    with anouk.engine.connect() as conn:  # the laptop shows the real number afterwards, and keeps the aanmelding
        assert conn.execute(select(A.c.dossiernummer).where(A.c.id == reg.aanmelding_id)).scalar_one() == echt
    with server.admin() as c:  # the offline audit line names the real number
        assert c.execute("SELECT count(*) FROM auditregel WHERE client = %s AND omschrijving LIKE '%%offline%%'",
                         (echt,)).fetchone()[0] == 1


def test_an_edit_of_a_record_removed_on_the_server_is_a_conflict(server, anouk):
    with anouk.engine.connect() as conn:
        cm, versie = conn.execute(select(CM.c.id, CM.c.version).where(CM.c.dossier_id == server.eigen)).one()
    with server.admin() as c:
        c.execute("UPDATE contactmoment SET deleted_at = now(), version = version + 1 WHERE id = %s", (cm,))
    correcties.wijzig_contactmoment(anouk, cm, versie, correcties.ContactInvoer(
        VANDAAG, "huisbezoek", 60, "Toch nog aangevuld."), VANDAAG, "aangevuld")
    verslag = sync(server, anouk, "anouk")
    assert verslag.conflicten == 1
    with server.system.engine.connect() as conn:
        assert conn.execute(select(CM.c.deleted_at).where(CM.c.id == cm)).scalar_one() is not None  # not resurrected
        rij = conn.execute(select(C.c.soort, C.c.laptop).where(C.c.record_id == cm)).all()
    assert ("verwijderd", '"Toch nog aangevuld."') in rij  # not dropped


def test_the_laptop_is_signed_in_only_by_its_own_medewerker(server, anouk):
    from jet_desktop.services.inloggen import InlogFout

    with pytest.raises(InlogFout, match="andere medewerker"):
        open_laptop(anouk.engine.url.database, "tessa")


def test_an_older_server_schema_refuses_and_keeps_the_outbox(server, anouk):
    dossiers.voeg_contactmoment_toe(anouk, server.eigen, VANDAAG, "huisbezoek", 30, "Wacht op de server.", VANDAAG)
    with server.admin() as c:
        c.execute("UPDATE alembic_version SET version_num = '0099_toekomst'")
    from jet_desktop.storage.store import TeamserverVersieFout

    with pytest.raises(TeamserverVersieFout, match="nieuwe versie van JET Desktop"):
        sync(server, anouk, "anouk")
    assert synchroniseren.status(anouk).wachtend == 1
    with server.admin() as c:
        c.execute("UPDATE alembic_version SET version_num = '0010_codelijsten'")
    with pytest.raises(TeamserverVersieFout, match="IT"):
        sync(server, anouk, "anouk")
    assert synchroniseren.status(anouk).wachtend == 1



def _conflict_maken(server, anouk, laptop_tekst: str):
    with anouk.engine.connect() as conn:
        cm, versie = conn.execute(select(CM.c.id, CM.c.version).where(CM.c.dossier_id == server.eigen)).one()
    tessa = op_server(server, "tessa")
    try:
        correcties.wijzig_contactmoment(tessa, cm, versie, correcties.ContactInvoer(
            VANDAAG, "huisbezoek", 60, "Server-tekst."), VANDAAG, "aangevuld")
    finally:
        tessa.engine.dispose()
    correcties.wijzig_contactmoment(anouk, cm, versie, correcties.ContactInvoer(
        VANDAAG, "huisbezoek", 60, laptop_tekst), VANDAAG, "na huisbezoek")
    assert sync(server, anouk, "anouk").conflicten == 1
    return cm


def test_a_conflict_resolved_on_the_laptop_offline_reaches_the_server(server, anouk):
    from jet_desktop.services import conflicten

    cm = _conflict_maken(server, anouk, "Laptop-tekst.")
    [c] = conflicten.open_conflicten(anouk)
    assert (c.veldnaam, c.server, c.laptop) == ("Notitie", '"Server-tekst."', '"Laptop-tekst."')
    conflicten.los_op(anouk, c.id, c.version, "laptop")  # offline: captured, sent at the next sync
    assert synchroniseren.status(anouk).conflicten == 0 and synchroniseren.status(anouk).wachtend == 2
    verslag = sync(server, anouk, "anouk")
    assert verslag.conflicten == 0 and verslag.geweigerd == 0
    assert server.rij(CM, cm, "notitie") == "Laptop-tekst."
    with server.system.engine.connect() as conn:
        r = conn.execute(select(C.c.oplossing, C.c.opgelost_door).where(C.c.record_id == cm)).one()
    assert tuple(r) == ("laptop", "Anouk de Vries")
    with server.admin() as c:
        assert c.execute("SELECT count(*) FROM auditregel WHERE omschrijving LIKE 'conflict opgelost%'").fetchone()[0] == 1


def test_a_conflict_resolved_by_the_teamleider_with_a_merged_text(server, anouk):
    from jet_desktop.services import conflicten

    cm = _conflict_maken(server, anouk, "Laptop-tekst.")
    bram = op_server(server, "bram")
    try:  # a colleague whose laptop it was not, and who does not see the dossier, sees nothing and may not
        assert conflicten.open_conflicten(bram) == []
    finally:
        bram.engine.dispose()
    tessa = op_server(server, "tessa")
    try:
        [c] = conflicten.open_conflicten(tessa)
        with pytest.raises(Exception, match="Samengevoegde tekst"):
            conflicten.los_op(tessa, c.id, c.version, "samengevoegd", "  ")
        conflicten.los_op(tessa, c.id, c.version, "samengevoegd", "Server-tekst. Laptop-tekst.")
        assert conflicten.open_conflicten(tessa) == []
    finally:
        tessa.engine.dispose()
    assert server.rij(CM, cm, "notitie") == "Server-tekst. Laptop-tekst."
    sync(server, anouk, "anouk")
    assert synchroniseren.status(anouk).conflicten == 0
    with anouk.engine.connect() as conn:
        assert conn.execute(select(CM.c.notitie).where(CM.c.id == cm)).scalar_one() == "Server-tekst. Laptop-tekst."
