"""Import a registration file of the other toegangsvormen (CSV/XLSX), with progress, then the
summary, or every bad row in a table the user can copy (services/toegang_import.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from jet_desktop.storage.store import Store
from jet_desktop.ui import bestandskeuze
from jet_desktop.ui.models.row_model import Column, RowTableModel
from jet_desktop.ui.workers import BlijftOpenTijdensWerk, run_in_background

UITLEG = (
    "Lees de trajecten van POH Jeugd, Jeugdondersteuner of Amaryllis in uit een CSV- of Excel-bestand "
    "(.xlsx) met de kolommen <b>toegangsvorm, client_id, startdatum, einddatum, gesprekken, uitkomst</b>. "
    "Alles of niets: bevat het bestand één foute rij, dan wordt niets opgeslagen en ziet u alle fouten. "
    "Hetzelfde bestand nog eens inlezen verandert niets; een nieuwere export werkt de trajecten bij."
)
FILTER = "Registraties (*.csv *.xlsx *.txt);;CSV-bestanden (*.csv);;Excel-werkmappen (*.xlsx);;Alle bestanden (*)"


class ToegangImportDialog(BlijftOpenTijdensWerk, QDialog):
    """`start_import(path)` runs the import on a worker; `geimporteerd` carries the ImportResultaat."""

    geimporteerd = Signal(object)  # ImportResultaat, after a successful import (also "al ingelezen")
    klaar = Signal()  # the import finished, whatever the outcome

    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.store = store
        self.bezig = False
        self.resultaat = None  # ImportResultaat of the last import
        self.fouten: list = []  # RijFout list of the last rejected file
        self.setWindowTitle("Registraties toegang inlezen")
        self.resize(820, 520)
        lay = QVBoxLayout(self)
        uitleg = QLabel(UITLEG)
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)

        regel = QHBoxLayout()
        self.pad = QLineEdit()
        self.pad.setPlaceholderText("Kies een CSV- of XLSX-bestand…")
        self.pad.setReadOnly(True)
        self.kies_knop = QPushButton("Bestand kiezen…")
        self.kies_knop.clicked.connect(self.kies_bestand)
        self.inlees_knop = QPushButton("Inlezen")
        self.inlees_knop.setEnabled(False)
        self.inlees_knop.clicked.connect(lambda: self.start_import(self.pad.text()))
        regel.addWidget(self.pad, 1)
        regel.addWidget(self.kies_knop)
        regel.addWidget(self.inlees_knop)
        lay.addLayout(regel)

        self.voortgang = QProgressBar()
        self.voortgang.hide()
        lay.addWidget(self.voortgang)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay.addWidget(self.status)

        self.fouten_model = RowTableModel([
            Column("Rij", lambda f: f.rij, align_right=True),
            Column("Kolom", lambda f: f.kolom),
            Column("Melding", lambda f: f.melding),
        ], self)
        self.tabel = QTableView()
        self.tabel.setModel(self.fouten_model)
        self.tabel.verticalHeader().hide()
        self.tabel.horizontalHeader().setStretchLastSection(True)
        self.tabel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tabel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabel.setWordWrap(False)
        kopieer_selectie = QAction("Kopiëren", self.tabel)
        kopieer_selectie.setShortcut(QKeySequence.StandardKey.Copy)
        kopieer_selectie.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        kopieer_selectie.triggered.connect(self.kopieer_selectie)
        self.tabel.addAction(kopieer_selectie)
        self.tabel.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.tabel.hide()
        lay.addWidget(self.tabel, 1)
        lay.addStretch(1)  # takes the room while there is no error table
        self._ruimte = lay.count() - 1

        knoppen = QDialogButtonBox()
        self.kopieer_knop = knoppen.addButton("Fouten kopiëren", QDialogButtonBox.ButtonRole.ActionRole)
        self.kopieer_knop.setToolTip("Kopieert alle fouten (rij, kolom, melding) naar het klembord, om te plakken "
                                     "in Excel of een e-mail")
        self.kopieer_knop.clicked.connect(self.kopieer_fouten)
        self.kopieer_knop.hide()
        self.sluit_knop = knoppen.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        self.sluit_knop.clicked.connect(self.reject)
        lay.addWidget(knoppen)
        self._lay = lay

    # ------------------------------------------------------------------------------ choosing

    def kies_bestand(self) -> None:
        pad, _ = bestandskeuze.openen(self, "Registratiebestand kiezen", FILTER, map_=self.pad.text() or None)
        if pad:
            self.pad.setText(pad)
            self.inlees_knop.setEnabled(True)
            self.inlees_knop.setDefault(True)
            self._toon_status("Klik op Inlezen om het bestand te controleren en op te slaan.", fout=False)

    # ------------------------------------------------------------------------------ importing

    def start_import(self, path) -> None:
        """Import `path` on a worker thread; the outcome appears in the dialog."""
        if self.bezig or not str(path):
            return
        from jet_desktop.services.toegang_import import importeer

        self.bezig = True
        self.pad.setText(str(path))
        self.resultaat, self.fouten = None, []
        self.fouten_model.set_rows([])
        self._toon_tabel(False)
        for knop in (self.kies_knop, self.inlees_knop, self.sluit_knop):
            knop.setEnabled(False)
        self._toon_status(f"{Path(path).name} lezen en controleren…", fout=False)
        self.voortgang.setRange(0, 0)  # busy until the checks are done and saving starts
        self.voortgang.show()
        store = self.store
        run_in_background(lambda report: importeer(store, path, progress=lambda d, t: report(d, t, "")),
                          on_done=self._gelukt, on_error=self._mislukt, on_progress=self._voortgang)

    def _voortgang(self, done: int, total: int, _label: str) -> None:
        if self.voortgang.maximum() == 0:
            self._toon_status(f"{Path(self.pad.text()).name}: opslaan…", fout=False)
        from jet_desktop.services.toegang_import import getal

        self.voortgang.setRange(0, max(total, 1))
        self.voortgang.setValue(done)
        self.voortgang.setFormat(f"{getal(done)} van {getal(total)} trajecten opgeslagen")

    def _gelukt(self, resultaat) -> None:
        self._einde()
        self.resultaat = resultaat
        self._toon_status(resultaat.samenvatting, fout=False, gelukt=not resultaat.al_ingelezen)
        self.geimporteerd.emit(resultaat)
        self.klaar.emit()

    def _mislukt(self, exc: Exception, tb: str) -> None:
        from jet_desktop.services.toegang_import import ImportFout

        self._einde()
        if isinstance(exc, ImportFout):
            self.fouten = exc.fouten
            self._toon_status(exc.melding, fout=True)
            if exc.fouten:
                self.fouten_model.set_rows(exc.fouten)
                self.tabel.resizeColumnToContents(0)
                self.tabel.resizeColumnToContents(1)
                self._toon_tabel(True)
        else:
            from jet_desktop.ui.foutmelding import voor_werk

            self._toon_status(voor_werk(exc, "Het inlezen"), fout=True)
        self.klaar.emit()

    def _toon_tabel(self, zichtbaar: bool) -> None:
        self.tabel.setVisible(zichtbaar)
        self.kopieer_knop.setVisible(zichtbaar)
        self._lay.setStretch(self._ruimte, 0 if zichtbaar else 1)

    def _einde(self) -> None:
        self.bezig = False
        self.voortgang.hide()
        for knop in (self.kies_knop, self.sluit_knop):
            knop.setEnabled(True)
        self.inlees_knop.setEnabled(bool(self.pad.text()))

    def _toon_status(self, tekst: str, fout: bool, gelukt: bool = False) -> None:
        self.status.setText(tekst)
        self.status.setStyleSheet("color: #b00020; font-weight: bold;" if fout
                                  else "color: #1b5e20; font-weight: bold;" if gelukt else "")

    # ------------------------------------------------------------------------------ copying

    def fouten_als_tekst(self, fouten=None) -> str:
        """Tab-separated (pastes into Excel as columns), with a header line."""
        regels = ["rij\tkolom\tmelding"]
        regels += [f"{f.rij}\t{f.kolom}\t{f.melding}" for f in (self.fouten if fouten is None else fouten)]
        return "\n".join(regels) + "\n"

    def kopieer_fouten(self) -> None:
        QGuiApplication.clipboard().setText(self.fouten_als_tekst())

    def kopieer_selectie(self) -> None:
        rijen = sorted({i.row() for i in self.tabel.selectionModel().selectedIndexes()})
        if rijen:
            QGuiApplication.clipboard().setText(self.fouten_als_tekst([self.fouten_model.rows[r] for r in rijen]))
