"""Two application instances on one store, in the GUI: the same record open in two windows or dialogs,
the first saves, the second save is refused with the conflict dialog. That dialog names the other user,
shows the typed text, copies it to the clipboard, and "Opnieuw laden" keeps the typed text so that a
second save succeeds."""

from dataclasses import replace
from datetime import date, datetime, timezone

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLineEdit, QPlainTextEdit
from ui_support import VANDAAG, assign

from jet_desktop.services import caseload, dossiers, triage, wachtlijst, zorg
from jet_desktop.services.zorg import PlanInvoer, ToewijzingInvoer
from jet_desktop.storage.store import StaleEditError, Store
from jet_desktop.ui.dialogs.caseload_dialogs import KlikDialog, WisselDialog
from jet_desktop.ui.dialogs.dossier_dialogs import AfsluitDialog
from jet_desktop.ui.dialogs.herverdeling_dialog import HerverdelingDialog
from jet_desktop.ui.dialogs.triage_dialog import TriageDialog
from jet_desktop.ui.dialogs.wijziging_conflict import HERLADEN, WijzigingConflictDialog, ingevuld
from jet_desktop.ui.dialogs.zorgtoewijzing_dialog import BeeindigDialog, ZorgtoewijzingDialog
from jet_desktop.ui.dossier.window import DossierWindow
from jet_desktop.ui.widgets import select_data

GEZIEN_OM = datetime(2026, 11, 25, 9, 41, tzinfo=timezone.utc)
AMBULANT = ToewijzingInvoer("45", "Gezinsbehandeling thuis", "middel", "fjild", VANDAAG, None, 6500)


@pytest.fixture
def bram(team_store, tmp_path):
    """The second instance: Bram Jansen's application on the same file."""
    store = Store.open_file(tmp_path / "jet.db", user="Bram Jansen")
    store.user_id = team_store.ids["Bram Jansen"]
    yield store
    store.engine.dispose()


class Conflicten:
    """Answers the conflict dialogs of one test: each expected one is noted (what it shows, the clipboard
    after "Tekst kopiëren") and answered; an unexpected one is cancelled and fails the test at teardown."""

    def __init__(self):
        self.verwacht: list[tuple[str, bool]] = []
        self.gezien: list[dict] = []
        self.onverwacht = 0
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def antwoord(self, keuze: str = "herladen", kopieer: bool = True) -> dict:
        """Answer the next conflict dialog with `keuze` ("herladen" or "annuleren"); returns what it showed."""
        self.verwacht.append((keuze, kopieer))
        self.gezien.append({})
        return self.gezien[-1]

    def _poll(self):
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, WijzigingConflictDialog) or not dlg.isVisible():
            return
        if not self.verwacht:
            self.onverwacht += 1
            dlg.annuleer_knop.click()
            return
        keuze, kopieer = self.verwacht.pop(0)
        gezien = self.gezien[len(self.gezien) - len(self.verwacht) - 1]
        gezien.update(titel=dlg.titel.text(), melding=dlg.melding.text(), invoer=dlg.invoer.toPlainText(),
                      invoer_zichtbaar=not dlg.invoer.isHidden(), herladen_kan=not dlg.herlaad_knop.isHidden())
        if kopieer and not dlg.kopieer_knop.isHidden():
            dlg.kopieer_knop.click()
            gezien["klembord"] = QGuiApplication.clipboard().text()
            gezien["gekopieerd"] = dlg.gekopieerd.text()
        (dlg.herlaad_knop if keuze == "herladen" else dlg.annuleer_knop).click()
        gezien["gesloten"] = not dlg.isVisible()


@pytest.fixture
def conflict(qapp):
    c = Conflicten()
    yield c
    c.timer.stop()
    assert c.onverwacht == 0, "a conflict dialog appeared that the test did not expect"
    assert c.verwacht == [], "an expected conflict dialog did not appear"


def ok(dlg):
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def dossier_rij(store, consulent_id, dossier_id) -> caseload.DossierRij:
    return next(d for d in caseload.dossiers_van(store, consulent_id) if d.dossier_id == dossier_id)


