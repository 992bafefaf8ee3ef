"""Retention (jet_desktop/services/bewaring.py): the list of dossiers past the term, and destruction
that removes the personal data, keeps the anonymous figures, and writes one audit line per dossier."""

from __future__ import annotations

import io
import json
from dataclasses import asdict, fields
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import func, select, update

from jet_desktop.domain.enums import Rol
from jet_desktop.domain.errors import ValidationError
from jet_desktop.services import bewaring, caseload, dossiers, wachtlijst, zorg
from jet_desktop.services.aanmeldingen import OuderInvoer
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.storage.models import (
    Aanmelding,
    Auditregel,
    ConsulentWijziging,
    Contactmoment,
    Dossier,
    Gezin,
    Gezinslid,
    Jeugdige,
    Klikgesprek,
    Ondersteuningsplan,
    Toewijzing,
    Triagebesluit,
)

D, A, J, T = Dossier.__table__, Aanmelding.__table__, Jeugdige.__table__, Triagebesluit.__table__
C, TW, OP = Contactmoment.__table__, Toewijzing.__table__, Ondersteuningsplan.__table__
K, CW, G, GL = Klikgesprek.__table__, ConsulentWijziging.__table__, Gezin.__table__, Gezinslid.__table__
R = Auditregel.__table__
TABELLEN = (D, A, J, T, C, TW, OP, K, CW, G, GL)

AFGESLOTEN = date(2026, 11, 25)
T0 = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)
VANAF = date(2046, 11, 25)  # 20 years after AFGESLOTEN / T0
LANG_VERHAAL = "Geheimzinnig verslag over Zwaantje. " * 150  # > one page: lives in overflow pages

# every piece of personal data the full dossier holds; none may survive destruction
GEHEIMEN = ("Zwaantje", "Quispel", "111222333", "Kerkstraat 7", "8911 QX", "Wommels", "Oud-Oost", "Oosterhof",
            "Tante Riemke", "Pietje", "0612345678", "Geheimzinnig", "Klikte met", "Wissel om", "Vertrekt naar",
            "Signaal van", "Kind vertelt", "Vader werkt", "Leerkracht zegt", "Buurvrouw helpt", "Schulden bij",
            "Doel voor", "Maatwerk voor", "Hulpvraag over")


def volledig_dossier(store, jet, consulent, collega, voornaam="Zwaantje", achternaam="Quispel", bsn="111222333",
                     sluiten=True, **kw):
    """A dossier with a row in every table, personal data in every free text, closed on AFGESLOTEN."""
    values = dict(tussenvoegsel="van", bsn=bsn, adres="Kerkstraat 7", postcode="8911 QX", woonplaats="Wommels",
                  wijk="Oud-Oost", school="De Wieken", verwijzer_organisatie="Huisartsenpraktijk Noord",
                  verwijzer_contactpersoon="Dr. Oosterhof", hulpvraag=f"Hulpvraag over {voornaam} thuis.",
                  hulpvraag_categorieen=["opvoeding"], veiligheidssignalen=f"Signaal van school over {voornaam}.",
                  steunfiguur_naam="Tante Riemke", steunfiguur_relatie="tante van moeder",
                  ouders=[OuderInvoer("Pietje Quispel", "moeder", True, "0612345678")])
    values.update(kw)
    reg = jet.aanmelding(store, voornaam=voornaam, achternaam=achternaam, **values)
    jet.besluit(store, reg.aanmelding_id, motivering=f"{voornaam} heeft kortdurende steun nodig.")
    did = wachtlijst.toewijzen(store, reg.aanmelding_id, consulent, jet.vandaag, jet.vandaag)
    dossiers.voeg_contactmoment_toe(store, did, jet.vandaag, "huisbezoek", 60, LANG_VERHAAL, jet.vandaag)
    zorg.sla_plan_op(store, did, None, zorg.PlanInvoer(
        va_kind=f"Kind vertelt over {voornaam}.", va_ouders="Vader werkt in ploegen.", va_school="Leerkracht zegt.",
        va_netwerk="Buurvrouw helpt.", va_bestaanszekerheid="Schulden bij de woningcorporatie.",
        doelen=f"Doel voor {voornaam}: naar school.", vastgesteld_op=jet.vandaag, evaluatiedatum=date(2027, 2, 1)))
    with store.engine.begin() as conn:
        conn.execute(TW.insert().values(store.new_row(
            dossier_id=did, productcategorie="45", product="Ambulante begeleiding", intensiteit="middel",
            aanbieder="wadden", startdatum=jet.vandaag, einddatum=None, geschatte_kosten=4000, contractvorm="dvo",
            dvo_motivering=f"Maatwerk voor {voornaam}: geen profiel past.", deleted_at=None)))
    caseload.registreer_klikgesprek(store, did, jet.version(store, D, did), "klik", jet.vandaag,
                                    f"Klikte met {voornaam} meteen.")
    caseload.wijzig_consulent(store, did, jet.version(store, D, did), collega, "anders", jet.vandaag,
                              toelichting=f"Wissel om {voornaam} te ontlasten.")
    if sluiten:
        dossiers.sluit_af(store, did, jet.version(store, D, did), AFGESLOTEN, "anders",
                          f"Vertrekt naar oma van {voornaam}.", jet.vandaag)
    return did


