"""The merge screen on its own (no form, no store): SamenvoegWidget over three dicts, SamenvoegDialog,
and the per-widget getter/setter a form uses to put merged values back."""

import os
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from jet_desktop.domain.samenvoegen import Keuze, NietCompleet, VeldVersies, versies_uit
from jet_desktop.ui.samenvoegen import SamenvoegDialog, SamenvoegWidget, samenvoegen
from jet_desktop.ui.veldwaarden import veld_ruw, weergave, zet_veld_waarde
from jet_desktop.ui.widgets import DateField

OP = datetime(2026, 12, 1, 20, 41, tzinfo=timezone.utc)
BASIS = {"kind": "Finn is somber.", "school": "", "doelen": "Naar school.", "datum": "01-03-2027", "ouders": "x"}
ANDER = {**BASIS, "school": "Mentor meldt verzuim.", "doelen": "Elke dag naar school.\nVaste vriend in de klas."}
MIJ = {**BASIS, "kind": "Finn is somber; opa is een steun.", "doelen": "Elke dag naar school.\nSlaapt door.",
       "datum": "15-02-2027"}
LABELS = {"kind": "Kind", "ouders": "Ouders", "school": "School", "doelen": "Doelen", "datum": "Evaluatiedatum"}


def versies():
    return versies_uit(BASIS, ANDER, MIJ, LABELS, lang={"kind", "ouders", "school", "doelen"})


def test_rows_for_what_differs_conflicts_first_with_dutch_headers(qtbot):
    w = SamenvoegWidget(versies(), "Bram Jansen", OP)
    qtbot.addWidget(w)
    assert list(w.rijen) == ["doelen", "kind", "school", "datum"]  # ouders: nobody changed it
    rij = w.rijen["doelen"]
    koppen = [lbl.text() for lbl in rij.findChildren(type(rij.titel))]
    stamp = OP.astimezone().strftime("%d-%m-%Y %H:%M")
    assert any("Beide begonnen met" in k for k in koppen)
    assert any(f"Collega: Bram Jansen ({stamp})" in k for k in koppen)
    assert any("U (nog niet opgeslagen)" in k for k in koppen)
    assert [c.toPlainText() for c in rij.kolommen] == [BASIS["doelen"], ANDER["doelen"], MIJ["doelen"]]
    assert rij.open and "Nog kiezen" in rij.status.text() and not rij.samen.isEnabled()
    assert rij.neem_ander.text() == "Versie van Bram Jansen nemen" and rij.neem_mijn.text() == "Mijn versie nemen"
    # one-sided: already taken, shown, pre-filled, still changeable
    assert w.rijen["school"].neem_ander.isChecked() and w.rijen["school"].samen.toPlainText() == ANDER["school"]
    assert w.rijen["kind"].neem_mijn.isChecked() and "Alleen u" in w.rijen["kind"].status.text()
    assert isinstance(w.rijen["datum"].samen, QLineEdit) and w.rijen["datum"].samen.text() == "15-02-2027"


def test_complete_once_each_conflict_is_decided_and_the_result_has_every_field(qtbot):
    w = SamenvoegWidget(versies(), "Bram Jansen", OP)
    qtbot.addWidget(w)
    assert not w.compleet
    with pytest.raises(NietCompleet):
        w.resultaat()
    with qtbot.waitSignal(w.compleet_gewijzigd) as sig:
        w.rijen["doelen"].neem_ander.click()
    assert sig.args == [True] and w.compleet
    assert w.rijen["doelen"].samen.toPlainText() == ANDER["doelen"] and w.rijen["doelen"].samen.isEnabled()
    assert w.resultaat() == {**MIJ, "school": ANDER["school"], "doelen": ANDER["doelen"]}
    # editing the merged text makes it a merged version of its own
    w.rijen["doelen"].samen.setPlainText("Elke dag naar school.\nVaste vriend.\nSlaapt door.")
    assert w.rijen["doelen"].keuze is Keuze.EIGEN and not w.rijen["doelen"].neem_ander.isChecked()
    assert "samengevoegde tekst" in w.rijen["doelen"].status.text()
    assert w.resultaat()["doelen"] == "Elke dag naar school.\nVaste vriend.\nSlaapt door."
    # taking a side again puts that side's text back
    w.rijen["doelen"].neem_mijn.click()
    assert w.rijen["doelen"].samen.toPlainText() == MIJ["doelen"] and w.resultaat()["doelen"] == MIJ["doelen"]
    # overruling a one-sided change
    w.rijen["school"].neem_mijn.click()
    assert w.resultaat()["school"] == ""
    # a short text typed in its line
    w.rijen["datum"].samen.setText("20-02-2027")
    w.rijen["datum"].samen.textEdited.emit("20-02-2027")
    assert w.resultaat()["datum"] == "20-02-2027"


