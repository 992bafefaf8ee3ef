"""The retention dialog (jet_desktop/ui/dialogs/bewaring_dialog.py): the list without names, the
confirmation, destruction on a worker thread, and the refreshed list."""

from datetime import date, datetime, timezone

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select, update
from ui_support import when_modal

from jet_desktop.domain.enums import Rol
from jet_desktop.services import dossiers
from jet_desktop.storage.models import Aanmelding, ConsulentWijziging, Dossier, Jeugdige, Triagebesluit
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.bewaring_dialog import BewaringDialog

D, A, J, T = Dossier.__table__, Aanmelding.__table__, Jeugdige.__table__, Triagebesluit.__table__
CW = ConsulentWijziging.__table__
VANDAAG = date(2026, 11, 25)
NAMEN = ("Zwaantje", "Wiebren", "Sjoukje", "Ypke", "Durk")


@pytest.fixture
def store(tmp_path, jet):
    """Five dossiers closed long ago (past the term), one the same jeugdige's later case, one recent."""
    s = Store.open_file(tmp_path / "jet.db", user="Fenna Beheer")
    c = jet.consulent(s, "Anouk de Vries")
    ids = []
    for naam in NAMEN:
        did = jet.dossier(s, c, voornaam=naam, achternaam="Quispel", hulpvraag=f"Zorgen om {naam}.")
        dossiers.sluit_af(s, did, jet.version(s, D, did), VANDAAG, "doelen_bereikt", "", VANDAAG)
        ids.append(did)
    recent = jet.dossier(s, c, voornaam="Recent", achternaam="Tjalma")
    dossiers.sluit_af(s, recent, jet.version(s, D, recent), VANDAAG, "doelen_bereikt", "", VANDAAG)
    with s.engine.begin() as conn:
        jid = conn.execute(select(A.c.jeugdige_id).join(D, D.c.aanmelding_id == A.c.id)
                           .where(D.c.id == ids[0])).scalar_one()
    jet.aanmelding(s, bestaande_jeugdige_id=jid, voornaam="Zwaantje", achternaam="Quispel")  # came back
    with s.engine.begin() as conn:
        for i, did in enumerate(ids):
            oud = datetime(2001 + i, 3, 1 + i, 12, 0, tzinfo=timezone.utc)
            aid = conn.execute(select(D.c.aanmelding_id).where(D.c.id == did)).scalar_one()
            conn.execute(update(D).where(D.c.id == did).values(afgesloten_op=oud.date(), updated_at=oud))
            conn.execute(update(A).where(A.c.id == aid).values(updated_at=oud))
            conn.execute(update(T).where(T.c.aanmelding_id == aid).values(updated_at=oud))
            conn.execute(update(CW).where(CW.c.dossier_id == did).values(updated_at=oud))
            jid_i = conn.execute(select(A.c.jeugdige_id).where(A.c.id == aid)).scalar_one()
            conn.execute(update(J).where(J.c.id == jid_i).values(updated_at=oud))
    s.ids = ids
    yield s
    s.engine.dispose()


def _vernietigd(store) -> set:
    with store.engine.connect() as conn:
        return set(conn.execute(select(D.c.id).where(D.c.vernietigd_op.is_not(None))).scalars())


