"""The one error dialog: what happened in plain Dutch, what the user can do, where the log is, and
"Details kopiëren" (the traceback without personal data, and the version) for the functioneel beheerder.

`toon_fout(exc)` shows it for an exception that reached the top: the global exception hook
(`installeer` below) and background work without its own on_error (ui/workers.py) both come
here. An unexpected error is logged with its traceback (jet_desktop/logboek.py) and the dialog says
so; a failure that is nobody's mistake (the connection to the teamserver is gone, a busy store, a full
disk) or one of the application's own errors (domain/errors.JetFout, e.g. GeenToegang) shows its Dutch
message without the word "onverwacht". The dialog is window-modal but does not block the caller
(`open()`, not `exec()`): the application keeps running where it can; while one is open, further
errors are only logged, so a failing timer cannot stack dialogs.

What the dialog adds never holds personal data: not the exception's text (it may quote a name or a
BSN), no paths above the package, no user name (logboek.veilige_stapel, logboek.versie).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from datetime import datetime

import shiboken6
from PySide6.QtWidgets import QApplication

from jet_desktop import logboek
from jet_desktop.ui.foutmelding import bekend as bekende_melding

_log = logging.getLogger(__name__)

TITEL = "JET Desktop — er ging iets mis"
ONVERWACHT_KOP = "Er ging iets onverwachts mis"
ONVERWACHT_WAT = ("Er ging iets mis dat JET Desktop niet had voorzien ({soort}). Wat op dat moment bezig was, is "
                  "afgebroken; wat u eerder opsloeg, staat veilig in de gegevensset.")
DOEN = ("Wat u hebt ingevuld, staat nog in het venster: probeer het opnieuw. Blijft het misgaan, klik dan op "
        "\u201cDetails kopiëren\u201d en stuur de details naar de functioneel beheerder. Er staan geen "
        "persoonsgegevens in.")
NIET_GELUKT_KOP = "Niet gelukt"

_open = None  # the FoutDialoog on screen
_overgeslagen = 0
_klasse = None


def __getattr__(naam: str):
    """`FoutDialoog` is made on first use: installing the hook at every start does not load the dialog's widget
    classes (each PySide6 class costs its enums when first touched)."""
    global _klasse
    if naam != "FoutDialoog":
        raise AttributeError(f"module {__name__!r} has no attribute {naam!r}")
    if _klasse is None:
        _klasse = _maak_klasse()
    return _klasse


def _maak_klasse() -> type:
    from PySide6.QtCore import Qt, QUrl
    from PySide6.QtGui import QDesktopServices, QGuiApplication
    from PySide6.QtWidgets import (
        QDialog,
        QDialogButtonBox,
        QHBoxLayout,
        QLabel,
        QLayout,
        QPlainTextEdit,
        QPushButton,
        QStyle,
        QVBoxLayout,
    )

    class FoutDialoog(QDialog):
        def __init__(self, kop: str, wat: str, doen: str, details: str = "", parent=None):
            super().__init__(parent)
            self.setWindowTitle(TITEL)
            self.setMinimumWidth(520)
            self.details = details
            lay = QVBoxLayout(self)
            lay.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # never narrower than its buttons
            boven = QHBoxLayout()
            icoon = QLabel()
            icoon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
            icoon.setAlignment(Qt.AlignmentFlag.AlignTop)
            boven.addWidget(icoon)
            teksten = QVBoxLayout()
            self.kop = QLabel(kop)
            self.kop.setObjectName("foutKop")
            self.kop.setStyleSheet("font-size: 15px; font-weight: bold;")
            self.wat = QLabel(wat)
            self.doen = QLabel(doen)
            for label in (self.wat, self.doen):
                label.setWordWrap(True)
                label.setTextFormat(Qt.TextFormat.PlainText)
            teksten.addWidget(self.kop)
            teksten.addWidget(self.wat)
            teksten.addWidget(self.doen)
            boven.addLayout(teksten, 1)
            lay.addLayout(boven)
            self.waar = QLabel(f"Het logboek staat in: {logboek.pad()}")
            self.waar.setWordWrap(True)
            self.waar.setTextFormat(Qt.TextFormat.PlainText)
            self.waar.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.waar.setStyleSheet("color: #555;")
            lay.addWidget(self.waar)
            self.detailvak = QPlainTextEdit(details)
            self.detailvak.setReadOnly(True)
            self.detailvak.setMinimumHeight(160)
            self.detailvak.setVisible(False)
            lay.addWidget(self.detailvak)
            self.knoppen = QDialogButtonBox()
            self.toon_knop = QPushButton("Details tonen")
            self.toon_knop.setCheckable(True)
            self.toon_knop.toggled.connect(self._toon_details)
            self.kopieer_knop = QPushButton("Details kopiëren")
            self.kopieer_knop.clicked.connect(self.kopieer)
            self.map_knop = QPushButton("Map van het logboek openen")
            self.map_knop.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(logboek.logmap()))))
            for knop in (self.toon_knop, self.kopieer_knop, self.map_knop):
                self.knoppen.addButton(knop, QDialogButtonBox.ButtonRole.ActionRole)
                knop.setVisible(bool(details) or knop is self.map_knop)
            sluit = self.knoppen.addButton("Sluiten", QDialogButtonBox.ButtonRole.AcceptRole)
            sluit.setDefault(True)
            self.knoppen.accepted.connect(self.accept)
            lay.addWidget(self.knoppen)

        def _toon_details(self, aan: bool) -> None:
            self.detailvak.setVisible(aan)
            self.toon_knop.setText("Details verbergen" if aan else "Details tonen")
            self.adjustSize()

        def kopieer(self) -> None:
            QGuiApplication.clipboard().setText(self.details)
            self.kopieer_knop.setText("Gekopieerd")

    FoutDialoog.__module__ = __name__
    FoutDialoog.__qualname__ = "FoutDialoog"
    return FoutDialoog


def details_van(exc: BaseException) -> str:
    """What "Details kopiëren" copies: version, time, the exception's description and safe traceback."""
    return logboek.zonder_bsn(f"{logboek.versie()}\nTijdstip: {datetime.now():%Y-%m-%d %H:%M:%S}\n"
            f"Fout: {logboek.beschrijving(exc)}\n\n{logboek.veilige_stapel(exc)}")


