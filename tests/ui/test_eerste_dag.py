"""What misled a consulent and a teamleider on the first day (issue 15): a save that closes a dialog says
so in the status bar, the toewijs dialog warns about an absent tweede persoon and its legend's colours are
there, a colleague's caseload count is the team's (never a 0 that is only what this login may see), and a
long verwijzer is readable on hover."""

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel
from ui_support import VANDAAG, assign, when_modal
from wachtlijst_support import klaar

from jet_desktop.domain.enums import Rol
from jet_desktop.services import caseload
from jet_desktop.ui.dialogs.consulent_keuze import KOLOMMEN, kleur
from jet_desktop.ui.dialogs.consulent_toewijzen_dialog import ConsulentToewijzenDialog
from jet_desktop.ui.main_window import MainWindow
from jet_desktop.ui.pages.caseload_page import CaseloadPage
from jet_desktop.ui.widgets import select_data


@pytest.fixture
def window(qtbot, team_store):
    w = MainWindow("sqlite:///test")
    qtbot.addWidget(w)
    w.show()
    w.attach_store(team_store, VANDAAG)
    return w


def test_a_triagebesluit_saved_says_so_in_the_status_bar(window, qtbot):
    page = window.show_page("triage")

    def decide(dlg):
        dlg.set_uitkomst("specialistische_jeugdhulp")
        dlg.set_urgentie("hoog")
        dlg.motivering.setPlainText("Vermoeden van ontwikkelingsstoornis; VA nodig.")
        dlg.save()

    when_modal(decide)
    assert page.besluit() is True
    tekst = window.statusBar().currentMessage()
    assert tekst.startswith("Triagebesluit opgeslagen voor 2026-")
    assert tekst.endswith(": Specialistische jeugdhulp (matched care), urgentie hoog.")


def test_a_refused_save_says_nothing_in_the_status_bar(window):
    page = window.show_page("triage")
    window.statusBar().showMessage("eerder")

    def decide(dlg):
        dlg.set_uitkomst("zelf_oppakken")
        dlg.save()  # no motivering: refused, the dialog stays
        dlg.reject()

    when_modal(decide)
    assert page.besluit() is False
    assert window.statusBar().currentMessage() == "eerder"


def test_assigning_says_to_whom_and_warns_about_an_absent_tweede_persoon(window, team_store):
    caseload.markeer_afwezig(team_store, team_store.ids["Bram Jansen"], VANDAAG, VANDAAG + timedelta(days=14), "Ziekte")
    page = klaar(window.show_page("wachtlijst"))
    page.view.selectRow(0)
    gevraagd = []

    def kies(dlg):
        dlg.confirm = lambda tekst: gevraagd.append(tekst) or True
        dlg.tabel.select_id(team_store.ids["Chantal Bakker"])
        select_data(dlg.tweede, team_store.ids["Bram Jansen"])
        dlg.save()

    when_modal(kies)
    assert page.toewijzen() is True
    eind = (VANDAAG + timedelta(days=14)).strftime("%d-%m-%Y")
    assert gevraagd == [f"De tweede persoon, Bram Jansen, is afwezig tot {eind}. Toch toewijzen?"]
    assert window.statusBar().currentMessage() == (
        "Toegewezen aan Chantal Bakker, tweede persoon Bram Jansen; dossier gestart op 25-11-2026.")


def test_an_absent_tweede_persoon_not_confirmed_assigns_nothing(qtbot, team_store):
    caseload.markeer_afwezig(team_store, team_store.ids["Bram Jansen"], VANDAAG, VANDAAG + timedelta(days=3), "Verlof")
    dlg = ConsulentToewijzenDialog(team_store, team_store.regs["wacht_normaal"].aanmelding_id, "2026-00001 — Daan",
                                   VANDAAG)
    qtbot.addWidget(dlg)
    dlg.confirm = lambda tekst: False
    dlg.tabel.select_id(team_store.ids["Anouk de Vries"])
    select_data(dlg.tweede, team_store.ids["Bram Jansen"])
    dlg.save()
    assert dlg.dossier_id is None and dlg.result() == 0
    assert all(c.belasting == 0 for c in caseload.consulenten(team_store, VANDAAG))


