"""Setting up and upgrading the team server (`jet-desktop teamserver init`), and logins for scripts
(`jet-desktop teamserver gebruiker`). Run by IT with an administrator's login (docs/teamserver.md);
the roles, policies and functions themselves are in storage/teamserver.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import event, select
from sqlalchemy.engine import Connection, Engine, make_url

from jet_desktop.domain import wachtwoord as ww
from jet_desktop.domain.enums import Rol
from jet_desktop.domain.errors import FieldError, ValidationError
from jet_desktop.storage import teamserver as ts
from jet_desktop.storage.engine import make_engine
from jet_desktop.storage.models import Medewerker
from jet_desktop.storage.store import Store

M = Medewerker.__table__


@dataclass
class Verslag:
    """What `init` did, as Dutch lines for IT."""

    regels: list[str] = field(default_factory=list)

    def __call__(self, regel: str) -> None:
        self.regels.append(regel)


def voer_uit(conn: Connection, sql: str) -> None:
    """A statement (or several) as is, without the driver's parameter parsing (the SQL holds '%')."""
    cur = conn.connection.cursor()
    try:
        cur.execute(sql)
    finally:
        cur.close()


def _eigenaar_engine(url: str) -> Engine:
    """The admin's connection working as the schema owner: what the migrations make is owned by it."""
    engine = make_engine(url)

    @event.listens_for(engine, "connect")
    def _als_eigenaar(dbapi_conn, _record):  # pragma: no cover - trivial
        cur = dbapi_conn.cursor()
        cur.execute(f"SET ROLE {ts.EIGENAAR}")
        cur.close()
        dbapi_conn.commit()

    return engine


def _controleer_server(conn: Connection) -> tuple[str, str]:
    versie = int(conn.exec_driver_sql("SHOW server_version_num").scalar())
    tekst = conn.exec_driver_sql("SHOW server_version").scalar()
    if versie < ts.MIN_VERSIE:
        raise ts.TeamserverFout(f"De server is PostgreSQL {tekst}; JET Desktop vraagt PostgreSQL 15 of nieuwer. "
                                "Er is niets gewijzigd.")
    r = conn.exec_driver_sql("SELECT rolsuper, rolcreaterole, current_database() FROM pg_roles "
                             "WHERE rolname = current_user").one()
    if not r.rolsuper:
        raise ts.TeamserverFout("teamserver init vraagt een beheerderslogin met SUPERUSER (rollen aanmaken, de "
                                "eigenaar van het schema zetten); er is niets gewijzigd.")
    return tekst, r.current_database


def init(url: str, beheerder: str | None = None, naam: str | None = None, wachtwoord: str | None = None,
         extra: Callable[[Connection], str] | None = None) -> Verslag:
    """Create or upgrade the team server at `url` (an administrator's login). Idempotent.

    `extra`: what the layers above install as the schema owner in the same transaction, returning a line
    for the report (reports/teamserverfuncties.installeer: the count functions of the monitor)."""
    from jet_desktop.domain.gebruikersnaam import is_geldig
    from jet_desktop.storage.migrations import current_revision, upgrade_to_head
    from jet_desktop.storage.schema_version import HEAD_REVISION

    if beheerder is not None:  # checked before anything changes on the server
        if not is_geldig(beheerder.strip().lower()):
            raise ValidationError([FieldError("gebruikersnaam", f"--beheerder '{beheerder}': 2 tot 60 kleine letters, "
                                                                "cijfers, punt, streepje of liggend streepje.")])
        if reden := ww.zwakte(wachtwoord or ""):
            raise ValidationError([FieldError("wachtwoord", f"Wachtwoord (JET_NIEUW_WACHTWOORD): {reden}. "
                                                            "Er is niets gewijzigd.")])
    verslag = Verslag()
    admin = make_engine(url)
    try:
        with admin.begin() as conn:
            versie, db = _controleer_server(conn)
            verslag(f"Server: PostgreSQL {versie}, database {db}")
            for sql in ts.rollen_sql():
                voer_uit(conn, sql)
            admin_naam = conn.exec_driver_sql("SELECT current_user").scalar()
            voer_uit(conn, f'GRANT {ts.EIGENAAR} TO "{admin_naam}"')
            voer_uit(conn, f"GRANT pg_signal_backend TO {ts.EIGENAAR}")  # end a switched-off user's sessions
            voer_uit(conn, f'ALTER SCHEMA public OWNER TO {ts.EIGENAAR}')
            voer_uit(conn, f'REVOKE ALL ON DATABASE "{db}" FROM PUBLIC')
            voer_uit(conn, f'GRANT CONNECT, TEMPORARY ON DATABASE "{db}" TO {", ".join(ts.ALLE)}')
            # a store made before by hand (a shared login): its tables become the owner's
            overgenomen = conn.exec_driver_sql(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v', 'p') "
                f"AND pg_get_userbyid(c.relowner) <> '{ts.EIGENAAR}' "
                # a sequence of a column (serial, identity) goes along with its table and cannot move alone
                "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass "
                "AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')) "
                "ORDER BY c.relkind = 'S', c.relname").scalars().all()
            for tabel in overgenomen:
                voer_uit(conn, f'ALTER TABLE "{tabel}" OWNER TO {ts.EIGENAAR}')
            for f in conn.exec_driver_sql(
                    "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                    f"WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '{ts.EIGENAAR}'").scalars().all():
                voer_uit(conn, f"ALTER FUNCTION {f} OWNER TO {ts.EIGENAAR}")
            verslag(f"Rollen: {ts.EIGENAAR} (eigenaar van het schema, geen login), {', '.join(ts.ALLE)}")
            if overgenomen:
                verslag(f"Bestaande tabellen overgedragen aan {ts.EIGENAAR}: {len(overgenomen)}")
    finally:
        admin.dispose()

    eigenaar = _eigenaar_engine(url)
    try:
        voor = current_revision(eigenaar)
        upgrade_to_head(eigenaar)
        verslag(f"Schema: {HEAD_REVISION}" + (" (nieuw)" if voor is None else
                                                " (was al bij)" if voor == HEAD_REVISION else f" (was {voor})"))
        with eigenaar.begin() as conn:
            voer_uit(conn, ts.FUNCTIES)
            for sql in ts.rechten_sql(conn):
                voer_uit(conn, sql)
            installeer_extra(conn)
            extra_regel = extra(conn) if extra is not None else None
            n = len(ts._tabellen(conn))
        verslag(f"Rijbeveiliging en rechten op {n} tabellen; auditfunctie jet_audit_schrijf; "
                "gebruikersfuncties jet_login_bijwerken en jet_login_wachtwoord; meldingen bij wijzigingen "
                "(LISTEN/NOTIFY op jet_wijziging)")
        if extra_regel:
            verslag(extra_regel)
    finally:
        eigenaar.dispose()

    store = Store.open(url, user="teamserver init", migrate=False)
    try:
        beheerders = _beheerders(store)
        if beheerders:
            verslag(f"Functioneel beheerder(s): {', '.join(beheerders)}")
        elif beheerder is None:
            raise ts.TeamserverFout("Er is nog geen functioneel beheerder: geef --beheerder GEBRUIKERSNAAM en --naam "
                                    "(wachtwoord in JET_NIEUW_WACHTWOORD). De rest is wel ingericht.")
        else:
            gebruiker(store, beheerder, naam or beheerder, Rol.BEHEERDER, wachtwoord or "", start=False)
            verslag(f"Eerste functioneel beheerder aangemaakt: {beheerder.strip().lower()}")
    finally:
        store.engine.dispose()
    return verslag


def installeer_extra(conn: Connection) -> None:
    """What other parts of the application install on the team server: the notifications that refresh a
    colleague's lists (storage/wijzigingsmelding.py, LISTEN/NOTIFY with only a table name)."""
    from jet_desktop.storage import wijzigingsmelding

    wijzigingsmelding.installeer(conn)


def _beheerders(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(M.c.gebruikersnaam).where(
            M.c.rol == Rol.BEHEERDER.value, M.c.actief.is_(True), M.c.deleted_at.is_(None))
            .order_by(M.c.gebruikersnaam)).scalars())