def zet_tijd(store, ts=T0):
    """Every row 'last changed' at ts, so the dates do not depend on the day the test runs."""
    with store.engine.begin() as conn:
        for t in TABELLEN:
            conn.execute(update(t).values(updated_at=ts))


@pytest.fixture
def team(any_store, jet):
    return any_store, jet.consulent(any_store, "Anouk de Vries"), jet.consulent(any_store, "Bram Jansen")


def rij(store, table, where):
    with store.engine.connect() as conn:
        return conn.execute(select(table).where(where)).one()


def rijen(store, table, where):
    with store.engine.connect() as conn:
        return conn.execute(select(table).where(where)).all()


def audit_regels(store):
    with store.engine.connect() as conn:
        return conn.execute(select(R).order_by(R.c.volgnummer)).all()


# -- the list ---------------------------------------------------------------------------------------


def test_list_holds_closed_dossiers_past_the_term_without_names(team, jet):
    store, c1, c2 = team
    gesloten = volledig_dossier(store, jet, c1, c2)
    volledig_dossier(store, jet, c1, c2, voornaam="Open", achternaam="Dossier", bsn="", sluiten=False)
    zet_tijd(store)
    assert bewaring.te_vernietigen(store, date(2046, 11, 24)) == []
    lijst = bewaring.te_vernietigen(store, VANAF)
    assert [x.dossier_id for x in lijst] == [gesloten]
    x = lijst[0]
    assert (x.dossiernummer, x.afgesloten_op, x.laatste_wijziging, x.vernietigbaar_vanaf) == (
        rij(store, A, A.c.id == rij(store, D, D.c.id == gesloten).aanmelding_id).dossiernummer,
        AFGESLOTEN, AFGESLOTEN, VANAF)
    assert x.blijft_bij == () and x.opmerking == ""
    assert "Zwaantje" not in repr(x) and "Quispel" not in repr(x)
    assert {f.name for f in fields(x)} == {"dossier_id", "dossiernummer", "afgesloten_op", "laatste_wijziging",
                                           "vernietigbaar_vanaf", "blijft_bij"}


@pytest.mark.parametrize("jaren", [15, 25])
def test_the_term_is_the_setting(sqlite_store, jet, jaren):
    from jet_desktop.services import settings

    c1, c2 = jet.consulent(sqlite_store, "Anouk"), jet.consulent(sqlite_store, "Bram")
    volledig_dossier(sqlite_store, jet, c1, c2)
    zet_tijd(sqlite_store)
    settings.put(sqlite_store, "bewaartermijn_jaren", jaren)
    vanaf = date(2026 + jaren, 11, 25)
    assert bewaring.te_vernietigen(sqlite_store, date(2026 + jaren, 11, 24)) == []
    assert [x.vernietigbaar_vanaf for x in bewaring.te_vernietigen(sqlite_store, vanaf)] == [vanaf]


