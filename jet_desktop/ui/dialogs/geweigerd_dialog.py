"""*Geweigerde wijzigingen* on a laptop store (docs/sync.md): writes the team server refused (the dossier was
reassigned meanwhile, row-level security said no), each with the server's reason and the values the laptop
wrote. They are never discarded: the consulent copies the text to re-enter it where it belongs, or asks
the teamleider, and then marks it *afgehandeld* (kept as a row, audited)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from jet_desktop.services import synchroniseren
from jet_desktop.services.correcties import tabel_label
from jet_desktop.ui.models.row_model import Column, RowTableModel
from jet_desktop.ui.samenvoegen import tijdstip
from jet_desktop.ui.widgets import keuzetabel

OPERATIES = {"insert": "nieuw", "update": "gewijzigd", "tombstone": "verwijderd"}


def als_tekst(g: synchroniseren.Geweigerd) -> str:
    """The refused write as text to copy: what, where, why, and every value the laptop wrote."""
    regels = [f"{tabel_label(g.tabel)} ({OPERATIES.get(g.operatie, g.operatie)})"
              + (f", dossier {g.dossiernummer}" if g.dossiernummer else ""),
              f"Vastgelegd op de laptop: {tijdstip(_tijd(g.vastgelegd_at))}",
              f"Reden van de teamserver: {g.reden}", ""]
    for label, waarde in g.waarden():
        regels.append(f"{label}: {'' if waarde is None else waarde}")
    return "\n".join(regels)


def _tijd(iso: str):
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return None


class GeweigerdDialog(QDialog):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("Geweigerde wijzigingen")
        self.resize(1000, 620)
        lay = QVBoxLayout(self)
        uitleg = QLabel("Deze wijzigingen van deze laptop heeft de teamserver geweigerd, bijvoorbeeld omdat het "
                        "dossier intussen aan een collega is toegewezen. Ze blijven hier bewaard. Kopieer de tekst om "
                        "hem op de juiste plek opnieuw vast te leggen of aan de teamleider te geven, en markeer hem "
                        "daarna als afgehandeld.")
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)
        self.model = RowTableModel([
            Column("Vastgelegd", lambda g: g.vastgelegd_at, lambda g: tijdstip(_tijd(g.vastgelegd_at))),
            Column("Wat", lambda g: tabel_label(g.tabel), lambda g: f"{tabel_label(g.tabel)} ({OPERATIES.get(g.operatie, '')})"),
            Column("Dossier", lambda g: g.dossiernummer or "(niet meer op deze laptop)"),
            Column("Reden", lambda g: g.reden),
        ], self)
        self.tabel = keuzetabel(self.model)
        lay.addWidget(self.tabel, 1)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("De geweigerde wijziging")
        lay.addWidget(self.details, 1)
        knoppen = QHBoxLayout()
        self.melding = QLabel()
        self.melding.setWordWrap(True)
        knoppen.addWidget(self.melding, 1)
        self.kopieer = QPushButton("Tekst &kopiëren")
        self.kopieer.clicked.connect(lambda: QApplication.clipboard().setText(self.details.toPlainText()))
        self.afgehandeld = QPushButton("Als &afgehandeld markeren…")
        self.afgehandeld.clicked.connect(self.handel_af)
        sluit = QPushButton("&Sluiten")
        sluit.clicked.connect(self.accept)
        for k in (self.kopieer, self.afgehandeld, sluit):
            knoppen.addWidget(k)
        lay.addLayout(knoppen)
        self.tabel.selectionModel().currentRowChanged.connect(lambda cur, _p: self._toon(cur.row()))
        self.geweigerd: list[synchroniseren.Geweigerd] = []
        self.lees()

    def lees(self) -> None:
        self.geweigerd = synchroniseren.geweigerde(self.store)
        self.model.set_rows(self.geweigerd)
        if self.geweigerd:
            self.tabel.selectRow(0)
        self._toon(0 if self.geweigerd else -1)
        if not self.geweigerd:
            self.melding.setText("Er zijn geen geweigerde wijzigingen.")

    def _toon(self, rij: int) -> None:
        g = self.geweigerd[rij] if 0 <= rij < len(self.geweigerd) else None
        self.details.setPlainText(als_tekst(g) if g else "")
        self.kopieer.setEnabled(g is not None)
        self.afgehandeld.setEnabled(g is not None)

    def handel_af(self, bevestigd: bool = False) -> None:
        rij = self.tabel.currentIndex().row()
        if not 0 <= rij < len(self.geweigerd):
            return
        g = self.geweigerd[rij]
        if not bevestigd and QMessageBox.question(
                self, "Geweigerde wijziging afhandelen",
                "Hebt u deze wijziging opnieuw vastgelegd of aan de teamleider gegeven? Ze blijft bewaard, maar "
                "staat daarna niet meer in deze lijst.") != QMessageBox.StandardButton.Yes:
            return
        synchroniseren.handel_geweigerd_af(self.store, g.op_id)
        self.lees()
        self.melding.setText("Gemarkeerd als afgehandeld.")