def gebruiker(store: Store, gebruikersnaam: str, naam: str, rol: Rol, wachtwoord: str, start: bool = True) -> uuid.UUID:
    """Create a medewerker with their login, or (an existing gebruikersnaam) give them this name, role and
    password; as the system (IT's login) or a functioneel beheerder. `start`: they choose their own at
    the first sign-in."""
    from jet_desktop.services import medewerkers

    if reden := ww.zwakte(wachtwoord):
        raise ValidationError([FieldError("wachtwoord", f"Wachtwoord (JET_NIEUW_WACHTWOORD): {reden}.")])
    gebruikersnaam = gebruikersnaam.strip().lower()
    with store.engine.connect() as conn:
        r = conn.execute(select(M.c.id, M.c.version, M.c.fte).where(M.c.gebruikersnaam == gebruikersnaam,
                                                                  M.c.deleted_at.is_(None))).first()
    if r is None:
        mid = medewerkers.voeg_toe(store, naam, rol, gebruikersnaam=gebruikersnaam, wachtwoord=wachtwoord,
                                   start=start)
    else:
        mid = r.id
        medewerkers.wijzig(store, mid, r.version, naam, gebruikersnaam, rol, r.fte, True)
        medewerkers.stel_wachtwoord_in(store, mid, wachtwoord, start=start)
    return mid


def login_url(url: str, gebruikersnaam: str, wachtwoord: str) -> str:
    """The server's URL with this medewerker's own login (never a shared one)."""
    return make_url(url).set(username=gebruikersnaam.strip().lower(), password=wachtwoord).render_as_string(
        hide_password=False)



def demo_logins(store: Store, wachtwoord: str) -> list[str]:
    """A login with `wachtwoord` for every demo medewerker without one (demo/teamserver.py only: the demo
    generator writes its medewerkers as rows); 'gebruikersnaam  (rol)' lines, one per role first."""
    from jet_desktop.services import login, medewerkers

    with store.engine.begin() as conn:
        rijen = conn.execute(select(M.c.id, M.c.gebruikersnaam, M.c.rol).where(
            M.c.updated_by == "demo", M.c.gebruikersnaam.is_not(None), M.c.deleted_at.is_(None))).all()
        bestaand = set(conn.exec_driver_sql("SELECT rolname FROM pg_roles").scalars())
        for r in rijen:
            if r.gebruikersnaam not in bestaand:
                login.bijwerken(conn, r.id)
                login.wachtwoord(conn, r.id, wachtwoord, start=False)
    return medewerkers.demo_aanmeldnamen(store)