def test_a_later_change_of_any_row_of_the_dossier_moves_the_term(team, jet):
    store, c1, c2 = team
    did = volledig_dossier(store, jet, c1, c2)
    later = datetime(2028, 6, 1, 12, 0, tzinfo=timezone.utc)
    with store.engine.connect() as conn:
        aid, jid, gid = conn.execute(select(A.c.id, A.c.jeugdige_id, J.c.gezin_id).join(J, J.c.id == A.c.jeugdige_id)
                                     .join(D, D.c.aanmelding_id == A.c.id).where(D.c.id == did)).one()
    van_het_dossier = {D: D.c.id == did, A: A.c.id == aid, J: J.c.id == jid, T: T.c.aanmelding_id == aid,
                       C: C.c.dossier_id == did, TW: TW.c.dossier_id == did, OP: OP.c.dossier_id == did,
                       K: K.c.dossier_id == did, CW: CW.c.dossier_id == did}
    for table, where in van_het_dossier.items():
        zet_tijd(store)
        with store.engine.begin() as conn:
            conn.execute(update(table).where(where).values(updated_at=later))
        x, = bewaring.te_vernietigen(store, date(2060, 1, 1))
        assert x.laatste_wijziging == date(2028, 6, 1), table.name
        assert x.vernietigbaar_vanaf == date(2048, 6, 1), table.name
    # the gezin is shared with brothers and sisters: its changes do not count
    zet_tijd(store)
    with store.engine.begin() as conn:
        conn.execute(update(G).where(G.c.id == gid).values(updated_at=later))
        conn.execute(update(GL).where(GL.c.gezin_id == gid).values(updated_at=later))
    x, = bewaring.te_vernietigen(store, date(2060, 1, 1))
    assert x.laatste_wijziging == AFGESLOTEN


def test_closing_date_after_the_last_row_change_counts(sqlite_store, jet):
    c1, c2 = jet.consulent(sqlite_store, "Anouk"), jet.consulent(sqlite_store, "Bram")
    volledig_dossier(sqlite_store, jet, c1, c2)
    zet_tijd(sqlite_store, datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc))
    x, = bewaring.te_vernietigen(sqlite_store, date(2060, 1, 1))
    assert x.laatste_wijziging == AFGESLOTEN


# -- destruction ------------------------------------------------------------------------------------