# ------------------------------------------------------------------------------------- the dialog itself

def test_conflict_dialog_names_who_and_when_shows_and_copies_the_typed_text(qtbot):
    fout = StaleEditError("Dossier 2026-0007", "Bram Jansen", GEZIEN_OM)
    dlg = WijzigingConflictDialog(fout, [("Toelichting", "Moeder belde: het gaat beter.\nVolgende week huisbezoek."),
                                         ("Per datum", "25-11-2026")])
    qtbot.addWidget(dlg)
    stamp = GEZIEN_OM.astimezone().strftime("%d-%m-%Y %H:%M")
    assert "Bram Jansen" in dlg.titel.text() and stamp in dlg.titel.text()
    assert dlg.melding.text() == str(fout) and "Bram Jansen" in dlg.melding.text()
    assert dlg.invoer.isReadOnly()
    assert dlg.invoer.toPlainText() == ("Toelichting:\nMoeder belde: het gaat beter.\nVolgende week huisbezoek."
                                        "\n\nPer datum: 25-11-2026")
    dlg.show()
    QGuiApplication.clipboard().clear()
    dlg.kopieer_knop.click()
    assert QGuiApplication.clipboard().text() == dlg.invoer.toPlainText()
    assert dlg.isVisible() and "gekopieerd" in dlg.gekopieerd.text()  # copying does not close it
    dlg.herlaad_knop.click()
    assert not dlg.isVisible() and dlg.result() == HERLADEN


def test_a_removed_record_cannot_be_reloaded(qtbot):
    dlg = WijzigingConflictDialog(StaleEditError("De toewijzing", None, None), [("Product/profiel", "Dagbehandeling")])
    qtbot.addWidget(dlg)
    assert "bestaat niet meer" in dlg.titel.text()
    assert dlg.herlaad_knop.isHidden() and not dlg.kopieer_knop.isHidden()
    dlg.annuleer_knop.click()
    assert dlg.result() != HERLADEN


def test_only_enabled_filled_fields_are_listed_by_their_label_never_a_password(qtbot):
    leeg, tekst, uit, combo, keuze = QLineEdit(), QPlainTextEdit("Lange tekst"), QLineEdit("niet mee"), QComboBox(), \
        QComboBox()
    uit.setEnabled(False)
    combo.addItem("— kies —", "")
    keuze.addItem("Bram Jansen", "id-bram")
    wachtwoord = QLineEdit("geheim-123")
    wachtwoord.setEchoMode(QLineEdit.EchoMode.Password)
    for w in (leeg, tekst, uit, combo, keuze, wachtwoord):
        qtbot.addWidget(w)
    assert ingevuld([("Leeg", leeg), ("Motivering *", tekst), ("Uit", uit), ("Categorie", combo),
                     ("Consulent", keuze), ("Wachtwoord", wachtwoord)]) == [
        ("Motivering", "Lange tekst"), ("Consulent", "Bram Jansen")]


# ---------------------------------------------------------------------------- two windows, one record

