"""What a headless command says when it fails: one Dutch message and exit code 1 or 2, never a traceback.

`melding(exc)` knows the failures a user can cause (a full disk, a store that is busy, damaged or
no JET store, a wrong wachtwoordzin, a bad --url, a server that does not answer, a missing right);
`onverwacht(exc)` is the last resort in `cli.main` for anything else: a one-line message without the
exception's text (it may hold a name), the traceback (files, lines, functions, the exception's type,
never its text) in the application's log (jet_desktop/logboek.py: `<data dir>/logs/jet-desktop.log`),
and the full traceback on stderr only with JET_DEBUG=1.

The same texts serve the GUI (ui/foutmelding.py), so a full disk or a busy store reads alike.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path

from jet_desktop.domain.errors import JetFout
from jet_desktop.meldingen import is_bezet, is_schijf_vol, os_reden  # noqa: F401  (re-exported)

SCHIJF_VOL = "De schijf is vol: {wat}. Er is niets half opgeslagen; maak ruimte vrij en probeer het opnieuw."
BEZET = ("De gegevensset is bezet door een ander programma (het schrijft er net in); er is niets opgeslagen. "
         "Probeer het zo opnieuw.")
VERBINDING_VERBROKEN = ("De verbinding met de teamserver is verbroken; de opdracht is afgebroken en wat nog niet was "
                       "opgeslagen, is niet opgeslagen. Probeer het opnieuw zodra de server weer bereikbaar is.")
BESCHADIGD = ("De gegevensset is beschadigd en kan niet worden gelezen. Zet een reservekopie terug "
              "(jet-desktop restore --from BESTAND).")


class OpdrachtFout(JetFout):
    """A failure the user can fix, with its Dutch message and exit code (2: how the command was called)."""

    def __init__(self, melding: str, code: int = 1):
        super().__init__(melding)
        self.code = code


def schrijffout(pad, exc: OSError) -> OpdrachtFout:
    """The message for an output file that could not be written."""
    if is_schijf_vol(exc):
        return OpdrachtFout(SCHIJF_VOL.format(wat=f"{pad} kon niet worden geschreven"))
    return OpdrachtFout(f"Kan {pad} niet schrijven: {os_reden(exc)}. Er is niets half opgeslagen.")


def _server_reden(tekst: str) -> str:
    for sleutel, reden in (("permission denied for database", "deze login mag niet met deze database verbinden"),
                           ("connection refused", "de verbinding werd geweigerd (draait de server, klopt de poort?)"),
                           ("password authentication failed", "gebruikersnaam of wachtwoord onjuist"),
                           ("no password supplied", "er is geen wachtwoord opgegeven"),
                           ("does not exist", "de database of de gebruiker bestaat niet"),
                           ("could not translate host name", "de servernaam is onbekend"),
                           ("failed to resolve host", "de servernaam is onbekend"),
                           ("name or service not known", "de servernaam is onbekend"),
                           ("timeout", "de server antwoordt niet op tijd"),
                           ("timed out", "de server antwoordt niet op tijd"),
                           ("no route to host", "de server is niet bereikbaar"),
                           ("network is unreachable", "het netwerk is niet bereikbaar"),
                           ("ssl", "de beveiligde verbinding (SSL) mislukte"),
                           ("too many connections", "de server heeft te veel verbindingen open")):
        if sleutel in tekst:
            return reden
    return "de verbinding mislukte"


def melding(exc: BaseException) -> tuple[str, int] | None:
    """(Dutch message, exit code) for a failure a user can cause; None when it is unexpected."""
    from jet_desktop.services.autorisatie import GeenToegang
    from jet_desktop.storage.bestand import WachtwoordzinFout

    if isinstance(exc, OpdrachtFout):
        return str(exc), exc.code
    if isinstance(exc, WachtwoordzinFout):
        return str(exc), 2
    if isinstance(exc, GeenToegang):
        return str(exc), 2
    from jet_desktop.storage.bijwerken import NietBijgewerkt, NieuwereGegevensset
    from jet_desktop.storage.store import TeamserverVersieFout
    from jet_desktop.storage.teamserver import TeamserverFout

    if isinstance(exc, (TeamserverFout, TeamserverVersieFout, NieuwereGegevensset, NietBijgewerkt)):
        return str(exc), 1
    from jet_desktop.meldingen import teamserver_weigering

    if weigering := teamserver_weigering(exc):
        return weigering, 2
    if is_schijf_vol(exc):
        naam = getattr(exc, "filename", None)
        return SCHIJF_VOL.format(wat=f"{naam} kon niet worden geschreven" if naam else "de opdracht is afgebroken"), 1
    from jet_desktop.domain.errors import ValidationError

    if isinstance(exc, ValidationError):
        return "\n".join(e.message for e in exc.errors) or str(exc), 1
    from sqlalchemy import exc as sa

    if isinstance(exc, sa.NoSuchModuleError):
        return ("De --url noemt een onbekend databasetype; gebruik postgresql+psycopg://GEBRUIKER@SERVER/DATABASE "
                "of --db BESTAND."), 2
    if isinstance(exc, sa.ArgumentError):
        return ("De --url is geen geldige database-URL; gebruik postgresql+psycopg://GEBRUIKER@SERVER/DATABASE "
                "of --db BESTAND."), 2
    from jet_desktop.meldingen import db_tekst, is_verbinding_verbroken

    if is_verbinding_verbroken(exc):
        return VERBINDING_VERBROKEN, 1
    if tekst := db_tekst(exc):
        if is_bezet(exc):
            return BEZET, 1
        if "malformed" in tekst or "disk image" in tekst:
            return BESCHADIGD, 1
        if "file is not a database" in tekst:
            return "Het bestand is geen JET-gegevensset (of de wachtwoordzin is onjuist). Er is niets gewijzigd.", 2
        if "unable to open database" in tekst:
            return "De gegevensset kan niet worden geopend: controleer --db (een bestand, geen map) en de rechten.", 2
        if "readonly" in tekst or "read-only" in tekst:
            return "De gegevensset is alleen-lezen: er kan niets in worden opgeslagen. Er is niets gewijzigd.", 1
        if "disk i/o error" in tekst:
            return ("De gegevensset kan niet worden gelezen of geschreven (een schijffout, of --db is geen gewoon "
                    "bestand). Er is niets opgeslagen.", 1)
        if getattr(exc, "connection_invalidated", False) or any(
                t in tekst for t in ("connection", "server", "resolve host", "host name")):
            return f"De databaseserver is niet bereikbaar: {_server_reden(tekst)}. Controleer --url.", 1
    if type(exc).__name__ == "CommandError" and "can't locate revision" in str(exc).lower():  # alembic
        return ("De gegevensset heeft een schemaversie die deze versie van JET Desktop niet kent (gemaakt door een "
                "nieuwere versie, of geen JET-gegevensset). Er is niets gewijzigd."), 1
    if isinstance(exc, OSError):
        naam = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        return f"De opdracht is afgebroken{naam}: {os_reden(exc)}.", 1
    if isinstance(exc, ModuleNotFoundError) and not (exc.name or "").startswith("jet_desktop"):
        return (f"Het stuurprogramma voor deze database ontbreekt (module {exc.name}); gebruik "
                "postgresql+psycopg://... of --db BESTAND."), 2
    if isinstance(exc, MemoryError):
        return "Er is niet genoeg geheugen voor deze opdracht; er is niets half opgeslagen.", 1
    return None


def logbestand() -> Path:
    """The one log of the application (jet_desktop/logboek.py)."""
    from jet_desktop import logboek

    return logboek.pad()


def onverwacht(exc: BaseException) -> tuple[str, int]:
    """The last resort: one Dutch line; the traceback in the log (without the exception's text: it may hold
    a name), the full traceback on stderr only with JET_DEBUG=1."""
    from jet_desktop import logboek

    if os.environ.get("JET_DEBUG") == "1":
        traceback.print_exception(exc, file=sys.stderr)
    logging.getLogger("jet_desktop.cli").error("Onverwachte fout; de opdracht is afgebroken", exc_info=exc)
    waar = f" Details (zonder persoonsgegevens) staan in {logbestand()}." if logboek.actief() else ""
    return (f"Er ging iets onverwachts mis ({type(exc).__name__}); de opdracht is afgebroken.{waar} "
            "Zet JET_DEBUG=1 voor de volledige melding."), 1
