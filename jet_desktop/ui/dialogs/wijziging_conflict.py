"""A save refused because someone else changed the record first (StaleEditError): the form's side.

A refused save of a record that still exists is merged field by field (ui/samenvoegen.py): a form
reads the record as stored now into a `Herlading` (the colleague's values by the form's field names),
the merge dialog shows the three versions, and the chosen values go back into the widgets
(`zet_veld_waarde`). `WijzigingConflictDialog` is what is left of the old dialog: the record is gone
(nothing to merge: it shows the typed text to copy), or an action with nothing typed (removing a
toewijzing, a herverdeling) that can only be tried again on the fresh data. Nothing was written by the
refused save.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from jet_desktop.domain.samenvoegen import VeldVersies
from jet_desktop.ui.veldwaarden import veld_waarde

if TYPE_CHECKING:  # annotations only: the store (SQLAlchemy) is not loaded with a dialog
    from jet_desktop.storage.store import StaleEditError

HERLADEN = 2  # QDialog result code of "Opnieuw laden"


@dataclass
class Herlading:
    """A versioned record read again after a refused save, for the merge: `ander` holds its values as
    stored now, by the form's field names and in the form's terms (a field left out is one the other user
    could not change); `info` the other user's changes outside the form (VeldVersies, kiesbaar False);
    `overnemen` makes the form work on the fresh version — called only once the user has merged."""

    ander: dict[str, object]
    overnemen: Callable[[], None]
    info: list[VeldVersies] = field(default_factory=list)
    onderwerp: str = ""  # "De toewijzing", for the merge dialog's heading


def info_rijen(oud: dict[str, object], nu: dict[str, object], labels: dict[str, str]) -> list[VeldVersies]:
    """The other user's changes to fields the form does not hold, shown in the merge (nothing to choose)."""
    return [VeldVersies(veld, label, oud[veld], nu[veld], oud[veld], kiesbaar=False)
            for veld, label in labels.items() if oud[veld] != nu[veld]]


def ingevuld(velden: Iterable[tuple[str, QWidget]]) -> list[tuple[str, str]]:
    """(label, value) of the enabled fields that hold something, in form order; labels without the '*'."""
    out = []
    for label, widget in velden:
        waarde = veld_waarde(widget) if widget.isEnabled() else ""
        if waarde:
            out.append((label.replace("*", "").strip(), waarde))
    return out


def als_tekst(invoer: list[tuple[str, str]]) -> str:
    """The input as labelled plain text: a short value on the label's line, a longer text under it."""
    blokken = [f"{label}:\n{waarde}" if "\n" in waarde or len(waarde) > 60 else f"{label}: {waarde}"
               for label, waarde in invoer]
    return "\n\n".join(blokken)


def tijdstip(fout: StaleEditError) -> str:
    return fout.changed_at.astimezone().strftime("%d-%m-%Y %H:%M") if fout.changed_at else ""


def niet_opgeslagen(fout: StaleEditError) -> str:
    """The form's line after Annuleren in the merge."""
    door = f"{fout.changed_by} ({tijdstip(fout)})" if fout.changed_by else "een collega"
    return (f"Niet opgeslagen: {door} heeft dit intussen gewijzigd. Uw invoer staat nog in het formulier; "
            "als u opnieuw opslaat, kunt u de twee versies samenvoegen.")


