"""Form keyboard basics: the wheel leaves unfocused fields alone (ui/wiel.py), Ctrl+S saves, the first
field has the focus, and a dialog grows to show a long message in full (ui/formulier.py)."""

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import func, select
from ui_support import VANDAAG, assign

from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.services import caseload, dossiers, triage, zorg
from jet_desktop.storage.models import Aanmelding
from jet_desktop.ui import wiel
from jet_desktop.ui.dialogs.aanmelding_dialog import AanmeldingDialog
from jet_desktop.ui.dialogs.caseload_dialogs import KlikDialog, WisselDialog
from jet_desktop.ui.dialogs.dossier_dialogs import ContactDialog
from jet_desktop.ui.dialogs.triage_dialog import TriageDialog
from jet_desktop.ui.dossier.window import DossierWindow

LANG = ("Toelichting: deze tekst is te lang voor het veld. Schrijf hier alleen op wat nodig is voor het "
        "dossier; een uitgebreid verslag hoort in het contactmoment of in het ondersteuningsplan, waar het "
        "ook bij de evaluatie terug te vinden is. Kort de tekst in tot hoogstens vijfhonderd tekens en sla "
        "daarna opnieuw op. Uw invoer staat nog in het formulier.")


@pytest.fixture
def dossier_id(team_store):
    return assign(team_store, "wacht_hoog", "Anouk de Vries")


def toon(qtbot, w, actief=False):
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    if actief:  # a shortcut needs the active window
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow)
    return w


# ------------------------------------------------------------------------------------- the wheel

@pytest.fixture
def scrollformulier(qtbot):
    area = QScrollArea()
    area.setWidgetResizable(True)
    inhoud = QWidget()
    lay = QVBoxLayout(inhoud)
    combo = QComboBox()
    combo.addItems(["een", "twee", "drie", "vier"])
    combo.setCurrentIndex(1)
    spin = QSpinBox()
    spin.setRange(0, 100)
    spin.setValue(50)
    datum = QDateEdit(QDate(2026, 11, 25))
    tekst = QLineEdit()
    for w in (tekst, combo, spin, datum):
        lay.addWidget(w)
        lay.addSpacing(400)  # taller than the area: it can scroll
    area.setWidget(inhoud)
    area.resize(300, 300)
    toon(qtbot, area)
    return area, tekst, combo, spin, datum


def draai(veld, omlaag=True):
    """A real wheel event (one notch) on the middle of `veld`."""
    midden = QPointF(veld.width() / 2, veld.height() / 2)
    delta = QPoint(0, -120 if omlaag else 120)
    event = QWheelEvent(midden, QPointF(veld.mapToGlobal(midden.toPoint())), QPoint(), delta,
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(veld, event)


def test_wheel_on_an_unfocused_field_scrolls_the_form_and_changes_nothing(qtbot, scrollformulier):
    area, tekst, combo, spin, datum = scrollformulier
    tekst.setFocus()
    qtbot.waitUntil(tekst.hasFocus)
    for veld in (combo, spin, datum):
        assert veld.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel does not give the focus
    scroll = area.verticalScrollBar()
    for veld, waarde in ((combo, combo.currentIndex), (spin, spin.value), (datum, datum.date)):
        voor, positie = waarde(), scroll.value()
        draai(veld)
        assert waarde() == voor, veld
        assert scroll.value() > positie, f"{type(veld).__name__}: the scroll area did not scroll"
        assert not veld.hasFocus()


def test_wheel_on_the_focused_field_changes_it(qtbot, scrollformulier):
    area, tekst, combo, spin, datum = scrollformulier
    for veld, waarde in ((combo, combo.currentIndex), (spin, spin.value), (datum, datum.date)):
        veld.setFocus()
        qtbot.waitUntil(veld.hasFocus)
        voor = waarde()
        draai(veld)
        assert waarde() != voor, veld


def test_installed_once(qapp):
    assert wiel.installeer(qapp) is wiel.installeer(qapp)
    assert len(qapp.findChildren(wiel.GeenWielZonderFocus)) == 1


def test_the_app_installs_it():
    import inspect

    from jet_desktop.ui import app

    # in the event loop, once the window is shown (tests/ui/test_start_licht.py runs a start and checks it is there)
    assert "_installeer_wiel(app)" in inspect.getsource(app.run_gui)
    assert "wiel.installeer(app)" in inspect.getsource(app._installeer_wiel)


# ------------------------------------------------------------------------------------- Ctrl+S

def ctrl_s(qtbot, w):
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_s_saves_a_form_dialog(qtbot, team_store, dossier_id):
    dlg = toon(qtbot, ContactDialog(team_store, dossier_id, VANDAAG), actief=True)
    dlg.notitie.setFocus()
    qtbot.keyClicks(dlg.notitie, "Huisbezoek.")
    ctrl_s(qtbot, dlg)
    assert not dlg.isVisible() and dlg.result() == 1
    assert [c.notitie for c in dossiers.detail(team_store, dossier_id).contacten] == ["Huisbezoek."]


def test_ctrl_s_saves_the_plan_tab(qtbot, team_store, dossier_id):
    win = toon(qtbot, DossierWindow(team_store, dossier_id, VANDAAG), actief=True)
    win.tabs.setCurrentWidget(win.plan_tab)
    veld = win.plan_tab.velden["va_kind"]
    veld.setFocus()
    qtbot.waitUntil(veld.hasFocus)
    qtbot.keyClicks(veld, "Finn is somber.")
    ctrl_s(qtbot, win)
    assert zorg.ondersteuningsplan(team_store, dossier_id).va_kind == "Finn is somber."
    assert win.isVisible() and not win.plan_tab.heeft_wijzigingen()


def test_ctrl_s_saves_triage_and_aanmelding(qtbot, team_store):
    aid = team_store.regs["triage"].aanmelding_id
    dlg = toon(qtbot, TriageDialog(team_store, aid, triage.versie(team_store, aid), "Gijs", VANDAAG), actief=True)
    dlg.set_uitkomst("zelf_oppakken")
    dlg.motivering.setPlainText("JET pakt dit op.")
    ctrl_s(qtbot, dlg)
    assert not dlg.isVisible() and len(triage.besluit_historie(team_store, aid)) == 1

    with team_store.engine.connect() as conn:
        voor = conn.execute(select(func.count()).select_from(Aanmelding.__table__)).scalar_one()
    dlg = toon(qtbot, AanmeldingDialog(team_store, VANDAAG), actief=True)
    ctrl_s(qtbot, dlg)  # empty: refused, the fields say why
    assert dlg.isVisible() and "Voornaam" in dlg.errors["voornaam"].text()
    dlg.voornaam.setText("Noor")
    dlg.achternaam.setText("El Amrani")
    dlg.geboortedatum.setText("14-02-2015")
    dlg.verwijzer.setCurrentIndex(dlg.verwijzer.findData("poh_jeugd"))
    dlg.hulpvraag.setPlainText("Angstklachten.")
    ctrl_s(qtbot, dlg)
    assert not dlg.isVisible() and dlg.registratie is not None
    with team_store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(Aanmelding.__table__)).scalar_one() == voor + 1


