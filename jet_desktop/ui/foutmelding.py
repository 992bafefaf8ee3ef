"""Failures a save can meet that are nobody's mistake, in Dutch, in one place for the GUI.

- `voor_formulier(exc)`: the line a form shows when a save met a lost connection to the teamserver
  (PostgreSQL stopped, the network went), a busy store ("database is locked": another program holds
  the write lock) or a full disk; None for anything else. The dialog stays open, so the input is
  still in the form (FormDialog._save in dialogs/dialog_base.py). Each such failure is logged.
- `bekend(exc, wat)`: the Dutch message of a failure that is nobody's mistake or one of the
  application's own errors (domain/errors.JetFout: its text is meant for the user); None when
  the error is unexpected. `voor_werk(exc, wat)`: that, or "… is mislukt" for background work.
- `installeer()`: the last resort for the whole window (sys.excepthook): an exception no dialog
  handled is logged with its traceback and shown in the one error dialog (ui/foutdialoog.py); the
  window it came from stays open with its input. JET_DEBUG=1 also prints the full traceback.
"""

from __future__ import annotations

import logging

from jet_desktop.meldingen import is_bezet, is_schijf_vol, is_verbinding_weg, teamserver_weigering

_log = logging.getLogger(__name__)

BEZET = ("De gegevensset is bezet door een ander programma; uw invoer staat nog in het formulier. "
         "Probeer het opnieuw.")
SCHIJF_VOL = ("De schijf is vol: er is niets opgeslagen en uw invoer staat nog in het formulier. "
              "Maak ruimte vrij en probeer het opnieuw.")
VERBINDING_WEG = ("De verbinding met de teamserver is verbroken; uw invoer staat nog in het formulier. Er is niets "
                  "opgeslagen. Probeer het opnieuw zodra de server weer bereikbaar is (vraag zo nodig de functioneel "
                  "beheerder).")
VERBINDING_WEG_ALGEMEEN = ("De verbinding met de teamserver is verbroken: de gegevens kunnen nu niet worden gelezen "
                           "of opgeslagen. Wat in een venster staat, blijft staan. Probeer het opnieuw (Vernieuwen) "
                           "zodra de server weer bereikbaar is.")
ONVERWACHT = ("Er ging iets onverwachts mis ({soort}); er is niets opgeslagen. Wat u hebt ingevuld, staat nog "
              "in het venster. Probeer het opnieuw; blijft het misgaan, meld het dan aan de functioneel beheerder.")


def voor_formulier(exc: BaseException) -> str | None:
    if weigering := teamserver_weigering(exc):  # the team server's rights (the second lock) refused it
        tekst = f"{weigering} Uw invoer staat nog in het formulier."
    elif is_verbinding_weg(exc):
        tekst = VERBINDING_WEG
    elif is_bezet(exc):
        tekst = BEZET
    elif is_schijf_vol(exc):
        tekst = SCHIJF_VOL
    else:
        return None
    from jet_desktop import logboek

    _log.warning("Opslaan niet gelukt, invoer blijft in het formulier: %s", logboek.beschrijving(exc), exc_info=exc)
    return tekst


def bekend(exc: BaseException, wat: str | None = None) -> str | None:
    """The message for a failure the application knows, for background work (`wat`: 'Het inlezen') or,
    without `wat`, for whatever the window was doing; None for an unexpected error."""
    from jet_desktop.domain.errors import JetFout
    from jet_desktop.meldingen import OSFout

    if isinstance(exc, (JetFout, OSFout)):  # GeenToegang, NietGelukt, …: Dutch, and names no one it should not
        return str(exc)
    if weigering := teamserver_weigering(exc):
        return weigering
    if is_verbinding_weg(exc):
        if wat is None:
            return VERBINDING_WEG_ALGEMEEN
        return (f"{wat} is niet gelukt: de verbinding met de teamserver is verbroken. Er is niets opgeslagen; "
                "probeer het opnieuw zodra de server weer bereikbaar is.")
    if is_bezet(exc):
        return (f"{wat or 'Het opslaan'} is niet gelukt: de gegevensset is bezet door een ander programma. Er is "
                "niets opgeslagen; probeer het opnieuw.")
    if is_schijf_vol(exc):
        return (f"{wat or 'Het opslaan'} is niet gelukt: de schijf is vol. Er is niets opgeslagen; maak ruimte vrij "
                "en probeer het opnieuw.")
    return None


def voor_werk(exc: BaseException, wat: str) -> str:
    """The line for background work that failed (an import): `wat` says what, e.g. 'Het inlezen'."""
    return bekend(exc, wat) or f"{wat} is mislukt ({type(exc).__name__}). Er is niets opgeslagen."


def melding(exc: BaseException) -> str:
    """One line for an exception no dialog handled (the error dialog shows more)."""
    return voor_formulier(exc) or bekend(exc) or ONVERWACHT.format(soort=type(exc).__name__)