def test_ondersteuningsplan_in_two_windows(qtbot, team_store, bram, conflict):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    zorg.sla_plan_op(team_store, dossier_id, None, PlanInvoer(va_kind="Finn is somber."))
    win_a = DossierWindow(team_store, dossier_id, VANDAAG)
    win_b = DossierWindow(bram, dossier_id, VANDAAG)
    for w in (win_a, win_b):
        qtbot.addWidget(w)
        w.show()
    plan_a, plan_b = win_a.plan_tab, win_b.plan_tab
    plan_b.velden["va_school"].setPlainText("Mentor meldt verzuim.")
    plan_b.opslaan.click()
    assert zorg.ondersteuningsplan(team_store, dossier_id).version == 2

    plan_a.velden["va_netwerk"].setPlainText("Opa haalt Finn van school.")
    plan_a.doelen.setPlainText("Finn gaat weer elke dag naar school.")
    gezien = conflict.antwoord()
    assert plan_a.save() is False
    assert gezien["gesloten"] and gezien["herladen_kan"]
    assert "Bram Jansen" in gezien["titel"] and "Bram Jansen" in gezien["melding"]
    assert "Netwerk: Opa haalt Finn van school." in gezien["invoer"]
    assert "Doelen: Finn gaat weer elke dag naar school." in gezien["invoer"]
    assert gezien["klembord"] == gezien["invoer"] and "gekopieerd" in gezien["gekopieerd"]
    # reloaded: the fresh version, the typed text still in the fields; the field only Bram changed shows
    # Bram's text, so saving again does not undo his change
    assert plan_a.version == 2
    assert plan_a.velden["va_netwerk"].toPlainText() == "Opa haalt Finn van school."
    assert plan_a.doelen.toPlainText() == "Finn gaat weer elke dag naar school."
    assert plan_a.velden["va_school"].toPlainText() == "Mentor meldt verzuim."
    assert plan_a.velden["va_kind"].toPlainText() == "Finn is somber."
    assert "Bram Jansen" in plan_a.algemeen.text() and "gewijzigd: School." in plan_a.algemeen.text()
    assert "Bram Jansen" in plan_a.status.text()
    assert plan_a.save() is True
    p = zorg.ondersteuningsplan(bram, dossier_id)
    assert (p.version, p.va_kind, p.va_school, p.va_netwerk, p.doelen, p.updated_by) == (
        3, "Finn is somber.", "Mentor meldt verzuim.", "Opa haalt Finn van school.",
        "Finn gaat weer elke dag naar school.", "Teamleider Test")


def test_a_field_both_changed_keeps_the_users_text(qtbot, team_store, bram, conflict):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    zorg.sla_plan_op(team_store, dossier_id, None, PlanInvoer(va_kind="Eerste.", doelen="Oude doelen."))
    win = DossierWindow(team_store, dossier_id, VANDAAG)
    qtbot.addWidget(win)
    zorg.sla_plan_op(bram, dossier_id, 1, PlanInvoer(va_kind="Van Bram.", doelen="Oude doelen."))
    win.plan_tab.velden["va_kind"].setPlainText("Van mij.")
    conflict.antwoord(kopieer=False)
    assert win.plan_tab.save() is False
    assert win.plan_tab.velden["va_kind"].toPlainText() == "Van mij."
    assert "Kind (ook door u gewijzigd" in win.plan_tab.algemeen.text()
    assert win.plan_tab.save() is True
    assert zorg.ondersteuningsplan(team_store, dossier_id).va_kind == "Van mij."


def test_annuleren_keeps_the_form_as_typed_and_saves_nothing(qtbot, team_store, bram, conflict):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    zorg.sla_plan_op(team_store, dossier_id, None, PlanInvoer(va_kind="Eerste."))
    win = DossierWindow(team_store, dossier_id, VANDAAG)
    qtbot.addWidget(win)
    zorg.sla_plan_op(bram, dossier_id, 1, PlanInvoer(va_kind="Van Bram."))
    win.plan_tab.velden["va_kind"].setPlainText("Mijn tekst.")
    gezien = conflict.antwoord("annuleren", kopieer=False)
    assert win.plan_tab.save() is False
    assert gezien["gesloten"] and "Kind: Mijn tekst." in gezien["invoer"]
    assert win.plan_tab.velden["va_kind"].toPlainText() == "Mijn tekst." and win.plan_tab.version == 1
    assert "Bram Jansen" in win.plan_tab.algemeen.text()
    assert zorg.ondersteuningsplan(team_store, dossier_id).va_kind == "Van Bram."


