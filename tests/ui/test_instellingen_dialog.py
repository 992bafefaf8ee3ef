"""The Instellingen dialog: shows the stored values, refuses bad ones at the field, saves all at once."""

from jet_desktop.services import settings
from jet_desktop.ui.dialogs.instellingen_dialog import InstellingenDialog
from jet_desktop.ui.widgets import select_data


def test_dialog_saves_names_setting_and_norms(qtbot, team_store):
    dlg = InstellingenDialog(team_store)
    qtbot.addWidget(dlg)
    assert dlg.drempel.value() == 5
    dlg.team.setText("JET Leeuwarden-Oost")
    select_data(dlg.naamweergave, "namen")
    dlg.start[next(iter(dlg.start))].setValue(2)  # spoed
    dlg._save()
    assert dlg.result() == dlg.DialogCode.Accepted
    assert settings.get(team_store, "team_naam") == "JET Leeuwarden-Oost"
    assert settings.get(team_store, "rapport_naamweergave") == "namen"
    assert settings.get(team_store, "norm_start_dagen")["spoed"] == 2


def test_dialog_refuses_an_empty_team_name_with_the_message_at_the_field(qtbot, team_store):
    dlg = InstellingenDialog(team_store)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.team.setText("")
    dlg.drempel.setValue(0)
    dlg._save()
    assert dlg.result() != dlg.DialogCode.Accepted
    assert dlg.errors["team_naam"].isVisible() and "Team" in dlg.errors["team_naam"].text()
    assert "Drempel" in dlg.errors["publicatie_drempel"].text()
    assert settings.get(team_store, "team_naam") == "Jeugdexpertteam"


def test_every_value_the_dialog_allows_is_one_the_service_accepts_and_no_more(qtbot, team_store):
    """The dialog's spin boxes ran 0..1000 while the service refused 0 and anything above 100/365:
    a user could pick a value that only failed at Opslaan. Their ends must be the service's ends."""
    from PySide6.QtWidgets import QAbstractSpinBox

    dlg = InstellingenDialog(team_store)
    qtbot.addWidget(dlg)
    basis = dlg.waarden()
    spins = {naam: w for naam, w in dlg.widgets.items() if isinstance(w, QAbstractSpinBox)} \
        if hasattr(dlg, "widgets") else {n: getattr(dlg, a) for n, a in (
            ("publicatie_drempel", "drempel"), ("backups_bewaren", "backups"),
            ("bewaartermijn_jaren", "bewaartermijn"), ("caseload_norm_per_fte", "caseload_norm"),
            ("norm_triage_werkdagen", "triage"))}
    assert len(spins) >= 5
    for naam, box in spins.items():
        for waarde in (box.minimum(), box.maximum()):
            box.setValue(waarde)
            fouten = [e for e in settings.valideer(dlg.waarden()) if e.field == naam]
            assert not fouten, f"{naam}={waarde}: the dialog allows it, the service refuses it: {fouten}"
        box.setValue(basis[naam] if naam in basis else box.minimum())
