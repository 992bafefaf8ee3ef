"""Destroying a dossier after the bewaartermijn destroys the change history of its records too
(services/bewaring.py, services/correcties.py): the history holds the old values."""

from dataclasses import replace

from sqlalchemy import select
from test_bewaring import AFGESLOTEN, VANAF, D, volledig_dossier, zet_tijd

from jet_desktop.services import bewaring, correcties, dossiers
from jet_desktop.storage.models import Recordwijziging

RW = Recordwijziging.__table__


def corrigeer_alles(store, jet, did):
    """A correction of every kind of record of the dossier; the old values are in the history."""
    g = correcties.gegevens(store, did)
    correcties.corrigeer_jeugdige(store, did, g.jeugdige.version,
                                  replace(g.jeugdige.invoer, achternaam="Kwispel", adres="Kerkpad 9"), jet.vandaag)
    correcties.corrigeer_gezin(store, did, g.gezin.version, "Gezin Kwispel")
    lid = g.gezin.leden[0]
    correcties.corrigeer_gezinslid(store, did, lid.id, lid.version, replace(lid.invoer, naam="Pietje Kwispel"))
    weg = correcties.voeg_gezinslid_toe(store, did, correcties.GezinslidInvoer("Oom Hidde", "oom"))
    correcties.verwijder_gezinslid(store, did, weg, 1)
    correcties.corrigeer_aanmelding(store, did, g.aanmelding.version,
                                    replace(g.aanmelding.details, steunfiguur_naam="Tante Tjitske"))
    cid = dossiers.detail(store, did).contacten[0].id
    c = correcties.contactmoment(store, cid)
    correcties.wijzig_contactmoment(store, cid, c.version, replace(c.invoer, notitie="Notitie over Zwaantje."),
                                    jet.vandaag)
    correcties.verwijder_contactmoment(store, cid, c.version + 1)
    return g


def historie(store):
    with store.engine.connect() as conn:
        return conn.execute(select(RW)).all()


def sluit(store, jet, did):
    dossiers.sluit_af(store, did, jet.version(store, D, did), AFGESLOTEN, "doelen_bereikt", "", jet.vandaag)


def test_destruction_deletes_the_history_of_every_record_of_the_dossier(any_store, jet):
    c1, c2 = jet.consulent(any_store, "Anouk"), jet.consulent(any_store, "Bram")
    did = volledig_dossier(any_store, jet, c1, c2, sluiten=False)
    andere = volledig_dossier(any_store, jet, c1, c2, voornaam="Ander", achternaam="Kind", bsn="", sluiten=False)
    corrigeer_alles(any_store, jet, did)
    corrigeer_alles(any_store, jet, andere)
    sluit(any_store, jet, did)
    zet_tijd(any_store)
    van_ander = {r.id for r in historie(any_store) if r.record_id in _records(any_store, andere)}
    assert len(historie(any_store)) > len(van_ander) > 0
    bewaring.vernietig(any_store, [did], VANAF)
    assert {r.id for r in historie(any_store)} == van_ander  # the other, open dossier keeps its history
    assert correcties.dossiergeschiedenis(any_store, did) == []


def _records(store, did):
    from jet_desktop.services.correcties import _dossier, _records

    with store.engine.connect() as conn:
        return set(_records(conn, _dossier(conn, store, did)))


def test_the_jeugdige_history_stays_while_another_case_of_theirs_does(sqlite_store, jet):
    store = sqlite_store
    c1, c2 = jet.consulent(store, "Anouk"), jet.consulent(store, "Bram")
    did = volledig_dossier(store, jet, c1, c2, sluiten=False)
    g = corrigeer_alles(store, jet, did)
    sluit(store, jet, did)
    jet.aanmelding(store, bestaande_jeugdige_id=g.jeugdige.id, voornaam="Zwaantje", achternaam="Kwispel")
    zet_tijd(store)
    bewaring.vernietig(store, [did], VANAF)
    over = {(r.tabel, r.veld) for r in historie(store)}
    # the jeugdige (and so the gezin) stay for the new aanmelding, with their history; the dossier's own go
    assert over == {("jeugdige", "achternaam"), ("jeugdige", "adres"), ("gezin", "naam"), ("gezinslid", "naam"),
                    ("gezinslid", "relatie"), ("gezinslid", "gezag"), ("gezinslid", "")}


def test_no_old_value_left_in_the_sqlite_file_after_destruction(sqlite_store, jet):
    store = sqlite_store
    c1, c2 = jet.consulent(store, "Anouk"), jet.consulent(store, "Bram")
    did = volledig_dossier(store, jet, c1, c2, sluiten=False)
    corrigeer_alles(store, jet, did)
    sluit(store, jet, did)
    zet_tijd(store)
    bewaring.vernietig(store, [did], VANAF)
    pad = store.engine.url.database
    inhoud = open(pad, "rb").read()
    wal = open(pad + "-wal", "rb").read() if __import__("os").path.exists(pad + "-wal") else b""
    for geheim in ("Quispel", "Kwispel", "Kerkstraat 7", "Kerkpad 9", "Tante Riemke", "Tante Tjitske", "Oom Hidde",
                   "Notitie over Zwaantje"):
        assert geheim.encode() not in inhoud + wal, geheim