def test_triage_revision_in_two_dialogs(qtbot, team_store, bram, conflict):
    aid = team_store.regs["wacht_normaal"].aanmelding_id
    versie = next(r.version for r in wachtlijst.alle(team_store) if r.aanmelding_id == aid)
    kop = f"{team_store.regs['wacht_normaal'].dossiernummer} — Daan Visser"
    dlg_a = TriageDialog(team_store, aid, versie, kop, VANDAAG)
    dlg_b = TriageDialog(bram, aid, versie, kop, VANDAAG)
    for d in (dlg_a, dlg_b):
        qtbot.addWidget(d)
        d.show()
    dlg_b.set_urgentie("hoog")
    dlg_b.set_uitkomst("specialistische_jeugdhulp")
    dlg_b.motivering.setPlainText("Bram: school meldt nieuwe zorgen.")
    dlg_b.save()
    assert dlg_b.result() == 1

    dlg_a.set_urgentie("spoed")
    dlg_a.motivering.setPlainText("Anouk: veiligheidssignaal van de huisarts.")
    gezien = conflict.antwoord()
    dlg_a.save()
    assert dlg_a.isVisible() and dlg_a.result() == 0  # not accepted
    assert "Bram Jansen" in gezien["titel"]
    assert "Motivering: Anouk: veiligheidssignaal van de huisarts." in gezien["invoer"]
    assert "Urgentie: Spoed" in gezien["invoer"]
    assert gezien["klembord"] == gezien["invoer"]
    assert dlg_a.motivering.toPlainText() == "Anouk: veiligheidssignaal van de huisarts."
    assert dlg_a.urgentie_knoppen["spoed"].isChecked()  # chosen here: kept
    assert dlg_a.gekozen_uitkomst() == "specialistische_jeugdhulp"  # left alone here: Bram's uitkomst
    assert dlg_a.historie_model.rowCount() == 2 and dlg_a.version == versie + 1
    assert dlg_a.windowTitle().startswith("Triagebesluit herzien")
    assert "1 nieuw besluit" in dlg_a.algemeen.text() and "urgentie (ook door u gewijzigd" in dlg_a.algemeen.text()
    dlg_a.save()
    assert dlg_a.result() == 1
    hist = triage.besluit_historie(team_store, aid)
    assert [(b.motivering, b.urgentie.value, b.uitkomst.value, b.actueel) for b in hist][:2] == [
        ("Anouk: veiligheidssignaal van de huisarts.", "spoed", "specialistische_jeugdhulp", True),
        ("Bram: school meldt nieuwe zorgen.", "hoog", "specialistische_jeugdhulp", False)]
    assert len(hist) == 3


def test_consulent_change_in_two_dialogs(qtbot, team_store, bram, conflict):
    ids = team_store.ids
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    rij = dossier_rij(team_store, ids["Anouk de Vries"], dossier_id)
    dlg_a, dlg_b = WisselDialog(team_store, rij, VANDAAG), WisselDialog(bram, rij, VANDAAG)
    for d in (dlg_a, dlg_b):
        qtbot.addWidget(d)
        d.show()
    select_data(dlg_b.naar, ids["Bram Jansen"])
    ok(dlg_b)
    assert dlg_b.result() == 1

    select_data(dlg_a.naar, ids["Chantal Bakker"])
    dlg_a.toelichting.setPlainText("Chantal spreekt Pools met moeder.")
    gezien = conflict.antwoord()
    ok(dlg_a)
    assert "Bram Jansen" in gezien["titel"]
    assert "Toelichting: Chantal spreekt Pools met moeder." in gezien["invoer"]
    assert "Nieuwe consulent: Chantal Bakker" in gezien["invoer"]
    assert gezien["klembord"] == gezien["invoer"]
    assert dlg_a.toelichting.toPlainText() == "Chantal spreekt Pools met moeder."
    assert dlg_a.naar.currentData() == ids["Chantal Bakker"]
    assert "nu bij Bram Jansen" in dlg_a.kop.text()
    assert "vaste consulent (nu Bram Jansen)" in dlg_a.algemeen.text()
    ok(dlg_a)
    assert dlg_a.result() == 1
    hist = caseload.consulent_historie(team_store, dossier_id)
    assert [(h.van, h.naar, h.toelichting, h.door) for h in hist][1:] == [
        ("Anouk de Vries", "Bram Jansen", "", "Bram Jansen"),
        ("Bram Jansen", "Chantal Bakker", "Chantal spreekt Pools met moeder.", "Teamleider Test")]


