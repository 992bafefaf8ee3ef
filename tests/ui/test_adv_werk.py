"""Adversarial: two colleagues editing the same record must never lose work or overwrite each other's text
silently (the corrections of issue 10, the plan, the merge of stale saves)."""

from datetime import date

import pytest
from ui_support import VANDAAG, assign

from jet_desktop.domain.samenvoegen import Keuze
from jet_desktop.services import correcties, dossiers, zorg
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs import dialog_base
from jet_desktop.ui.dialogs.gegevens_dialogs import (
    AanmeldingDetailsDialog,
    ContactmomentWijzigDialog,
    GezinslidDialog,
    JeugdigeDialog,
)
from jet_desktop.ui.dossier import plan_tab
from jet_desktop.ui.dossier.window import DossierWindow


@pytest.fixture
def did(team_store):
    return assign(team_store, "wacht_hoog", "Anouk de Vries")  # Finn Mulder, geopend VANDAAG


@pytest.fixture
def collega(team_store):
    return Store(team_store.engine, user="Bram Collega", user_id=team_store.user_id)


class Merge:
    """Stands in for the merge dialog: records the versions shown, takes my version on a conflict."""

    def __init__(self, antwoord=Keuze.MIJN):
        self.versies, self.antwoord, self.keren = [], antwoord, 0

    def __call__(self, parent, versies, *_a, **_k):
        self.keren += 1
        self.versies = list(versies)
        if self.antwoord is None:
            return None  # Annuleren
        return {v.veld: v.waarde_van(self.antwoord if v.is_conflict else v.automatische_keuze) for v in self.versies}

    def soort(self, veld):
        return next(v for v in self.versies if v.veld == veld).soort.value


@pytest.fixture
def merge(monkeypatch):
    m = Merge()
    monkeypatch.setattr(dialog_base, "samenvoegen", m)
    monkeypatch.setattr(plan_tab, "samenvoegen", m)
    return m


def test_jeugdige_stale_save_merges_both_changes_and_the_history_tells_the_truth(qtbot, team_store, collega, did,
                                                                                   merge):
    dlg = JeugdigeDialog(team_store, did, VANDAAG)
    qtbot.addWidget(dlg)
    j = correcties.gegevens(team_store, did).jeugdige
    correcties.corrigeer_jeugdige(collega, did, 1, correcties.JeugdigeInvoer(**{**vars(j.invoer), "voornaam": "Fín"}),
                                  VANDAAG)
    dlg.w["school"].setText("De Wiekslag — groep 7 ë")
    dlg._save()
    assert merge.keren == 1 and merge.soort("voornaam") == "alleen_ander" and merge.soort("school") == "alleen_ik"
    nu = correcties.gegevens(team_store, did).jeugdige
    assert (nu.version, nu.invoer.voornaam, nu.invoer.school) == (3, "Fín", "De Wiekslag — groep 7 ë")
    regels = {(r.veld, r.oud, r.nieuw, r.gewijzigd_door) for r in correcties.dossiergeschiedenis(team_store, did)}
    assert ("Voornaam", "Finn", "Fín", "Bram Collega") in regels
    assert ("School", "", "De Wiekslag — groep 7 ë", "Teamleider Test") in regels
    assert not any(r[0] == "Voornaam" and r[3] == "Teamleider Test" for r in regels)  # mine did not revert it


def test_jeugdige_both_change_the_same_field_annuleren_then_opslaan_asks_again(qtbot, team_store, collega, did,
                                                                              merge):
    dlg = JeugdigeDialog(team_store, did, VANDAAG)
    qtbot.addWidget(dlg)
    j = correcties.gegevens(team_store, did).jeugdige
    correcties.corrigeer_jeugdige(collega, did, 1, correcties.JeugdigeInvoer(**{**vars(j.invoer), "adres": "Dorpsstraat 1"}),
                                  VANDAAG)
    dlg.w["adres"].setText("Kerkstraat 2")
    merge.antwoord = None
    dlg._save()  # Annuleren in the merge: nothing saved, my text stays
    assert dlg.w["adres"].text() == "Kerkstraat 2"
    assert correcties.gegevens(team_store, did).jeugdige.invoer.adres == "Dorpsstraat 1"
    merge.antwoord = Keuze.MIJN
    dlg._save()
    assert merge.keren == 2 and merge.soort("adres") == "conflict"
    assert correcties.gegevens(team_store, did).jeugdige.invoer.adres == "Kerkstraat 2"


def test_gezinslid_gezag_changed_by_a_colleague_is_kept_when_i_change_the_telefoon(qtbot, team_store, collega, did,
                                                                                   merge):
    lid_id = correcties.voeg_gezinslid_toe(team_store, did, correcties.GezinslidInvoer("Ria Mulder", "moeder", False))
    lid = next(r for r in correcties.gegevens(team_store, did).gezin.leden if r.id == lid_id)
    dlg = GezinslidDialog(team_store, did, lid)
    qtbot.addWidget(dlg)
    correcties.corrigeer_gezinslid(collega, did, lid_id, 1, correcties.GezinslidInvoer("Ria Mulder", "moeder", True))
    dlg.w["telefoon"].setText("06-12345678")
    dlg._save()
    nu = next(r for r in correcties.gegevens(team_store, did).gezin.leden if r.id == lid_id)
    assert (nu.invoer.gezag, nu.invoer.telefoon) == (True, "06-12345678")


