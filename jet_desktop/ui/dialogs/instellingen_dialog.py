"""Instellingen of the team: report header, names on printed lists, publication threshold, norms.

Saved together in one transaction (services.settings.put_many), after validation.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QSpinBox

from jet_desktop.domain.enums import Urgentie
from jet_desktop.services import settings
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.dialog_base import FormDialog
from jet_desktop.ui.widgets import select_data


def _spin(lo: int, hi: int, value: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(lo, hi)
    box.setValue(int(value))
    box.setSuffix(suffix)
    return box


class InstellingenDialog(FormDialog):
    def __init__(self, store: Store, parent=None):
        super().__init__("Instellingen", parent)
        self.store = store
        huidig = settings.alle(store)
        self.layout_.insertWidget(0, QLabel("Deze instellingen gelden voor het hele team (ze staan in de gegevensset)."))
        self.organisatie = self.row("Organisatie", QLineEdit(huidig["organisatie_naam"]), "organisatie_naam")
        self.team = self.row("Team", QLineEdit(huidig["team_naam"]), "team_naam")
        self.naamweergave = QComboBox()
        for key, label in settings.NAAMWEERGAVE.items():
            self.naamweergave.addItem(label, key)
        select_data(self.naamweergave, huidig["rapport_naamweergave"])
        self.row("Namen op afgedrukte lijsten", self.naamweergave, "rapport_naamweergave")
        self.drempel = self.row("Drempel voor publicatie", _spin(0, 1000, huidig["publicatie_drempel"]),
                                "publicatie_drempel")
        self.drempel.setToolTip("Aantallen kleiner dan dit getal worden in publicatie-exports onderdrukt.")
        self.backups = self.row("Reservekopieën bewaren", _spin(0, 1000, huidig["backups_bewaren"], " dagen"),
                                "backups_bewaren")
        self.backups.setToolTip("Bij de eerste start van de dag wordt een reservekopie gemaakt; zoveel blijven bewaard.")
        self.bewaartermijn = self.row("Bewaartermijn dossiers", _spin(0, 1000, huidig["bewaartermijn_jaren"], " jaar"),
                                      "bewaartermijn_jaren")
        self.bewaartermijn.setToolTip("Jeugdwet art. 7.3.9: 20 jaar na de laatste wijziging (15 jaar vóór 2020). "
                                      "Controleer de actuele tekst op wetten.overheid.nl.")
        self.caseload_norm = QDoubleSpinBox()
        self.caseload_norm.setRange(0, 1000)
        self.caseload_norm.setDecimals(1)
        self.caseload_norm.setValue(float(huidig["caseload_norm_per_fte"]))
        self.caseload_norm.setSuffix(" dossiers per FTE")
        self.row("Caseloadnorm", self.caseload_norm, "caseload_norm_per_fte")
        self.triage = self.row("Triagenorm", _spin(0, 1000, huidig["norm_triage_werkdagen"], " werkdagen"),
                               "norm_triage_werkdagen")
        self.start = {}
        for u in Urgentie:
            self.start[u] = self.row(f"Startnorm {u.label.lower()}",
                                     _spin(0, 10000, huidig["norm_start_dagen"][u.value], " dagen"),
                                     f"norm_start_{u.value}")
        self.resize(520, 500)
        self.finish_layout()

    def waarden(self) -> dict:
        return {
            "organisatie_naam": self.organisatie.text().strip(),
            "team_naam": self.team.text().strip(),
            "rapport_naamweergave": self.naamweergave.currentData(),
            "publicatie_drempel": self.drempel.value(),
            "backups_bewaren": self.backups.value(),
            "bewaartermijn_jaren": self.bewaartermijn.value(),
            "caseload_norm_per_fte": self.caseload_norm.value(),
            "norm_triage_werkdagen": self.triage.value(),
            "norm_start_dagen": {u.value: box.value() for u, box in self.start.items()},
        }

    def save(self):
        settings.put_many(self.store, self.waarden())
