"""One dialog for a save that was refused because someone else changed the record first (StaleEditError).

It says who changed the record and when, shows what the user entered (to copy), and offers
"Opnieuw laden": the form takes the record's fresh version while keeping the user's input (a field
only the other user changed shows the stored value, `merge_velden`), so the change can be checked
and saved again. Nothing was written by the refused save.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from jet_desktop.storage.store import StaleEditError

HERLADEN = 2  # QDialog result code of "Opnieuw laden"


def veld_waarde(widget: QWidget) -> str:
    """What a form field holds as the user sees it; '' when empty or not chosen."""
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText().strip()
    if isinstance(widget, QLineEdit):  # a password is never shown or copied
        return widget.text().strip() if widget.echoMode() == QLineEdit.EchoMode.Normal else ""
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.currentData() not in (None, "") else ""
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    # a row of radio buttons or check boxes
    return ", ".join(b.text() for b in widget.findChildren(QAbstractButton) if b.isCheckable() and b.isChecked())


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


def merge_velden(eerder: dict, getypt: dict, vers: dict, labels: dict[str, str]) -> tuple[dict, list[str]]:
    """Field values after "Opnieuw laden": `eerder` as the form was loaded, `getypt` as the user left it,
    `vers` as stored now. A field the user changed keeps the user's value; a field only the other user
    changed takes the stored value. Returns the values and, labelled, what the other user changed."""
    samen, gewijzigd = {}, []
    for veld, label in labels.items():
        if vers[veld] == eerder[veld]:
            samen[veld] = getypt[veld]
        elif getypt[veld] == eerder[veld]:
            samen[veld] = vers[veld]
            gewijzigd.append(label)
        else:
            samen[veld] = getypt[veld]
            gewijzigd.append(f"{label} (ook door u gewijzigd: uw invoer staat er)")
    return samen, gewijzigd


def tijdstip(fout: StaleEditError) -> str:
    return fout.changed_at.astimezone().strftime("%d-%m-%Y %H:%M") if fout.changed_at else ""


def herladen_melding(fout: StaleEditError, gewijzigd: Iterable[str] = ()) -> str:
    """The line a form shows after "Opnieuw laden"."""
    wat = ", ".join(gewijzigd)
    door = f"{fout.changed_by} ({tijdstip(fout)})" if fout.changed_by else "een collega"
    return (f"Opnieuw geladen met de wijziging van {door}"
            f"{'; gewijzigd: ' + wat if wat else ''}. Uw invoer staat nog in het formulier: "
            "controleer die en sla opnieuw op.")


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