def test_the_legend_colours_are_the_table_colours(qtbot, team_store):
    dlg = ConsulentToewijzenDialog(team_store, team_store.regs["wacht_normaal"].aanmelding_id, "2026-00001 — Daan",
                                   VANDAAG)
    qtbot.addWidget(dlg)
    model = dlg.tabel.model()
    kleuren = {model.index(r, 0).data(Qt.ItemDataRole.DisplayRole):
               model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole) for r in range(model.rowCount())}
    assert all(k is not None and k.color().green() > k.color().red() for k in kleuren.values())  # all have room
    vol = replace(caseload.consulenten(team_store, VANDAAG)[0], belasting=12, capaciteit=12)
    assert kleur(vol).color() == QColor("#fdf0c8") and kleur(replace(vol, belasting=13)).color() == QColor("#f8d4d4")
    assert kleur(replace(vol, afwezig_tot=VANDAAG)).color() == QColor("#e4e4e4")
    assert "Groen = ruimte" in " ".join(lab.text() for lab in dlg.findChildren(QLabel))
    assert [k.title for k in KOLOMMEN][-2:] == ["Ruimte", "Afwezig tot"]


def test_a_colleagues_caseload_shows_the_teams_count_not_what_this_login_sees(qtbot, team_store):
    for key in ("wacht_normaal", "wacht_spoed", "wacht_hoog"):
        assign(team_store, key, "Anouk de Vries")
    bram = replace(team_store, user="Bram Jansen", user_id=team_store.ids["Bram Jansen"], rol=Rol.CONSULENT)
    page = CaseloadPage(bram, VANDAAG)
    qtbot.addWidget(page)
    page.refresh()
    page.select_consulent("Anouk de Vries")
    titel = page.dossier_titel.text()
    assert "Anouk de Vries: 3 van 16" in titel and "0 van 16" not in titel
    assert "U ziet hiervan 0" in titel and "vaste consulent of tweede persoon" in titel
    assert page.dossier_model.rowCount() == 0  # the list itself still shows only what Bram may see
    page.select_consulent("Bram Jansen")  # his own: the plain count
    assert "Bram Jansen: 0 van 8 (+0 als tweede persoon)" in page.dossier_titel.text()


def test_a_long_verwijzer_is_readable_on_hover(window, team_store):
    page = klaar(window.show_page("wachtlijst"))
    kolom = next(i for i in range(page.model.columnCount())
                 if page.model.headerData(i, Qt.Orientation.Horizontal) == "Verwijzer")
    index = page.model.index(0, kolom)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data(Qt.ItemDataRole.DisplayRole) != ""
    assert page.view.columnWidth(kolom) >= 250