def test_destruction_overwrites_personal_data_keeps_codes_and_counts(team, jet):
    store, c1, c2 = team
    did = volledig_dossier(store, jet, c1, c2)
    zet_tijd(store)
    d0 = rij(store, D, D.c.id == did)
    a0 = rij(store, A, A.c.id == d0.aanmelding_id)
    j0 = rij(store, J, J.c.id == a0.jeugdige_id)
    versies = {t.name: {r.id: r.version for r in rijen(store, t, t.c.id.is_not(None))} for t in TABELLEN}
    aantallen = {t.name: jet.count(store, t) for t in TABELLEN}
    store.user = "Fenna Beheer"

    uitkomst = bewaring.vernietig(store, [did], VANAF)

    assert uitkomst.dossiernummers == (a0.dossiernummer,)
    assert (uitkomst.jeugdigen, uitkomst.gezinnen) == (1, 1)
    assert uitkomst.bestand_opgeschoond is (True if store.engine.dialect.name == "sqlite" else None)
    assert {t.name: jet.count(store, t) for t in TABELLEN} == aantallen  # no row removed
    d = rij(store, D, D.c.id == did)
    assert d.vernietigd_op is not None and d.afsluit_toelichting == ""
    assert (d.afgesloten_op, d.afsluitreden, d.geopend_op, d.consulent_id) == (
        d0.afgesloten_op, d0.afsluitreden, d0.geopend_op, d0.consulent_id)
    a = rij(store, A, A.c.id == d0.aanmelding_id)
    assert (a.hulpvraag, a.veiligheidssignalen, a.verwijzer_contactpersoon, a.steunfiguur_naam,
            a.steunfiguur_relatie) == (bewaring.VERNIETIGD, "", "", "", "")
    assert (a.dossiernummer, a.aanmelddatum, a.verwijzer_route, a.verwijzer_organisatie, a.hulpvraag_categorieen,
            a.regie, a.huidig_besluit_id) == (a0.dossiernummer, a0.aanmelddatum, a0.verwijzer_route,
                                             a0.verwijzer_organisatie, a0.hulpvraag_categorieen, a0.regie,
                                             a0.huidig_besluit_id)
    j = rij(store, J, J.c.id == j0.id)
    assert (j.voornaam, j.tussenvoegsel, j.achternaam, j.bsn, j.geboortedatum, j.uitgerekende_datum, j.geslacht,
            j.adres, j.postcode, j.woonplaats, j.wijk) == ("", "", bewaring.VERNIETIGD, None, None, None, "x",
                                                           "", "", "", "")
    assert (j.school, j.gezin_id) == ("De Wieken", j0.gezin_id)  # matched care per school needs it
    assert {r.motivering for r in rijen(store, T, T.c.aanmelding_id == a.id)} == {bewaring.VERNIETIGD}
    assert {r.notitie for r in rijen(store, C, C.c.dossier_id == did)} == {bewaring.VERNIETIGD}
    assert {r.toelichting for r in rijen(store, K, K.c.dossier_id == did)} == {""}
    assert {r.toelichting for r in rijen(store, CW, CW.c.dossier_id == did)} == {""}
    tw, = rijen(store, TW, TW.c.dossier_id == did)
    assert tw.dvo_motivering == "" and (tw.contractvorm, tw.productcategorie, tw.geschatte_kosten) == ("dvo", "45", 4000)
    plan, = rijen(store, OP, OP.c.dossier_id == did)
    assert (plan.va_kind, plan.va_ouders, plan.va_school, plan.va_netwerk, plan.va_bestaanszekerheid,
            plan.doelen) == ("",) * 6
    assert (plan.vastgesteld_op, plan.evaluatiedatum) == (jet.vandaag, date(2027, 2, 1))
    assert rij(store, G, G.c.id == j0.gezin_id).naam == bewaring.VERNIETIGD
    ouder, = rijen(store, GL, GL.c.gezin_id == j0.gezin_id)
    assert (ouder.naam, ouder.telefoon, ouder.relatie, ouder.gezag) == (bewaring.VERNIETIGD, "", "moeder", True)
    # every changed row is a versioned change by the one who destroyed
    for t in TABELLEN:
        for r in rijen(store, t, t.c.id.is_not(None)):
            assert r.version == versies[t.name][r.id] + 1, t.name
            assert r.updated_by == "Fenna Beheer", t.name
    # one audit line, naming the dossiernummer and no name
    regel, = [r for r in audit_regels(store) if r.actie == "vernietigen"]
    assert (regel.objecttype, regel.object_id, regel.client) == ("dossier", str(did), a0.dossiernummer)
    assert "20 jaar" in regel.omschrijving and "25-11-2026" in regel.omschrijving
    assert not any(g in regel.omschrijving for g in GEHEIMEN)


