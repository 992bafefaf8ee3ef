"""Choosing a report period: a quarter, a year, or van/tot by hand (both days inclusive)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from jet_desktop.domain.dates import kwartaal, kwartaal_van
from jet_desktop.ui.widgets import DateField


class PeriodeKiezer(QWidget):
    """Emits `changed(van, tot)` whenever a valid period is chosen."""

    changed = Signal(object, object)
    ongeldig = Signal(str)  # the fields make no period (the reason, as shown under them)

    def __init__(self, vandaag: date, parent=None):
        super().__init__(parent)
        self.soort = QComboBox()
        for key, label in (("kwartaal", "Kwartaal"), ("jaar", "Jaar"), ("aangepast", "Aangepast")):
            self.soort.addItem(label, key)
        self.jaar = QSpinBox()
        self.jaar.setRange(2000, 2100)
        self.jaar.setValue(vandaag.year)
        self.kwartaal = QComboBox()
        for q in range(1, 5):
            self.kwartaal.addItem(f"Q{q}", q)
        self.kwartaal.setCurrentIndex(kwartaal_van(vandaag) - 1)
        self.van = DateField(date(vandaag.year, 1, 1))
        self.tot = DateField(vandaag)
        self.melding = QLabel()
        self.melding.setStyleSheet("color: #b00020;")

        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel("Periode:"))
        for w in (self.soort, self.jaar, self.kwartaal, self.van, self.tot, self.melding):
            lay.addWidget(w)
        self.soort.currentIndexChanged.connect(self._soort_changed)
        self.jaar.valueChanged.connect(self._emit)
        self.kwartaal.currentIndexChanged.connect(self._emit)
        self.van.editingFinished.connect(self._emit)
        self.tot.editingFinished.connect(self._emit)
        self._soort_changed()

    def _soort_changed(self) -> None:
        soort = self.soort.currentData()
        self.jaar.setVisible(soort != "aangepast")
        self.kwartaal.setVisible(soort == "kwartaal")
        self.van.setVisible(soort == "aangepast")
        self.tot.setVisible(soort == "aangepast")
        self._emit()

    def periode(self) -> tuple[date, date] | None:
        """The chosen period, or None (with the reason shown) when van/tot do not make one."""
        soort = self.soort.currentData()
        self.melding.clear()
        if soort == "kwartaal":
            return kwartaal(self.jaar.value(), self.kwartaal.currentData())
        if soort == "jaar":
            return date(self.jaar.value(), 1, 1), date(self.jaar.value(), 12, 31)
        try:
            van, tot = self.van.date_or_none(), self.tot.date_or_none()
        except ValueError:
            self.melding.setText("Vul datums in als dd-mm-jjjj.")
            return None
        if van is None or tot is None:
            self.melding.setText("Vul een begin- en einddatum in.")
            return None
        if tot < van:
            self.melding.setText("De einddatum ligt vóór de begindatum.")
            return None
        return van, tot

    def _emit(self, *_args) -> None:
        p = self.periode()
        if p is not None:
            self.changed.emit(*p)
        else:
            self.ongeldig.emit(self.melding.text())