def test_aanmelding_categories_added_by_a_colleague_survive_my_hulpvraag_edit(qtbot, team_store, collega, did, merge):
    dlg = AanmeldingDetailsDialog(team_store, did)
    qtbot.addWidget(dlg)
    a = correcties.gegevens(team_store, did).aanmelding
    cats = [*a.details.hulpvraag_categorieen, "school"] if "school" not in a.details.hulpvraag_categorieen else []
    correcties.corrigeer_aanmelding(collega, did, a.version,
                                    correcties.AanmeldingDetails(**{**vars(a.details), "hulpvraag_categorieen": cats}))
    lang = "Zorgen over slapen. " * 200 + "Ünïcode ✓"
    dlg.w["hulpvraag"].setPlainText(lang)
    dlg._save()
    nu = correcties.gegevens(team_store, did).aanmelding.details
    assert sorted(nu.hulpvraag_categorieen) == sorted(cats)
    assert nu.hulpvraag == lang.strip()


def test_contactmoment_removed_meanwhile_my_typed_note_is_shown_nothing_crashes(qtbot, team_store, collega, did,
                                                                              merge, monkeypatch):
    cid = dossiers.voeg_contactmoment_toe(team_store, did, VANDAAG, "huisbezoek", 60, "Kennismaking.", VANDAAG)
    dlg = ContactmomentWijzigDialog(team_store, cid, VANDAAG)
    qtbot.addWidget(dlg)
    correcties.verwijder_contactmoment(collega, cid, 1)
    getoond = []
    monkeypatch.setattr(dialog_base, "toon_conflict", lambda parent, exc, invoer, **k: getoond.append(invoer))
    dlg.w["notitie"].setPlainText("Mijn lange verslag van het gesprek.")
    dlg._save()
    assert merge.keren == 0
    assert ("Notitie", "Mijn lange verslag van het gesprek.") in getoond[0]
    assert dlg.w["notitie"].toPlainText() == "Mijn lange verslag van het gesprek."


def test_correction_on_a_dossier_closed_meanwhile_is_refused_and_the_input_stays(qtbot, team_store, collega, did):
    dlg = JeugdigeDialog(team_store, did, VANDAAG)
    qtbot.addWidget(dlg)
    versie = dossiers.detail(team_store, did).version
    dossiers.sluit_af(collega, did, versie, VANDAAG, "verhuisd", "", VANDAAG)
    dlg.w["school"].setText("Nieuwe school")
    dlg.show()
    dlg._save()
    assert dlg.isVisible() and "afgesloten" in dlg.algemeen.text()
    assert dlg.w["school"].text() == "Nieuwe school"


PLAN = dict(va_kind="Kind slaapt slecht.", va_ouders="Ouders moe.", doelen="Rust in huis.")


def test_plan_typed_in_the_window_survives_a_reload_and_does_not_revert_the_colleagues_text(
        qtbot, team_store, collega, did, merge):
    zorg.sla_plan_op(team_store, did, None, zorg.PlanInvoer(**PLAN))
    win = DossierWindow(team_store, did, VANDAAG)
    qtbot.addWidget(win)
    win.plan_tab.velden["va_school"].setPlainText("Mijn tekst over school.")
    versie = zorg.ondersteuningsplan(collega, did).version
    zorg.sla_plan_op(collega, did, versie, zorg.PlanInvoer(**{**PLAN, "va_kind": "Kind slaapt weer beter."}))
    win._na_correctie()  # the window reads the dossier again (after a correction, a contactmoment): my text stays
    assert win.plan_tab.velden["va_school"].toPlainText() == "Mijn tekst over school."
    assert win.plan_tab.save()
    assert merge.keren == 1 and merge.soort("va_kind") == "alleen_ander"
    p = zorg.ondersteuningsplan(team_store, did)
    assert (p.va_kind, p.va_school) == ("Kind slaapt weer beter.", "Mijn tekst over school.")


def test_plan_merge_annuleren_then_window_closed_asks(qtbot, team_store, collega, did, merge, monkeypatch):
    from jet_desktop.ui import onopgeslagen

    zorg.sla_plan_op(team_store, did, None, zorg.PlanInvoer(**PLAN))
    win = DossierWindow(team_store, did, VANDAAG)
    qtbot.addWidget(win)
    win.show()
    win.plan_tab.velden["va_kind"].setPlainText("Mijn versie.")
    versie = zorg.ondersteuningsplan(collega, did).version
    zorg.sla_plan_op(collega, did, versie, zorg.PlanInvoer(**{**PLAN, "va_kind": "Collega's versie."}))
    merge.antwoord = None
    assert not win.plan_tab.save()
    gevraagd = []
    monkeypatch.setattr(onopgeslagen, "vraag_opslaan",
                        lambda *a, **k: gevraagd.append(1) or onopgeslagen.ANNULEREN)
    win.reject()
    assert gevraagd and win.isVisible()
    assert win.plan_tab.velden["va_kind"].toPlainText() == "Mijn versie."


