"""Two application instances on one store, in the GUI: the same record open in two windows or dialogs,
the first saves, the second save is refused and opens the merge ("Wijziging samenvoegen"): per field
the value both started from, the colleague's and the user's; a field only one of them changed is taken
as is, a field both changed waits for a choice; Opslaan stores the merged values on the fresh version.
Annuleren saves nothing and leaves the typed input. A record that is gone cannot be merged: the old
conflict dialog shows the typed text to copy (also used, with "Opnieuw laden", where nothing was typed)."""

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
from jet_desktop.ui.dialogs.caseload_dialogs import KlikDialog, TweedeDialog, WisselDialog
from jet_desktop.ui.dialogs.dossier_dialogs import AfsluitDialog
from jet_desktop.ui.dialogs.herverdeling_dialog import HerverdelingDialog
from jet_desktop.ui.dialogs.triage_dialog import TriageDialog
from jet_desktop.ui.dialogs.wijziging_conflict import HERLADEN, WijzigingConflictDialog, ingevuld
from jet_desktop.ui.dialogs.zorgtoewijzing_dialog import BeeindigDialog, ZorgtoewijzingDialog
from jet_desktop.ui.dossier.window import DossierWindow
from jet_desktop.ui.samenvoegen import SamenvoegDialog
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


def tekst(w) -> str:
    return w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()


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

    def samenvoegen(self, keuzes: dict[str, str] | None = None, annuleren: bool = False) -> dict:
        """Answer the next merge dialog: per field "ander", "mijn" or a merged text, then Opslaan (or
        Annuleren); returns what it showed."""
        self.verwacht.append(("samenvoegen", (keuzes or {}, annuleren)))
        self.gezien.append({})
        return self.gezien[-1]

    def _poll(self):
        dlg = QApplication.activeModalWidget()
        if isinstance(dlg, SamenvoegDialog) and dlg.isVisible():
            return self._samenvoegen(dlg)
        if not isinstance(dlg, WijzigingConflictDialog) or not dlg.isVisible():
            return
        if self.verwacht and self.verwacht[0][0] == "samenvoegen":
            self.onverwacht += 1
            dlg.annuleer_knop.click()
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

    def _samenvoegen(self, dlg: SamenvoegDialog):
        if not self.verwacht or self.verwacht[0][0] != "samenvoegen":
            self.onverwacht += 1
            dlg.annuleer_knop.click()
            return
        _, (keuzes, annuleren) = self.verwacht.pop(0)
        gezien = self.gezien[len(self.gezien) - len(self.verwacht) - 1]
        gezien.update(titel=dlg.titel.text(), uitleg=dlg.uitleg.text(), opslaan_kan=[dlg.opslaan.isEnabled()],
                      volgorde=list(dlg.widget.rijen), rijen={
                          veld: {"label": rij.versie.label, "basis": tekst(rij.kolommen[0]),
                                 "ander": tekst(rij.kolommen[1]), "mij": tekst(rij.kolommen[2]),
                                 "status": rij.status.text(), "open": rij.open, "kiesbaar": not rij.neem_mijn.isHidden(),
                                 "samen": tekst(rij.samen)}
                          for veld, rij in dlg.widget.rijen.items()})
        for veld, keuze in keuzes.items():
            rij = dlg.widget.rijen[veld]
            if keuze == "ander":
                rij.neem_ander.click()
            elif keuze == "mijn":
                rij.neem_mijn.click()
            else:  # a merged text, typed over the chosen side
                if rij.open:
                    rij.neem_mijn.click()
                rij.samen.setPlainText(keuze)
            gezien["opslaan_kan"].append(dlg.opslaan.isEnabled())
        (dlg.annuleer_knop if annuleren else dlg.opslaan).click()
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

def twee_plannen(qtbot, team_store, bram, dossier_id):
    win_a, win_b = DossierWindow(team_store, dossier_id, VANDAAG), DossierWindow(bram, dossier_id, VANDAAG)
    for w in (win_a, win_b):
        qtbot.addWidget(w)
        w.show()
    return win_a, win_b


