"""The Instellingen dialog: shows the stored values, refuses bad ones at the field, saves all at once."""

from PySide6.QtWidgets import QAbstractSpinBox, QComboBox

from jet_desktop.domain.instellingen import REGISTER, STANDAARDEN
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
    assert dlg.drempel.value() == 1  # below the registry's minimum: the spin box cannot hold it
    dlg._save()
    assert dlg.result() != dlg.DialogCode.Accepted
    assert dlg.errors["team_naam"].isVisible() and "Team" in dlg.errors["team_naam"].text()
    assert not dlg.errors["publicatie_drempel"].text()
    assert settings.get(team_store, "team_naam") == "Jeugdexpertteam"



def test_every_value_the_dialog_allows_is_one_the_service_accepts_and_no_more(qtbot, team_store):
    """The dialog's spin boxes ran 0..1000 while the service refused 0 and anything above 100/365:
    a user could pick a value that only failed at Opslaan. Their ends must be the service's ends."""
    dlg = InstellingenDialog(team_store)
    qtbot.addWidget(dlg)
    spins = {naam: w for naam, w in dlg.widgets.items() if isinstance(w, QAbstractSpinBox)}
    assert len(spins) == 8  # drempel, backups, bewaartermijn, caseloadnorm, triagenorm, three startnormen
    for naam, box in spins.items():
        oud = box.value()
        for waarde in (box.minimum(), box.maximum()):
            box.setValue(waarde)
            waarden = dlg.waarden()
            if naam.startswith("norm_start_"):  # alone: the order rule spoed <= hoog <= normaal is another check
                waarden["norm_start_dagen"] = dict.fromkeys(waarden["norm_start_dagen"], waarde)
            fouten = [e for e in settings.valideer(waarden) if e.field == naam]
            assert not fouten, f"{naam}={waarde}: the dialog allows it, the service refuses it: {fouten}"
        box.setValue(oud)


def test_the_dialog_is_the_registry_label_unit_range_and_explanation(qtbot, team_store):
    dlg = InstellingenDialog(team_store)
    qtbot.addWidget(dlg)
    labels = [dlg.form.labelForField(dlg.form.itemAt(i, dlg.form.ItemRole.FieldRole).widget()).text()
              for i in range(dlg.form.rowCount())]
    verwacht = [d.label for i in REGISTER for d in (i.delen or (i,))]
    assert labels == verwacht
    for inst in (d for i in REGISTER for d in (i.delen or (i,))):
        w = dlg.widgets[inst.veld]
        assert w.toolTip() == inst.uitleg
        if isinstance(w, QAbstractSpinBox):
            assert (w.minimum(), w.maximum()) == (inst.minimum, inst.maximum), inst.sleutel
            assert w.suffix() == (f" {inst.eenheid}" if inst.eenheid else "")
        elif isinstance(w, QComboBox):
            assert [w.itemData(k) for k in range(w.count())] == list(inst.keuzes)
    assert dlg.caseload_norm.suffix() == " dossiers per FTE" and dlg.caseload_norm.value() == 16.0
    assert dlg.bewaartermijn.minimum() == 15 and dlg.bewaartermijn.maximum() == 115


def test_saving_the_dialog_unchanged_keeps_every_default(qtbot, team_store):
    dlg = InstellingenDialog(team_store)
    qtbot.addWidget(dlg)
    assert dlg.waarden() == settings.alle(team_store)
    dlg._save()
    assert dlg.result() == dlg.DialogCode.Accepted
    assert settings.alle(team_store) == STANDAARDEN
