"""Retention for the functioneel beheerder: the closed dossiers past the bewaartermijn (no names),
and destroying the personal data of the selected ones (services/bewaring.py; docs/bewaring.md).

The list is read when the dialog opens; destruction runs on a worker thread, then the list is read
again. Nothing is destroyed before the confirmation, which names the count and that it is final."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from jet_desktop.domain.errors import ValidationError
from jet_desktop.services import bewaring, settings
from jet_desktop.services.autorisatie import GeenToegang
from jet_desktop.storage.store import Store
from jet_desktop.ui.models.row_model import Column, RowTableModel, make_proxy, row_at
from jet_desktop.ui.workers import run_in_background

OMKEERBAAR_NIET = ("Dit kan niet ongedaan worden gemaakt. Namen, BSN, geboortedatum, adres, gezin en alle "
                   "teksten (hulpvraag, notities, plan, motiveringen) worden overschreven; data, codes en "
                   "aantallen blijven voor de monitor. Oudere reservekopieën bevatten de gegevens nog tot ze "
                   "worden opgeruimd.")


class BewaringDialog(QDialog):
    def __init__(self, store: Store, vandaag: date, parent=None):
        super().__init__(parent)
        self.store, self.vandaag = store, vandaag
        self.lijst: list[bewaring.TeVernietigen] = []
        self.laatste: bewaring.Vernietiging | None = None
        self.bezig = False  # destruction running on the worker
        self.setWindowTitle("Bewaartermijn en vernietigen")
        self.resize(860, 520)
        lay = QVBoxLayout(self)
        self.termijn = QLabel()
        self.termijn.setWordWrap(True)
        lay.addWidget(self.termijn)
        self.model = RowTableModel([
            Column("Dossiernr.", lambda x: x.dossiernummer),
            Column("Afgesloten", lambda x: x.afgesloten_op),
            Column("Laatste wijziging", lambda x: x.laatste_wijziging),
            Column("Vernietigbaar vanaf", lambda x: x.vernietigbaar_vanaf),
            Column("Opmerking", lambda x: x.opmerking),
        ], self)
        self.proxy = make_proxy(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(self._selectie_gewijzigd)
        lay.addWidget(self.view, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        knoppen = QHBoxLayout()
        self.alles_knop = QPushButton("Alles selecteren")
        self.alles_knop.clicked.connect(self.view.selectAll)
        self.vernietig_knop = QPushButton("Geselecteerde vernietigen…")
        self.vernietig_knop.clicked.connect(self.vernietigen)
        sluit = QPushButton("Sluiten")
        sluit.clicked.connect(self.accept)
        knoppen.addWidget(self.alles_knop)
        knoppen.addWidget(self.vernietig_knop)
        knoppen.addStretch(1)
        knoppen.addWidget(sluit)
        lay.addLayout(knoppen)
        self.ververs()

    # -- the list ---------------------------------------------------------------------------------

    def ververs(self, melding: str = "") -> None:
        try:
            jaren = settings.instellingen(self.store).bewaartermijn_jaren
            self.lijst = bewaring.te_vernietigen(self.store, self.vandaag)
        except GeenToegang as exc:
            self.lijst = []
            self.termijn.setText(str(exc))
            self.model.set_rows([])
            self.alles_knop.setEnabled(False)
            self._selectie_gewijzigd()
            return
        self.termijn.setText(
            f"<b>Bewaartermijn: {jaren} jaar na de laatste wijziging (instelling).</b> "
            f"Afgesloten dossiers waarvan de termijn op {self.vandaag:%d-%m-%Y} verstreken is. De laatste wijziging "
            "is de laatste van de afsluitdatum en elke wijziging in het dossier. Namen staan hier niet: "
            "het dossiernummer en de data zijn genoeg.")
        self.model.set_rows(self.lijst)
        self.view.resizeColumnsToContents()
        self.alles_knop.setEnabled(bool(self.lijst))
        aantal = (f"{len(self.lijst)} dossier(s) voorbij de bewaartermijn." if self.lijst
                  else "Geen afgesloten dossiers voorbij de bewaartermijn.")
        self.status.setText(f"{melding} {aantal}".strip())
        self._selectie_gewijzigd()

    def geselecteerd(self) -> list[bewaring.TeVernietigen]:
        return [row_at(self.view, i) for i in self.view.selectionModel().selectedRows()]

    def _selectie_gewijzigd(self, *_args) -> None:
        n = len(self.view.selectionModel().selectedRows())
        self.vernietig_knop.setEnabled(n > 0)
        self.vernietig_knop.setText(f"Geselecteerde vernietigen ({n})…" if n else "Geselecteerde vernietigen…")

    # -- destruction ------------------------------------------------------------------------------

    def bevestiging(self, aantal: int) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Warning, "Dossiers vernietigen",
                          f"De persoonsgegevens van {aantal} dossier(s) vernietigen?", parent=self)
        box.setInformativeText(OMKEERBAAR_NIET)
        self.ja_knop = box.addButton(f"{aantal} dossier(s) vernietigen", QMessageBox.ButtonRole.DestructiveRole)
        annuleer = box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(annuleer)  # Enter must not destroy
        box.setEscapeButton(annuleer)
        return box

    def vernietigen(self) -> None:
        keuze = self.geselecteerd()
        if not keuze:
            return
        box = self.bevestiging(len(keuze))
        box.exec()
        if box.clickedButton() is not self.ja_knop:
            return
        self.vernietig_knop.setEnabled(False)
        self.progress = QProgressDialog(f"Persoonsgegevens van {len(keuze)} dossier(s) vernietigen…", "", 0, 0, self)
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.show()
        store, vandaag, ids = self.store, self.vandaag, [x.dossier_id for x in keuze]
        self.bezig = True
        run_in_background(lambda _progress: bewaring.vernietig(store, ids, vandaag),
                          on_done=self._klaar, on_error=self._fout)

    def _klaar(self, uit: bewaring.Vernietiging) -> None:
        self.progress.close()
        self.bezig = False
        self.laatste = uit
        melding = f"Vernietigd: {len(uit.dossiernummers)} dossier(s) ({', '.join(uit.dossiernummers)})."
        if uit.bestand_opgeschoond is False:
            melding += " Het databasebestand wordt opgeschoond zodra niemand het meer leest."
        self.ververs(melding)

    def _fout(self, exc: Exception, _tb: str) -> None:
        self.progress.close()
        self.bezig = False
        if isinstance(exc, ValidationError):
            tekst = "\n".join(e.message for e in exc.errors)
        else:
            tekst = str(exc)
        QMessageBox.warning(self, "Niet vernietigd", f"Er is niets vernietigd.\n\n{tekst}")
        self.ververs()