def test_all_or_nothing_with_a_message_per_dossier(team, jet):
    store, c1, c2 = team
    klaar = volledig_dossier(store, jet, c1, c2)
    open_ = volledig_dossier(store, jet, c1, c2, voornaam="Open", achternaam="Dossier", bsn="", sluiten=False)
    zet_tijd(store)
    nieuw = volledig_dossier(store, jet, c1, c2, voornaam="Recent", achternaam="Gewijzigd", bsn="")
    with store.engine.begin() as conn:
        conn.execute(update(C).where(C.c.dossier_id == nieuw).values(updated_at=datetime(2030, 1, 2, 12, tzinfo=timezone.utc)))
    nummer = {did: rij(store, A, A.c.id == rij(store, D, D.c.id == did).aanmelding_id).dossiernummer
              for did in (klaar, open_, nieuw)}
    voor = audit_regels(store)
    with pytest.raises(ValidationError) as exc:
        bewaring.vernietig(store, [klaar, open_, nieuw], VANAF)
    berichten = [e.message for e in exc.value.errors]
    assert len(berichten) == 2
    assert nummer[open_] in berichten[0] and "niet afgesloten" in berichten[0]
    assert nummer[nieuw] in berichten[1] and "02-01-2030" in berichten[1] and "02-01-2050" in berichten[1]
    # nothing happened, not even to the dossier that was past its term
    assert rij(store, D, D.c.id == klaar).vernietigd_op is None
    assert "Quispel" == rij(store, J, J.c.id == rij(store, A, A.c.id == rij(store, D, D.c.id == klaar)
                                                    .aanmelding_id).jeugdige_id).achternaam
    assert audit_regels(store) == voor
    with pytest.raises(ValidationError, match="ten minste één"):
        bewaring.vernietig(store, [], VANAF)


def test_a_destroyed_dossier_is_not_listed_and_not_destroyed_twice(team, jet):
    store, c1, c2 = team
    did = volledig_dossier(store, jet, c1, c2)
    zet_tijd(store)
    bewaring.vernietig(store, [did], VANAF)
    assert bewaring.te_vernietigen(store, date(2100, 1, 1)) == []
    with pytest.raises(ValidationError, match="al vernietigd"):
        bewaring.vernietig(store, [did], date(2100, 1, 1))
    assert len([r for r in audit_regels(store) if r.actie == "vernietigen"]) == 1


def test_jeugdige_and_gezin_stay_while_another_case_of_theirs_does(team, jet):
    store, c1, c2 = team
    eerste = volledig_dossier(store, jet, c1, c2)
    with store.engine.connect() as conn:
        jid, gid = conn.execute(select(J.c.id, J.c.gezin_id).join(A, A.c.jeugdige_id == J.c.id)
                                .join(D, D.c.aanmelding_id == A.c.id).where(D.c.id == eerste)).one()
    # the same jeugdige comes back (an aanmelding still without a dossier), and a sister in the same gezin
    terug = jet.aanmelding(store, bestaande_jeugdige_id=jid, voornaam="Zwaantje", achternaam="Quispel")
    zus = volledig_dossier(store, jet, c1, c2, voornaam="Zusje", achternaam="Quispel", bsn="", gezin_id=gid)
    zet_tijd(store)
    lijst = {x.dossier_id: x for x in bewaring.te_vernietigen(store, VANAF)}
    assert set(lijst) == {eerste, zus}
    assert lijst[eerste].blijft_bij == (terug.dossiernummer,)
    assert terug.dossiernummer in lijst[eerste].opmerking
    assert lijst[zus].blijft_bij == ()

    uit = bewaring.vernietig(store, [eerste], VANAF)
    assert (uit.jeugdigen, uit.gezinnen) == (0, 0)
    j = rij(store, J, J.c.id == jid)
    assert (j.voornaam, j.achternaam, j.bsn) == ("Zwaantje", "Quispel", "111222333")  # the new aanmelding needs them
    assert rij(store, A, A.c.id == rij(store, D, D.c.id == eerste).aanmelding_id).hulpvraag == bewaring.VERNIETIGD
    regel, = [r for r in audit_regels(store) if r.actie == "vernietigen"]
    assert terug.dossiernummer in regel.omschrijving

    uit = bewaring.vernietig(store, [zus], VANAF)
    assert (uit.jeugdigen, uit.gezinnen) == (1, 0)  # Zwaantje is still in the gezin
    assert rij(store, G, G.c.id == gid).naam != bewaring.VERNIETIGD
    assert {r.naam for r in rijen(store, GL, GL.c.gezin_id == gid)} == {"Pietje Quispel"}


