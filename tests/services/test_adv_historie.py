"""Adversarial probes of the corrections and their history (services/correcties.py): a BSN that belongs to
another child, a colleague's records through one's own dossier, a stale form after a reassignment, and no
value of a correction in an audit line or the log; on SQLite and PostgreSQL."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from jet_desktop.domain.enums import Rol
from jet_desktop.domain.errors import ValidationError
from jet_desktop.services import caseload, correcties, dossiers, medewerkers
from jet_desktop.services.aanmeldingen import OuderInvoer
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.storage.models import Auditregel, Dossier, Recordwijziging

R, RW, D = Auditregel.__table__, Recordwijziging.__table__, Dossier.__table__
GEOPEND = date(2026, 11, 10)
OLGA_BSN = "123456782"


@pytest.fixture
def t(any_store, jet, inloggen_als):
    s = any_store
    anouk, bram = jet.consulent(s, "Anouk de Vries"), jet.consulent(s, "Bram Jansen")
    tessa = medewerkers.voeg_toe(s, "Tessa Leider", Rol.TEAMLEIDER)

    class T:
        store = s
        anouk_id, bram_id = anouk, bram
        mijn = jet.dossier(s, anouk, geopend_op=GEOPEND, voornaam="Noor", achternaam="Bakker", bsn="111222333",
                           ouders=[OuderInvoer("Ria Bakker", "moeder", True, "0612345678")])
        ander = jet.dossier(s, bram, geopend_op=GEOPEND, voornaam="Olga", achternaam="Ander", bsn=OLGA_BSN)
        a = inloggen_als(s, anouk)
        b = inloggen_als(s, bram)
        tl = inloggen_als(s, tessa)
    return T


def regels(store, na=0):
    with store.engine.connect() as conn:
        return conn.execute(select(R).where(R.c.volgnummer > na).order_by(R.c.volgnummer)).all()


def laatste(store) -> int:
    r = regels(store)
    return r[-1].volgnummer if r else 0


def test_a_bsn_of_another_child_is_refused_and_the_probe_is_an_audited_read(t, jet):
    """The refusal says a child with that BSN is known (on a colleague's caseload, perhaps): that is a look
    at personal data, like the known-jeugdige check at registration, so it leaves an audit line (without
    the BSN); a consulent cannot test BSNs against the store unseen."""
    g = correcties.gegevens(t.a, t.mijn)
    olga = dossiers.detail(t.store, t.ander)
    voor = laatste(t.store)
    with pytest.raises(ValidationError) as e:
        correcties.corrigeer_jeugdige(t.a, t.mijn, g.jeugdige.version, replace(g.jeugdige.invoer, bsn=OLGA_BSN),
                                      jet.vandaag)
    assert "andere jeugdige" in str(e.value)
    nieuw = regels(t.store, voor)
    assert [(r.actie, r.objecttype, r.object_id, r.medewerker) for r in nieuw] == [
        ("openen", "jeugdige", str(olga.jeugdige_id), "Anouk de Vries")]
    assert nieuw[0].client == g.dossiernummer  # the dossier the correction was tried on
    assert all(OLGA_BSN not in r.omschrijving and "Olga" not in r.omschrijving for r in nieuw)
    # an unknown BSN: no other child seen, no line; the correction is saved with its own line
    voor = laatste(t.store)
    correcties.corrigeer_jeugdige(t.a, t.mijn, g.jeugdige.version, replace(g.jeugdige.invoer, bsn="100000009"),
                                  jet.vandaag)
    assert [r.actie for r in regels(t.store, voor)] == ["wijzigen"]


def test_a_colleagues_contactmoment_or_record_is_not_reachable(t, jet):
    cid = dossiers.voeg_contactmoment_toe(t.b, t.ander, date(2026, 11, 12), "kantoor", 30, "Geheim gesprek.",
                                          jet.vandaag)
    voor = laatste(t.store)
    with pytest.raises(GeenToegang):
        correcties.contactmoment(t.a, cid)
    with pytest.raises(GeenToegang):
        correcties.verwijder_contactmoment(t.a, cid, 1)
    assert {r.actie for r in regels(t.store, voor)} == {"geweigerd"}
    olga = dossiers.detail(t.store, t.ander)
    for rid in (cid, olga.jeugdige_id, olga.aanmelding_id):
        with pytest.raises(ValidationError):
            correcties.geschiedenis(t.a, t.mijn, rid)


def test_after_a_reassignment_the_old_consulent_can_neither_correct_nor_read_the_history(t, jet):
    g = correcties.gegevens(t.a, t.mijn)  # the form is open ...
    caseload.wijzig_consulent(t.tl, t.mijn, jet.version(t.store, D, t.mijn), t.bram_id, "herverdeling", jet.vandaag)
    voor = laatste(t.store)
    with pytest.raises(GeenToegang):  # ... and saved after the dossier moved to Bram
        correcties.corrigeer_jeugdige(t.a, t.mijn, g.jeugdige.version, replace(g.jeugdige.invoer, wijk="Zuid"),
                                      jet.vandaag)
    with pytest.raises(GeenToegang):
        correcties.dossiergeschiedenis(t.a, t.mijn)
    assert {r.actie for r in regels(t.store, voor)} == {"geweigerd"}
    with t.store.engine.connect() as conn:
        assert conn.execute(select(RW)).all() == []


def test_no_value_or_toelichting_of_a_correction_in_an_audit_line_or_the_log(t, jet, caplog):
    caplog.set_level(logging.DEBUG)
    g = correcties.gegevens(t.a, t.mijn)
    voor = laatste(t.store)
    correcties.corrigeer_jeugdige(t.a, t.mijn, g.jeugdige.version,
                                  replace(g.jeugdige.invoer, achternaam="Geheimnaam", bsn="100000009",
                                          adres="Schuiladres 1"), jet.vandaag, toelichting="Vlucht naar oma Wietske")
    lid = g.gezin.leden[0]
    correcties.corrigeer_gezinslid(t.a, t.mijn, lid.id, lid.version, replace(lid.invoer, telefoon="0698765432"),
                                   toelichting="Nieuw nummer van Ria")
    correcties.voeg_gezinslid_toe(t.a, t.mijn, correcties.GezinslidInvoer("Stiefvader Kees", "stiefouder"))
    correcties.dossiergeschiedenis(t.a, t.mijn)
    tekst = " ".join(f"{r.objecttype} {r.client} {r.omschrijving}" for r in regels(t.store, voor)) + caplog.text
    for geheim in ("Geheimnaam", "Bakker", "100000009", "111222333", "Schuiladres", "Wietske", "0698765432",
                   "0612345678", "Ria", "Kees"):
        assert geheim not in tekst, geheim


def test_a_toelichting_written_in_a_destroyed_dossier_does_not_outlive_it_in_the_shared_gezin(sqlite_store, jet):
    """Zwaantje's dossier is destroyed; her brother's stays, so the gezin and its gezinsleden stay, and with
    them the history rows of the corrections made through her dossier: their toelichting, free text written
    in her case, must not survive the destruction (it would show in her brother's Geschiedenis tab). The row
    itself stays (the gezinslid's old and new number are the living gezin's own history), blanked; a
    correction made through the brother's dossier keeps its toelichting."""
    from test_bewaring import VANAF, volledig_dossier, zet_tijd

    from jet_desktop.services import bewaring

    s = sqlite_store
    c1, c2 = jet.consulent(s, "Anouk"), jet.consulent(s, "Bram")
    zwaantje = volledig_dossier(s, jet, c1, c2, sluiten=False)
    g = correcties.gegevens(s, zwaantje)
    broer = jet.dossier(s, c1, voornaam="Broer", achternaam="Quispel", gezin_id=g.gezin.id)
    lid = g.gezin.leden[0]
    oud_nummer = lid.invoer.telefoon
    correcties.corrigeer_gezinslid(s, zwaantje, lid.id, lid.version, replace(lid.invoer, telefoon="0600000000"),
                                   toelichting="Zwaantje gaf het nieuwe nummer van haar moeder")
    lid = correcties.gegevens(s, broer).gezin.leden[0]
    correcties.corrigeer_gezinslid(s, broer, lid.id, lid.version, replace(lid.invoer, telefoon="0611111111"),
                                   toelichting="Broer belde")
    dossiers.sluit_af(s, zwaantje, jet.version(s, D, zwaantje), date(2026, 11, 25), "doelen_bereikt", "",
                      jet.vandaag)
    zet_tijd(s)
    bewaring.vernietig(s, [zwaantje], VANAF)
    with s.engine.connect() as conn:
        toelichtingen = conn.execute(select(RW.c.toelichting)).scalars().all()
        rijen = conn.execute(select(RW).where(RW.c.record_id == lid.id).order_by(RW.c.version)).all()
    assert not any("Zwaantje" in t for t in toelichtingen)
    assert [(r.dossier_id, r.oud, r.nieuw, r.toelichting) for r in rijen] == [
        (zwaantje, oud_nummer, "0600000000", ""),
        (broer, "0600000000", "0611111111", "Broer belde")]