def test_plan_changes_to_different_fields_are_merged_without_a_question(qtbot, team_store, bram, conflict):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    zorg.sla_plan_op(team_store, dossier_id, None, PlanInvoer(va_kind="Finn is somber."))
    win_a, win_b = twee_plannen(qtbot, team_store, bram, dossier_id)
    plan_a, plan_b = win_a.plan_tab, win_b.plan_tab
    plan_b.velden["va_school"].setPlainText("Mentor meldt verzuim.")
    assert plan_b.save() is True

    plan_a.velden["va_netwerk"].setPlainText("Opa haalt Finn van school.")
    plan_a.doelen.setPlainText("Finn gaat weer elke dag naar school.")
    gezien = conflict.samenvoegen()
    assert plan_a.save() is True  # the refused save, merged, then saved on the fresh version
    assert "Bram Jansen" in gezien["titel"] and "ondersteuningsplan" in gezien["titel"]
    assert gezien["opslaan_kan"] == [True]  # nothing both changed: nothing to decide
    rijen = gezien["rijen"]
    assert set(rijen) == {"va_school", "va_netwerk", "doelen"}  # va_kind: nobody changed it, not offered
    assert rijen["va_school"]["ander"] == "Mentor meldt verzuim." and rijen["va_school"]["mij"] == ""
    assert "Alleen Bram Jansen" in rijen["va_school"]["status"]
    assert rijen["va_netwerk"]["mij"] == "Opa haalt Finn van school." and "Alleen u" in rijen["va_netwerk"]["status"]
    p = zorg.ondersteuningsplan(bram, dossier_id)
    assert (p.version, p.va_kind, p.va_school, p.va_netwerk, p.doelen, p.updated_by) == (
        3, "Finn is somber.", "Mentor meldt verzuim.", "Opa haalt Finn van school.",
        "Finn gaat weer elke dag naar school.", "Teamleider Test")
    assert plan_a.version == 3 and plan_a.concept() is None


BEGIN_KIND = "Finn (12) is somber sinds de scheiding van zijn ouders en trekt zich terug op zijn kamer."
KIND_BRAM = BEGIN_KIND + "\nHij heeft sinds kort buikpijn op maandagochtend."
KIND_MIJ = BEGIN_KIND + "\nOpa is een belangrijke steun: hij haalt Finn twee keer per week op."


def test_a_plan_field_both_changed_waits_for_a_choice_and_stores_what_was_chosen(qtbot, team_store, bram, conflict):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    zorg.sla_plan_op(team_store, dossier_id, None, PlanInvoer(va_kind=BEGIN_KIND, doelen="Oude doelen."))
    win_a, win_b = twee_plannen(qtbot, team_store, bram, dossier_id)
    plan_a, plan_b = win_a.plan_tab, win_b.plan_tab
    plan_b.velden["va_kind"].setPlainText(KIND_BRAM)
    plan_b.velden["va_school"].setPlainText("Mentor meldt verzuim.")
    plan_b.doelen.setPlainText("Doelen van Bram.")
    assert plan_b.save() is True

    plan_a.velden["va_kind"].setPlainText(KIND_MIJ)
    plan_a.doelen.setPlainText("Mijn doelen.")
    gezien = conflict.samenvoegen({"va_kind": "ander", "doelen": "Doelen van Bram.\nMijn doelen."})
    assert plan_a.save() is True
    assert gezien["volgorde"][:2] == ["va_kind", "doelen"]  # the conflicts first
    kind = gezien["rijen"]["va_kind"]
    assert (kind["basis"], kind["ander"], kind["mij"]) == (BEGIN_KIND, KIND_BRAM, KIND_MIJ)
    assert kind["open"] and "Nog kiezen" in kind["status"] and kind["samen"] == ""
    assert gezien["rijen"]["doelen"]["basis"] == "Oude doelen."
    assert gezien["opslaan_kan"] == [False, False, True]  # Opslaan only once both conflicts are decided
    p = zorg.ondersteuningsplan(team_store, dossier_id)
    assert (p.version, p.va_kind, p.va_school, p.doelen) == (
        3, KIND_BRAM, "Mentor meldt verzuim.", "Doelen van Bram.\nMijn doelen.")


def test_choosing_my_version_keeps_the_colleagues_other_fields(qtbot, team_store, bram, conflict):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    zorg.sla_plan_op(team_store, dossier_id, None, PlanInvoer(va_kind="Eerste.", doelen="Oude doelen."))
    win = DossierWindow(team_store, dossier_id, VANDAAG)
    qtbot.addWidget(win)
    zorg.sla_plan_op(bram, dossier_id, 1, PlanInvoer(va_kind="Van Bram.", va_ouders="Moeder werkt.",
                                                     doelen="Oude doelen."))
    win.plan_tab.velden["va_kind"].setPlainText("Van mij.")
    gezien = conflict.samenvoegen({"va_kind": "mijn"})
    assert win.plan_tab.save() is True
    assert gezien["opslaan_kan"] == [False, True]
    p = zorg.ondersteuningsplan(team_store, dossier_id)
    assert (p.va_kind, p.va_ouders, p.doelen) == ("Van mij.", "Moeder werkt.", "Oude doelen.")