def toon_fout(exc: BaseException, parent=None, wat: str | None = None, gelogd: bool = False):
    """Log `exc` (unless `gelogd`) and show the dialog for it (window-modal, not blocking); None without a
    QApplication or while another error dialog is open (then it is only logged). `wat` names background
    work that failed ("Het werk op de achtergrond")."""
    global _open, _overgeslagen
    bekend = bekende_melding(exc, wat)
    if gelogd:
        pass
    elif bekend is None:
        _log.error("Onverwachte fout: %s", logboek.beschrijving(exc), exc_info=exc)
    else:
        _log.warning("Niet gelukt: %s", logboek.beschrijving(exc), exc_info=exc)
    app = QApplication.instance()
    if app is None:
        return None
    if _open is not None and shiboken6.isValid(_open) and _open.isVisible():
        _overgeslagen += 1
        _log.info("Nog een fout terwijl de foutmelding open staat (%d); alleen gelogd", _overgeslagen)
        return None
    from PySide6.QtCore import Qt

    FoutDialoog = __getattr__("FoutDialoog")
    if bekend is None:
        dlg = FoutDialoog(ONVERWACHT_KOP, ONVERWACHT_WAT.format(soort=type(exc).__name__), DOEN, details_van(exc),
                          parent or app.activeWindow())
    else:
        dlg = FoutDialoog(NIET_GELUKT_KOP, bekend, "Er is niets verloren gegaan van wat u eerder opsloeg.",
                          details_van(exc), parent or app.activeWindow())
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _open = dlg
    dlg.open()
    return dlg


# -- the hook: an exception no dialog handled ------------------------------------------------


def _haak(soort, exc, tb) -> None:
    if issubclass(soort, KeyboardInterrupt):
        sys.__excepthook__(soort, exc, tb)
        return
    if exc is not None and exc.__traceback__ is None:
        exc = exc.with_traceback(tb)
    if os.environ.get("JET_DEBUG") == "1":
        traceback.print_exception(soort, exc, tb, file=sys.stderr)
    else:
        sys.stderr.write(f"JET Desktop: {soort.__name__} (zie het logboek; JET_DEBUG=1 geeft de volledige melding)\n")
    try:
        toon_fout(exc)
    except Exception:  # noqa: BLE001 - the hook itself must never fail
        _log.exception("De foutmelding kon niet worden getoond")


def _draad_haak(args) -> None:
    """An exception that ended a thread (our own background work catches its own): logged only."""
    if args.exc_type is SystemExit:
        return
    _log.error("Onverwachte fout in een achtergronddraad", exc_info=args.exc_value)


def installeer() -> None:
    sys.excepthook = _haak
    threading.excepthook = _draad_haak
