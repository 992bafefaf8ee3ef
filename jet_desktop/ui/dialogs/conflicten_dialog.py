"""*Conflicten* (docs/sync.md): the fields changed on the team server and on a laptop since the laptop's copy.
The server kept its value; here the consulent (or the teamleider, for the team) sees base, server and laptop
value in the merge widget (ui/samenvoegen.py) and resolves each: keep one side, or a merged text.
services/conflicten.py writes the resolution, audited; on a laptop it goes to the server with the next sync.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from jet_desktop.domain.errors import JetFout
from jet_desktop.services import conflicten
from jet_desktop.services.correcties import tabel_label
from jet_desktop.storage.store import StaleEditError
from jet_desktop.ui.models.row_model import Column, RowTableModel
from jet_desktop.ui.samenvoegen import Kanten, SamenvoegWidget, tijdstip
from jet_desktop.ui.widgets import keuzetabel


class ConflictenDialog(QDialog):
    """Window-modal: `ConflictenDialog(store, parent).open()`. `conflicten`: the open ones, as listed."""

    opgelost = Signal()  # a conflict was resolved (the window's counts follow)

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Conflicten van offline werk")
        self.resize(1200, 720)
        lay = QVBoxLayout(self)
        uitleg = QLabel("Hier staan de velden die op de teamserver én op een laptop zijn gewijzigd sinds de laptop "
                        "zijn kopie kreeg. De teamserver heeft zijn waarde gehouden; niets is weggegooid. Kies per "
                        "conflict welke waarde blijft, of maak een samengevoegde tekst.")
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)
        self.model = RowTableModel([
            Column("Dossier", lambda c: c.dossiernummer or "(niet zichtbaar)"),
            Column("Wat", lambda c: tabel_label(c.tabel)),
            Column("Veld", lambda c: c.veldnaam),
            Column("Soort", lambda c: "verwijderd op de server" if c.soort == "verwijderd" else "beide gewijzigd"),
            Column("Op de laptop", lambda c: c.laptop_at, lambda c: f"{c.laptop_door}, {tijdstip(c.laptop_at)}"),
            Column("Op de teamserver", lambda c: c.server_at, lambda c: f"{c.server_door}, {tijdstip(c.server_at)}"),
        ], self)
        self.tabel = keuzetabel(self.model)
        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(self.tabel)
        self.rechts = QWidget()
        self.rechts_lay = QVBoxLayout(self.rechts)
        self.rechts_lay.setContentsMargins(0, 0, 0, 0)
        self.kop = QLabel()
        self.kop.setWordWrap(True)
        self.rechts_lay.addWidget(self.kop)
        self.widget: SamenvoegWidget | None = None
        splitter.addWidget(self.rechts)
        splitter.setSizes([220, 480])
        lay.addWidget(splitter, 1)
        onder = QHBoxLayout()
        self.melding = QLabel()
        self.melding.setWordWrap(True)
        onder.addWidget(self.melding, 1)
        self.oplossen = QPushButton("Oplossing &opslaan")
        self.oplossen.setEnabled(False)
        self.oplossen.clicked.connect(self.los_op)
        onder.addWidget(self.oplossen)
        sluit = QPushButton("&Sluiten")
        sluit.clicked.connect(self.accept)
        onder.addWidget(sluit)
        lay.addLayout(onder)
        self.tabel.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._toon(cur.row()))
        self.conflicten: list[conflicten.Conflict] = []
        self.lees()

    def lees(self) -> None:
        self.conflicten = conflicten.open_conflicten(self.store)
        self.model.set_rows(self.conflicten)
        if self.conflicten:
            self.tabel.selectRow(0)
            self._toon(0)
        else:
            self._toon(-1)
            self.melding.setText("Er zijn geen open conflicten.")

    @property
    def gekozen(self) -> conflicten.Conflict | None:
        rij = self.tabel.currentIndex().row()
        return self.conflicten[rij] if 0 <= rij < len(self.conflicten) else None

    def _toon(self, rij: int) -> None:
        if self.widget is not None:
            self.rechts_lay.removeWidget(self.widget)
            self.widget.deleteLater()
            self.widget = None
        c = self.conflicten[rij] if 0 <= rij < len(self.conflicten) else None
        if c is None:
            self.kop.setText("")
            self.oplossen.setEnabled(False)
            return
        wat = f"{tabel_label(c.tabel)} in dossier {c.dossiernummer}" if c.dossiernummer else tabel_label(c.tabel)
        if c.soort == "verwijderd":
            self.kop.setText(f"<b>{wat}</b>: op de teamserver verwijderd door {c.server_door or 'een collega'} "
                             f"({tijdstip(c.server_at)}), terwijl {c.laptop_door} het op de laptop wijzigde "
                             f"({tijdstip(c.laptop_at)}). Laat het verwijderd, of zet het terug met de waarde van "
                             "de laptop.")
        else:
            self.kop.setText(f"<b>{wat}</b>: in het midden de versie van de teamserver ({c.server_door or 'een collega'}, "
                             f"{tijdstip(c.server_at)}), rechts die van de laptop ({c.laptop_door}, "
                             f"{tijdstip(c.laptop_at)}).")
        kanten = Kanten(f"Teamserver: {c.server_door or 'een collega'} ({tijdstip(c.server_at)})",
                        f"Laptop: {c.laptop_door} ({tijdstip(c.laptop_at)})", "Waarde van de teamserver houden",
                        "Waarde van de laptop nemen")
        self.widget = SamenvoegWidget([conflicten.versies(c)], ander="de teamserver", kanten=kanten)
        self.widget.compleet_gewijzigd.connect(self._compleet)
        self.rechts_lay.addWidget(self.widget, 1)
        self._compleet(self.widget.compleet)

    def _compleet(self, compleet: bool) -> None:
        self.oplossen.setEnabled(compleet)
        self.melding.setStyleSheet("" if compleet else "color: #b00020; font-weight: 600;")
        self.melding.setText("" if compleet else "Kies welke waarde blijft.")

    def los_op(self) -> None:
        c = self.gekozen
        if c is None or self.widget is None or not self.widget.compleet:
            return
        keuze, tekst = conflicten.keuze_voor(c, self.widget.resultaat()[c.veld])
        try:
            conflicten.los_op(self.store, c.id, c.version, keuze, tekst)
        except StaleEditError:
            self.lees()
            self.melding.setText("Dit conflict is intussen al opgelost (door u elders of door de teamleider); de "
                                 "lijst is bijgewerkt.")
            return
        except JetFout as exc:
            self.melding.setStyleSheet("color: #b00020; font-weight: 600;")
            self.melding.setText(str(exc))
            return
        self.lees()
        self.opgelost.emit()
        self.melding.setStyleSheet("color: #2e7d32;")
        self.melding.setText(f"Opgelost: {c.veldnaam} — {conflicten.keuze_tekst(keuze)}."
                             + (" Dit gaat mee met de volgende synchronisatie." if self._laptop() else ""))

    def _laptop(self) -> bool:
        return self.store.engine.dialect.name == "sqlite"