def test_gezin_goes_with_its_last_jeugdige(team, jet):
    store, c1, c2 = team
    eerste = volledig_dossier(store, jet, c1, c2)
    with store.engine.connect() as conn:
        gid = conn.execute(select(J.c.gezin_id).join(A, A.c.jeugdige_id == J.c.id)
                           .join(D, D.c.aanmelding_id == A.c.id).where(D.c.id == eerste)).scalar_one()
    zus = volledig_dossier(store, jet, c1, c2, voornaam="Zusje", achternaam="Quispel", bsn="", gezin_id=gid)
    zet_tijd(store)
    uit = bewaring.vernietig(store, [eerste], VANAF)
    assert (uit.jeugdigen, uit.gezinnen) == (1, 0)
    assert rij(store, G, G.c.id == gid).naam.startswith("Gezin")
    uit = bewaring.vernietig(store, [zus], VANAF)
    assert (uit.jeugdigen, uit.gezinnen) == (1, 1)
    assert rij(store, G, G.c.id == gid).naam == bewaring.VERNIETIGD
    assert {r.naam for r in rijen(store, GL, GL.c.gezin_id == gid)} == {bewaring.VERNIETIGD}


def test_only_the_functioneel_beheerder_and_the_system(sqlite_store, jet):
    c1, c2 = jet.consulent(sqlite_store, "Anouk"), jet.consulent(sqlite_store, "Bram")
    did = volledig_dossier(sqlite_store, jet, c1, c2)
    zet_tijd(sqlite_store)
    for rol in (Rol.CONSULENT, Rol.TEAMLEIDER):
        sqlite_store.rol = rol
        with pytest.raises(GeenToegang):
            bewaring.te_vernietigen(sqlite_store, VANAF)
        with pytest.raises(GeenToegang):
            bewaring.vernietig(sqlite_store, [did], VANAF)
    assert rij(sqlite_store, D, D.c.id == did).vernietigd_op is None
    sqlite_store.rol = Rol.BEHEERDER
    assert len(bewaring.te_vernietigen(sqlite_store, VANAF)) == 1
    bewaring.vernietig(sqlite_store, [did], VANAF)
    assert rij(sqlite_store, D, D.c.id == did).vernietigd_op is not None


def test_dossier_ids_by_number(sqlite_store, jet):
    c1, c2 = jet.consulent(sqlite_store, "Anouk"), jet.consulent(sqlite_store, "Bram")
    did = volledig_dossier(sqlite_store, jet, c1, c2)
    nr = rij(sqlite_store, A, A.c.id == rij(sqlite_store, D, D.c.id == did).aanmelding_id).dossiernummer
    assert bewaring.dossier_ids(sqlite_store, [nr, nr]) == [did]
    with pytest.raises(ValidationError, match="2026-99999"):
        bewaring.dossier_ids(sqlite_store, [nr, "2026-99999"])


# -- irreversibly: nothing left in the SQLite file or its WAL ------------------------------------------


def _ruwe_bytes(store) -> bytes:
    from pathlib import Path

    pad = Path(store.engine.url.database)
    wal = pad.with_name(pad.name + "-wal")
    return pad.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_no_trace_in_the_sqlite_file_or_its_wal(sqlite_store, jet):
    """The store stays open (as in the application): nothing may rely on closing it. Many SQLite builds
    (Debian's among them) have secure_delete on by default; the store's connections here have it off,
    so the test shows that destruction turns it on by itself."""
    from sqlalchemy import event

    event.listen(sqlite_store.engine, "connect", lambda dbapi, _rec: dbapi.execute("PRAGMA secure_delete=OFF"))
    sqlite_store.engine.dispose()
    c1, c2 = jet.consulent(sqlite_store, "Anouk"), jet.consulent(sqlite_store, "Bram")
    did = volledig_dossier(sqlite_store, jet, c1, c2)
    zet_tijd(sqlite_store)
    voor = _ruwe_bytes(sqlite_store)
    assert all(g.encode() in voor for g in GEHEIMEN)  # the check can see them
    uit = bewaring.vernietig(sqlite_store, [did], VANAF)
    assert uit.bestand_opgeschoond is True
    na = _ruwe_bytes(sqlite_store)
    assert [g for g in GEHEIMEN if g.encode() in na] == []
    # the pooled connection is handed back as it was: secure_delete off again
    with sqlite_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 0
    # the store still works and the medewerkers (not personal data of a client) are kept
    assert b"Anouk" in na
    assert dossiers.detail(sqlite_store, did).naam == bewaring.VERNIETIGD


