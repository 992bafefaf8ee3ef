"""Failures a save can meet that are nobody's mistake, in Dutch, in one place for the GUI.

- `voor_formulier(exc)`: the line a form shows when a save met a busy store ("database is locked":
  another program holds the write lock) or a full disk; None for anything else. The dialog stays
  open, so the input is still in the form (FormDialog._save in dialogs/dialog_base.py).
- `installeer()`: the last resort for the whole window (sys.excepthook): an exception no dialog
  handled shows one Dutch message box instead of nothing (PySide prints a slot's exception to
  stderr and carries on); the dialog it came from stays open with its input. The box never shows
  the exception's own text (it may hold a name); JET_DEBUG=1 also prints the traceback.
"""

from __future__ import annotations

import os
import sys
import traceback

from jet_desktop.meldingen import is_bezet, is_schijf_vol

BEZET = ("De gegevensset is bezet door een ander programma; uw invoer staat nog in het formulier. "
         "Probeer het opnieuw.")
SCHIJF_VOL = ("De schijf is vol: er is niets opgeslagen en uw invoer staat nog in het formulier. "
              "Maak ruimte vrij en probeer het opnieuw.")
ONVERWACHT = ("Er ging iets onverwachts mis ({soort}); er is niets opgeslagen. Wat u hebt ingevuld, staat nog "
              "in het venster. Probeer het opnieuw; blijft het misgaan, meld het dan aan de functioneel beheerder.")


def voor_formulier(exc: BaseException) -> str | None:
    if is_bezet(exc):
        return BEZET
    if is_schijf_vol(exc):
        return SCHIJF_VOL
    return None


def voor_werk(exc: BaseException, wat: str) -> str:
    """The line for background work that failed (an import): `wat` says what, e.g. 'Het inlezen'."""
    from jet_desktop.services.autorisatie import GeenToegang

    if isinstance(exc, GeenToegang):  # its text is Dutch and names no person
        return str(exc)
    if is_bezet(exc):
        return (f"{wat} is niet gelukt: de gegevensset is bezet door een ander programma. Er is niets opgeslagen; "
                "probeer het opnieuw.")
    if is_schijf_vol(exc):
        return (f"{wat} is niet gelukt: de schijf is vol. Er is niets opgeslagen; maak ruimte vrij en probeer het "
                "opnieuw.")
    return f"{wat} is mislukt ({type(exc).__name__}). Er is niets opgeslagen."


def melding(exc: BaseException) -> str:
    """What the message box says for an exception no dialog handled."""
    return voor_formulier(exc) or ONVERWACHT.format(soort=type(exc).__name__)


def _haak(soort, exc, tb) -> None:
    if issubclass(soort, KeyboardInterrupt):
        sys.__excepthook__(soort, exc, tb)
        return
    if os.environ.get("JET_DEBUG") == "1":
        traceback.print_exception(soort, exc, tb, file=sys.stderr)
    else:
        sys.stderr.write(f"JET Desktop: {type(exc).__name__} (zet JET_DEBUG=1 voor de volledige melding)\n")
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance()
    if app is None:
        return
    QMessageBox.warning(app.activeWindow(), "Niet gelukt", melding(exc))


def installeer() -> None:
    sys.excepthook = _haak
