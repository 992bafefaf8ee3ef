"""The frame the report screens share (Monitor toegang, Matched care).

Title with buttons, a period picker, the publication switch, an export menu, Afdrukken… and a
status line. `refresh()` computes on a worker thread (`bereken`, which must not touch widgets)
and shows the result (`toon`) only if its period is still the one chosen.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from jet_desktop.storage.store import Store
from jet_desktop.ui.formatting import datum
from jet_desktop.ui.klok import Vandaag
from jet_desktop.ui.period_picker import PeriodeKiezer
from jet_desktop.ui.workers import run_in_background


class RapportPagina(QWidget):
    changed = Signal()
    vandaag = Vandaag()

    def __init__(self, titel: str, store: Store, vandaag: date, parent=None):
        super().__init__(parent)
        self.store, self.vandaag = store, vandaag
        self.beeld = None  # the last computed result
        self._gevraagd: tuple[date, date] | None = None

        self.periode = PeriodeKiezer(self.vandaag)
        self.periode.changed.connect(lambda *_: self.refresh())
        self.periode.ongeldig.connect(self._periode_ongeldig)
        self._getoond: tuple[date, date] | None = None  # the period of the figures on screen
        self.publicatie = QCheckBox("Voor publicatie: kleine aantallen onderdrukken")
        self.publicatie.toggled.connect(lambda *_: self.beeld is not None and self.toon())
        self.export_knop = QToolButton()
        self.export_knop.setText("Exporteren")
        self.export_knop.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_menu = QMenu(self.export_knop)
        self.export_knop.setMenu(self.export_menu)
        self.print_knop = QPushButton("Afdrukken…")
        self.print_knop.clicked.connect(lambda: self.afdrukken())
        self.status = QLabel()
        self.status.setStyleSheet("color: #555;")
        self.status.setWordWrap(True)  # a long refusal wraps instead of widening the window

        self.kop = QHBoxLayout()
        self.kop.addWidget(QLabel(f"<h2>{titel}</h2>"))
        self.kop.addStretch(1)
        self.kop.addWidget(self.export_knop)
        self.kop.addWidget(self.print_knop)
        keuze = QHBoxLayout()
        keuze.addWidget(self.periode)
        keuze.addSpacing(16)
        keuze.addWidget(self.publicatie)
        keuze.addStretch(1)
        self.lay = QVBoxLayout(self)
        self.lay.addLayout(self.kop)
        self.lay.addLayout(keuze)

    def finish_layout(self, *widgets: QWidget) -> None:
        """The page's own widgets below the period, then the status line."""
        for w in widgets:
            self.lay.addWidget(w, 1 if w is widgets[-1] else 0)
        self.lay.addWidget(self.status)

    # --- to implement --------------------------------------------------------
    def bereken(self, van: date, tot: date):  # pragma: no cover - overridden; runs on a worker thread
        raise NotImplementedError

    def toon(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def afdrukken(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    # --- shared --------------------------------------------------------------
    def refresh(self) -> None:
        p = self.periode.periode()
        if p is None:
            return
        self._gevraagd = p
        self.status.setText(f"Berekenen over {datum(p[0])} t/m {datum(p[1])}…")
        self._knoppen(False)
        run_in_background(lambda _progress: (p, self.bereken(*p)), on_done=self._klaar, on_error=self.fout)

    def _klaar(self, result) -> None:
        periode, beeld = result
        if periode != self._gevraagd:
            return  # an older period; the newer one is on its way
        self.beeld, self._getoond = beeld, periode
        self.toon()
        self._knoppen(True)

    def _periode_ongeldig(self, reden: str) -> None:
        """The fields no longer make a period: the figures shown are of the last one, so nothing is exported
        or printed until the fields are right again (never the last valid period under an invalid one)."""
        self._gevraagd = None  # a calculation still on its way is not shown under fields that say otherwise
        self._knoppen(False)
        getoond = f" De cijfers hieronder zijn van {datum(self._getoond[0])} t/m {datum(self._getoond[1])}." \
            if self._getoond else ""
        self.status.setText(f"Periode ongeldig: {reden.rstrip('.')}. Exporteren en afdrukken kan weer zodra de "
                            f"periode klopt.{getoond}")

    def toont_gekozen_periode(self) -> bool:
        """Export and print take what the screen shows: only when its figures are of the period chosen now."""
        if self.beeld is not None and self._getoond is not None and self.periode.periode() == self._getoond:
            return True
        self._knoppen(False)
        return False

    def kan_afdrukken(self) -> bool:
        """Ctrl+P (main window): once the figures of the chosen period are there."""
        return self.beeld is not None and self.print_knop.isEnabled() and self.toont_gekozen_periode()

    def _knoppen(self, aan: bool) -> None:
        self.export_knop.setEnabled(aan)
        self.print_knop.setEnabled(aan)

    def fout(self, exc, _tb: str = "") -> None:
        from jet_desktop.ui.foutmelding import voor_werk

        # never a driver's text with its SQL: the known failures in Dutch, anything else named by its kind
        self.status.setText(voor_werk(exc, "Het berekenen"))

    def drempel(self) -> int | None:
        """The publication threshold when the switch is on, else None."""
        from jet_desktop.services import settings

        return settings.instellingen(self.store).publicatie_drempel if self.publicatie.isChecked() else None

    def in_achtergrond_opslaan(self, schrijf, pad, met_voortgang: bool = False) -> None:
        """Run `schrijf()` on a worker; say where the file went, or why not. `met_voortgang`:
        `schrijf(voortgang, geannuleerd)` with a progress dialog that has Annuleren (ui/rapport_voortgang.py)."""
        klaar = lambda _r: self.status.setText(f"Opgeslagen: {pad}")  # noqa: E731
        if not met_voortgang:
            run_in_background(lambda _p: schrijf(), on_done=klaar, on_error=self.fout)
            return
        from jet_desktop.ui.rapport_voortgang import maak_met_voortgang

        self.voortgang = maak_met_voortgang(
            self, schrijf, "Rapport maken…", klaar, self.fout,
            on_geannuleerd=lambda: self.status.setText("Geannuleerd; er is geen bestand geschreven."))
