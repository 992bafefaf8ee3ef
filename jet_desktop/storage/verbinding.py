"""Connecting to the team server: a server that cannot be reached is a Dutch message naming it, in seconds.

`met_verbindingstijd(url)` gives a PostgreSQL URL a `connect_timeout` when it has none (a `--url` typed on the
command line), so a server that does not answer fails within seconds instead of the operating system's minutes.
`onbereikbaar(exc, url)` turns the driver's failure to connect (connection refused, a time-out, an unknown
host name, a failed TLS handshake or certificate, a database that is not there) into `ServerOnbereikbaar`
with the server's name and port; `vertaald(url)` does that around a block (the sign-in's worker). A wrong
gebruikersnaam or wachtwoord is not this module's: the sign-in says that (services/inloggen.InlogFout).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from jet_desktop.domain.errors import JetFout
from jet_desktop.meldingen import db_tekst
from jet_desktop.teamserverprofiel import VERBINDINGSTIJD  # seconds an attempt may take

# (what the driver says, lower case) -> why, in Dutch; the first that matches
_REDENEN = (
    ("connection refused", "de verbinding werd geweigerd (draait de server, klopt de poort?)"),
    ("timeout expired", "de server antwoordde niet binnen {seconden} seconden"),
    ("timed out", "de server antwoordde niet op tijd"),
    ("could not translate host name", "de servernaam is onbekend (klopt de naam, is er netwerk?)"),
    ("failed to resolve host", "de servernaam is onbekend (klopt de naam, is er netwerk?)"),
    ("name or service not known", "de servernaam is onbekend (klopt de naam, is er netwerk?)"),
    ("nodename nor servname", "de servernaam is onbekend (klopt de naam, is er netwerk?)"),
    ("no route to host", "de server is vanaf deze computer niet te bereiken"),
    ("network is unreachable", "het netwerk is niet bereikbaar (is deze computer verbonden?)"),
    ("root certificate file", "het CA-certificaat (sslrootcert) ontbreekt of kan niet worden gelezen"),
    ("certificate verify failed", "het certificaat van de server is niet te vertrouwen (klopt het CA-certificaat?)"),
    ("does not match host name", "het certificaat van de server hoort niet bij deze servernaam"),
    ("server does not support ssl", "de server biedt geen versleutelde verbinding"),
    ("ssl negotiation", "de server antwoordt niet als een PostgreSQL-server (klopt de poort?)"),
    ("ssl", "de beveiligde verbinding (SSL/TLS) mislukte"),
    ("too many connections", "de server heeft te veel verbindingen open; probeer het zo opnieuw"),
    ("the database system is starting up", "de server start nog op; probeer het zo opnieuw"),
    ("the database system is shutting down", "de server wordt afgesloten"),
)


class ServerOnbereikbaar(JetFout):
    """The team server could not be reached; nothing was opened. The message names host and port."""


def met_verbindingstijd(url: str, seconden: int = VERBINDINGSTIJD) -> str:
    """`url` with `connect_timeout` when it is a PostgreSQL URL without one (other URLs as they are)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if not u.drivername.startswith("postgresql") or "connect_timeout" in u.query:
        return url
    return u.update_query_dict({"connect_timeout": str(seconden)}).render_as_string(hide_password=False)


def server(url: str) -> str:
    """"host (poort N)" of a PostgreSQL URL, for messages."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return f"{u.host or 'localhost'} (poort {u.port or 5432})"


def onbereikbaar(exc: BaseException, url: str) -> ServerOnbereikbaar | None:
    """The Dutch message for a failure to connect to the server of `url`; None when `exc` is something else."""
    orig = getattr(exc, "orig", None) or exc
    if not type(orig).__module__.startswith("psycopg"):
        return None
    import psycopg

    if not isinstance(orig, psycopg.OperationalError):
        return None
    staat = getattr(orig, "sqlstate", None) or ""
    tekst = db_tekst(exc)
    from sqlalchemy.engine import make_url

    u = make_url(url)
    database = u.database or ""
    if staat == "3D000" or (not staat and "database" in tekst and "does not exist" in tekst):
        return ServerOnbereikbaar(f"De teamserver {server(url)} heeft geen database „{database}”: controleer het "
                                  "teamserverprofiel (Wijzigen…) of vraag IT.")
    if staat and not staat.startswith(("08", "53", "57P")):
        return None  # the server answered: a wrong password, a missing role (the sign-in's own message)
    if staat.startswith("28") or "password authentication failed" in tekst or "no password supplied" in tekst:
        return None
    reden = next((r for sleutel, r in _REDENEN if sleutel in tekst), "de verbinding kwam niet tot stand")
    reden = reden.format(seconden=u.query.get("connect_timeout", VERBINDINGSTIJD))
    return ServerOnbereikbaar(f"De teamserver {server(url)} is niet bereikbaar: {reden}. Uw invoer staat nog in het "
                              "venster; probeer het opnieuw of vraag IT.")


@contextmanager
def vertaald(url: str) -> Iterator[None]:
    """Raises ServerOnbereikbaar for a failure to reach the server of `url` inside the block."""
    try:
        yield
    except Exception as exc:
        melding = onbereikbaar(exc, url)
        if melding is None:
            raise
        raise melding from exc