def test_geboortedatum_typed_back_to_the_stored_value_is_no_change(qtbot, team_store, did):
    dlg = JeugdigeDialog(team_store, did, VANDAAG)
    qtbot.addWidget(dlg)
    oud = dlg.w["geboortedatum"].text()
    dlg.w["geboortedatum"].setText("01-01-2015")
    assert dlg.heeft_wijzigingen()
    dlg.w["geboortedatum"].setText(oud)
    assert not dlg.heeft_wijzigingen()
    assert isinstance(date.today(), date)


def _draai(veld):
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    midden = QPointF(veld.width() / 2, veld.height() / 2)
    event = QWheelEvent(midden, QPointF(veld.mapToGlobal(midden.toPoint())), QPoint(), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(veld, event)


def test_the_wheel_over_choices_of_the_real_forms_changes_nothing(qtbot, team_store, did):
    from jet_desktop.ui.dialogs.aanmelding_dialog import AanmeldingDialog

    cid = dossiers.voeg_contactmoment_toe(team_store, did, VANDAAG, "huisbezoek", 60, "Kennismaking.", VANDAAG)
    contact = ContactmomentWijzigDialog(team_store, cid, VANDAAG)
    aanmelding = AanmeldingDialog(team_store, VANDAAG)
    details = AanmeldingDetailsDialog(team_store, did)
    for dlg in (contact, aanmelding, details):
        qtbot.addWidget(dlg)
        dlg.show()
    velden = [contact.w["type"], contact.w["duur_minuten"], contact.w["duur_minuten"].lineEdit(),
              aanmelding.verwijzer, aanmelding.regie, aanmelding.geslacht, details.w["verwijzer_route"],
              details.w["regie"]]
    for veld in velden:
        veld.window().activateWindow()
        doel = veld.parentWidget() if veld is contact.w["duur_minuten"].lineEdit() else veld
        voor = doel.currentIndex() if hasattr(doel, "currentIndex") else doel.value()
        _draai(veld)
        na = doel.currentIndex() if hasattr(doel, "currentIndex") else doel.value()
        assert na == voor, type(doel).__name__
    assert not contact.heeft_wijzigingen() and not details.heeft_wijzigingen()


def test_closing_the_dossier_with_an_unsaved_plan_asks_first_and_saves_it(qtbot, team_store, did, monkeypatch):
    from jet_desktop.ui import onopgeslagen
    from jet_desktop.ui.dossier import window as window_mod

    win = DossierWindow(team_store, did, VANDAAG)
    qtbot.addWidget(win)
    win.show()
    win.plan_tab.velden["va_kind"].setPlainText("Een uur typen aan de analyse.")
    gevraagd = []
    monkeypatch.setattr(onopgeslagen, "vraag_opslaan", lambda *a, **k: gevraagd.append(1) or onopgeslagen.OPSLAAN)

    class Afsluiten:  # the AfsluitDialog, accepted: the dossier is closed
        def __init__(self, store, dossier_id, version, vandaag, *_a):
            self.args = store, dossier_id, version, vandaag

        def exec(self):
            store, dossier_id, _version, vandaag = self.args
            dossiers.sluit_af(store, dossier_id, dossiers.detail(store, dossier_id).version, vandaag, "verhuisd", "",
                              vandaag)
            return True

    monkeypatch.setattr(window_mod, "AfsluitDialog", Afsluiten)
    win.afsluiten()
    assert gevraagd == [1]
    p = zorg.ondersteuningsplan(team_store, did)
    assert p is not None and p.va_kind == "Een uur typen aan de analyse."


def test_closing_the_dossier_annuleren_in_the_question_keeps_it_open(qtbot, team_store, did, monkeypatch):
    from jet_desktop.ui import onopgeslagen
    from jet_desktop.ui.dossier import window as window_mod

    win = DossierWindow(team_store, did, VANDAAG)
    qtbot.addWidget(win)
    win.show()
    win.plan_tab.velden["va_kind"].setPlainText("Getypt.")
    monkeypatch.setattr(onopgeslagen, "vraag_opslaan", lambda *a, **k: onopgeslagen.ANNULEREN)
    monkeypatch.setattr(window_mod, "AfsluitDialog", lambda *a: pytest.fail("no AfsluitDialog after Annuleren"))
    win.afsluiten()
    assert dossiers.detail(team_store, did).afgesloten_op is None
    assert win.plan_tab.velden["va_kind"].toPlainText() == "Getypt."