def test_klikgesprek_after_a_change_elsewhere_writes_nothing_until_saved_again(qtbot, team_store, bram, conflict):
    ids = team_store.ids
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    rij = dossier_rij(team_store, ids["Anouk de Vries"], dossier_id)
    dlg = KlikDialog(team_store, rij, VANDAAG)
    qtbot.addWidget(dlg)
    caseload.zet_tweede_persoon(bram, dossier_id, rij.version, ids["Chantal Bakker"], VANDAAG)
    dlg.toelichting.setPlainText("Goed gesprek, Finn voelt zich gehoord.")
    gezien = conflict.antwoord()
    ok(dlg)
    assert "Toelichting: Goed gesprek, Finn voelt zich gehoord." in gezien["invoer"]
    assert dossiers.detail(team_store, dossier_id).klikgesprekken == []  # the refused save left nothing
    assert "tweede persoon (nu Chantal Bakker)" in dlg.algemeen.text()
    ok(dlg)
    assert dlg.result() == 1
    assert [k.toelichting for k in dossiers.detail(team_store, dossier_id).klikgesprekken] == [
        "Goed gesprek, Finn voelt zich gehoord."]


def test_toewijzing_changed_in_two_windows(qtbot, team_store, bram, conflict):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    zorg.voeg_toewijzing_toe(team_store, dossier_id, AMBULANT)
    [t] = zorg.toewijzingen(team_store, dossier_id)
    dlg_a = ZorgtoewijzingDialog(team_store, dossier_id, VANDAAG, t)
    dlg_b = ZorgtoewijzingDialog(bram, dossier_id, VANDAAG, t)
    for d in (dlg_a, dlg_b):
        qtbot.addWidget(d)
    dlg_b.kosten.setValue(9000)
    ok(dlg_b)
    assert dlg_b.result() == 1

    dlg_a.product.setText("Gezinsbehandeling thuis, profiel 3")
    dlg_a.einddatum.setText("31-05-2027")
    gezien = conflict.antwoord()
    ok(dlg_a)
    assert "Bram Jansen" in gezien["titel"]
    assert "Product/profiel: Gezinsbehandeling thuis, profiel 3" in gezien["invoer"]
    assert "Einddatum: 31-05-2027" in gezien["invoer"]
    assert gezien["klembord"] == gezien["invoer"]
    assert dlg_a.bestaand.version == 2
    assert dlg_a.product.text() == "Gezinsbehandeling thuis, profiel 3" and dlg_a.einddatum.text() == "31-05-2027"
    assert dlg_a.kosten.value() == 9000  # only Bram changed the cost: his value, not the stale one
    assert "gewijzigd: geschatte kosten." in dlg_a.algemeen.text()
    ok(dlg_a)
    assert dlg_a.result() == 1
    [t] = zorg.toewijzingen(bram, dossier_id)
    assert (t.version, t.product, t.einddatum, t.geschatte_kosten) == (
        3, "Gezinsbehandeling thuis, profiel 3", date(2027, 5, 31), 9000)


def test_ending_a_toewijzing_removed_in_the_other_window(qtbot, team_store, bram, conflict):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    tid = zorg.voeg_toewijzing_toe(team_store, dossier_id, AMBULANT)
    [t] = zorg.toewijzingen(team_store, dossier_id)
    dlg = BeeindigDialog(team_store, dossier_id, t, "Ambulant", VANDAAG)
    qtbot.addWidget(dlg)
    zorg.verwijder_toewijzing(bram, tid, t.version)
    dlg.einddatum.setText("31-12-2026")
    gezien = conflict.antwoord("annuleren")
    ok(dlg)
    assert "bestaat niet meer" in gezien["titel"] and not gezien["herladen_kan"]
    assert "Einddatum: 31-12-2026" in gezien["invoer"] and gezien["klembord"] == gezien["invoer"]
    assert dlg.result() == 0 and dlg.einddatum.text() == "31-12-2026"
    assert zorg.toewijzingen(team_store, dossier_id) == []


