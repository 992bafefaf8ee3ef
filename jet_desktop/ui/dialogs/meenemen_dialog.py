"""*Caseload meenemen naar een laptop…* (docs/sync.md): signed in to the team server with one's own login,
copy one's own dossiers and those where one is second person into a new encrypted laptop store, on a
worker with its progress (services/synchroniseren.meenemen does the work and writes the audit lines)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from jet_desktop.ui import bestandskeuze
from jet_desktop.ui.foutmelding import voor_werk
from jet_desktop.ui.widgets import ErrorLabel
from jet_desktop.ui.workers import BlijftOpenTijdensWerk, run_in_background


def _label(tekst: str, veld) -> QLabel:
    label = QLabel(tekst)
    label.setBuddy(veld)  # Alt + the letter goes to the field
    return label


def voorstel() -> Path:
    """The application's own local store when this computer has none yet (the laptop itself), else a new
    name beside it."""
    from jet_desktop.paths import default_db_path

    eigen = default_db_path()
    if not eigen.exists():
        return eigen
    n = 1
    while (kandidaat := eigen.with_name(f"{eigen.stem}-laptop{'' if n == 1 else f'-{n}'}{eigen.suffix}")).exists():
        n += 1
    return kandidaat


class MeenemenDialog(BlijftOpenTijdensWerk, QDialog):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.meegenomen = None  # synchroniseren.Meegenomen, when done
        self.setWindowTitle("Caseload meenemen naar een laptop")
        self.setMinimumWidth(640)
        lay = QVBoxLayout(self)
        uitleg = QLabel("Uw eigen dossiers en die waarvan u tweede persoon bent gaan, met alles wat erbij hoort, in "
                        "een nieuw versleuteld bestand voor op de laptop. Daar kunt u zonder netwerk werken; met "
                        "<i>Synchroniseren</i> gaat wat u vastlegt terug naar de teamserver. Niets anders van het "
                        "team komt op de laptop.")
        uitleg.setWordWrap(True)
        lay.addWidget(uitleg)
        form = QFormLayout()
        rij = QHBoxLayout()
        self.bestand = QLineEdit(str(voorstel()))
        kies = QPushButton("&Kiezen…")
        kies.clicked.connect(self._kies)
        rij.addWidget(self.bestand, 1)
        rij.addWidget(kies)
        form.addRow(_label("&Bestand op de laptop:", self.bestand), rij)
        self.fout_bestand = ErrorLabel()
        form.addRow("", self.fout_bestand)
        self.wachtwoordzin = QLineEdit()
        self.wachtwoordzin.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_label("&Wachtwoordzin van de laptop:", self.wachtwoordzin), self.wachtwoordzin)
        self.herhaal = QLineEdit()
        self.herhaal.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_label("&Herhaal de wachtwoordzin:", self.herhaal), self.herhaal)
        self.fout_ww = ErrorLabel()
        form.addRow("", self.fout_ww)
        lay.addLayout(form)
        self.voortgang = QProgressBar()
        self.voortgang.setRange(0, 0)
        self.voortgang.setVisible(False)
        lay.addWidget(self.voortgang)
        self.melding = QLabel()
        self.melding.setWordWrap(True)
        lay.addWidget(self.melding)
        self.buttons = QDialogButtonBox()
        self.start = self.buttons.addButton("&Meenemen", QDialogButtonBox.ButtonRole.AcceptRole)
        self.sluit = self.buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        self.openen = self.buttons.addButton("Laptopgegevensset &openen", QDialogButtonBox.ButtonRole.ActionRole)
        self.openen.setToolTip("Meldt u af bij de teamserver en opent het nieuwe bestand")
        self.openen.setVisible(False)
        self.openen.clicked.connect(self.open_laptop)
        self.start.clicked.connect(self.neem_mee)
        self.sluit.clicked.connect(self.reject)
        lay.addWidget(self.buttons)

    def _kies(self) -> None:
        pad, _ = bestandskeuze.opslaan_als(self, "Laptopgegevensset", self.bestand.text(), "JET-gegevensset (*.db)")
        if pad:
            self.bestand.setText(pad)

    def neem_mee(self) -> None:
        from jet_desktop.domain import wachtwoord

        self.fout_bestand.show_message(None)
        self.fout_ww.show_message(None)
        pad = Path(self.bestand.text().strip())
        ww = self.wachtwoordzin.text()
        if not self.bestand.text().strip():
            self.fout_bestand.show_message("Kies het bestand voor de laptop.")
            return
        if pad.exists():
            self.fout_bestand.show_message(f"{pad.name} bestaat al; kies een nieuw bestand (een bestaande gegevensset "
                                      "wordt niet overschreven).")
            return
        if reden := wachtwoord.zwakte(ww):
            self.fout_ww.show_message(f"Wachtwoordzin: {reden}.")
            return
        if ww != self.herhaal.text():
            self.fout_ww.show_message("De twee wachtwoordzinnen zijn niet gelijk.")
            return
        from jet_desktop.services import synchroniseren

        store = self.store
        self.bezig = True
        self.start.setEnabled(False)
        self.sluit.setEnabled(False)
        self.voortgang.setVisible(True)
        run_in_background(lambda meld: synchroniseren.meenemen(store, pad, ww, lambda t: meld(0, 0, t)),
                          on_done=self._klaar, on_error=self._mislukt,
                          on_progress=lambda _d, _t, tekst: self.melding.setText(tekst))

    def _einde(self) -> None:
        self.bezig = False
        self.voortgang.setVisible(False)
        self.sluit.setEnabled(True)

    def _klaar(self, m) -> None:
        self._einde()
        self.meegenomen = m
        self.wachtwoordzin.clear()
        self.herhaal.clear()
        self.melding.setStyleSheet("color: #2e7d32;")
        self.melding.setText(f"{m.dossiers} dossier(s) meegenomen naar {m.pad}. Met <i>Laptopgegevensset openen</i> "
                             "meldt u zich hier af bij de teamserver en aan op dat bestand (uw gebruikersnaam en de "
                             "wachtwoordzin van de laptop). Staat het bestand op een andere computer: start daar "
                             f"<tt>jet-desktop --db \"{m.pad}\"</tt>.")
        self.start.setVisible(False)
        self.openen.setVisible(getattr(self.parent(), "herstart", None) is not None)
        self.adjustSize()

    def open_laptop(self) -> None:
        window, pad = self.parent(), self.meegenomen.pad
        herstart = window.herstart
        self.accept()
        window.detach_store()
        herstart(pad=pad)

    def _mislukt(self, exc, _tb: str = "") -> None:
        self._einde()
        self.start.setEnabled(True)
        self.melding.setStyleSheet("color: #b00020; font-weight: 600;")
        self.melding.setText(voor_werk(exc, "Het meenemen") + " Er is geen laptopbestand achtergebleven.")
        self.adjustSize()