def test_an_absence_is_covered_by_a_waarneming_adjusted_per_dossier_and_comes_back(window, team_store):
    for key in ("wacht_normaal", "wacht_spoed", "wacht_hoog"):
        assign(team_store, key, "Anouk de Vries")
    cl = window.show_page("caseload")
    cl.refresh()
    cl.select_consulent("Anouk de Vries")
    caseload.markeer_afwezig(team_store, team_store.ids["Anouk de Vries"], VANDAAG, VANDAAG + timedelta(days=14),
                             "Ziekte")
    cl.refresh()
    cl.select_consulent("Anouk de Vries")
    gezien = {}

    def waarnemen(dlg):
        gezien["standaard_tijdelijk"] = dlg.tijdelijk.isChecked()
        gezien["keuze"] = dlg.tijdelijk.text()
        dlg.view.selectRow(0)
        select_data(dlg.naar, team_store.ids["Bram Jansen"])
        dlg.naar.activated.emit(dlg.naar.currentIndex())  # as a click in the list does
        gekozen = dlg._gekozen()
        gezien["eerste"] = dlg.voorstel[gekozen].naar_naam
        gezien["nog_gekozen"] = dlg._gekozen() == gekozen  # the same dossier stays chosen after re-sorting
        for rij in range(len(dlg.voorstel)):
            dlg.zet_naar(rij, team_store.ids["Bram Jansen"])
        gezien["samenvatting"] = dlg.samenvatting.text()
        dlg.grab().save("/tmp/waarneming.png")
        dlg.uitvoeren()

    when_modal(waarnemen)
    cl.herverdelen()
    assert gezien["standaard_tijdelijk"] and "tot en met 09-12-2026" in gezien["keuze"]
    assert gezien["eerste"] == "Bram Jansen" and gezien["nog_gekozen"]
    assert gezien["samenvatting"].startswith("Bram Jansen: +3 (0→3 van 8)")
    team = {c.naam: c for c in caseload.consulenten(team_store, VANDAAG)}
    assert team["Anouk de Vries"].belasting == 3  # still her dossiers: één vast gezicht
    assert "Waarneming vastgelegd voor 3 dossiers van Anouk de Vries" in window.statusBar().currentMessage()
    cl.select_consulent("Bram Jansen")
    assert cl.dossier_model.rowCount() == 3 and all(d.is_tweede for d in cl.dossier_model.rows)

    cl.vandaag = VANDAAG + timedelta(days=15)  # the day after the absence
    cl.refresh()
    assert "Waarneming beëindigd: 3 dossier(s) terug bij de vaste consulent" in window.statusBar().currentMessage()
    cl.select_consulent("Bram Jansen")
    assert cl.dossier_model.rowCount() == 0


def test_printing_the_wachtlijst_under_a_filter_says_the_report_is_the_whole_list(qtbot, window, monkeypatch):
    from wachtlijst_support import namen

    import jet_desktop.ui.dialogs.pdf_preview as preview

    page = klaar(window.show_page("wachtlijst"))
    page.zoek.setText("Eva")
    page._pas_filter_toe()
    assert namen(page) == ["Eva Smit"]
    gebouwd, gevraagd = [], []
    monkeypatch.setattr(preview, "afdrukken_op_achtergrond", lambda *a, **k: gebouwd.append(a))
    page.bevestig = lambda tekst: gevraagd.append(tekst) or False
    page.afdrukken()
    page.opslaan_als_pdf("/tmp/nooit.pdf")
    assert gebouwd == [] and len(gevraagd) == 2  # refused: the report would not be what the screen shows
    assert "Het filter „Eva” staat aan: u ziet 1 van de wachtenden" in gevraagd[0]
    assert page.zoek.text() == "Eva"
    page.bevestig = lambda tekst: True  # "Filter wissen en het hele wachtlijstrapport maken?" — ja
    page.afdrukken()
    assert len(gebouwd) == 1 and page.zoek.text() == ""
    assert len(namen(page)) == 3  # the screen shows the whole list the report holds


def test_putting_back_its_default_profile_says_so_not_opgeslagen(qtbot, window):
    from jet_desktop import teamserverprofiel as tp
    from jet_desktop.ui.dialogs.teamserverprofiel_dialog import TeamserverProfielDialog

    for pad, host in ((tp.machinebestand(), "jet-db.gemeente.local"), (tp.gebruikersbestand(), "mijn-server.local")):
        pad.parent.mkdir(parents=True, exist_ok=True)
        pad.write_text(f"[teamserver]\nhost = {host}\ndatabase = jet\n", encoding="utf-8")
    dlg = TeamserverProfielDialog(tp.laad(), window)
    qtbot.addWidget(dlg)
    dlg.standaard_knop.click()
    assert not tp.gebruikersbestand().exists()
    assert window.statusBar().currentMessage() == (
        "Uw eigen teamserverprofiel is weggehaald: het standaardprofiel van IT geldt weer.")