def test_closing_a_dossier_changed_in_the_other_window(qtbot, team_store, bram, conflict):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    versie = dossiers.detail(team_store, dossier_id).version
    dlg = AfsluitDialog(team_store, dossier_id, versie, VANDAAG)
    qtbot.addWidget(dlg)
    caseload.zet_tweede_persoon(bram, dossier_id, versie, team_store.ids["Chantal Bakker"], VANDAAG)
    select_data(dlg.reden, "anders")
    dlg.toelichting.setPlainText("Gezin verhuist naar Groningen.")
    gezien = conflict.antwoord()
    ok(dlg)
    assert "Toelichting: Gezin verhuist naar Groningen." in gezien["invoer"]
    assert dossiers.detail(team_store, dossier_id).afgesloten_op is None
    assert dlg.toelichting.toPlainText() == "Gezin verhuist naar Groningen." and dlg.version == versie + 1
    ok(dlg)
    d = dossiers.detail(team_store, dossier_id)
    assert dlg.result() == 1 and (d.afgesloten_op, d.afsluitreden) == (VANDAAG, "anders")


def test_removing_a_toewijzing_changed_in_the_other_window(qtbot, team_store, bram, conflict, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    zorg.voeg_toewijzing_toe(team_store, dossier_id, AMBULANT)
    win = DossierWindow(team_store, dossier_id, VANDAAG)
    qtbot.addWidget(win)
    tab = win.toewijzingen_tab
    tab.view.selectRow(0)
    [t] = zorg.toewijzingen(bram, dossier_id)
    zorg.wijzig_toewijzing(bram, t.id, t.version, replace(t.invoer(), geschatte_kosten=7000))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    gezien = conflict.antwoord()
    tab.verwijderen()
    assert "Bram Jansen" in gezien["titel"] and not gezien["invoer_zichtbaar"]
    assert [r.geschatte_kosten for r in tab.rows] == [7000]  # reloaded, still there
    assert tab.selected() is not None and tab.selected().version == 2
    tab.verwijderen()  # now on the fresh version
    assert zorg.toewijzingen(team_store, dossier_id) == []


def test_reassignment_refused_on_a_stale_dossier_then_done_on_a_fresh_proposal(qtbot, team_store, bram, conflict):
    ids = team_store.ids
    dossier_ids = [assign(team_store, key, "Anouk de Vries") for key in ("wacht_normaal", "wacht_spoed")]
    caseload.markeer_afwezig(team_store, ids["Anouk de Vries"], VANDAAG, VANDAAG)
    c = next(c for c in caseload.consulenten(team_store, VANDAAG) if c.naam == "Anouk de Vries")
    dlg = HerverdelingDialog(team_store, c, VANDAAG)
    qtbot.addWidget(dlg)
    dlg.show()
    veranderd = dossier_ids[1]
    caseload.zet_tweede_persoon(bram, veranderd, dossiers.detail(bram, veranderd).version, ids["Chantal Bakker"],
                                VANDAAG)
    gezien = conflict.antwoord()
    dlg.uitvoeren()
    qtbot.waitUntil(lambda: "gesloten" in gezien, timeout=10000)
    assert "Bram Jansen" in gezien["titel"] and gezien["herladen_kan"]
    assert all(dossiers.detail(team_store, d).consulent == "Anouk de Vries" for d in dossier_ids)  # none moved
    qtbot.waitUntil(lambda: dlg.buttons.isEnabled())
    versies = {v.dossier_id: v.version for v in dlg.voorstel}
    assert versies[veranderd] == dossiers.detail(team_store, veranderd).version  # the fresh proposal
    dlg.uitvoeren()
    qtbot.waitUntil(lambda: dlg.verplaatst is not None, timeout=10000)
    assert dlg.verplaatst == 2
    assert all(dossiers.detail(team_store, d).consulent != "Anouk de Vries" for d in dossier_ids)