# ------------------------------------------------------------------------------------- focus on the first field

def test_first_field_has_the_focus(qtbot, team_store, dossier_id):
    contact = toon(qtbot, ContactDialog(team_store, dossier_id, VANDAAG))
    assert contact.focusWidget() is contact.datum
    rij = caseload.dossier_rij(team_store, dossier_id)
    wissel = toon(qtbot, WisselDialog(team_store, rij, VANDAAG))
    assert wissel.focusWidget() is wissel.naar
    klik = toon(qtbot, KlikDialog(team_store, rij, VANDAAG))
    assert klik.focusWidget() is klik.klik  # the chosen radio button of the first row
    aanmelding = toon(qtbot, AanmeldingDialog(team_store, VANDAAG))
    assert aanmelding.focusWidget() is aanmelding.voornaam
    aid = team_store.regs["triage"].aanmelding_id
    tri = toon(qtbot, TriageDialog(team_store, aid, triage.versie(team_store, aid), "Gijs", VANDAAG))
    assert tri.focusWidget() is next(iter(tri.uitkomst_knoppen.values()))


# ------------------------------------------------------------------------------------- long messages fit

def past(label) -> bool:
    return label.isVisible() and label.height() >= label.heightForWidth(label.width())


def test_a_long_message_under_a_field_is_shown_in_full(qtbot, team_store, dossier_id):
    dlg = toon(qtbot, ContactDialog(team_store, dossier_id, VANDAAG))
    dlg.resize(dlg.minimumSizeHint())
    hoogte = dlg.height()

    def weiger():
        raise ValidationError([FieldError("notitie", LANG), FieldError("algemeen", LANG)])

    dlg.save = weiger
    dlg._save()
    qtbot.wait(10)
    assert dlg.isVisible() and dlg.height() > hoogte
    assert past(dlg.errors["notitie"]) and past(dlg.algemeen)


def test_a_long_message_at_the_bottom_of_the_triage_dialog_is_shown_in_full(qtbot, team_store):
    aid = team_store.regs["triage"].aanmelding_id
    dlg = toon(qtbot, TriageDialog(team_store, aid, triage.versie(team_store, aid), "Gijs", VANDAAG))
    dlg.resize(dlg.width(), dlg.minimumSizeHint().height())
    dlg.motivering.setPlainText("Iets.")
    dlg.save = lambda: dlg.algemeen.show_message(LANG * 2)
    dlg.bewaar_invoer()
    qtbot.wait(10)
    assert past(dlg.algemeen)
