"""Test data built through the services (as a user would) and modal-dialog helpers."""

from __future__ import annotations

from datetime import date, timedelta

from jet_desktop.services import aanmeldingen as am
from jet_desktop.services import triage, wachtlijst

VANDAAG = date(2026, 11, 25)


def aanmelding(store, voornaam, achternaam, geboren, dagen_geleden, route="huisarts"):
    inv = am.AanmeldingInvoer(voornaam=voornaam, achternaam=achternaam, geboortedatum=geboren,
                              verwijzer_route=route, aanmelddatum=VANDAAG - timedelta(days=dagen_geleden),
                              hulpvraag="Zorgen over gedrag thuis en op school.", postcode="8911 AB")
    return am.registreer(store, inv, VANDAAG)


def besluit(store, reg, urgentie, dagen_geleden):
    version = next(r.version for r in triage.triage_wachtrij(store, VANDAAG) if r.aanmelding_id == reg.aanmelding_id)
    triage.neem_besluit(store, reg.aanmelding_id, version, triage.BesluitInvoer(
        "zelf_oppakken", urgentie, "JET pakt dit zelf op met het gezin.", VANDAAG - timedelta(days=dagen_geleden)),
        VANDAAG)


def assign(store, reg_key, consulent):
    return wachtlijst.toewijzen(store, store.regs[reg_key].aanmelding_id, store.ids[consulent], VANDAAG, VANDAAG)


def when_modal(callback):
    """Run `callback(dialog)` on the next modal dialog, from inside its exec() loop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def poll():
        dlg = QApplication.activeModalWidget()
        if dlg is None:
            QTimer.singleShot(10, poll)
            return
        try:
            callback(dlg)
        finally:
            if dlg.isVisible() and QApplication.activeModalWidget() is dlg:
                dlg.reject()  # the callback did not close it: never hang the test run

    QTimer.singleShot(0, poll)