def test_annuleren_keeps_the_form_as_typed_and_saves_nothing(qtbot, team_store, bram, conflict):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    zorg.sla_plan_op(team_store, dossier_id, None, PlanInvoer(va_kind="Eerste."))
    win = DossierWindow(team_store, dossier_id, VANDAAG)
    qtbot.addWidget(win)
    zorg.sla_plan_op(bram, dossier_id, 1, PlanInvoer(va_kind="Van Bram."))
    win.plan_tab.velden["va_kind"].setPlainText("Mijn tekst.")
    gezien = conflict.samenvoegen({"va_kind": "ander"}, annuleren=True)
    assert win.plan_tab.save() is False
    assert gezien["gesloten"] and gezien["rijen"]["va_kind"]["ander"] == "Van Bram."
    assert win.plan_tab.velden["va_kind"].toPlainText() == "Mijn tekst." and win.plan_tab.version == 1
    assert "Niet opgeslagen" in win.plan_tab.algemeen.text() and "Bram Jansen" in win.plan_tab.algemeen.text()
    assert zorg.ondersteuningsplan(team_store, dossier_id).va_kind == "Van Bram."
    # saving again: the merge again, against the same stored version
    conflict.samenvoegen({"va_kind": "mijn"})
    assert win.plan_tab.save() is True
    p = zorg.ondersteuningsplan(team_store, dossier_id)
    assert (p.version, p.va_kind) == (3, "Mijn tekst.")


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
    samen = "Anouk: veiligheidssignaal van de huisarts.\nBram: school meldt nieuwe zorgen."
    gezien = conflict.samenvoegen({"urgentie": "mijn", "motivering": samen})
    dlg_a.save()
    assert dlg_a.result() == 1
    assert "Bram Jansen" in gezien["titel"]
    rijen = gezien["rijen"]
    assert (rijen["motivering"]["basis"], rijen["motivering"]["ander"], rijen["motivering"]["mij"]) == (
        "", "Bram: school meldt nieuwe zorgen.", "Anouk: veiligheidssignaal van de huisarts.")
    assert (rijen["urgentie"]["basis"], rijen["urgentie"]["ander"], rijen["urgentie"]["mij"]) == (
        "Normaal", "Hoog", "Spoed")
    assert rijen["uitkomst"]["ander"].startswith("Specialistische jeugdhulp") and not rijen["uitkomst"]["open"]
    assert gezien["opslaan_kan"] == [False, False, True]
    hist = triage.besluit_historie(team_store, aid)
    assert [(b.motivering, b.urgentie.value, b.uitkomst.value, b.actueel) for b in hist][:2] == [
        (samen, "spoed", "specialistische_jeugdhulp", True),
        ("Bram: school meldt nieuwe zorgen.", "hoog", "specialistische_jeugdhulp", False)]
    assert len(hist) == 3


def test_triage_annuleren_records_nothing(qtbot, team_store, bram, conflict):
    aid = team_store.regs["wacht_normaal"].aanmelding_id
    versie = next(r.version for r in wachtlijst.alle(team_store) if r.aanmelding_id == aid)
    dlg = TriageDialog(team_store, aid, versie, "Daan", VANDAAG)
    qtbot.addWidget(dlg)
    triage.neem_besluit(bram, aid, versie, triage.BesluitInvoer(
        uitkomst="specialistische_jeugdhulp", urgentie="hoog", motivering="Bram: nieuwe zorgen.", besloten_op=VANDAAG), VANDAAG)
    dlg.motivering.setPlainText("Mijn motivering.")
    conflict.samenvoegen(annuleren=True)
    dlg.save()
    assert dlg.result() == 0 and dlg.version == versie and dlg.motivering.toPlainText() == "Mijn motivering."
    assert "Niet opgeslagen" in dlg.algemeen.text()
    assert len(triage.besluit_historie(team_store, aid)) == 2


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
    gezien = conflict.samenvoegen()
    ok(dlg_a)
    assert dlg_a.result() == 1
    rijen = gezien["rijen"]
    assert (rijen["vaste_consulent"]["basis"], rijen["vaste_consulent"]["ander"]) == ("Anouk de Vries", "Bram Jansen")
    assert not rijen["vaste_consulent"]["kiesbaar"] and "blijft staan" in rijen["vaste_consulent"]["status"]
    assert rijen["toelichting"]["mij"] == "Chantal spreekt Pools met moeder."
    assert gezien["opslaan_kan"] == [True]
    hist = caseload.consulent_historie(team_store, dossier_id)
    assert [(h.van, h.naar, h.toelichting, h.door) for h in hist][1:] == [
        ("Anouk de Vries", "Bram Jansen", "", "Bram Jansen"),
        ("Bram Jansen", "Chantal Bakker", "Chantal spreekt Pools met moeder.", "Teamleider Test")]


