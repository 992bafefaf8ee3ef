"""Medewerkers signed in as they really are (issue 12): on the team server (PostgreSQL after `teamserver init`)
each session is the medewerker's own PostgreSQL login, so the database's row-level security checks every
query of the services under test; on SQLite the session is the same Store in the medewerker's name, as the
application makes it after signing in (services/inloggen.py). Fixture `inloggen_als` (tests/conftest.py).

Logins are cluster-wide roles while each test has its own database: a medewerker made through the services
gets the login of their gebruikersnaam (made, or taken over with its group made right again, by the server's
jet_login_bijwerken), and `als` sets its password anew before signing in, so a role left by an earlier test in
the same cluster (same name, another database) is made what this test's row says: setting up is idempotent.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from sqlalchemy import select

from jet_desktop.domain.enums import Rol
from jet_desktop.storage.models import Medewerker
from jet_desktop.storage.store import Store

M = Medewerker.__table__
WACHTWOORD = "Test-Login-Wachtwoord-2026"


def server_url(store: Store) -> str:
    """The URL a workstation has: the server and database, no login in it."""
    return store.engine.url.set(username=None, password=None).render_as_string(hide_password=False)


class InloggenAls:
    """`inloggen_als(store, medewerker_id)`: a Store of that medewerker, signed in (disposed after the test)."""

    def __init__(self):
        self._sessies: list[Store] = []

    def __call__(self, store: Store, medewerker_id: uuid.UUID) -> Store:
        with store.engine.connect() as conn:
            r = conn.execute(select(M.c.naam, M.c.rol, M.c.gebruikersnaam).where(M.c.id == medewerker_id)).one()
        if store.engine.dialect.name == "sqlite":
            return replace(store, user=r.naam, user_id=medewerker_id, rol=Rol(r.rol), namens="")
        assert store.teamserver, "inloggen_als op PostgreSQL vraagt een teamserver (de fixture inloggen_als)"
        from jet_desktop.services import inloggen, login

        with store.engine.begin() as conn:  # as IT: no audit line, no start password
            login.wachtwoord(conn, medewerker_id, WACHTWOORD, start=False)
        sessie = inloggen.open_sessie(r.gebruikersnaam, WACHTWOORD, url=server_url(store))
        assert sessie.teamserver and sessie.user_id == medewerker_id
        self._sessies.append(sessie)
        return sessie

    def sluit(self) -> None:
        for sessie in self._sessies:
            sessie.engine.dispose()
        self._sessies.clear()
