"""The database login of a medewerker on the team server, kept to their row by the server's own functions
(storage/teamserver.py: jet_login_bijwerken, jet_login_wachtwoord). Called inside the transaction that
changes the row, so the row and the login change together or not at all."""

from __future__ import annotations

import uuid
import weakref

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine

from jet_desktop.domain import scram


def bijwerken(conn: Connection, medewerker_id: uuid.UUID, oude_naam: str | None = None) -> None:
    conn.execute(text("SELECT jet_login_bijwerken(:id, :oud)"), {"id": medewerker_id, "oud": oude_naam})


def wachtwoord(conn: Connection, medewerker_id: uuid.UUID, wachtwoord: str, start: bool) -> None:
    """Only a SCRAM verifier goes to the server, never the password itself."""
    conn.execute(text("SELECT jet_login_wachtwoord(:id, :v, :start)"),
                 {"id": medewerker_id, "v": scram.verifier(wachtwoord), "start": start})


_WACHTWOORD: "weakref.WeakKeyDictionary[Engine, str]" = weakref.WeakKeyDictionary()


def onthoud(engine: Engine, wachtwoord: str) -> None:
    """New connections of `engine` sign in with this password from now on (the medewerker just chose it);
    open ones stay as they are."""
    if engine not in _WACHTWOORD:
        @event.listens_for(engine, "do_connect")
        def _met_wachtwoord(_dialect, _record, _cargs, cparams):  # pragma: no cover - trivial
            cparams["password"] = _WACHTWOORD.get(engine, cparams.get("password"))
    _WACHTWOORD[engine] = wachtwoord