def bij_melding(titel, callback):
    """Run `callback(box)` on the next visible QMessageBox titled `titel` (the progress dialog, also
    modal, is left alone), from inside its exec() loop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def poll():
        box = next((w for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMessageBox) and w.isVisible() and w.windowTitle() == titel), None)
        if box is None:
            QTimer.singleShot(10, poll)
            return
        try:
            callback(box)
        finally:
            if box.isVisible():
                box.reject()

    QTimer.singleShot(0, poll)


def _kies(dlg, rijen):
    dlg.view.clearSelection()
    sel = dlg.view.selectionModel()
    from PySide6.QtCore import QItemSelectionModel

    for r in rijen:
        sel.select(dlg.proxy.index(r, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_list_shows_term_numbers_and_dates_no_names(qtbot, store):
    dlg = BewaringDialog(store, VANDAAG)
    qtbot.addWidget(dlg)
    assert "Bewaartermijn: 20 jaar na de laatste wijziging (instelling)" in dlg.termijn.text()
    assert dlg.proxy.rowCount() == 5
    cellen = [dlg.proxy.index(r, c).data() for r in range(5) for c in range(5)]
    assert not any(n in str(x) for x in cellen for n in (*NAMEN, "Quispel"))
    assert dlg.proxy.index(0, 1).data() == "01-03-2001" and dlg.proxy.index(0, 3).data() == "01-03-2021"
    assert "Gegevens van de jeugdige blijven" in dlg.proxy.index(0, 4).data()
    assert not dlg.vernietig_knop.isEnabled()
    _kies(dlg, [1, 2])
    assert dlg.vernietig_knop.isEnabled() and "(2)" in dlg.vernietig_knop.text()
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.grab().save("/tmp/bewaring.png")


def test_cancel_destroys_nothing(qtbot, store):
    dlg = BewaringDialog(store, VANDAAG)
    qtbot.addWidget(dlg)
    _kies(dlg, [0, 1])
    seen = {}

    def annuleer(box):
        seen["tekst"] = box.text() + " " + box.informativeText()
        seen["standaard"] = box.defaultButton().text()
        next(b for b in box.buttons() if b.text() == "Annuleren").click()

    when_modal(annuleer)
    dlg.vernietig_knop.click()
    assert "2 dossier(s)" in seen["tekst"] and "niet ongedaan" in seen["tekst"]
    assert seen["standaard"] == "Annuleren"  # Enter does not destroy
    assert _vernietigd(store) == set()
    assert dlg.proxy.rowCount() == 5


def test_confirm_destroys_in_the_background_and_refreshes(qtbot, store):
    dlg = BewaringDialog(store, VANDAAG)
    qtbot.addWidget(dlg)
    dlg.view.selectAll()
    when_modal(lambda box: dlg.ja_knop.click())
    dlg.vernietig_knop.click()
    qtbot.waitUntil(lambda: dlg.laatste is not None, timeout=10_000)
    assert _vernietigd(store) == set(store.ids)
    assert len(dlg.laatste.dossiernummers) == 5
    assert dlg.proxy.rowCount() == 0
    assert "Vernietigd: 5 dossier(s)" in dlg.status.text()
    assert not dlg.vernietig_knop.isEnabled() and not dlg.alles_knop.isEnabled()


def test_a_refusal_is_shown_and_nothing_destroyed(qtbot, store):
    dlg = BewaringDialog(store, VANDAAG)
    qtbot.addWidget(dlg)
    _kies(dlg, [0, 1])
    gekozen = [x.dossier_id for x in dlg.geselecteerd()]
    with store.engine.begin() as conn:  # someone changes one of them after the list was read
        conn.execute(update(D).where(D.c.id == gekozen[1]).values(updated_at=datetime.now(timezone.utc)))
    melding = {}

    def waarschuwing(box):
        melding["tekst"] = box.text()

    def bevestig(box):
        bij_melding("Niet vernietigd", waarschuwing)
        dlg.ja_knop.click()

    when_modal(bevestig)
    dlg.vernietig_knop.click()
    qtbot.waitUntil(lambda: "tekst" in melding, timeout=10_000)
    assert "Er is niets vernietigd" in melding["tekst"] and "nog niet verstreken" in melding["tekst"]
    assert _vernietigd(store) == set()
    qtbot.waitUntil(lambda: dlg.proxy.rowCount() == 4, timeout=5_000)


def test_without_the_right_no_list(qtbot, store):
    store.rol = Rol.TEAMLEIDER
    dlg = BewaringDialog(store, VANDAAG)
    qtbot.addWidget(dlg)
    assert "Geen toegang" in dlg.termijn.text()
    assert dlg.proxy.rowCount() == 0
    assert not dlg.vernietig_knop.isEnabled() and not dlg.alles_knop.isEnabled()


def test_a_destroyed_dossier_still_opens_with_markers(qtbot, store):
    from jet_desktop.services import bewaring
    from jet_desktop.ui.dossier.window import DossierWindow

    bewaring.vernietig(store, store.ids[1:2], VANDAAG)
    w = DossierWindow(store, store.ids[1], VANDAAG)
    qtbot.addWidget(w)
    assert "vernietigd" in w.windowTitle() and "Wiebren" not in w.windowTitle()
    w.show()
    qtbot.waitExposed(w)
    w.grab().save("/tmp/bewaring-dossier.png")
