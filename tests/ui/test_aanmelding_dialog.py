from datetime import date

from sqlalchemy import func, select
from ui_support import VANDAAG

from jet_desktop.services import triage
from jet_desktop.storage.models import Aanmelding, Jeugdige
from jet_desktop.ui.dialogs.aanmelding_dialog import AanmeldingDialog


def count(store, table):
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def fill(dlg, bsn=""):
    dlg.voornaam.setText("Noor")
    dlg.achternaam.setText("El Amrani")
    dlg.geboortedatum.setText("14-02-2015")
    dlg.bsn.setText(bsn)
    dlg.postcode.setText("8911 CD")
    dlg.woonplaats.setText("Leeuwarden")
    dlg.ouders[0].naam.setText("Samira El Amrani")
    dlg.ouders[0].gezag.setChecked(True)
    dlg.verwijzer.setCurrentIndex(dlg.verwijzer.findData("poh_jeugd"))
    dlg.organisatie.setText("Huisartsenpraktijk De Linde")
    dlg.hulpvraag.setPlainText("Angstklachten, wil niet naar school.")
    dlg.categorieen["school"].setChecked(True)


def test_register_through_the_form_puts_it_in_triage(qtbot, team_store):
    dlg = AanmeldingDialog(team_store, VANDAAG)
    qtbot.addWidget(dlg)
    fill(dlg, bsn="111222333")
    dlg.buttons.accepted.emit()
    assert dlg.result() == dlg.DialogCode.Accepted
    assert dlg.registratie.dossiernummer.startswith("2026-")
    queue = triage.triage_wachtrij(team_store, VANDAAG)
    noor = [r for r in queue if r.naam == "Noor El Amrani"]
    assert len(noor) == 1 and noor[0].verwijzer.startswith("POH Jeugd")


def test_invalid_bsn_is_refused_at_the_field_and_nothing_saved(qtbot, team_store):
    before = count(team_store, Aanmelding.__table__), count(team_store, Jeugdige.__table__)
    dlg = AanmeldingDialog(team_store, VANDAAG)
    qtbot.addWidget(dlg)
    dlg.show()
    fill(dlg, bsn="123456789")  # fails the eleven-test
    dlg.buttons.accepted.emit()
    assert dlg.isVisible() and dlg.registratie is None
    assert dlg.errors["bsn"].isVisible()
    assert "BSN" in dlg.errors["bsn"].text() and "elfproef" in dlg.errors["bsn"].text()
    assert "Niet opgeslagen" in dlg.summary.text()
    assert (count(team_store, Aanmelding.__table__), count(team_store, Jeugdige.__table__)) == before


def test_age_and_required_fields_are_named(qtbot, team_store):
    dlg = AanmeldingDialog(team_store, VANDAAG)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.geboortedatum.setText("01-01-1990")
    dlg.buttons.accepted.emit()
    assert "ouder dan 27" in dlg.errors["geboortedatum"].text()
    assert dlg.errors["voornaam"].text() == "Voornaam: verplicht."
    assert "Verwijzer" in dlg.errors["verwijzer_route"].text()


def test_unborn_child_with_due_date(qtbot, team_store):
    dlg = AanmeldingDialog(team_store, VANDAAG)
    qtbot.addWidget(dlg)
    fill(dlg)
    dlg.ongeboren.setChecked(True)
    assert dlg.geboortedatum.text() == "" and dlg.uitgerekende_datum.isEnabled()
    dlg.uitgerekende_datum.setText("01-03-2027")
    dlg.buttons.accepted.emit()
    assert dlg.registratie is not None
    queue = triage.triage_wachtrij(team_store, VANDAAG)
    assert any(r.uitgerekende_datum == date(2027, 3, 1) for r in queue)


def test_known_jeugdige_is_offered_for_reuse_not_duplicated(qtbot, team_store):
    first = AanmeldingDialog(team_store, VANDAAG)
    qtbot.addWidget(first)
    fill(first, bsn="111222333")
    first.buttons.accepted.emit()
    jeugdigen = count(team_store, Jeugdige.__table__)

    again = AanmeldingDialog(team_store, VANDAAG)
    qtbot.addWidget(again)
    fill(again)  # same name and birth date, no BSN this time
    again.voornaam.setText("noor")  # typed differently
    offered = []
    again.confirm_reuse = lambda bekende: offered.extend(bekende) or True
    again.buttons.accepted.emit()
    assert [b.naam for b in offered] == ["Noor El Amrani"]
    assert again.registratie.jeugdige_id == first.registratie.jeugdige_id
    assert count(team_store, Jeugdige.__table__) == jeugdigen


def test_sibling_is_suggested_and_linked_to_the_same_gezin(qtbot, team_store):
    first = AanmeldingDialog(team_store, VANDAAG)
    qtbot.addWidget(first)
    fill(first)
    first.buttons.accepted.emit()

    dlg = AanmeldingDialog(team_store, VANDAAG)
    qtbot.addWidget(dlg)
    dlg.show()
    fill(dlg)
    dlg.voornaam.setText("Yara")
    dlg.geboortedatum.setText("03-06-2018")
    dlg.ouders[0].naam.setText("")
    dlg._zoek_gezin()
    assert dlg.koppel_knop.isVisible() and "Noor El Amrani" in dlg.gezin_kandidaten.currentText()
    dlg.koppel_knop.click()
    assert "Samira El Amrani (gezag)" in dlg.gezin_hint.text()
    dlg.buttons.accepted.emit()
    from jet_desktop.services.aanmeldingen import gezin_van
    with team_store.engine.connect() as conn:
        gezin_id = conn.execute(select(Jeugdige.__table__.c.gezin_id)
                                .where(Jeugdige.__table__.c.id == dlg.registratie.jeugdige_id)).scalar_one()
    kinderen, ouders = gezin_van(team_store, gezin_id)
    assert sorted(k.naam for k in kinderen) == ["Noor El Amrani", "Yara El Amrani"]
    assert [o.naam for o in ouders] == ["Samira El Amrani"]


def test_linking_the_gezin_of_a_colleagues_dossier_hides_its_members(qtbot, team_store):
    """gezin_van always checks: a consulent may link a new sibling to the gezin of a colleague's dossier,
    but does not see its children, BSNs or the parents' phone numbers (and the refusal is logged)."""
    from dataclasses import replace

    from ui_support import assign

    from jet_desktop.domain.enums import Rol
    from jet_desktop.storage.models import Auditregel

    assign(team_store, "wacht_hoog", "Bram Jansen")  # Finn Mulder: Bram's dossier, no longer waiting
    anouk = replace(team_store, user="Anouk de Vries", user_id=team_store.ids["Anouk de Vries"], rol=Rol.CONSULENT)
    dlg = AanmeldingDialog(anouk, VANDAAG)
    qtbot.addWidget(dlg)
    dlg.achternaam.setText("Mulder")
    dlg.postcode.setText("8911 AB")
    dlg._zoek_gezin()
    assert dlg.gezin_kandidaten.count() == 1  # the candidate itself (name, birth date) is a logged lookup
    dlg._koppel_gezin()
    assert dlg.gezin_id is not None and "niet getoond" in dlg.gezin_hint.text()
    assert "Finn" not in dlg.gezin_hint.text()
    R = Auditregel.__table__
    with team_store.engine.connect() as conn:
        laatste = conn.execute(select(R.c.actie, R.c.objecttype).order_by(R.c.volgnummer.desc())).first()
    assert tuple(laatste) == ("geweigerd", "gezin")