def test_a_choice_field_and_a_field_outside_the_form(qtbot):
    w = SamenvoegWidget([
        VeldVersies("kosten", "Geschatte kosten", 6500, 9000, 7000, weergave=((6500, "€ 6.500"), (9000, "€ 9.000"),
                                                                           (7000, "€ 7.000"))),
        VeldVersies("tweede", "Tweede persoon", "geen", "Chantal Bakker", "geen", kiesbaar=False)], "Bram Jansen")
    qtbot.addWidget(w)
    kosten, tweede = w.rijen["kosten"], w.rijen["tweede"]
    assert [c.text() for c in kosten.kolommen] == ["€ 6.500", "€ 9.000", "€ 7.000"]
    kosten.neem_ander.click()
    assert kosten.samen.text() == "€ 9.000"
    assert tweede.neem_mijn.isHidden() and tweede.samen.isHidden() and "blijft staan" in tweede.status.text()
    assert w.resultaat() == {"kosten": 9000, "tweede": "Chantal Bakker"}


def test_nothing_in_common(qtbot):
    w = SamenvoegWidget(versies_uit({"a": "1"}, {"a": "1"}, {"a": "1"}, {"a": "A"}))
    qtbot.addWidget(w)
    assert w.rijen == {} and w.compleet and w.resultaat() == {"a": "1"}


def test_dialog_opslaan_only_when_complete_annuleren_gives_nothing(qtbot):
    dlg = SamenvoegDialog(versies(), "Bram Jansen", OP, "Het ondersteuningsplan")
    qtbot.addWidget(dlg)
    assert dlg.windowTitle() == "Wijziging samenvoegen"
    assert "Het ondersteuningsplan is intussen gewijzigd door Bram Jansen" in dlg.titel.text()
    assert "nog niet opgeslagen" in dlg.uitleg.text()
    assert not dlg.opslaan.isEnabled() and "Nog kiezen: Doelen." == dlg.nog.text()
    dlg.widget.rijen["doelen"].neem_mijn.click()
    assert dlg.opslaan.isEnabled() and "Alles is gekozen" in dlg.nog.text()
    dlg.widget.rijen["doelen"].neem_mijn.setChecked(False)  # cannot be unchosen by the button itself
    assert dlg.opslaan.isEnabled()

    def antwoord(klik):
        def poll():
            d = QApplication.activeModalWidget()
            if isinstance(d, SamenvoegDialog):
                if klik == "opslaan":
                    d.widget.rijen["doelen"].neem_ander.click()
                (d.opslaan if klik == "opslaan" else d.annuleer_knop).click()
            else:
                QTimer.singleShot(10, poll)
        QTimer.singleShot(10, poll)

    antwoord("annuleren")
    assert samenvoegen(None, versies(), "Bram Jansen", OP) is None
    antwoord("opslaan")
    assert samenvoegen(None, versies(), "Bram Jansen", OP)["doelen"] == ANDER["doelen"]


# ------------------------------------------------------------------- putting a value back into a widget

