"""Instellingen of the team: report header, names on printed lists, publication threshold, norms.

Every row is generated from the settings registry (domain/instellingen.py): its label, the unit as the
spin box's suffix, the allowed range or choices, the explanation as tooltip. Saved together in one
transaction (services.settings.put_many), after validation.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QSpinBox, QWidget

from jet_desktop.domain.enums import Urgentie
from jet_desktop.domain.instellingen import REGISTER, Instelling
from jet_desktop.services import settings
from jet_desktop.storage.store import Store
from jet_desktop.ui.dialogs.dialog_base import FormDialog
from jet_desktop.ui.widgets import select_data


def veld_voor(inst: Instelling, waarde) -> QWidget:
    """The input widget of one setting (not a composite one), filled with `waarde`."""
    if inst.soort is int:
        w = QSpinBox()
        w.setRange(int(inst.minimum), int(inst.maximum))
        w.setValue(int(waarde))
    elif inst.soort is float:
        w = QDoubleSpinBox()
        w.setDecimals(inst.decimalen)
        w.setRange(float(inst.minimum), float(inst.maximum))
        w.setValue(float(waarde))
    elif inst.keuzes is not None:
        w = QComboBox()
        for sleutel, label in inst.keuzes.items():
            w.addItem(label, sleutel)
        select_data(w, waarde)
    else:
        w = QLineEdit(str(waarde))
        if inst.max_lengte:
            w.setMaxLength(inst.max_lengte)
    if inst.eenheid and isinstance(w, (QSpinBox, QDoubleSpinBox)):
        w.setSuffix(f" {inst.eenheid}")
    w.setToolTip(inst.uitleg)
    w.setAccessibleDescription(inst.uitleg)
    return w


def waarde_van(inst: Instelling, w: QWidget):
    if isinstance(w, (QSpinBox, QDoubleSpinBox)):
        return w.value()
    if isinstance(w, QComboBox):
        return w.currentData()
    return w.text().strip()


class InstellingenDialog(FormDialog):
    def __init__(self, store: Store, parent=None):
        super().__init__("Instellingen", parent)
        self.store = store
        huidig = settings.instellingen(store)
        self.layout_.insertWidget(0, QLabel("Deze instellingen gelden voor het hele team (ze staan in de gegevensset)."))
        self.widgets: dict[str, QWidget] = {}  # by field name: a setting's key, or a part's (norm_start_spoed)
        for inst in REGISTER:
            waarde = getattr(huidig, inst.sleutel)
            for deel, w in ((d, waarde[d.sleutel]) for d in inst.delen) if inst.delen else ((inst, waarde),):
                self.widgets[deel.veld] = self.row(deel.label, veld_voor(deel, w), deel.veld)
        w = self.widgets
        self.organisatie, self.team, self.naamweergave = w["organisatie_naam"], w["team_naam"], w["rapport_naamweergave"]
        self.drempel, self.backups = w["publicatie_drempel"], w["backups_bewaren"]
        self.bewaartermijn, self.caseload_norm = w["bewaartermijn_jaren"], w["caseload_norm_per_fte"]
        self.triage = w["norm_triage_werkdagen"]
        self.start = {u: w[f"norm_start_{u.value}"] for u in Urgentie}
        self.resize(560, 500)
        self.finish_layout()

    def waarden(self) -> dict:
        uit = {}
        for inst in REGISTER:
            if inst.delen:
                uit[inst.sleutel] = {d.sleutel: waarde_van(d, self.widgets[d.veld]) for d in inst.delen}
            else:
                uit[inst.sleutel] = waarde_van(inst, self.widgets[inst.veld])
        return uit

    def save(self):
        settings.put_many(self.store, self.waarden())