def test_tweede_persoon_chosen_differently_in_two_dialogs(qtbot, team_store, bram, conflict):
    ids = team_store.ids
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    rij = dossier_rij(team_store, ids["Anouk de Vries"], dossier_id)
    dlg = TweedeDialog(team_store, rij, VANDAAG)
    qtbot.addWidget(dlg)
    caseload.zet_tweede_persoon(bram, dossier_id, rij.version, ids["Bram Jansen"], VANDAAG)
    select_data(dlg.tweede, ids["Chantal Bakker"])
    gezien = conflict.samenvoegen({"tweede_consulent": "mijn"})
    ok(dlg)
    assert dlg.result() == 1
    t = gezien["rijen"]["tweede_consulent"]
    assert t["basis"] == "— geen —" and t["ander"].startswith("Bram Jansen") and t["mij"].startswith("Chantal")
    assert gezien["opslaan_kan"] == [False, True]
    assert dossier_rij(team_store, ids["Anouk de Vries"], dossier_id).tweede == "Chantal Bakker"


def test_klikgesprek_after_a_change_elsewhere_writes_nothing_until_merged(qtbot, team_store, bram, conflict):
    ids = team_store.ids
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    rij = dossier_rij(team_store, ids["Anouk de Vries"], dossier_id)
    dlg = KlikDialog(team_store, rij, VANDAAG)
    qtbot.addWidget(dlg)
    caseload.zet_tweede_persoon(bram, dossier_id, rij.version, ids["Chantal Bakker"], VANDAAG)
    dlg.toelichting.setPlainText("Goed gesprek, Finn voelt zich gehoord.")
    gezien = conflict.samenvoegen(annuleren=True)
    ok(dlg)
    assert gezien["rijen"]["tweede_persoon"]["ander"] == "Chantal Bakker"
    assert gezien["rijen"]["toelichting"]["mij"] == "Goed gesprek, Finn voelt zich gehoord."
    assert dossiers.detail(team_store, dossier_id).klikgesprekken == []  # the refused save left nothing
    assert dlg.result() == 0 and "Niet opgeslagen" in dlg.algemeen.text()
    conflict.samenvoegen()
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
    dlg_b.product.setText("Gezinsbehandeling thuis, profiel 2")
    ok(dlg_b)
    assert dlg_b.result() == 1

    dlg_a.product.setText("Gezinsbehandeling thuis, profiel 3")
    dlg_a.einddatum.setText("31-05-2027")
    gezien = conflict.samenvoegen({"product": "ander"})
    ok(dlg_a)
    assert dlg_a.result() == 1
    rijen = gezien["rijen"]
    assert (rijen["product"]["basis"], rijen["product"]["ander"], rijen["product"]["mij"]) == (
        "Gezinsbehandeling thuis", "Gezinsbehandeling thuis, profiel 2", "Gezinsbehandeling thuis, profiel 3")
    assert rijen["geschatte_kosten"]["ander"] == "€ 9.000" and rijen["geschatte_kosten"]["mij"] == "€ 6.500"
    assert rijen["einddatum"]["mij"] == "31-05-2027" and not rijen["einddatum"]["open"]
    assert gezien["opslaan_kan"] == [False, True]
    [t] = zorg.toewijzingen(bram, dossier_id)
    assert (t.version, t.product, t.einddatum, t.geschatte_kosten) == (
        3, "Gezinsbehandeling thuis, profiel 2", date(2027, 5, 31), 9000)


def test_closing_a_dossier_changed_in_the_other_window(qtbot, team_store, bram, conflict):
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    detail = dossiers.detail(team_store, dossier_id)
    dlg = AfsluitDialog(team_store, dossier_id, detail.version, VANDAAG, gelezen=detail)
    qtbot.addWidget(dlg)
    caseload.zet_tweede_persoon(bram, dossier_id, detail.version, team_store.ids["Chantal Bakker"], VANDAAG)
    select_data(dlg.reden, "anders")
    dlg.toelichting.setPlainText("Gezin verhuist naar Groningen.")
    gezien = conflict.samenvoegen(annuleren=True)
    ok(dlg)
    assert (gezien["rijen"]["tweede_persoon"]["basis"], gezien["rijen"]["tweede_persoon"]["ander"]) == ("geen", "Chantal Bakker")
    assert gezien["rijen"]["toelichting"]["mij"] == "Gezin verhuist naar Groningen."
    assert gezien["rijen"]["reden"]["mij"] == "Anders"
    assert dossiers.detail(team_store, dossier_id).afgesloten_op is None  # Annuleren: nothing saved
    assert dlg.toelichting.toPlainText() == "Gezin verhuist naar Groningen." and dlg.version == detail.version
    conflict.samenvoegen()
    ok(dlg)
    d = dossiers.detail(team_store, dossier_id)
    assert dlg.result() == 1 and (d.afgesloten_op, d.afsluitreden) == (VANDAAG, "anders")
    assert d.tweede == "Chantal Bakker"  # the colleague's change stays


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
    dlg.blijvend.setChecked(True)  # the permanent change (a waarneming is tests/services/test_waarneming.py)
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