class WijzigingConflictDialog(QDialog):
    def __init__(self, fout: StaleEditError, invoer: list[tuple[str, str]], kan_herladen: bool = True,
                 parent=None):
        super().__init__(parent)
        self.fout = fout
        self.tekst = als_tekst(invoer)
        kan_herladen = kan_herladen and fout.changed_by is not None  # a removed record cannot be reloaded
        self.setWindowTitle("Niet opgeslagen — intussen gewijzigd")
        self.setMinimumWidth(560)
        lay = QVBoxLayout(self)
        lay.setSpacing(10)

        kop = QHBoxLayout()
        icoon = QLabel()
        icoon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        icoon.setFixedWidth(48)
        kop.addWidget(icoon)
        tekst = QVBoxLayout()
        if fout.changed_by is not None:
            titel = f"{fout.changed_by} heeft dit intussen gewijzigd"
            wanneer = f"op {tijdstip(fout)}" if fout.changed_at else ""
        else:
            titel, wanneer = "Dit gegeven bestaat niet meer", ""
        onder_titel = f"<br><span style='color:#555'>{wanneer}</span>" if wanneer else ""
        self.titel = QLabel(f"<span style='font-size:13pt; font-weight:600'>{escape(titel)}</span>{onder_titel}")
        self.titel.setWordWrap(True)
        tekst.addWidget(self.titel)
        self.melding = QLabel(str(fout))
        self.melding.setTextFormat(Qt.TextFormat.PlainText)
        self.melding.setWordWrap(True)
        tekst.addWidget(self.melding)
        kop.addLayout(tekst, 1)
        lay.addLayout(kop)

        self.invoer_kop = QLabel("<b>Uw invoer</b> (niet opgeslagen)")
        lay.addWidget(self.invoer_kop)
        self.invoer = QPlainTextEdit(self.tekst)
        self.invoer.setReadOnly(True)
        self.invoer.setMinimumHeight(150)
        self.invoer.setFrameShape(QFrame.Shape.StyledPanel)
        lay.addWidget(self.invoer, 1)
        for w in (self.invoer_kop, self.invoer):
            w.setVisible(bool(self.tekst))

        self.uitleg = QLabel(
            ("<b>Opnieuw laden</b> haalt de nieuwste gegevens op; uw invoer blijft in het formulier staan, "
             "zodat u die kunt nakijken en opnieuw opslaan." if kan_herladen else
             "Kopieer uw tekst als u die wilt bewaren.") if self.tekst else
            ("<b>Opnieuw laden</b> haalt de nieuwste gegevens op; daarna kunt u het opnieuw proberen."
             if kan_herladen else ""))
        self.uitleg.setWordWrap(True)
        self.uitleg.setStyleSheet("color: #444;")
        self.uitleg.setVisible(bool(self.uitleg.text()))
        lay.addWidget(self.uitleg)
        if not self.tekst:
            lay.addStretch(1)

        onder = QHBoxLayout()
        self.kopieer_knop = QPushButton("Tekst kopiëren")
        self.kopieer_knop.setAutoDefault(False)
        self.kopieer_knop.setVisible(bool(self.tekst))
        self.kopieer_knop.clicked.connect(self.kopieer)
        onder.addWidget(self.kopieer_knop)
        self.gekopieerd = QLabel("")
        self.gekopieerd.setStyleSheet("color: #2e7d32;")
        onder.addWidget(self.gekopieerd, 1)
        self.buttons = QDialogButtonBox()
        self.herlaad_knop = self.buttons.addButton("Opnieuw laden", QDialogButtonBox.ButtonRole.AcceptRole)
        self.herlaad_knop.setVisible(kan_herladen)
        self.herlaad_knop.clicked.connect(lambda: self.done(HERLADEN))
        self.annuleer_knop = self.buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        self.annuleer_knop.clicked.connect(self.reject)
        (self.herlaad_knop if kan_herladen else self.annuleer_knop).setDefault(True)
        onder.addWidget(self.buttons)
        lay.addLayout(onder)

    def kopieer(self) -> None:
        QGuiApplication.clipboard().setText(self.tekst)
        self.gekopieerd.setText("Tekst gekopieerd naar het klembord.")


def toon_conflict(parent: QWidget, fout: StaleEditError, invoer: list[tuple[str, str]],
                  kan_herladen: bool = True) -> bool:
    """Show the dialog; True when the user chose "Opnieuw laden"."""
    dlg = WijzigingConflictDialog(fout, invoer, kan_herladen, parent)
    return dlg.exec() == HERLADEN
