"""Help → Logboek: the tail of the application's log, read-only, for whoever helps the user.

"Kopiëren" copies what is shown (the log holds no personal data: jet_desktop/logboek.py), "Map openen"
opens the folder with the log and its rotated predecessors, "Vernieuwen" reads the file again.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout

from jet_desktop import logboek

REGELS = 500
LEEG = "Het logboek is nog leeg."


class LogboekDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Logboek")
        self.resize(900, 560)
        lay = QVBoxLayout(self)
        self.waar = QLabel()
        self.waar.setWordWrap(True)
        lay.addWidget(self.waar)
        self.tekst = QPlainTextEdit()
        self.tekst.setReadOnly(True)
        self.tekst.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.tekst.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        lay.addWidget(self.tekst, 1)
        knoppen = QDialogButtonBox()
        self.vernieuw_knop = QPushButton("Vernieuwen")
        self.kopieer_knop = QPushButton("Kopiëren")
        self.map_knop = QPushButton("Map openen")
        for knop in (self.vernieuw_knop, self.kopieer_knop, self.map_knop):
            knoppen.addButton(knop, QDialogButtonBox.ButtonRole.ActionRole)
        knoppen.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        knoppen.rejected.connect(self.reject)
        self.vernieuw_knop.clicked.connect(self.lees)
        self.kopieer_knop.clicked.connect(self.kopieer)
        self.map_knop.clicked.connect(self.open_map)
        lay.addWidget(knoppen)
        self.lees()

    def lees(self) -> None:
        staart = logboek.staart(REGELS)
        self.waar.setText(f"De laatste {REGELS} regels van {logboek.pad()} (het logboek bevat geen persoonsgegevens; "
                          f"oudere dagen staan ernaast, {logboek.BEWAARD} dagen bewaard)."
                          + ("" if logboek.actief() else " Het logboek kon bij deze start niet worden geopend."))
        self.tekst.setPlainText(staart or LEEG)
        self.tekst.moveCursor(QTextCursor.MoveOperation.End)
        self.tekst.moveCursor(QTextCursor.MoveOperation.StartOfLine)  # the newest line, read from its start
        self.tekst.horizontalScrollBar().setValue(0)

    def kopieer(self) -> None:
        QGuiApplication.clipboard().setText(self.tekst.toPlainText())
        self.kopieer_knop.setText("Gekopieerd")

    def open_map(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(logboek.logmap())))