def test_getter_and_setter_round_trip_for_each_kind_of_field(qtbot):
    tekst, regel, datum, combo, vrij, spin = (QPlainTextEdit(), QLineEdit(), DateField(), QComboBox(), QComboBox(),
                                              QSpinBox())
    combo.addItem("— kies —", None)
    combo.addItem("Ambulant", "45")
    combo.addItem("Dagbehandeling", "46")
    vrij.addItems(["Ziekte", "Verlof"])
    spin.setRange(0, 100000)
    spin.setPrefix("€ ")
    spin.setLocale(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    spin.setGroupSeparatorShown(True)
    radios, checks = QWidget(), QWidget()
    rl, cl = QHBoxLayout(radios), QHBoxLayout(checks)
    groep = QButtonGroup(radios)
    for t in ("Spoed", "Hoog", "Normaal"):
        rb = QRadioButton(t)
        groep.addButton(rb)
        rl.addWidget(rb)
    for t in ("Thuis", "School"):
        cl.addWidget(QCheckBox(t))
    for w in (tekst, regel, datum, combo, vrij, spin, radios, checks):
        qtbot.addWidget(w)
    waarden = [(tekst, "Twee\nregels"), (regel, "Profiel 3"), (datum, "31-05-2027"), (combo, "46"), (vrij, "Verlof"),
               (spin, 9000), (radios, "Hoog"), (checks, "Thuis, School")]
    for w, waarde in waarden:
        zet_veld_waarde(w, waarde)
        assert veld_ruw(w) == waarde
    zet_veld_waarde(combo, "Ambulant")  # by text too
    zet_veld_waarde(combo, None)
    assert veld_ruw(combo) is None
    zet_veld_waarde(radios, "Normaal")
    zet_veld_waarde(checks, "School")
    zet_veld_waarde(datum, date(2027, 1, 2))
    assert (veld_ruw(radios), veld_ruw(checks), veld_ruw(datum)) == ("Normaal", "School", "02-01-2027")
    assert dict(weergave(combo, ()))["46"] == "Dagbehandeling" and dict(weergave(combo, ()))[None] == "— kies —"
    assert dict(weergave(vrij, ()))["Verlof"] == "Verlof"
    assert weergave(spin, (9000, 6500)) == ((9000, "€ 9.000"), (6500, "€ 6.500"))
    assert weergave(radios, ()) == (("Spoed", "Spoed"), ("Hoog", "Hoog"), ("Normaal", "Normaal"))
    assert weergave(tekst, ()) == () and weergave(datum, ()) == ()


# ------------------------------------------------------------------------------------------ screenshot

def test_screenshot_of_a_real_plan_conflict(qtbot, team_store, tmp_path):
    """A long plan text both changed; the merge dialog at 1280x800 (docs/screenshots/samenvoegen.png when
    JET_SCREENSHOTS names a folder)."""
    from ui_support import VANDAAG, assign

    from jet_desktop.services import zorg
    from jet_desktop.services.zorg import PlanInvoer
    from jet_desktop.storage.store import Store
    from jet_desktop.ui.dossier.window import DossierWindow

    bram = Store.open_file(tmp_path / "jet.db", user="Bram Jansen")
    bram.user_id = team_store.ids["Bram Jansen"]
    dossier_id = assign(team_store, "wacht_hoog", "Anouk de Vries")
    kind = ("Finn (15) is somber en trekt zich terug sinds de scheiding van zijn ouders, twee jaar geleden. "
            "Hij slaapt slecht en gamet tot diep in de nacht.")
    zorg.sla_plan_op(team_store, dossier_id, None, PlanInvoer(
        va_kind=kind, va_ouders="Moeder werkt fulltime in de zorg; vader woont in Leeuwarden.",
        doelen="Finn gaat weer naar school."))
    win = DossierWindow(team_store, dossier_id, VANDAAG)
    qtbot.addWidget(win)
    plan = zorg.ondersteuningsplan(bram, dossier_id)
    zorg.sla_plan_op(bram, dossier_id, plan.version, PlanInvoer(
        va_kind=kind + "\nSinds oktober heeft hij op maandagochtend buikpijn en blijft hij thuis.",
        va_ouders=plan.va_ouders,
        va_school="Mentor meldt verzuim: drie keer ziek gemeld in november. School wil een gesprek met moeder "
                  "en de intern begeleider.",
        doelen="Finn gaat weer elke dag naar school.\nMoeder en school hebben elke twee weken contact."))
    tab = win.plan_tab
    tab.velden["va_kind"].setPlainText(kind + "\nOpa is een belangrijke steun: hij haalt Finn twee keer per week "
                                              "op en ze vissen samen.")
    tab.doelen.setPlainText("Finn gaat weer elke dag naar school.\nFinn slaapt door en gamet niet na 22.00 uur.")
    tab.evaluatiedatum.setText("15-03-2027")
    uit = Path(os.environ.get("JET_SCREENSHOTS") or tmp_path)
    gezien = {}

    def poll():
        d = QApplication.activeModalWidget()
        if not isinstance(d, SamenvoegDialog):
            return QTimer.singleShot(10, poll)
        d.resize(1280, 800)
        d.widget.rijen["va_kind"].neem_mijn.click()
        d.widget.rijen["va_kind"].samen.setPlainText(
            kind + "\nSinds oktober heeft hij op maandagochtend buikpijn en blijft hij thuis."
            "\nOpa is een belangrijke steun: hij haalt Finn twee keer per week op en ze vissen samen.")
        QApplication.processEvents()
        d.grab().save(str(uit / "samenvoegen.png"))
        gezien["rijen"] = list(d.widget.rijen)
        d.annuleer_knop.click()

    QTimer.singleShot(10, poll)
    assert tab.save() is False
    assert gezien["rijen"] == ["va_kind", "doelen", "va_school", "evaluatiedatum"]
    assert (uit / "samenvoegen.png").stat().st_size > 10_000
    bram.engine.dispose()