# -- the figures stay the same ------------------------------------------------------------------------


def _cijfers(store, tot: date):
    from jet_desktop.reports import matched_care, monitor
    from jet_desktop.reports.matched_care_export import as_json_dict

    van = date(2015, 1, 1)
    buf = io.StringIO()
    monitor.write_monitor(monitor.bereken(store, van, tot), "json", buf)
    mc = matched_care.bereken(store, van, tot)
    beheer = json.dumps(as_json_dict(mc, None, voor_team=False), sort_keys=True, default=str)
    # the team lists name the jeugdige by initials, which are personal data: everything else must stay
    team = [{k: v for k, v in asdict(r).items() if k != "initialen"} for r in mc.opschaling_lijst + mc.stapeling_lijst]
    return buf.getvalue(), beheer, team


def test_monitor_and_matched_care_identical_before_and_after(any_url, monkeypatch):
    from jet_desktop.demo.generator import generate
    from jet_desktop.storage.store import Store

    monkeypatch.setattr(bewaring, "STUK", 7)  # many dossiers are handled in parts: run that path here
    vandaag = date(2026, 11, 25)
    generate(any_url, jeugdigen=150, seed=1, vandaag=vandaag)
    store = Store.open(any_url, user="Beheer")
    try:
        voor = _cijfers(store, vandaag)
        lijst = bewaring.te_vernietigen(store, date(2100, 1, 1))
        with store.engine.connect() as conn:
            gesloten = conn.execute(select(func.count()).where(D.c.afgesloten_op.is_not(None))).scalar_one()
        assert len(lijst) == gesloten > 20
        uit = bewaring.vernietig(store, [x.dossier_id for x in lijst], date(2100, 1, 1))
        assert len(uit.dossiernummers) == gesloten and uit.jeugdigen > 0
        with store.engine.connect() as conn:
            assert conn.execute(select(func.count()).where(D.c.vernietigd_op.is_not(None))).scalar_one() == gesloten
        assert _cijfers(store, vandaag) == voor
        assert len([r for r in audit_regels(store) if r.actie == "vernietigen"]) == gesloten
    finally:
        store.engine.dispose()


# -- other screens on a destroyed dossier --------------------------------------------------------------


def test_dossier_services_still_read_a_destroyed_dossier(team, jet):
    store, c1, c2 = team
    did = volledig_dossier(store, jet, c1, c2)
    zet_tijd(store)
    bewaring.vernietig(store, [did], VANAF)
    d = dossiers.detail(store, did)
    assert (d.naam, d.bsn, d.geboortedatum, d.adres, d.hulpvraag, d.steunfiguur) == (
        bewaring.VERNIETIGD, None, None, "", bewaring.VERNIETIGD, "")
    assert [o.naam for o in d.ouders] == [bewaring.VERNIETIGD]
    assert [c.notitie for c in d.contacten] == [bewaring.VERNIETIGD]
    assert [k.toelichting for k in d.klikgesprekken] == [""]
    assert zorg.ondersteuningsplan(store, did).doelen == ""
    assert [t.dvo_motivering for t in zorg.toewijzingen(store, did)] == [""]
    assert len(caseload.consulent_historie(store, did)) >= 2
    assert all(r.dossier_id != did for c in (c1, c2) for r in caseload.dossiers_van(store, c))  # closed: not listed
